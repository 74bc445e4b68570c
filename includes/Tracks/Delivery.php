<?php
/**
 * Delivers the outbox on Action Scheduler.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Action Scheduler actions in the `utw` group: `utw_deliver_events`, recurring every INTERVAL
 * seconds, `utw_deliver_events_now`, queued while a run leaves a full batch behind (so a backlog
 * drains without waiting for the interval), and `utw_prune_events`, daily. Action Scheduler claims actions in the database and the outbox
 * claims its rows the same way, so any number of web nodes or `wp action-scheduler run` workers
 * share the backlog and never send an event twice.
 *
 * While events flow on a store whose visits bring WP-Cron, a run that delivered asks WP-Cron for
 * one follow-up run of Action Scheduler's queue when `utw_deliver_events` is next due (see
 * follow_up()): WP-Cron brings Action Scheduler's own run only once a minute.
 *
 * A run: bound the backlog, claim up to BATCH due events, send them in parallel per destination
 * (behind that destination's circuit breaker), then mark each delivered, retrying (exponential
 * backoff from RETRY_BASE to RETRY_MAX seconds, with jitter) or failed (the destination refused
 * it, or it kept failing for RETRY_WINDOW seconds).
 */
final class Delivery {

	public const HOOK       = 'utw_deliver_events';
	public const NOW_HOOK   = 'utw_deliver_events_now';
	public const PRUNE_HOOK = 'utw_prune_events';
	public const GROUP      = 'utw';

	/** Seconds between delivery runs, when a queue run comes by: under WP-Cron once a minute, or follow_up(). */
	public const INTERVAL = 30;
	/**
	 * What a follow-up run of Action Scheduler's queue is called: the argument of its WP-Cron event
	 * (Action Scheduler's runner hook), and what Action Scheduler logs an action as started via.
	 */
	public const FOLLOW_UP_RUN = 'WP Cron (Usage Tracking follow-up)';
	/** Most events one run sends. */
	public const BATCH = 100;
	/** Seconds a run's claim on its events holds. */
	public const LEASE = 120;
	/** First retry delay, in seconds; doubled on every further failure. */
	public const RETRY_BASE = 30;
	/** Longest retry delay, in seconds. */
	public const RETRY_MAX = 3600;
	/** How long an event is retried before it is given up, in seconds. */
	public const RETRY_WINDOW = DAY_IN_SECONDS;
	/** Most events that may wait; beyond, the oldest are dropped. */
	public const MAX_BACKLOG = 10000;
	/** Finished events are kept this long, in seconds. */
	public const KEEP_FOR = 30 * DAY_IN_SECONDS;
	/** Most rows the log keeps. */
	public const MAX_ROWS = 50000;

	/**
	 * A run of this request delivered events and no follow-up run has been asked for since.
	 *
	 * @var bool
	 */
	private bool $delivered = false;

	/**
	 * Creates the delivery job.
	 *
	 * @param Outbox          $outbox    The outbox.
	 * @param Pixel_Transport $transport The pixel protocol.
	 * @param Circuit_Breaker $breaker   The breaker.
	 */
	public function __construct(
		private readonly Outbox $outbox,
		private readonly Pixel_Transport $transport,
		private readonly Circuit_Breaker $breaker
	) {}

	/**
	 * Schedules the two recurring actions unless they are.
	 */
	public static function schedule(): void {
		if ( ! function_exists( 'as_schedule_recurring_action' ) ) {
			return;
		}
		if ( false === as_has_scheduled_action( self::HOOK, array(), self::GROUP ) ) {
			as_schedule_recurring_action( time(), self::INTERVAL, self::HOOK, array(), self::GROUP, true );
		}
		if ( false === as_has_scheduled_action( self::PRUNE_HOOK, array(), self::GROUP ) ) {
			as_schedule_recurring_action( time() + HOUR_IN_SECONDS, DAY_IN_SECONDS, self::PRUNE_HOOK, array(), self::GROUP, true );
		}
	}

	/**
	 * Asks Action Scheduler for a run as soon as a runner comes by, besides the recurring one
	 * (a separate hook, since a pending recurring action would make a unique one of the same
	 * hook wait for it).
	 */
	public static function run_soon(): void {
		if ( function_exists( 'as_enqueue_async_action' ) ) {
			as_enqueue_async_action( self::NOW_HOOK, array(), self::GROUP, true );
		}
	}

