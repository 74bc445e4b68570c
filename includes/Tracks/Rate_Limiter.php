<?php
/**
 * The collection endpoint's per-client rate limit.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * A token bucket per client: `burst` batches at once, then `refill_per_second` more each second.
 *
 * The state lives in the object cache when the site has a persistent one
 * (`wp_using_ext_object_cache()`), else in a transient's two rows of the options table. There it
 * costs an accepted batch two queries: the read (`get_transient()` fetches both rows at once) and
 * one upsert of both rows. WordPress's `set_transient()` would cost up to six (each
 * `update_option()` looks its autoload value up first), a third of what a whole batch costs; the
 * rows written are the ones `get_transient()` reads and `delete_expired_transients()` removes. A
 * refused batch costs the read alone. The key is a salted hash of the IP address and the visitor
 * id, so no address is stored. Two batches of one client that arrive at the same moment may both
 * read the same state: the bucket can let through as many extra batches as that client has in
 * flight at once, never more.
 */
final class Rate_Limiter {

	/** Batches a client may send at once: a page sends one beacon, a few when it is hidden and shown again. */
	public const BURST = 20;
	/** Batches a client may send each second after its burst: more pages a second than a person opens. */
	public const REFILL_PER_SECOND = 1.0;
	/** Transient (and cache) key prefix. */
	private const PREFIX = 'utw_rl_';
	/** Object cache group. */
	private const GROUP = 'utw_rate_limit';

	/**
	 * Creates a limiter.
	 *
	 * @param int   $burst             Batches at once (at least 1).
	 * @param float $refill_per_second Batches added each second (more than 0).
	 */
	public function __construct( private readonly int $burst, private readonly float $refill_per_second ) {}

	/**
	 * The limiter with the configured limits: `utw_collect_rate_limit` filters the defaults.
	 * The endpoint answers before themes load, so add the filter from a plugin.
	 *
	 * @return self
	 */
	public static function configured(): self {
		$defaults = array(
			'burst'             => self::BURST,
			'refill_per_second' => self::REFILL_PER_SECOND,
		);
		/**
		 * The collection endpoint's per-client rate limit.
		 *
		 * @param array{burst: int, refill_per_second: float} $limits Batches a client may send at
		 *        once, and batches added to its allowance each second.
		 */
		$limits = apply_filters( 'utw_collect_rate_limit', $defaults );
		$limits = is_array( $limits ) ? $limits + $defaults : $defaults;
		return new self(
			max( 1, (int) $limits['burst'] ),
			max( 0.001, (float) $limits['refill_per_second'] )
		);
	}

	/**
	 * Takes one batch from a client's allowance.
	 *
	 * @param string $client What identifies the client (IP address and visitor id); it is hashed.
	 * @return int 0 when the batch is allowed, else the seconds until the next one is (at least 1).
	 */
	public function take( string $client ): int {
		$key      = self::PREFIX . wp_hash( $client, 'nonce' );
		$external = wp_using_ext_object_cache();
		$now      = microtime( true );
		$state    = $external ? wp_cache_get( $key, self::GROUP ) : get_transient( $key );
		if ( is_array( $state ) && isset( $state[0], $state[1] ) ) {
			$elapsed = max( 0.0, $now - (float) $state[0] );
			$tokens  = min( (float) $this->burst, (float) $state[1] + $elapsed * $this->refill_per_second );
		} else {
			$tokens = (float) $this->burst;
		}
		if ( $tokens < 1.0 ) {
			return max( 1, (int) ceil( ( 1.0 - $tokens ) / $this->refill_per_second ) );
		}
		$tokens -= 1.0;
		$state   = array( round( $now, 3 ), round( $tokens, 3 ) );
		// Once the bucket would be full again, a missing state means the same.
		$ttl = max( 1, (int) ceil( ( $this->burst - $tokens ) / $this->refill_per_second ) );
		if ( $external ) {
			wp_cache_set( $key, $state, self::GROUP, $ttl );
		} else {
			self::store( $key, $state, time() + $ttl );
		}
		return 0;
	}

	/**
	 * Writes a transient's two rows (value and expiry) in one query, as `get_transient()` reads them.
	 *
	 * @param string                    $key     Transient name.
	 * @param array{0: float, 1: float} $state   Time of the last batch, tokens left.
	 * @param int                       $expires Unix time the transient expires.
	 */
	private static function store( string $key, array $state, int $expires ): void {
		global $wpdb;
		$value   = '_transient_' . $key;
		$timeout = '_transient_timeout_' . $key;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- one query instead of set_transient()'s six; the caches are updated below.
		$wpdb->query(
			$wpdb->prepare(
				"INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off'), (%s, %s, 'off') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)",
				$timeout,
				(string) $expires,
				$value,
				maybe_serialize( $state )
			)
		);
		wp_cache_set( $timeout, (string) $expires, 'options' );
		wp_cache_set( $value, maybe_serialize( $state ), 'options' );
		$missing = wp_cache_get( 'notoptions', 'options' );
		if ( is_array( $missing ) && ( isset( $missing[ $timeout ] ) || isset( $missing[ $value ] ) ) ) {
			unset( $missing[ $timeout ], $missing[ $value ] );
			wp_cache_set( 'notoptions', $missing, 'options' );
		}
	}
}
