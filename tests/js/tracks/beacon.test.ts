import {
	beaconTransport,
	RETRY_LIMIT,
} from '../../../assets/source/tracks/transports/beacon';

const ENDPOINT = 'https://shop.example/wp-json/utw/v1/collect';
const event = ( n: number ) => ( {
	name: 'utw_demo_click',
	props: { link_id: `l${ n }` },
} );

// jsdom's Blob has no text(); FileReader reads it the way a browser would.
function bodyOf( blob: Blob ): Promise< { events: unknown[] } > {
	return new Promise( ( resolve ) => {
		const reader = new FileReader();
		reader.onload = () => resolve( JSON.parse( reader.result as string ) );
		reader.readAsText( blob );
	} );
}

describe( 'the beacon transport', () => {
	let beacons: Array< { url: string; body: Blob } >;
	let beaconAccepts: boolean;

	beforeEach( () => {
		localStorage.clear();
		beacons = [];
		beaconAccepts = true;
		Object.defineProperty( navigator, 'sendBeacon', {
			configurable: true,
			value: ( url: string, body: Blob ) => {
				beacons.push( { url, body } );
				return beaconAccepts;
			},
		} );
		global.fetch = jest
			.fn()
			.mockReturnValue( new Promise( () => undefined ) );
		// Transports of earlier tests still listen on this window: let them empty their queues.
		window.dispatchEvent( new Event( 'pagehide' ) );
		localStorage.clear();
		beacons = [];
		( fetch as jest.Mock ).mockClear();
	} );

	function hidePage(): void {
		Object.defineProperty( document, 'visibilityState', {
			configurable: true,
			value: 'hidden',
		} );
		document.dispatchEvent( new Event( 'visibilitychange' ) );
		Object.defineProperty( document, 'visibilityState', {
			configurable: true,
			value: 'visible',
		} );
	}

	it( 'sends nothing while the page is in use', () => {
		const transport = beaconTransport( ENDPOINT );
		transport.send( event( 1 ) );
		transport.send( event( 2 ) );
		expect( beacons ).toEqual( [] );
		expect( fetch ).not.toHaveBeenCalled();
	} );

	it( 'sends every event of the page in one request when the page is left', async () => {
		const transport = beaconTransport( ENDPOINT );
		for ( let i = 0; i < 7; i++ ) {
			transport.send( event( i ) );
		}
		window.dispatchEvent( new Event( 'pagehide' ) );

		expect( beacons ).toHaveLength( 1 );
		expect( beacons[ 0 ].url ).toBe( ENDPOINT );
		expect( ( await bodyOf( beacons[ 0 ].body ) ).events ).toHaveLength(
			7
		);
	} );

	it( 'sends when the page is hidden, and does not send the same events again on pagehide', async () => {
		const transport = beaconTransport( ENDPOINT );
		transport.send( event( 1 ) );
		hidePage();
		window.dispatchEvent( new Event( 'pagehide' ) );
		expect( beacons ).toHaveLength( 1 );
		transport.send( event( 2 ) );
		window.dispatchEvent( new Event( 'pagehide' ) );
		expect( beacons ).toHaveLength( 2 );
		expect( ( await bodyOf( beacons[ 1 ].body ) ).events ).toEqual( [
			event( 2 ),
		] );
	} );

	it( 'falls back to fetch with keepalive when the browser refuses the beacon', () => {
		beaconAccepts = false;
		( fetch as jest.Mock ).mockResolvedValue( { status: 202 } );
		const transport = beaconTransport( ENDPOINT );
		transport.send( event( 1 ) );
		transport.flush();
		expect( fetch ).toHaveBeenCalledWith(
			ENDPOINT,
			expect.objectContaining( { method: 'POST', keepalive: true } )
		);
		expect(
			JSON.parse( ( fetch as jest.Mock ).mock.calls[ 0 ][ 1 ].body )
				.events
		).toEqual( [ event( 1 ) ] );
	} );

	it( 'keeps a batch that could not be delivered and sends it with the next page’s batch', async () => {
		beaconAccepts = false;
		( fetch as jest.Mock ).mockRejectedValue(
			new TypeError( 'network down' )
		);
		const first = beaconTransport( ENDPOINT );
		first.send( event( 1 ) );
		first.flush();
		await new Promise( process.nextTick );

		beaconAccepts = true;
		const nextPage = beaconTransport( ENDPOINT );
		nextPage.send( event( 2 ) );
		nextPage.flush();

		const last = beacons[ beacons.length - 1 ];
		expect( ( await bodyOf( last.body ) ).events ).toEqual( [
			event( 1 ),
			event( 2 ),
		] );
		expect( localStorage.getItem( 'utw_retry' ) ).toBeNull();
	} );

	it( 'retries server errors but not batches the endpoint refused', async () => {
		beaconAccepts = false;
		( fetch as jest.Mock ).mockResolvedValueOnce( { status: 503 } );
		const busy = beaconTransport( ENDPOINT );
		busy.send( event( 1 ) );
		busy.flush();
		await new Promise( process.nextTick );
		expect(
			JSON.parse( localStorage.getItem( 'utw_retry' ) as string )
		).toEqual( [ event( 1 ) ] );

		( fetch as jest.Mock ).mockResolvedValueOnce( { status: 400 } );
		const refused = beaconTransport( ENDPOINT );
		refused.flush();
		await new Promise( process.nextTick );
		expect( localStorage.getItem( 'utw_retry' ) ).toBeNull();
	} );

	it( 'keeps at most a bounded number of events for retry', () => {
		localStorage.setItem(
			'utw_retry',
			JSON.stringify(
				Array.from( { length: RETRY_LIMIT + 30 }, ( _, i ) =>
					event( i )
				)
			)
		);
		beaconAccepts = false;
		( fetch as jest.Mock ).mockReturnValue(
			new Promise( () => undefined )
		);
		const transport = beaconTransport( ENDPOINT );
		transport.flush();
		const stored = JSON.parse(
			localStorage.getItem( 'utw_retry' ) as string
		);
		expect( stored.length ).toBeLessThanOrEqual( RETRY_LIMIT );
		expect( stored[ stored.length - 1 ] ).toEqual(
			event( RETRY_LIMIT + 29 )
		);
	} );

	it( 'ignores a corrupt retry queue', () => {
		localStorage.setItem( 'utw_retry', '{not json' );
		const transport = beaconTransport( ENDPOINT );
		transport.flush();
		expect( beacons ).toEqual( [] );
	} );
} );
