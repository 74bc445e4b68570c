<?php
/**
 * Plugin Name: UTW local stack — delivery controls for tests
 * Description: Lets tests run the plugin's Action Scheduler delivery at once, move its clock, and
 *              point it at a destination of their own. Only on the local stacks (copied into
 *              wp-content/mu-plugins by tests/support/stack/stack.sh); never part of the plugin.
 *
 * GET /?utw_test=run-queue[&advance=1]
 *     Runs the plugin's due Action Scheduler actions (group `utw`) now, through Action Scheduler's own
 *     claim and runner (what WP-Cron or `wp action-scheduler run` would do), until none is due.
 *     With advance=1, first moves the clock past every retry delay and breaker cool-down (as if
 *     the wait had passed). Answers JSON: actions run and the outbox's counts by state.
 * GET /?utw_test=destination&url=<loopback URL>|''
 *     Sets (or clears) the destination every newly accepted event is queued for.
 *
 * Action Scheduler's async request runner is off on the stacks, so nothing is delivered unless a
 * test asks (the bench turns WP-Cron on for its delivery figures).
 *
 * @package UsageTrackingForWooCommerce
 */

defined( 'ABSPATH' ) || exit;

// A control request runs Action Scheduler's actions, as WP-Cron's request would: it is not a
// storefront page view, on which the plugin does not wire its delivery.
if ( isset( $_GET['utw_test'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- test-stack control, loopback only.
	add_filter( 'utw_is_storefront_page_view', '__return_false' );
}

// Delivery runs when a test asks, not whenever a wp-admin page view lets Action Scheduler start
// its async runner (WP-Cron is off on the stacks too): what a test sees does not hang on timing.
add_filter( 'action_scheduler_allow_async_request_runner', '__return_false' );

add_action(
	'init',
	static function (): void {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- test-stack control, loopback only.
		$command = isset( $_GET['utw_test'] ) ? sanitize_key( wp_unslash( $_GET['utw_test'] ) ) : '';
		if ( '' === $command ) {
			return;
		}
		$remote = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		if ( '127.0.0.1' !== $remote && '::1' !== $remote ) {
			wp_send_json( array( 'error' => 'loopback only' ), 403 );
		}
		if ( 'destination' === $command ) {
			$url = isset( $_GET['url'] ) ? esc_url_raw( wp_unslash( $_GET['url'] ) ) : '';
			if ( '' !== $url && ! in_array( wp_parse_url( $url, PHP_URL_HOST ), array( '127.0.0.1', 'localhost' ), true ) ) {
				wp_send_json( array( 'error' => 'a loopback URL, or nothing' ), 400 );
			}
			// utw-local-stack.php points the plugin's destination at this option when it is set.
			if ( '' === $url ) {
				delete_option( 'utw_stack_destination' );
			} else {
				update_option( 'utw_stack_destination', $url, false );
			}
			wp_send_json( array( 'destination' => $url ) );
		}
		if ( 'run-queue' !== $command ) {
			wp_send_json( array( 'error' => "unknown command {$command}" ), 400 );
		}
		global $wpdb;
		$table = $wpdb->prefix . 'utw_events';
		if ( ! empty( $_GET['advance'] ) ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test control.
			$wpdb->query( "UPDATE {$table} SET next_attempt_at = 0, claim_id = 0 WHERE state IN ('queued', 'retrying')" );
			$breaker = get_option( 'utw_delivery_breaker', array() );
			foreach ( is_array( $breaker ) ? $breaker : array() as $key => $state ) {
				$breaker[ $key ]['open_until'] = 0;
			}
			update_option( 'utw_delivery_breaker', $breaker, false );
		}
		// phpcs:enable
		$ran = 0;
		for ( $round = 0; $round < 20; $round++ ) {
			\Utw\Tracks\Delivery::run_soon();
			$store = ActionScheduler::store();
			// By hook, not group: before Action Scheduler's migration to its own tables is complete
			// (it is not on a fresh stack) its post store refuses a group it has never seen.
			$claim = $store->stake_claim( 10, null, array( 'utw_deliver_events', 'utw_deliver_events_now', 'utw_prune_events' ) );
			$ids   = $claim->get_actions();
			foreach ( $ids as $action_id ) {
				ActionScheduler::runner()->process_action( $action_id, 'utw-test' );
				++$ran;
			}
			$store->release_claim( $claim );
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test control.
			$due = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE state IN ('queued', 'retrying') AND next_attempt_at <= %d AND claim_id = 0", time() ) );
			if ( 0 === $due ) {
				break;
			}
		}
		$counts = array();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test control.
		foreach ( (array) $wpdb->get_results( "SELECT state, COUNT(*) AS n FROM {$table} GROUP BY state", ARRAY_A ) as $row ) {
			$counts[ $row['state'] ] = (int) $row['n'];
		}
		wp_send_json(
			array(
				'ran'    => $ran,
				'counts' => $counts,
			)
		);
	},
	20
);
