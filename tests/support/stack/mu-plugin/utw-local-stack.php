<?php
/**
 * Plugin Name: UTW local stack
 * Description: Local test stack only (copied by tests/support/stack/stack.sh): keeps the site offline and points Tracks at the local collector.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/*
 * WooCommerce registers its Tracks library as https://stats.wp.com/w.js ('woo-tracks').
 * Serve the collector's stand-in instead, which sends every recordEvent to the collector.
 */
add_filter(
	'script_loader_src',
	static function ( $src, $handle ) {
		if ( 'woo-tracks' === $handle && defined( 'UTW_LOCAL_COLLECTOR' ) ) {
			return UTW_LOCAL_COLLECTOR . '/w.js';
		}
		return $src;
	},
	10,
	2
);

// The stack is offline: no marketplace suggestions (the option is also 'no' from setup-store.php).
add_filter( 'woocommerce_allow_marketplace_suggestions', '__return_false' );
// Other outgoing requests fail fast through WP_HTTP_BLOCK_EXTERNAL (wp-config.php).

// No update checks: blocked requests make WordPress log "An unexpected error occurred" warnings.
foreach ( array(
	'admin_init'                => array( '_maybe_update_core', '_maybe_update_plugins', '_maybe_update_themes' ),
	'wp_version_check'          => array( 'wp_version_check' ),
	'wp_update_plugins'         => array( 'wp_update_plugins' ),
	'wp_update_themes'          => array( 'wp_update_themes' ),
	'load-plugins.php'          => array( 'wp_update_plugins' ),
	'load-update.php'           => array( 'wp_update_plugins', 'wp_update_themes' ),
	'load-update-core.php'      => array( 'wp_update_plugins', 'wp_update_themes' ),
	'load-themes.php'           => array( 'wp_update_themes' ),
	'upgrader_process_complete' => array( 'wp_version_check', 'wp_update_plugins', 'wp_update_themes' ),
	'wp_maybe_auto_update'      => array( 'wp_maybe_auto_update' ),
) as $utw_hook => $utw_callbacks ) {
	foreach ( $utw_callbacks as $utw_callback ) {
		remove_action( $utw_hook, $utw_callback );
	}
}
unset( $utw_hook, $utw_callbacks, $utw_callback );

// The Google Fonts collection of the font library is a remote JSON file.
add_action(
	'init',
	static function () {
		if ( function_exists( 'wp_unregister_font_collection' ) ) {
			wp_unregister_font_collection( 'google-fonts' );
		}
	},
	100
);

// No mail server: record mail as JSON lines in the stack's mail log instead of calling sendmail.
add_filter(
	'pre_wp_mail',
	static function ( $short_circuit, $atts ) {
		if ( null !== $short_circuit || ! defined( 'UTW_LOCAL_MAIL_LOG' ) ) {
			return $short_circuit;
		}
		$line = array(
			'time'    => gmdate( 'c' ),
			'to'      => $atts['to'],
			'subject' => $atts['subject'],
			'message' => $atts['message'],
			'headers' => $atts['headers'],
		);
		file_put_contents( UTW_LOCAL_MAIL_LOG, wp_json_encode( $line ) . "\n", FILE_APPEND | LOCK_EX );
		return true;
	},
	1000,
	2
);

/*
 * WooCommerce schedules jobs that download from the internet when woocommerce_allow_tracking
 * turns on (Google Fonts for the store assembler, Pattern Toolkit patterns). Offline they only
 * log warnings, so they are never scheduled here.
 */
$utw_offline_jobs = static function ( $pre, ...$args ) {
	$hook = 'pre_as_schedule_single_action' === current_filter() ? $args[1] : $args[0];
	return in_array( $hook, array( 'woocommerce_install_assembler_fonts', 'fetch_patterns' ), true ) ? 0 : $pre;
};
add_filter( 'pre_as_schedule_single_action', $utw_offline_jobs, 10, 6 );
add_filter( 'pre_as_enqueue_async_action', $utw_offline_jobs, 10, 6 );
unset( $utw_offline_jobs );

// Same reason: nothing to ask WordPress.org's plugin and theme directories.
add_filter(
	'plugins_api',
	static function ( $result ) {
		return false === $result ? new WP_Error( 'plugins_api_failed', 'The local test stack is offline.' ) : $result;
	},
	1000
);
add_filter(
	'themes_api',
	static function ( $result ) {
		return false === $result ? new WP_Error( 'themes_api_failed', 'The local test stack is offline.' ) : $result;
	},
	1000
);

// The setup guide's events go to WooCommerce's Tracks pixel, which the stack cannot reach: the
// collector stands in for it. (Events for the connected account go to the local analytics
// service's ingest, itself served by the collector.) Tests point the plugin at another
// destination (a dead port, the collector's slow pixel) with the option.
add_filter(
	'utw_destination_url',
	static function ( $url, $destination = 'account' ) {
		$override = get_option( 'utw_stack_destination' );
		if ( is_string( $override ) && '' !== $override ) {
			return $override;
		}
		return 'woocommerce' === $destination && defined( 'UTW_LOCAL_COLLECTOR' ) ? UTW_LOCAL_COLLECTOR . '/t.gif' : $url;
	},
	10,
	2
);

/*
 * Test control, local stack only: POST /wp-json/utw-stack/v1/state {"options": {name: value|null},
 * "theme": "utw-classic"} sets options (null deletes) and the theme in one committed request, so
 * browser tests can arrange the store without clicking through wp-admin for every precondition.
 * GET returns the named options (?names=a,b). The stack listens on 127.0.0.1 only.
 */
add_action(
	'rest_api_init',
	static function () {
		register_rest_route(
			'utw-stack/v1',
			'/state',
			array(
				array(
					'methods'             => 'POST',
					'permission_callback' => '__return_true',
					'callback'            => static function ( WP_REST_Request $request ) {
						$options = (array) $request->get_param( 'options' );
						foreach ( $options as $name => $value ) {
							if ( null === $value ) {
								delete_option( $name );
							} else {
								update_option( $name, $value );
							}
						}
						$theme = $request->get_param( 'theme' );
						if ( is_string( $theme ) && '' !== $theme ) {
							switch_theme( $theme );
						}
						return array( 'ok' => true );
					},
				),
				array(
					'methods'             => 'GET',
					'permission_callback' => '__return_true',
					'callback'            => static function ( WP_REST_Request $request ) {
						$names = array_filter( explode( ',', (string) $request->get_param( 'names' ) ) );
						$out   = array();
						foreach ( $names as $name ) {
							$out[ $name ] = get_option( $name, null );
						}
						return $out;
					},
				),
			)
		);
	}
);

/*
 * Benchmark probe (bin/bench.mjs): a request sent with `X-Utw-Bench: <label>` appends its server
 * time (from the request's start to the first shutdown callback, i.e. until the response is
 * complete) and its database query count to the stack's bench.log.
 */
if ( isset( $_SERVER['HTTP_X_UTW_BENCH'] ) && defined( 'UTW_LOCAL_STACK' ) ) {
	add_action(
		'shutdown',
		static function () {
			$line = array(
				'label'   => sanitize_key( wp_unslash( $_SERVER['HTTP_X_UTW_BENCH'] ) ),
				'ms'      => round( ( microtime( true ) - $_SERVER['REQUEST_TIME_FLOAT'] ) * 1000, 3 ),
				'queries' => get_num_queries(),
			);
			file_put_contents( dirname( ABSPATH ) . '/bench.log', wp_json_encode( $line ) . "\n", FILE_APPEND | LOCK_EX );
		},
		-1000
	);
}
