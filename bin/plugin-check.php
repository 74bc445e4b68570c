<?php
/**
 * Runs Plugin Check (WordPress/plugin-check) on the plugin as a local stack installed it:
 *   php bin/plugin-check.php <wordpress-dir> <plugin-slug>
 * Plugin Check must be in <wordpress-dir>/wp-content/plugins/plugin-check (bin/plugin-check.sh
 * links it there). Prints one line per finding and exits 1 when there is an error.
 *
 * @package UsageTrackingForWooCommerce
 */

if ( PHP_SAPI !== 'cli' || empty( $argv[2] ) ) {
	fwrite( STDERR, "usage: php bin/plugin-check.php <wordpress-dir> <plugin-slug>\n" );
	exit( 2 );
}

$utw_wp_dir = rtrim( $argv[1], '/' );
$utw_slug   = $argv[2];

/**
 * Removes the object-cache.php drop-in Plugin Check's runtime checks write. Their clean-up removes
 * it only when the process started with it loaded, which this one does not (it is written during
 * the run); left behind, it makes WordPress load Plugin Check before this script does, and the
 * next run on the stack dies redeclaring Plugin Check's functions. Run before and after.
 *
 * @param string $wp_dir WordPress directory.
 */
function utw_remove_plugin_check_dropin( string $wp_dir ): void {
	$dropin = $wp_dir . '/wp-content/object-cache.php';
	if ( is_file( $dropin ) && str_contains( (string) file_get_contents( $dropin ), 'WP_PLUGIN_CHECK_OBJECT_CACHE_DROPIN_VERSION' ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file, before WordPress loads.
		unlink( $dropin ); // phpcs:ignore WordPress.WP.AlternativeFunctions.unlink_unlink -- before WordPress loads.
	}
}
utw_remove_plugin_check_dropin( $utw_wp_dir );
register_shutdown_function( 'utw_remove_plugin_check_dropin', $utw_wp_dir );
require dirname( __DIR__ ) . '/tests/support/stack/cli-env.php';
utw_cli_env( $utw_wp_dir );
// Plugin Check's CLI runner reads the command line of `wp plugin check <slug>`.
$_SERVER['argv'] = array( 'wp', 'plugin', 'check', $utw_slug );

require $utw_wp_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require WP_PLUGIN_DIR . '/plugin-check/plugin.php';

$utw_runner = new WordPress\Plugin_Check\Checker\CLI_Runner();
$utw_runner->set_plugin( $utw_slug );
// As `wp plugin check` does: runtime checks (scripts enqueued by the plugin, ...) run in a copy of
// the site's tables that Plugin Check sets up and removes.
$utw_runtime = null;
foreach ( $utw_runner->get_checks_to_run() as $utw_check ) {
	if ( $utw_check instanceof WordPress\Plugin_Check\Checker\Runtime_Check && null === $utw_runtime ) {
		$utw_runtime = new WordPress\Plugin_Check\Checker\Runtime_Environment_Setup();
		$utw_runtime->set_up();
	}
}
try {
	$utw_result = $utw_runner->run();
} finally {
	if ( null !== $utw_runtime ) {
		$utw_runtime->clean_up();
	}
}

$utw_count = array(
	'ERROR'   => 0,
	'WARNING' => 0,
);
foreach ( array(
	'ERROR'   => $utw_result->get_errors(),
	'WARNING' => $utw_result->get_warnings(),
) as $utw_type => $utw_files ) {
	foreach ( $utw_files as $utw_file => $utw_lines ) {
		foreach ( $utw_lines as $utw_line => $utw_columns ) {
			foreach ( $utw_columns as $utw_messages ) {
				foreach ( $utw_messages as $utw_message ) {
					++$utw_count[ $utw_type ];
					printf(
						"%s %s:%d %s: %s\n",
						$utw_type, // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a terminal, not HTML.
						$utw_file, // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
						(int) $utw_line,
						$utw_message['code'], // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
						html_entity_decode( wp_strip_all_tags( $utw_message['message'] ) ) // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
					);
				}
			}
		}
	}
}
printf( "plugin check: %d errors, %d warnings\n", $utw_count['ERROR'], $utw_count['WARNING'] ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
exit( $utw_count['ERROR'] ? 1 : 0 );
