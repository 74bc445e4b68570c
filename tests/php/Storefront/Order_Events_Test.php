<?php
/**
 * Order processed: once per order, its shape and never its customer.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Storefront;

use Utw\Storefront\Order_Events;
use WC_Coupon;
use WC_Order;
use WC_Order_Item_Shipping;
use WP_REST_Request;

require_once __DIR__ . '/Server_Events_Test_Case.php';

final class Order_Events_Test extends Server_Events_Test_Case {

	private Order_Events $listener;

	private const CUSTOMER = array(
		'billing_first_name' => 'Sam',
		'billing_last_name'  => 'Shopper',
		'billing_email'      => 'sam@example.com',
		'billing_phone'      => '5550100',
		'billing_address_1'  => '12 Test Street',
		'billing_city'       => 'Springfield',
		'customer_note'      => 'Leave it at the door',
	);

	protected function set_up(): void {
		parent::set_up();
		$this->listener = new Order_Events( $this->tracks );
		\Utw\Plugin::hook( $this->listener );
	}

	protected function tear_down(): void {
		remove_action( 'woocommerce_created_customer', array( $this->listener, 'note_account_created' ) );
		remove_action( 'woocommerce_checkout_order_processed', array( $this->listener, 'classic_checkout_processed' ) );
		remove_action( 'woocommerce_store_api_checkout_order_processed', array( $this->listener, 'block_checkout_processed' ) );
		remove_action( 'woocommerce_store_api_checkout_update_order_from_request', array( $this->listener, 'note_express' ) );
		parent::tear_down();
	}

	private function guest_order(): WC_Order {
		$order = wc_create_order();
		$order->add_product( wc_get_product( self::product_id( 'UTW-HOODIE' ) ), 2 );
		$order->add_product( wc_get_product( self::product_id( 'UTW-MUG' ) ), 1 );
		foreach ( self::CUSTOMER as $field => $value ) {
			$order->{"set_{$field}"}( $value );
		}
		$order->set_payment_method( 'cod' );
		$order->calculate_totals();
		$order->save();
		return $order;
	}

	public function test_a_placed_order_is_recorded_with_its_shape_and_nothing_about_the_customer(): void {
		$order = $this->guest_order();

		do_action( 'woocommerce_store_api_checkout_order_processed', $order );

		$sent = $this->sent();
		$this->assertCount( 1, $sent );
		list( $name, $props ) = $sent[0];
		$this->assertSame( 'utw_order_processed', $name );
		$this->assertSame( 'cod', $props['payment_method'] );
		$this->assertTrue( $props['guest_order'] );
		$this->assertFalse( $props['account_created'] );
		$this->assertSame( 3, $props['item_count'] );
		$this->assertEquals( 102, $props['order_total'] );
		$this->assertSame( get_woocommerce_currency(), $props['currency'] );
		$this->assertSame( 'block', $props['checkout_type'] );
		$this->assertTrue( $props['checkout_page_contains_checkout_block'] );
		foreach ( self::CUSTOMER as $value ) {
			$this->assertNotContains( $value, $props );
		}
	}

	public function test_an_order_is_recorded_once_whichever_checkout_processes_it_again(): void {
		$order = $this->guest_order();

		do_action( 'woocommerce_checkout_order_processed', $order->get_id(), array(), $order );
		do_action( 'woocommerce_checkout_order_processed', $order->get_id(), array(), $order );
		// A fresh copy from the database, as a later request would load it.
		do_action( 'woocommerce_store_api_checkout_order_processed', wc_get_order( $order->get_id() ) );

		$this->assertSame( array( 'utw_order_processed' ), array_column( $this->sent(), 0 ) );
		$this->assertSame( 'classic', $this->sent()[0][1]['checkout_type'] );
		$this->assertNotEmpty( wc_get_order( $order->get_id() )->get_meta( Order_Events::RECORDED_META ) );
	}

	public function test_an_account_created_at_checkout_is_reported(): void {
		$customer = wc_create_new_customer( 'new-shopper@example.com', 'new-shopper', 'a-Passw0rd!' );
		$this->assertIsInt( $customer );
		$order = $this->guest_order();
		$order->set_customer_id( $customer );
		$order->save();

		do_action( 'woocommerce_checkout_order_processed', $order->get_id(), array(), $order );

		$props = $this->sent()[0][1];
		$this->assertTrue( $props['account_created'] );
		$this->assertFalse( $props['guest_order'] );
	}

	public function test_with_the_plugin_switched_off_the_order_is_neither_recorded_nor_marked(): void {
		update_option( 'utw_enabled', 'no' );
		$order = $this->guest_order();

		do_action( 'woocommerce_store_api_checkout_order_processed', $order );

		$this->assertSame( array(), $this->sent() );
		$this->assertSame( '', wc_get_order( $order->get_id() )->get_meta( Order_Events::RECORDED_META ) );
	}

	/**
	 * Ships an order by a method, as the checkout does from the rate chosen.
	 *
	 * @param WC_Order $order     The order.
	 * @param string   $method_id Shipping method id.
	 */
	private static function ship_by( WC_Order $order, string $method_id ): void {
		$line = new WC_Order_Item_Shipping();
		$line->set_method_id( $method_id );
		$line->set_instance_id( '1' );
		$line->set_method_title( 'Shipping' );
		$line->set_total( '5' );
		$order->add_item( $line );
		$order->calculate_totals();
		$order->save();
	}

	public function test_the_order_says_how_it_was_shipped_and_that_no_coupon_or_express_payment_was_used(): void {
		$order = $this->guest_order();
		self::ship_by( $order, 'flat_rate' );

		do_action( 'woocommerce_checkout_order_processed', $order->get_id(), array(), $order );

		$props = $this->sent()[0][1];
		$this->assertSame( 'flat_rate', $props['shipping_method'] );
		$this->assertFalse( $props['coupon_used'] );
		$this->assertFalse( $props['express_checkout'] );
	}

	public function test_an_order_with_a_coupon_says_a_coupon_was_used_and_never_which(): void {
		$coupon = new WC_Coupon();
		$coupon->set_code( 'SAMSHOPPER10' );
		$coupon->set_discount_type( 'percent' );
		$coupon->set_amount( 10 );
		$coupon->save();
		$order = $this->guest_order();
		$this->assertTrue( $order->apply_coupon( 'SAMSHOPPER10' ) );

		do_action( 'woocommerce_store_api_checkout_order_processed', $order );

		$this->assertTrue( $this->sent()[0][1]['coupon_used'] );
		$this->assertStringContainsString( 'coupon_used', $this->stored_text(), 'the stored event is read' );
		$this->assertStringNotContainsStringIgnoringCase( 'SAMSHOPPER10', $this->stored_text() );
	}

	public function test_an_order_shipped_two_ways_names_each_method_once(): void {
		$order = $this->guest_order();
		self::ship_by( $order, 'flat_rate' );
		self::ship_by( $order, 'local_pickup' );
		self::ship_by( $order, 'flat_rate' );

		do_action( 'woocommerce_store_api_checkout_order_processed', $order );

		$this->assertSame( 'flat_rate,local_pickup', $this->sent()[0][1]['shipping_method'] );
	}

	/**
	 * What the Checkout block's request says in `extensions`, and whether the order was express.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: bool}>
	 */
	public static function checkout_requests(): array {
		return array(
			'an express payment'          => array( array( 'utw' => array( 'express' => true ) ), true ),
			'another plugin\'s data only' => array( array( 'another-plugin' => array( 'express' => true ) ), false ),
			'nothing'                     => array( array(), false ),
		);
	}

	/**
	 * @dataProvider checkout_requests
	 *
	 * @param array<string, mixed> $extensions The request's `extensions`.
	 * @param bool                 $express    Whether the order was placed by an express payment.
	 */
	public function test_an_order_the_checkout_block_placed_is_express_only_when_its_request_says_so( array $extensions, bool $express ): void {
		$order   = $this->guest_order();
		$request = new WP_REST_Request( 'POST', '/wc/store/v1/checkout' );
		$request->set_param( 'extensions', $extensions );

		do_action( 'woocommerce_store_api_checkout_update_order_from_request', $order, $request );
		do_action( 'woocommerce_store_api_checkout_order_processed', $order );

		$this->assertSame( $express, $this->sent()[0][1]['express_checkout'] );
	}
}
