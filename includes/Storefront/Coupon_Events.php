<?php
/**
 * Coupon applied and coupon removed, recorded where the cart changes.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

use Utw\Tracks\Tracks_Client;
use WC_Coupon;
use WP_REST_Request;

defined( 'ABSPATH' ) || exit;

/**
 * Turns coupon entries into events, whichever front end sent them: the classic cart and checkout
 * (`wc-ajax=apply_coupon`, `remove_coupon`) and the Cart and Checkout blocks (Store API). WooCommerce
 * reports only the coupons it accepted (`woocommerce_applied_coupon`), so the request that tried
 * one is noted first, and an attempt no hook accepted is recorded as not applied. The code itself
 * only serves to look up the coupon's discount type: it is never recorded.
 */
final class Coupon_Events {

	/** Store API route that applies a coupon. */
	private const STORE_API_APPLY = '#^/wc/store(?:/v[0-9]+)?/cart/apply-coupon$#';

	/**
	 * Coupon entries of this request: discount type, whether it applied (null for a removal) and
	 * which front end, keyed by a running number.
	 *
	 * @var array<string, array{discount_type: string, applied: bool|null, checkout_type: string}>
	 */
	private array $entries = array();

	/**
	 * Creates the listener.
	 *
	 * @param Tracks_Client $tracks The server-side client.
	 */
	public function __construct( private readonly Tracks_Client $tracks ) {}

	/**
	 * The classic cart or checkout sent a coupon code (before WooCommerce handles it).
	 */
	public function classic_attempt(): void {
		// phpcs:disable WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- the nonce is only compared; the code is normalised by wc_format_coupon_code().
		$nonce = isset( $_POST['security'] ) ? (string) wp_unslash( $_POST['security'] ) : '';
		$code  = isset( $_POST['coupon_code'] ) && is_string( $_POST['coupon_code'] ) ? wc_format_coupon_code( wp_unslash( $_POST['coupon_code'] ) ) : '';
		// phpcs:enable
		if ( '' !== $code && wp_verify_nonce( $nonce, 'apply-coupon' ) ) {
			$this->note( $code, false );
		}
	}

	/**
	 * The Store API is about to apply a coupon (Cart or Checkout block).
	 *
	 * @param mixed           $response Response so far (passed through).
	 * @param mixed           $handler  Route handler.
	 * @param WP_REST_Request $request  The request.
	 * @return mixed The response, unchanged.
	 */
	public function store_api_attempt( $response, $handler, $request ) {
		if ( $request instanceof WP_REST_Request && 'POST' === $request->get_method() && preg_match( self::STORE_API_APPLY, $request->get_route() ) ) {
			$code = $request->get_param( 'code' );
			if ( is_string( $code ) && '' !== $code ) {
				$this->note( wc_format_coupon_code( $code ), false );
			}
		}
		return $response;
	}

	/**
	 * WooCommerce accepted a coupon: the attempt noted for it applied.
	 *
	 * @param string $code Coupon code.
	 */
	public function applied( $code ): void {
		$key = 'try:' . wc_strtolower( (string) $code );
		if ( isset( $this->entries[ $key ] ) ) {
			$this->entries[ $key ]['applied'] = true;
			return;
		}
		$this->note( (string) $code, true );
	}

	/**
	 * A coupon left the cart.
	 *
	 * @param string $code Coupon code.
	 */
	public function removed( $code ): void {
		$this->note( (string) $code, null );
	}

	/**
	 * Records the request's coupon entries, one event each.
	 *
	 * @fires utw_coupon_applied with whether it applied and the coupon's discount type, never its code, e.g. `{ applied: true, discount_type: 'percent', checkout_type: 'block' }`.
	 * @fires utw_coupon_removed with the coupon's discount type, never its code, e.g. `{ discount_type: 'fixed_cart', checkout_type: 'classic' }`.
	 */
	public function record(): void {
		$entries       = $this->entries;
		$this->entries = array();
		$common        = array_filter( array( 'page_url' => Server_Events::page_url() ) );
		foreach ( $entries as $entry ) {
			$props = array(
				'discount_type' => $entry['discount_type'],
				'checkout_type' => $entry['checkout_type'],
			) + $common;
			if ( null === $entry['applied'] ) {
				$this->tracks->record_event( 'utw_coupon_removed', $props );
			} else {
				$this->tracks->record_event( 'utw_coupon_applied', array( 'applied' => $entry['applied'] ) + $props );
			}
		}
	}

	/**
	 * Keeps a coupon entry for the end of the request, when the gate is open.
	 *
	 * @param string    $code    Coupon code (only used to find the coupon).
	 * @param bool|null $applied Whether it applied; null for a removal.
	 */
	private function note( string $code, ?bool $applied ): void {
		if ( ! $this->tracks->is_open_for( 'utw_coupon_applied' ) ) {
			return;
		}
		if ( ! $this->entries ) {
			$this->tracks->at_request_end( array( $this, 'record' ) );
		}
		$coupon = new WC_Coupon( $code );
		$key    = null === $applied ? 'removed:' . count( $this->entries ) : 'try:' . wc_strtolower( $code );

		$this->entries[ $key ] = array(
			'discount_type' => $coupon->get_id() ? (string) $coupon->get_discount_type() : '',
			'applied'       => $applied,
			'checkout_type' => Server_Events::checkout_type(),
		);
	}
}
