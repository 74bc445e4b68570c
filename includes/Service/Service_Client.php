<?php
/**
 * The plugin's client of the analytics service (contract: docs/analytics-service.md).
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Service;

defined( 'ABSPATH' ) || exit;

// Service_Error messages are never HTML: they travel in REST answers as JSON (WP_Error) and the
// setup guide shows them as React text, so escaping them would show entities to the merchant.
// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped

/**
 * Talks to the service from the server only, so the access token never reaches a browser. Calls
 * are short (a guide click waits for them) and every failure becomes a Service_Error.
 */
final class Service_Client {

	/** Seconds to wait for the service before telling the merchant it is down. */
	public const TIMEOUT = 3;

	/**
	 * Base URL of the service, or null to read the setting when a call is made.
	 *
	 * @var string|null
	 */
	private ?string $base_url;

	/**
	 * Creates a client.
	 *
	 * @param string|null $base_url Base URL of the service; null reads base_url() on each call, so
	 *                              a filter added after the plugin loaded still counts.
	 */
	public function __construct( ?string $base_url = null ) {
		$this->base_url = null === $base_url ? null : untrailingslashit( $base_url );
	}

	/**
	 * The configured base URL: the constant UTW_SERVICE_URL, then the `utw_service_url` filter.
	 *
	 * @return string
	 */
	public static function base_url(): string {
		$url = defined( 'UTW_SERVICE_URL' ) ? (string) constant( 'UTW_SERVICE_URL' ) : 'https://analytics.usage-tracking.example';
		/**
		 * Base URL of the analytics service the setup guide connects the store to.
		 *
		 * @param string $url Base URL, without a trailing slash.
		 */
		return untrailingslashit( (string) apply_filters( 'utw_service_url', $url ) );
	}

	/**
	 * A page of the service's website the merchant is sent to (sign up, convert, …).
	 *
	 * @param string $path Path under the base URL, starting with `/`.
	 * @return string
	 */
	public function web_url( string $path ): string {
		return ( $this->base_url ?? self::base_url() ) . $path;
	}

	/**
	 * Asks the service for an access token for this site.
	 *
	 * @param string $site_url Home URL of the store.
	 * @return string The access token.
	 * @throws Service_Error When the service is down or refuses.
	 */
	public function authorize( string $site_url ): string {
		$answer = $this->call( 'POST', '/v1/authorize', null, array( 'site_url' => $site_url ) );
		if ( ! isset( $answer['access_token'] ) || ! is_string( $answer['access_token'] ) || '' === $answer['access_token'] ) {
			throw new Service_Error( Service_Error::UNAVAILABLE, __( 'The analytics service answered without an access token.', 'usage-tracking-for-woocommerce' ) );
		}
		return $answer['access_token'];
	}

	/**
	 * Reads the connected account and its business accounts.
	 *
	 * @param string $token Access token.
	 * @return array{id: string, name: string, type: string, business_accounts: list<array{id: string, name: string}>, connected_business_account: array{id: string, name: string}|null, store: array{id: string, ingest_url: string}|null}
	 * @throws Service_Error When the service is down or refuses.
	 */
	public function account( string $token ): array {
		return self::account_from( $this->call( 'GET', '/v1/account', $token ) );
	}

	/**
	 * Connects one of the account's business accounts.
	 *
	 * @param string $token               Access token.
	 * @param string $business_account_id ID of the business account.
	 * @return array{id: string, name: string, type: string, business_accounts: list<array{id: string, name: string}>, connected_business_account: array{id: string, name: string}|null, store: array{id: string, ingest_url: string}|null}
	 * @throws Service_Error When the service is down or refuses.
	 */
	public function pick_business_account( string $token, string $business_account_id ): array {
		return self::account_from( $this->call( 'POST', '/v1/account/business', $token, array( 'business_account_id' => $business_account_id ) ) );
	}

	/**
	 * Gets the token the site must serve to prove it belongs to the account.
	 *
	 * @param string $token Access token.
	 * @return string The verification token.
	 * @throws Service_Error When the service is down or refuses.
	 */
	public function verification_token( string $token ): string {
		$answer = $this->call( 'POST', '/v1/site/token', $token );
		if ( ! isset( $answer['token'] ) || ! is_string( $answer['token'] ) || '' === $answer['token'] ) {
			throw new Service_Error( Service_Error::UNAVAILABLE, __( 'The analytics service answered without a verification token.', 'usage-tracking-for-woocommerce' ) );
		}
		return $answer['token'];
	}

	/**
	 * Asks the service to fetch the verification token from the site and compare it.
	 *
	 * @param string $token            Access token.
	 * @param string $verification_url URL where the site serves the token.
	 * @throws Service_Error When the service is down, refuses, or did not find the token.
	 */
	public function verify_site( string $token, string $verification_url ): void {
		$this->call( 'POST', '/v1/site/verify', $token, array( 'verification_url' => $verification_url ) );
	}

