<?php
/**
 * Events that belong to a page rather than to a shopper's action.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the events a page fires when it is shown, from what the page shows — the same for
 * every visitor, so the page can be cached and the browser sends them. Everything is read from
 * the queried object WordPress already loaded: no database query.
 */
final class Page_Events {

	/**
	 * The current page's events, as `[ name, props ]` pairs.
	 *
	 * @fires utw_product_view on a single product page, with its `product_id`, `product_name`, `product_category` and `price`.
	 * @fires utw_cart_view on the cart page, with the blocks it holds, e.g. `{ cart_page_contains_cart_block: true, additional_blocks_on_cart_page: '' }`.
	 * @fires utw_checkout_view on the checkout page (not order received or pay for order), with the blocks it holds.
	 * @fires utw_product_search on a search results page, with the number of results and whether it searched products, never the search text, e.g. `{ results_count: 3, product_search: true }`.
	 *
	 * @return list<array{0: string, 1: array<string, scalar>}>
	 */
	public static function for_current_page(): array {
		// The page WooCommerce shows in reply to a form post (the product page's add to cart) is
		// the result of an action, recorded on the server as such — not another view.
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) : 'get';
		if ( ! function_exists( 'is_product' ) || ! in_array( $method, array( 'get', 'head' ), true ) ) {
			return array();
		}
		if ( is_product() ) {
			$product = wc_get_product( get_queried_object_id() );
			return $product ? array( array( 'utw_product_view', Product_Properties::of( $product ) ) ) : array();
		}
		if ( is_search() ) {
			return array( array( 'utw_product_search', Search_Events::properties() ) );
		}
		$page = get_queried_object();
		if ( ! $page instanceof \WP_Post ) {
			return array();
		}
		if ( is_cart() ) {
			return array( array( 'utw_cart_view', Page_Blocks::of_content( Page_Blocks::CART, $page->post_content ) ) );
		}
		if ( is_checkout() && ! is_wc_endpoint_url( 'order-received' ) && ! is_wc_endpoint_url( 'order-pay' ) ) {
			return array( array( 'utw_checkout_view', Page_Blocks::of_content( Page_Blocks::CHECKOUT, $page->post_content ) ) );
		}
		return array();
	}
}
