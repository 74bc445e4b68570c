import { __ } from '@wordpress/i18n';
import {
	Card,
	CardBody,
	CardHeader,
	Notice,
	ToggleControl,
} from '@wordpress/components';
import { DocumentationLink } from '../documentation-link';
import { documentation } from '../documentation';
import { GateState } from './GateState';
import type { GuideState, SwitchId, TrackingContext } from '../types';

interface SetupTrackingProps {
	state: GuideState;
	context: TrackingContext;
	busy: boolean;
	onToggle: ( name: SwitchId, enabled: boolean ) => void;
	/** URL of the Setup view, linked when events wait for the connection. */
	setupUrl?: string;
}

const switchLabels = (): Record< SwitchId, string > => ( {
	plugin: __(
		'Send usage events from this store',
		'usage-tracking-for-woocommerce'
	),
	storefront: __(
		'Storefront events: what shoppers do (product views, cart, checkout, orders)',
		'usage-tracking-for-woocommerce'
	),
	admin: __(
		'Admin events: changes to store settings, and the setup guide',
		'usage-tracking-for-woocommerce'
	),
} );

/**
 * Step 4, and the Settings view: the switches (the plugin's; in the Settings view also storefront
 * and admin events'), WooCommerce's opt-in, and whether each kind of event is sent now.
 *
 * @fires utw_documentation_link_click with `{ link_id: 'install-tag', context: 'wizard'|'settings' }`
 * @fires utw_documentation_link_click with `{ link_id: 'data-terms', context: 'wizard'|'settings' }`
 * @fires utw_documentation_link_click with `{ link_id: 'woocommerce-usage-tracking', context: 'wizard'|'settings' }`
 * @param props          Props.
 * @param props.state    The guide's state.
 * @param props.context  `wizard` in the guide, `settings` in the Settings view.
 * @param props.busy     Whether a request is running.
 * @param props.onToggle Turns a switch on or off.
 * @param props.setupUrl URL of the Setup view.
 * @return The controls.
 */
export function SetupTracking( {
	state,
	context,
	busy,
	onToggle,
	setupUrl,
}: SetupTrackingProps ) {
	const { switches, wooCommerceOptIn, families } = state.tracking;
	const labels = switchLabels();
	const shown: SwitchId[] =
		context === 'settings'
			? [ 'plugin', 'storefront', 'admin' ]
			: [ 'plugin' ];
	return (
		<Card>
			<CardHeader>
				<h2>
					{ context === 'settings'
						? __( 'Switches', 'usage-tracking-for-woocommerce' )
						: __(
								'Set up tracking',
								'usage-tracking-for-woocommerce'
						  ) }
				</h2>
			</CardHeader>
			<CardBody>
				{ shown.map( ( name ) => (
					<ToggleControl
						key={ name }
						__nextHasNoMarginBottom
						className="utw-screen__switch"
						label={ labels[ name ] }
						help={
							name === 'plugin'
								? __(
										'Takes effect on the next page load.',
										'usage-tracking-for-woocommerce'
								  )
								: undefined
						}
						checked={ switches[ name ] }
						disabled={ busy }
						onChange={ ( enabled: boolean ) =>
							onToggle( name, enabled )
						}
					/>
				) ) }
				<Notice
					status={ wooCommerceOptIn ? 'success' : 'warning' }
					isDismissible={ false }
				>
					{ wooCommerceOptIn
						? __(
								'WooCommerce usage tracking is on.',
								'usage-tracking-for-woocommerce'
						  )
						: __(
								'WooCommerce usage tracking is off, so nothing is sent. Turn it on to start tracking.',
								'usage-tracking-for-woocommerce'
						  ) }{ ' ' }
					<a href={ state.links.wooCommerceSettings }>
						{ __(
							'WooCommerce > Settings > Advanced > WooCommerce.com',
							'usage-tracking-for-woocommerce'
						) }
					</a>
				</Notice>
				<GateState families={ families } setupUrl={ setupUrl } />
				<ul className="utw-setup-guide__links">
					<li>
						<DocumentationLink
							linkId="install-tag"
							context={ context }
							href={ documentation.howTrackingWorks }
						>
							{ __(
								'How tracking works',
								'usage-tracking-for-woocommerce'
							) }
						</DocumentationLink>
					</li>
					<li>
						<DocumentationLink
							linkId="data-terms"
							context={ context }
							href={ documentation.dataTerms }
						>
							{ __(
								'What is tracked, and what never is',
								'usage-tracking-for-woocommerce'
							) }
						</DocumentationLink>
					</li>
					<li>
						<DocumentationLink
							linkId="woocommerce-usage-tracking"
							context={ context }
							href={ documentation.wooCommerceUsageTracking }
						>
							{ __(
								'WooCommerce usage tracking',
								'usage-tracking-for-woocommerce'
							) }
						</DocumentationLink>
					</li>
				</ul>
			</CardBody>
		</Card>
	);
}
