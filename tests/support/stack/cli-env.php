<?php
/**
 * Shared set-up for the stack's PHP CLI scripts: fake the request variables WordPress reads.
 *
 * @param string $wp_dir WordPress root.
 */
function utw_cli_env( $wp_dir ) {
	if ( ! is_file( $wp_dir . '/wp-config.php' ) ) {
		fwrite( STDERR, "no wp-config.php in $wp_dir\n" );
		exit( 2 );
	}
	$config                     = file_get_contents( $wp_dir . '/wp-config.php' );
	$host                       = preg_match( "#define\( 'WP_HOME', 'https?://([^']+)' \)#", $config, $m ) ? $m[1] : '127.0.0.1';
	$_SERVER['HTTP_HOST']       = $host;
	$_SERVER['SERVER_NAME']     = preg_replace( '/:\d+$/', '', $host );
	$_SERVER['SERVER_PORT']     = preg_match( '/:(\d+)$/', $host, $m ) ? $m[1] : '80';
	$_SERVER['REQUEST_URI']     = '/';
	$_SERVER['REQUEST_METHOD']  = 'GET';
	$_SERVER['REMOTE_ADDR']     = '127.0.0.1';
	$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
	$_SERVER['HTTP_USER_AGENT'] = 'utw-stack-cli';
}
