<?php
/**
 * The event catalogue, as generated from the TypeScript sources.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Reads `catalogue-data.php`, which `npm run docs:tracking` generates from
 * `assets/source/tracks/catalogue/`: PHP never keeps a list of its own.
 *
 * @phpstan-type PropertyRule array{type: string, required: bool, values?: list<string>}
 * @phpstan-type EventEntry array{family: string, origin: string, destination: string, sent_as: string, properties: array<string, PropertyRule>}
 */
final class Event_Catalogue {

	/** Destination of events delivered to the store's connected analytics account. */
	public const ACCOUNT = 'account';
	/** Destination of the setup guide's own events: WooCommerce's Tracks. */
	public const WOOCOMMERCE = 'woocommerce';

	/**
	 * Generated data, read on first use: most requests never validate an event.
	 *
	 * @var array{events: array<string, EventEntry>, common: array<string, PropertyRule>, context: array<string, array<string, PropertyRule>>, privacy_patterns: array<string, string>}|null
	 */
	private ?array $loaded = null;

	/**
	 * Use load().
	 */
	private function __construct() {}

	/**
	 * The catalogue, one per request; its data is read when first needed.
	 *
	 * @return self
	 */
	public static function load(): self {
		static $catalogue = null;
		$catalogue      ??= new self();
		return $catalogue;
	}

	/**
	 * The generated data.
	 *
	 * @return array{events: array<string, EventEntry>, common: array<string, PropertyRule>, context: array<string, array<string, PropertyRule>>, privacy_patterns: array<string, string>}
	 */
	private function data(): array {
		if ( null === $this->loaded ) {
			/**
			 * The generated file's shape.
			 *
			 * @phpstan-var array{events: array<string, EventEntry>, common: array<string, PropertyRule>, context: array<string, array<string, PropertyRule>>, privacy_patterns: array<string, string>} $data
			 */
			$data         = require __DIR__ . '/catalogue-data.php';
			$this->loaded = $data;
		}
		return $this->loaded;
	}

	/**
	 * The catalogue entry of an event.
	 *
	 * @param string $name Event name as catalogued (`utw_…`).
	 * @return array|null The entry, or null for an unknown event.
	 * @phpstan-return EventEntry|null
	 */
	public function event( string $name ): ?array {
		return $this->data()['events'][ $name ] ?? null;
	}

	/**
	 * Whether only the server records an event (cart, order, settings): browsers may not send it.
	 *
	 * @param string $name Event name.
	 * @return bool
	 */
	public function is_server_only( string $name ): bool {
		return 'server' === ( $this->event( $name )['origin'] ?? null );
	}

	/**
	 * Every catalogued event name.
	 *
	 * @return string[]
	 */
	public function names(): array {
		return array_keys( $this->data()['events'] );
	}

	/**
	 * Where an event goes: `account` (the store's connected analytics account, which it waits
	 * for) or `woocommerce` (WooCommerce's Tracks: the setup guide's own events).
	 *
	 * @param string $name Event name.
	 * @return string|null Null for an unknown event.
	 */
	public function destination( string $name ): ?string {
		return $this->event( $name )['destination'] ?? null;
	}

	/**
	 * The rules an event's properties follow: the common properties, the server-side context of
	 * its family (storefront events carry the store settings), the account's context for events
	 * delivered to the connected account (the store id) and its own.
	 *
	 * @param string $name Catalogued event name.
	 * @return array<string, array{type: string, required: bool, values?: list<string>}>
	 */
	public function rules( string $name ): array {
		$event = $this->data()['events'][ $name ] ?? null;
		if ( null === $event ) {
			return $this->data()['common'];
		}
		$account = self::ACCOUNT === $event['destination'] ? ( $this->data()['context'][ self::ACCOUNT ] ?? array() ) : array();
		return array_merge( $this->data()['common'], $this->data()['context'][ $event['family'] ] ?? array(), $account, $event['properties'] );
	}

	/**
	 * Names of the properties the server adds to every event of a family.
	 *
	 * @param string $family `storefront` or `admin`.
	 * @return string[]
	 */
	public function context_properties( string $family ): array {
		return array_keys( $this->data()['context'][ $family ] ?? array() );
	}

	/**
	 * Regular expressions (without delimiters) of what counts as personal data.
	 *
	 * @return array<string, string> Pattern name => expression.
	 */
	public function privacy_patterns(): array {
		return $this->data()['privacy_patterns'];
	}
}
