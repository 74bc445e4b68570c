<?php
/**
 * Removes everything the plugin stored.
 *
 * @package UsageTrackingForWooCommerce
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

foreach ( array( 'utw_enabled', 'utw_storefront_enabled', 'utw_admin_enabled', 'utw_version', 'utw_recent_events' ) as $utw_option ) {
	delete_option( $utw_option );
}
