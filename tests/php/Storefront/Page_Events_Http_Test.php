<?php
/**
 * Page events in the pages the stack's server renders.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Storefront;

use Utw\Tests\Stack_Http_Test_Case;

final class Page_Events_Http_Test extends Stack_Http_Test_Case {

	/**
	 * The events in a page's `window.utwConfig`.
	 *
	 * @param string $path Page path.
	 * @param string $method HTTP method.
	 * @return list<array{0: string, 1: array<string, mixed>}>
	 */
	private static function page_events( string $path, string $method = 'GET' ): array {
		$response = self::request( $method, $path );
		if ( ! preg_match( '/window\.utwConfig = (\{.*?\});\n/', $response['body'], $config ) ) {
			return array();
		}
		return json_decode( $config[1], true )['events'];
	}

	public function test_the_block_cart_page_fires_a_cart_view_that_names_its_blocks(): void {
		$this->assertSame(
			array(
				array(
					'utw_cart_view',
					array(
						'cart_page_contains_cart_block'  => true,
						'cart_page_contains_cart_shortcode' => false,
						'additional_blocks_on_cart_page' => '',
					),
				),
			),
			self::page_events( '/cart/' )
		);
	}

	public function test_the_page_shown_after_the_product_form_is_posted_is_not_another_view(): void {
		$product_id = wc_get_product_id_by_sku( 'UTW-HOODIE' );

		$viewed = self::page_events( '/product/blue-hoodie/' );
		$posted = self::request( 'POST', '/product/blue-hoodie/', 'add-to-cart=' . $product_id . '&quantity=1', array( 'Content-Type' => 'application/x-www-form-urlencoded' ) );

		$this->assertSame( 'utw_product_view', $viewed[0][0] );
		$this->assertSame( $product_id, $viewed[0][1]['product_id'] );
		$this->assertStringContainsString( 'has been added to your cart', $posted['body'] );
		$this->assertMatchesRegularExpression( '/"events":\[\]/', $posted['body'] );
	}

	public function test_the_shop_page_has_no_page_event_but_still_runs_the_bundle(): void {
		$response = self::request( 'GET', '/shop/' );

		$this->assertStringContainsString( 'window.utwConfig', $response['body'] );
		$this->assertSame( array(), self::page_events( '/shop/' ) );
	}
}
