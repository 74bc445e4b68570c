<?php
/**
 * What the storefront events the server records share.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

defined( 'ABSPATH' ) || exit;

/**
 * What the server-side storefront builders share. Cart and checkout changes happen in uncached
 * requests (form posts, AJAX, the Store API), where WooCommerce's own hooks see every front end
 * alike — classic templates, Cart, Checkout and Mini-Cart blocks — so Cart_Events and
 * Order_Events listen there rather than in the browser.
 */
final class Server_Events {

	/**
	 * The storefront page a server-side event happened on, without query string or fragment:
	 * the page that sent the request for AJAX and Store API calls, the requested page otherwise.
	 * Only pages of this site; nothing when the request does not say.
	 *
	 * @return string|null
	 */
	public static function page_url(): ?string {
		$background = wp_doing_ajax() || ( defined( 'REST_REQUEST' ) && REST_REQUEST ) || isset( $_GET['wc-ajax'] ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only read to know the kind of request.
		if ( $background ) {
			$url = isset( $_SERVER['HTTP_REFERER'] ) ? esc_url_raw( wp_unslash( $_SERVER['HTTP_REFERER'] ) ) : '';
		} else {
			$path = isset( $_SERVER['REQUEST_URI'] ) ? esc_url_raw( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '';
			$url  = '' === $path ? '' : home_url( (string) wp_parse_url( $path, PHP_URL_PATH ) );
		}
		$url  = (string) preg_replace( '/[?#].*$/s', '', $url );
		$home = (string) wp_parse_url( home_url(), PHP_URL_HOST );
		return '' !== $url && wp_parse_url( $url, PHP_URL_HOST ) === $home ? $url : null;
	}

	/**
	 * Which front end sent the request: the blocks talk to the Store API (REST), the classic cart
	 * and checkout to WooCommerce's AJAX and form handlers.
	 *
	 * @return string `block` or `classic`.
	 */
	public static function checkout_type(): string {
		return defined( 'REST_REQUEST' ) && REST_REQUEST ? 'block' : 'classic';
	}
}
