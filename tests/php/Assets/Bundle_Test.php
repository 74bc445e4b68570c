<?php
/**
 * Built bundles are enqueued as their asset file says.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Assets;

use Utw\Assets\Bundle;
use Utw\Consent\Gate_Decision;
use Utw\Plugin;
use Utw\Tests\Stack_Test_Case;

final class Bundle_Test extends Stack_Test_Case {

	protected function tear_down(): void {
		wp_dequeue_script( 'utw-bundle-test' );
		wp_deregister_script( 'utw-bundle-test' );
		parent::tear_down();
	}

	public function test_the_built_storefront_bundle_is_enqueued_with_the_dependencies_and_version_of_its_asset_file(): void {
		$asset = require dirname( Plugin::file() ) . '/assets/build/storefront.asset.php';

		$this->assertTrue( Bundle::enqueue( 'storefront', 'utw-bundle-test', array( 'gate' => array( 'open' => true ) ) ) );

		$script = wp_scripts()->registered['utw-bundle-test'];
		$this->assertSame( $asset['dependencies'], $script->deps );
		$this->assertSame( $asset['version'], $script->ver );
		$this->assertStringEndsWith( '/usage-tracking-for-woocommerce/assets/build/storefront.js', $script->src );
		$this->assertSame( 'defer', $script->extra['strategy'] ?? null );
		$this->assertStringContainsString( 'window.utwConfig = {"gate":{"open":true}}', implode( '', $script->extra['before'] ) );
	}

	public function test_the_storefront_bundle_depends_on_neither_jquery_nor_react(): void {
		$asset = require dirname( Plugin::file() ) . '/assets/build/storefront.asset.php';
		$this->assertEmpty( array_intersect( array( 'jquery', 'react', 'react-dom', 'wp-element' ), $asset['dependencies'] ) );
	}

	public function test_a_bundle_that_was_not_built_is_not_enqueued(): void {
		$this->assertFalse( Bundle::enqueue( 'no-such-bundle', 'utw-bundle-test', array() ) );
		$this->assertArrayNotHasKey( 'utw-bundle-test', wp_scripts()->registered );
	}

	public function test_the_config_carries_the_gate_decision_and_no_per_visitor_value(): void {
		$_COOKIE['utw_vid'] = 'AbCdEfGhIjKlMnOpQrStUv';
		$config             = Bundle::config( Gate_Decision::closed( 'plugin_switch' ) );
		$this->assertSame(
			array(
				'open'     => false,
				'closedBy' => 'plugin_switch',
			),
			$config['gate']
		);
		$this->assertStringNotContainsString( 'AbCdEfGhIjKlMnOpQrStUv', (string) wp_json_encode( $config ) );
		$this->assertStringNotContainsString( 'nonce', strtolower( (string) wp_json_encode( $config ) ) );
	}
}
