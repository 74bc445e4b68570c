<?php
/**
 * Product search, from the results page.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

use Utw\Tracks\Tracks_Client;
use WC_Product;

defined( 'ABSPATH' ) || exit;

/**
 * A search is a page event (Page_Events builds it into the results page, the same for every
 * visitor of that URL, from the query WordPress already ran): the count of results and whether
 * it searched products — never the search text. WooCommerce skips the results page when a
 * product search finds exactly one product and redirects to it; that search is recorded here, on
 * the server, in the request that redirects.
 */
final class Search_Events {

	/**
	 * Creates the listener.
	 *
	 * @param Tracks_Client $tracks The server-side client.
	 */
	public function __construct( private readonly Tracks_Client $tracks ) {}

	/**
	 * The properties of the current search.
	 *
	 * @return array{results_count: int, product_search: bool}
	 */
	public static function properties(): array {
		global $wp_query;
		return array(
			'results_count'  => $wp_query instanceof \WP_Query ? (int) $wp_query->found_posts : 0,
			'product_search' => is_post_type_archive( 'product' ),
		);
	}

	/**
	 * Records a product search WooCommerce is about to answer with a redirect to its only result
	 * (the same conditions as wc_template_redirect()), as no results page will send it.
	 *
	 * @fires utw_product_search when a product search found one product and WooCommerce redirects to it: `{ results_count: 1, product_search: true }`.
	 */
	public function before_single_result_redirect(): void {
		global $wp_query;
		if ( ! is_search() || ! is_post_type_archive( 'product' ) || ! $wp_query instanceof \WP_Query || 1 !== (int) $wp_query->found_posts ) {
			return;
		}
		// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- WooCommerce's own filter, read to know whether it redirects.
		if ( ! apply_filters( 'woocommerce_redirect_single_search_result', true ) ) {
			return;
		}
		$product = wc_get_product( $wp_query->post );
		if ( $product instanceof WC_Product && $product->is_visible() ) {
			$this->tracks->record_event( 'utw_product_search', self::properties() + array_filter( array( 'page_url' => Server_Events::page_url() ) ) );
		}
	}
}
