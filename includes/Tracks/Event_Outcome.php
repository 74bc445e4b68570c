<?php
/**
 * What happened to one event.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Sent (with the properties that left) or dropped (with the reason, never the values).
 */
final class Event_Outcome {

	/**
	 * Use sent() or dropped().
	 *
	 * @param string                $event   Event name as sent, or as recorded when dropped.
	 * @param bool                  $sent    Whether it was sent.
	 * @param string|null           $reason  Why it was dropped.
	 * @param array<string, scalar> $props   Properties sent.
	 * @param array<string, string> $removed Properties the guard removed => why.
	 * @param int                   $time    Unix time.
	 */
	private function __construct(
		public readonly string $event,
		public readonly bool $sent,
		public readonly ?string $reason,
		public readonly array $props,
		public readonly array $removed,
		public readonly int $time
	) {}

	/**
	 * A sent event.
	 *
	 * @param string                $event   Name as sent.
	 * @param array<string, scalar> $props   Properties sent.
	 * @param array<string, string> $removed Removed properties => why.
	 * @return self
	 */
	public static function sent( string $event, array $props, array $removed ): self {
		return new self( $event, true, null, $props, $removed, time() );
	}

	/**
	 * A dropped event.
	 *
	 * @param string                $event   Name as recorded.
	 * @param string                $reason  Why.
	 * @param array<string, string> $removed Removed properties => why.
	 * @return self
	 */
	public static function dropped( string $event, string $reason, array $removed = array() ): self {
		return new self( $event, false, $reason, array(), $removed, time() );
	}

	/**
	 * The outcome as stored and shown.
	 *
	 * @return array{event: string, sent: bool, reason: string|null, props: array<string, scalar>, removed: array<string, string>, time: int}
	 */
	public function to_array(): array {
		return array(
			'event'   => $this->event,
			'sent'    => $this->sent,
			'reason'  => $this->reason,
			'props'   => $this->props,
			'removed' => $this->removed,
			'time'    => $this->time,
		);
	}
}
