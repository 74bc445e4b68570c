<?php
/**
 * Settings-change events, in the stack's WordPress with WooCommerce.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Settings;

use Utw\Tests\Stack_Test_Case;
use WP_REST_Request;

final class Settings_Change_Events_Test extends Stack_Test_Case {

	protected function set_up(): void {
		parent::set_up();
		$this->open_gate();
		update_option( 'woocommerce_enable_guest_checkout', 'yes' );
		update_option( 'woocommerce_enable_signup_and_login_from_checkout', 'no' );
		$this->all_logged(); // What the set-up itself recorded, out of the way.
	}

	protected function tear_down(): void {
		wp_set_current_user( 0 );
		parent::tear_down();
	}

	/**
	 * What the event log holds since the last call, newest first, with `sent` for "queued for
	 * delivery".
	 *
	 * @return list<array<string, mixed>>
	 */
	private function all_logged(): array {
		static $seen = 0;
		$rows        = array_values( array_filter( $this->logged(), static fn( $row ) => $row['id'] > $seen ) );
		$seen        = $rows ? max( array_column( $rows, 'id' ) ) : $seen;
		return array_map( static fn( $row ) => $row + array( 'sent' => 'queued' === $row['state'] ), array_reverse( $rows ) );
	}

	/**
	 * What the event log holds for an event, newest first.
	 *
	 * @param string $sent_as Event name as sent.
	 * @return list<array<string, mixed>>
	 */
	private function recorded( string $sent_as ): array {
		return array_values( array_filter( $this->all_logged(), static fn( $e ) => $sent_as === $e['event'] || 'utw_' . substr( $sent_as, strlen( 'wcadmin_utw_' ) ) === $e['event'] ) );
	}

	/**
	 * Saves WooCommerce's Accounts & Privacy screen as a browser would post it: every checkbox
	 * that is on is in the form, except those the test turns off.
	 *
	 * @param array<string, string> $changes Option => 'yes' or 'no'.
	 */
	private function save_accounts_screen( array $changes ): void {
		include_once WC_ABSPATH . 'includes/admin/class-wc-admin-settings.php';
		\WC_Admin_Settings::get_settings_pages();
		$fields = ( new \WC_Settings_Accounts() )->get_settings_for_section( '' );
		$form   = array();
		foreach ( $fields as $field ) {
			if ( empty( $field['id'] ) || 'checkbox' !== ( $field['type'] ?? '' ) ) {
				continue;
			}
			$value = $changes[ $field['id'] ] ?? get_option( $field['id'], $field['default'] ?? 'no' );
			if ( 'yes' === $value ) {
				$form[ $field['id'] ] = '1';
			}
		}
		\WC_Admin_Settings::save_fields( $fields, $form );
	}

	private function rest( string $method, string $route, array $body ): \WP_REST_Response {
		wp_set_current_user( (int) get_user_by( 'login', 'admin' )->ID );
		$request = new WP_REST_Request( $method, $route );
		$request->set_body_params( $body );
		return rest_do_request( $request );
	}

	public function test_turning_guest_checkout_off_on_the_settings_screen_records_one_event_with_old_and_new_values(): void {
		$this->save_accounts_screen( array( 'woocommerce_enable_guest_checkout' => 'no' ) );

		$events = $this->recorded( 'wcadmin_utw_checkout_account_setting_change' );
		$this->assertCount( 1, $events, 'the other fields of the screen were saved unchanged' );
		$this->assertTrue( $events[0]['sent'] );
		$this->assertSame(
			array(
				'setting'   => 'guest_checkout',
				'old_value' => true,
				'new_value' => false,
			),
			array_intersect_key( $events[0]['props'], array_flip( array( 'setting', 'old_value', 'new_value' ) ) )
		);
	}

	public function test_saving_the_settings_screen_without_a_change_records_nothing(): void {
		$this->save_accounts_screen( array() );

		$this->assertSame( array(), $this->recorded( 'wcadmin_utw_checkout_account_setting_change' ) );
	}

	public function test_allowing_account_creation_at_checkout_through_the_rest_api_records_one_event(): void {
		$response = $this->rest( 'PUT', '/wc/v3/settings/account/woocommerce_enable_signup_and_login_from_checkout', array( 'value' => 'yes' ) );

		$this->assertSame( 200, $response->get_status() );
		$events = $this->recorded( 'wcadmin_utw_checkout_account_setting_change' );
		$this->assertCount( 1, $events );
		$this->assertSame( 'account_creation', $events[0]['props']['setting'] );
		$this->assertFalse( $events[0]['props']['old_value'] );
		$this->assertTrue( $events[0]['props']['new_value'] );
	}

	public function test_each_account_option_changed_in_code_is_reported_under_its_own_name(): void {
		update_option( 'woocommerce_enable_myaccount_registration', 'yes' === get_option( 'woocommerce_enable_myaccount_registration' ) ? 'no' : 'yes' );
		update_option( 'woocommerce_enable_delayed_account_creation', 'yes' === get_option( 'woocommerce_enable_delayed_account_creation' ) ? 'no' : 'yes' );
		update_option( 'woocommerce_enable_guest_checkout', 'no' );

		$settings = array_column( array_column( $this->recorded( 'wcadmin_utw_checkout_account_setting_change' ), 'props' ), 'setting' );
		$this->assertSame( array( 'guest_checkout', 'delayed_account_creation', 'myaccount_registration' ), $settings, 'newest first, one each' );
	}

	public function test_an_update_that_keeps_the_value_records_nothing(): void {
		update_option( 'woocommerce_enable_guest_checkout', 'yes' );
		update_option( 'utw_storefront_enabled', 'yes' );
		$cod          = get_option( 'woocommerce_cod_settings' );
		$cod['title'] = 'Pay when it arrives';
		update_option( 'woocommerce_cod_settings', $cod );

		$this->assertSame( array(), $this->all_logged() );
	}

	public function test_disabling_a_payment_method_through_the_rest_api_records_the_old_and_new_sets(): void {
		$before = \Utw\Settings\Settings_Snapshot::enabled_payment_methods();
		$this->assertContains( 'cheque', $before );

		$response = $this->rest( 'PUT', '/wc/v3/payment_gateways/cheque', array( 'enabled' => false ) );

		$this->assertSame( 200, $response->get_status() );
		$events = $this->recorded( 'wcadmin_utw_payment_method_change' );
		$this->assertCount( 1, $events );
		$props = $events[0]['props'];
		$this->assertSame( 'cheque', $props['payment_method'] );
		$this->assertTrue( $props['old_value'] );
		$this->assertFalse( $props['new_value'] );
		$this->assertSame( implode( ',', $before ), $props['old_payment_methods'] );
		$this->assertSame( implode( ',', array_diff( $before, array( 'cheque' ) ) ), $props['new_payment_methods'] );
	}

	public function test_enabling_a_payment_method_with_update_option_records_one_event(): void {
		$settings            = (array) get_option( 'woocommerce_bacs_settings', array() );
		$settings['enabled'] = 'yes';
		update_option( 'woocommerce_bacs_settings', $settings );

		$events = $this->recorded( 'wcadmin_utw_payment_method_change' );
		$this->assertCount( 1, $events );
		$this->assertSame( 'bacs', $events[0]['props']['payment_method'] );
		$this->assertFalse( $events[0]['props']['old_value'] );
		$this->assertTrue( $events[0]['props']['new_value'] );
		$this->assertContains( 'bacs', explode( ',', $events[0]['props']['new_payment_methods'] ) );
		$this->assertNotContains( 'bacs', explode( ',', $events[0]['props']['old_payment_methods'] ) );
	}

	public function test_settings_that_are_not_payment_gateways_are_not_reported(): void {
		update_option( 'woocommerce_new_order_settings', array( 'enabled' => 'no' ) );
		update_option( 'woocommerce_new_order_settings', array( 'enabled' => 'yes' ) );

		$this->assertSame( array(), $this->recorded( 'wcadmin_utw_payment_method_change' ) );
	}

	public function test_nothing_is_sent_while_the_store_has_not_opted_in(): void {
		update_option( 'woocommerce_allow_tracking', 'no' );

		update_option( 'woocommerce_enable_guest_checkout', 'no' );
		$cod            = get_option( 'woocommerce_cod_settings' );
		$cod['enabled'] = 'no';
		update_option( 'woocommerce_cod_settings', $cod );

		$events = $this->all_logged();
		$this->assertCount( 2, $events );
		foreach ( $events as $event ) {
			$this->assertFalse( $event['sent'] );
			$this->assertSame( 'gate closed: woocommerce_allow_tracking', $event['reason'] );
		}
	}

	public function test_turning_the_storefront_switch_off_is_sent_as_an_admin_event(): void {
		update_option( 'utw_storefront_enabled', 'no' );

		$events = $this->recorded( 'wcadmin_utw_tracking_switch_change' );
		$this->assertCount( 1, $events );
		$this->assertTrue( $events[0]['sent'] );
		$this->assertSame( 'storefront', $events[0]['props']['switch'] );
		$this->assertTrue( $events[0]['props']['old_value'] );
		$this->assertFalse( $events[0]['props']['new_value'] );
	}

	public function test_switching_tracking_off_is_not_sent_but_switching_it_back_on_is(): void {
		update_option( 'utw_enabled', 'no' );
		update_option( 'utw_enabled', 'yes' );

		$events = $this->recorded( 'wcadmin_utw_tracking_switch_change' );
		$this->assertCount( 2, $events );
		list( $on, $off ) = $events;
		$this->assertFalse( $off['sent'], 'the change that closes the gate is judged by the closed gate' );
		$this->assertSame( 'gate closed: plugin_switch', $off['reason'] );
		$this->assertTrue( $on['sent'] );
		$this->assertSame( 'plugin', $on['props']['switch'] );
		$this->assertFalse( $on['props']['old_value'] );
		$this->assertTrue( $on['props']['new_value'] );
	}
}
