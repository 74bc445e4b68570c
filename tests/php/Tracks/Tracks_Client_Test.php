<?php
/**
 * The server-side client, on the real stack: what it writes to the outbox.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Tracks;

use Utw\Consent\Consent_Gate;
use Utw\Tests\Stack_Test_Case;
use Utw\Tracks\Event_Catalogue;
use Utw\Tracks\Outbox;
use Utw\Tracks\Pixel_Transport;
use Utw\Tracks\Tracks_Client;

final class Tracks_Client_Test extends Stack_Test_Case {

	private Tracks_Client $tracks;

	private const PRODUCT = array(
		'product_id'       => 13,
		'product_name'     => 'Blue Hoodie',
		'product_category' => 'Clothing/Hoodies',
		'price'            => 45,
	);

	protected function set_up(): void {
		parent::set_up();
		$this->open_gate();
		$this->log_from_now();
		$this->tracks = \Utw\Plugin::instance()->tracks();
	}

	protected function tear_down(): void {
		unset( $_SERVER['HTTP_USER_AGENT'] );
		parent::tear_down();
	}

	public function test_accepted_events_wait_in_memory_and_are_written_in_one_query_at_the_end_of_the_request(): void {
		$writes = array();
		$this->add_test_filter(
			'query',
			static function ( string $query ) use ( &$writes ): string {
				if ( preg_match( '/^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i', $query ) ) {
					$writes[] = $query;
				}
				return $query;
			}
		);
		$_COOKIE['utw_vid'] = 'AbCdEfGhIjKlMnOpQrStUv';
		$first              = $this->tracks->record_event( 'utw_product_view', self::PRODUCT );
		$this->tracks->record_event( 'utw_product_view', array( 'product_id' => 14 ) + self::PRODUCT );
		$this->tracks->record_event( 'utw_made_up' );
		$this->assertSame( array(), $writes, 'nothing is written while events are recorded' );
		$this->tracks->end_request();
		$this->assertCount( 1, $writes, 'one INSERT for every event of the request' );
		$this->assertStringStartsWith( 'INSERT INTO ' . Outbox::table(), $writes[0] );

		$rows = $this->logged();
		$this->assertSame( array( Outbox::QUEUED, Outbox::QUEUED, Outbox::DROPPED ), array_column( $rows, 'state' ) );
		$this->assertSame( $first->eid, $rows[0]['eid'] );
		$this->assertMatchesRegularExpression( '/^[A-Za-z0-9_-]{22}$/', $rows[0]['eid'] );
		$this->assertNotSame( $rows[0]['eid'], $rows[1]['eid'], 'every event has its own id' );
		$this->assertSame( Pixel_Transport::destination(), $rows[0]['destination'] );
		$props = $rows[0]['props'];
		$this->assertSame( 'Blue Hoodie', $props['product_name'] );
		$this->assertSame( 'AbCdEfGhIjKlMnOpQrStUv', $props['_ui'] );
		$this->assertMatchesRegularExpression( '/^\d{13}$/', (string) $props['_ts'] );
		$this->assertSame( UTW_VERSION, $props['plugin_version'] );
		$this->assertSame( home_url(), $props['site_url'] );
		$this->assertSame( 'unknown event utw_made_up', $rows[2]['reason'] );
	}

	public function test_nothing_is_queued_while_the_store_has_not_opted_in_and_the_reason_is_logged(): void {
		update_option( 'woocommerce_allow_tracking', 'no' );
		$this->log_from_now();

		$outcome = $this->tracks->record_event( 'utw_product_view', self::PRODUCT );

		$this->assertFalse( $outcome->accepted() );
		$this->assertSame( 'gate closed: woocommerce_allow_tracking', $outcome->reason );
		$rows = $this->logged();
		$this->assertSame( array( Outbox::DROPPED ), array_column( $rows, 'state' ) );
		$this->assertSame( 'gate closed: woocommerce_allow_tracking', $rows[0]['reason'] );
		$this->assertSame( array(), $rows[0]['props'] );
		$this->assertSame( array(), $this->logged( Outbox::QUEUED ) );
	}

	public function test_an_unknown_event_or_a_wrong_property_is_dropped_with_its_reason(): void {
		$this->assertSame( 'unknown event utw_made_up', $this->tracks->record_event( 'utw_made_up' )->reason );
		$this->assertSame(
			'property price is not number',
			$this->tracks->record_event( 'utw_product_view', array( 'price' => '45' ) + self::PRODUCT )->reason
		);
		$this->assertSame(
			'missing property product_name',
			$this->tracks->record_event( 'utw_product_view', array_diff_key( self::PRODUCT, array( 'product_name' => 1 ) ) )->reason
		);
		$this->assertSame( array(), $this->logged( Outbox::QUEUED ) );
	}

	public function test_the_privacy_guard_drops_personal_data_and_never_stores_the_value(): void {
		global $wpdb;
		$outcome = $this->tracks->record_event( 'utw_product_view', array( 'product_name' => 'Gift for jane@example.com' ) + self::PRODUCT );
		$this->tracks->end_request();

		$this->assertFalse( $outcome->accepted() );
		$this->assertSame( 'property product_name removed: looks like email', $outcome->reason );
		$table = Outbox::table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertSame( '0', $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE props LIKE %s OR removed LIKE %s OR reason LIKE %s", '%jane@%', '%jane@%', '%jane@%' ) ) );
	}

	public function test_an_optional_value_that_looks_personal_is_removed_and_the_event_still_queued(): void {
		$outcome = $this->tracks->record_event( 'utw_product_view', array( 'page_url' => 'https://shop.example/?email=jane@example.com' ) + self::PRODUCT );
		$this->assertTrue( $outcome->accepted() );
		$this->assertSame( array( 'page_url' => 'looks like email' ), $outcome->removed );
		$this->assertArrayNotHasKey( 'page_url', $this->logged( Outbox::QUEUED )[0]['props'] );
	}

	public function test_the_visitors_ip_address_and_user_agent_are_never_queued(): void {
		$_SERVER['REMOTE_ADDR']     = '203.0.113.9';
		$_SERVER['HTTP_USER_AGENT'] = 'Mozilla/5.0 (Shopper Phone)';
		$this->tracks->record_event( 'utw_product_view', self::PRODUCT );

		$raw = (string) wp_json_encode( $this->logged() );
		$this->assertStringContainsString( 'Blue Hoodie', $raw );
		$this->assertStringNotContainsString( '203.0.113.9', $raw );
		$this->assertStringNotContainsString( 'Shopper Phone', $raw );
	}

	public function test_a_forged_visitor_id_is_not_queued(): void {
		$_COOKIE['utw_vid'] = "<script>alert('x')</script>";
		$this->tracks->record_event( 'utw_product_view', self::PRODUCT );
		$this->assertArrayNotHasKey( '_ui', $this->logged( Outbox::QUEUED )[0]['props'] );
	}

	public function test_a_crawlers_storefront_events_are_not_counted_but_the_stores_own_are(): void {
		$_SERVER['HTTP_USER_AGENT'] = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

		$this->assertSame( 'crawler', $this->tracks->record_event( 'utw_product_view', self::PRODUCT )->reason );
		$batch = $this->tracks->record_batch(
			array(
				array(
					'name'  => 'utw_product_view',
					'props' => self::PRODUCT,
				),
			)
		);
		$this->assertSame( 0, $batch->accepted );
		$this->assertTrue( $this->tracks->record_event( 'utw_test_event' )->accepted(), 'an admin event is the merchant\'s, whatever the agent' );
		$this->assertSame( array( 'wcadmin_utw_test_event' ), array_column( $this->logged(), 'event' ) );
	}

	public function test_a_batch_is_all_or_nothing_and_cannot_carry_a_server_event(): void {
		$view   = array(
			'name'  => 'utw_product_view',
			'props' => self::PRODUCT,
		);
		$result = $this->tracks->record_batch(
			array(
				$view,
				array(
					'name'  => 'utw_product_view',
					'props' => array( 'price' => 'free' ) + self::PRODUCT,
				),
			)
		);
		$this->assertFalse( $result->ok() );
		$this->assertSame( 1, $result->index );

		$forged = $this->tracks->record_batch(
			array(
				array(
					'name'  => 'utw_order_processed',
					'props' => array(),
				),
			)
		);
		$this->assertFalse( $forged->ok() );
		$this->assertStringContainsString( 'recorded by the store itself', (string) $forged->reason );
		$this->assertSame( array(), $this->logged( Outbox::QUEUED ), 'nothing of a refused batch is queued' );

		$this->assertSame( 2, $this->tracks->record_batch( array( $view, $view ) )->accepted );
		$this->assertCount( 2, $this->logged( Outbox::QUEUED ) );
	}

	public function test_builders_steps_run_once_at_the_end_in_the_order_asked_before_the_outbox_is_written(): void {
		$order = array();
		$this->tracks->at_request_end(
			function () use ( &$order ): void {
				$order[] = 'first';
				$this->tracks->record_event( 'utw_product_view', self::PRODUCT );
			}
		);
		$this->tracks->at_request_end(
			static function () use ( &$order ): void {
				$order[] = 'second';
			}
		);
		$this->tracks->end_request();
		$this->tracks->end_request();

		$this->assertSame( array( 'first', 'second' ), $order );
		$this->assertCount( 1, $this->logged( Outbox::QUEUED ), 'the event a step recorded is in the same write' );
	}

	public function test_utw_record_event_goes_through_the_running_plugin(): void {
		$this->assertTrue( utw_record_event( 'utw_product_view', self::PRODUCT ) );
		$this->assertFalse( utw_record_event( 'utw_made_up' ) );
		$this->assertSame( array( Outbox::QUEUED, Outbox::DROPPED ), array_column( $this->logged(), 'state' ) );
	}

	public function test_a_client_built_on_its_own_outbox_writes_there_and_only_at_the_end(): void {
		$outbox = new Outbox();
		$client = new Tracks_Client( new Consent_Gate(), Event_Catalogue::load(), $outbox );
		$client->record_event( 'utw_product_view', self::PRODUCT );
		$this->assertSame( array(), $this->logged(), 'nothing is written before the end of the request' );
		$client->end_request();
		remove_action( 'shutdown', array( $client, 'end_request' ), 0 );
		$this->assertCount( 1, $this->logged( Outbox::QUEUED ) );
	}
}
