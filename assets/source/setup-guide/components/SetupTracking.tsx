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
import type { GuideState, TrackingContext } from '../types';

interface SetupTrackingProps {
	state: GuideState;
	context: TrackingContext;
	busy: boolean;
	onToggle: ( enabled: boolean ) => void;
}

/**
 * Step 4, and the settings view: the plugin's switch and WooCommerce's opt-in.
 *
 * @fires utw_documentation_link_click with `{ link_id: 'install-tag', context: 'wizard'|'settings' }`
 * @fires utw_documentation_link_click with `{ link_id: 'data-terms', context: 'wizard'|'settings' }`
 * @fires utw_documentation_link_click with `{ link_id: 'woocommerce-usage-tracking', context: 'wizard'|'settings' }`
 * @param props          Props.
 * @param props.state    The guide's state.
 * @param props.context  `wizard` in the guide, `settings` on the settings view.
 * @param props.busy     Whether a request is running.
 * @param props.onToggle Turns the plugin's switch on or off.
 * @return The controls.
 */
export function SetupTracking( {
	state,
	context,
	busy,
	onToggle,
}: SetupTrackingProps ) {
	const { pluginEnabled, wooCommerceOptIn } = state.tracking;
	return (
		<Card>
			<CardHeader>
				<h2>
					{ __(
						'Set up tracking',
						'usage-tracking-for-woocommerce'
					) }
				</h2>
			</CardHeader>
			<CardBody>
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Send usage data from this store',
						'usage-tracking-for-woocommerce'
					) }
					help={ __(
						'Takes effect on the next page load.',
						'usage-tracking-for-woocommerce'
					) }
					checked={ pluginEnabled }
					disabled={ busy }
					onChange={ onToggle }
				/>
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
