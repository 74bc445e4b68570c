<?php
/**
 * The first-party collection endpoint.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

use Utw\Admin\Permission;
use Utw\Consent\Consent_Gate;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

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
 * nonce. It defends itself instead (docs/architecture.md, "The collection endpoint's defences"):
 * a per-client rate limit (429 with Retry-After), bounds on each event (properties, value
 * length), a `page_url` only on this site, admin events only from a store manager with the REST
 * nonce, and then the catalogue's validation. Nothing of a refused batch is accepted.
 */
final class Collect_Endpoint {

	public const ROUTE = Shared_Facts::COLLECT_ROUTE;
	/** Largest body accepted, in bytes. */
	public const MAX_BYTES = 65536;

	/**
	 * Creates the endpoint.
	 *
	 * @param \Closure $tracks Gives the server-side client, built when a batch arrives (the route
	 *                         is registered wherever REST starts, even on page views that preload
	 *                         Store API data).
	 * @phpstan-param \Closure(): Tracks_Client $tracks
	 */
	public function __construct( private readonly \Closure $tracks ) {}

	/**
	 * Answers a request to the endpoint's pretty URL and ends the request: a POST is handled, any
	 * other method but OPTIONS (which WordPress's REST server answers) gets a 405.
	 */
	public function answer_early(): void {
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) : '';
		$uri    = isset( $_SERVER['REQUEST_URI'] ) ? esc_url_raw( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '';
		$path   = untrailingslashit( (string) wp_parse_url( $uri, PHP_URL_PATH ) );
		$suffix = '/' . rest_get_url_prefix() . '/' . Shared_Facts::REST_NAMESPACE . self::ROUTE;
		if ( 'options' === $method || ! str_ends_with( $path, $suffix ) ) {
			return;
		}
		$answer                   = 'post' === $method ? $this->handle( (string) file_get_contents( 'php://input' ) ) : self::wrong_method();
		list( $status, $payload ) = $answer;
		$body                     = (string) wp_json_encode( $payload );
		status_header( $status );
		nocache_headers();
		header( 'Content-Type: application/json; charset=utf-8' );
		foreach ( $answer[2] ?? array() as $name => $value ) {
			header( "{$name}: {$value}" );
		}
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
	 * Registers the same handler as a REST route (POST), and answers its other methods with 405.
	 */
	public function register_route(): void {
		register_rest_route(
			Shared_Facts::REST_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => 'POST',
				'callback'            => fn( WP_REST_Request $request ): WP_REST_Response => self::response( $this->handle( $request->get_body() ) ),
				'permission_callback' => '__return_true',
			)
		);
		add_filter( 'rest_pre_dispatch', array( $this, 'refuse_wrong_method' ), 10, 3 );
	}

	/**
	 * A 405 for any method but POST (and OPTIONS, which WordPress answers) on the REST route,
	 * where WordPress would answer 404. WordPress then sets `Allow` from the route: POST.
	 *
	 * @param mixed           $result  A response already decided, or null.
	 * @param WP_REST_Server  $server  The REST server.
	 * @param WP_REST_Request $request The request.
	 * @return mixed
	 */
	public function refuse_wrong_method( mixed $result, WP_REST_Server $server, WP_REST_Request $request ): mixed {
		$route = '/' . Shared_Facts::REST_NAMESPACE . self::ROUTE;
		if ( null !== $result || untrailingslashit( $request->get_route() ) !== $route || in_array( $request->get_method(), array( 'POST', 'OPTIONS' ), true ) ) {
			return $result;
		}
		return self::response( self::wrong_method() );
	}

	/**
	 * A REST response from an answer of handle().
	 *
	 * @param array{0: int, 1: array<string, mixed>, 2?: array<string, string>} $answer Status, payload, headers.
	 * @return WP_REST_Response
	 */
	private static function response( array $answer ): WP_REST_Response {
		return new WP_REST_Response( $answer[1], $answer[0], $answer[2] ?? array() );
	}

