<?php
/**
 * Base for tests of the server-side storefront listeners.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Storefront;

use Utw\Consent\Consent_Gate;
use Utw\Plugin;
use Utw\Storefront\Cart_Events;
use Utw\Storefront\Coupon_Events;
use Utw\Storefront\Order_Events;
use Utw\Storefront\Search_Events;
use Utw\Storefront\Shipping_Events;
use Utw\Tests\Stack_Test_Case;
use Utw\Tracks\Event_Catalogue;
use Utw\Tracks\Outbox;
use Utw\Tracks\Tracks_Client;

/**
 * Runs the listeners against the stack's real WooCommerce cart and orders, with a client of
 * their own whose outcomes the test reads (nothing leaves the process). The plugin's own
 * listeners step aside meanwhile, so that the test's cart changes are not recorded twice.
 */
abstract class Server_Events_Test_Case extends Stack_Test_Case {

	/** The plugin's storefront listeners, whose hooks the test takes over. */
	private const LISTENERS = array( Cart_Events::class, Order_Events::class, Coupon_Events::class, Shipping_Events::class, Search_Events::class );

	protected Tracks_Client $tracks;
	protected Outbox $outbox;

	/**
	 * The outbox's last row id before the test.
	 *
	 * @var int
	 */
	private int $rows_before = 0;

	/**
	 * The plugin's listeners taken off for the test.
	 *
	 * @var list<array{0: string, 1: callable, 2: int, 3: int}>
	 */
	private array $set_aside = array();

	protected function set_up(): void {
		parent::set_up();
		$this->open_gate();
		$this->set_aside_plugin_listeners();
		$this->log_from_now();
		$this->rows_before  = $this->last_outbox_row();
		$this->outbox       = new Outbox();
		$this->tracks       = new Tracks_Client( new Consent_Gate(), Event_Catalogue::load(), $this->outbox );
		$_COOKIE['utw_vid'] = 'AbCdEfGhIjKlMnOpQrStUv';
	}

	protected function tear_down(): void {
		remove_action( 'shutdown', array( $this->tracks, 'end_request' ), 0 );
		foreach ( $this->set_aside as list( $hook, $callback, $priority, $args ) ) {
			add_action( $hook, $callback, $priority, $args );
		}
		$this->set_aside = array();
		parent::tear_down();
	}

	/**
	 * Events the test's client queued, oldest first, as `[ name, props ]`. Writes what the
	 * client holds, as the end of the request would, without running the builders' own
	 * end-of-request steps (the test runs those).
	 *
	 * @return list<array{0: string, 1: array<string, mixed>}>
	 */
	protected function sent(): array {
		$this->outbox->write();
		return array_map(
			static fn( array $row ): array => array( $row['event'], $row['props'] ),
			$this->logged( Outbox::QUEUED )
		);
	}

	/**
	 * Everything the outbox stored for the test's events, as stored (the JSON of their properties,
	 * what the privacy guard removed, the reasons): what the merchant's log and the delivery read.
	 *
	 * @return string
	 */
	protected function stored_text(): string {
		global $wpdb;
		$this->outbox->write();
		$table = Outbox::table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT event, props, removed, reason FROM {$table} WHERE id > %d", $this->rows_before ), ARRAY_A );
		return (string) wp_json_encode( $rows );
	}

	private function last_outbox_row(): int {
		global $wpdb;
		$table = Outbox::table();
		return (int) $wpdb->get_var( "SELECT COALESCE(MAX(id), 0) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	/**
	 * The stack's product of a name.
	 *
	 * @param string $sku Product SKU (`UTW-HOODIE`, `UTW-TSHIRT`, `UTW-MUG`).
	 * @return int
	 */
	protected static function product_id( string $sku ): int {
		return (int) wc_get_product_id_by_sku( $sku );
	}

	/**
	 * Takes the plugin's own listeners off their hooks (Plugin::HOOKS): on each hook, the closure
	 * that builds the listener on first use holds the method it calls.
	 */
	private function set_aside_plugin_listeners(): void {
		global $wp_filter;
		foreach ( self::LISTENERS as $listener ) {
			foreach ( Plugin::HOOKS[ $listener ] as list( $hook, $method, $priority ) ) {
				foreach ( $wp_filter[ $hook ]->callbacks[ $priority ] ?? array() as $callback ) {
					$function = $callback['function'];
					if ( $function instanceof \Closure && ( ( new \ReflectionFunction( $function ) )->getStaticVariables()['method'] ?? null ) === $method ) {
						remove_action( $hook, $function, $priority );
						$this->set_aside[] = array( $hook, $function, $priority, $callback['accepted_args'] );
					}
				}
			}
		}
	}
}
