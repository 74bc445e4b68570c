/**
 * The storefront bundle's entry in a page: it sends the events the page was rendered with and
 * gives the visitor their id, only while the gate is open and the visitor consented.
 */
import type { TracksConfig } from '../../../assets/source/tracks';
import { clearCookies, makeConfig } from '../tracks/support';

type Beacon = {
	url: string;
	events: Array< { name: string; props: Record< string, unknown > } >;
};

// jsdom's Blob has no text(); FileReader reads it the way a browser would.
function bodyOf( blob: Blob ): Promise< Beacon[ 'events' ] > {
	return new Promise( ( resolve ) => {
		const reader = new FileReader();
		reader.onload = () =>
			resolve( JSON.parse( reader.result as string ).events );
		reader.readAsText( blob );
	} );
}

const PRODUCT_VIEW = [
	'utw_product_view',
	{
		product_id: 13,
		product_name: 'Blue Hoodie',
		product_category: 'Clothing/Hoodies',
		price: 45,
	},
];

describe( 'the storefront entry', () => {
	let blobs: Array< { url: string; body: Blob } >;

	beforeEach( () => {
		localStorage.clear();
		clearCookies();
		blobs = [];
		Object.defineProperty( navigator, 'sendBeacon', {
			configurable: true,
			value: ( url: string, body: Blob ) => {
				blobs.push( { url, body } );
				return true;
			},
		} );
		// Entries loaded by earlier tests still listen on this window: let them empty their queues.
		window.dispatchEvent( new Event( 'pagehide' ) );
		blobs = [];
		delete window.wp_has_consent;
	} );

	/**
	 * Runs the entry as the page would, then leaves the page.
	 *
	 * @param config What PHP printed as `window.utwConfig`, with the page's events.
	 * @return The beacons sent when the page was left.
	 */
	async function runPage(
		config: TracksConfig & { events?: unknown[] }
	): Promise< Beacon[] > {
		window.utwConfig = config;
		jest.isolateModules( () => {
			require( '../../../assets/source/storefront/index' );
		} );
		window.dispatchEvent( new Event( 'pagehide' ) );
		return Promise.all(
			blobs.map( async ( { url, body } ) => ( {
				url,
				events: await bodyOf( body ),
			} ) )
		);
	}

	const visitorCookie = () =>
		document.cookie.match( /(?:^|; )utw_vid=([\w-]{22})/ )?.[ 1 ];

	it( 'sends the page events in one request when the page is left, under the id it keeps in a cookie', async () => {
		const beacons = await runPage( {
			...makeConfig(),
			events: [ PRODUCT_VIEW ],
		} );

		expect( beacons ).toHaveLength( 1 );
		expect( beacons[ 0 ].events ).toHaveLength( 1 );
		expect( beacons[ 0 ].events[ 0 ] ).toMatchObject( {
			name: 'utw_product_view',
			props: { product_name: 'Blue Hoodie', _ui: visitorCookie() },
		} );
		expect( visitorCookie() ).toHaveLength( 22 );
	} );

	it( 'gives a visitor their id on a page without events, so cart events recorded by the server carry it', async () => {
		const beacons = await runPage( { ...makeConfig(), events: [] } );

		expect( beacons ).toEqual( [] );
		expect( visitorCookie() ).toHaveLength( 22 );
	} );

	it( 'keeps the id a visitor already has', async () => {
		document.cookie = 'utw_vid=AbCdEfGhIjKlMnOpQrStUv; path=/';

		const beacons = await runPage( {
			...makeConfig(),
			events: [ PRODUCT_VIEW ],
		} );

		expect( visitorCookie() ).toBe( 'AbCdEfGhIjKlMnOpQrStUv' );
		expect( beacons[ 0 ].events[ 0 ].props._ui ).toBe(
			'AbCdEfGhIjKlMnOpQrStUv'
		);
	} );

	it( 'neither sends nor sets a cookie while the gate is closed', async () => {
		const beacons = await runPage( {
			...makeConfig( {
				gate: { open: false, closedBy: 'woocommerce_allow_tracking' },
			} ),
			events: [ PRODUCT_VIEW ],
		} );

		expect( beacons ).toEqual( [] );
		expect( visitorCookie() ).toBeUndefined();
	} );

	it( 'neither sends nor sets a cookie before the visitor consented to statistics', async () => {
		window.wp_has_consent = () => false;

		const beacons = await runPage( {
			...makeConfig( { gate: { open: true, consent: 'statistics' } } ),
			events: [ PRODUCT_VIEW ],
		} );

		expect( beacons ).toEqual( [] );
		expect( visitorCookie() ).toBeUndefined();
	} );
} );