	/**
	 * Checks a batch and records its events: all of them, or none when the batch or one of its
	 * events is refused.
	 *
	 * @param string $body Raw request body: `{"events": [{"name": "utw_…", "props": {…}}, …]}`.
	 * @return array{0: int, 1: array<string, mixed>, 2?: array<string, string>} HTTP status, JSON payload, headers.
	 */
	public function handle( string $body ): array {
		if ( strlen( $body ) > self::MAX_BYTES ) {
			return self::error( 413, 'utw_batch_too_large', sprintf( 'A batch may be at most %d bytes.', self::MAX_BYTES ) );
		}
		$batch = json_decode( $body, true );
		// Every batch counts against its client's allowance, malformed ones too.
		$retry_after = Rate_Limiter::configured()->take( self::client( $batch ) );
		if ( $retry_after > 0 ) {
			$answer    = self::error( 429, 'utw_rate_limited', sprintf( 'Too many batches from this client: try again in %d seconds.', $retry_after ), array( 'retry_after' => $retry_after ) );
			$answer[2] = array( 'Retry-After' => (string) $retry_after );
			return $answer;
		}
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
		foreach ( $events as $index => $event ) {
			$refused = self::out_of_bounds( $index, $event ) ?? self::foreign_page( $index, $event ) ?? self::admin_only( $index, $event );
			if ( null !== $refused ) {
				return $refused;
			}
		}
		$result = ( $this->tracks )()->record_batch( $events );
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
	 * Who sent the batch, for the rate limit: the IP address the server saw (never a forwarded
	 * header, which the client writes) and the visitor id of its cookie or of the batch.
	 *
	 * @param mixed $batch The decoded body.
	 * @return string
	 */
	private static function client( mixed $batch ): string {
		$ip      = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		$cookie  = Shared_Facts::VISITOR_COOKIE;
		$visitor = isset( $_COOKIE[ $cookie ] ) ? sanitize_text_field( wp_unslash( $_COOKIE[ $cookie ] ) ) : '';
		if ( ! preg_match( Shared_Facts::VISITOR_ID, $visitor ) ) {
			$claimed = is_array( $batch ) ? ( $batch['events'][0]['props']['_ui'] ?? '' ) : '';
			$visitor = is_string( $claimed ) && preg_match( Shared_Facts::VISITOR_ID, $claimed ) ? $claimed : '';
		}
		return $ip . '|' . $visitor;
	}

	/**
	 * Refuses an event with more properties, or longer values, than any catalogued event has.
	 *
	 * @param int                                              $index Event index.
	 * @param array{name: string, props: array<string, mixed>} $event The event.
	 * @return array{0: int, 1: array<string, mixed>}|null The error, or null.
	 */
	private static function out_of_bounds( int $index, array $event ): ?array {
		if ( count( $event['props'] ) > Shared_Facts::MAX_EVENT_PROPERTIES ) {
			return self::error( 400, 'utw_event_too_large', sprintf( 'Event %d has more than %d properties.', $index, Shared_Facts::MAX_EVENT_PROPERTIES ), array( 'index' => $index ) );
		}
		foreach ( $event['props'] as $key => $value ) {
			if ( is_string( $value ) && mb_strlen( $value ) > Shared_Facts::MAX_VALUE_LENGTH ) {
				return self::error( 400, 'utw_event_too_large', sprintf( 'Event %d: property %s is longer than %d characters.', $index, sanitize_key( (string) $key ), Shared_Facts::MAX_VALUE_LENGTH ), array( 'index' => $index ) );
			}
		}
		return null;
	}

	/**
	 * Refuses a `page_url` that is not an http(s) URL on this site: a browser on one of the
	 * store's pages can only report that page.
	 *
	 * @param int                                              $index Event index.
	 * @param array{name: string, props: array<string, mixed>} $event The event.
	 * @return array{0: int, 1: array<string, mixed>}|null The error, or null.
	 */
	private static function foreign_page( int $index, array $event ): ?array {
		$url = $event['props']['page_url'] ?? null;
		if ( ! is_string( $url ) ) {
			// Absent, or of the wrong type, which validation refuses with the catalogue's words.
			return null;
		}
		$scheme = strtolower( (string) wp_parse_url( $url, PHP_URL_SCHEME ) );
		$host   = strtolower( (string) wp_parse_url( $url, PHP_URL_HOST ) );
		$own    = array(
			strtolower( (string) wp_parse_url( home_url(), PHP_URL_HOST ) ),
			strtolower( (string) wp_parse_url( site_url(), PHP_URL_HOST ) ),
		);
		if ( in_array( $scheme, array( 'http', 'https' ), true ) && '' !== $host && in_array( $host, $own, true ) ) {
			return null;
		}
		return self::error( 400, 'utw_foreign_page_url', sprintf( 'Event %d: page_url must be an http(s) URL on this site.', $index ), array( 'index' => $index ) );
	}

	/**
	 * Refuses an admin event (the setup guide's, sent as `wcadmin_…`) unless a store manager sent
	 * it with WordPress's REST nonce: anyone can reach the endpoint, only the merchant's own
	 * screens may speak for the merchant. Users are looked up only for such a batch.
	 *
	 * @param int                                              $index Event index.
	 * @param array{name: string, props: array<string, mixed>} $event The event.
	 * @return array{0: int, 1: array<string, mixed>}|null The error, or null.
	 */
	private static function admin_only( int $index, array $event ): ?array {
		$family = Event_Catalogue::load()->event( $event['name'] )['family'] ?? null;
		if ( Consent_Gate::ADMIN !== $family && ! str_starts_with( $event['name'], 'wcadmin_' ) ) {
			return null;
		}
		$nonce = isset( $_SERVER['HTTP_X_WP_NONCE'] ) ? sanitize_text_field( wp_unslash( $_SERVER['HTTP_X_WP_NONCE'] ) ) : '';
		if ( '' === $nonce && isset( $_REQUEST['_wpnonce'] ) && is_string( $_REQUEST['_wpnonce'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- this is the nonce, verified below.
			$nonce = sanitize_text_field( wp_unslash( $_REQUEST['_wpnonce'] ) ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- this is the nonce, verified below.
		}
		if ( current_user_can( Permission::CAPABILITY ) && false !== wp_verify_nonce( $nonce, 'wp_rest' ) ) {
			return null;
		}
		$status = is_user_logged_in() ? 403 : 401;
		return self::error( $status, 'utw_admin_event_forbidden', sprintf( 'Event %d (%s) is an admin event: only a store manager (manage_woocommerce) may send it, with the REST nonce (X-WP-Nonce).', $index, sanitize_key( $event['name'] ) ), array( 'index' => $index ) );
	}

	/**
	 * The answer to any method but POST.
	 *
	 * @return array{0: int, 1: array<string, mixed>, 2: array<string, string>}
	 */
	private static function wrong_method(): array {
		$answer    = self::error( 405, 'utw_method_not_allowed', 'The collection endpoint takes POST only.' );
		$answer[2] = array( 'Allow' => 'POST' );
		return $answer;
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