	/**
	 * Revokes the access token.
	 *
	 * @param string $token Access token.
	 * @throws Service_Error When the service is down or refuses.
	 */
	public function disconnect( string $token ): void {
		$this->call( 'DELETE', '/v1/authorize', $token );
	}

	/**
	 * Sends one request and decodes the JSON answer.
	 *
	 * @param string                    $method HTTP method.
	 * @param string                    $path   Contract path.
	 * @param string|null               $token  Access token, when the route needs one.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @return array<string, mixed>
	 * @throws Service_Error When the service is down or refuses.
	 */
	private function call( string $method, string $path, ?string $token, ?array $body = null ): array {
		$headers = array( 'Accept' => 'application/json' );
		if ( null !== $token ) {
			$headers['Authorization'] = 'Bearer ' . $token;
		}
		$args = array(
			'method'  => $method,
			'timeout' => self::TIMEOUT,
			'headers' => $headers,
		);
		if ( null !== $body ) {
			$args['headers']['Content-Type'] = 'application/json';
			$args['body']                    = (string) wp_json_encode( $body );
		}
		$response = wp_remote_request( $this->web_url( $path ), $args );
		if ( is_wp_error( $response ) ) {
			throw new Service_Error( Service_Error::UNAVAILABLE, __( 'The analytics service did not answer. Try again in a few minutes; if it keeps failing, check that the store can reach the service.', 'usage-tracking-for-woocommerce' ) );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$answer = json_decode( wp_remote_retrieve_body( $response ), true );
		$answer = is_array( $answer ) ? $answer : array();
		if ( 401 === $status || 403 === $status ) {
			throw new Service_Error( Service_Error::BAD_CREDENTIALS, __( 'The analytics service rejected the store\'s credentials. Connect your account again; if it keeps failing, check that the account is active at the service.', 'usage-tracking-for-woocommerce' ) );
		}
		if ( $status >= 500 || 0 === $status ) {
			throw new Service_Error( Service_Error::UNAVAILABLE, __( 'The analytics service is unavailable right now. Your progress is saved: try again in a few minutes.', 'usage-tracking-for-woocommerce' ) );
		}
		if ( $status >= 400 ) {
			$message = isset( $answer['message'] ) && is_string( $answer['message'] ) ? $answer['message'] : __( 'The analytics service refused the request.', 'usage-tracking-for-woocommerce' );
			throw new Service_Error( Service_Error::REJECTED, $message );
		}
		return $answer;
	}

	/**
	 * Checks the shape of an account answer.
	 *
	 * @param array<string, mixed> $answer Decoded answer.
	 * @return array{id: string, name: string, type: string, business_accounts: list<array{id: string, name: string}>, connected_business_account: array{id: string, name: string}|null, store: array{id: string, ingest_url: string}|null}
	 * @throws Service_Error When the answer is not an account.
	 */
	private static function account_from( array $answer ): array {
		if ( ! isset( $answer['id'], $answer['name'], $answer['type'] ) || ! is_string( $answer['id'] ) || ! is_string( $answer['name'] ) || ! in_array( $answer['type'], array( 'personal', 'business' ), true ) ) {
			throw new Service_Error( Service_Error::UNAVAILABLE, __( 'The analytics service answered with something that is not an account.', 'usage-tracking-for-woocommerce' ) );
		}
		$business_accounts = array();
		foreach ( is_array( $answer['business_accounts'] ?? null ) ? $answer['business_accounts'] : array() as $business ) {
			if ( is_array( $business ) && isset( $business['id'], $business['name'] ) && is_string( $business['id'] ) && is_string( $business['name'] ) ) {
				$business_accounts[] = array(
					'id'   => $business['id'],
					'name' => $business['name'],
				);
			}
		}
		$connected = $answer['connected_business_account'] ?? null;
		$store     = is_array( $answer['store'] ?? null ) ? Store_Connection::valid( $answer['store']['id'] ?? null, $answer['store']['ingest_url'] ?? null ) : null;
		return array(
			'id'                         => $answer['id'],
			'name'                       => $answer['name'],
			'type'                       => $answer['type'],
			'business_accounts'          => $business_accounts,
			'connected_business_account' => is_array( $connected ) && isset( $connected['id'], $connected['name'] ) && is_string( $connected['id'] ) && is_string( $connected['name'] )
				? array(
					'id'   => $connected['id'],
					'name' => $connected['name'],
				)
				: null,
			'store'                      => null === $store ? null : array(
				'id'         => $store['store_id'],
				'ingest_url' => $store['ingest_url'],
			),
		);
	}
}
