<?php
/**
 * Added to cart and removed from cart, recorded where the cart changes.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

use Utw\Tracks\Tracks_Client;
use WC_Cart;
use WC_Product;

defined( 'ABSPATH' ) || exit;

/**
 * Turns WooCommerce's cart hooks into one event per shopper action. WooCommerce reports the same
 * action through different hooks depending on who changed the cart: the classic add-to-cart of
 * a product already in the cart raises its quantity (`woocommerce_after_cart_item_quantity_update`)
 * and then fires `woocommerce_add_to_cart`; the Store API fires only the quantity update. So the
 * changes of a request are collected per cart item and recorded once at its end.
 */
final class Cart_Events {

	/**
	 * Changes seen in this request, in order: cart item key, product, quantity change (negative
	 * for a removal) and whether `woocommerce_add_to_cart` reported it.
	 *
	 * @var list<array{key: string, product: WC_Product, change: int, added: bool}>
	 */
	private array $changes = array();

	/**
	 * Quantities the events of this request leave reported, by cart item key.
	 *
	 * @var array<string, int>
	 */
	private array $reported = array();

	/** WooCommerce session key of the cart's ledger epoch: a new cart starts a new ledger. */
	private const EPOCH = 'utw_cart_epoch';

	/**
	 * Creates the listener.
	 *
	 * @param Tracks_Client $tracks The server-side client.
	 */
	public function __construct( private readonly Tracks_Client $tracks ) {}

	/**
	 * A product was added to the cart (classic form, classic AJAX button, Store API new item).
	 *
	 * @param string $key      Cart item key.
	 * @param int    $product  Product ID.
	 * @param int    $quantity How many were added.
	 */
	public function added( string $key, int $product, int $quantity ): void {
		$item    = WC()->cart ? WC()->cart->get_cart_item( $key ) : array();
		$product = ( $item['data'] ?? null ) instanceof WC_Product ? $item['data'] : wc_get_product( $product );
		if ( ! $product instanceof WC_Product ) {
			return;
		}
		$last = end( $this->changes );
		if ( $last && $last['key'] === $key && ! $last['added'] && $last['change'] === $quantity ) {
			// The classic cart raised the quantity of an item already there: the same action, already
			// compared with what was reported.
			array_pop( $this->changes );
			$this->note( $key, $product, $quantity, true );
			return;
		}
		$this->note( $key, $product, $quantity, true, (int) ( $item['quantity'] ?? $quantity ) );
	}

	/**
	 * The quantity of an item changed (cart quantity fields, Store API, an add of an item already
	 * in the cart).
	 *
	 * @param string  $key          Cart item key.
	 * @param int     $quantity     New quantity.
	 * @param int     $old_quantity Previous quantity.
	 * @param WC_Cart $cart         The cart.
	 */
	public function quantity_changed( string $key, $quantity, $old_quantity, $cart ): void {
		$item = $cart instanceof WC_Cart ? $cart->get_cart_item( $key ) : array();
		if ( ( $item['data'] ?? null ) instanceof WC_Product && (int) $quantity !== (int) $old_quantity ) {
			$this->note( $key, $item['data'], (int) $quantity - (int) $old_quantity, false, (int) $quantity );
		}
	}

	/**
	 * An item is about to leave the cart (remove link, Cart or Mini-Cart block, quantity 0).
	 *
	 * @param string  $key  Cart item key.
	 * @param WC_Cart $cart The cart, still holding the item.
	 */
	public function removing( string $key, $cart ): void {
		$item = $cart instanceof WC_Cart ? $cart->get_cart_item( $key ) : array();
		if ( ( $item['data'] ?? null ) instanceof WC_Product ) {
			$this->note( $key, $item['data'], - (int) $item['quantity'], false, 0 );
		}
	}

	/**
	 * The cart was emptied (an order was placed): the next cart starts a ledger of its own, so
	 * nothing reported of this one counts there.
	 */
	public function emptied(): void {
		if ( WC()->session ) {
			WC()->session->set( self::EPOCH, null );
		}
		$this->reported = array();
	}

