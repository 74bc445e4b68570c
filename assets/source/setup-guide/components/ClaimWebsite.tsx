import { __ } from '@wordpress/i18n';
import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Notice,
} from '@wordpress/components';
import { DocumentationLink } from '../documentation-link';
import { documentation } from '../documentation';

interface ClaimWebsiteProps {
	connected: boolean;
	claimed: boolean;
	busy: boolean;
	onClaim: () => void;
}

/**
 * Step 3: prove to the service that this site is the merchant's.
 *
 * @fires utw_documentation_link_click with `{ link_id: 'claim-website', context: 'claim-website' }`
 * @param props           Props.
 * @param props.connected Whether an account is connected.
 * @param props.claimed   Whether the site is claimed.
 * @param props.busy      Whether a request is running.
 * @param props.onClaim   Claims the site.
 * @return The step.
 */
export function ClaimWebsite( {
	connected,
	claimed,
	busy,
	onClaim,
}: ClaimWebsiteProps ) {
	return (
		<Card>
			<CardHeader>
				<h2>
					{ __(
						'Claim your website',
						'usage-tracking-for-woocommerce'
					) }
				</h2>
			</CardHeader>
			<CardBody>
				<p>
					{ __(
						'The service gives this site a verification token; the plugin serves it at a public address of your site and the service checks it there.',
						'usage-tracking-for-woocommerce'
					) }{ ' ' }
					<DocumentationLink
						linkId="claim-website"
						context="claim-website"
						href={ documentation.claimWebsite }
					>
						{ __(
							'How claiming works',
							'usage-tracking-for-woocommerce'
						) }
					</DocumentationLink>
				</p>
				{ claimed && (
					<Notice status="success" isDismissible={ false }>
						{ __(
							'Your website is claimed.',
							'usage-tracking-for-woocommerce'
						) }
					</Notice>
				) }
				{ ! connected && (
					<Notice status="info" isDismissible={ false }>
						{ __(
							'Connect your account first.',
							'usage-tracking-for-woocommerce'
						) }
					</Notice>
				) }
				{ ! claimed && (
					<Button
						variant="primary"
						isBusy={ busy }
						disabled={ busy || ! connected }
						onClick={ onClaim }
					>
						{ __(
							'Claim website',
							'usage-tracking-for-woocommerce'
						) }
					</Button>
				) }
			</CardBody>
		</Card>
	);
}
