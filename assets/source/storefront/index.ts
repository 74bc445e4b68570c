/**
 * Storefront entry: sends the events the page was rendered with (product, cart and checkout
 * viewed) through the shared client, batched into one request when the page is hidden or left.
 * Cart and order events are recorded on the server, where the cart actually changes; this entry
 * makes sure they carry the same visitor id.
 */
import { beaconTransport, createTracksClient } from '../tracks';
import { visitorId } from '../tracks/browser-context';
import { storefrontEvents } from '../tracks/catalogue/storefront';
import type { PropsOf } from '../tracks';

type StorefrontEvents = typeof storefrontEvents;
type PageEvent = {
	[ N in keyof StorefrontEvents ]: [ N, PropsOf< StorefrontEvents[ N ] > ];
}[ keyof StorefrontEvents ];

const config = window.utwConfig;

if ( config ) {
	const { gate } = config;
	const tracks = createTracksClient( storefrontEvents, {
		config,
		transport: beaconTransport( config.endpoint ),
		withVisitorId: true,
	} );
	// The events were built in PHP (see includes/Storefront/Page_Events.php), typed here.
	( ( config as { events?: PageEvent[] } ).events ?? [] ).forEach(
		( [ name, props ] ) => tracks.recordEvent( name, props )
	);
	// Pages without page events (shop, archives) still need the id before the shopper adds to
	// the cart: the server-side event reads it from the cookie. Only once the gate is open and
	// the visitor consented; a later consent creates it on the next page.
	if (
		gate.open &&
		( ! gate.consent || window.wp_has_consent?.( gate.consent ) )
	) {
		visitorId();
	}
}
