/**
 * Storefront entry: sends the events the page was rendered with (product, cart and checkout
 * viewed) through the shared client, batched into one request when the page is hidden or left.
 * Cart and order events are recorded on the server, where the cart actually changes; the client
 * gives the visitor their id on every page it runs on (also pages without page events, such as
 * the shop), so those carry the same one.
 */
import { beaconTransport, createTracksClient } from '../tracks';
import { storefrontEvents } from '../tracks/catalogue/storefront';
import type { PropsOf } from '../tracks';
import './shared-client';

type StorefrontEvents = typeof storefrontEvents;
type PageEvent = {
	[ N in keyof StorefrontEvents ]: [ N, PropsOf< StorefrontEvents[ N ] > ];
}[ keyof StorefrontEvents ];

const config = window.utwConfig;

if ( config ) {
	const transport = beaconTransport( config.endpoint );
	// The add-on bundles (Mini-Cart, checkout) get their clients here, on the same transport:
	// one beacon per page, whatever loads on it.
	const clientFor = ( window.utwStorefrontClient = ( events ) =>
		createTracksClient( events, {
			config,
			transport,
			withVisitorId: true,
		} ) );
	const tracks = clientFor( storefrontEvents );
	// The events were built in PHP (see includes/Storefront/Page_Events.php), typed here.
	( config as { events?: PageEvent[] } ).events?.forEach(
		( [ name, props ] ) => tracks.recordEvent( name, props )
	);
}
