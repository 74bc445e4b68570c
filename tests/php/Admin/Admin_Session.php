<?php
/**
 * A logged-in browser session against the stack, for admin route tests.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Admin;

use Utw\Tests\Stack_Http;

/**
 * Logs in through wp-login.php with a cookie jar and fetches the REST nonce the way wp-admin
 * pages get it, so tests exercise WordPress's real cookie authentication.
 */
final class Admin_Session {

	/**
	 * Cookie jar file.
	 *
	 * @var string
	 */
	private string $jar;

	/**
	 * Logs in.
	 *
	 * @param string $user     Login.
	 * @param string $password Password.
	 */
	public function __construct( string $user, string $password ) {
		$this->jar = (string) tempnam( sys_get_temp_dir(), 'utw-jar' );
		$this->curl(
			'POST',
			'/wp-login.php',
			http_build_query(
				array(
					'log'        => $user,
					'pwd'        => $password,
					'testcookie' => '1',
				)
			),
			array( 'Cookie: wordpress_test_cookie=WP%20Cookie%20check', 'Content-Type: application/x-www-form-urlencoded' )
		);
	}

	public function __destruct() {
		if ( is_file( $this->jar ) ) {
			unlink( $this->jar );
		}
	}

	/**
	 * The REST nonce of this session (admin-ajax `rest-nonce`, as wp-admin refreshes it).
	 *
	 * @return string
	 */
	public function nonce(): string {
		return trim( $this->curl( 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce' )['body'] );
	}

	/**
	 * A request with this session's cookies.
	 *
	 * @param string       $method  Method.
	 * @param string       $path    Path.
	 * @param string|null  $body    Body.
	 * @param list<string> $headers Header lines.
	 * @return array{status: int, json: mixed, body: string}
	 */
	public function curl( string $method, string $path, ?string $body = null, array $headers = array() ): array {
		$named = array();
		foreach ( $headers as $line ) {
			list( $name, $value ) = array_map( 'trim', explode( ':', $line, 2 ) );
			$named[ $name ]       = $value;
		}
		return Stack_Http::request( $method, $path, $body, $named, $this->jar );
	}


	/**
	 * A REST request with the session's cookies and nonce.
	 *
	 * @param string     $method Method.
	 * @param string     $route  Route after /wp-json.
	 * @param mixed|null $json   JSON body (a string is sent as is).
	 * @return array{status: int, json: mixed, body: string}
	 */
	public function rest( string $method, string $route, mixed $json = null ): array {
		$body = null === $json ? null : ( is_string( $json ) ? $json : (string) wp_json_encode( $json ) );
		return $this->curl( $method, '/wp-json' . $route, $body, array( 'X-WP-Nonce: ' . $this->nonce(), 'Content-Type: application/json' ) );
	}
}
