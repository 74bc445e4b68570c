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

	/**
	 * The outbox's last row id before the test.
	 *
	 * @var int
	 */
	private int $last_row = 0;

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$wpdb->query( 'START TRANSACTION' );
		wp_cache_flush();
		$_COOKIE        = array();
		$table          = \Utw\Tracks\Outbox::table();
		$this->last_row = (int) $wpdb->get_var( "SELECT COALESCE(MAX(id), 0) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	protected function tear_down(): void {
		global $wpdb;
		foreach ( $this->filters as list( $hook, $callback, $priority ) ) {
			remove_filter( $hook, $callback, $priority );
		}
		$this->filters = array();
		// What the plugin's client still holds is written inside the transaction, and rolled back.
		\Utw\Plugin::instance()->tracks()->end_request();
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
	 * Opens every condition of the gate (the stack starts with WooCommerce's opt-in off), the
	 * store connected to the local analytics service's store `st-local` among them.
	 */
	protected function open_gate(): void {
		update_option( 'utw_store_connection', Stack_Test_Case_Collector::local_store(), true );
		update_option( 'woocommerce_allow_tracking', 'yes' );
		update_option( 'utw_enabled', 'yes' );
		update_option( 'utw_storefront_enabled', 'yes' );
		update_option( 'utw_admin_enabled', 'yes' );
	}

	/**
	 * Writes what the plugin's client holds (the test's own set-up, say) and starts what
	 * logged() returns from here.
	 */
	protected function log_from_now(): void {
		global $wpdb;
		\Utw\Plugin::instance()->tracks()->end_request();
		$table          = \Utw\Tracks\Outbox::table();
		$this->last_row = (int) $wpdb->get_var( "SELECT COALESCE(MAX(id), 0) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	/**
	 * The rows the test added to the outbox, oldest first, after writing what the plugin's client
	 * holds (as the end of the request would).
	 *
	 * @param string|null $state Only rows in this state.
	 * @return list<array<string, mixed>>
	 */
	protected function logged( ?string $state = null ): array {
		global $wpdb;
		\Utw\Plugin::instance()->tracks()->end_request();
		$table = \Utw\Tracks\Outbox::table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$ids  = array_map( 'intval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$table} WHERE id > %d ORDER BY id", $this->last_row ) ) );
		$rows = array();
		foreach ( \Utw\Plugin::instance()->outbox()->page( 'all', 'all', 1, 1000 )['rows'] as $row ) {
			if ( in_array( $row['id'], $ids, true ) && ( null === $state || $state === $row['state'] ) ) {
				$rows[] = $row;
			}
		}
		return array_reverse( $rows );
	}
}
