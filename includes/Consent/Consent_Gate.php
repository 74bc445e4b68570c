<?php
/**
 * The one place that decides whether tracking is on.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Consent;

use Utw\Options;
use Utw\Service\Store_Connection;

defined( 'ABSPATH' ) || exit;

/**
 * Tracking is on only when WooCommerce's own opt-in and its filters, the plugin's switches, the
 * `utw_tracking_enabled` filter, the store's connection to its analytics account (for the events
 * that go there) and — on the storefront, where the WP Consent API is present — the visitor's
 * `statistics` consent all say yes. Every caller (page scripts, the collection
 * endpoint, server-side events) asks here; the browser receives the answer, never the rules.
 */
final class Consent_Gate {

	public const STOREFRONT = 'storefront';
	public const ADMIN      = 'admin';

	/** WooCommerce > Settings > Advanced > WooCommerce.com > "Enable tracking" is off. */
	public const CLOSED_WOOCOMMERCE_OPT_IN = 'woocommerce_allow_tracking';
	/** `woocommerce_apply_user_tracking` or `woocommerce_apply_tracking` returned false. */
	public const CLOSED_WOOCOMMERCE_FILTER = 'woocommerce_tracking_filter';
	/** The plugin's own switch is off. */
	public const CLOSED_PLUGIN_SWITCH = 'plugin_switch';
	/** The switch of this event family (storefront or admin) is off. */
	public const CLOSED_FAMILY_SWITCH = 'family_switch';
	/** `utw_tracking_enabled` returned false. */
	public const CLOSED_FILTER = 'utw_tracking_enabled';
	/** The visitor has not allowed `statistics` in the WP Consent API. */
	public const CLOSED_VISITOR_CONSENT = 'visitor_consent';
	/** The store is not connected to its analytics account (the setup guide's account step). */
	public const CLOSED_NOT_CONNECTED = 'not_connected';

	/** WP Consent API category the storefront needs. */
	public const CONSENT_CATEGORY = 'statistics';

	/**
	 * Decides whether events of a surface may be sent.
	 *
	 * @param string    $surface       `storefront` or `admin`.
	 * @param bool      $check_visitor Whether to read this visitor's consent: true for server-side
	 *                                 events and the collection endpoint, false while rendering a
	 *                                 page, which must be the same for every visitor (the browser then
	 *                                 checks the category the decision names).
	 * @param bool|null $needs_connection Whether the events wait for the store's connection to its
	 *                              analytics account: by default storefront events do; of admin
	 *                              events, those delivered to the account (settings changes, the
	 *                              test event) do and the setup guide's own do not — the client
	 *                              says which from the catalogue.
	 * @return Gate_Decision
	 */
	public function decide( string $surface, bool $check_visitor = true, ?bool $needs_connection = null ): Gate_Decision {
		if ( 'yes' !== get_option( 'woocommerce_allow_tracking', 'no' ) ) {
			return Gate_Decision::closed( self::CLOSED_WOOCOMMERCE_OPT_IN );
		}
		// WooCommerce's own filters (includes/tracks/class-wc-site-tracking.php), applied as it does.
		// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound
		if ( ! apply_filters( 'woocommerce_apply_user_tracking', true ) || ! apply_filters( 'woocommerce_apply_tracking', true ) ) {
			return Gate_Decision::closed( self::CLOSED_WOOCOMMERCE_FILTER );
		}
		if ( 'no' === get_option( Options::ENABLED, 'yes' ) ) {
			return Gate_Decision::closed( self::CLOSED_PLUGIN_SWITCH );
		}
		$family_switch = self::STOREFRONT === $surface ? Options::STOREFRONT_ENABLED : Options::ADMIN_ENABLED;
		if ( 'no' === get_option( $family_switch, 'yes' ) ) {
			return Gate_Decision::closed( self::CLOSED_FAMILY_SWITCH );
		}
		/**
		 * Whether Usage Tracking for WooCommerce may send events of a surface.
		 *
		 * @param bool   $enabled Whether tracking is on. Default true.
		 * @param string $surface `storefront` or `admin`.
		 */
		if ( ! apply_filters( 'utw_tracking_enabled', true, $surface ) ) {
			return Gate_Decision::closed( self::CLOSED_FILTER );
		}
		if ( ( $needs_connection ?? self::STOREFRONT === $surface ) && null === Store_Connection::current() ) {
			return Gate_Decision::closed( self::CLOSED_NOT_CONNECTED );
		}
		if ( self::STOREFRONT !== $surface || ! function_exists( 'wp_has_consent' ) ) {
			return Gate_Decision::open();
		}
		if ( $check_visitor && ! wp_has_consent( self::CONSENT_CATEGORY ) ) {
			return Gate_Decision::closed( self::CLOSED_VISITOR_CONSENT );
		}
		return Gate_Decision::open( self::CONSENT_CATEGORY );
	}
}
