<?php
/**
 * The authenticated read of the synced settings snapshot.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Rest;

use Utw\Settings\Settings_Snapshot;
use WP_Error;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * `GET /wp-json/utw/v1/settings-snapshot`: the stored snapshot as it is kept current on every
 * change (never recomputed here), for store managers only.
 */
final class Settings_Snapshot_Endpoint {

	public const ROUTE = '/settings-snapshot';

	/**
	 * Creates the endpoint.
	 *
	 * @param Settings_Snapshot $snapshot The snapshot.
	 */
	public function __construct( private readonly Settings_Snapshot $snapshot ) {}

	/**
	 * Hooks the route.
	 */
	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_route' ) );
	}

	/**
	 * Registers the route.
	 */
	public function register_route(): void {
		register_rest_route(
			Collect_Endpoint::ROUTE_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => 'GET',
				'callback'            => fn(): WP_REST_Response => new WP_REST_Response( $this->snapshot->get() ),
				'permission_callback' => array( self::class, 'can_manage_store' ),
				'args'                => array(),
			)
		);
	}

	/**
	 * Admin routes are for store managers: `manage_woocommerce`, with WordPress's REST nonce
	 * (without it, cookie authentication treats the request as logged out).
	 *
	 * @return true|WP_Error
	 */
	public static function can_manage_store(): bool|WP_Error {
		if ( current_user_can( 'manage_woocommerce' ) ) {
			return true;
		}
		return new WP_Error(
			'utw_forbidden',
			is_user_logged_in()
				? __( 'Only store managers (manage_woocommerce) may do this.', 'usage-tracking-for-woocommerce' )
				: __( 'Log in as a store manager, and send the REST nonce (X-WP-Nonce).', 'usage-tracking-for-woocommerce' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}
}
