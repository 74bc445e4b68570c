<?php
/**
 * Which blocks the cart and checkout pages use.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Storefront;

use Utw\Storefront\Page_Blocks;
use Utw\Tests\Stack_Test_Case;

final class Page_Blocks_Test extends Stack_Test_Case {

	public function test_a_block_page_names_the_blocks_beside_the_cart_block_but_not_its_parts(): void {
		$content = '<!-- wp:heading --><h2>Your basket</h2><!-- /wp:heading -->'
			. '<!-- wp:woocommerce/cart --><div><!-- wp:woocommerce/filled-cart-block --><div></div><!-- /wp:woocommerce/filled-cart-block --></div><!-- /wp:woocommerce/cart -->'
			. '<!-- wp:group --><div><!-- wp:paragraph --><p>Free returns</p><!-- /wp:paragraph --><!-- wp:heading --><h2>x</h2><!-- /wp:heading --></div><!-- /wp:group -->';

		$this->assertSame(
			array(
				'cart_page_contains_cart_block'     => true,
				'cart_page_contains_cart_shortcode' => false,
				'additional_blocks_on_cart_page'    => 'core/heading,core/group,core/paragraph',
			),
			Page_Blocks::of_content( Page_Blocks::CART, $content )
		);
	}

	public function test_a_shortcode_page_says_so(): void {
		$this->assertSame(
			array(
				'checkout_page_contains_checkout_block' => false,
				'checkout_page_contains_checkout_shortcode' => true,
				'additional_blocks_on_checkout_page'    => '',
			),
			Page_Blocks::of_content( Page_Blocks::CHECKOUT, '[woocommerce_checkout]' )
		);
	}

	public function test_the_configured_page_is_read_again_once_it_is_saved(): void {
		$page_id = wc_get_page_id( 'checkout' );
		$this->assertTrue( Page_Blocks::of_configured_page( Page_Blocks::CHECKOUT )['checkout_page_contains_checkout_block'] );

		wp_update_post(
			array(
				'ID'           => $page_id,
				'post_content' => '<!-- wp:shortcode -->[woocommerce_checkout]<!-- /wp:shortcode -->',
			)
		);

		$props = Page_Blocks::of_configured_page( Page_Blocks::CHECKOUT );
		$this->assertFalse( $props['checkout_page_contains_checkout_block'] );
		$this->assertTrue( $props['checkout_page_contains_checkout_shortcode'] );
	}

	public function test_another_configured_page_is_read_at_once(): void {
		$this->assertTrue( Page_Blocks::of_configured_page( Page_Blocks::CART )['cart_page_contains_cart_block'] );

		update_option( 'woocommerce_cart_page_id', get_page_by_path( 'classic-cart' )->ID );

		$this->assertTrue( Page_Blocks::of_configured_page( Page_Blocks::CART )['cart_page_contains_cart_shortcode'] );
	}
}
