<?php
/**
 * The setup guide's REST routes over real HTTP: cookies and the REST nonce as a browser sends them.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Setup_Guide;

use Utw\Tests\Stack_Http_Test_Case;
use WP_Session_Tokens;

/**
 * WordPress ignores a logged-in cookie without the `wp_rest` nonce, so a forged cross-site
 * request reaches the routes as nobody.
 */
final class Setup_Guide_Http_Test extends Stack_Http_Test_Case {

	private const TRACKING_ROUTE = '/wp-json/utw/v1/setup-guide/tracking';

	/**
	 * Users created by a test, deleted afterwards.
	 *
	 * @var list<int>
	 */
	private array $users = array();

	protected function tear_down(): void {
		require_once ABSPATH . 'wp-admin/includes/user.php';
		foreach ( $this->users as $user_id ) {
			wp_delete_user( $user_id );
		}
		WP_Session_Tokens::get_instance( 1 )->destroy_all();
		$this->users = array();
		$_COOKIE     = array();
		wp_set_current_user( 0 );
		parent::tear_down();
	}

	public function test_a_logged_in_merchant_without_the_nonce_is_refused_and_nothing_changes(): void {
		list( $cookie ) = $this->log_in( 1 );
		$response       = self::request( 'POST', self::TRACKING_ROUTE, '{"enabled":false}', self::headers( $cookie ) );
		$this->assertSame( 401, $response['status'] );
		$this->assertSame( 'utw_forbidden', $response['json']['code'] );
		wp_cache_flush();
		$this->assertSame( 'yes', get_option( 'utw_enabled' ) );
	}

	public function test_with_the_nonce_the_merchant_turns_tracking_off(): void {
		list( $cookie, $nonce ) = $this->log_in( 1 );
		$response               = self::request( 'POST', self::TRACKING_ROUTE, '{"enabled":false}', self::headers( $cookie, $nonce ) );
		$this->assertSame( 200, $response['status'], $response['body'] );
		$this->assertFalse( $response['json']['tracking']['switches']['plugin'] );
		wp_cache_flush();
		$this->assertSame( 'no', get_option( 'utw_enabled' ) );
	}

	public function test_a_customer_with_a_valid_nonce_is_refused_with_403(): void {
		$customer               = (int) wp_insert_user(
			array(
				'user_login' => 'utw-customer-' . wp_generate_password( 6, false ),
				'user_pass'  => wp_generate_password(),
				'role'       => 'customer',
			)
		);
		$this->users[]          = $customer;
		list( $cookie, $nonce ) = $this->log_in( $customer );
		$response               = self::request( 'POST', self::TRACKING_ROUTE, '{"enabled":false}', self::headers( $cookie, $nonce ) );
		$this->assertSame( 403, $response['status'] );
		wp_cache_flush();
		$this->assertSame( 'yes', get_option( 'utw_enabled' ) );
	}

	public function test_a_malformed_body_gets_a_400_json_error(): void {
		list( $cookie, $nonce ) = $this->log_in( 1 );
		$response               = self::request( 'POST', self::TRACKING_ROUTE, '{"enabled":"maybe"}', self::headers( $cookie, $nonce ) );
		$this->assertSame( 400, $response['status'] );
		$this->assertSame( 'rest_invalid_param', $response['json']['code'] );
		$this->assertArrayHasKey( 'enabled', $response['json']['data']['params'] );
	}

	public function test_the_verification_route_says_plainly_when_no_claim_is_under_way(): void {
		$this->set_options( array( 'utw_setup_guide' => null ) );
		$response = self::request( 'GET', '/wp-json/utw/v1/site-verification' );
		$this->assertSame( 404, $response['status'] );
		$this->assertSame( 'utw_no_verification_token', $response['json']['code'] );
	}

	/**
	 * Logs a user in the way wp-login.php does, and makes the nonce their page would carry.
	 *
	 * @param int $user_id User.
	 * @return array{0: string, 1: string} The logged-in cookie (name=value) and the REST nonce.
	 */
	private function log_in( int $user_id ): array {
		$expiration                  = time() + HOUR_IN_SECONDS;
		$token                       = WP_Session_Tokens::get_instance( $user_id )->create( $expiration );
		$value                       = wp_generate_auth_cookie( $user_id, $expiration, 'logged_in', $token );
		$_COOKIE[ LOGGED_IN_COOKIE ] = $value;
		wp_set_current_user( $user_id );
		return array( LOGGED_IN_COOKIE . '=' . rawurlencode( $value ), wp_create_nonce( 'wp_rest' ) );
	}

	/**
	 * Request headers of a browser on the guide's page.
	 *
	 * @param string      $cookie Logged-in cookie.
	 * @param string|null $nonce  REST nonce, if the page sends it.
	 * @return array<string, string>
	 */
	private static function headers( string $cookie, ?string $nonce = null ): array {
		$headers = array(
			'Content-Type' => 'application/json',
			'Cookie'       => $cookie,
		);
		if ( null !== $nonce ) {
			$headers['X-WP-Nonce'] = $nonce;
		}
		return $headers;
	}
}
