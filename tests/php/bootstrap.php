<?php
/**
 * Loads the real WordPress, WooCommerce and plugin of the local test stack.
 *
 * The runner (tests/support/run-all.mjs) starts the stack, restores its `woocommerce` snapshot and
 * exports `stack.sh env`; run by hand: eval "$(UTW_STACK=test bash tests/support/stack/stack.sh env)".
 *
 * @package UsageTrackingForWooCommerce
 */

$utw_wp_dir = getenv( 'UTW_WP_DIR' );
if ( ! $utw_wp_dir || ! is_file( $utw_wp_dir . '/wp-load.php' ) ) {
	fwrite( STDERR, "UTW_WP_DIR does not point at the test stack's WordPress: run through npm run test:php.\n" );
	exit( 1 );
}

$utw_base                   = (string) parse_url( (string) getenv( 'UTW_BASE_URL' ), PHP_URL_HOST ) . ':' . (string) parse_url( (string) getenv( 'UTW_BASE_URL' ), PHP_URL_PORT );
$_SERVER['HTTP_HOST']       = $utw_base;
$_SERVER['SERVER_NAME']     = '127.0.0.1';
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['REMOTE_ADDR']     = '127.0.0.1';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

// The test process loads WordPress as a page view of '/', but calls REST routes, the delivery and
// the connection's listeners directly: every feature is wired (a hook set before WordPress loads,
// as wp-phpunit's tests_add_filter does).
$GLOBALS['wp_filter']['utw_is_storefront_page_view'][10][] = array( // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- before WordPress loads, its documented way to add a hook.
	'function'      => '__return_false',
	'accepted_args' => 1,
);

require dirname( __DIR__, 2 ) . '/vendor/yoast/phpunit-polyfills/phpunitpolyfills-autoload.php';
require $utw_wp_dir . '/wp-load.php';

if ( ! function_exists( 'utw_record_event' ) || null === Utw\Plugin::instance() ) {
	fwrite( STDERR, "The plugin is not running on the test stack.\n" );
	exit( 1 );
}

require __DIR__ . '/support/Stack_Http.php';
require __DIR__ . '/support/Stack_Test_Case_Collector.php';
require __DIR__ . '/support/Stack_Http_Test_Case.php';
require __DIR__ . '/support/Stack_Test_Case.php';
