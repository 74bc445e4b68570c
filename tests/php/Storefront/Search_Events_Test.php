<?php
/**
 * Product search: the results page sends it, except when WooCommerce redirects a product search
 * with one result to the product — that one the server records. Never the search text.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Storefront;

use Utw\Storefront\Page_Events;
use Utw\Storefront\Search_Events;
use WP_Query;

require_once __DIR__ . '/Server_Events_Test_Case.php';

final class Search_Events_Test extends Server_Events_Test_Case {

	private Search_Events $listener;

	/**
	 * The query WordPress ran before the test.
	 *
	 * @var WP_Query|null
	 */
	private ?WP_Query $main_query = null;

	protected function set_up(): void {
		parent::set_up();
		global $wp_query;
		$this->main_query = $wp_query;
		$this->listener   = new Search_Events( $this->tracks );
	}

	protected function tear_down(): void {
		global $wp_query;
		$wp_query = $this->main_query; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- restores the query the test replaced.
		parent::tear_down();
	}

	/**
	 * Runs a search as the main query of a front-end request (`/?s=…&post_type=product`).
	 *
	 * @param string      $text      What the shopper typed.
	 * @param string|null $post_type `product` for the shop's search form, null for the site's.
	 */
	private static function search( string $text, ?string $post_type = 'product' ): void {
		global $wp_query;
		// phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the test's request.
		$wp_query = new WP_Query(
			array_filter(
				array(
					's'         => $text,
					'post_type' => $post_type,
				)
			)
		);
	}

	public function test_a_product_search_with_one_result_is_recorded_before_the_redirect_without_its_text(): void {
		self::search( 'hoodie' );

		$this->listener->before_single_result_redirect();

		$this->assertSame(
			array(
				array(
					'utw_product_search',
					array(
						'results_count'  => 1,
						'product_search' => true,
					),
				),
			),
			array_map( static fn( $e ) => array( $e[0], array_intersect_key( $e[1], array_flip( array( 'results_count', 'product_search' ) ) ) ), $this->sent() )
		);
		$this->assertStringContainsString( 'results_count', $this->stored_text(), 'the stored event is read' );
		$this->assertStringNotContainsStringIgnoringCase( 'hoodie', $this->stored_text() );
	}

	public function test_a_search_with_several_results_is_left_to_the_results_page(): void {
		self::search( 'tracking tests' );

		$this->listener->before_single_result_redirect();

		$this->assertSame( array(), $this->sent() );
		$this->assertSame(
			array(
				array(
					'utw_product_search',
					array(
						'results_count'  => 3,
						'product_search' => true,
					),
				),
			),
			Page_Events::for_current_page()
		);
	}

	public function test_a_site_search_with_one_result_is_not_redirected_so_not_recorded_here(): void {
		self::search( 'Blue Hoodie', null );
		$this->assertSame( 1, $GLOBALS['wp_query']->found_posts, 'one post of the site matches' );

		$this->listener->before_single_result_redirect();

		$this->assertSame( array(), $this->sent() );
		$this->assertFalse( Page_Events::for_current_page()[0][1]['product_search'] );
	}

	public function test_when_the_store_keeps_single_results_on_the_results_page_the_server_records_nothing(): void {
		$this->add_test_filter( 'woocommerce_redirect_single_search_result', '__return_false' );
		self::search( 'hoodie' );

		$this->listener->before_single_result_redirect();

		$this->assertSame( array(), $this->sent() );
	}

	public function test_with_the_store_opted_out_a_redirected_search_is_not_recorded(): void {
		update_option( 'woocommerce_allow_tracking', 'no' );
		self::search( 'hoodie' );

		$this->listener->before_single_result_redirect();

		$this->assertSame( array(), array_column( $this->logged(), 'event' ) );
	}
}
