<?php
/**
 * The setup guide's REST routes, in the stack's WordPress, against the local analytics service.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Setup_Guide;

use Utw\Admin\Setup_Guide\Setup_Guide_Progress;
use Utw\Tests\Stack_Test_Case;
use WP_REST_Request;
use WP_REST_Response;

/**
 * Who may call the routes, what they accept, and what the merchant sees when the service fails.
 */
final class Setup_Guide_Routes_Test extends Stack_Test_Case {

	protected function set_up(): void {
		parent::set_up();
		self::service( array( 'reset' => true ) );
		// Start from a guide never opened, whatever a browser test left committed.
		array_map( 'delete_option', Setup_Guide_Progress::OPTIONS );
		wp_set_current_user( 1 );
	}

	protected function tear_down(): void {
		self::service( array( 'reset' => true ) );
		wp_set_current_user( 0 );
		parent::tear_down();
	}

	public function test_a_visitor_who_is_not_logged_in_is_refused_with_401(): void {
		wp_set_current_user( 0 );
		$this->assertSame( 401, $this->call( 'POST', '/connection' )->get_status() );
		$this->assertNull( get_option( Setup_Guide_Progress::CONNECTION_OPTION, null ) );
	}

	public function test_a_user_without_manage_woocommerce_is_refused_with_403(): void {
		wp_set_current_user( self::factory_user( 'subscriber' ) );
		$this->assertSame( 403, $this->call( 'POST', '/tracking', array( 'enabled' => false ) )->get_status() );
		$this->assertNotSame( 'no', get_option( 'utw_enabled' ) );
	}

	public function test_malformed_input_is_refused_with_a_clear_400_and_changes_nothing(): void {
		$before = get_option( 'utw_enabled' );
		$bad    = $this->call( 'POST', '/tracking', array( 'enabled' => 'perhaps' ) );
		$this->assertSame( 400, $bad->get_status() );
		$this->assertSame( 'rest_invalid_param', $bad->get_data()['code'] );
		$this->assertSame( $before, get_option( 'utw_enabled' ) );
		$this->assertSame( 400, $this->call( 'POST', '/progress', array( 'step' => 'account' ) )->get_status() );
		$this->assertSame( 400, $this->call( 'POST', '/business-account', array( 'business_account_id' => '<script>' ) )->get_status() );
		$this->assertSame( array(), ( new Setup_Guide_Progress() )->completed_steps() );
	}

	public function test_each_switch_is_turned_off_and_on_by_its_name_and_only_that_switch_moves(): void {
		$options = array(
			'plugin'     => 'utw_enabled',
			'storefront' => 'utw_storefront_enabled',
			'admin'      => 'utw_admin_enabled',
		);
		foreach ( $options as $option ) {
			update_option( $option, 'yes' );
		}
		foreach ( $options as $switch => $option ) {
			$off = $this->call(
				'POST',
				'/tracking',
				array(
					'switch'  => $switch,
					'enabled' => false,
				)
			);
			$this->assertSame( 200, $off->get_status(), $switch );
			$this->assertSame( 'no', get_option( $option ), $switch );
			$expected            = array_fill_keys( array_keys( $options ), true );
			$expected[ $switch ] = false;
			$this->assertSame( $expected, $off->get_data()['tracking']['switches'], $switch );

			$on = $this->call(
				'POST',
				'/tracking',
				array(
					'switch'  => $switch,
					'enabled' => true,
				)
			);
			$this->assertSame( 200, $on->get_status(), $switch );
			$this->assertSame( 'yes', get_option( $option ), $switch );
			$this->assertSame( array_fill_keys( array_keys( $options ), true ), $on->get_data()['tracking']['switches'] );
		}
	}

