<?php
/**
 * What events say about a product.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

use WC_Product;

defined( 'ABSPATH' ) || exit;

/**
 * The catalogued product properties: id, name, category path and price.
 */
final class Product_Properties {

	/**
	 * Properties of a product.
	 *
	 * @param WC_Product $product The product.
	 * @return array{product_id: int, product_name: string, product_category: string, price: float}
	 */
	public static function of( WC_Product $product ): array {
		return array(
			'product_id'       => $product->get_id(),
			'product_name'     => $product->get_name(),
			'product_category' => self::category_path( $product ),
			'price'            => (float) $product->get_price(),
		);
	}

	/**
	 * The path of the product's first category, from the top (`Clothing/Hoodies`).
	 *
	 * @param WC_Product $product The product (a variation reports its parent's category).
	 * @return string Empty when the product has no category.
	 */
	public static function category_path( WC_Product $product ): string {
		$id    = $product->get_parent_id() ? $product->get_parent_id() : $product->get_id();
		$terms = get_the_terms( $id, 'product_cat' );
		if ( ! is_array( $terms ) || ! $terms ) {
			return '';
		}
		$term  = $terms[0];
		$names = array( $term->name );
		foreach ( get_ancestors( $term->term_id, 'product_cat', 'taxonomy' ) as $ancestor_id ) {
			$ancestor = get_term( $ancestor_id, 'product_cat' );
			if ( $ancestor instanceof \WP_Term ) {
				array_unshift( $names, $ancestor->name );
			}
		}
		return implode( '/', $names );
	}
}
