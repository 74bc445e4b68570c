<?php
/**
 * Stops calling a destination that keeps failing, and probes it again later.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Per destination: after THRESHOLD delivery runs in a row in which every request failed, the
 * breaker opens for a cool-down (COOL_DOWN seconds, doubled on every failed probe up to
 * MAX_COOL_DOWN). While it is open nothing is sent there; once the cool-down is over, one event
 * is sent as a probe: success closes the breaker, failure opens it again. The state is one option,
 * read and written only by the delivery job.
 *
 * @phpstan-type State array{failures: int, open_until: int, cool_down: int}
 */
final class Circuit_Breaker {

	public const OPTION        = 'utw_delivery_breaker';
	public const THRESHOLD     = 3;
	public const COOL_DOWN     = 60;
	public const MAX_COOL_DOWN = 1800;

	public const CLOSED    = 'closed';
	public const OPEN      = 'open';
	public const HALF_OPEN = 'half-open';

	/**
	 * Whether a destination may be called now: closed, open (wait), or half-open (one probe).
	 *
	 * @param string $destination Destination URL.
	 * @return string CLOSED, OPEN or HALF_OPEN.
	 */
	public function state( string $destination ): string {
		$state = $this->get( $destination );
		if ( $state['failures'] < self::THRESHOLD ) {
			return self::CLOSED;
		}
		return time() < $state['open_until'] ? self::OPEN : self::HALF_OPEN;
	}

	/**
	 * Until when an open breaker waits.
	 *
	 * @param string $destination Destination URL.
	 * @return int Unix time.
	 */
	public function open_until( string $destination ): int {
		return $this->get( $destination )['open_until'];
	}

	/**
	 * Consecutive failed runs.
	 *
	 * @param string $destination Destination URL.
	 * @return int
	 */
	public function failures( string $destination ): int {
		return $this->get( $destination )['failures'];
	}

	/**
	 * A run reached the destination: the breaker closes.
	 *
	 * @param string $destination Destination URL.
	 */
	public function succeeded( string $destination ): void {
		if ( 0 !== $this->get( $destination )['failures'] ) {
			$this->put( $destination, null );
		}
	}

	/**
	 * A run in which every request failed: counts towards opening, or reopens after a probe.
	 *
	 * @param string $destination Destination URL.
	 */
	public function failed( string $destination ): void {
		$state = $this->get( $destination );
		++$state['failures'];
		if ( $state['failures'] >= self::THRESHOLD ) {
			$state['cool_down']  = self::THRESHOLD === $state['failures'] ? self::COOL_DOWN : min( self::MAX_COOL_DOWN, $state['cool_down'] * 2 );
			$state['open_until'] = time() + $state['cool_down'];
		}
		$this->put( $destination, $state );
	}

	/**
	 * The stored state of a destination.
	 *
	 * @param string $destination Destination URL.
	 * @return array{failures: int, open_until: int, cool_down: int}
	 */
	private function get( string $destination ): array {
		$all   = get_option( self::OPTION, array() );
		$state = is_array( $all ) ? ( $all[ md5( $destination ) ] ?? null ) : null;
		return array(
			'failures'   => (int) ( $state['failures'] ?? 0 ),
			'open_until' => (int) ( $state['open_until'] ?? 0 ),
			'cool_down'  => (int) ( $state['cool_down'] ?? 0 ),
		);
	}

	/**
	 * Stores (or forgets, with null) a destination's state.
	 *
	 * @param string                                                     $destination Destination URL.
	 * @param array{failures: int, open_until: int, cool_down: int}|null $state       State.
	 */
	private function put( string $destination, ?array $state ): void {
		$all = get_option( self::OPTION, array() );
		$all = is_array( $all ) ? $all : array();
		if ( null === $state ) {
			unset( $all[ md5( $destination ) ] );
		} else {
			$all[ md5( $destination ) ] = $state;
		}
		update_option( self::OPTION, $all, false );
	}
}
