<?php
/**
 * The local collector, as tests see it.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests;

/**
 * The local collector, for HTTP tests.
 */
final class Stack_Test_Case_Collector {

	/**
	 * Forgets what the collector received.
	 */
	public static function clear(): void {
		file_get_contents(
			getenv( 'UTW_COLLECTOR_URL' ) . '/events',
			false,
			stream_context_create( array( 'http' => array( 'method' => 'DELETE' ) ) )
		);
	}

	/**
	 * The stack's default store connection: the local analytics service's store `st-local`,
	 * whose ingest the collector serves.
	 *
	 * @return array{store_id: string, ingest_url: string}
	 */
	public static function local_store(): array {
		return array(
			'store_id'   => 'st-local',
			'ingest_url' => getenv( 'UTW_COLLECTOR_URL' ) . '/service/v1/ingest/st-local/t.gif',
		);
	}

	/**
	 * Runs the plugin's background delivery in the stack's web server now (Action Scheduler's
	 * claim and runner, as WP-Cron or a worker would), so what committed requests queued arrives.
	 * For HTTP tests: a test's own transaction is not visible there.
	 *
	 * @return array{ran: int, counts: array<string, int>}
	 */
	public static function deliver(): array {
		return json_decode( (string) file_get_contents( getenv( 'UTW_BASE_URL' ) . '/?utw_test=run-queue' ), true );
	}

	/**
	 * Events received, oldest first.
	 *
	 * @param string|null $event Only this event.
	 * @return list<array{event: string, params: array<string, string>}>
	 */
	public static function events( ?string $event = null ): array {
		$url = getenv( 'UTW_COLLECTOR_URL' ) . '/events' . ( $event ? '?event=' . rawurlencode( $event ) : '' );
		return json_decode( (string) file_get_contents( $url ), true );
	}

	/**
	 * Waits for at least $count events.
	 *
	 * @param int         $count   How many.
	 * @param string|null $event   Only this event.
	 * @param float       $timeout Seconds.
	 * @return list<array{event: string, params: array<string, string>}>
	 */
	public static function wait_for( int $count, ?string $event = null, float $timeout = 5.0 ): array {
		$until = microtime( true ) + $timeout;
		do {
			$events = self::events( $event );
			if ( count( $events ) >= $count ) {
				return $events;
			}
			usleep( 50000 );
		} while ( microtime( true ) < $until );
		return $events;
	}
}
