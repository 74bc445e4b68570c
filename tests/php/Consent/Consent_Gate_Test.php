<?php
/**
 * The consent gate, on the real stack.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Consent;

use Utw\Consent\Consent_Gate;
use Utw\Tests\Stack_Test_Case;

final class Consent_Gate_Test extends Stack_Test_Case {

	private Consent_Gate $gate;

	protected function set_up(): void {
		parent::set_up();
		$this->gate = new Consent_Gate();
		$this->open_gate();
	}

	public function test_it_is_open_when_the_store_opted_in_and_nothing_says_no(): void {
		$this->assertTrue( $this->gate->decide( 'storefront' )->open );
		$this->assertTrue( $this->gate->decide( 'admin' )->open );
	}

	public function test_woocommerce_tracking_is_off_by_default_and_keeps_the_gate_closed(): void {
		delete_option( 'woocommerce_allow_tracking' );
		$decision = $this->gate->decide( 'storefront' );
		$this->assertFalse( $decision->open );
		$this->assertSame( 'woocommerce_allow_tracking', $decision->closed_by );
	}

	public function test_without_a_connection_only_the_events_that_go_to_the_account_wait_for_it(): void {
		update_option( 'utw_store_connection', array() );

		$this->assertSame( 'not_connected', $this->gate->decide( 'storefront' )->closed_by );
		$this->assertSame( 'not_connected', $this->gate->decide( 'admin', true, true )->closed_by, 'settings changes and the test event' );
		$this->assertTrue( $this->gate->decide( 'admin' )->open, 'the setup guide\'s own events follow WooCommerce\'s opt-in alone' );

		update_option( 'woocommerce_allow_tracking', 'no' );
		$this->assertSame( 'woocommerce_allow_tracking', $this->gate->decide( 'admin' )->closed_by );
	}

	/**
	 * @dataProvider closing_conditions
	 */
	public function test_each_condition_closes_the_gate_and_is_named( callable $close, string $surface, string $condition ): void {
		$close( $this );
		$decision = $this->gate->decide( $surface );
		$this->assertFalse( $decision->open );
		$this->assertSame( $condition, $decision->closed_by );
		$this->assertSame(
			array(
				'open'     => false,
				'closedBy' => $condition,
			),
			$decision->to_config()
		);
	}

	/**
	 * @return array<string, array{0: callable, 1: string, 2: string}>
	 */
	public static function closing_conditions(): array {
		return array(
			'store not opted in'                     => array( static fn() => update_option( 'woocommerce_allow_tracking', 'no' ), 'admin', 'woocommerce_allow_tracking' ),
			'woocommerce_apply_user_tracking filter' => array( static fn( $t ) => $t->add_test_filter( 'woocommerce_apply_user_tracking', '__return_false' ), 'storefront', 'woocommerce_tracking_filter' ),
			'woocommerce_apply_tracking filter'      => array( static fn( $t ) => $t->add_test_filter( 'woocommerce_apply_tracking', '__return_false' ), 'admin', 'woocommerce_tracking_filter' ),
			'plugin switch off'                      => array( static fn() => update_option( 'utw_enabled', 'no' ), 'storefront', 'plugin_switch' ),
			'store not connected'                    => array( static fn() => update_option( 'utw_store_connection', array() ), 'storefront', 'not_connected' ),
			'storefront switch off'                  => array( static fn() => update_option( 'utw_storefront_enabled', 'no' ), 'storefront', 'family_switch' ),
			'admin switch off'                       => array( static fn() => update_option( 'utw_admin_enabled', 'no' ), 'admin', 'family_switch' ),
			'utw_tracking_enabled filter'            => array( static fn( $t ) => $t->add_test_filter( 'utw_tracking_enabled', '__return_false' ), 'storefront', 'utw_tracking_enabled' ),
		);
	}

	public function test_a_family_switch_only_closes_its_own_family(): void {
		update_option( 'utw_storefront_enabled', 'no' );
		$this->assertFalse( $this->gate->decide( 'storefront' )->open );
		$this->assertTrue( $this->gate->decide( 'admin' )->open );
	}

	public function test_the_filter_learns_which_surface_is_asked_about(): void {
		$this->add_test_filter( 'utw_tracking_enabled', static fn( $on, $surface ) => 'admin' === $surface, 10, 2 );
		$this->assertFalse( $this->gate->decide( 'storefront' )->open );
		$this->assertTrue( $this->gate->decide( 'admin' )->open );
	}

	public function test_a_change_of_option_takes_effect_at_the_next_decision(): void {
		$this->assertTrue( $this->gate->decide( 'storefront' )->open );
		update_option( 'utw_enabled', 'no' );
		$this->assertFalse( $this->gate->decide( 'storefront' )->open );
		update_option( 'utw_enabled', 'yes' );
		$this->assertTrue( $this->gate->decide( 'storefront' )->open );
	}
}
