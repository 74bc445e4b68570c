<?php
/**
 * The server-side Tracks client: the only door through which an event leaves the store.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

use Utw\Consent\Consent_Gate;
use Utw\Plugin;
use Utw\Service\Store_Connection;

defined( 'ABSPATH' ) || exit;

/**
 * Every event the server accepts passes here, whether a PHP builder recorded it (cart, order,
 * settings) or a browser sent it through the collection endpoint: gate, common properties,
 * privacy guard and validation, then the outbox. Those steps are private, so nothing can reach
 * the outbox around the gate.
 *
 * Nothing here calls the network. Accepted and dropped events are kept in memory and written to
 * the outbox in one query by the single end-of-request step, after any steps builders asked to
 * run first (the cart's per-request changes, the settings snapshot); Action Scheduler delivers
 * them later (see Delivery).
 */
final class Tracks_Client {

	/**
	 * Validator built from the catalogue.
	 *
	 * @var Event_Validator
	 */
	private Event_Validator $validator;

	/**
	 * Steps to run at the end of the request, before the outbox is written, in the order given.
	 *
	 * @var list<callable(): void>
	 */
	private array $end_steps = array();

	/**
	 * Whether the end-of-request step is hooked.
	 *
	 * @var bool
	 */
	private bool $hooked = false;

	/**
	 * Creates the client.
	 *
	 * @param Consent_Gate    $gate      The consent gate.
	 * @param Event_Catalogue $catalogue The catalogue.
	 * @param Outbox          $outbox    Where accepted (and refused) events are written.
	 */
	public function __construct(
		private readonly Consent_Gate $gate,
		private readonly Event_Catalogue $catalogue,
		private readonly Outbox $outbox
	) {
		$this->validator = new Event_Validator( $catalogue );
	}

	/**
	 * Records an event a PHP builder made. It is written to the outbox at the end of the request
	 * and delivered in the background: the request never waits for the destination.
	 *
	 * A builder that must remember what it reported (the cart: how many of an item the events
	 * say it holds) passes a ledger entry: a key and the quantity this event leaves reported. It
	 * is stored with the event, in the same write, and read back with reported(): the outbox is the
	 * ledger, so remembering costs no write of its own.
	 *
	 * @param string                        $name   Catalogued event name (`utw_…`, without `wcadmin_`).
	 * @param array<string, mixed>          $props  The event's own properties.
	 * @param array{0: string, 1: int}|null $ledger Ledger key and quantity, when the builder keeps one.
	 * @return Event_Outcome Queued (with its event id) or dropped (with the reason).
	 */
	public function record_event( string $name, array $props = array(), ?array $ledger = null ): Event_Outcome {
		if ( self::is_crawler() && $this->family_of( $name ) === Consent_Gate::STOREFRONT ) {
			return Event_Outcome::dropped( $name, 'crawler' );
		}
		$closed = $this->closed_gate( $name );
		if ( null !== $closed ) {
			return $this->drop( $name, $closed );
		}
		$validation = $this->validate( $name, $props );
		if ( ! $validation->ok() ) {
			return $this->drop( $name, (string) $validation->reason, $validation->removed );
		}
		return $this->enqueue( $name, $validation, $ledger );
	}

	/**
	 * The quantity the newest accepted event of a ledger key left reported, or null when none was.
	 *
	 * @param string $key Ledger key.
	 * @return int|null
	 */
	public function reported( string $key ): ?int {
		return $this->outbox->ledger_quantity( $key );
	}

