<?php
/**
 * A small store of the most recent events.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Keeps the last events, sent and dropped, for the merchant's recent-events view: one option,
 * not autoloaded, capped, written once at the end of a request that recorded something. Parallel
 * requests may overwrite each other's lines; for a view of what is sent that is acceptable.
 */
final class Recent_Events {

	public const OPTION = 'utw_recent_events';
	public const LIMIT  = 50;

	/**
	 * Outcomes of this request, not yet stored.
	 *
	 * @var Event_Outcome[]
	 */
	private array $buffer = array();

	/**
	 * Notes one outcome; it is stored at the end of the request.
	 *
	 * @param Event_Outcome $outcome What happened.
	 */
	public function add( Event_Outcome $outcome ): void {
		if ( ! $this->buffer ) {
			add_action( 'shutdown', array( $this, 'persist' ), 100 );
		}
		$this->buffer[] = $outcome;
	}

	/**
	 * Stores the buffered outcomes, keeping only the newest LIMIT.
	 */
	public function persist(): void {
		if ( ! $this->buffer ) {
			return;
		}
		$new          = array_map( static fn( Event_Outcome $outcome ) => $outcome->to_array(), array_reverse( $this->buffer ) );
		$this->buffer = array();
		update_option( self::OPTION, array_slice( array_merge( $new, $this->all() ), 0, self::LIMIT ), false );
	}

	/**
	 * The stored outcomes, newest first.
	 *
	 * @return list<array{event: string, sent: bool, reason: string|null, props: array<string, scalar>, removed: array<string, string>, time: int}>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		return is_array( $stored ) ? array_values( $stored ) : array();
	}

	/**
	 * Forgets every stored outcome.
	 */
	public function clear(): void {
		$this->buffer = array();
		delete_option( self::OPTION );
	}
}