	/**
	 * One delivery run.
	 *
	 * @return array{delivered: int, retrying: int, failed: int, postponed: int, dropped: int} What it did.
	 */
	public function run(): array {
		/**
		 * Most events that may wait for delivery; beyond, the oldest are dropped.
		 *
		 * @param int $max Events. Default 10000.
		 */
		$dropped        = $this->outbox->enforce_backlog( max( 1, (int) apply_filters( 'utw_outbox_max_backlog', self::MAX_BACKLOG ) ) );
		$rows           = $this->outbox->claim( self::BATCH, self::LEASE );
		$done           = array(
			'delivered' => 0,
			'retrying'  => 0,
			'failed'    => 0,
			'postponed' => 0,
			'dropped'   => $dropped,
		);
		$by_destination = array();
		foreach ( $rows as $row ) {
			$by_destination[ $row['destination'] ][] = $row;
		}
		foreach ( $by_destination as $destination => $events ) {
			$counts             = $this->deliver( (string) $destination, $events );
			$done['delivered'] += $counts['delivered'];
			$done['retrying']  += $counts['retrying'];
			$done['failed']    += $counts['failed'];
			$done['postponed'] += $counts['postponed'];
		}
		if ( count( $rows ) === self::BATCH ) {
			// More may be due: drain the backlog without waiting for the next interval.
			self::run_soon();
		}
		$this->delivered = $this->delivered || $done['delivered'] > 0;
		return $done;
	}

	/**
	 * After Action Scheduler's queue ran in a WP-Cron request that a visit spawned, if a run of this
	 * request delivered events: asks WP-Cron for one run of the queue when `utw_deliver_events` is
	 * next due, so events wait about INTERVAL seconds instead of up to a minute (WP-Cron brings
	 * Action Scheduler's own run once a minute). Nothing flows, nothing is asked for; a store whose
	 * queue is run by a system cron or `wp action-scheduler run` workers keeps their cadence.
	 */
	public function follow_up(): void {
		$delivered       = $this->delivered;
		$this->delivered = false;
		if ( ! $delivered || ! self::in_wp_cron_spawned_by_a_visit() ) {
			return;
		}
		$runner  = array( self::FOLLOW_UP_RUN );
		$pending = wp_next_scheduled( \ActionScheduler_QueueRunner::WP_CRON_HOOK, $runner );
		if ( false !== $pending ) {
			// At most one. A pending one that is already due runs next in this request's WP-Cron
			// loop and finds the delivery just done: the queue run it brings comes back here.
			$this->delivered = $pending <= time();
			return;
		}
		$due = as_next_scheduled_action( self::HOOK, array(), self::GROUP );
		if ( is_int( $due ) ) {
			wp_schedule_single_event( $due, \ActionScheduler_QueueRunner::WP_CRON_HOOK, $runner );
		}
	}

	/**
	 * Whether this is a WP-Cron request spawned by a visit: spawn_cron() passes its lock in the
	 * `doing_wp_cron` query argument (wp-cron.php refuses to run with any other non-empty value).
	 * A system cron calling wp-cron.php passes none, WP-CLI is not WP-Cron, and a store with
	 * ALTERNATE_WP_CRON runs WP-Cron inside a visitor's own request, which a follow-up would
	 * only make more frequent: those keep Action Scheduler's own cadence.
	 *
	 * @return bool
	 */
	private static function in_wp_cron_spawned_by_a_visit(): bool {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only whether WordPress passed its cron lock; the value is not read.
		return wp_doing_cron() && ! empty( $_GET['doing_wp_cron'] );
	}

	/**
	 * Deletes old finished events.
	 *
	 * @return int Rows deleted.
	 */
	public function prune(): int {
		/**
		 * How long finished events stay in the log, and how many rows it keeps at most.
		 *
		 * @param array{keep_for: int, max_rows: int} $limits Seconds and rows.
		 */
		$limits = (array) apply_filters(
			'utw_outbox_prune_limits',
			array(
				'keep_for' => self::KEEP_FOR,
				'max_rows' => self::MAX_ROWS,
			)
		);
		return $this->outbox->prune( (int) ( $limits['keep_for'] ?? self::KEEP_FOR ), (int) ( $limits['max_rows'] ?? self::MAX_ROWS ) );
	}

