/**
 * Storefront entry: sends the events the page was rendered with (product viewed, …) through the
 * shared client, batched into one request when the page is hidden or left. Cart and order
 * events are recorded on the server, where the cart actually changes.
 */
import { beaconTransport, createTracksClient } from '../tracks';
import { storefrontEvents } from '../tracks/catalogue/storefront';
import type { PropsOf } from '../tracks';

type StorefrontEvents = typeof storefrontEvents;
type PageEvent = {
	[ N in keyof StorefrontEvents ]: [ N, PropsOf< StorefrontEvents[ N ] > ];
}[ keyof StorefrontEvents ];

const config = window.utwConfig;

if ( config ) {
	const tracks = createTracksClient( storefrontEvents, {
		config,
		transport: beaconTransport( config.endpoint ),
		withVisitorId: true,
	} );
	// The events were built in PHP (see includes/Storefront/Page_Events.php), typed here.
	( ( config as { events?: PageEvent[] } ).events ?? [] ).forEach(
		( [ name, props ] ) => tracks.recordEvent( name, props )
	);
}
