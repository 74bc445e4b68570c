/**
 * How the add-on bundles (Mini-Cart, checkout) record: through a client the storefront bundle
 * makes for them, on its own transport, so a page still sends one beacon whatever loads on it.
 */
import type { EventFamily, TracksClient } from '../tracks';

declare global {
	interface Window {
		/** Set by the storefront bundle: a client for another family of storefront events. */
		utwStorefrontClient?: < F extends EventFamily >(
			events: F
		) => TracksClient< F >;
	}
}

/**
 * A client for an add-on bundle's events, sharing the storefront bundle's gate, consent and
 * beacon.
 *
 * @param events The add-on's catalogue family.
 * @return The client, or `undefined` when the storefront bundle is not on the page.
 */
export function storefrontClient< F extends EventFamily >(
	events: F
): TracksClient< F > | undefined {
	return window.utwStorefrontClient?.( events );
}
