<?php
/**
 * The merchant's REST routes over real HTTP: who may call them, bad input, and what they show.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Admin;

use Utw\Tests\Stack_Http_Test_Case;
use Utw\Tests\Stack_Test_Case_Collector as Collector;

require_once __DIR__ . '/Admin_Session.php';

final class Merchant_Routes_Test extends Stack_Http_Test_Case {

	private const ROUTES = array(
		array( 'GET', '/utw/v1/settings-snapshot' ),
		array( 'GET', '/utw/v1/recent-events' ),
		array( 'POST', '/utw/v1/recent-events/test' ),
	);

	private static ?int $customer = null;

	public static function set_up_before_class(): void {
		parent::set_up_before_class();
		$existing = get_user_by( 'login', 'utw_test_customer' );
		if ( $existing ) {
			require_once ABSPATH . 'wp-admin/includes/user.php';
			wp_delete_user( $existing->ID );
		}
		self::$customer = (int) wp_insert_user(
			array(
				'user_login' => 'utw_test_customer',
				'user_pass'  => 'customer-password',
				'user_email' => 'customer@example.test',
				'role'       => 'customer',
			)
		);
	}

	public static function tear_down_after_class(): void {
		require_once ABSPATH . 'wp-admin/includes/user.php';
		wp_delete_user( (int) self::$customer );
		parent::tear_down_after_class();
	}

	/**
	 * How many rows the event log holds (the web server commits them).
	 *
	 * @return int
	 */
	private static function logged_rows(): int {
		global $wpdb;
		$table = \Utw\Tracks\Outbox::table();
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	public function test_every_route_answers_401_to_a_visitor_who_is_not_logged_in(): void {
		foreach ( self::ROUTES as list( $method, $route ) ) {
			$response = self::request( $method, '/wp-json' . $route );
			$this->assertSame( 401, $response['status'], "{$method} {$route}" );
			$this->assertSame( 'utw_forbidden', $response['json']['code'] );
		}
	}

	public function test_a_store_manager_without_the_rest_nonce_is_treated_as_logged_out(): void {
		$admin = new Admin_Session( 'admin', 'password' );
		foreach ( self::ROUTES as list( $method, $route ) ) {
			$response = $admin->curl( $method, '/wp-json' . $route );
			$this->assertSame( 401, $response['status'], "{$method} {$route}" );
		}
		$response = $admin->curl( 'GET', '/wp-json/utw/v1/recent-events', null, array( 'X-WP-Nonce: not-a-nonce' ) );
		$this->assertSame( 403, $response['status'] );
		$this->assertSame( 'rest_cookie_invalid_nonce', $response['json']['code'] );
	}

	public function test_a_customer_with_a_valid_nonce_is_refused_with_403(): void {
		$customer = new Admin_Session( 'utw_test_customer', 'customer-password' );
		$rows     = self::logged_rows();
		foreach ( self::ROUTES as list( $method, $route ) ) {
			$response = $customer->rest( $method, $route );
			$this->assertSame( 403, $response['status'], "{$method} {$route}" );
			$this->assertSame( 'utw_forbidden', $response['json']['code'] );
		}
		$this->assertSame( $rows, self::logged_rows(), 'no test event was recorded' );
	}

	public function test_bad_input_is_answered_400_with_a_clear_json_error_and_changes_nothing(): void {
		$admin = new Admin_Session( 'admin', 'password' );
		$rows  = self::logged_rows();

		foreach ( array(
			'per_page' => 'per_page=0',
			'page'     => 'page=-1',
			'state'    => 'state=everything',
			'family'   => 'family=robots',
		) as $param => $query ) {
			$response = $admin->rest( 'GET', '/utw/v1/recent-events?' . $query );
			$this->assertSame( 400, $response['status'], $query );
			$this->assertSame( 'rest_invalid_param', $response['json']['code'] );
			$this->assertArrayHasKey( $param, $response['json']['data']['params'] );
		}

		$malformed = $admin->rest( 'POST', '/utw/v1/recent-events/test', '{"not json' );
		$this->assertSame( 400, $malformed['status'] );
		$this->assertSame( 'rest_invalid_json', $malformed['json']['code'] );

		Collector::deliver();
		$this->assertSame( array(), Collector::events() );
		$this->assertSame( $rows, self::logged_rows() );
	}

	public function test_the_test_event_is_queued_then_delivered_in_the_background_and_listed_with_its_state(): void {
		$admin = new Admin_Session( 'admin', 'password' );

		$response = $admin->rest( 'POST', '/utw/v1/recent-events/test' );

		$this->assertSame( 200, $response['status'] );
		$this->assertSame( 'queued', $response['json']['outcome']['state'] );
		$eid    = $response['json']['outcome']['eid'];
		$listed = $admin->rest( 'GET', '/utw/v1/recent-events?state=queued&per_page=1' )['json'];
		$this->assertSame( 'wcadmin_utw_test_event', $listed['events'][0]['event'] );
		$this->assertSame( $eid, $listed['events'][0]['eid'] );
		$this->assertSame( array(), Collector::events(), 'nothing left during the merchant\'s request' );

		Collector::deliver();

		$received = Collector::wait_for( 1, 'wcadmin_utw_test_event' );
		$this->assertCount( 1, $received );
		$this->assertSame( $eid, $received[0]['params']['_eid'] );
		$delivered = $admin->rest( 'GET', '/utw/v1/recent-events?state=delivered&per_page=1' )['json'];
		$this->assertSame( $eid, $delivered['events'][0]['eid'] );
		$this->assertGreaterThanOrEqual( 1, $delivered['counts']['delivered'] );
	}

	public function test_the_log_pages_through_every_event_newest_first_and_filters_by_family(): void {
		$admin = new Admin_Session( 'admin', 'password' );
		$eids  = array();
		for ( $i = 0; $i < 3; $i++ ) {
			$eids[] = $admin->rest( 'POST', '/utw/v1/recent-events/test' )['json']['outcome']['eid'];
		}

		$first  = $admin->rest( 'GET', '/utw/v1/recent-events?per_page=2&family=admin' )['json'];
		$second = $admin->rest( 'GET', '/utw/v1/recent-events?per_page=2&page=2&family=admin' )['json'];

		$this->assertSame( array( $eids[2], $eids[1] ), array_column( $first['events'], 'eid' ) );
		$this->assertSame( $eids[0], $second['events'][0]['eid'] );
		$this->assertGreaterThanOrEqual( 3, $first['total'] );
		$storefront = $admin->rest( 'GET', '/utw/v1/recent-events?family=storefront' )['json']['events'];
		$this->assertSame( array(), array_intersect( $eids, array_column( $storefront, 'eid' ) ) );
	}

	public function test_with_the_admin_family_switched_off_the_test_event_is_listed_as_dropped_with_the_reason(): void {
		$this->set_options( array( 'utw_admin_enabled' => 'no' ) );
		$admin = new Admin_Session( 'admin', 'password' );

		$response = $admin->rest( 'POST', '/utw/v1/recent-events/test' );

		$this->assertSame( 200, $response['status'] );
		$this->assertSame( 'dropped', $response['json']['outcome']['state'] );
		$dropped = $admin->rest( 'GET', '/utw/v1/recent-events?state=dropped' )['json']['events'];
		$this->assertSame( 'utw_test_event', $dropped[0]['event'] );
		$this->assertSame( 'gate closed: family_switch', $dropped[0]['reason'] );
		Collector::deliver();
		$this->assertSame( array(), Collector::events() );
	}

	public function test_the_snapshot_follows_a_setting_changed_through_woocommerces_rest_api_and_the_change_is_sent(): void {
		$this->set_options( array( 'woocommerce_enable_guest_checkout' => 'yes' ) );
		// This test process is one long request, whose end-of-request refresh comes too late.
		\Utw\Plugin::instance()->snapshot()->refresh();
		$admin = new Admin_Session( 'admin', 'password' );
		$this->assertTrue( $admin->rest( 'GET', '/utw/v1/settings-snapshot' )['json']['guest_checkout'] );

		$update = $admin->rest( 'PUT', '/wc/v3/settings/account/woocommerce_enable_guest_checkout', array( 'value' => 'no' ) );
		$this->assertSame( 200, $update['status'] );

		$snapshot = $admin->rest( 'GET', '/utw/v1/settings-snapshot' );
		$this->assertSame( 200, $snapshot['status'] );
		$this->assertFalse( $snapshot['json']['guest_checkout'] );
		$this->assertSame(
			array(
				'enabled'   => true,
				'closed_by' => null,
			),
			$snapshot['json']['tracking']
		);
		Collector::deliver();
		$events = Collector::wait_for( 1, 'wcadmin_utw_checkout_account_setting_change' );
		$this->assertCount( 1, $events );
		$this->assertSame( 'guest_checkout', $events[0]['params']['setting'] );
		$this->assertSame( '1', $events[0]['params']['old_value'] );
		$this->assertSame( '0', $events[0]['params']['new_value'] );
	}
}
