<?php
/**
 * Shipping method chosen, recorded where WooCommerce stores the choice.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

use Utw\Tracks\Tracks_Client;
use WC_Shipping_Rate;

defined( 'ABSPATH' ) || exit;

/**
 * A shopper's shipping choice reaches WooCommerce three ways: the classic checkout's order review
 * refresh (`wc-ajax=update_order_review`, which also runs after every address change), the classic
 * cart's `wc-ajax=update_shipping_method`, and the Store API's `cart/select-shipping-rate` (Cart and
 * Checkout blocks, called only when the shopper picks a rate). The classic requests are compared
 * with the choice WooCommerce holds, so only a change counts; the options offered are counted at
 * the end of the request, once WooCommerce has calculated them. The address is never read.
 */
final class Shipping_Events {

	/**
	 * Choices made in this request: package index → rate id, page and front end.
	 *
	 * @var array<int|string, array{rate: string, chosen_on: string, checkout_type: string}>
	 */
	private array $choices = array();

	/**
	 * Creates the listener.
	 *
	 * @param Tracks_Client $tracks The server-side client.
	 */
	public function __construct( private readonly Tracks_Client $tracks ) {}

	/**
	 * The classic checkout refreshes its order review (WooCommerce checked the nonce already and
	 * has not stored the posted choice yet).
	 */
	public function classic_checkout_review(): void {
		$this->compare_posted( 'checkout' );
	}

	/**
	 * The classic cart sends a shipping choice (before WooCommerce handles it).
	 */
	public function classic_cart_choice(): void {
		// phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- the nonce is only compared.
		$nonce = isset( $_POST['security'] ) ? (string) wp_unslash( $_POST['security'] ) : '';
		if ( wp_verify_nonce( $nonce, 'update-shipping-method' ) ) {
			$this->compare_posted( 'cart' );
		}
	}

	/**
	 * The Store API stored the rate the shopper picked in the Cart or Checkout block.
	 *
	 * @param string|null $package_id Package, or null for every package.
	 * @param string      $rate_id    Chosen rate id (`flat_rate:1`).
	 */
	public function block_choice( $package_id, $rate_id ): void {
		$page = Server_Events::page_url();
		$cart = wc_get_cart_url();
		$this->note( $package_id ?? 0, (string) $rate_id, null !== $page && untrailingslashit( $page ) === untrailingslashit( $cart ) ? 'cart' : 'checkout', 'block' );
	}

	/**
	 * Records the request's choices, one event each, with the options WooCommerce offered.
	 *
	 * @fires utw_checkout_shipping_selected with the method and how many options were offered, never the address, e.g. `{ shipping_method: 'local_pickup', shipping_options_count: 2, chosen_on: 'checkout', checkout_type: 'block' }`.
	 */
	public function record(): void {
		$choices       = $this->choices;
		$this->choices = array();
		$packages      = WC()->shipping() ? WC()->shipping()->get_packages() : array();
		$common        = array_filter( array( 'page_url' => Server_Events::page_url() ) );
		foreach ( $choices as $package => $choice ) {
			$rates = $packages[ $package ]['rates'] ?? array();
			$rate  = $rates[ $choice['rate'] ] ?? null;
			$this->tracks->record_event(
				'utw_checkout_shipping_selected',
				array(
					'shipping_method'        => $rate instanceof WC_Shipping_Rate ? $rate->get_method_id() : (string) strtok( $choice['rate'], ':' ),
					'shipping_options_count' => count( $rates ),
					'chosen_on'              => $choice['chosen_on'],
					'checkout_type'          => $choice['checkout_type'],
				) + $common
			);
		}
	}

	/**
	 * Notes the posted choices that differ from the ones WooCommerce holds.
	 *
	 * @param string $chosen_on `cart` or `checkout`.
	 */
	private function compare_posted( string $chosen_on ): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Missing, WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- the nonce was verified by WooCommerce's handler or by the caller; wc_clean() sanitizes.
		$posted = isset( $_POST['shipping_method'] ) && is_array( $_POST['shipping_method'] ) ? wc_clean( wp_unslash( $_POST['shipping_method'] ) ) : array();
		$held   = WC()->session ? (array) WC()->session->get( 'chosen_shipping_methods', array() ) : array();
		foreach ( (array) $posted as $package => $rate ) {
			if ( is_string( $rate ) && '' !== $rate && ( $held[ $package ] ?? null ) !== $rate ) {
				$this->note( $package, $rate, $chosen_on, 'classic' );
			}
		}
	}

	/**
	 * Keeps a choice for the end of the request, when the gate is open.
	 *
	 * @param int|string $package   Package index.
	 * @param string     $rate      Rate id.
	 * @param string     $chosen_on `cart` or `checkout`.
	 * @param string     $type      `block` or `classic`.
	 */
	private function note( $package, string $rate, string $chosen_on, string $type ): void {
		if ( ! $this->tracks->is_open_for( 'utw_checkout_shipping_selected' ) ) {
			return;
		}
		if ( ! $this->choices ) {
			$this->tracks->at_request_end( array( $this, 'record' ) );
		}
		$this->choices[ $package ] = array(
			'rate'          => $rate,
			'chosen_on'     => $chosen_on,
			'checkout_type' => $type,
		);
	}
}
