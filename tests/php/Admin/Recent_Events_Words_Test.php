<?php
/**
 * What the Events view reads from GET /utw/v1/recent-events besides the raw log: each reason in
 * words and each time in the site's time zone and formats.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Admin;

use Utw\Tests\Stack_Test_Case;
use Utw\Tracks\Outbox;
use WP_REST_Request;

/**
 * The route's `reason_text`, `time_text` and `delivered_text`, on rows written to the log as the
 * pipeline writes them.
 */
final class Recent_Events_Words_Test extends Stack_Test_Case {

	/** 2026-01-02 03:04:05 UTC: in New York, still the evening before (EST, UTC-5). */
	private const WINTER = 1767323045;

	/** 2026-07-01 16:30:00 UTC: 12:30 pm in New York (EDT, UTC-4). */
	private const SUMMER = 1782923400;

	protected function set_up(): void {
		parent::set_up();
		update_option( 'timezone_string', 'America/New_York' );
		update_option( 'gmt_offset', '' );
		update_option( 'date_format', 'j F Y' );
		update_option( 'time_format', 'g:i a' );
		wp_set_current_user( 1 );
	}

	protected function tear_down(): void {
		wp_set_current_user( 0 );
		parent::tear_down();
	}

	public function test_each_reason_comes_in_words_beside_the_reason_as_recorded(): void {
		$this->log( 'utw-words-drop', 'dropped', 'gate closed: not_connected', self::WINTER );
		$this->log( 'utw-words-retry', 'retrying', 'attempt 2 failed: network error', self::WINTER );
		$this->log( 'utw-words-fail', 'failed', 'gave up after 9 attempts over 24 hours; last error: HTTP 503', self::WINTER );
		$this->log( 'utw-words-odd', 'dropped', 'something nobody wrote words for', self::WINTER );
		$this->log( 'utw-words-none', 'queued', null, self::WINTER );

		$events = $this->listed();

		$this->assertSame( 'gate closed: not_connected', $events['utw-words-drop']['reason'] );
		$this->assertSame( 'The store is not connected to its analytics account: connect it in the Setup view.', $events['utw-words-drop']['reason_text'] );
		$this->assertSame( 'Delivery attempt 2 failed (network error). It will be tried again, for up to 24 hours.', $events['utw-words-retry']['reason_text'] );
		$this->assertSame( 'Delivery failed for 24 hours (9 attempts; the last error was HTTP 503). It will not be tried again.', $events['utw-words-fail']['reason_text'] );
		// A reason without words of its own is still shown, never left blank.
		$this->assertSame( 'Recorded reason: something nobody wrote words for.', $events['utw-words-odd']['reason_text'] );
		$this->assertNull( $events['utw-words-none']['reason'] );
		$this->assertSame( '', $events['utw-words-none']['reason_text'] );
	}

	public function test_times_are_in_the_sites_time_zone_and_formats_daylight_saving_included(): void {
		$this->log( 'utw-words-winter', 'queued', null, self::WINTER );
		$this->log( 'utw-words-summer', 'delivered', null, self::SUMMER, self::SUMMER + 15 * MINUTE_IN_SECONDS );

		$events = $this->listed();

		$this->assertSame( self::WINTER, $events['utw-words-winter']['time'] );
		$this->assertSame( '1 January 2026 10:04 pm', $events['utw-words-winter']['time_text'] );
		$this->assertSame( '', $events['utw-words-winter']['delivered_text'] );
		$this->assertSame( '1 July 2026 12:30 pm', $events['utw-words-summer']['time_text'] );
		$this->assertSame( '1 July 2026 12:45 pm', $events['utw-words-summer']['delivered_text'] );
	}

	/**
	 * Writes one row to the event log, as the outbox stores it.
	 *
	 * @param string      $eid          Event id.
	 * @param string      $state        Delivery state.
	 * @param string|null $reason       Reason as recorded.
	 * @param int         $created      When it was recorded (Unix time).
	 * @param int|null    $delivered_at When it was delivered.
	 */
	private function log( string $eid, string $state, ?string $reason, int $created, ?int $delivered_at = null ): void {
		global $wpdb;
		$wpdb->insert(
			Outbox::table(),
			array(
				'eid'          => $eid,
				'event'        => 'wcadmin_utw_test_event',
				'family'       => 'admin',
				'state'        => $state,
				'props'        => '{}',
				'removed'      => '[]',
				'reason'       => $reason,
				'attempts'     => 1,
				'created_ms'   => $created * 1000,
				'updated_at'   => $created,
				'delivered_at' => $delivered_at,
			)
		);
	}

	/**
	 * The newest page of the log as the route answers it, by event id.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private function listed(): array {
		$request = new WP_REST_Request( 'GET', '/utw/v1/recent-events' );
		$request->set_query_params(
			array(
				'family'   => 'admin',
				'per_page' => 100,
			)
		);
		$response = rest_get_server()->dispatch( $request );
		$this->assertSame( 200, $response->get_status() );
		return array_column( $response->get_data()['events'], null, 'eid' );
	}
}
