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
 * every visitor, so the page can be cached and the browser sends them.
 */
final class Page_Events {

	/**
	 * The current page's events, as `[ name, props ]` pairs.
	 *
	 * @fires utw_product_view on a single product page, with its `product_id`, `product_name`, `product_category` and `price`.
	 *
	 * @return list<array{0: string, 1: array<string, scalar>}>
	 */
	public static function for_current_page(): array {
		if ( function_exists( 'is_product' ) && is_product() ) {
			$product = wc_get_product( get_queried_object_id() );
			if ( $product ) {
				return array( array( 'utw_product_view', Product_Properties::of( $product ) ) );
			}
		}
		return array();
	}
}
