/**
 * Facts the TypeScript client and the PHP bridge must agree on, declared once.
 *
 * `npm run docs:tracking` writes each `export const` below into includes/Tracks/Shared_Facts.php
 * as a class constant of the same name (regular expressions as PCRE strings), and `--check`
 * fails when that file is stale. Keep every fact a plain literal (string, number or a regular
 * expression that PHP reads the same way, flags `i` at most) with a doc comment, and export each
 * on its own so a bundle carries only the facts it uses.
 */

/** REST namespace of every route of the plugin. */
export const REST_NAMESPACE = 'utw/v1';

/** Route of the collection endpoint, under REST_NAMESPACE. */
export const COLLECT_ROUTE = '/collect';

/** Event names as WooCommerce Tracks validates them (WC_Tracks_Event::EVENT_NAME_REGEX). */
export const EVENT_NAME = /^[a-z0-9]+_[a-z0-9_]+$/;

/** Property names as WooCommerce Tracks validates them (WC_Tracks_Event::PROP_NAME_REGEX). */
export const PROPERTY_NAME = /^[a-z_][a-z0-9_]*$/;

/** The first-party cookie that holds the random visitor id. */
export const VISITOR_COOKIE = 'utw_vid';

/** How long the visitor cookie lives, in seconds (one year of 365 days). */
export const VISITOR_COOKIE_LIFETIME = 31536000;

/**
 * The visitor id the browser makes: 16 random bytes, URL-safe base64 without padding (`\w` is
 * `[A-Za-z0-9_]` in JavaScript and in PHP without the `u` flag).
 */
export const VISITOR_ID = /^[\w-]{22}$/;

/** Most events one batch to the collection endpoint may hold. */
export const MAX_BATCH_EVENTS = 50;

/**
 * Longest string property value the collection endpoint accepts, in characters. Nothing the
 * catalogue describes comes close (a page URL without its query string, a product name); the
 * bound keeps a browser from storing arbitrary text in the event log.
 */
export const MAX_VALUE_LENGTH = 2048;

/** User agents of known crawlers, whose events are not counted. */
export const CRAWLER_USER_AGENT =
	/googlebot|bingbot|yandexbot|baiduspider|duckduckbot|slurp|applebot|ahrefsbot|semrushbot|mj12bot|dotbot|petalbot|bytespider|gptbot|ccbot|claudebot|facebookexternalhit|twitterbot|linkedinbot|crawler|spider|\bbot\//i;
