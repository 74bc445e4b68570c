<?php
/**
 * Base class for tests that run inside the stack's WordPress.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests;

use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Each test runs in a database transaction that is rolled back, with WordPress's caches and the
 * plugin's in-memory queues emptied, so tests cannot see each other.
 */
abstract class Stack_Test_Case extends TestCase {

	/**
	 * Filters added by the test, removed afterwards.
	 *
	 * @var array<int, array{0: string, 1: callable, 2: int}>
	 */
	private array $filters = array();

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$wpdb->query( 'START TRANSACTION' );
		wp_cache_flush();
		$_COOKIE = array();
		$this->recent()->clear();
	}

	protected function tear_down(): void {
		global $wpdb;
		foreach ( $this->filters as list( $hook, $callback, $priority ) ) {
			remove_filter( $hook, $callback, $priority );
		}
		$this->filters = array();
		$this->recent()->clear();
		$wpdb->query( 'ROLLBACK' );
		wp_cache_flush();
		$_COOKIE = array();
		parent::tear_down();
	}

	/**
	 * Adds a filter for this test only.
	 *
	 * @param string   $hook     Hook.
	 * @param callable $callback Callback.
	 * @param int      $priority Priority.
	 * @param int      $args     Accepted arguments.
	 */
	protected function add_test_filter( string $hook, callable $callback, int $priority = 10, int $args = 1 ): void {
		add_filter( $hook, $callback, $priority, $args );
		$this->filters[] = array( $hook, $callback, $priority );
	}

	/**
	 * Opens every condition of the gate (the stack starts with WooCommerce's opt-in off).
	 */
	protected function open_gate(): void {
		update_option( 'woocommerce_allow_tracking', 'yes' );
		update_option( 'utw_enabled', 'yes' );
		update_option( 'utw_storefront_enabled', 'yes' );
		update_option( 'utw_admin_enabled', 'yes' );
	}

	/**
	 * The plugin's recent-events store.
	 *
	 * @return \Utw\Tracks\Recent_Events
	 */
	protected function recent(): \Utw\Tracks\Recent_Events {
		return \Utw\Plugin::instance()->recent_events;
	}
}
