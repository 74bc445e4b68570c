<?php
/**
 * The authenticated read of the synced settings snapshot.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Settings;

use Utw\Admin\Permission;
use Utw\Tracks\Shared_Facts;
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
			Shared_Facts::REST_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => 'GET',
				'callback'            => fn(): WP_REST_Response => new WP_REST_Response( $this->snapshot->get() ),
				'permission_callback' => array( Permission::class, 'can_manage_store' ),
				'args'                => array(),
			)
		);
	}
}
