import {
	createTracksClient,
	hasWcTracks,
	wcTracksTransport,
} from '../../../assets/source/tracks';
import { demoEvents, makeConfig } from './support';

/**
 * WooCommerce's own admin function, as includes/tracks/class-wc-site-tracking.php prints it: it
 * adds the `wcadmin_` prefix and pushes to the Tracks queue.
 */
function installWooCommerceTracks(): Array<
	[ string, string, Record< string, unknown > ]
> {
	const queue: Array< [ string, string, Record< string, unknown > ] > = [];
	window.wcTracks = {
		isEnabled: true,
		recordEvent( name, props ) {
			queue.push( [ 'recordEvent', 'wcadmin_' + name, props ] );
		},
	};
	return queue;
}

describe( 'sending through WooCommerce’s wcTracks', () => {
	afterEach( () => {
		delete window.wcTracks;
	} );

	it( 'knows whether the page has wcTracks', () => {
		expect( hasWcTracks() ).toBe( false );
		installWooCommerceTracks();
		expect( hasWcTracks() ).toBe( true );
	} );

	it( 'arrives as wcadmin_utw_… and never as wcadmin_wcadmin_…', () => {
		const queue = installWooCommerceTracks();
		const tracks = createTracksClient( demoEvents, {
			config: makeConfig(),
			transport: wcTracksTransport(),
		} );

		tracks.recordEvent( 'utw_demo_click', {
			link_id: 'docs',
			action: 'expand',
		} );

		expect( queue.map( ( [ , name ] ) => name ) ).toEqual( [
			'wcadmin_utw_demo_click',
		] );
		expect( queue[ 0 ][ 2 ] ).toMatchObject( {
			link_id: 'docs',
			action: 'expand',
		} );
	} );

	it( 'sends nothing to wcTracks while the gate is closed', () => {
		const queue = installWooCommerceTracks();
		createTracksClient( demoEvents, {
			config: makeConfig( {
				gate: { open: false, closedBy: 'plugin_switch' },
			} ),
			transport: wcTracksTransport(),
		} ).recordEvent( 'utw_demo_click', {
			link_id: 'docs',
			action: 'expand',
		} );
		expect( queue ).toEqual( [] );
	} );
} );
