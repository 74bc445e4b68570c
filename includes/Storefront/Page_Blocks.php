<?php
/**
 * Which blocks the cart and checkout pages use.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

defined( 'ABSPATH' ) || exit;

/**
 * Seed 000's "blocks used on cart & checkout pages": whether a page holds WooCommerce's block or
 * its shortcode, and which other blocks sit beside it. Page events read the page being rendered
 * (no query); server events read the configured page once and keep the answer in a transient
 * until that page is saved again.
 */
final class Page_Blocks {

	public const CART     = 'cart';
	public const CHECKOUT = 'checkout';

	private const TRANSIENT = 'utw_page_blocks_';

	/**
	 * Catalogued properties for a page's content.
	 *
	 * @param string $which   `cart` or `checkout`.
	 * @param string $content The page's post content.
	 * @return array<string, bool|string> `{which}_page_contains_{which}_block`, `…_shortcode`, `additional_blocks_on_{which}_page`.
	 */
	public static function of_content( string $which, string $content ): array {
		$own    = 'woocommerce/' . $which;
		$others = array();
		$has    = false;
		foreach ( self::names( parse_blocks( $content ) ) as $name ) {
			if ( $own === $name ) {
				$has = true;
			} elseif ( ! in_array( $name, $others, true ) ) {
				$others[] = $name;
			}
		}
		return array(
			"{$which}_page_contains_{$which}_block"     => $has,
			// Not has_shortcode(): it needs the shortcode registered, which not every request does.
			"{$which}_page_contains_{$which}_shortcode" => (bool) preg_match( '/' . get_shortcode_regex( array( 'woocommerce_' . $which ) ) . '/', $content ),
			"additional_blocks_on_{$which}_page"        => implode( ',', $others ),
		);
	}

	/**
	 * Properties of the store's configured cart or checkout page, cached until the page changes.
	 *
	 * @param string $which `cart` or `checkout`.
	 * @return array<string, bool|string> As of_content(); all false and empty when the page is missing.
	 */
	public static function of_configured_page( string $which ): array {
		$page_id = (int) wc_get_page_id( $which );
		$key     = self::TRANSIENT . $which;
		$cached  = get_transient( $key );
		if ( is_array( $cached ) && ( $cached['page_id'] ?? null ) === $page_id && is_array( $cached['props'] ?? null ) ) {
			return $cached['props'];
		}
		$page  = $page_id > 0 ? get_post( $page_id ) : null;
		$props = self::of_content( $which, $page instanceof \WP_Post ? $page->post_content : '' );
		set_transient(
			$key,
			array(
				'page_id' => $page_id,
				'props'   => $props,
			),
			86400
		);
		return $props;
	}

	/**
	 * Forgets the cached answer when a page is saved (it may be the cart or checkout page).
	 *
	 * @param int $post_id Saved post.
	 */
	public static function forget( int $post_id ): void {
		foreach ( array( self::CART, self::CHECKOUT ) as $which ) {
			if ( (int) wc_get_page_id( $which ) === $post_id ) {
				delete_transient( self::TRANSIENT . $which );
			}
		}
	}

	/**
	 * Names of the blocks in a tree, in document order, without the inner blocks of the cart and
	 * checkout blocks (they are parts of those blocks, not blocks the merchant placed).
	 *
	 * @param array<array-key, array<string, mixed>> $blocks Parsed blocks.
	 * @return list<string>
	 */
	private static function names( array $blocks ): array {
		$names = array();
		foreach ( $blocks as $block ) {
			$name = is_string( $block['blockName'] ?? null ) ? $block['blockName'] : '';
			if ( '' !== $name ) {
				$names[] = $name;
			}
			$inner = $block['innerBlocks'] ?? array();
			if ( is_array( $inner ) && ! in_array( $name, array( 'woocommerce/cart', 'woocommerce/checkout' ), true ) ) {
				array_push( $names, ...self::names( $inner ) );
			}
		}
		return $names;
	}
}
