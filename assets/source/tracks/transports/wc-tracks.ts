import type { Transport } from './transport';

/**
 * Whether the page has WooCommerce's admin Tracks function (`window.wcTracks.recordEvent`).
 *
 * @return True on WooCommerce admin pages.
 */
export function hasWcTracks(): boolean {
	return typeof window.wcTracks?.recordEvent === 'function';
}

/**
 * Hands events to WooCommerce's `wcTracks.recordEvent`, which prefixes `wcadmin_` itself: names
 * go through as catalogued (`utw_…`), so nothing is ever sent as `wcadmin_wcadmin_…`.
 *
 * @return The transport.
 */
export function wcTracksTransport(): Transport {
	return {
		send( { name, props } ) {
			window.wcTracks?.recordEvent?.( name, props );
		},
	};
}
