<?php
/**
 * Real HTTP requests to the stack's web server, for tests.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests;

/**
 * One place that talks HTTP to the stack: test cases and logged-in sessions use it.
 */
final class Stack_Http {

	/**
	 * Sends a request to the stack.
	 *
	 * @param string                $method  HTTP method.
	 * @param string                $path    Path (or full URL).
	 * @param string|null           $body    Raw body.
	 * @param array<string, string> $headers Headers.
	 * @param string|null           $cookie_jar Cookie file to read and write (a logged-in session).
	 * @return array{status: int, json: mixed, body: string, seconds: float, headers: array<string, string>}
	 */
	public static function request( string $method, string $path, ?string $body = null, array $headers = array(), ?string $cookie_jar = null ): array {
		$url    = str_starts_with( $path, 'http' ) ? $path : getenv( 'UTW_BASE_URL' ) . $path;
		$handle = curl_init( $url );
		$lines  = array();
		foreach ( $headers as $name => $value ) {
			$lines[] = "{$name}: {$value}";
		}
		$received = array();
		curl_setopt_array(
			$handle,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_HTTPHEADER     => $lines,
				CURLOPT_TIMEOUT        => 30,
				CURLOPT_HEADERFUNCTION => static function ( $curl, $line ) use ( &$received ) {
					$parts = explode( ':', $line, 2 );
					if ( 2 === count( $parts ) ) {
						$received[ strtolower( trim( $parts[0] ) ) ] = trim( $parts[1] );
					}
					return strlen( $line );
				},
			)
		);
		if ( null !== $body ) {
			curl_setopt( $handle, CURLOPT_POSTFIELDS, $body );
		}
		if ( null !== $cookie_jar ) {
			curl_setopt( $handle, CURLOPT_COOKIEJAR, $cookie_jar );
			curl_setopt( $handle, CURLOPT_COOKIEFILE, $cookie_jar );
		}
		$start   = microtime( true );
		$content = (string) curl_exec( $handle );
		$seconds = microtime( true ) - $start;
		$status  = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
		curl_close( $handle );
		return array(
			'status'  => $status,
			'json'    => json_decode( $content, true ),
			'body'    => $content,
			'seconds' => $seconds,
			'headers' => $received,
		);
	}
}
