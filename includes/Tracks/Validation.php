<?php
/**
 * The result of validating one event.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Either the cleaned properties or the reason the event was refused, and in both cases the
 * properties the guard removed (names and why, never their values).
 */
final class Validation {

	/**
	 * Use accepted() or refused().
	 *
	 * @param array<string, scalar> $props   Cleaned properties.
	 * @param string|null           $reason  Why the event was refused.
	 * @param array<string, string> $removed Removed property => why.
	 */
	private function __construct(
		public readonly array $props,
		public readonly ?string $reason,
		public readonly array $removed
	) {}

	/**
	 * An accepted event.
	 *
	 * @param array<string, scalar> $props   Cleaned properties.
	 * @param array<string, string> $removed Removed property => why.
	 * @return self
	 */
	public static function accepted( array $props, array $removed ): self {
		return new self( $props, null, $removed );
	}

	/**
	 * A refused event.
	 *
	 * @param string                $reason  Why.
	 * @param array<string, string> $removed Removed property => why.
	 * @return self
	 */
	public static function refused( string $reason, array $removed = array() ): self {
		return new self( array(), $reason, $removed );
	}

	/**
	 * Whether the event may be sent.
	 *
	 * @return bool
	 */
	public function ok(): bool {
		return null === $this->reason;
	}

	/**
	 * Whether the guard removed a property the catalogue does not know (the collection endpoint
	 * refuses such batches: its only client never sends them).
	 *
	 * @return bool
	 */
	public function had_uncatalogued_property(): bool {
		return in_array( 'not catalogued', $this->removed, true );
	}
}