	/**
	 * Records a batch a browser sent: all of its events, or none when one is invalid. Events the
	 * server records itself are refused (a browser cannot forge a cart or an order event), and
	 * so are properties the catalogue does not know (the browser client never sends them).
	 * Events whose gate is closed are dropped without failing the batch: the page may be older
	 * than a switch.
	 *
	 * @param list<array{name: string, props: array<string, mixed>}> $events Parsed events.
	 * @return Batch_Result
	 */
	public function record_batch( array $events ): Batch_Result {
		if ( self::is_crawler() ) {
			return Batch_Result::accepted( 0, count( $events ) );
		}
		$accepted = array();
		$dropped  = 0;
		foreach ( $events as $index => $event ) {
			$name = $event['name'];
			if ( $this->catalogue->is_server_only( $name ) ) {
				return Batch_Result::refused( $index, "{$name} is recorded by the store itself and cannot be sent from a browser" );
			}
			$closed = $this->closed_gate( $name );
			if ( null !== $closed ) {
				$this->drop( $name, $closed );
				++$dropped;
				continue;
			}
			$validation = $this->validate( $name, $event['props'] );
			if ( ! $validation->ok() || $validation->had_uncatalogued_property() ) {
				$reason = $validation->reason ?? 'uncatalogued properties: ' . implode( ', ', array_keys( $validation->removed, 'not catalogued', true ) );
				$this->drop( $name, $reason );
				return Batch_Result::refused( $index, $reason );
			}
			$accepted[] = array( $name, $validation );
		}
		foreach ( $accepted as list( $name, $validation ) ) {
			$this->enqueue( $name, $validation );
		}
		return Batch_Result::accepted( count( $accepted ), $dropped );
	}

	/**
	 * Whether events of this name would pass the gate now: lets a builder skip collecting what
	 * would be dropped. It sends nothing.
	 *
	 * @param string $name Catalogued event name.
	 * @return bool
	 */
	public function is_open_for( string $name ): bool {
		return null === $this->closed_gate( $name );
	}

	/**
	 * Asks for a step to run once at the end of the request, before the outbox is written: a
	 * builder that gathers a request's changes records its events there. Steps run in the order
	 * they were asked for, once each.
	 *
	 * @param callable(): void $step The step.
	 */
	public function at_request_end( callable $step ): void {
		$this->end_steps[] = $step;
		$this->hook();
	}

	/**
	 * The end of the request: runs the builders' steps, then writes what they and everything
	 * before them recorded to the outbox in one query. Hooked once, on `shutdown`; safe to call
	 * earlier (tests, the test-event route), and more than once.
	 */
	public function end_request(): void {
		while ( $this->end_steps ) {
			$step = array_shift( $this->end_steps );
			$step();
		}
		$this->outbox->write();
	}

	/**
	 * Whether the request comes from a known crawler: its events are not the store's shoppers'.
	 *
	 * @return bool
	 */
	public static function is_crawler(): bool {
		$agent = isset( $_SERVER['HTTP_USER_AGENT'] ) ? sanitize_text_field( wp_unslash( $_SERVER['HTTP_USER_AGENT'] ) ) : '';
		return '' !== $agent && (bool) preg_match( Shared_Facts::CRAWLER_USER_AGENT, $agent );
	}

	/**
	 * Hooks the end-of-request step, once.
	 */
	private function hook(): void {
		if ( ! $this->hooked ) {
			$this->hooked = true;
			add_action( 'shutdown', array( $this, 'end_request' ), 0 );
		}
	}

	/**
	 * The family of a catalogued event, or null.
	 *
	 * @param string $name Event name.
	 * @return string|null
	 */
	private function family_of( string $name ): ?string {
		return $this->catalogue->event( $name )['family'] ?? null;
	}

	/**
	 * Why the gate is closed for an event, or null when it is open (or the event is unknown,
	 * which validation reports).
	 *
	 * @param string $name Event name.
	 * @return string|null `gate closed: <condition>`.
	 */
	private function closed_gate( string $name ): ?string {
		$family = $this->family_of( $name );
		if ( null === $family ) {
			return null;
		}
		$decision = $this->gate->decide( $family, true, Event_Catalogue::ACCOUNT === $this->catalogue->destination( $name ) );
		return $decision->open ? null : 'gate closed: ' . $decision->closed_by;
	}

