import type { EventFamily } from './schema';

/**
 * Events the merchant sends on purpose to check that tracking works.
 *
 * @family admin
 * @origin server
 */
export const diagnosticsEvents = {
	/**
	 * The merchant pressed "Send a test event" in WooCommerce > Usage Tracking > Events. It
	 * carries only the common properties.
	 */
	utw_test_event: {},
} as const satisfies EventFamily;
