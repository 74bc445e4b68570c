<?php
/**
 * Installs WordPress for the local stack: php install.php <wordpress-dir>
 *
 * Idempotent: an installed site is left as it is.
 */

if ( PHP_SAPI !== 'cli' || empty( $argv[1] ) ) {
	fwrite( STDERR, "usage: php install.php <wordpress-dir>\n" );
	exit( 2 );
}

$utw_wp_dir = rtrim( $argv[1], '/' );
require __DIR__ . '/cli-env.php';
utw_cli_env( $utw_wp_dir );

define( 'WP_INSTALLING', true );
require $utw_wp_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if ( ! is_blog_installed() ) {
	$result = wp_install( 'Usage Tracking Dev Store', 'admin', 'admin@example.test', true, '', 'password' );
	if ( empty( $result['user_id'] ) ) {
		fwrite( STDERR, "wp_install failed\n" );
		exit( 1 );
	}
	fwrite( STDERR, "WordPress installed\n" );
}

update_option( 'timezone_string', 'UTC' );
update_option( 'gmt_offset', 0 );
update_option( 'blog_public', 1 );
update_option( 'admin_email_lifespan', time() + 10 * YEAR_IN_SECONDS ); // No "verify admin email" screen.
global $wp_rewrite;
$wp_rewrite->set_permalink_structure( '/%postname%/' );
flush_rewrite_rules( false );
