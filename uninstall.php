<?php
/**
 * Removes everything the plugin stored when it is deleted from the Plugins screen.
 *
 * Everything the plugin keeps is named with its `utw_` prefix (PRODUCT.md), so besides the
 * options it knows it removes every option, transient, scheduled event or action and table under
 * that prefix — the outbox `{prefix}utw_events` among them — and the order meta that marks an
 * order as recorded: a forgotten name cannot outlive the plugin. On multisite it does so on every
 * site. Deactivation alone keeps the settings, as WordPress expects; nothing runs while the
 * plugin is inactive.
 *
 * @package UsageTrackingForWooCommerce
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/**
 * Removes what the plugin stored on the current site.
 */
function utw_uninstall_site(): void {
	global $wpdb;

	$utw_known_options = array(
		'utw_enabled',
		'utw_storefront_enabled',
		'utw_admin_enabled',
		'utw_version',
		'utw_recent_events',
		// The outbox's schema version, kept apart by builds before the options' revision 3.
		'utw_outbox_schema',
		'utw_delivery_breaker',
		'utw_settings_snapshot',
		'utw_setup_guide',
		'utw_service_connection',
	);
	foreach ( $utw_known_options as $utw_option ) {
		delete_option( $utw_option );
	}

	// Options and transients (with their timeouts) under the prefix, through the API so caches follow.
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- uninstall runs once.
	$utw_leftovers = $wpdb->get_col(
		$wpdb->prepare(
			"SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s",
			$wpdb->esc_like( 'utw_' ) . '%',
			$wpdb->esc_like( '_transient_utw_' ) . '%',
			$wpdb->esc_like( '_site_transient_utw_' ) . '%'
		)
	);
	foreach ( $utw_leftovers as $utw_option ) {
		if ( str_starts_with( $utw_option, '_site_transient_' ) ) {
			delete_site_transient( substr( $utw_option, strlen( '_site_transient_' ) ) );
		} elseif ( str_starts_with( $utw_option, '_transient_' ) ) {
			delete_transient( substr( $utw_option, strlen( '_transient_' ) ) );
		} else {
			delete_option( $utw_option );
		}
	}

	// WP-Cron events.
	foreach ( (array) _get_cron_array() as $utw_events ) {
		foreach ( array_keys( (array) $utw_events ) as $utw_hook ) {
			if ( str_starts_with( (string) $utw_hook, 'utw_' ) ) {
				wp_clear_scheduled_hook( (string) $utw_hook );
			}
		}
	}
	// The follow-up run of Action Scheduler's queue that delivery asks for while events flow: Action
	// Scheduler's WP-Cron hook with the plugin's argument (Utw\Tracks\Delivery::FOLLOW_UP_RUN,
	// which Uninstall_Test checks).
	wp_clear_scheduled_hook( 'action_scheduler_run_queue', array( 'WP Cron (Usage Tracking follow-up)' ) );

	// Action Scheduler actions (WooCommerce's queue), when WooCommerce is still there.
	$utw_actions_table = $wpdb->prefix . 'actionscheduler_actions';
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- uninstall runs once.
	if ( function_exists( 'as_unschedule_all_actions' ) && $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $utw_actions_table ) ) === $utw_actions_table ) {
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- uninstall runs once.
		$utw_hooks = $wpdb->get_col(
			$wpdb->prepare(
				"SELECT DISTINCT hook FROM {$wpdb->prefix}actionscheduler_actions WHERE hook LIKE %s AND status = 'pending'", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name.
				$wpdb->esc_like( 'utw_' ) . '%'
			)
		);
		foreach ( $utw_hooks as $utw_hook ) {
			as_unschedule_all_actions( $utw_hook );
		}
	}

	// Tables under the prefix: the outbox, and any a later version adds.
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- uninstall runs once.
	foreach ( (array) $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . 'utw_' ) . '%' ) ) as $utw_table ) {
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.DirectDatabaseQuery.SchemaChange, WordPress.DB.PreparedSQLPlaceholders.UnsupportedPlaceholder, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- the plugin's own tables; %i is WordPress 6.2+, this plugin needs 6.6.
		$wpdb->query( $wpdb->prepare( 'DROP TABLE IF EXISTS %i', (string) $utw_table ) );
	}

	// The order meta that marks an order as recorded, in both order stores (posts and HPOS).
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.SlowDBQuery.slow_db_query_meta_key -- uninstall runs once.
	$wpdb->delete( $wpdb->postmeta, array( 'meta_key' => '_utw_order_processed_recorded' ) );
	$utw_orders_meta = $wpdb->prefix . 'wc_orders_meta';
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- uninstall runs once.
	if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $utw_orders_meta ) ) === $utw_orders_meta ) {
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.SlowDBQuery.slow_db_query_meta_key -- uninstall runs once.
		$wpdb->delete( $utw_orders_meta, array( 'meta_key' => '_utw_order_processed_recorded' ) );
	}
}

if ( is_multisite() ) {
	foreach ( get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	) as $utw_site ) {
		switch_to_blog( (int) $utw_site );
		utw_uninstall_site();
		restore_current_blog();
	}
} else {
	utw_uninstall_site();
}
