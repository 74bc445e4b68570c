<?php
/**
 * The Tracks pixel protocol.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * Sends events as Tracks pixel requests (`t.gif?_en=…&_ts=…&_ui=…&prop=…`) once the response
 * that caused them is out: at the end of the request, after `fastcgi_finish_request()` where the
 * server has it, and as non-blocking requests with a short timeout otherwise, so neither a
 * visitor nor a merchant ever waits for the destination.
 */
final class Pixel_Transport {

	/** WordPress.com's Tracks pixel, the destination unless `UTW_DESTINATION_URL` or the filter says otherwise. */
	public const DEFAULT_DESTINATION = 'https://pixel.wp.com/t.gif';

	/** Seconds a pixel request may take. */
	public const TIMEOUT = 1;

	/**
	 * Pixel URLs waiting for the end of the request.
	 *
	 * @var string[]
	 */
	private array $pending = array();

	/**
	 * Creates the transport.
	 *
	 * @param string|null $destination Pixel URL; by default the configured one, looked up when
	 *                                 the first event is queued, so page views that send
	 *                                 nothing never pay for the lookup.
	 */
	public function __construct( private ?string $destination = null ) {}

	/**
	 * The configured destination: the constant `UTW_DESTINATION_URL`, then the filter.
	 *
	 * @return string
	 */
	public static function destination(): string {
		$url = defined( 'UTW_DESTINATION_URL' ) ? (string) UTW_DESTINATION_URL : self::DEFAULT_DESTINATION;
		/**
		 * URL of the Tracks pixel events are sent to.
		 *
		 * @param string $url Pixel URL.
		 */
		return (string) apply_filters( 'utw_destination_url', $url );
	}

	/**
	 * The pixel URL of one event. Booleans travel as `1` / `0`.
	 *
	 * @param string                $event Name as sent (`utw_…` or `wcadmin_utw_…`).
	 * @param array<string, scalar> $props Validated properties, `_ts` and `_ui` among them.
	 * @return string
	 */
	public function pixel_url( string $event, array $props ): string {
		$query = array( '_en' => $event ) + array_map(
			static fn( $value ) => is_bool( $value ) ? (int) $value : $value,
			$props
		);
		if ( ! isset( $query['_ui'] ) ) {
			$query['_ut'] = 'anon';
		}
		$query['_rt']        = (int) floor( microtime( true ) * 1000 );
		$this->destination ??= self::destination();
		return $this->destination . ( str_contains( $this->destination, '?' ) ? '&' : '?' ) . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 );
	}

	/**
	 * Queues one event for the end of the request.
	 *
	 * @param string                $event Name as sent.
	 * @param array<string, scalar> $props Validated properties.
	 */
	public function queue( string $event, array $props ): void {
		if ( ! $this->pending ) {
			add_action( 'shutdown', array( $this, 'flush' ), PHP_INT_MAX );
		}
		$this->pending[] = $this->pixel_url( $event, $props );
	}

	/**
	 * Sends what is queued. Safe to call more than once.
	 */
	public function flush(): void {
		$pending       = $this->pending;
		$this->pending = array();
		if ( ! $pending ) {
			return;
		}
		$finished = self::finish_response();
		foreach ( $pending as $url ) {
			wp_remote_get(
				$url,
				array(
					'blocking'    => $finished,
					'timeout'     => self::TIMEOUT,
					'redirection' => 0,
					'user-agent'  => 'UsageTrackingForWooCommerce/' . UTW_VERSION,
				)
			);
		}
	}

	/**
	 * Ends the response to the client where the server allows it, so what follows costs the
	 * visitor nothing.
	 *
	 * @return bool Whether the client already has the whole response.
	 */
	public static function finish_response(): bool {
		if ( function_exists( 'fastcgi_finish_request' ) ) {
			return fastcgi_finish_request();
		}
		if ( function_exists( 'litespeed_finish_request' ) ) {
			litespeed_finish_request();
			return true;
		}
		return false;
	}
}
