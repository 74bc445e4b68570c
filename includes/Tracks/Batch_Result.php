<?php
/**
 * What the pipeline did with a browser's batch.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Either how many events were accepted and dropped, or the first invalid event (then nothing of
 * the batch was accepted).
 */
final class Batch_Result {

	/**
	 * Use accepted() or refused().
	 *
	 * @param int         $accepted How many events went to the outbox.
	 * @param int         $dropped  How many were dropped (gate closed, crawler).
	 * @param int|null    $index    Index of the invalid event.
	 * @param string|null $reason   Why it is invalid.
	 */
	private function __construct(
		public readonly int $accepted,
		public readonly int $dropped,
		public readonly ?int $index = null,
		public readonly ?string $reason = null
	) {}

	/**
	 * A batch that passed validation.
	 *
	 * @param int $accepted Accepted events.
	 * @param int $dropped  Dropped events.
	 * @return self
	 */
	public static function accepted( int $accepted, int $dropped ): self {
		return new self( $accepted, $dropped );
	}

	/**
	 * A batch refused because of one event.
	 *
	 * @param int    $index  Index of the event.
	 * @param string $reason Why.
	 * @return self
	 */
	public static function refused( int $index, string $reason ): self {
		return new self( 0, 0, $index, $reason );
	}

	/**
	 * Whether the batch was valid.
	 *
	 * @return bool
	 */
	public function ok(): bool {
		return null === $this->reason;
	}
}
