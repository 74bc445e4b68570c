import type { EventSpec } from './schema';

/**
 * Properties the shared client adds to every event. Store-level values come from the page's
 * config (the same for every visitor); the PHP bridge overwrites them with its own on arrival.
 */
export const commonProperties = {
	/** Version of Usage Tracking for WooCommerce. */
	plugin_version: 'string',
	/** Version of WooCommerce. */
	wc_version: 'string',
	/** Home URL of the store. */
	site_url: 'string',
	/** Kind of device, from the viewport width and the pointer; never from the user agent. */
	device: [ 'mobile', 'tablet', 'desktop' ],
	/** Page the event happened on, without query string or fragment. */
	page_url: 'string?',
	/** Random anonymous visitor id, made in the browser once the gate is open. */
	_ui: 'string?',
	/** Time of the event, in milliseconds since the epoch. */
	_ts: 'number',
} as const satisfies EventSpec;
