import { __, sprintf } from '@wordpress/i18n';
import { useState } from '@wordpress/element';
import {
	Button,
	Card,
	CardBody,
	Flex,
	FlexItem,
	Modal,
} from '@wordpress/components';
import { useRecordEvent } from '../tracks';
import type { ConnectedAccount } from '../types';

interface AccountConnectionProps {
	account: ConnectedAccount | null;
	busy: boolean;
	onConnect: () => void;
	onDisconnect: () => void;
}

const MODAL_CONTEXT = 'account-disconnection';

/**
 * The Connect button, or the connected account's card with a Disconnect button that asks for
 * confirmation in a modal.
 *
 * @fires utw_account_connect_button_click
 * @fires utw_account_disconnect_button_click
 * @fires utw_modal_open with `{ context: 'account-disconnection' }`
 * @fires utw_modal_closed with `{ context: 'account-disconnection', action: 'confirm'|'dismiss' }`
 * @param props              Props.
 * @param props.account      The connected account, or null.
 * @param props.busy         Whether a request is running.
 * @param props.onConnect    Connects the store.
 * @param props.onDisconnect Disconnects the store.
 * @return The connection.
 */
export function AccountConnection( {
	account,
	busy,
	onConnect,
	onDisconnect,
}: AccountConnectionProps ) {
	const recordEvent = useRecordEvent();
	const [ confirming, setConfirming ] = useState( false );

	if ( ! account ) {
		return (
			<Button
				variant="primary"
				isBusy={ busy }
				disabled={ busy }
				onClick={ () => {
					recordEvent( 'utw_account_connect_button_click', {} );
					onConnect();
				} }
			>
				{ __( 'Connect', 'usage-tracking-for-woocommerce' ) }
			</Button>
		);
	}

	const close = ( action: 'confirm' | 'dismiss' ) => {
		recordEvent( 'utw_modal_closed', { context: MODAL_CONTEXT, action } );
		setConfirming( false );
	};

	return (
		<Card className="utw-setup-guide__account-card" size="small">
			<CardBody>
				<Flex align="center">
					<FlexItem>
						<strong>{ account.name }</strong>
						<div className="utw-setup-guide__account-meta">
							{ account.type === 'business'
								? __(
										'Business account',
										'usage-tracking-for-woocommerce'
								  )
								: __(
										'Personal account',
										'usage-tracking-for-woocommerce'
								  ) }
							{ account.businessAccount &&
								' · ' +
									sprintf(
										/* translators: %s: name of the connected business account. */
										__(
											'Business account: %s',
											'usage-tracking-for-woocommerce'
										),
										account.businessAccount.name
									) }
						</div>
					</FlexItem>
					<FlexItem>
						<Button
							variant="secondary"
							isDestructive
							disabled={ busy }
							onClick={ () => {
								recordEvent(
									'utw_account_disconnect_button_click',
									{}
								);
								recordEvent( 'utw_modal_open', {
									context: MODAL_CONTEXT,
								} );
								setConfirming( true );
							} }
						>
							{ __(
								'Disconnect',
								'usage-tracking-for-woocommerce'
							) }
						</Button>
					</FlexItem>
				</Flex>
			</CardBody>
			{ confirming && (
				<Modal
					title={ __(
						'Disconnect your account?',
						'usage-tracking-for-woocommerce'
					) }
					onRequestClose={ () => close( 'dismiss' ) }
				>
					<p>
						{ __(
							'The store stops sending events to this account until you connect again. Your progress in this guide for the account and the claimed website is reset.',
							'usage-tracking-for-woocommerce'
						) }
					</p>
					<Flex justify="flex-end">
						<Button
							variant="tertiary"
							onClick={ () => close( 'dismiss' ) }
						>
							{ __( 'Cancel', 'usage-tracking-for-woocommerce' ) }
						</Button>
						<Button
							variant="primary"
							isDestructive
							onClick={ () => {
								close( 'confirm' );
								onDisconnect();
							} }
						>
							{ __(
								'Yes, disconnect',
								'usage-tracking-for-woocommerce'
							) }
						</Button>
					</Flex>
				</Modal>
			) }
		</Card>
	);
}