	/**
	 * Records the request's changes: one event each.
	 *
	 * @fires utw_add_to_cart with the product, the `quantity` added and the cart page's blocks, e.g. `{ product_name: 'Blue Hoodie', quantity: 1, cart_page_contains_cart_block: true }`.
	 * @fires utw_remove_from_cart with the product, the `quantity` removed and the cart page's blocks.
	 */
	public function record(): void {
		$changes       = $this->changes;
		$this->changes = array();
		if ( ! $changes ) {
			return;
		}
		$page   = Page_Blocks::of_configured_page( Page_Blocks::CART );
		$common = array_filter( array( 'page_url' => Server_Events::page_url() ) );
		foreach ( $changes as $change ) {
			$props  = Product_Properties::of( $change['product'] ) + array( 'quantity' => abs( $change['change'] ) ) + $page + $common;
			$ledger = $this->ledger_key( $change['key'] );
			$this->tracks->record_event(
				$change['change'] > 0 ? 'utw_add_to_cart' : 'utw_remove_from_cart',
				$props,
				null === $ledger ? null : array( $ledger, $this->reported[ $change['key'] ] ?? 0 )
			);
		}
	}

	/**
	 * Keeps a change for the end of the request, when the gate is open (a closed gate costs
	 * nothing, not even a line in the recent events).
	 *
	 * @param string     $key     Cart item key.
	 * @param WC_Product $product The product.
	 * @param int        $change  Quantity change.
	 * @param bool       $added   Whether `woocommerce_add_to_cart` reported it.
	 * @param int|null   $after   The item's quantity after the change (null: already compared).
	 */
	private function note( string $key, WC_Product $product, int $change, bool $added, ?int $after = null ): void {
		if ( 0 === $change || ! $this->tracks->is_open_for( 'utw_add_to_cart' ) ) {
			return;
		}
		if ( ! $this->changes ) {
			$this->tracks->at_request_end( array( $this, 'record' ) );
		}
		if ( null !== $after ) {
			$this->compare_with_reported( $key, $product, $change, $after );
		}
		$this->changes[] = array(
			'key'     => $key,
			'product' => $product,
			'change'  => $change,
			'added'   => $added,
		);
	}

	/**
	 * Notes, before the change itself, what of this item WooCommerce lost since it was reported.
	 *
	 * WooCommerce saves the whole session, cart included, at the end of every request that loaded
	 * it: a request that read the cart before a concurrent add was saved (the block store's product
	 * button sends its add-item and a cart read at once) writes the old cart back, and the add that
	 * was answered and reported is gone. So the quantity the events left reported is kept apart
	 * from the session — with the events themselves, in the outbox (the ledger entry each cart event
	 * carries), which costs no write of its own — and when the cart holds less of an item than they
	 * say, the difference is reported as removed: the events agree with the cart that is left
	 * (docs/storefront-events.md).
	 *
	 * @param string     $key     Cart item key.
	 * @param WC_Product $product The product.
	 * @param int        $change  Quantity change.
	 * @param int        $after   The item's quantity after the change.
	 */
	private function compare_with_reported( string $key, WC_Product $product, int $change, int $after ): void {
		$ledger = $this->ledger_key( $key );
		if ( null === $ledger ) {
			return;
		}
		$reported = $this->reported[ $key ] ?? (int) $this->tracks->reported( $ledger );
		$before   = $after - $change;
		if ( $reported > $before ) {
			$this->changes[] = array(
				'key'     => $key,
				'product' => $product,
				'change'  => $before - $reported,
				'added'   => false,
			);
		}
		$this->reported[ $key ] = $after;
	}

	/**
	 * The ledger key of a cart item: a hash of the shopper's session, the cart's epoch and the
	 * item, so nothing in it names the shopper. Null without a session.
	 *
	 * @param string $key Cart item key.
	 * @return string|null
	 */
	private function ledger_key( string $key ): ?string {
		$session = WC()->session;
		if ( ! $session ) {
			return null;
		}
		$customer = (string) $session->get_customer_id();
		if ( '' === $customer ) {
			return null;
		}
		$epoch = $session->get( self::EPOCH );
		if ( ! is_string( $epoch ) || '' === $epoch ) {
			// Saved with the cart the change is made to: WooCommerce writes the session anyway.
			$epoch = wp_generate_password( 12, false );
			$session->set( self::EPOCH, $epoch );
		}
		return wp_hash( $customer . '|' . $epoch . '|' . $key, 'nonce' );
	}
}
