<?php
/**
 * Added to and removed from cart, heard on the stack's real WooCommerce cart.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Storefront;

use Utw\Storefront\Cart_Events;

require_once __DIR__ . '/Server_Events_Test_Case.php';

final class Cart_Events_Test extends Server_Events_Test_Case {

	private Cart_Events $listener;

	protected function set_up(): void {
		parent::set_up();
		wc_load_cart();
		WC()->cart->empty_cart( false );
		$this->listener = new Cart_Events( $this->tracks );
		\Utw\Plugin::hook( $this->listener );
	}

	protected function tear_down(): void {
		$this->tear_down_listener();
		WC()->cart->empty_cart( false );
		parent::tear_down();
	}

	/**
	 * A new request: a listener that remembers nothing of the last one.
	 */
	private function next_request(): void {
		$this->tear_down_listener();
		$this->listener = new Cart_Events( $this->tracks );
		\Utw\Plugin::hook( $this->listener );
	}

	/**
	 * Takes the listener off WooCommerce's hooks.
	 */
	private function tear_down_listener(): void {
		remove_action( 'woocommerce_add_to_cart', array( $this->listener, 'added' ) );
		remove_action( 'woocommerce_after_cart_item_quantity_update', array( $this->listener, 'quantity_changed' ) );
		remove_action( 'woocommerce_remove_cart_item', array( $this->listener, 'removing' ) );
		remove_action( 'woocommerce_cart_emptied', array( $this->listener, 'emptied' ) );
	}

	/**
	 * Ends the "request": the listener records what it collected.
	 *
	 * @return list<array{0: string, 1: array<string, mixed>}>
	 */
	private function end_request(): array {
		$this->listener->record();
		return $this->sent();
	}

	public function test_adding_a_product_records_one_add_with_the_product_and_the_cart_page(): void {
		WC()->cart->add_to_cart( self::product_id( 'UTW-HOODIE' ), 2 );

		$this->assertSame( array(), $this->sent(), 'nothing is recorded before the end of the request' );
		$sent = $this->end_request();

		$this->assertCount( 1, $sent );
		list( $name, $props ) = $sent[0];
		$this->assertSame( 'utw_add_to_cart', $name );
		$this->assertSame( 'Blue Hoodie', $props['product_name'] );
		$this->assertSame( 'Clothing/Hoodies', $props['product_category'] );
		$this->assertSame( 2, $props['quantity'] );
		$this->assertEquals( 45, $props['price'] );
		$this->assertTrue( $props['cart_page_contains_cart_block'] );
		$this->assertFalse( $props['cart_page_contains_cart_shortcode'] );
		$this->assertSame( 'AbCdEfGhIjKlMnOpQrStUv', $props['_ui'], 'the browser\'s visitor id travels with the request' );
		$snapshot = \Utw\Plugin::instance()->snapshot()->get();
		$this->assertSame( $snapshot['guest_checkout'], $props['guest_checkout'], 'the store settings come with every storefront event' );
		$this->assertSame( implode( ',', $snapshot['payment_methods'] ), $props['payment_methods'] );
	}

	public function test_adding_a_product_already_in_the_cart_the_classic_way_is_one_add_of_what_was_added(): void {
		WC()->cart->add_to_cart( self::product_id( 'UTW-TSHIRT' ), 1 );
		$this->listener->record();

		// WooCommerce raises the quantity of the existing item, then reports an add as well.
		WC()->cart->add_to_cart( self::product_id( 'UTW-TSHIRT' ), 2 );
		$sent = $this->end_request();

		$this->assertSame(
			array( array( 'utw_add_to_cart', 1 ), array( 'utw_add_to_cart', 2 ) ),
			array_map( static fn( $event ) => array( $event[0], $event[1]['quantity'] ), $sent )
		);
	}

	public function test_raising_a_quantity_is_an_add_and_lowering_it_a_removal_of_the_difference(): void {
		$key = WC()->cart->add_to_cart( self::product_id( 'UTW-MUG' ), 1 );
		$this->listener->record();

		// What the Store API does for the Cart and Mini-Cart blocks' quantity buttons.
		WC()->cart->set_quantity( $key, 4 );
		WC()->cart->set_quantity( $key, 3 );
		$sent = $this->end_request();

		$this->assertSame(
			array( array( 'utw_add_to_cart', 1 ), array( 'utw_add_to_cart', 3 ), array( 'utw_remove_from_cart', 1 ) ),
			array_map( static fn( $event ) => array( $event[0], $event[1]['quantity'] ), $sent )
		);
	}

	public function test_removing_an_item_records_how_many_left_the_cart(): void {
		$key = WC()->cart->add_to_cart( self::product_id( 'UTW-HOODIE' ), 3 );
		$this->listener->record();

		WC()->cart->remove_cart_item( $key );
		$sent = $this->end_request();

		$this->assertSame( 'utw_remove_from_cart', $sent[1][0] );
		$this->assertSame( 3, $sent[1][1]['quantity'] );
		$this->assertSame( 'Blue Hoodie', $sent[1][1]['product_name'] );
		$this->assertCount( 2, $sent );
	}

	public function test_a_quantity_set_to_zero_is_one_removal(): void {
		$key = WC()->cart->add_to_cart( self::product_id( 'UTW-MUG' ), 2 );
		$this->listener->record();

		WC()->cart->set_quantity( $key, 0 );
		$sent = $this->end_request();

		$this->assertSame( array( 'utw_add_to_cart', 'utw_remove_from_cart' ), array_column( $sent, 0 ) );
		$this->assertSame( 2, $sent[1][1]['quantity'] );
	}

	public function test_the_cart_page_is_described_as_configured(): void {
		$classic = get_page_by_path( 'classic-cart' );
		$this->assertInstanceOf( \WP_Post::class, $classic );
		update_option( 'woocommerce_cart_page_id', $classic->ID );

		WC()->cart->add_to_cart( self::product_id( 'UTW-MUG' ), 1 );
		$props = $this->end_request()[0][1];

		$this->assertFalse( $props['cart_page_contains_cart_block'] );
		$this->assertTrue( $props['cart_page_contains_cart_shortcode'] );
		$this->assertSame( 'core/shortcode', $props['additional_blocks_on_cart_page'] );
	}

	public function test_an_add_woocommerce_lost_to_a_concurrent_request_is_reported_removed_so_the_events_agree_with_the_cart(): void {
		$hoodie = self::product_id( 'UTW-HOODIE' );
		$key    = WC()->cart->add_to_cart( $hoodie, 1 );
		$this->end_request();

		// A concurrent request that had read the cart before wrote it back: the add is gone, and
		// WooCommerce fires no hook about it.
		$this->next_request();
		$cart = WC()->cart->get_cart_contents();
		unset( $cart[ $key ] );
		WC()->cart->set_cart_contents( $cart );

		$this->next_request();
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
		WC()->cart->add_to_cart( $hoodie, 1 );
		$sent = $this->end_request();

		$this->assertSame(
			array( array( 'utw_add_to_cart', 1 ), array( 'utw_remove_from_cart', 1 ), array( 'utw_add_to_cart', 1 ) ),
			array_map( static fn( $event ) => array( $event[0], $event[1]['quantity'] ), $sent ),
			'1 added, 1 lost, 1 added: the cart holds 1'
		);
		$this->assertCount( 1, $writes, 'what was reported is kept with the events: one write, the outbox\'s' );
		$this->assertStringStartsWith( 'INSERT INTO ' . \Utw\Tracks\Outbox::table(), $writes[0] );
	}

	public function test_a_new_cart_after_an_order_starts_its_own_ledger(): void {
		$hoodie = self::product_id( 'UTW-HOODIE' );
		WC()->cart->add_to_cart( $hoodie, 2 );
		$this->end_request();

		$this->next_request();
		WC()->cart->empty_cart();
		$this->next_request();
		WC()->cart->add_to_cart( $hoodie, 1 );

		$this->assertSame(
			array( array( 'utw_add_to_cart', 2 ), array( 'utw_add_to_cart', 1 ) ),
			array_map( static fn( $event ) => array( $event[0], $event[1]['quantity'] ), $this->end_request() ),
			'no removal is invented for the cart the order emptied'
		);
	}

	public function test_with_the_store_opted_out_nothing_is_recorded_nor_kept(): void {
		update_option( 'woocommerce_allow_tracking', 'no' );

		$key = WC()->cart->add_to_cart( self::product_id( 'UTW-HOODIE' ), 1 );
		WC()->cart->remove_cart_item( $key );
		$this->listener->record();
		$this->outbox->write();

		$this->assertSame( array(), $this->logged(), 'not even a dropped line: a closed gate costs nothing' );
	}
}
