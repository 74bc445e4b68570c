<?php
/**
 * What the pipeline did with one event.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Queued for delivery (with its event id and the properties that will leave) or dropped (with
 * the reason, never the values).
 */
final class Event_Outcome {

	/**
	 * Use queued() or dropped().
	 *
	 * @param string                        $event   Event name as sent, or as recorded when dropped.
	 * @param string                        $family  Event family (`storefront`, `admin`), '' when unknown.
	 * @param string                        $state   Outbox::QUEUED or Outbox::DROPPED.
	 * @param string                        $eid     Event id (`_eid`), '' when dropped.
	 * @param string|null                   $reason  Why it was dropped.
	 * @param array<string, scalar>         $props   Properties to send.
	 * @param array<string, string>         $removed Properties the guard removed => why.
	 * @param string                        $destination Pixel URL it is delivered to, '' when dropped.
	 * @param array{0: string, 1: int}|null $ledger  A builder's ledger entry: key and the quantity
	 *                                               this event leaves reported under it.
	 */
	private function __construct(
		public readonly string $event,
		public readonly string $family,
		public readonly string $state,
		public readonly string $eid,
		public readonly ?string $reason,
		public readonly array $props,
		public readonly array $removed,
		public readonly string $destination = '',
		public readonly ?array $ledger = null
	) {}

	/**
	 * An accepted event, waiting in the outbox.
	 *
	 * @param string                        $event   Name as sent.
	 * @param string                        $family  Event family.
	 * @param string                        $eid     Event id.
	 * @param array<string, scalar>         $props   Properties to send.
	 * @param array<string, string>         $removed     Removed properties => why.
	 * @param string                        $destination Pixel URL it is delivered to.
	 * @param array{0: string, 1: int}|null $ledger The builder's ledger entry.
	 * @return self
	 */
	public static function queued( string $event, string $family, string $eid, array $props, array $removed, string $destination, ?array $ledger = null ): self {
		return new self( $event, $family, Outbox::QUEUED, $eid, null, $props, $removed, $destination, $ledger );
	}

	/**
	 * A dropped event.
	 *
	 * @param string                $event   Name as recorded.
	 * @param string                $reason  Why.
	 * @param array<string, string> $removed Removed properties => why.
	 * @param string                $family  Event family, '' when unknown.
	 * @return self
	 */
	public static function dropped( string $event, string $reason, array $removed = array(), string $family = '' ): self {
		return new self( $event, $family, Outbox::DROPPED, '', $reason, array(), $removed );
	}

	/**
	 * Whether the event was accepted for delivery.
	 *
	 * @return bool
	 */
	public function accepted(): bool {
		return Outbox::QUEUED === $this->state;
	}

	/**
	 * The outcome as a REST answer shows it.
	 *
	 * @return array{event: string, state: string, eid: string, reason: string|null, props: array<string, scalar>, removed: array<string, string>}
	 */
	public function to_array(): array {
		return array(
			'event'   => $this->event,
			'state'   => $this->state,
			'eid'     => $this->eid,
			'reason'  => $this->reason,
			'props'   => $this->props,
			'removed' => $this->removed,
		);
	}
}
