<?php
/**
 * The server-side client, on the real stack, sending to the local collector.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Tracks;

use Utw\Consent\Consent_Gate;
use Utw\Tests\Stack_Test_Case;
use Utw\Tests\Stack_Test_Case_Collector as Collector;
use Utw\Tracks\Event_Catalogue;
use Utw\Tracks\Pixel_Transport;
use Utw\Tracks\Recent_Events;
use Utw\Tracks\Tracks_Client;

final class Tracks_Client_Test extends Stack_Test_Case {

	private Pixel_Transport $transport;
	private Recent_Events $recent;
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
		Collector::clear();
		$this->transport = new Pixel_Transport( Pixel_Transport::destination() );
		$this->recent    = new Recent_Events();
		$this->tracks    = new Tracks_Client( new Consent_Gate(), Event_Catalogue::load(), $this->transport, $this->recent );
	}

	protected function tear_down(): void {
		remove_action( 'shutdown', array( $this->transport, 'flush' ), PHP_INT_MAX );
		remove_action( 'shutdown', array( $this->recent, 'persist' ), 100 );
		parent::tear_down();
	}

	public function test_an_event_arrives_at_the_destination_in_the_tracks_pixel_protocol(): void {
		$_COOKIE['utw_vid'] = 'AbCdEfGhIjKlMnOpQrStUv';

		$outcome = $this->tracks->record_event( 'utw_product_view', self::PRODUCT );
		$this->assertTrue( $outcome->sent );
		$this->assertSame( array(), Collector::events(), 'nothing leaves before the end of the request' );
		$this->transport->flush();

		$events = Collector::wait_for( 1 );
		$this->assertCount( 1, $events );
		$params = $events[0]['params'];
		$this->assertSame( 'utw_product_view', $params['_en'] );
		$this->assertSame( 'AbCdEfGhIjKlMnOpQrStUv', $params['_ui'] );
		$this->assertMatchesRegularExpression( '/^\d{13}$/', $params['_ts'] );
		$this->assertSame( 'Blue Hoodie', $params['product_name'] );
		$this->assertSame( 'Clothing/Hoodies', $params['product_category'] );
		$this->assertSame( UTW_VERSION, $params['plugin_version'] );
		$this->assertSame( WC_VERSION, $params['wc_version'] );
		$this->assertSame( home_url(), $params['site_url'] );
	}

	public function test_nothing_is_sent_while_the_store_has_not_opted_in_and_the_reason_is_kept(): void {
		update_option( 'woocommerce_allow_tracking', 'no' );

		$outcome = $this->tracks->record_event( 'utw_product_view', self::PRODUCT );
		$this->transport->flush();
		$this->recent->persist();

		$this->assertFalse( $outcome->sent );
		$this->assertSame( 'gate closed: woocommerce_allow_tracking', $outcome->reason );
		usleep( 300000 );
		$this->assertSame( array(), Collector::events() );
		$this->assertSame( 'gate closed: woocommerce_allow_tracking', $this->recent->all()[0]['reason'] );
		$this->assertSame( array(), $this->recent->all()[0]['props'] );
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
	}

	public function test_the_privacy_guard_drops_personal_data_and_never_stores_the_value(): void {
		$outcome = $this->tracks->record_event( 'utw_product_view', array( 'product_name' => 'Gift for jane@example.com' ) + self::PRODUCT );
		$this->recent->persist();

		$this->assertFalse( $outcome->sent );
		$this->assertSame( 'property product_name removed: looks like email', $outcome->reason );
		$this->assertStringNotContainsString( 'jane@example.com', (string) wp_json_encode( $this->recent->all() ) );
	}

	public function test_an_optional_value_that_looks_personal_is_removed_and_the_event_still_sent(): void {
		$outcome = $this->tracks->record_event( 'utw_product_view', array( 'page_url' => 'https://shop.example/?email=jane@example.com' ) + self::PRODUCT );
		$this->assertTrue( $outcome->sent );
		$this->assertSame( array( 'page_url' => 'looks like email' ), $outcome->removed );
		$this->assertArrayNotHasKey( 'page_url', $outcome->props );
	}

	public function test_the_visitors_ip_address_and_user_agent_are_never_forwarded(): void {
		$_SERVER['REMOTE_ADDR']     = '203.0.113.9';
		$_SERVER['HTTP_USER_AGENT'] = 'Mozilla/5.0 (Shopper Phone)';
		$this->tracks->record_event( 'utw_product_view', self::PRODUCT );
		$this->transport->flush();

		$raw = (string) wp_json_encode( Collector::wait_for( 1 ) );
		$this->assertStringNotContainsString( '203.0.113.9', $raw );
		$this->assertStringNotContainsString( 'Shopper Phone', $raw );
		$this->assertStringNotContainsString( '_via_ip', $raw );
	}

	public function test_a_forged_visitor_id_is_not_forwarded(): void {
		$_COOKIE['utw_vid'] = "<script>alert('x')</script>";
		$outcome            = $this->tracks->record_event( 'utw_product_view', self::PRODUCT );
		$this->assertArrayNotHasKey( '_ui', $outcome->props );
	}

	public function test_the_recent_events_store_keeps_only_the_newest(): void {
		for ( $i = 1; $i <= Recent_Events::LIMIT + 10; $i++ ) {
			$this->tracks->record_event( 'utw_product_view', array( 'product_id' => $i ) + self::PRODUCT );
		}
		$this->recent->persist();
		$this->tracks->record_event( 'utw_made_up' );
		$this->recent->persist();

		$stored = $this->recent->all();
		$this->assertCount( Recent_Events::LIMIT, $stored );
		$this->assertSame( 'utw_made_up', $stored[0]['event'] );
		$this->assertSame( Recent_Events::LIMIT + 10, $stored[1]['props']['product_id'] );
		$this->assertFalse( wp_load_alloptions()[ Recent_Events::OPTION ] ?? false, 'the store is not autoloaded' );
	}

	public function test_utw_record_event_goes_through_the_running_plugin(): void {
		$this->assertTrue( utw_record_event( 'utw_product_view', self::PRODUCT ) );
		$this->assertFalse( utw_record_event( 'utw_made_up' ) );
	}
}
