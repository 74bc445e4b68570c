<?php
/**
 * The collection endpoint, over HTTP against the stack's web server: what it accepts into the
 * outbox, what delivery then sends, and how it defends itself.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Tracks;

use Utw\Tests\Admin\Admin_Session;
use Utw\Tests\Stack_Http_Test_Case;
use Utw\Tests\Stack_Test_Case_Collector as Collector;
use Utw\Tracks\Rate_Limiter;
use Utw\Tracks\Shared_Facts;

require_once dirname( __DIR__ ) . '/Admin/Admin_Session.php';

final class Collect_Endpoint_Test extends Stack_Http_Test_Case {

	private const PATH = '/wp-json/utw/v1/collect';

	/**
	 * This test's visitor: every test is a client of its own, so the rate limit of one does not
	 * carry into the next.
	 *
	 * @var string
	 */
	private static string $visitor = '';

	protected function set_up(): void {
		parent::set_up();
		self::$visitor = self::new_visitor();
	}

	private static function new_visitor(): string {
		return substr( strtr( base64_encode( random_bytes( 17 ) ), '+/', '-_' ), 0, 22 ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- an id, as the browser makes it.
	}

	/**
	 * One event as the storefront client sends it.
	 *
	 * @param array<string, mixed> $override Properties to change.
	 * @return array{name: string, props: array<string, mixed>}
	 */
	private static function product_view( array $override = array() ): array {
		return array(
			'name'  => 'utw_product_view',
			'props' => array_merge(
				array(
					'product_id'       => 13,
					'product_name'     => 'Blue Hoodie',
					'product_category' => 'Clothing/Hoodies',
					'price'            => 45,
					'plugin_version'   => UTW_VERSION,
					'wc_version'       => WC_VERSION,
					'site_url'         => home_url(),
					'device'           => 'mobile',
					'page_url'         => home_url( '/product/blue-hoodie/' ),
					'_ts'              => 1700000000000,
					'_ui'              => self::$visitor,
				),
				$override
			),
		);
	}

	/**
	 * The setup guide's FAQ event, as its client sends it.
	 *
	 * @param string $name Name as sent.
	 * @return array{name: string, props: array<string, mixed>}
	 */
	private static function faq_click( string $name = 'utw_get_started_faq' ): array {
		return array(
			'name'  => $name,
			'props' => array(
				'action'         => 'expand',
				'question_id'    => 'faq-' . self::$visitor,
				'plugin_version' => UTW_VERSION,
				'wc_version'     => WC_VERSION,
				'site_url'       => home_url(),
				'device'         => 'desktop',
				'page_url'       => admin_url( 'admin.php' ),
				'_ts'            => 1700000000000,
			),
		);
	}

	private static function post( mixed $batch, string $path = self::PATH ): array {
		$body = is_string( $batch ) ? $batch : (string) wp_json_encode( $batch );
		return self::request( 'POST', $path, $body, array( 'Content-Type' => 'application/json' ) );
	}

	/**
	 * Outbox rows of an event, written by requests that have finished (the write happens after
	 * the response, so it is waited for, up to 5 seconds, until there are as many as expected).
	 *
	 * @param string      $event    Event name as sent.
	 * @param string|null $visitor  Only this visitor's.
	 * @param int         $expected How many to wait for.
	 * @return list<array{state: string, props: string}>
	 */
	private static function outbox( string $event, ?string $visitor, int $expected = 0 ): array {
		global $wpdb;
		$until = microtime( true ) + 5;
		do {
			$like = null === $visitor ? '%' : '%' . $wpdb->esc_like( $visitor ) . '%';
			$rows = $wpdb->get_results( $wpdb->prepare( "SELECT state, props FROM {$wpdb->prefix}utw_events WHERE event = %s AND props LIKE %s", $event, $like ), ARRAY_A );
			if ( count( $rows ) >= $expected ) {
				return $rows;
			}
			usleep( 50000 );
		} while ( microtime( true ) < $until );
		return $rows;
	}

	/**
	 * Asserts that the endpoint's last requests put nothing of this test's visitor in the outbox,
	 * and that delivery sends nothing.
	 */
	private static function assert_nothing_accepted(): void {
		usleep( 300000 );
		self::assertSame( array(), self::outbox( 'utw_product_view', self::$visitor ), 'nothing is queued' );
		Collector::deliver();
		self::assertSame( array(), Collector::events(), 'nothing reaches the destination' );
	}

	public function test_a_valid_batch_is_queued_and_delivery_sends_every_event(): void {
		$response = self::post( array( 'events' => array( self::product_view(), self::product_view( array( 'product_id' => 14 ) ) ) ) );

		$this->assertSame( 202, $response['status'] );
		$this->assertSame(
			array(
				'accepted' => 2,
				'dropped'  => 0,
			),
			$response['json']
		);
		$this->assertSame( array( 'queued', 'queued' ), array_column( self::outbox( 'utw_product_view', self::$visitor, 2 ), 'state' ) );
		Collector::deliver();
		$events = Collector::wait_for( 2 );
		$this->assertSame( array( '13', '14' ), array_column( array_column( $events, 'params' ), 'product_id' ) );
		$this->assertSame( 'mobile', $events[0]['params']['device'] );
		$this->assertSame( self::$visitor, $events[0]['params']['_ui'] );
	}

	public function test_the_server_states_the_store_context_itself(): void {
		self::post(
			array(
				'events' => array(
					self::product_view(
						array(
							'wc_version' => '1.0.0',
							'site_url'   => 'https://forged.example',
						)
					),
				),
			)
		);
		self::outbox( 'utw_product_view', self::$visitor, 1 );
		Collector::deliver();
		$params = Collector::wait_for( 1 )[0]['params'];
		$this->assertSame( WC_VERSION, $params['wc_version'] );
		$this->assertSame( home_url(), $params['site_url'] );
	}

	/**
	 * @dataProvider bad_batches
	 */
	public function test_bad_input_gets_a_clear_json_error_and_nothing_is_accepted( \Closure $batch, int $status, string $code, string $message ): void {
		$response = self::post( $batch() );

		$this->assertSame( $status, $response['status'] );
		$this->assertSame( $code, $response['json']['code'] ?? null );
		$this->assertStringContainsString( $message, $response['json']['message'] );
		self::assert_nothing_accepted();
	}

	/**
	 * Batches built when the test runs, with its own visitor id.
	 *
	 * @return array<string, array{0: \Closure, 1: int, 2: string, 3: string}>
	 */
	public static function bad_batches(): array {
		$one = static fn( array $override ) => static fn() => array( 'events' => array( self::product_view( $override ) ) );
		return array(
			'malformed JSON'                   => array( static fn() => '{"events": [', 400, 'utw_malformed_batch', 'Expected a JSON object' ),
			'not an object'                    => array( static fn() => '"hello"', 400, 'utw_malformed_batch', 'Expected a JSON object' ),
			'events not a list'                => array( static fn() => array( 'events' => array( 'a' => self::product_view() ) ), 400, 'utw_malformed_batch', 'Expected' ),
			'empty batch'                      => array( static fn() => array( 'events' => array() ), 400, 'utw_empty_batch', 'no event' ),
			'too many events'                  => array( static fn() => array( 'events' => array_fill( 0, 51, self::product_view() ) ), 413, 'utw_batch_too_large', 'at most 50 events' ),
			'too many bytes'                   => array( $one( array( 'product_name' => str_repeat( 'x', 70000 ) ) ), 413, 'utw_batch_too_large', 'at most 65536 bytes' ),
			'event without a name'             => array( static fn() => array( 'events' => array( array( 'props' => array() ) ) ), 400, 'utw_malformed_event', 'Event 0 needs a string name' ),
			'unknown event'                    => array(
				static fn() => array(
					'events' => array(
						array(
							'name'  => 'utw_secret',
							'props' => array(),
						),
					),
				),
				400,
				'utw_invalid_event',
				'unknown event utw_secret',
			),
			'wrong property type'              => array( $one( array( 'price' => 'free' ) ), 400, 'utw_invalid_event', 'property price is not number' ),
			'value outside the list'           => array( $one( array( 'device' => 'fridge' ) ), 400, 'utw_invalid_event', 'property device is not mobile|tablet|desktop' ),
			'nested value'                     => array( $one( array( 'product_name' => array( 'a' ) ) ), 400, 'utw_invalid_event', 'property product_name is not string' ),
			'uncatalogued property'            => array( $one( array( 'customer_email' => 'x' ) ), 400, 'utw_invalid_event', 'uncatalogued properties: customer_email' ),
			'more properties than any event'   => array(
				$one( array_fill_keys( array_map( static fn( $i ) => "extra_{$i}", range( 1, Shared_Facts::MAX_EVENT_PROPERTIES ) ), 'x' ) ),
				400,
				'utw_event_too_large',
				'Event 0 has more than',
			),
			'a value too long'                 => array(
				$one( array( 'product_name' => str_repeat( 'é', Shared_Facts::MAX_VALUE_LENGTH + 1 ) ) ),
				400,
				'utw_event_too_large',
				'property product_name is longer than ' . Shared_Facts::MAX_VALUE_LENGTH . ' characters',
			),
			'a javascript: page_url'           => array( $one( array( 'page_url' => 'javascript:alert(4)' ) ), 400, 'utw_foreign_page_url', 'page_url must be an http(s) URL on this site' ),
			'a page_url on another host'       => array( $one( array( 'page_url' => 'https://evil.example/product/blue-hoodie/' ) ), 400, 'utw_foreign_page_url', 'Event 0: page_url' ),
			'a host hidden behind credentials' => array( $one( array( 'page_url' => 'http://' . wp_parse_url( home_url(), PHP_URL_HOST ) . '@evil.example/' ) ), 400, 'utw_foreign_page_url', 'page_url' ),
			'a page_url of another scheme'     => array( $one( array( 'page_url' => 'ftp://' . wp_parse_url( home_url(), PHP_URL_HOST ) . '/x' ) ), 400, 'utw_foreign_page_url', 'page_url' ),
			'an event only the server records' => array(
				static fn() => array(
					'events' => array(
						array(
							'name'  => 'utw_order_processed',
							'props' => array(),
						),
					),
				),
				400,
				'utw_invalid_event',
				'recorded by the store itself',
			),
			'one bad event among good'         => array(
				static fn() => array( 'events' => array( self::product_view(), self::product_view( array( 'price' => null ) ) ) ),
				400,
				'utw_invalid_event',
				'Event 1 (utw_product_view)',
			),
			'one foreign page among good'      => array(
				static fn() => array( 'events' => array( self::product_view(), self::product_view( array( 'page_url' => 'data:text/html,hi' ) ) ) ),
				400,
				'utw_foreign_page_url',
				'Event 1',
			),
		);
	}

	public function test_personal_data_in_a_required_property_refuses_the_batch(): void {
		$response = self::post( array( 'events' => array( self::product_view( array( 'product_name' => '+1 415 555 0100' ) ) ) ) );
		$this->assertSame( 400, $response['status'] );
		$this->assertStringContainsString( 'product_name removed: looks like phone', $response['json']['message'] );
		self::assert_nothing_accepted();
	}

	public function test_a_value_as_long_as_the_bound_is_accepted(): void {
		$name     = str_repeat( 'é', Shared_Facts::MAX_VALUE_LENGTH );
		$response = self::post( array( 'events' => array( self::product_view( array( 'product_name' => $name ) ) ) ) );
		$this->assertSame( 202, $response['status'] );
		$this->assertCount( 1, self::outbox( 'utw_product_view', self::$visitor, 1 ) );
	}

	public function test_wrong_methods_get_405_with_allow_post_on_both_paths(): void {
		foreach ( array( self::PATH, '/?rest_route=/utw/v1/collect' ) as $path ) {
			foreach ( array( 'GET', 'PUT', 'DELETE' ) as $method ) {
				$response = self::request( $method, $path );
				$this->assertSame( 405, $response['status'], "{$method} {$path}" );
				$this->assertSame( 'utw_method_not_allowed', $response['json']['code'], "{$method} {$path}" );
				$this->assertSame( 'POST', $response['headers']['allow'] ?? null, "{$method} {$path}" );
			}
		}
	}

	public function test_the_plain_rest_route_behaves_the_same(): void {
		$response = self::post( array( 'events' => array( self::product_view() ) ), '/?rest_route=/utw/v1/collect' );
		$this->assertSame( 202, $response['status'] );
		$this->assertCount( 1, self::outbox( 'utw_product_view', self::$visitor, 1 ) );

		$bad = self::request( 'POST', '/?rest_route=/utw/v1/collect', '{oops' );
		$this->assertSame( 400, $bad['status'] );
		$this->assertSame( 'utw_malformed_batch', $bad['json']['code'] );

		$foreign = self::post( array( 'events' => array( self::product_view( array( 'page_url' => 'javascript:alert(4)' ) ) ) ), '/?rest_route=/utw/v1/collect' );
		$this->assertSame( 400, $foreign['status'] );
		$this->assertSame( 'utw_foreign_page_url', $foreign['json']['code'] );
	}

	public function test_one_client_sending_100_batches_a_second_gets_429_past_its_allowance_and_nothing_more_is_accepted(): void {
		$statuses = array();
		$refused  = array();
		$start    = microtime( true );
		for ( $i = 0; $i < 100; $i++ ) {
			// 100 a second: each batch leaves 10 ms after the previous one, or at once when late.
			$due = $start + $i / 100;
			if ( microtime( true ) < $due ) {
				usleep( (int) ( ( $due - microtime( true ) ) * 1e6 ) );
			}
			$response   = self::post( array( 'events' => array( self::product_view( array( 'product_id' => $i ) ) ) ) );
			$statuses[] = $response['status'];
			if ( 429 === $response['status'] ) {
				$refused[] = $response;
			}
		}
		$seconds  = microtime( true ) - $start;
		$accepted = count( array_keys( $statuses, 202, true ) );

		$this->assertSame( 100, $accepted + count( $refused ), 'every batch is either accepted or refused with 429' );
		$this->assertGreaterThanOrEqual( Rate_Limiter::BURST, $accepted, 'the burst is allowed' );
		$this->assertLessThanOrEqual( Rate_Limiter::BURST + (int) ceil( $seconds * Rate_Limiter::REFILL_PER_SECOND ), $accepted, 'past the burst, one batch a second' );
		$this->assertSame( array_fill( 0, Rate_Limiter::BURST, 202 ), array_slice( $statuses, 0, Rate_Limiter::BURST ) );
		$first = $refused[0];
		$this->assertSame( 'utw_rate_limited', $first['json']['code'] );
		$this->assertGreaterThanOrEqual( 1, (int) ( $first['headers']['retry-after'] ?? 0 ) );
		$this->assertSame( (int) $first['headers']['retry-after'], $first['json']['data']['retry_after'] );

		// Exactly the accepted batches are queued, and delivered: nothing past the limit.
		$this->assertCount( $accepted, self::outbox( 'utw_product_view', self::$visitor, $accepted ) );
		usleep( 300000 );
		$this->assertCount( $accepted, self::outbox( 'utw_product_view', self::$visitor ) );
		Collector::deliver();
		$delivered = array_filter( Collector::events( 'utw_product_view' ), static fn( $e ) => ( $e['params']['_ui'] ?? null ) === self::$visitor );
		$this->assertCount( $accepted, $delivered );

		// Another visitor from the same address has an allowance of its own.
		self::$visitor = self::new_visitor();
		$this->assertSame( 202, self::post( array( 'events' => array( self::product_view() ) ) )['status'] );
	}

	public function test_a_limited_client_is_accepted_again_after_retry_after(): void {
		do {
			$response = self::post( array( 'events' => array( self::product_view() ) ) );
		} while ( 202 === $response['status'] );
		$this->assertSame( 429, $response['status'] );
		sleep( (int) $response['headers']['retry-after'] );
		$this->assertSame( 202, self::post( array( 'events' => array( self::product_view() ) ) )['status'] );
	}

	public function test_the_visitor_cookie_identifies_the_client_before_the_batch_does(): void {
		$cookie   = array(
			'Content-Type' => 'application/json',
			'Cookie'       => Shared_Facts::VISITOR_COOKIE . '=' . self::$visitor,
		);
		$statuses = array();
		for ( $left = 3 * Rate_Limiter::BURST; $left > 0; $left-- ) {
			// Each batch claims another visitor id: were the batch's id the client, none would be limited.
			$batch      = array( 'events' => array( self::product_view( array( '_ui' => self::new_visitor() ) ) ) );
			$statuses[] = self::request( 'POST', self::PATH, (string) wp_json_encode( $batch ), $cookie )['status'];
			if ( 429 === end( $statuses ) ) {
				break;
			}
		}
		$this->assertContains( 429, $statuses );
	}

	public function test_an_anonymous_admin_event_is_refused_and_nothing_of_its_batch_accepted(): void {
		foreach ( array( 'utw_get_started_faq', 'wcadmin_utw_get_started_faq' ) as $name ) {
			$response = self::post( array( 'events' => array( self::product_view(), self::faq_click( $name ) ) ) );
			$this->assertSame( 401, $response['status'], $name );
			$this->assertSame( 'utw_admin_event_forbidden', $response['json']['code'], $name );
			$this->assertStringContainsString( 'Event 1', $response['json']['message'] );
		}
		usleep( 300000 );
		$this->assertSame( array(), self::outbox( 'wcadmin_utw_get_started_faq', self::$visitor ) );
		$this->assertSame( array(), self::outbox( 'utw_get_started_faq', self::$visitor ) );
		self::assert_nothing_accepted();
	}

	public function test_an_admin_event_is_accepted_from_a_store_manager_with_the_rest_nonce_only(): void {
		$admin = new Admin_Session( 'admin', 'password' );
		$body  = (string) wp_json_encode( array( 'events' => array( self::faq_click() ) ) );
		$json  = 'Content-Type: application/json';

		$without = $admin->curl( 'POST', self::PATH, $body, array( $json ) );
		$this->assertSame( 403, $without['status'], 'logged in, without the nonce' );
		$this->assertSame( 'utw_admin_event_forbidden', $without['json']['code'] );
		$forged = $admin->curl( 'POST', self::PATH, $body, array( $json, 'X-WP-Nonce: 0123456789' ) );
		$this->assertSame( 403, $forged['status'], 'logged in, with a wrong nonce' );
		usleep( 300000 );
		$this->assertSame( array(), self::outbox( 'wcadmin_utw_get_started_faq', self::$visitor ) );

		$nonce = $admin->nonce();
		$this->assertSame( 202, $admin->curl( 'POST', self::PATH, $body, array( $json, "X-WP-Nonce: {$nonce}" ) )['status'], 'the header' );
		// A beacon cannot send headers: the setup guide's endpoint URL carries the nonce.
		$this->assertSame( 202, $admin->curl( 'POST', self::PATH . '?_wpnonce=' . $nonce, $body, array( $json ) )['status'], 'the URL' );
		$this->assertSame( 202, $admin->curl( 'POST', '/?rest_route=/utw/v1/collect&_wpnonce=' . $nonce, $body, array( $json ) )['status'], 'the plain REST route' );
		$this->assertSame( array( 'queued', 'queued', 'queued' ), array_column( self::outbox( 'wcadmin_utw_get_started_faq', self::$visitor, 3 ), 'state' ) );
	}

	public function test_while_the_store_has_not_opted_in_events_are_dropped_and_nothing_forwarded(): void {
		$this->set_options( array( 'woocommerce_allow_tracking' => 'no' ) );
		$response = self::post( array( 'events' => array( self::product_view() ) ) );
		$this->assertSame( 202, $response['status'] );
		$this->assertSame(
			array(
				'accepted' => 0,
				'dropped'  => 1,
			),
			$response['json']
		);
		usleep( 300000 );
		Collector::deliver();
		$this->assertSame( array(), Collector::events() );
	}

	public function test_with_the_plugin_switched_off_nothing_is_forwarded(): void {
		$this->set_options( array( 'utw_enabled' => 'no' ) );
		$this->assertSame(
			array(
				'accepted' => 0,
				'dropped'  => 1,
			),
			self::post( array( 'events' => array( self::product_view() ) ) )['json']
		);
		usleep( 300000 );
		Collector::deliver();
		$this->assertSame( array(), Collector::events() );
	}

	public function test_a_dead_destination_does_not_hold_up_the_response_or_fail_it(): void {
		$this->set_options( array( 'utw_stack_destination' => 'http://127.0.0.1:9/t.gif' ) );
		$response = self::post( array( 'events' => array( self::product_view() ) ) );
		$this->assertSame( 202, $response['status'] );
		$this->assertLessThan( 2.0, $response['seconds'] );
	}

	public function test_the_response_is_not_cacheable(): void {
		$response = self::post( array( 'events' => array( self::product_view() ) ) );
		$this->assertStringContainsString( 'no-cache', $response['headers']['cache-control'] ?? '' );
	}
}
