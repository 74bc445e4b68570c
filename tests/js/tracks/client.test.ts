import { createTracksClient } from '../../../assets/source/tracks';
import {
	clearCookies,
	demoEvents,
	makeConfig,
	memoryTransport,
} from './support';

describe( 'the shared client', () => {
	let info: jest.SpyInstance;

	beforeEach( () => {
		clearCookies();
		localStorage.clear();
		info = jest
			.spyOn( console, 'info' )
			.mockImplementation( () => undefined );
		delete window.wp_has_consent;
	} );

	afterEach( () => info.mockRestore() );

	it( 'hands a valid event to the transport with the common properties added', () => {
		const transport = memoryTransport();
		const tracks = createTracksClient( demoEvents, {
			config: makeConfig(),
			transport,
		} );

		tracks.recordEvent( 'utw_demo_click', {
			link_id: 'docs',
			action: 'expand',
		} );

		expect( transport.sent ).toHaveLength( 1 );
		expect( transport.sent[ 0 ].name ).toBe( 'utw_demo_click' );
		expect( transport.sent[ 0 ].props ).toEqual( {
			link_id: 'docs',
			action: 'expand',
			plugin_version: '0.1.0',
			wc_version: '9.9.5',
			site_url: 'https://shop.example',
			device: 'desktop',
			page_url: 'http://localhost/',
			_ts: expect.any( Number ),
		} );
	} );

	it( 'drops every event while the gate is closed, writes no cookie, and says which condition closed it in debug mode', () => {
		localStorage.setItem( 'utw_debug', '1' );
		const transport = memoryTransport();
		const tracks = createTracksClient( demoEvents, {
			config: makeConfig( {
				gate: { open: false, closedBy: 'woocommerce_allow_tracking' },
			} ),
			transport,
			withVisitorId: true,
		} );

		tracks.recordEvent( 'utw_demo_click', {
			link_id: 'docs',
			action: 'expand',
		} );

		expect( transport.sent ).toEqual( [] );
		expect( document.cookie ).toBe( '' );
		expect( info ).toHaveBeenCalledWith(
			'[utw]',
			'dropped',
			'utw_demo_click',
			'gate closed: woocommerce_allow_tracking'
		);
	} );

	it( 'makes a random visitor id once the gate is open and keeps it for the next events', () => {
		const transport = memoryTransport();
		const tracks = createTracksClient( demoEvents, {
			config: makeConfig(),
			transport,
			withVisitorId: true,
		} );

		tracks.recordEvent( 'utw_demo_click', {
			link_id: 'a',
			action: 'expand',
		} );
		tracks.recordEvent( 'utw_demo_click', {
			link_id: 'b',
			action: 'collapse',
		} );

		const [ first, second ] = transport.sent.map( ( e ) => e.props._ui );
		expect( first ).toMatch( /^[\w-]{22}$/ );
		expect( second ).toBe( first );
		expect( document.cookie ).toContain( `utw_vid=${ first }` );
	} );

	it( 'gives different visitors different ids', () => {
		const ids = new Set();
		for ( let i = 0; i < 20; i++ ) {
			clearCookies();
			const transport = memoryTransport();
			createTracksClient( demoEvents, {
				config: makeConfig(),
				transport,
				withVisitorId: true,
			} ).recordEvent( 'utw_demo_click', {
				link_id: 'a',
				action: 'expand',
			} );
			ids.add( transport.sent[ 0 ].props._ui );
		}
		expect( ids.size ).toBe( 20 );
	} );

	it( 'leaves out the page URL query string and fragment, which can carry personal data', () => {
		window.history.pushState(
			{},
			'',
			'/checkout/order-received/12/?key=wc_order_abc&email=a@b.co#top'
		);
		const transport = memoryTransport();
		createTracksClient( demoEvents, {
			config: makeConfig(),
			transport,
		} ).recordEvent( 'utw_demo_click', {
			link_id: 'docs',
			action: 'expand',
		} );
		expect( transport.sent[ 0 ].props.page_url ).toBe(
			'http://localhost/checkout/order-received/12/'
		);
		window.history.pushState( {}, '', '/' );
	} );

	it( 'does not let an event override the common properties', () => {
		const transport = memoryTransport();
		createTracksClient( demoEvents, {
			config: makeConfig(),
			transport,
		} ).recordEvent(
			'utw_demo_click',
			// @ts-expect-error -- a caller trying to pass a common property.
			{ link_id: 'docs', action: 'expand', wc_version: 'forged' }
		);
		expect( transport.sent[ 0 ].props.wc_version ).toBe( '9.9.5' );
	} );

	it( 'logs each event and each drop with its reason in debug mode only', () => {
		const transport = memoryTransport();
		const quiet = createTracksClient( demoEvents, {
			config: makeConfig(),
			transport,
		} );
		quiet.recordEvent( 'utw_demo_click', {
			link_id: 'docs',
			action: 'expand',
		} );
		expect( info ).not.toHaveBeenCalled();

		const loud = createTracksClient( demoEvents, {
			config: makeConfig( { debug: true } ),
			transport,
		} );
		loud.recordEvent( 'utw_demo_click', {
			link_id: 'docs',
			action: 'expand',
		} );
		loud.recordEvent( 'utw_demo_click', {
			link_id: 'docs',
			// @ts-expect-error -- an invalid value, to see the drop logged.
			action: 'explode',
		} );
		loud.recordEvent( 'utw_demo_click', {
			link_id: 'me@example.com',
			action: 'expand',
		} );

		expect(
			info.mock.calls.map( ( call ) =>
				call.slice( 1, 3 ).concat( call[ 3 ] ?? [] )
			)
		).toEqual( [
			[
				'recorded',
				'utw_demo_click',
				expect.objectContaining( { link_id: 'docs' } ),
			],
			[
				'dropped',
				'utw_demo_click',
				'property action is not expand,collapse',
			],
			[
				'dropped',
				'utw_demo_click',
				'property link_id removed: looks like email',
			],
		] );
		expect( transport.sent ).toHaveLength( 2 );
	} );

	describe( 'where the WP Consent API asks for the visitor’s consent', () => {
		const consentConfig = makeConfig( {
			gate: { open: true, consent: 'statistics' },
		} );

		it( 'sends nothing and makes no visitor id until the visitor consents', () => {
			window.wp_has_consent = () => false;
			const transport = memoryTransport();
			const tracks = createTracksClient( demoEvents, {
				config: consentConfig,
				transport,
				withVisitorId: true,
			} );

			tracks.recordEvent( 'utw_demo_click', {
				link_id: 'docs',
				action: 'expand',
			} );

			expect( transport.sent ).toEqual( [] );
			expect( document.cookie ).toBe( '' );
		} );

		it( 'sends the waiting events when the visitor consents later, without a reload', () => {
			let allowed = false;
			window.wp_has_consent = () => allowed;
			const transport = memoryTransport();
			const tracks = createTracksClient( demoEvents, {
				config: consentConfig,
				transport,
				withVisitorId: true,
			} );
			tracks.recordEvent( 'utw_demo_click', {
				link_id: 'docs',
				action: 'expand',
			} );

			allowed = true;
			document.dispatchEvent(
				new CustomEvent( 'wp_listen_for_consent_change', {
					detail: { statistics: 'allow' },
				} )
			);
			tracks.recordEvent( 'utw_demo_click', {
				link_id: 'faq',
				action: 'collapse',
			} );

			expect( transport.sent.map( ( e ) => e.props.link_id ) ).toEqual( [
				'docs',
				'faq',
			] );
			expect( document.cookie ).toMatch( /utw_vid=[\w-]{22}/ );
		} );

		it( 'keeps waiting when the visitor denies statistics', () => {
			window.wp_has_consent = () => false;
			const transport = memoryTransport();
			const tracks = createTracksClient( demoEvents, {
				config: consentConfig,
				transport,
			} );
			tracks.recordEvent( 'utw_demo_click', {
				link_id: 'docs',
				action: 'expand',
			} );
			document.dispatchEvent(
				new CustomEvent( 'wp_listen_for_consent_change', {
					detail: { statistics: 'deny' },
				} )
			);
			expect( transport.sent ).toEqual( [] );
		} );
	} );
} );