	public function test_without_a_switch_the_plugins_own_switch_is_turned(): void {
		update_option( 'utw_enabled', 'yes' );
		update_option( 'utw_storefront_enabled', 'yes' );
		$response = $this->call( 'POST', '/tracking', array( 'enabled' => false ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'no', get_option( 'utw_enabled' ) );
		$this->assertSame( 'yes', get_option( 'utw_storefront_enabled' ) );
	}

	public function test_a_switch_that_does_not_exist_is_refused_with_400_and_nothing_changes(): void {
		$options = array( 'utw_enabled', 'utw_storefront_enabled', 'utw_admin_enabled' );
		foreach ( $options as $option ) {
			update_option( $option, 'yes' );
		}
		foreach ( array( 'everything', '', 'Plugin', 'utw_enabled', 3, null, array( 'plugin' ) ) as $bad ) {
			$label    = (string) wp_json_encode( $bad );
			$response = $this->call(
				'POST',
				'/tracking',
				array(
					'switch'  => $bad,
					'enabled' => false,
				)
			);
			$this->assertSame( 400, $response->get_status(), $label );
			$this->assertSame( 'rest_invalid_param', $response->get_data()['code'], $label );
			$this->assertArrayHasKey( 'switch', $response->get_data()['data']['params'], $label );
			foreach ( $options as $option ) {
				$this->assertSame( 'yes', get_option( $option ), "{$label} left {$option} alone" );
			}
		}
	}

	public function test_connecting_keeps_the_access_token_on_the_server(): void {
		$response = $this->call( 'POST', '/connection' );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'Sam Rivera', $response->get_data()['account']['name'] );
		$stored = get_option( Setup_Guide_Progress::CONNECTION_OPTION );
		$this->assertIsArray( $stored );
		$this->assertStringNotContainsString( $stored['access_token'], (string) wp_json_encode( $response->get_data() ) );
	}

	public function test_claiming_the_site_is_checked_by_the_service_against_the_token_the_site_serves(): void {
		$this->call( 'POST', '/connection' );
		$this->call( 'POST', '/business-account', array( 'business_account_id' => 'ba-100' ) );
		// The service fetches the token from the web server, which sees only committed data.
		global $wpdb;
		$wpdb->query( 'COMMIT' );
		$claim = $this->call( 'POST', '/claim' );
		$this->assertSame( 200, $claim->get_status(), (string) wp_json_encode( $claim->get_data() ) );
		$this->assertContains( 'claim-website', $claim->get_data()['completed'] );
		$this->call( 'DELETE', '/connection' );
		$wpdb->query( 'COMMIT' );
	}

	public function test_a_service_that_is_down_becomes_a_message_the_merchant_can_act_on(): void {
		self::service( array( 'mode' => 'down' ) );
		$response = $this->call( 'POST', '/connection' );
		$this->assertSame( 502, $response->get_status() );
		$this->assertSame( 'utw_service_unavailable', $response->as_error()->get_error_code() );
		$this->assertStringContainsString( 'try again in a few minutes', $response->as_error()->get_error_message() );
	}

	public function test_a_service_that_does_not_answer_at_all_is_reported_as_down(): void {
		$this->add_test_filter( 'utw_service_url', static fn() => 'http://127.0.0.1:9/service' );
		$response = $this->call( 'POST', '/connection' );
		$this->assertSame( 'utw_service_unavailable', $response->as_error()->get_error_code() );
	}

	public function test_rejected_credentials_are_reported_as_such(): void {
		self::service( array( 'mode' => 'bad-credentials' ) );
		$response = $this->call( 'POST', '/connection' );
		$this->assertSame( 'utw_bad_credentials', $response->as_error()->get_error_code() );
		$this->assertNull( get_option( Setup_Guide_Progress::CONNECTION_OPTION, null ) );
	}

	/**
	 * Dispatches a request to a guide route.
	 *
	 * @param string               $method HTTP method.
	 * @param string               $path   Path under /utw/v1/setup-guide.
	 * @param array<string, mixed> $body   JSON body.
	 * @return WP_REST_Response
	 */
	private function call( string $method, string $path, array $body = array() ): WP_REST_Response {
		$request = new WP_REST_Request( $method, '/utw/v1/setup-guide' . $path );
		$request->set_header( 'Content-Type', 'application/json' );
		$request->set_body( (string) wp_json_encode( $body ) );
		return rest_get_server()->dispatch( $request );
	}

	/**
	 * Sets the local service's mode.
	 *
	 * @param array<string, mixed> $control Control body.
	 */
	private static function service( array $control ): void {
		wp_remote_post(
			getenv( 'UTW_COLLECTOR_URL' ) . '/service/_control',
			array( 'body' => (string) wp_json_encode( $control ) )
		);
	}

	/**
	 * Creates a user with a role.
	 *
	 * @param string $role Role.
	 * @return int User ID.
	 */
	private static function factory_user( string $role ): int {
		return (int) wp_insert_user(
			array(
				'user_login' => 'utw-' . wp_generate_password( 8, false ),
				'user_pass'  => wp_generate_password(),
				'role'       => $role,
			)
		);
	}
}
