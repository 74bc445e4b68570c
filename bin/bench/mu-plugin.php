<?php
/**
 * Plugin Name: UTW bench — end-of-request probe and WP-Cron
 * Description: Installed into the `bench` stack's mu-plugins by bin/bench.mjs for its delivery
 *              figures, and removed when it ends; never part of the plugin or of other stacks.
 *
 * - A request sent with `X-Utw-Bench: <label>` appends to <stack>/bench-end.log its server time
 *   measured at the very last shutdown callback (after the plugin's outbox write, which the stack's
 *   own probe runs before) and the write queries it made (INSERT, UPDATE, DELETE, REPLACE).
 * - While <stack>/wp-cron-on exists, every request runs WordPress's own `_wp_cron()` spawning
 *   logic (spawn_cron(): a loopback request to wp-cron.php at most once a minute), which the
 *   stack's DISABLE_WP_CRON otherwise switches off. wp-config.php is rewritten by stack.sh, so the
 *   constant cannot be changed; this is the same code without its DISABLE_WP_CRON test.
 *
 * @package UsageTrackingForWooCommerce
 */

defined( 'ABSPATH' ) || exit;

if ( isset( $_SERVER['HTTP_X_UTW_BENCH'] ) ) {
	$GLOBALS['utw_bench_writes'] = array();
	add_filter(
		'query',
		static function ( $query ) {
			if ( preg_match( '/^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i', (string) $query ) ) {
				// Statement kind and table: enough to tell which writes a request added.
				preg_match( '/^\s*(\w+)\s+(?:IGNORE\s+)?(?:INTO\s+|FROM\s+)?`?(\w+)`?/i', (string) $query, $found );
				$GLOBALS['utw_bench_writes'][] = strtoupper( $found[1] ?? '' ) . ' ' . ( $found[2] ?? '' );
			}
			return $query;
		},
		PHP_INT_MAX
	);
	add_action(
		'shutdown',
		static function () {
			$line = array(
				'label'  => sanitize_key( wp_unslash( $_SERVER['HTTP_X_UTW_BENCH'] ?? '' ) ),
				'ms'     => round( ( microtime( true ) - (float) ( $_SERVER['REQUEST_TIME_FLOAT'] ?? 0 ) ) * 1000, 3 ), // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- PHP's own float, not input.
				'writes' => $GLOBALS['utw_bench_writes'],
			);
			// phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- bench log on the local stack.
			file_put_contents( dirname( ABSPATH ) . '/bench-end.log', wp_json_encode( $line ) . "\n", FILE_APPEND | LOCK_EX );
		},
		PHP_INT_MAX
	);
}//end if

if ( file_exists( dirname( ABSPATH ) . '/wp-cron-on' ) ) {
	add_action(
		'wp_loaded',
		static function () {
			// WordPress's _wp_cron() (wp-includes/cron.php, 6.8) without its DISABLE_WP_CRON test.
			$uri = isset( $_SERVER['REQUEST_URI'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '';
			if ( wp_doing_cron() || str_contains( $uri, '/wp-cron.php' ) ) {
				return;
			}
			$crons = wp_get_ready_cron_jobs();
			$now   = microtime( true );
			if ( ! $crons || array_key_first( $crons ) > $now ) {
				return;
			}
			$schedules = wp_get_schedules();
			foreach ( $crons as $timestamp => $hooks ) {
				if ( $timestamp > $now ) {
					break;
				}
				foreach ( array_keys( (array) $hooks ) as $hook ) {
					if ( isset( $schedules[ $hook ]['callback'] ) && ! call_user_func( $schedules[ $hook ]['callback'] ) ) {
						continue;
					}
					spawn_cron( $now );
					return;
				}
			}
		},
		20
	);
}//end if
