<?php
/**
 * Base class for tests that talk to the stack's web server over HTTP.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests;

use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Requests go to the real `php -S` server, which sees only committed data: options a test sets
 * here are written for real and put back afterwards.
 */
abstract class Stack_Http_Test_Case extends TestCase {

	/**
	 * Options to put back: name => previous value (null: did not exist).
	 *
	 * @var array<string, mixed>
	 */
	private array $saved = array();

	protected function set_up(): void {
		parent::set_up();
		Stack_Test_Case_Collector::clear();
		$this->set_options(
			array(
				'woocommerce_allow_tracking' => 'yes',
				'utw_enabled'                => 'yes',
				'utw_storefront_enabled'     => 'yes',
				'utw_admin_enabled'          => 'yes',
				'utw_stack_destination'      => null,
			)
		);
	}

	protected function tear_down(): void {
		foreach ( $this->saved as $name => $value ) {
			null === $value ? delete_option( $name ) : update_option( $name, $value );
		}
		$this->saved = array();
		parent::tear_down();
	}

	/**
	 * Sets options for this test, committed so that the web server sees them.
	 *
	 * @param array<string, mixed> $options Name => value; null deletes.
	 */
	protected function set_options( array $options ): void {
		wp_cache_flush();
		foreach ( $options as $name => $value ) {
			if ( ! array_key_exists( $name, $this->saved ) ) {
				$this->saved[ $name ] = get_option( $name, null );
			}
			null === $value ? delete_option( $name ) : update_option( $name, $value );
		}
	}

	/**
	 * Sends a request to the stack.
	 *
	 * @param string                $method  HTTP method.
	 * @param string                $path    Path (or full URL).
	 * @param string|null           $body    Raw body.
	 * @param array<string, string> $headers Headers.
	 * @return array{status: int, json: mixed, body: string, seconds: float, headers: array<string, string>}
	 */
	protected static function request( string $method, string $path, ?string $body = null, array $headers = array() ): array {
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
