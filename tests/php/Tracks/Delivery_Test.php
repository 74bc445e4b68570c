<?php
/**
 * Background delivery of the outbox, against the real database and the local collector.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Tracks;

use Utw\Tests\Stack_Test_Case;
use Utw\Tests\Stack_Test_Case_Collector as Collector;
use Utw\Tracks\Circuit_Breaker;
use Utw\Tracks\Delivery;
use Utw\Tracks\Outbox;
use Utw\Tracks\Pixel_Transport;

final class Delivery_Test extends Stack_Test_Case {

	/** A port nothing listens on: connections are refused at once. */
	private const REFUSING = 'http://127.0.0.1:9/t.gif';

	private const PRODUCT = array(
		'product_id'       => 13,
		'product_name'     => 'Blue Hoodie',
		'product_category' => 'Clothing/Hoodies',
		'price'            => 45,
	);

	private Delivery $delivery;
	private Outbox $outbox;
	private Circuit_Breaker $breaker;

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$this->open_gate();
		$this->log_from_now();
		// Rows other tests left waiting are not this test's (rolled back afterwards).
		$table = Outbox::table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$wpdb->query( "UPDATE {$table} SET state = 'delivered' WHERE state IN ('queued', 'retrying')" );
		delete_option( Circuit_Breaker::OPTION );
		Collector::clear();
		$this->outbox   = \Utw\Plugin::instance()->outbox();
		$this->breaker  = new Circuit_Breaker();
		$this->delivery = new Delivery( $this->outbox, new Pixel_Transport(), $this->breaker );
	}

	protected function tear_down(): void {
		unset( $_GET['doing_wp_cron'] );
		parent::tear_down();
	}

	/**
	 * Makes this request a WP-Cron request that a visit spawned: spawn_cron() passes its lock in
	 * `doing_wp_cron`; a system cron calling wp-cron.php passes none.
	 *
	 * @param bool $by_a_visit False for wp-cron.php called by a system cron.
	 */
	private function in_wp_cron( bool $by_a_visit = true ): void {
		$this->add_test_filter( 'wp_doing_cron', '__return_true' );
		if ( $by_a_visit ) {
			$_GET['doing_wp_cron'] = sprintf( '%.22F', microtime( true ) );
		}
	}

	/**
	 * Runs Action Scheduler's own queue runner, as its WP-Cron event does, with `utw_deliver_events`
	 * due. The store's other pending actions are moved out of the way first (rolled back with the
	 * test), so the run is the plugin's alone.
	 *
	 * @param string $run_name What Action Scheduler's runner is called with: 'WP Cron' for its own
	 *                         minutely event.
	 */
	private function run_action_scheduler( string $run_name = 'WP Cron' ): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$wpdb->query( "UPDATE {$wpdb->prefix}actionscheduler_actions SET scheduled_date_gmt = '2999-01-01 00:00:00', scheduled_date_local = '2999-01-01 00:00:00' WHERE status = 'pending' AND hook NOT LIKE 'utw\\_%'" );
		\ActionScheduler_QueueRunner::instance()->run( $run_name );
	}

	/**
	 * The delivery's recurring action, due now.
	 */
	private function delivery_due_now(): void {
		as_unschedule_all_actions( Delivery::HOOK );
		as_unschedule_all_actions( Delivery::NOW_HOOK );
		as_schedule_recurring_action( time(), Delivery::INTERVAL, Delivery::HOOK, array(), Delivery::GROUP, true );
	}

	/**
	 * When each pending follow-up run of Action Scheduler's queue is due.
	 *
	 * @return list<int> Unix times.
	 */
	private function follow_ups(): array {
		$times = array();
		foreach ( (array) _get_cron_array() as $time => $hooks ) {
			foreach ( (array) ( $hooks[ \ActionScheduler_QueueRunner::WP_CRON_HOOK ] ?? array() ) as $event ) {
				if ( array( Delivery::FOLLOW_UP_RUN ) === $event['args'] ) {
					$times[] = (int) $time;
				}
			}
		}
		return $times;
	}

	/**
	 * Queues events for a destination, as requests would.
	 *
	 * @param int    $count       How many.
	 * @param string $destination Where they go.
	 * @return list<array<string, mixed>> Their rows.
	 */
	private function queue( int $count, string $destination ): array {
		$this->add_test_filter( 'utw_destination_url', static fn() => $destination, 1000 );
		for ( $i = 1; $i <= $count; $i++ ) {
			\Utw\Plugin::instance()->tracks()->record_event( 'utw_product_view', array( 'product_id' => $i ) + self::PRODUCT );
		}
		return $this->logged( Outbox::QUEUED );
	}

	/**
	 * The current rows of some events.
	 *
	 * @param list<array<string, mixed>> $rows Rows as queued.
	 * @return list<array<string, mixed>>
	 */
	private function reread( array $rows ): array {
		$ids = array_column( $rows, 'id' );
		return array_values( array_filter( $this->logged(), static fn( $row ) => in_array( $row['id'], $ids, true ) ) );
	}

	/**
	 * Moves some rows back in time.
	 *
	 * @param list<array<string, mixed>> $rows    Rows.
	 * @param int                        $seconds How far.
	 */
	private function age( array $rows, int $seconds ): void {
		global $wpdb;
		$table = Outbox::table();
		foreach ( $rows as $row ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET created_ms = created_ms - %d, next_attempt_at = 0 WHERE id = %d", $seconds * 1000, $row['id'] ) );
		}
	}

	public function test_queued_events_arrive_once_each_with_their_event_id_and_are_marked_delivered(): void {
		$rows = $this->queue( 3, Pixel_Transport::destination() );

		$done = $this->delivery->run();

		$this->assertSame( 3, $done['delivered'] );
		$received = Collector::wait_for( 3 );
		$this->assertEqualsCanonicalizing( array_column( $rows, 'eid' ), array_column( array_column( $received, 'params' ), '_eid' ) );
		$this->assertSame( array( 'Blue Hoodie' ), array_values( array_unique( array_column( array_column( $received, 'params' ), 'product_name' ) ) ) );
		$this->assertSame( array( Outbox::DELIVERED ), array_values( array_unique( array_column( $this->reread( $rows ), 'state' ) ) ) );

		$this->assertSame( 0, $this->delivery->run()['delivered'], 'a second run sends nothing again' );
		usleep( 200000 );
		$this->assertCount( 3, Collector::events() );
	}

	public function test_a_refused_connection_is_retried_later_with_exponential_backoff_and_the_error_in_words(): void {
		$rows = $this->queue( 2, self::REFUSING );

		$done = $this->delivery->run();

		$this->assertSame( 2, $done['retrying'] );
		foreach ( $this->reread( $rows ) as $row ) {
			$this->assertSame( Outbox::RETRYING, $row['state'] );
			$this->assertSame( 1, $row['attempts'] );
			$this->assertStringStartsWith( 'attempt 1 failed: network error', (string) $row['reason'] );
			$this->assertGreaterThanOrEqual( time() + 23, $row['next_attempt_at'] );
			$this->assertLessThanOrEqual( time() + 37, $row['next_attempt_at'] );
		}
		$this->assertSame( 0, $this->delivery->run()['retrying'], 'not tried again before the delay' );

		$this->age( $rows, 60 );
		$this->delivery->run();
		$this->assertSame( array( 2, 2 ), array_column( $this->reread( $rows ), 'attempts' ) );
	}

	public function test_the_delay_doubles_per_attempt_up_to_an_hour(): void {
		foreach ( array(
			1  => 30,
			2  => 60,
			3  => 120,
			6  => 960,
			8  => 3600,
			30 => 3600,
		) as $attempts => $delay ) {
			$backoff = Delivery::backoff( $attempts );
			$this->assertGreaterThanOrEqual( (int) floor( $delay * 0.8 ), $backoff, "attempt {$attempts}" );
			$this->assertLessThanOrEqual( (int) ceil( $delay * 1.2 ), $backoff, "attempt {$attempts}" );
		}
	}

	public function test_an_event_that_keeps_failing_for_24_hours_is_given_up_with_the_reason(): void {
		$rows = $this->queue( 1, self::REFUSING );
		$this->age( $rows, DAY_IN_SECONDS + 60 );

		$this->delivery->run();

		$row = $this->reread( $rows )[0];
		$this->assertSame( Outbox::FAILED, $row['state'] );
		$this->assertStringStartsWith( 'gave up after 1 attempts over 24 hours; last error: network error', (string) $row['reason'] );
	}

	public function test_an_event_the_destination_refuses_fails_at_once_and_the_destination_counts_as_up(): void {
		$rows = $this->queue( 1, getenv( 'UTW_COLLECTOR_URL' ) . '/no-such-pixel.gif' );

		$this->delivery->run();

		$row = $this->reread( $rows )[0];
		$this->assertSame( Outbox::FAILED, $row['state'] );
		$this->assertSame( 'the destination answered HTTP 404', $row['reason'] );
		$this->assertSame( Circuit_Breaker::CLOSED, $this->breaker->state( $row['destination'] ) );
	}

	public function test_the_breaker_opens_after_three_failing_runs_and_probes_with_one_event_after_the_cool_down(): void {
		$rows = $this->queue( 4, self::REFUSING );
		for ( $run = 1; $run <= Circuit_Breaker::THRESHOLD; $run++ ) {
			$this->age( $rows, 0 );
			$this->delivery->run();
		}
		$this->assertSame( Circuit_Breaker::OPEN, $this->breaker->state( self::REFUSING ) );
		$until = $this->breaker->open_until( self::REFUSING );
		$this->assertEqualsWithDelta( time() + Circuit_Breaker::COOL_DOWN, $until, 2 );

		$this->age( $rows, 0 );
		$done = $this->delivery->run();
		$this->assertSame( 4, $done['postponed'], 'nothing is sent while the breaker is open' );
		foreach ( $this->reread( $rows ) as $row ) {
			$this->assertSame( 3, $row['attempts'] );
			$this->assertSame( $until, $row['next_attempt_at'] );
			$this->assertStringContainsString( 'paused until', (string) $row['reason'] );
		}

		// The cool-down passes: one probe, which fails, and the breaker opens for twice as long.
		$state                                        = get_option( Circuit_Breaker::OPTION );
		$state[ md5( self::REFUSING ) ]['open_until'] = time() - 1;
		update_option( Circuit_Breaker::OPTION, $state, false );
		$this->assertSame( Circuit_Breaker::HALF_OPEN, $this->breaker->state( self::REFUSING ) );
		$this->age( $rows, 0 );
		$done = $this->delivery->run();
		$this->assertSame( 1, $done['retrying'] );
		$this->assertSame( 3, $done['postponed'] );
		$this->assertSame( array( 4, 3, 3, 3 ), array_column( $this->reread( $rows ), 'attempts' ) );
		$this->assertEqualsWithDelta( time() + 2 * Circuit_Breaker::COOL_DOWN, $this->breaker->open_until( self::REFUSING ), 2 );

		// A destination that answers closes it again.
		$this->breaker->succeeded( self::REFUSING );
		$this->assertSame( Circuit_Breaker::CLOSED, $this->breaker->state( self::REFUSING ) );
	}

	public function test_when_no_request_of_the_first_chunk_gets_through_the_rest_is_not_tried_in_that_run(): void {
		$rows = $this->queue( \Utw\Tracks\Pixel_Transport::PARALLEL + 5, self::REFUSING );

		$done = $this->delivery->run();

		$this->assertSame( \Utw\Tracks\Pixel_Transport::PARALLEL, $done['retrying'] );
		$this->assertSame( 5, $done['postponed'] );
		$untried = array_slice( $this->reread( $rows ), -5 );
		$this->assertSame( array( 0, 0, 0, 0, 0 ), array_column( $untried, 'attempts' ) );
		$this->assertStringStartsWith( 'not tried', (string) $untried[0]['reason'] );
		$this->assertGreaterThan( time(), $untried[0]['next_attempt_at'] );
	}

	public function test_events_still_age_out_while_the_breaker_keeps_the_destination_paused(): void {
		$rows = $this->queue( 2, self::REFUSING );
		for ( $run = 1; $run <= Circuit_Breaker::THRESHOLD; $run++ ) {
			$this->age( $rows, 0 );
			$this->delivery->run();
		}
		$this->assertSame( Circuit_Breaker::OPEN, $this->breaker->state( self::REFUSING ) );
		$this->age( $rows, DAY_IN_SECONDS + 60 );

		$done = $this->delivery->run();

		$this->assertSame( 2, $done['failed'] );
		$this->assertStringStartsWith( 'gave up after 24 hours', (string) $this->reread( $rows )[0]['reason'] );
	}

	public function test_after_a_successful_probe_the_rest_is_sent_in_a_run_queued_at_once(): void {
		$live  = Pixel_Transport::destination();
		$rows  = $this->queue( 3, $live );
		$state = array(
			md5( $live ) => array(
				'failures'   => Circuit_Breaker::THRESHOLD,
				'open_until' => time() - 1,
				'cool_down'  => Circuit_Breaker::COOL_DOWN,
			),
		);
		update_option( Circuit_Breaker::OPTION, $state, false );
		as_unschedule_all_actions( Delivery::NOW_HOOK );

		$done = $this->delivery->run();

		$this->assertSame( 1, $done['delivered'], 'one probe' );
		$this->assertSame( 2, $done['postponed'] );
		$this->assertSame( Circuit_Breaker::CLOSED, $this->breaker->state( $live ) );
		$this->assertNotFalse( as_next_scheduled_action( Delivery::NOW_HOOK, array(), Delivery::GROUP ), 'the rest does not wait for the interval' );
		$this->assertSame( 2, $this->delivery->run()['delivered'] );
	}

	public function test_the_backlog_is_bounded_by_dropping_the_oldest_with_the_reason(): void {
		$this->add_test_filter( 'utw_outbox_max_backlog', static fn() => 5 );
		$rows = $this->queue( 8, Pixel_Transport::destination() );

		$done = $this->delivery->run();

		$this->assertSame( 3, $done['dropped'] );
		$this->assertSame( 5, $done['delivered'] );
		$states = array_column( $this->reread( $rows ), 'state' );
		$this->assertSame( array( 'dropped', 'dropped', 'dropped', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered' ), $states );
		$this->assertStringStartsWith( 'backlog full', (string) $this->reread( $rows )[0]['reason'] );
	}

	public function test_two_runs_never_claim_the_same_event(): void {
		$this->queue( 6, Pixel_Transport::destination() );

		$first  = $this->outbox->claim( 4, 60 );
		$second = $this->outbox->claim( 4, 60 );

		$this->assertCount( 4, $first );
		$this->assertCount( 2, $second );
		$this->assertSame( array(), array_intersect( array_column( $first, 'id' ), array_column( $second, 'id' ) ) );
	}

	public function test_pruning_deletes_old_and_surplus_finished_events_and_never_a_waiting_one(): void {
		$old_delivered = $this->queue( 2, Pixel_Transport::destination() );
		$this->delivery->run();
		$this->age( $old_delivered, 40 * DAY_IN_SECONDS );
		$old_waiting = $this->queue( 1, self::REFUSING );
		$old_waiting = array_values( array_filter( $old_waiting, static fn( $row ) => self::REFUSING === $row['destination'] ) );
		$this->age( $old_waiting, 40 * DAY_IN_SECONDS );

		$this->assertSame( 2, $this->outbox->prune( 30 * DAY_IN_SECONDS, 1000000 ) );
		$this->assertSame( array(), $this->reread( $old_delivered ) );
		$this->assertCount( 1, $this->reread( $old_waiting ), 'an event still waiting is kept' );
	}

	public function test_pruning_keeps_at_most_the_row_cap(): void {
		global $wpdb;
		$table = Outbox::table();
		$this->queue( 3, Pixel_Transport::destination() );
		$this->delivery->run();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$total = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" );

		$this->outbox->prune( 30 * DAY_IN_SECONDS, $total - 2 );

		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertSame( $total - 2, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ) );
	}

	public function test_the_actions_are_scheduled_in_the_utw_group_on_action_scheduler(): void {
		as_unschedule_all_actions( Delivery::HOOK );
		as_unschedule_all_actions( Delivery::PRUNE_HOOK );

		Delivery::schedule();
		Delivery::schedule();

		$this->assertCount(
			1,
			as_get_scheduled_actions(
				array(
					'hook'   => Delivery::HOOK,
					'status' => 'pending',
					'group'  => Delivery::GROUP,
				),
				'ids'
			)
		);
		$this->assertCount(
			1,
			as_get_scheduled_actions(
				array(
					'hook'   => Delivery::PRUNE_HOOK,
					'status' => 'pending',
					'group'  => Delivery::GROUP,
				),
				'ids'
			)
		);
	}

	public function test_a_run_that_delivered_in_wp_cron_asks_for_one_queue_run_when_the_delivery_is_next_due(): void {
		$this->queue( 2, Pixel_Transport::destination() );
		$this->delivery_due_now();
		$this->in_wp_cron();

		$this->run_action_scheduler();

		$this->assertCount( 2, Collector::wait_for( 2 ) );
		$next = as_next_scheduled_action( Delivery::HOOK, array(), Delivery::GROUP );
		$this->assertIsInt( $next );
		$this->assertEqualsWithDelta( time() + Delivery::INTERVAL, $next, 2 );
		$this->assertSame( array( $next ), $this->follow_ups(), 'one follow-up, when the delivery is due again, not a minute later' );
	}

	public function test_a_run_with_nothing_to_deliver_asks_for_no_extra_run(): void {
		$this->delivery_due_now();
		$this->in_wp_cron();

		$this->run_action_scheduler();

		$this->assertIsInt( as_next_scheduled_action( Delivery::HOOK, array(), Delivery::GROUP ), 'the delivery ran and comes again' );
		$this->assertSame( array(), $this->follow_ups(), 'an idle store gets no extra runs' );
	}

	public function test_no_second_follow_up_is_asked_for_while_one_is_pending(): void {
		$this->queue( 1, Pixel_Transport::destination() );
		$this->delivery_due_now();
		$this->in_wp_cron();
		$pending = time() + Delivery::INTERVAL;
		wp_schedule_single_event( $pending, \ActionScheduler_QueueRunner::WP_CRON_HOOK, array( Delivery::FOLLOW_UP_RUN ) );

		$this->run_action_scheduler();

		$this->assertCount( 1, Collector::wait_for( 1 ) );
		$this->assertSame( array( $pending ), $this->follow_ups() );
	}

	public function test_when_the_minutely_run_delivered_before_a_due_follow_up_the_follow_up_asks_for_the_next_one(): void {
		$this->queue( 1, Pixel_Transport::destination() );
		$this->delivery_due_now();
		$this->in_wp_cron();
		// Both are due in one WP-Cron request: Action Scheduler's own event first, then the follow-up.
		$due_follow_up = time() - 1;
		wp_schedule_single_event( $due_follow_up, \ActionScheduler_QueueRunner::WP_CRON_HOOK, array( Delivery::FOLLOW_UP_RUN ) );

		$this->run_action_scheduler( 'WP Cron' );
		$this->assertCount( 1, Collector::wait_for( 1 ) );
		$this->assertSame( array( $due_follow_up ), $this->follow_ups(), 'the due one is not doubled' );
		// wp-cron.php unschedules an event before it runs it.
		wp_unschedule_event( $due_follow_up, \ActionScheduler_QueueRunner::WP_CRON_HOOK, array( Delivery::FOLLOW_UP_RUN ) );
		$this->run_action_scheduler( Delivery::FOLLOW_UP_RUN );

		$this->assertSame( array( as_next_scheduled_action( Delivery::HOOK, array(), Delivery::GROUP ) ), $this->follow_ups(), 'the chain goes on at the next delivery' );
	}

	public function test_no_follow_up_where_wp_cron_is_not_what_visits_bring(): void {
		$this->queue( 1, Pixel_Transport::destination() );
		$this->delivery_due_now();
		// A system cron calling wp-cron.php (DISABLE_WP_CRON stores) keeps its own cadence.
		$this->in_wp_cron( false );
		$this->run_action_scheduler();
		// So do `wp action-scheduler run` workers and Action Scheduler's async runner (not WP-Cron).
		remove_filter( 'wp_doing_cron', '__return_true' );
		$this->queue( 1, Pixel_Transport::destination() );
		$this->delivery_due_now();
		$this->run_action_scheduler( 'WP CLI' );

		$this->assertCount( 2, Collector::wait_for( 2 ) );
		$this->assertSame( array(), $this->follow_ups() );
	}

	public function test_deactivating_the_plugin_removes_a_pending_follow_up(): void {
		wp_schedule_single_event( time() + Delivery::INTERVAL, \ActionScheduler_QueueRunner::WP_CRON_HOOK, array( Delivery::FOLLOW_UP_RUN ) );
		$this->assertNotSame( array(), $this->follow_ups() );

		\Utw\Plugin::deactivate();

		$this->assertSame( array(), $this->follow_ups() );
	}
}
