<?php
/**
 * The one permission check of every admin REST route.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin;

use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Admin routes are for store managers: `manage_woocommerce`, with WordPress's REST nonce
 * (without it, cookie authentication treats the request as logged out).
 */
final class Permission {

	/** The capability every admin route and screen of the plugin asks for. */
	public const CAPABILITY = 'manage_woocommerce';

	/**
	 * The `permission_callback` of every admin route.
	 *
	 * @return true|WP_Error
	 */
	public static function can_manage_store(): bool|WP_Error {
		if ( current_user_can( self::CAPABILITY ) ) {
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
