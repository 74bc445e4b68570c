<?php
/**
 * Renders one storefront page in the PHP CLI, as the web server would, and discards the HTML:
 * run under `valgrind --tool=callgrind` by bin/bench.mjs to count the instructions a page view
 * costs, a figure that does not depend on how busy the machine is.
 * Usage: php tests/support/stack/render-page.php <wordpress-dir> <path>
 */

require __DIR__ . '/cli-env.php';

$utw_wp_dir = $argv[1] ?? '';
$utw_path   = $argv[2] ?? '/';
utw_cli_env( $utw_wp_dir );
$_SERVER['REQUEST_URI'] = $utw_path;

define( 'WP_USE_THEMES', true );
ob_start();
require $utw_wp_dir . '/wp-blog-header.php';
$utw_html = ob_get_clean();
if ( getenv( 'UTW_RENDER_SHOW' ) ) {
	echo strlen( $utw_html ), "\n";
}
