<?php
/**
 * The collection endpoint, over HTTP against the stack's web server.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Rest;

use Utw\Tests\Stack_Http_Test_Case;
use Utw\Tests\Stack_Test_Case_Collector as Collector;

final class Collect_Endpoint_Test extends Stack_Http_Test_Case {

	private const PATH = '/wp-json/utw/v1/collect';

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
					'_ui'              => 'AbCdEfGhIjKlMnOpQrStUv',
				),
				$override
			),
		);
	}

	private static function post( mixed $batch ): array {
		$body = is_string( $batch ) ? $batch : (string) wp_json_encode( $batch );
		return self::request( 'POST', self::PATH, $body, array( 'Content-Type' => 'application/json' ) );
	}

	private static function assert_nothing_forwarded(): void {
		usleep( 400000 );
		self::assertSame( array(), Collector::events(), 'nothing reaches the destination' );
	}

	public function test_a_valid_batch_is_accepted_and_every_event_forwarded(): void {
		$response = self::post( array( 'events' => array( self::product_view(), self::product_view( array( 'product_id' => 14 ) ) ) ) );

		$this->assertSame( 202, $response['status'] );
		$this->assertSame(
			array(
				'accepted' => 2,
				'dropped'  => 0,
			),
			$response['json']
		);
		$events = Collector::wait_for( 2 );
		$this->assertSame( array( '13', '14' ), array_column( array_column( $events, 'params' ), 'product_id' ) );
		$this->assertSame( 'mobile', $events[0]['params']['device'] );
		$this->assertSame( 'AbCdEfGhIjKlMnOpQrStUv', $events[0]['params']['_ui'] );
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
		$params = Collector::wait_for( 1 )[0]['params'];
		$this->assertSame( WC_VERSION, $params['wc_version'] );
		$this->assertSame( home_url(), $params['site_url'] );
	}

	/**
	 * @dataProvider bad_batches
	 */
	public function test_bad_input_gets_a_clear_json_error_and_nothing_is_forwarded( mixed $batch, int $status, string $code, string $message ): void {
		$response = self::post( $batch );

		$this->assertSame( $status, $response['status'] );
		$this->assertSame( $code, $response['json']['code'] ?? null );
		$this->assertStringContainsString( $message, $response['json']['message'] );
		self::assert_nothing_forwarded();
	}

	/**
	 * @return array<string, array{0: mixed, 1: int, 2: string, 3: string}>
	 */
	public static function bad_batches(): array {
		$many = array( 'events' => array_fill( 0, 51, self::product_view() ) );
		$huge = array( 'events' => array( self::product_view( array( 'product_name' => str_repeat( 'x', 70000 ) ) ) ) );
		return array(
			'malformed JSON'                   => array( '{"events": [', 400, 'utw_malformed_batch', 'Expected a JSON object' ),
			'not an object'                    => array( '"hello"', 400, 'utw_malformed_batch', 'Expected a JSON object' ),
			'events not a list'                => array( array( 'events' => array( 'a' => self::product_view() ) ), 400, 'utw_malformed_batch', 'Expected' ),
			'empty batch'                      => array( array( 'events' => array() ), 400, 'utw_empty_batch', 'no event' ),
			'too many events'                  => array( $many, 413, 'utw_batch_too_large', 'at most 50 events' ),
			'too many bytes'                   => array( $huge, 413, 'utw_batch_too_large', 'at most 65536 bytes' ),
			'event without a name'             => array( array( 'events' => array( array( 'props' => array() ) ) ), 400, 'utw_malformed_event', 'Event 0 needs a string name' ),
			'unknown event'                    => array(
				array(
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
			'wrong property type'              => array( array( 'events' => array( self::product_view( array( 'price' => 'free' ) ) ) ), 400, 'utw_invalid_event', 'property price is not number' ),
			'value outside the list'           => array( array( 'events' => array( self::product_view( array( 'device' => 'fridge' ) ) ) ), 400, 'utw_invalid_event', 'property device is not mobile|tablet|desktop' ),
			'nested value'                     => array( array( 'events' => array( self::product_view( array( 'product_name' => array( 'a' ) ) ) ) ), 400, 'utw_invalid_event', 'property product_name is not string' ),
			'uncatalogued property'            => array( array( 'events' => array( self::product_view( array( 'customer_email' => 'x' ) ) ) ), 400, 'utw_invalid_event', 'uncatalogued properties: customer_email' ),
			'an event only the server records' => array(
				array(
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
			'one bad event among good'         => array( array( 'events' => array( self::product_view(), self::product_view( array( 'price' => null ) ) ) ), 400, 'utw_invalid_event', 'Event 1 (utw_product_view)' ),
		);
	}

	public function test_personal_data_in_a_required_property_refuses_the_batch(): void {
		$response = self::post( array( 'events' => array( self::product_view( array( 'product_name' => '+1 415 555 0100' ) ) ) ) );
		$this->assertSame( 400, $response['status'] );
		$this->assertStringContainsString( 'product_name removed: looks like phone', $response['json']['message'] );
		self::assert_nothing_forwarded();
	}

	public function test_a_get_request_is_refused_with_a_json_error(): void {
		$response = self::request( 'GET', self::PATH );
		$this->assertSame( 404, $response['status'] );
		$this->assertSame( 'rest_no_route', $response['json']['code'] );
	}

	public function test_the_plain_rest_route_behaves_the_same(): void {
		$response = self::request( 'POST', '/?rest_route=/utw/v1/collect', (string) wp_json_encode( array( 'events' => array( self::product_view() ) ) ), array( 'Content-Type' => 'application/json' ) );
		$this->assertSame( 202, $response['status'] );
		$this->assertCount( 1, Collector::wait_for( 1 ) );

		$bad = self::request( 'POST', '/?rest_route=/utw/v1/collect', '{oops' );
		$this->assertSame( 400, $bad['status'] );
		$this->assertSame( 'utw_malformed_batch', $bad['json']['code'] );
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
		self::assert_nothing_forwarded();
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
		self::assert_nothing_forwarded();
	}

	public function test_a_slow_destination_does_not_hold_up_the_response(): void {
		$this->set_options( array( 'utw_stack_destination' => getenv( 'UTW_COLLECTOR_URL' ) . '/slow/t.gif' ) );
		$response = self::post( array( 'events' => array( self::product_view() ) ) );
		$this->assertSame( 202, $response['status'] );
		// The slow pixel answers after 5 seconds; the shopper's request must not wait for it.
		$this->assertLessThan( 2.0, $response['seconds'] );
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
