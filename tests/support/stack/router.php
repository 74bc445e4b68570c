<?php
/**
 * Router for PHP's built-in web server (local stack only):
 *   php -S 127.0.0.1:PORT -t <wordpress-dir> tests/support/stack/router.php
 *
 * Existing files are served as they are (static files) or run (.php); a directory with an
 * index.php runs it; everything else goes to WordPress's index.php (pretty permalinks, /wp-json/).
 */

$utw_root = rtrim( $_SERVER['DOCUMENT_ROOT'], '/' );
$utw_path = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );

if ( false !== strpos( $utw_path, '..' ) ) {
	http_response_code( 400 );
	return true;
}

$utw_file = $utw_root . $utw_path;

// Every request that reaches PHP, one line each, so browser tests can count requests the browser
// cannot show them (beacons sent while a page unloads).
file_put_contents(
	dirname( $utw_root ) . '/requests.log',
	$_SERVER['REQUEST_METHOD'] . ' ' . $_SERVER['REQUEST_URI'] . "\n",
	FILE_APPEND | LOCK_EX
);

if ( '/' !== $utw_path && is_file( $utw_file ) ) {
	return false; // Static file, or a .php file the server runs itself.
}

if ( '/' !== $utw_path && is_dir( $utw_file ) && is_file( rtrim( $utw_file, '/' ) . '/index.php' ) ) {
	if ( '/' !== substr( $utw_path, -1 ) ) {
		$utw_query = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_QUERY );
		header( 'Location: ' . $utw_path . '/' . ( $utw_query ? '?' . $utw_query : '' ), true, 301 );
		return true;
	}
	$utw_script = $utw_path . 'index.php';
} else {
	$utw_script = '/index.php';
}

$_SERVER['SCRIPT_NAME']     = $utw_script;
$_SERVER['PHP_SELF']        = $utw_script;
$_SERVER['SCRIPT_FILENAME'] = $utw_root . $utw_script;
chdir( dirname( $utw_root . $utw_script ) );
unset( $utw_path, $utw_file, $utw_query );
require $_SERVER['SCRIPT_FILENAME'];
return true;
