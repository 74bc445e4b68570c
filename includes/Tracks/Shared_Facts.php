<?php
/**
 * Facts the PHP bridge and the TypeScript client share.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Names, patterns and limits both sides of the pipeline must agree on.
 */
final class Shared_Facts {

	/** REST namespace of every route of the plugin. */
	public const REST_NAMESPACE = 'utw/v1';
	/** Event names as WooCommerce Tracks validates them (WC_Tracks_Event::EVENT_NAME_REGEX). */
	public const EVENT_NAME = '/^[a-z0-9]+_[a-z0-9_]+$/';
	/** Property names as WooCommerce Tracks validates them (WC_Tracks_Event::PROP_NAME_REGEX). */
	public const PROPERTY_NAME = '/^[a-z_][a-z0-9_]*$/';
	/** The first-party cookie that holds the random visitor id. */
	public const VISITOR_COOKIE = 'utw_vid';
	/** How long the visitor cookie lives, in seconds (one year). */
	public const VISITOR_COOKIE_LIFETIME = 31536000;
	/** The visitor id the browser makes: 16 random bytes, URL-safe base64. */
	public const VISITOR_ID = '/^[A-Za-z0-9_-]{22}$/';
	/** Most events one batch to the collection endpoint may hold. */
	public const MAX_BATCH_EVENTS = 50;
	/** User agents of known crawlers, whose events are not counted. */
	public const CRAWLER_USER_AGENT = '/googlebot|bingbot|yandexbot|baiduspider|duckduckbot|slurp|applebot|ahrefsbot|semrushbot|mj12bot|dotbot|petalbot|bytespider|gptbot|ccbot|claudebot|facebookexternalhit|twitterbot|linkedinbot|crawler|spider|\bbot\//i';
}