	/**
	 * Sends one destination's claimed events behind its breaker.
	 *
	 * @param string                     $destination Destination URL.
	 * @param list<array<string, mixed>> $events      Claimed rows.
	 * @phpstan-param list<array{id: int, eid: string, event: string, props: array<string, scalar>, attempts: int, created_ms: int}> $events
	 * @return array{delivered: int, retrying: int, failed: int, postponed: int} Counts by what happened.
	 */
	private function deliver( string $destination, array $events ): array {
		$state = $this->breaker->state( $destination );
		if ( Circuit_Breaker::OPEN === $state ) {
			// Events still age out while the breaker keeps the destination paused.
			$expired = array_filter( $events, static fn( array $event ): bool => time() - intdiv( $event['created_ms'], 1000 ) >= self::RETRY_WINDOW );
			foreach ( $expired as $event ) {
				$this->outbox->mark_attempt( $event['id'], Outbox::FAILED, $event['attempts'], 0, sprintf( 'gave up after 24 hours: the destination failed %d delivery runs in a row', $this->breaker->failures( $destination ) ) );
			}
			$until   = $this->breaker->open_until( $destination );
			$waiting = array_diff( array_column( $events, 'id' ), array_column( $expired, 'id' ) );
			$this->outbox->postpone( $waiting, $until, $this->paused_reason( $destination, $until ) );
			return array(
				'delivered' => 0,
				'retrying'  => 0,
				'failed'    => count( $expired ),
				'postponed' => count( $waiting ),
			);
		}
		$later = array();
		if ( Circuit_Breaker::HALF_OPEN === $state ) {
			// One probe; the rest waits for its answer.
			$later  = array_slice( $events, 1 );
			$events = array_slice( $events, 0, 1 );
		}
		$urls = array();
		foreach ( $events as $event ) {
			$urls[ $event['id'] ] = Pixel_Transport::pixel_url( $destination, $event['event'], $event['eid'], $event['props'] );
		}
		$results   = $this->transport->send( $urls );
		$delivered = array();
		$counts    = array(
			'delivered' => 0,
			'retrying'  => 0,
			'failed'    => 0,
			'postponed' => 0,
		);
		$reached   = false;
		foreach ( $events as $key => $event ) {
			if ( ! isset( $results[ $event['id'] ] ) ) {
				// Not tried: the first requests of this run got no answer at all.
				$later[] = $event;
				unset( $events[ $key ] );
				continue;
			}
			$result = $results[ $event['id'] ];
			if ( $result['ok'] ) {
				$delivered[] = $event['id'];
				$reached     = true;
				continue;
			}
			// An answer that is not a network error or a 5xx shows the destination is up.
			$reached  = $reached || ! $result['retry'];
			$attempts = $event['attempts'] + 1;
			$age      = time() - intdiv( $event['created_ms'], 1000 );
			if ( ! $result['retry'] ) {
				$this->outbox->mark_attempt( $event['id'], Outbox::FAILED, $attempts, 0, $result['error'] );
				++$counts['failed'];
			} elseif ( $age >= self::RETRY_WINDOW ) {
				$this->outbox->mark_attempt( $event['id'], Outbox::FAILED, $attempts, 0, sprintf( 'gave up after %d attempts over 24 hours; last error: %s', $attempts, $result['error'] ) );
				++$counts['failed'];
			} else {
				$this->outbox->mark_attempt( $event['id'], Outbox::RETRYING, $attempts, time() + self::backoff( $attempts ), sprintf( 'attempt %d failed: %s', $attempts, $result['error'] ) );
				++$counts['retrying'];
			}
		}//end foreach
		$this->outbox->mark_delivered( $delivered );
		$counts['delivered'] = count( $delivered );
		if ( $reached ) {
			$this->breaker->succeeded( $destination );
		} else {
			$this->breaker->failed( $destination );
		}
		if ( $later ) {
			if ( $reached ) {
				// The destination answers (a probe succeeded): the rest goes in a run of its own now.
				$this->outbox->postpone( array_column( $later, 'id' ), time(), 'waiting for the next run' );
				self::run_soon();
			} else {
				$next = max( time() + self::RETRY_BASE, $this->breaker->open_until( $destination ) );
				$this->outbox->postpone( array_column( $later, 'id' ), $next, Circuit_Breaker::CLOSED === $this->breaker->state( $destination ) ? 'not tried: the destination did not answer the first events of this run' : $this->paused_reason( $destination, $next ) );
			}
			$counts['postponed'] += count( $later );
		}
		return $counts;
	}

	/**
	 * Seconds until the next attempt: RETRY_BASE doubled per attempt, at most RETRY_MAX, ±20%.
	 *
	 * @param int $attempts Attempts made.
	 * @return int
	 */
	public static function backoff( int $attempts ): int {
		$delay = min( self::RETRY_MAX, self::RETRY_BASE * ( 2 ** min( 20, max( 0, $attempts - 1 ) ) ) );
		return (int) round( $delay * ( 0.8 + 0.4 * ( random_int( 0, 1000 ) / 1000 ) ) );
	}

	/**
	 * Why events wait while a breaker is open, in words.
	 *
	 * @param string $destination Destination URL.
	 * @param int    $until       Unix time.
	 * @return string
	 */
	private function paused_reason( string $destination, int $until ): string {
		return sprintf(
			'the destination failed %d delivery runs in a row: paused until %s',
			$this->breaker->failures( $destination ),
			wp_date( 'Y-m-d H:i:s T', $until )
		);
	}
}
