import { __ } from '@wordpress/i18n';
import { useState } from '@wordpress/element';
import { Button, Flex, Notice, SelectControl } from '@wordpress/components';
import { useRecordEvent } from '../tracks';
import type { BusinessAccount } from '../types';

interface BusinessAccountSelectionProps {
	businessAccounts: BusinessAccount[];
	createUrl: string;
	busy: boolean;
	onConnect: ( id: string ) => void;
}

/**
 * Picks the business account to connect, or links to creating one.
 *
 * @fires utw_business_account_connect_button_click
 * @fires utw_business_account_create_button_click
 * @param props                  Props.
 * @param props.businessAccounts The account's business accounts.
 * @param props.createUrl        Where a business account is created.
 * @param props.busy             Whether a request is running.
 * @param props.onConnect        Connects the picked business account.
 * @return The selection.
 */
export function BusinessAccountSelection( {
	businessAccounts,
	createUrl,
	busy,
	onConnect,
}: BusinessAccountSelectionProps ) {
	const recordEvent = useRecordEvent();
	const [ picked, setPicked ] = useState( businessAccounts[ 0 ]?.id ?? '' );
	const createLink = (
		<Button
			variant={ businessAccounts.length ? 'link' : 'secondary' }
			href={ createUrl }
			target="_blank"
			onClick={ () =>
				recordEvent( 'utw_business_account_create_button_click', {} )
			}
		>
			{ __(
				'Create business account',
				'usage-tracking-for-woocommerce'
			) }
		</Button>
	);

	if ( ! businessAccounts.length ) {
		return (
			<div className="utw-setup-guide__business">
				<Notice status="warning" isDismissible={ false }>
					{ __(
						'Your account has no business accounts yet. Events are sent to a business account: create one, then connect your account again.',
						'usage-tracking-for-woocommerce'
					) }
				</Notice>
				{ createLink }
			</div>
		);
	}

	return (
		<div className="utw-setup-guide__business">
			<SelectControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				label={ __(
					'Business account to send events to',
					'usage-tracking-for-woocommerce'
				) }
				value={ picked }
				options={ businessAccounts.map( ( account ) => ( {
					value: account.id,
					label: account.name,
				} ) ) }
				onChange={ ( value: string ) => setPicked( value ) }
			/>
			<Flex justify="flex-start">
				<Button
					variant="primary"
					isBusy={ busy }
					disabled={ busy || ! picked }
					onClick={ () => {
						recordEvent(
							'utw_business_account_connect_button_click',
							{}
						);
						onConnect( picked );
					} }
				>
					{ __( 'Connect', 'usage-tracking-for-woocommerce' ) }
				</Button>
				{ createLink }
			</Flex>
		</div>
	);
}
