import { __ } from '@wordpress/i18n';
import { Button, Card, CardBody, CardHeader } from '@wordpress/components';
import { AccountConnection } from './AccountConnection';
import { BusinessAccountSelection } from './BusinessAccountSelection';
import { DocumentationLink } from '../documentation-link';
import { documentation } from '../documentation';
import { useRecordEvent } from '../tracks';
import type { GuideState } from '../types';

interface SetupAccountProps {
	state: GuideState;
	busy: boolean;
	onConnect: () => void;
	onDisconnect: () => void;
	onPickBusinessAccount: ( id: string ) => void;
}

/**
 * Step 2: connect the store to its account at the analytics service.
 *
 * @fires utw_account_create_button_click
 * @fires utw_account_convert_button_click
 * @fires utw_documentation_link_click with `{ link_id: 'merchant-guidelines', context: 'setup-account' }`
 * @param props                       Props.
 * @param props.state                 The guide's state.
 * @param props.busy                  Whether a request is running.
 * @param props.onConnect             Connects the store.
 * @param props.onDisconnect          Disconnects the store.
 * @param props.onPickBusinessAccount Connects a business account.
 * @return The step.
 */
export function SetupAccount( {
	state,
	busy,
	onConnect,
	onDisconnect,
	onPickBusinessAccount,
}: SetupAccountProps ) {
	const recordEvent = useRecordEvent();
	const { account, links } = state;
	const needsBusinessAccount =
		!! account && account.type === 'personal' && ! account.businessAccount;

	return (
		<Card>
			<CardHeader>
				<h2>
					{ __(
						'Connect your account',
						'usage-tracking-for-woocommerce'
					) }
				</h2>
			</CardHeader>
			<CardBody>
				<p>
					{ __(
						'Events go to your account at the analytics service. The connection is kept on your server; your browser never sees its credentials.',
						'usage-tracking-for-woocommerce'
					) }{ ' ' }
					<DocumentationLink
						linkId="merchant-guidelines"
						context="setup-account"
						href={ documentation.merchantGuidelines }
					>
						{ __(
							'Read the merchant guidelines',
							'usage-tracking-for-woocommerce'
						) }
					</DocumentationLink>
				</p>
				<AccountConnection
					account={ account }
					busy={ busy }
					onConnect={ onConnect }
					onDisconnect={ onDisconnect }
				/>
				{ ! account && (
					<p>
						{ __(
							'Don’t have an account yet?',
							'usage-tracking-for-woocommerce'
						) }{ ' ' }
						<Button
							variant="link"
							href={ links.createAccount }
							target="_blank"
							onClick={ () =>
								recordEvent(
									'utw_account_create_button_click',
									{}
								)
							}
						>
							{ __(
								'Create a new account',
								'usage-tracking-for-woocommerce'
							) }
						</Button>
					</p>
				) }
				{ account?.type === 'personal' && (
					<p>
						{ __(
							'This is a personal account.',
							'usage-tracking-for-woocommerce'
						) }{ ' ' }
						<Button
							variant="link"
							href={ links.convertAccount }
							target="_blank"
							onClick={ () =>
								recordEvent(
									'utw_account_convert_button_click',
									{}
								)
							}
						>
							{ __(
								'Convert your personal account to a business account',
								'usage-tracking-for-woocommerce'
							) }
						</Button>
					</p>
				) }
				{ needsBusinessAccount && (
					<BusinessAccountSelection
						businessAccounts={ account.businessAccounts }
						createUrl={ links.createBusinessAccount }
						busy={ busy }
						onConnect={ onPickBusinessAccount }
					/>
				) }
			</CardBody>
		</Card>
	);
}
