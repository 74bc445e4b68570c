<?php
/**
 * Shipping method chosen, on the stack's real WooCommerce cart and shipping zones: one event per
 * change the shopper made, with the count of options offered, never the address.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Storefront;

use Utw\Storefront\Shipping_Events;
use WC_Cache_Helper;
use WC_Shipping_Zone;

require_once __DIR__ . '/Server_Events_Test_Case.php';

final class Shipping_Events_Test extends Server_Events_Test_Case {

	private Shipping_Events $listener;

	/** Rate id of the stack's flat rate. */
	private string $flat_rate = '';

	/** Rate id of the free shipping the test offers beside it. */
	private string $free_shipping = '';

	protected function set_up(): void {
		parent::set_up();
		// The stack's store ships everywhere at a flat rate (zone 0): free shipping joins it.
		$zone = new WC_Shipping_Zone( 0 );
		$free = $zone->add_shipping_method( 'free_shipping' );
		foreach ( $zone->get_shipping_methods() as $method ) {
			if ( 'flat_rate' === $method->id ) {
				$this->flat_rate = 'flat_rate:' . $method->instance_id;
			}
		}
		$this->free_shipping = 'free_shipping:' . $free;
		WC_Cache_Helper::get_transient_version( 'shipping', true );

		wc_load_cart();
		WC()->cart->empty_cart( false );
		WC()->customer->set_shipping_address_1( '12 Test Street' );
		WC()->customer->set_shipping_city( 'Springfield' );
		WC()->cart->add_to_cart( self::product_id( 'UTW-MUG' ), 1 );
		WC()->session->set( 'chosen_shipping_methods', array( $this->flat_rate ) );
		// The rates a previous test's rolled-back zone offered, kept under a cache version that
		// (time-based) can be the same second's: WooCommerce calculates them again.
		WC()->session->set( 'shipping_for_package_0', null );
		WC()->cart->calculate_totals();

		$this->listener = new Shipping_Events( $this->tracks );
		\Utw\Plugin::hook( $this->listener );
	}

	protected function tear_down(): void {
		remove_action( 'woocommerce_checkout_update_order_review', array( $this->listener, 'classic_checkout_review' ) );
		remove_action( 'wc_ajax_update_shipping_method', array( $this->listener, 'classic_cart_choice' ), 1 );
		remove_action( 'woocommerce_store_api_cart_select_shipping_rate', array( $this->listener, 'block_choice' ) );
		WC()->cart->empty_cart( false );
		WC()->session->set( 'chosen_shipping_methods', null );
		WC_Cache_Helper::get_transient_version( 'shipping', true );
		$_POST = array();
		unset( $_SERVER['REQUEST_URI'] );
		parent::tear_down();
	}

	/**
	 * What WooCommerce's handler does after the listener heard the request: stores the posted
	 * choice and calculates the cart again. Then the "request" ends.
	 *
	 * @param array<int, string> $chosen The rates posted.
	 * @return list<array{0: string, 1: array<string, mixed>}>
	 */
	private function store_and_end_request( array $chosen ): array {
		WC()->session->set( 'chosen_shipping_methods', $chosen );
		WC()->cart->calculate_totals();
		$this->listener->record();
		return $this->sent();
	}

	/**
	 * How many rates WooCommerce offered the cart (the flat rate, free shipping and whatever
	 * else the WooCommerce version offers, such as its pickup locations).
	 *
	 * @return int
	 */
	private function rates_offered(): int {
		$rates = array_keys( WC()->shipping()->get_packages()[0]['rates'] ?? array() );
		$this->assertContains( $this->free_shipping, $rates );
		$this->assertContains( $this->flat_rate, $rates );
		return count( $rates );
	}

	public function test_a_shipping_change_on_the_classic_checkout_is_one_event_with_the_options_offered(): void {
		// The order review refresh of the classic checkout, posted when the shopper picks a rate.
		$_POST = array(
			'shipping_method' => array( $this->free_shipping ),
			'post_data'       => 'billing_address_1=12+Test+Street&billing_email=sam%40example.com',
		);
		do_action( 'woocommerce_checkout_update_order_review', $_POST['post_data'] );

		$sent = $this->store_and_end_request( array( $this->free_shipping ) );

		$this->assertCount( 1, $sent );
		list( $name, $props ) = $sent[0];
		$this->assertSame( 'utw_checkout_shipping_selected', $name );
		$this->assertSame( 'free_shipping', $props['shipping_method'] );
		$this->assertSame( $this->rates_offered(), $props['shipping_options_count'] );
		$this->assertSame( 'checkout', $props['chosen_on'] );
		$this->assertSame( 'classic', $props['checkout_type'] );
		$stored = $this->stored_text();
		$this->assertStringContainsString( 'free_shipping', $stored, 'the stored event is read' );
		foreach ( array( '12 Test Street', 'Springfield', 'sam@example.com', 'sam%40example.com' ) as $personal ) {
			$this->assertStringNotContainsString( $personal, $stored );
		}
	}

	public function test_a_refresh_that_posts_the_rate_already_chosen_records_nothing(): void {
		// WooCommerce refreshes the order review after every address change, with the same rate.
		$_POST = array( 'shipping_method' => array( $this->flat_rate ) );
		do_action( 'woocommerce_checkout_update_order_review', '' );
		do_action( 'woocommerce_checkout_update_order_review', '' );

		$this->assertSame( array(), $this->store_and_end_request( array( $this->flat_rate ) ) );
	}

	public function test_a_change_on_the_classic_cart_says_it_was_chosen_on_the_cart(): void {
		$_POST = array(
			'security'        => wp_create_nonce( 'update-shipping-method' ),
			'shipping_method' => array( $this->free_shipping ),
		);
		$this->listener->classic_cart_choice();

		$sent = $this->store_and_end_request( array( $this->free_shipping ) );

		$this->assertSame(
			array( array( 'utw_checkout_shipping_selected', 'free_shipping', 'cart', 'classic' ) ),
			array_map( static fn( $e ) => array( $e[0], $e[1]['shipping_method'], $e[1]['chosen_on'], $e[1]['checkout_type'] ), $sent )
		);
	}

	public function test_a_cart_change_without_the_forms_nonce_is_not_noted(): void {
		$_POST = array(
			'security'        => 'forged',
			'shipping_method' => array( $this->free_shipping ),
		);
		$this->listener->classic_cart_choice();

		$this->assertSame( array(), $this->store_and_end_request( array( $this->free_shipping ) ) );
	}

	public function test_the_blocks_pick_through_the_store_api_is_one_event_on_the_page_it_was_made(): void {
		$_SERVER['REQUEST_URI'] = '/cart/';

		do_action( 'woocommerce_store_api_cart_select_shipping_rate', 0, $this->free_shipping );
		$sent = $this->store_and_end_request( array( $this->free_shipping ) );

		$this->assertCount( 1, $sent );
		$this->assertSame( 'free_shipping', $sent[0][1]['shipping_method'] );
		$this->assertSame( $this->rates_offered(), $sent[0][1]['shipping_options_count'] );
		$this->assertSame( 'cart', $sent[0][1]['chosen_on'] );
	}

	public function test_a_store_api_pick_for_every_package_is_recorded_once(): void {
		do_action( 'woocommerce_store_api_cart_select_shipping_rate', null, $this->free_shipping );

		$sent = $this->store_and_end_request( array( $this->free_shipping ) );

		$this->assertSame( array( 'utw_checkout_shipping_selected' ), array_column( $sent, 0 ) );
		$this->assertSame( 'checkout', $sent[0][1]['chosen_on'] );
	}

	public function test_with_the_storefront_switched_off_nothing_is_recorded_nor_kept(): void {
		update_option( 'utw_storefront_enabled', 'no' );

		$_POST = array( 'shipping_method' => array( $this->free_shipping ) );
		do_action( 'woocommerce_checkout_update_order_review', '' );
		do_action( 'woocommerce_store_api_cart_select_shipping_rate', 0, $this->free_shipping );
		$this->store_and_end_request( array( $this->free_shipping ) );

		// The switch itself is a settings change the merchant's log shows; no storefront line.
		$this->assertSame( array( 'wcadmin_utw_tracking_switch_change' ), array_column( $this->logged(), 'event' ), 'not even a dropped line: a closed gate costs nothing' );
	}
}
