<?php
/**
 * Coupon applied and removed, on the stack's real WooCommerce cart: whether it applied and its
 * discount type, never its code.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Storefront;

use Utw\Storefront\Coupon_Events;
use WC_Coupon;
use WP_REST_Request;

require_once __DIR__ . '/Server_Events_Test_Case.php';

final class Coupon_Events_Test extends Server_Events_Test_Case {

	/** A code that can be personal (a shopper's name in it): it must never be stored. */
	private const CODE = 'SAMSHOPPER10';

	private Coupon_Events $listener;

	protected function set_up(): void {
		parent::set_up();
		wc_load_cart();
		WC()->cart->empty_cart( false );
		WC()->cart->remove_coupons();
		WC()->cart->add_to_cart( self::product_id( 'UTW-HOODIE' ), 1 );
		$coupon = new WC_Coupon();
		$coupon->set_code( self::CODE );
		$coupon->set_discount_type( 'percent' );
		$coupon->set_amount( 10 );
		$coupon->save();
		$this->listener = new Coupon_Events( $this->tracks );
		\Utw\Plugin::hook( $this->listener );
	}

	protected function tear_down(): void {
		remove_action( 'wc_ajax_apply_coupon', array( $this->listener, 'classic_attempt' ), 1 );
		remove_filter( 'rest_request_before_callbacks', array( $this->listener, 'store_api_attempt' ) );
		remove_action( 'woocommerce_applied_coupon', array( $this->listener, 'applied' ) );
		remove_action( 'woocommerce_removed_coupon', array( $this->listener, 'removed' ) );
		WC()->cart->remove_coupons();
		WC()->cart->empty_cart( false );
		$_POST = array();
		parent::tear_down();
	}

	/**
	 * What the classic cart's and checkout's coupon form sends (`wc-ajax=apply_coupon`): the
	 * attempt, heard before WooCommerce's handler, then the handler's apply.
	 *
	 * @param string $typed What the shopper typed.
	 * @param string $nonce Nonce action the form was signed with.
	 * @return bool Whether WooCommerce applied it.
	 */
	private function apply_the_classic_way( string $typed, string $nonce = 'apply-coupon' ): bool {
		$_POST = array(
			'security'    => wp_create_nonce( $nonce ),
			'coupon_code' => $typed,
		);
		$this->listener->classic_attempt();
		return WC()->cart->apply_coupon( $typed );
	}

	/**
	 * Ends the "request": the listener records what it collected.
	 *
	 * @return list<array{0: string, 1: array<string, mixed>}>
	 */
	private function end_request(): array {
		$this->listener->record();
		wc_clear_notices();
		return $this->sent();
	}

	public function test_a_coupon_applied_on_the_classic_checkout_is_one_event_with_its_type_and_never_its_code(): void {
		$_SERVER['HTTP_REFERER'] = home_url( '/classic-checkout/?coupon=' . self::CODE );
		$_GET['wc-ajax']         = 'apply_coupon';

		$this->assertTrue( $this->apply_the_classic_way( self::CODE ) );
		$this->assertSame( array(), $this->sent(), 'nothing is recorded before the end of the request' );
		$sent = $this->end_request();
		unset( $_SERVER['HTTP_REFERER'], $_GET['wc-ajax'] );

		$this->assertCount( 1, $sent );
		list( $name, $props ) = $sent[0];
		$this->assertSame( 'utw_coupon_applied', $name );
		$this->assertTrue( $props['applied'] );
		$this->assertSame( 'percent', $props['discount_type'] );
		$this->assertSame( 'classic', $props['checkout_type'] );
		$this->assertSame( home_url( '/classic-checkout/' ), $props['page_url'] );
		$this->assertStringContainsString( 'percent', $this->stored_text(), 'the stored event is read' );
		$this->assertStringNotContainsStringIgnoringCase( self::CODE, $this->stored_text() );
	}

	public function test_a_code_typed_in_another_case_is_still_one_applied_coupon(): void {
		$this->assertTrue( $this->apply_the_classic_way( ' samShopper10 ' ) );

		$this->assertSame(
			array( array( 'utw_coupon_applied', true ) ),
			array_map( static fn( $event ) => array( $event[0], $event[1]['applied'] ), $this->end_request() )
		);
	}

	public function test_an_unknown_coupon_is_recorded_as_not_applied_without_a_type_or_its_code(): void {
		$this->assertFalse( $this->apply_the_classic_way( 'NOSUCHCOUPON-SAM' ) );

		$sent = $this->end_request();

		$this->assertCount( 1, $sent );
		$this->assertSame( 'utw_coupon_applied', $sent[0][0] );
		$this->assertFalse( $sent[0][1]['applied'] );
		$this->assertSame( '', $sent[0][1]['discount_type'] );
		$this->assertStringNotContainsStringIgnoringCase( 'NOSUCHCOUPON', $this->stored_text() );
	}

	public function test_a_coupon_the_cart_does_not_meet_is_recorded_as_not_applied_with_its_type(): void {
		$coupon = new WC_Coupon( self::CODE );
		$coupon->set_minimum_amount( 1000 );
		$coupon->save();

		$this->assertFalse( $this->apply_the_classic_way( self::CODE ) );

		$sent = $this->end_request();
		$this->assertSame( array( array( 'utw_coupon_applied', false, 'percent' ) ), array_map( static fn( $event ) => array( $event[0], $event[1]['applied'], $event[1]['discount_type'] ), $sent ) );
	}

	public function test_an_attempt_without_the_forms_nonce_is_not_noted(): void {
		$this->apply_the_classic_way( 'NOSUCHCOUPON', 'another-action' );

		$this->assertSame( array(), $this->end_request() );
	}

	public function test_the_checkout_blocks_attempt_through_the_store_api_is_noted_and_its_outcome_recorded(): void {
		$apply = new WP_REST_Request( 'POST', '/wc/store/v1/cart/apply-coupon' );
		$apply->set_param( 'code', 'NOSUCHCOUPON' );
		$other = new WP_REST_Request( 'POST', '/wc/store/v1/cart/remove-coupon' );
		$other->set_param( 'code', 'ANOTHERCODE' );

		$this->assertSame( 'response', $this->listener->store_api_attempt( 'response', null, $apply ) );
		$this->listener->store_api_attempt( null, null, $other );
		WC()->cart->apply_coupon( 'NOSUCHCOUPON' );

		$sent = $this->end_request();
		$this->assertSame( array( array( 'utw_coupon_applied', false ) ), array_map( static fn( $event ) => array( $event[0], $event[1]['applied'] ), $sent ) );
	}

	public function test_removing_a_coupon_is_one_removal_with_its_type(): void {
		WC()->cart->apply_coupon( self::CODE );
		$this->listener->record();

		WC()->cart->remove_coupon( self::CODE );
		$sent = $this->end_request();

		$this->assertSame( array( 'utw_coupon_applied', 'utw_coupon_removed' ), array_column( $sent, 0 ) );
		$this->assertSame( 'percent', $sent[1][1]['discount_type'] );
		$this->assertArrayNotHasKey( 'applied', $sent[1][1] );
		$this->assertStringNotContainsStringIgnoringCase( self::CODE, $this->stored_text() );
	}

	public function test_with_the_store_opted_out_nothing_is_recorded_nor_kept(): void {
		update_option( 'woocommerce_allow_tracking', 'no' );

		$this->apply_the_classic_way( self::CODE );
		WC()->cart->remove_coupon( self::CODE );
		$this->end_request();

		$this->assertSame( array(), $this->logged(), 'not even a dropped line: a closed gate costs nothing' );
	}
}