	/**
	 * Adds the server's own context (which overrides what a browser claims) and validates.
	 *
	 * @param string               $name  Event name.
	 * @param array<string, mixed> $props Properties.
	 * @return Validation
	 */
	private function validate( string $name, array $props ): Validation {
		$family = $this->family_of( $name );
		if ( null === $family ) {
			return $this->validator->validate( $name, $props );
		}
		$defaults = array(
			'_ts'    => (int) floor( microtime( true ) * 1000 ),
			'device' => wp_is_mobile() ? 'mobile' : 'desktop',
		);
		$cookie   = Shared_Facts::VISITOR_COOKIE;
		$visitor  = isset( $_COOKIE[ $cookie ] ) ? sanitize_text_field( wp_unslash( $_COOKIE[ $cookie ] ) ) : '';
		if ( Consent_Gate::STOREFRONT === $family && preg_match( Shared_Facts::VISITOR_ID, $visitor ) ) {
			$defaults['_ui'] = $visitor;
		}
		/**
		 * Server-side context added to every event of a family (the store settings snapshot for
		 * storefront events, for example). Every key must be catalogued.
		 *
		 * @param array<string, scalar> $context Context properties.
		 * @param string                $family  `storefront` or `admin`.
		 */
		$extra = (array) apply_filters( 'utw_server_context', array(), $family );
		$store = Event_Catalogue::ACCOUNT === $this->catalogue->destination( $name ) ? Store_Connection::current() : null;
		if ( null !== $store ) {
			$extra['store_id'] = $store['store_id'];
		}
		$props = array_merge( $defaults, $props, $extra, Plugin::store_context() );
		if ( isset( $props['_ui'] ) && ! preg_match( Shared_Facts::VISITOR_ID, (string) $props['_ui'] ) ) {
			unset( $props['_ui'] );
		}
		return $this->validator->validate( $name, $props );
	}

	/**
	 * Puts a validated event in the outbox with its new event id.
	 *
	 * @param string                        $name       Event name.
	 * @param Validation                    $validation Accepted validation.
	 * @param array{0: string, 1: int}|null $ledger     The builder's ledger entry.
	 * @return Event_Outcome
	 */
	private function enqueue( string $name, Validation $validation, ?array $ledger = null ): Event_Outcome {
		$event   = $this->catalogue->event( $name );
		$outcome = Event_Outcome::queued(
			$event['sent_as'] ?? $name,
			(string) ( $event['family'] ?? '' ),
			self::new_event_id(),
			$validation->props,
			$validation->removed,
			Pixel_Transport::destination( (string) ( $event['destination'] ?? Event_Catalogue::ACCOUNT ) ),
			$ledger
		);
		$this->outbox->add( $outcome );
		$this->hook();
		return $outcome;
	}

	/**
	 * Notes a dropped event in the outbox (the merchant's log). Its property values are not kept:
	 * they may be what was refused.
	 *
	 * @param string                $name    Event name.
	 * @param string                $reason  Why it was dropped.
	 * @param array<string, string> $removed Removed property => why.
	 * @return Event_Outcome
	 */
	private function drop( string $name, string $reason, array $removed = array() ): Event_Outcome {
		$outcome = Event_Outcome::dropped( $name, $reason, $removed, (string) $this->family_of( $name ) );
		$this->outbox->add( $outcome );
		$this->hook();
		if ( defined( 'UTW_DEBUG' ) && UTW_DEBUG ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- debug mode's purpose.
			error_log( "[utw] dropped {$name}: {$reason}" );
		}
		return $outcome;
	}

	/**
	 * A random event id, set once when the event is accepted and sent unchanged on every
	 * attempt, so the destination can drop a second copy.
	 *
	 * @return string 22 URL-safe characters (128 random bits).
	 */
	private static function new_event_id(): string {
		return rtrim( strtr( base64_encode( random_bytes( 16 ) ), '+/', '-_' ), '=' ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- an id, not obfuscation.
	}
}
