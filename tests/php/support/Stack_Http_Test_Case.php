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
		// What earlier tests queued is delivered now, so that it does not arrive during this one.
		Stack_Test_Case_Collector::deliver();
		Stack_Test_Case_Collector::clear();
		$this->set_options(
			array(
				'woocommerce_allow_tracking' => 'yes',
				'utw_enabled'                => 'yes',
				'utw_storefront_enabled'     => 'yes',
				'utw_admin_enabled'          => 'yes',
				'utw_store_connection'       => Stack_Test_Case_Collector::local_store(),
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
		return Stack_Http::request( $method, $path, $body, $headers );
	}
}
