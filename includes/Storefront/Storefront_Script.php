<?php
/**
 * The storefront bundle.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

use Utw\Assets\Bundle;
use Utw\Consent\Consent_Gate;
use Utw\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Enqueues the storefront bundle only while the gate is open, with a config that is the same for
 * every visitor (no ids, nonces or cookies), so cached pages stay correct. Code only some pages
 * need comes in small add-on bundles that record through the storefront bundle's client (so the
 * page still sends one beacon): the Mini-Cart's where a Mini-Cart is rendered, the checkout's on
 * the cart and checkout pages.
 */
final class Storefront_Script {

	public const HANDLE = 'utw-storefront';

	/** Handle of the Mini-Cart add-on bundle. */
	public const MINI_CART_HANDLE = 'utw-storefront-mini-cart';

	/** Handle of the checkout add-on bundle. */
	public const CHECKOUT_HANDLE = 'utw-storefront-checkout';

	/**
	 * Whether the page renders a Mini-Cart. Block themes render the header's Mini-Cart before
	 * `wp_enqueue_scripts`, classic themes their widgets after it: either order enqueues its bundle.
	 *
	 * @var bool
	 */
	private bool $mini_cart_on_page = false;

	/**
	 * Creates the feature.
	 *
	 * @param Consent_Gate $gate The consent gate.
	 */
	public function __construct( private readonly Consent_Gate $gate ) {}

	/**
	 * Hooks the enqueue.
	 */
	public function register(): void {
		add_action( 'wp_enqueue_scripts', array( $this, 'enqueue' ) );
		add_filter( 'render_block_woocommerce/mini-cart', array( $this, 'with_mini_cart_bundle' ) );
		add_action( 'woocommerce_before_mini_cart', array( $this, 'enqueue_mini_cart_bundle' ) );
		// The cart widget prints an empty placeholder that cart fragments fill over AJAX, where
		// `woocommerce_before_mini_cart` fires: its own "hidden?" question is asked as it renders.
		add_filter( 'woocommerce_widget_cart_is_hidden', array( $this, 'with_cart_widget_bundle' ), PHP_INT_MAX );
	}

	/**
	 * The classic cart widget is about to render (unless hidden, as on the cart and checkout
	 * pages): its bundle comes too.
	 *
	 * @param mixed $hidden Whether the widget is hidden (unchanged).
	 * @return mixed
	 */
	public function with_cart_widget_bundle( $hidden ) {
		if ( ! $hidden ) {
			$this->enqueue_mini_cart_bundle();
		}
		return $hidden;
	}

	/**
	 * Enqueues the bundle and its config when the gate is open.
	 */
	public function enqueue(): void {
		$decision = $this->gate->decide( Consent_Gate::STOREFRONT, false );
		if ( ! $decision->open ) {
			return;
		}
		$config = Bundle::config( $decision ) + array( 'events' => Page_Events::for_current_page() );
		Bundle::enqueue( 'storefront', self::HANDLE, $config );
		if ( function_exists( 'is_checkout' ) && ( is_cart() || ( is_checkout() && ! is_wc_endpoint_url( 'order-received' ) && ! is_wc_endpoint_url( 'order-pay' ) ) ) ) {
			self::enqueue_add_on( 'storefront-checkout', self::CHECKOUT_HANDLE );
		}
		if ( $this->mini_cart_on_page ) {
			$this->enqueue_mini_cart_bundle();
		}
	}

	/**
	 * The Mini-Cart block is on the page: its bundle comes too.
	 *
	 * @param string $html The block's HTML (unchanged).
	 * @return string
	 */
	public function with_mini_cart_bundle( $html ) {
		$this->enqueue_mini_cart_bundle();
		return $html;
	}

	/**
	 * A Mini-Cart (block or classic cart widget) is on the page: enqueues its bundle.
	 */
	public function enqueue_mini_cart_bundle(): void {
		$this->mini_cart_on_page = true;
		self::enqueue_add_on( 'storefront-mini-cart', self::MINI_CART_HANDLE );
	}

	/**
	 * Enqueues an add-on bundle after the storefront bundle, when that one is enqueued (the gate
	 * is open). The add-on needs no config of its own: it records through the storefront
	 * bundle's client.
	 *
	 * @param string           $name   Bundle name under assets/build/.
	 * @param non-empty-string $handle Script handle.
	 */
	private static function enqueue_add_on( string $name, string $handle ): void {
		$asset_file = dirname( Plugin::file() ) . '/assets/build/' . $name . '.asset.php';
		if ( wp_script_is( $handle, 'enqueued' ) || ! wp_script_is( self::HANDLE, 'enqueued' ) || ! is_readable( $asset_file ) ) {
			return;
		}
		$asset = require $asset_file;
		wp_enqueue_script(
			$handle,
			plugins_url( 'assets/build/' . $name . '.js', Plugin::file() ),
			array_merge( $asset['dependencies'], array( self::HANDLE ) ),
			$asset['version'],
			array(
				'in_footer' => true,
				'strategy'  => 'defer',
			)
		);
	}
}
