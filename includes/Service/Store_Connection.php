<?php
/**
 * The store's data path at its analytics account: its store id and ingest URL.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Service;

use Utw\Admin\Setup_Guide\Setup_Guide_Progress;
use Utw\Options;
use Utw\Tracks\Outbox;

defined( 'ABSPATH' ) || exit;

/**
 * Connecting the store in the setup guide is what starts its data: once the analytics service
 * names the store's id and ingest URL (when a business account is connected), storefront events,
 * settings changes and the test event are accepted and delivered there, carrying the store id.
 *
 * The guide's connection (option `utw_service_connection`, with the access token, never
 * autoloaded) is the source; this class keeps its public part — store id and ingest URL — in an
 * autoloaded option the consent gate reads on every request without a query, and follows every
 * change of the source. When the store is disconnected, or connected to another store, the events
 * still waiting for the old ingest are dropped: one account's events never go to another, nor
 * anywhere once the merchant disconnected.
 */
final class Store_Connection {

	/** `{store_id, ingest_url}` of the connected store, `[]` when not connected; autoloaded. */
	public const OPTION = Options::STORE_CONNECTION;

	/** A store id as the service issues it. */
	private const STORE_ID = '/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/';

	/**
	 * Creates the feature.
	 *
	 * @param Outbox $outbox The outbox, whose waiting events of an old connection are dropped.
	 */
	public function __construct( private readonly Outbox $outbox ) {}

	/**
	 * Follows the guide's connection: stored, changed or forgotten.
	 */
	public function register(): void {
		$option = Setup_Guide_Progress::CONNECTION_OPTION;
		add_action( "add_option_{$option}", array( $this, 'sync' ) );
		add_action( "update_option_{$option}", array( $this, 'sync' ) );
		add_action( "delete_option_{$option}", array( $this, 'sync' ) );
	}

	/**
	 * The connected store, or null when the store is not connected.
	 *
	 * @return array{store_id: string, ingest_url: string}|null
	 */
	public static function current(): ?array {
		$stored = get_option( self::OPTION );
		if ( ! is_array( $stored ) || ! isset( $stored['store_id'], $stored['ingest_url'] ) ) {
			return null;
		}
		$store = self::valid( $stored['store_id'], $stored['ingest_url'] );
		return $store;
	}

	/**
	 * The store part of an account as the service describes it, when it is valid.
	 *
	 * @param mixed $store_id   Store id.
	 * @param mixed $ingest_url Ingest URL.
	 * @return array{store_id: string, ingest_url: string}|null
	 */
	public static function valid( mixed $store_id, mixed $ingest_url ): ?array {
		if ( ! is_string( $store_id ) || ! preg_match( self::STORE_ID, $store_id ) || ! is_string( $ingest_url ) ) {
			return null;
		}
		$scheme = wp_parse_url( $ingest_url, PHP_URL_SCHEME );
		if ( ! in_array( $scheme, array( 'http', 'https' ), true ) || ! wp_parse_url( $ingest_url, PHP_URL_HOST ) ) {
			return null;
		}
		return array(
			'store_id'   => $store_id,
			'ingest_url' => $ingest_url,
		);
	}

	/**
	 * Re-reads the guide's connection and keeps the store part; drops the events that waited for
	 * an ingest the store is no longer connected to.
	 */
	public function sync(): void {
		$connection = get_option( Setup_Guide_Progress::CONNECTION_OPTION );
		$store      = is_array( $connection ) && is_array( $connection['account']['store'] ?? null )
			? self::valid( $connection['account']['store']['id'] ?? null, $connection['account']['store']['ingest_url'] ?? null )
			: null;
		$before     = self::current();
		if ( $before === $store ) {
			return;
		}
		// Kept (empty) when not connected: a missing option would cost the gate a query per request.
		update_option( self::OPTION, $store ?? array(), true );
		if ( null !== $before && ( null === $store || $before['ingest_url'] !== $store['ingest_url'] ) ) {
			$this->outbox->drop_waiting_for( $before['ingest_url'], 'the store was disconnected from the analytics account these events were recorded for' );
		}
	}
}
