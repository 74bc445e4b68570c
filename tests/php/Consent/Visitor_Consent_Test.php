<?php
/**
 * The gate where the WP Consent API is present.
 *
 * This test defines the Consent API's `wp_has_consent()` in the test process (the stack does not
 * install the Consent API plugin), so it runs in its own process.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Consent;

use Utw\Consent\Consent_Gate;
use Utw\Tests\Stack_Test_Case;

/**
 * @runTestsInSeparateProcesses
 * @preserveGlobalState disabled
 */
final class Visitor_Consent_Test extends Stack_Test_Case {

	protected function set_up(): void {
		parent::set_up();
		$this->open_gate();
		if ( ! function_exists( 'wp_has_consent' ) ) {
			// The Consent API's contract: consent is read from the visitor's cookie.
			eval( 'function wp_has_consent( $category ) { return ( $_COOKIE[ "wp_consent_" . $category ] ?? "" ) === "allow"; }' ); // phpcs:ignore Squiz.PHP.Eval.Discouraged
		}
	}

	public function test_server_side_storefront_events_need_the_visitors_statistics_consent(): void {
		$gate     = new Consent_Gate();
		$decision = $gate->decide( 'storefront' );
		$this->assertFalse( $decision->open );
		$this->assertSame( 'visitor_consent', $decision->closed_by );

		$_COOKIE['wp_consent_statistics'] = 'allow';
		$this->assertTrue( $gate->decide( 'storefront' )->open );
	}

	public function test_a_page_is_rendered_the_same_for_every_visitor_and_tells_the_browser_to_ask(): void {
		$gate                             = new Consent_Gate();
		$without                          = $gate->decide( 'storefront', false )->to_config();
		$_COOKIE['wp_consent_statistics'] = 'allow';
		$with                             = $gate->decide( 'storefront', false )->to_config();
		$this->assertSame(
			array(
				'open'    => true,
				'consent' => 'statistics',
			),
			$without
		);
		$this->assertSame( $without, $with );
	}

	public function test_admin_events_do_not_depend_on_a_visitors_consent(): void {
		$this->assertTrue( ( new Consent_Gate() )->decide( 'admin' )->open );
	}
}
