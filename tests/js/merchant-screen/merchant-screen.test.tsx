/**
 * The Usage Tracking screen's views as a merchant uses them: the Events view pages and filters
 * through the server and says why an event was not sent; the Settings view shows the gate's
 * answer and turns switches; the FAQ names the cookie the code sets.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EventsView } from '../../../assets/source/setup-guide/views/EventsView';
import { SettingsView } from '../../../assets/source/setup-guide/views/SettingsView';
import { faqEntries } from '../../../assets/source/setup-guide/faq';
import {
	VISITOR_COOKIE,
	VISITOR_COOKIE_LIFETIME,
} from '../../../assets/source/tracks/shared-facts';
import { guideApi } from '../../../assets/source/setup-guide/api';
import type {
	EventQuery,
	EventsApi,
} from '../../../assets/source/setup-guide/api';
import type {
	EventPage,
	GuideState,
	LoggedEvent,
} from '../../../assets/source/setup-guide/types';

function logged( id: number, over: Partial< LoggedEvent > = {} ): LoggedEvent {
	return {
		id,
		eid: `eid-${ id }`,
		event: 'utw_product_view',
		family: 'storefront',
		state: 'delivered',
		reason: null,
		reason_text: '',
		attempts: 1,
		props: { product_name: 'Blue Hoodie' },
		removed: {},
		time: 1_700_000_000,
		time_text: 'November 14, 2023 10:13 pm',
		delivered_at: 1_700_000_010,
		delivered_text: 'November 14, 2023 10:13 pm',
		...over,
	};
}

/**
 * A server holding `total` events that answers like the route, and remembers the queries.
 * @param total
 */
function fakeLog( total: number ) {
	const queries: EventQuery[] = [];
	const api: EventsApi = {
		list: async ( query ) => {
			queries.push( query );
			const all = Array.from( { length: total }, ( _, i ) =>
				logged( total - i, {
					state: i % 2 ? 'dropped' : 'delivered',
					reason: i % 2 ? 'gate closed: not_connected' : null,
					reason_text: i % 2 ? 'The store is not connected.' : '',
				} )
			).filter(
				( e ) => query.state === 'all' || e.state === query.state
			);
			const start = ( query.page - 1 ) * query.perPage;
			return {
				events: all.slice( start, start + query.perPage ),
				total: all.length,
				counts: { delivered: total / 2, dropped: total / 2 },
			} satisfies EventPage;
		},
		sendTest: async () => ( {
			event: 'wcadmin_utw_test_event',
			state: 'dropped',
			eid: '',
			reason: 'gate closed: not_connected',
		} ),
	};
	return { api, queries };
}

describe( 'EventsView', () => {
	it( 'shows one page of compact rows with the title, the state and why, and pages through the server', async () => {
		const { api, queries } = fakeLog( 1000 );
		render( <EventsView api={ api } perPage={ 25 } initial={ null } /> );
		const rows = await screen.findAllByRole( 'row' );
		expect( rows ).toHaveLength( 26 ); // The header and 25 events.
		expect( screen.getByText( '1000 events' ) ).toBeTruthy();
		expect( screen.getByText( 'Page 1 of 40' ) ).toBeTruthy();
		const dropped = rows[ 2 ];
		expect( dropped.getAttribute( 'data-state' ) ).toBe( 'dropped' );
		expect( within( dropped ).getByText( 'Dropped' ) ).toBeTruthy();
		expect(
			within( dropped ).getByText( 'The store is not connected.' )
		).toBeTruthy();
		expect(
			within( rows[ 1 ] ).getByText(
				'A shopper viewed a single product page'
			)
		).toBeTruthy();

		await userEvent.click(
			screen.getByRole( 'button', { name: 'Next page' } )
		);
		await screen.findByText( 'Page 2 of 40' );
		expect( queries.at( -1 ) ).toMatchObject( { page: 2, perPage: 25 } );

		await userEvent.selectOptions(
			screen.getByLabelText( 'State' ),
			'dropped'
		);
		await screen.findByText( '500 events' );
		expect( queries.at( -1 ) ).toMatchObject( {
			state: 'dropped',
			page: 1,
		} );
	} );

	it( "opens an event's details: properties, attempts and the recorded reason", async () => {
		const { api } = fakeLog( 2 );
		render( <EventsView api={ api } perPage={ 25 } initial={ null } /> );
		const [ , , row ] = await screen.findAllByRole( 'row' );
		const toggle = within( row ).getByRole( 'button', { name: 'Details' } );
		expect( toggle.getAttribute( 'aria-expanded' ) ).toBe( 'false' );
		await userEvent.click( toggle );
		expect( toggle.getAttribute( 'aria-expanded' ) ).toBe( 'true' );
		expect(
			within( row ).getByText( 'product_name' ).closest( '[hidden]' )
		).toBeNull();
		expect(
			within( row )
				.getByText( 'gate closed: not_connected' )
				.closest( '[hidden]' )
		).toBeNull();
	} );

	it( 'uses the printed first page without asking the server, and says what happened to a test event', async () => {
		const { api, queries } = fakeLog( 4 );
		const initial = await api.list( {
			state: 'all',
			family: 'all',
			page: 1,
			perPage: 25,
		} );
		queries.length = 0;
		render( <EventsView api={ api } perPage={ 25 } initial={ initial } /> );
		expect( screen.getAllByRole( 'row' ) ).toHaveLength( 5 );
		expect( queries ).toEqual( [] );
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Send a test event' } )
		);
		expect(
			await screen.findAllByText( /The test event was dropped/ )
		).not.toHaveLength( 0 );
		expect( queries ).toHaveLength( 1 );
	} );
} );

