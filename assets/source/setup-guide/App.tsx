import { __, sprintf } from '@wordpress/i18n';
import { useState } from '@wordpress/element';
import { Button, Flex, Notice } from '@wordpress/components';
import { GuideError, guideApi as defaultApi } from './api';
import type { GuideApi } from './api';
import { useRecordEvent } from './tracks';
import { Faq, WelcomeSection } from './components/WelcomeSection';
import { SetupAccount } from './components/SetupAccount';
import { ClaimWebsite } from './components/ClaimWebsite';
import { SetupTracking } from './components/SetupTracking';
import { AccountConnection } from './components/AccountConnection';
import { STEPS } from './types';
import type { GuideState, PageData, StepId } from './types';

const stepTitles = (): Record< StepId, string > => ( {
	'getting-started': __(
		'Getting started',
		'usage-tracking-for-woocommerce'
	),
	account: __( 'Connect your account', 'usage-tracking-for-woocommerce' ),
	'claim-website': __(
		'Claim your website',
		'usage-tracking-for-woocommerce'
	),
	tracking: __( 'Set up tracking', 'usage-tracking-for-woocommerce' ),
} );

type FailedAction = 'connect' | 'business-account' | 'claim-website';

interface AppProps extends PageData {
	api?: GuideApi;
}

/**
 * The setup guide (four steps, each revisitable) or, with `view: 'settings'`, the settings view.
 *
 * @fires utw_setup_step_complete with `{ step }` when a step becomes completed.
 * @fires utw_account_connection_failed with `{ reason, action }` when the service is down or refuses.
 * @param props             Page data from PHP.
 * @param props.view        `guide` or `settings`.
 * @param props.state       The guide's state.
 * @param props.guideUrl    URL of the guide.
 * @param props.settingsUrl URL of the settings view.
 * @param props.api         REST calls (tests pass their own server).
 * @return The page.
 */
export function App( {
	view,
	state: initialState,
	guideUrl,
	settingsUrl,
	api = defaultApi,
}: AppProps ) {
	const recordEvent = useRecordEvent();
	const [ state, setState ] = useState< GuideState >( initialState );
	const [ busy, setBusy ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );
	const [ current, setCurrent ] = useState< StepId >(
		() =>
			STEPS.find(
				( step ) => ! initialState.completed.includes( step )
			) ?? 'tracking'
	);
	const titles = stepTitles();

	async function run(
		request: () => Promise< GuideState >,
		failedAction?: FailedAction
	): Promise< GuideState | null > {
		setBusy( true );
		setError( null );
		try {
			const next = await request();
			next.completed
				.filter( ( step ) => ! state.completed.includes( step ) )
				.forEach( ( step ) =>
					recordEvent( 'utw_setup_step_complete', { step } )
				);
			setState( next );
			return next;
		} catch ( caught ) {
			const failure =
				caught instanceof GuideError
					? caught
					: new GuideError( 'unknown', String( caught ) );
			setError( failure.message );
			if ( failedAction && failure.reason ) {
				recordEvent( 'utw_account_connection_failed', {
					reason: failure.reason,
					action: failedAction,
				} );
			}
			return null;
		} finally {
			setBusy( false );
		}
	}

	const errorNotice = error && (
		<Notice status="error" onRemove={ () => setError( null ) }>
			{ error }
		</Notice>
	);
	const toggleTracking = ( enabled: boolean ) =>
		run( () => api.setTracking( enabled ) );

	if ( view === 'settings' ) {
		return (
			<div className="utw-setup-guide">
				<h1>
					{ __(
						'Usage Tracking settings',
						'usage-tracking-for-woocommerce'
					) }
				</h1>
				{ errorNotice }
				<AccountConnection
					account={ state.account }
					busy={ busy }
					onConnect={ () => run( api.connect, 'connect' ) }
					onDisconnect={ () => run( api.disconnect ) }
				/>
				<SetupTracking
					state={ state }
					context="settings"
					busy={ busy }
					onToggle={ toggleTracking }
				/>
				<p>
					<a href={ guideUrl }>
						{ __(
							'Open the setup guide',
							'usage-tracking-for-woocommerce'
						) }
					</a>
				</p>
			</div>
		);
	}

	const next = STEPS[ STEPS.indexOf( current ) + 1 ];
	const continueButton = next && state.completed.includes( current ) && (
		<Button variant="primary" onClick={ () => setCurrent( next ) }>
			{ sprintf(
				/* translators: %s: title of the next step. */
				__( 'Continue: %s', 'usage-tracking-for-woocommerce' ),
				titles[ next ]
			) }
		</Button>
	);

	return (
		<div className="utw-setup-guide">
			<h1>
				{ __(
					'Set up Usage Tracking',
					'usage-tracking-for-woocommerce'
				) }
			</h1>
			<nav
				aria-label={ __(
					'Setup steps',
					'usage-tracking-for-woocommerce'
				) }
			>
				<ol className="utw-setup-guide__steps">
					{ STEPS.map( ( step, index ) => {
						const done = state.completed.includes( step );
						return (
							<li key={ step }>
								<Button
									variant={
										step === current
											? 'primary'
											: 'tertiary'
									}
									aria-current={
										step === current ? 'step' : undefined
									}
									onClick={ () => setCurrent( step ) }
								>
									{ `${ index + 1 }. ${ titles[ step ] }` }
									{ done && (
										<span className="utw-setup-guide__done">
											{ ' ' }
											{ __(
												'(completed)',
												'usage-tracking-for-woocommerce'
											) }
										</span>
									) }
								</Button>
							</li>
						);
					} ) }
				</ol>
			</nav>
			{ errorNotice }
			{ current === 'getting-started' && (
				<>
					<WelcomeSection
						busy={ busy }
						onGetStarted={ async () => {
							if (
								await run( () =>
									api.completeStep( 'getting-started' )
								)
							) {
								setCurrent( 'account' );
							}
						} }
					/>
					<Faq />
				</>
			) }
			{ current === 'account' && (
				<SetupAccount
					state={ state }
					busy={ busy }
					onConnect={ () => run( api.connect, 'connect' ) }
					onDisconnect={ () => run( api.disconnect ) }
					onPickBusinessAccount={ ( id ) =>
						run(
							() => api.pickBusinessAccount( id ),
							'business-account'
						)
					}
				/>
			) }
			{ current === 'claim-website' && (
				<ClaimWebsite
					connected={ !! state.account }
					claimed={ state.completed.includes( 'claim-website' ) }
					busy={ busy }
					onClaim={ () => run( api.claimWebsite, 'claim-website' ) }
				/>
			) }
			{ current === 'tracking' && (
				<>
					<SetupTracking
						state={ state }
						context="wizard"
						busy={ busy }
						onToggle={ toggleTracking }
					/>
					{ state.completed.includes( 'tracking' ) ? (
						<Notice status="success" isDismissible={ false }>
							{ __(
								'Setup is complete.',
								'usage-tracking-for-woocommerce'
							) }{ ' ' }
							<a href={ settingsUrl }>
								{ __(
									'Manage settings',
									'usage-tracking-for-woocommerce'
								) }
							</a>
						</Notice>
					) : (
						<Button
							variant="primary"
							isBusy={ busy }
							disabled={ busy }
							onClick={ () =>
								run( () => api.completeStep( 'tracking' ) )
							}
						>
							{ __(
								'Finish setup',
								'usage-tracking-for-woocommerce'
							) }
						</Button>
					) }
				</>
			) }
			<Flex className="utw-setup-guide__footer" justify="flex-end">
				{ continueButton }
			</Flex>
		</div>
	);
}
