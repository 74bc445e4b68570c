<?php
/**
 * The Tracks pixel protocol.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

use Utw\Service\Store_Connection;
use WpOrg\Requests\Requests;
use WpOrg\Requests\Response;

defined( 'ABSPATH' ) || exit;

/**
 * Sends events as Tracks pixel requests (`t.gif?_en=…&_ts=…&_ui=…&_eid=…&prop=…`), many in
 * parallel. Only the delivery job calls it, in the background: never a request a person waits for.
 */
final class Pixel_Transport {

	/** WooCommerce's Tracks pixel (WordPress.com), where the setup guide's events go unless `UTW_DESTINATION_URL` or the filter says otherwise. */
	public const DEFAULT_DESTINATION = 'https://pixel.wp.com/t.gif';

	/** Seconds one pixel request may take in all. */
	public const TIMEOUT = 5;
	/** Seconds to open a connection. */
	public const CONNECT_TIMEOUT = 3;
	/** Most requests open at once. */
	public const PARALLEL = 20;

	/**
	 * Where events of a destination go: the connected account's ingest URL (`account`), or
	 * WooCommerce's Tracks pixel (`woocommerce`, the setup guide's own events). The constant
	 * `UTW_DESTINATION_URL`, then the filter, override both (a developer's override).
	 *
	 * @param string $destination `account` or `woocommerce` (Event_Catalogue's constants).
	 * @return string Pixel URL; '' for the account while the store is not connected (its events
	 *                are not accepted then).
	 */
	public static function destination( string $destination = Event_Catalogue::ACCOUNT ): string {
		if ( defined( 'UTW_DESTINATION_URL' ) ) {
			$url = (string) UTW_DESTINATION_URL;
		} elseif ( Event_Catalogue::WOOCOMMERCE === $destination ) {
			$url = self::DEFAULT_DESTINATION;
		} else {
			$url = Store_Connection::current()['ingest_url'] ?? '';
		}
		/**
		 * URL of the Tracks pixel events are sent to.
		 *
		 * @param string $url         Pixel URL.
		 * @param string $destination `account` (the connected account's ingest) or `woocommerce`.
		 */
		return (string) apply_filters( 'utw_destination_url', $url, $destination );
	}

	/**
	 * The pixel URL of one event. Booleans travel as `1` / `0`.
	 *
	 * @param string                $destination Pixel URL.
	 * @param string                $event       Name as sent (`utw_…` or `wcadmin_utw_…`).
	 * @param string                $eid         Event id.
	 * @param array<string, scalar> $props       Validated properties, `_ts` and `_ui` among them.
	 * @return string
	 */
	public static function pixel_url( string $destination, string $event, string $eid, array $props ): string {
		$query = array(
			'_en'  => $event,
			'_eid' => $eid,
		) + array_map(
			static fn( $value ) => is_bool( $value ) ? (int) $value : $value,
			$props
		);
		if ( ! isset( $query['_ui'] ) ) {
			$query['_ut'] = 'anon';
		}
		$query['_rt'] = (int) floor( microtime( true ) * 1000 );
		return $destination . ( str_contains( $destination, '?' ) ? '&' : '?' ) . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 );
	}

	/**
	 * Sends pixel requests in parallel, PARALLEL at a time. When no request of a chunk reached
	 * the destination (every one a network error), the rest are not tried in this run: a
	 * destination that hangs would otherwise hold the worker for a timeout per chunk.
	 *
	 * @param array<int, string> $urls Pixel URL by row id.
	 * @return array<int, array{ok: bool, retry: bool, error: string}> By row id, for the events
	 *         tried: delivered, or why not and whether a later attempt may succeed (network
	 *         errors, 408, 429, 5xx). Events not tried have no entry.
	 */
	public function send( array $urls ): array {
		$results = array();
		foreach ( array_chunk( $urls, self::PARALLEL, true ) as $chunk ) {
			if ( $results && ! array_filter( $results, static fn( array $result ): bool => $result['ok'] || ! $result['retry'] ) ) {
				break;
			}
			$requests = array();
			foreach ( $chunk as $id => $url ) {
				if ( ( new \WP_Http() )->block_request( $url ) ) {
					$results[ $id ] = self::result( false, false, 'blocked by WP_HTTP_BLOCK_EXTERNAL' );
					continue;
				}
				$requests[ $id ] = array( 'url' => $url );
			}
			if ( ! $requests ) {
				continue;
			}
			$responses = Requests::request_multiple(
				$requests,
				array(
					'timeout'          => self::TIMEOUT,
					'connect_timeout'  => self::CONNECT_TIMEOUT,
					'follow_redirects' => false,
					'useragent'        => 'UsageTrackingForWooCommerce/' . UTW_VERSION,
					'verify'           => ABSPATH . WPINC . '/certificates/ca-bundle.crt',
				)
			);
			foreach ( $responses as $id => $response ) {
				$results[ (int) $id ] = self::outcome( $response );
			}
		}//end foreach
		return $results;
	}

	/**
	 * What one response means.
	 *
	 * @param mixed $response A Response, or the exception a failed request became.
	 * @return array{ok: bool, retry: bool, error: string}
	 */
	private static function outcome( mixed $response ): array {
		if ( ! $response instanceof Response ) {
			$message = $response instanceof \Throwable ? $response->getMessage() : 'no response';
			return self::result( false, true, 'network error: ' . $message );
		}
		$status = (int) $response->status_code;
		if ( $status >= 200 && $status < 300 ) {
			return self::result( true, false, '' );
		}
		$retry = 408 === $status || 429 === $status || $status >= 500;
		return self::result( false, $retry, sprintf( 'the destination answered HTTP %d', $status ) );
	}

	/**
	 * A result entry.
	 *
	 * @param bool   $ok    Delivered.
	 * @param bool   $retry Worth another attempt.
	 * @param string $error Why not.
	 * @return array{ok: bool, retry: bool, error: string}
	 */
	private static function result( bool $ok, bool $retry, string $error ): array {
		return array(
			'ok'    => $ok,
			'retry' => $retry,
			'error' => $error,
		);
	}
}
