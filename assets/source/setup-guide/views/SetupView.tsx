import { __, sprintf } from '@wordpress/i18n';
import { useState } from '@wordpress/element';
import { Button, Flex, Notice, VisuallyHidden } from '@wordpress/components';
import type { GuideApi } from '../api';
import type { RunRequest } from '../App';
import { Faq, WelcomeSection } from '../components/WelcomeSection';
import { SetupAccount } from '../components/SetupAccount';
import { ClaimWebsite } from '../components/ClaimWebsite';
import { SetupTracking } from '../components/SetupTracking';
import { STEPS } from '../types';
import type { GuideState, StepId } from '../types';

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

interface SetupViewProps {
	state: GuideState;
	busy: boolean;
	run: RunRequest;
	api: GuideApi;
	settingsUrl: string;
}

/**
 * The Setup view: the guide's four steps, each revisitable from the step list.
 *
 * @param props             Props.
 * @param props.state       The guide's state.
 * @param props.busy        Whether a request is running.
 * @param props.run         Runs a guide request.
 * @param props.api         The guide's REST calls.
 * @param props.settingsUrl URL of the Settings view.
 * @return The view.
 */
export function SetupView( {
	state,
	busy,
	run,
	api,
	settingsUrl,
}: SetupViewProps ) {
	const [ current, setCurrent ] = useState< StepId >(
		() =>
			STEPS.find( ( step ) => ! state.completed.includes( step ) ) ??
			'tracking'
	);
	const titles = stepTitles();
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
			<nav
				aria-label={ __(
					'Setup steps',
					'usage-tracking-for-woocommerce'
				) }
			>
				<ol className="utw-setup-guide__steps">
					{ STEPS.map( ( step, index ) => {
						const done = state.completed.includes( step );
						const active = step === current;
						return (
							<li key={ step }>
								<button
									type="button"
									className={ `utw-setup-guide__step${
										active ? ' is-active' : ''
									}${ done ? ' is-done' : '' }` }
									aria-current={ active ? 'step' : undefined }
									onClick={ () => setCurrent( step ) }
								>
									<span
										className="utw-setup-guide__step-mark"
										aria-hidden="true"
									>
										{ done ? '✓' : index + 1 }
									</span>
									<span className="utw-setup-guide__step-title">
										<VisuallyHidden as="span">
											{ `${ index + 1 }. ` }
										</VisuallyHidden>
										{ titles[ step ] }
									</span>
									{ done && (
										<VisuallyHidden as="span">
											{ ' ' }
											{ __(
												'(completed)',
												'usage-tracking-for-woocommerce'
											) }
										</VisuallyHidden>
									) }
								</button>
							</li>
						);
					} ) }
				</ol>
			</nav>
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
						onToggle={ ( name, enabled ) =>
							run( () => api.setSwitch( name, enabled ) )
						}
					/>
					{ state.completed.includes( 'tracking' ) ? (
						<Notice status="success" isDismissible={ false }>
							{ __(
								'Setup is complete.',
								'usage-tracking-for-woocommerce'
							) }{ ' ' }
							<a href={ settingsUrl }>
								{ __(
									'Open the Settings view',
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
