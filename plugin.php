<?php
/**
 * Plugin Name:          Usage Tracking for WooCommerce
 * Plugin URI:           https://github.com/usage-tracking-for-woocommerce/usage-tracking-for-woocommerce
 * Description:          Opt-in usage tracking for WooCommerce stores: storefront events, store settings changes and a setup guide, sent only when the store has opted in, without personal data.
 * Version:              0.1.0
 * Requires at least:    6.6
 * Requires PHP:         8.1
 * Requires Plugins:     woocommerce
 * WC requires at least: 9.0
 * WC tested up to:      10.9
 * Author:               Usage Tracking for WooCommerce contributors
 * License:              GPL-2.0-or-later
 * License URI:          https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:          usage-tracking-for-woocommerce
 * Domain Path:          /languages
 *
 * @package UsageTrackingForWooCommerce
 */

defined( 'ABSPATH' ) || exit;

define( 'UTW_VERSION', '0.1.0' );
define( 'UTW_PLUGIN_FILE', __FILE__ );

// Checked before anything else is loaded, so an old PHP gets a notice instead of a parse error.
if ( version_compare( PHP_VERSION, '8.1', '<' ) ) {
	add_action(
		'admin_notices',
		function () {
			echo '<div class="notice notice-error"><p>' . esc_html__( 'Usage Tracking for WooCommerce needs PHP 8.1 or newer. It is not running.', 'usage-tracking-for-woocommerce' ) . '</p></div>';
		}
	);
	return;
}

require_once __DIR__ . '/includes/autoload.php';

Utw\Plugin::boot( __FILE__ );
