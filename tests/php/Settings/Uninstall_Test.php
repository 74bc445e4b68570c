<?php
/**
 * Deleting the plugin leaves nothing behind: WordPress's own uninstall_plugin() runs
 * uninstall.php in the stack, inside the test's transaction, which is rolled back afterwards.
 * Dropping a table would end that transaction (MariaDB commits before DDL), so the test notes the
 * DROP statements uninstall.php issues and runs them as no-ops.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Settings;

use Utw\Tests\Stack_Test_Case;

final class Uninstall_Test extends Stack_Test_Case {

	private const PLUGIN = 'usage-tracking-for-woocommerce/plugin.php';

	public function test_after_uninstall_no_option_transient_scheduled_action_or_table_of_the_plugin_is_left(): void {
		global $wpdb;
		$this->make_the_plugin_store_everything_it_stores();
		$this->assertNotSame( array(), $this->leftover_options(), 'the plugin had stored options' );

		$tables  = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . 'utw_' ) . '%' ) );
		$dropped = array();
		$this->add_test_filter(
			'query',
			static function ( string $query ) use ( &$dropped ): string {
				if ( preg_match( '/^\s*DROP TABLE IF EXISTS `?(\w+)`?/i', $query, $match ) ) {
					$dropped[] = $match[1];
					return 'SELECT 1';
				}
				return $query;
			}
		);

		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		uninstall_plugin( self::PLUGIN );
		wp_cache_flush();

		$this->assertSame( array(), $this->leftover_options() );
		$this->assertFalse( get_transient( 'utw_page_blocks_cart' ) );
		$cron_hooks = array();
		foreach ( (array) _get_cron_array() as $events ) {
			$cron_hooks = array_merge( $cron_hooks, array_keys( (array) $events ) );
		}
		$this->assertSame( array(), array_values( array_filter( $cron_hooks, static fn( $hook ) => str_starts_with( (string) $hook, 'utw_' ) ) ) );
		$this->assertFalse( wp_next_scheduled( \ActionScheduler_QueueRunner::WP_CRON_HOOK, array( \Utw\Tracks\Delivery::FOLLOW_UP_RUN ) ), 'the follow-up run delivery asked WP-Cron for is gone' );
		$this->assertSame(
			'0',
			$wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}actionscheduler_actions WHERE hook LIKE 'utw\\_%' AND status = 'pending'" )
		);
		$this->assertContains( $wpdb->prefix . 'utw_events', $tables, 'the outbox table existed' );
		$this->assertEqualsCanonicalizing( $tables, $dropped, 'every table of the plugin is dropped' );
		$this->assertSame( '0', $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key = '_utw_order_processed_recorded'" ) );
		$this->assertSame( '0', $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}wc_orders_meta WHERE meta_key = '_utw_order_processed_recorded'" ) );
	}

	/**
	 * Every kind of thing the plugin keeps: its options, the snapshot, recent events, a cached
	 * transient, the follow-up queue run delivery asks WP-Cron for while events flow, and, to
	 * prove the sweep, a scheduled event and action under its prefix.
	 */
	private function make_the_plugin_store_everything_it_stores(): void {
		$this->open_gate();
		$plugin = \Utw\Plugin::instance();
		$plugin->snapshot()->refresh();
		$plugin->tracks()->record_event( 'utw_test_event' );
		$plugin->tracks()->end_request();
		\Utw\Tracks\Delivery::schedule();
		wp_schedule_single_event( time() + \Utw\Tracks\Delivery::INTERVAL, \ActionScheduler_QueueRunner::WP_CRON_HOOK, array( \Utw\Tracks\Delivery::FOLLOW_UP_RUN ) );
		$order = wc_create_order();
		$order->update_meta_data( \Utw\Storefront\Order_Events::RECORDED_META, (string) time() );
		$order->save();
		\Utw\Storefront\Page_Blocks::of_configured_page( 'cart' );
		wp_schedule_single_event( time() + 3600, 'utw_uninstall_probe' );
		as_schedule_single_action( time() + 3600, 'utw_uninstall_probe' );
		$this->assertNotFalse( get_transient( 'utw_page_blocks_cart' ) );
	}

	/**
	 * Options and transients named with the plugin's prefix.
	 *
	 * @return list<string>
	 */
	private function leftover_options(): array {
		global $wpdb;
		return $wpdb->get_col(
			"SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE 'utw\\_%' OR option_name LIKE '\\_transient\\_utw\\_%' OR option_name LIKE '\\_transient\\_timeout\\_utw\\_%' OR option_name LIKE '\\_site\\_transient\\_utw\\_%'"
		);
	}
}
