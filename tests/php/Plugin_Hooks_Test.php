<?php
/**
 * The hook table of the features the plugin builds on first use.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests;

use ReflectionMethod;
use Utw\Plugin;
use Utw\Tracks\Delivery;
use WP_REST_Request;

/**
 * Plugin::HOOKS is data, which static analysis does not follow into the features: a misspelt
 * method or a hook that passes fewer arguments than the method needs would only fail when that
 * hook first fires on a store. These tests read the table against the real classes, and run a
 * lazily built hook where a page view also reaches it.
 */
final class Plugin_Hooks_Test extends Stack_Test_Case {

	public function test_every_hooked_method_exists_is_public_and_gets_the_arguments_it_needs(): void {
		$checked = 0;
		foreach ( Plugin::HOOKS as $feature => $hooks ) {
			foreach ( $hooks as list( $hook, $method, $priority, $accepted_args ) ) {
				$where = "{$feature}::{$method} on {$hook}";
				$this->assertTrue( method_exists( $feature, $method ), "{$where}: no such method" );
				$reflection = new ReflectionMethod( $feature, $method );
				$this->assertTrue( $reflection->isPublic(), "{$where}: not public" );
				$this->assertGreaterThanOrEqual( $reflection->getNumberOfRequiredParameters(), $accepted_args, "{$where}: the hook passes fewer arguments than the method needs" );
				$this->assertLessThanOrEqual( $reflection->getNumberOfParameters(), $accepted_args, "{$where}: the hook passes arguments the method drops" );
				$this->assertIsInt( $priority );
				++$checked;
			}
		}
		$this->assertGreaterThanOrEqual( 25, $checked );
	}

	public function test_the_delivery_is_hooked_on_its_own_action_scheduler_hooks(): void {
		$hooks = array_column( Plugin::HOOKS[ Delivery::class ], 0 );
		foreach ( array( Delivery::HOOK, Delivery::NOW_HOOK, Delivery::PRUNE_HOOK ) as $hook ) {
			$this->assertContains( $hook, $hooks );
		}
	}

	public function test_a_store_api_read_that_a_page_preloads_passes_through_untouched(): void {
		$request  = new WP_REST_Request( 'GET', '/wc/store/v1/cart' );
		$response = array( 'preloaded' => true );
		$this->assertSame( $response, apply_filters( 'rest_request_before_callbacks', $response, array(), $request ) );
	}
}
