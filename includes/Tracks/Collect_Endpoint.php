<?php
/**
 * The first-party collection endpoint.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * Accepts batches of events from browsers at `POST /wp-json/utw/v1/collect`, validates them
 * all-or-nothing and puts them in the outbox, which is delivered in the background.
 *
 * A beacon is answered as soon as every plugin is loaded (`plugins_loaded`, last), before
 * WordPress initialises the theme, `init` and the REST server, which is most of what a REST
 * request costs. Filters a theme adds to the gate (`woocommerce_apply_tracking`,
 * `utw_tracking_enabled`) are therefore not seen there: add them from a plugin. The same
 * handler is registered as an ordinary REST route for `?rest_route=` requests.
 *
 * The endpoint is public on purpose: it is a beacon target on cached pages, so it can carry no
 * nonce. What it accepts is limited to catalogued, validated, guarded events.
 */
final class Collect_Endpoint {

	public const ROUTE = '/collect';
	/** Largest body accepted, in bytes. */
	public const MAX_BYTES = 65536;

	/**
	 * Creates the endpoint.
	 *
	 * @param Tracks_Client $tracks The server-side client.
	 */
	public function __construct( private readonly Tracks_Client $tracks ) {}

	/**
	 * Hooks the early answer and the REST route.
	 */
	public function register(): void {
		add_action( 'plugins_loaded', array( $this, 'answer_early' ), PHP_INT_MAX );
		add_action( 'rest_api_init', array( $this, 'register_route' ) );
	}

	/**
	 * The endpoint's URL, for the bundles' config.
	 *
	 * @return string
	 */
	public static function url(): string {
		return rest_url( Shared_Facts::REST_NAMESPACE . self::ROUTE );
	}

	/**
	 * Answers a POST to the endpoint's pretty URL and ends the request.
	 */
	public function answer_early(): void {
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) : '';
		$uri    = isset( $_SERVER['REQUEST_URI'] ) ? esc_url_raw( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '';
		$path   = untrailingslashit( (string) wp_parse_url( $uri, PHP_URL_PATH ) );
		$suffix = '/' . rest_get_url_prefix() . '/' . Shared_Facts::REST_NAMESPACE . self::ROUTE;
		if ( 'post' !== $method || ! str_ends_with( $path, $suffix ) ) {
			return;
		}
		list( $status, $payload ) = $this->handle( (string) file_get_contents( 'php://input' ) );
		$body                     = (string) wp_json_encode( $payload );
		status_header( $status );
		nocache_headers();
		header( 'Content-Type: application/json; charset=utf-8' );
		header( 'Content-Length: ' . strlen( $body ) );
		header( 'Connection: close' );
		echo $body; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON.
		while ( ob_get_level() > 0 ) {
			ob_end_flush();
		}
		flush();
		// The client writes the outbox at shutdown, after the response.
		exit;
	}

	/**
	 * Registers the same handler as a REST route.
	 */
	public function register_route(): void {
		register_rest_route(
			Shared_Facts::REST_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => 'POST',
				'callback'            => function ( WP_REST_Request $request ): WP_REST_Response {
					list( $status, $payload ) = $this->handle( $request->get_body() );
					return new WP_REST_Response( $payload, $status );
				},
				'permission_callback' => '__return_true',
			)
		);
	}

	/**
	 * Validates a batch and sends its events: all of them, or none when one is invalid.
	 *
	 * @param string $body Raw request body: `{"events": [{"name": "utw_…", "props": {…}}, …]}`.
	 * @return array{0: int, 1: array<string, mixed>} HTTP status and JSON payload.
	 */
	public function handle( string $body ): array {
		if ( strlen( $body ) > self::MAX_BYTES ) {
			return self::error( 413, 'utw_batch_too_large', sprintf( 'A batch may be at most %d bytes.', self::MAX_BYTES ) );
		}
		$batch = json_decode( $body, true );
		if ( ! is_array( $batch ) || ! isset( $batch['events'] ) || ! is_array( $batch['events'] ) || ! array_is_list( $batch['events'] ) ) {
			return self::error( 400, 'utw_malformed_batch', 'Expected a JSON object {"events": [{"name": "...", "props": {...}}]}.' );
		}
		$events = $batch['events'];
		if ( ! $events ) {
			return self::error( 400, 'utw_empty_batch', 'The batch holds no event.' );
		}
		if ( count( $events ) > Shared_Facts::MAX_BATCH_EVENTS ) {
			return self::error( 413, 'utw_batch_too_large', sprintf( 'A batch may hold at most %d events.', Shared_Facts::MAX_BATCH_EVENTS ) );
		}
		foreach ( $events as $index => $event ) {
			if ( ! is_array( $event ) || ! is_string( $event['name'] ?? null ) || ! is_array( $event['props'] ?? null ) ) {
				return self::error( 400, 'utw_malformed_event', "Event {$index} needs a string name and an object of props.", array( 'index' => $index ) );
			}
		}
		/**
		 * Checked just above.
		 *
		 * @phpstan-var list<array{name: string, props: array<string, mixed>}> $events
		 */
		$result = $this->tracks->record_batch( $events );
		if ( ! $result->ok() ) {
			$name = $events[ (int) $result->index ]['name'];
			return self::error( 400, 'utw_invalid_event', "Event {$result->index} ({$name}) is invalid: {$result->reason}.", array( 'index' => $result->index ) );
		}
		return array(
			202,
			array(
				'accepted' => $result->accepted,
				'dropped'  => $result->dropped,
			),
		);
	}

	/**
	 * A JSON error in WordPress's REST shape.
	 *
	 * @param int                  $status  HTTP status.
	 * @param string               $code    Error code.
	 * @param string               $message What is wrong.
	 * @param array<string, mixed> $data    Extra data.
	 * @return array{0: int, 1: array<string, mixed>}
	 */
	private static function error( int $status, string $code, string $message, array $data = array() ): array {
		return array(
			$status,
			array(
				'code'    => $code,
				'message' => $message,
				'data'    => array( 'status' => $status ) + $data,
			),
		);
	}
}
