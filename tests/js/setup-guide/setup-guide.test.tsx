/**
 * Each setup guide component sends exactly its events, with exactly its properties, through the
 * real shared client; none when the gate is closed.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createTracksClient } from '../../../assets/source/tracks';
import { setupGuideEvents } from '../../../assets/source/tracks/catalogue/setup-guide';
import { TracksContext } from '../../../assets/source/setup-guide/tracks';
import {
	Faq,
	WelcomeSection,
} from '../../../assets/source/setup-guide/components/WelcomeSection';
import { AccountConnection } from '../../../assets/source/setup-guide/components/AccountConnection';
import { BusinessAccountSelection } from '../../../assets/source/setup-guide/components/BusinessAccountSelection';
import { SetupTracking } from '../../../assets/source/setup-guide/components/SetupTracking';
import { documentationLinkProps } from '../../../assets/source/setup-guide/documentation-link';
import type { GuideState } from '../../../assets/source/setup-guide/types';
import { App } from '../../../assets/source/setup-guide/App';
import { GuideError, guideApi } from '../../../assets/source/setup-guide/api';
import { makeConfig, memoryTransport } from '../tracks/support';

function renderWithTracks( ui: ReactElement, open = true ) {
	const transport = memoryTransport();
	const client = createTracksClient( setupGuideEvents, {
		config: makeConfig( {
			gate: open ? { open: true } : { open: false, closedBy: 'x' },
		} ),
		transport,
	} );
	render(
		<TracksContext.Provider value={ client }>{ ui }</TracksContext.Provider>
	);
	// Only what the component chose to send: common properties are the client's business.
	const sent = () =>
		transport.sent.map( ( { name, props } ) => {
			const {
				plugin_version: pluginVersion,
				wc_version: wcVersion,
				site_url: siteUrl,
				device,
				page_url: pageUrl,
				_ts: ts,
				...own
			} = props;
			void [ pluginVersion, wcVersion, siteUrl, device, pageUrl, ts ];
			return [ name, own ];
		} );
	return { sent, client };
}

const account = {
	id: 'acct-1',
	name: 'Sam Rivera',
	type: 'personal' as const,
	businessAccounts: [],
	businessAccount: null,
};

const state: GuideState = {
	completed: [],
	account: null,
	tracking: {
		switches: { plugin: true, storefront: true, admin: true },
		wooCommerceOptIn: true,
		families: [],
	},
	links: {
		createAccount: 'https://service.example/signup',
		convertAccount: 'https://service.example/convert',
		createBusinessAccount: 'https://service.example/business/new',
		wooCommerceSettings: '/wp-admin/admin.php?page=wc-settings',
	},
};

describe( 'Faq', () => {
	it( 'sends expand then collapse with the question id', async () => {
		const { sent } = renderWithTracks( <Faq /> );
		const question = screen.getByRole( 'button', {
			name: 'What is never tracked?',
		} );
		await userEvent.click( question );
		await userEvent.click( question );
		expect( sent() ).toEqual( [
			[
				'utw_get_started_faq',
				{ action: 'expand', question_id: 'what-is-never-tracked' },
			],
			[
				'utw_get_started_faq',
				{ action: 'collapse', question_id: 'what-is-never-tracked' },
			],
		] );
	} );
} );

describe( 'WelcomeSection', () => {
	it( 'sends the terms-of-service link click with its href', async () => {
		const { sent } = renderWithTracks(
			<WelcomeSection busy={ false } onGetStarted={ () => undefined } />
		);
		await userEvent.click(
			screen.getByRole( 'link', { name: /terms of service/ } )
		);
		expect( sent() ).toEqual( [
			[
				'utw_documentation_link_click',
				{
					link_id: 'terms-of-service',
					context: 'welcome-section',
					href: 'https://woocommerce.com/document/usage-tracking-for-woocommerce/#terms-of-service',
				},
			],
		] );
	} );
} );

describe( 'documentationLinkProps', () => {
	it( 'sends nothing for a click that was prevented', () => {
		const recorded: unknown[] = [];
		const props = documentationLinkProps(
			( ...args ) => recorded.push( args ),
			{
				linkId: 'x',
				context: 'wizard',
				href: 'https://docs.example',
				onClick: ( event ) => event.preventDefault(),
			}
		);
		render( <a { ...props }>docs</a> );
		screen.getByText( 'docs' ).click();
		expect( recorded ).toEqual( [] );
	} );
} );

describe( 'AccountConnection', () => {
	it( 'sends the connect click', async () => {
		const { sent } = renderWithTracks(
			<AccountConnection
				account={ null }
				busy={ false }
				onConnect={ () => undefined }
				onDisconnect={ () => undefined }
			/>
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Connect' } )
		);
		expect( sent() ).toEqual( [
			[ 'utw_account_connect_button_click', {} ],
		] );
	} );

	it( 'asks before disconnecting: Escape dismisses, the second time confirms', async () => {
		const onDisconnect = jest.fn();
		const { sent } = renderWithTracks(
			<AccountConnection
				account={ account }
				busy={ false }
				onConnect={ () => undefined }
				onDisconnect={ onDisconnect }
			/>
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Disconnect' } )
		);
		await userEvent.keyboard( '{Escape}' );
		// The modal fades out before it leaves the page.
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).toBeNull()
		);
		expect( onDisconnect ).not.toHaveBeenCalled();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Disconnect' } )
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Yes, disconnect' } )
		);
		expect( onDisconnect ).toHaveBeenCalledTimes( 1 );
		const modal = { context: 'account-disconnection' };
		expect( sent() ).toEqual( [
			[ 'utw_account_disconnect_button_click', {} ],
			[ 'utw_modal_open', modal ],
			[ 'utw_modal_closed', { ...modal, action: 'dismiss' } ],
			[ 'utw_account_disconnect_button_click', {} ],
			[ 'utw_modal_open', modal ],
			[ 'utw_modal_closed', { ...modal, action: 'confirm' } ],
		] );
	} );

	it( 'sends nothing when the gate is closed, and still disconnects', async () => {
		const onDisconnect = jest.fn();
		const { sent } = renderWithTracks(
			<AccountConnection
				account={ account }
				busy={ false }
				onConnect={ () => undefined }
				onDisconnect={ onDisconnect }
			/>,
			false
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Disconnect' } )
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Yes, disconnect' } )
		);
		expect( onDisconnect ).toHaveBeenCalledTimes( 1 );
		expect( sent() ).toEqual( [] );
	} );
} );

describe( 'BusinessAccountSelection', () => {
	it( 'sends the create and connect clicks and connects the picked account', async () => {
		const onConnect = jest.fn();
		const { sent } = renderWithTracks(
			<BusinessAccountSelection
				businessAccounts={ [
					{ id: 'ba-1', name: 'Shop Ads' },
					{ id: 'ba-2', name: 'Wholesale' },
				] }
				createUrl="https://service.example/business/new"
				busy={ false }
				onConnect={ onConnect }
			/>
		);
		await userEvent.click(
			screen.getByRole( 'link', { name: 'Create business account' } )
		);
		await userEvent.selectOptions( screen.getByRole( 'combobox' ), 'ba-2' );
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Connect' } )
		);
		expect( onConnect ).toHaveBeenCalledWith( 'ba-2' );
		expect( sent() ).toEqual( [
			[ 'utw_business_account_create_button_click', {} ],
			[ 'utw_business_account_connect_button_click', {} ],
		] );
	} );
} );

describe( 'SetupTracking', () => {
	it.each( [ 'wizard', 'settings' ] as const )(
		'sends its documentation links with context %s',
		async ( context ) => {
			const { sent } = renderWithTracks(
				<SetupTracking
					state={ state }
					context={ context }
					busy={ false }
					onToggle={ () => undefined }
				/>
			);
			await userEvent.click(
				screen.getByRole( 'link', { name: /How tracking works/ } )
			);
			expect( sent() ).toEqual( [
				[
					'utw_documentation_link_click',
					{
						link_id: 'install-tag',
						context,
						href: 'https://woocommerce.com/document/usage-tracking-for-woocommerce/#how-tracking-works',
					},
				],
			] );
		}
	);
} );

describe( 'App', () => {
	const page = {
		view: 'setup' as const,
		urls: { setup: '/setup', settings: '/settings', events: '/events' },
		eventsPerPage: 25,
		events: null,
	};

	it( 'tells the merchant the service is down and sends why the connection failed', async () => {
		const api = {
			...guideApi,
			connect: async () => {
				throw new GuideError(
					'utw_service_unavailable',
					'The analytics service is unavailable right now.'
				);
			},
		};
		const { sent } = renderWithTracks(
			<App
				{ ...page }
				state={ { ...state, completed: [ 'getting-started' ] } }
				api={ api }
			/>
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Connect' } )
		);
		expect(
			await screen.findAllByText(
				'The analytics service is unavailable right now.'
			)
		).not.toHaveLength( 0 );
		expect( sent() ).toEqual( [
			[ 'utw_account_connect_button_click', {} ],
			[
				'utw_account_connection_failed',
				{ reason: 'service_unavailable', action: 'connect' },
			],
		] );
	} );

	it( 'sends the step that a connection completed', async () => {
		const api = {
			...guideApi,
			connect: async (): Promise< GuideState > => ( {
				...state,
				completed: [ 'getting-started', 'account' ],
				account: { ...account, type: 'business' },
			} ),
		};
		const { sent } = renderWithTracks(
			<App
				{ ...page }
				state={ { ...state, completed: [ 'getting-started' ] } }
				api={ api }
			/>
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Connect' } )
		);
		await screen.findByText( 'Sam Rivera' );
		expect( sent() ).toEqual( [
			[ 'utw_account_connect_button_click', {} ],
			[ 'utw_setup_step_complete', { step: 'account' } ],
		] );
	} );
} );