describe( 'SettingsView', () => {
	const state: GuideState = {
		completed: [],
		account: null,
		tracking: {
			switches: { plugin: true, storefront: false, admin: true },
			wooCommerceOptIn: true,
			families: [
				{
					id: 'storefront',
					label: 'Storefront events',
					open: false,
					closedBy: 'not_connected',
					words: 'The store is not connected to its analytics account.',
				},
				{
					id: 'guide',
					label: 'Setup guide events',
					open: true,
					closedBy: null,
					words: '',
				},
			],
		},
		links: {
			createAccount: '',
			convertAccount: '',
			createBusinessAccount: '',
			wooCommerceSettings: '',
		},
	};

	it( "shows each switch and the gate's answer in words, with a way to connect, and turns a switch", async () => {
		const setSwitch = jest.fn( async () => state );
		render(
			<SettingsView
				state={ state }
				busy={ false }
				run={ ( request ) => request() }
				api={ { ...guideApi, setSwitch } }
				setupUrl="/setup"
			/>
		);
		expect(
			(
				screen.getByRole( 'checkbox', {
					name: /^Storefront events/,
				} ) as HTMLInputElement
			 ).checked
		).toBe( false );
		const gate = document.getElementById( 'utw-gate-state' ) as HTMLElement;
		expect( gate.textContent ).toContain(
			'Storefront events: not sent. The store is not connected to its analytics account.'
		);
		expect( gate.textContent ).toContain( 'Setup guide events: sent.' );
		expect(
			within( gate )
				.getByRole( 'link', { name: 'Open the Setup view' } )
				.getAttribute( 'href' )
		).toBe( '/setup' );
		await userEvent.click(
			screen.getByRole( 'checkbox', { name: /^Storefront events/ } )
		);
		expect( setSwitch ).toHaveBeenCalledWith( 'storefront', true );
	} );
} );

describe( 'the FAQ', () => {
	it( 'names the visitor cookie the storefront sets, and its lifetime', () => {
		const cookie = faqEntries().find( ( e ) => e.id === 'visitor-cookie' );
		expect( VISITOR_COOKIE_LIFETIME ).toBe( 365 * 24 * 60 * 60 );
		expect( cookie?.answer ).toContain(
			`${ VISITOR_COOKIE }, kept for one year`
		);
	} );

	it( 'says storefront and settings events wait for the connection, and where each kind goes', () => {
		const answers = Object.fromEntries(
			faqEntries().map( ( e ) => [ e.id, e.answer ] )
		);
		expect( answers[ 'when-is-data-sent' ] ).toContain(
			'only while the store is connected to its analytics account'
		);
		expect( answers[ 'where-does-data-go' ] ).toContain(
			'analytics account you connect'
		);
		expect( answers[ 'where-does-data-go' ] ).toContain(
			'WooCommerce’s usage tracking (Tracks)'
		);
		expect( answers[ 'what-is-never-tracked' ] ).not.toContain(
			'browser identifiers'
		);
	} );
} );
