<?php
/**
 * The REST routes the setup guide's page talks to.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin\Setup_Guide;

use Utw\Admin\Permission;
use Utw\Consent\Consent_Gate;
use Utw\Options;
use Utw\Service\Service_Client;
use Utw\Service\Service_Error;
use Utw\Tracks\Shared_Facts;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

/**
 * `utw/v1/setup-guide/…`: the browser's only way to the analytics service. Every route needs
 * `manage_woocommerce` and the REST nonce (WordPress answers 401 without a logged-in user, 403
 * without the capability), validates its input against a schema (400), and answers with the
 * guide's state, or a service failure as a message the merchant can act on.
 */
final class Setup_Guide_Routes {

	public const BASE = '/setup-guide';
	/** Public: where the analytics service reads the site verification token. */
	public const VERIFICATION_ROUTE = '/site-verification';

	/**
	 * Stored progress and connection.
	 *
	 * @var Setup_Guide_Progress
	 */
	private Setup_Guide_Progress $progress;

	/**
	 * Client of the analytics service.
	 *
	 * @var Service_Client
	 */
	private Service_Client $service;

	/**
	 * The consent gate, for the state the routes answer.
	 *
	 * @var Consent_Gate
	 */
	private Consent_Gate $gate;

	/** The switches `POST /tracking` turns on or off, by the name the screen uses. */
	public const SWITCHES = array(
		'plugin'     => Options::ENABLED,
		'storefront' => Options::STOREFRONT_ENABLED,
		'admin'      => Options::ADMIN_ENABLED,
	);

	/**
	 * Creates the routes.
	 *
	 * @param Setup_Guide_Progress $progress Stored progress and connection.
	 * @param Service_Client       $service  Client of the analytics service.
	 * @param Consent_Gate         $gate     The consent gate.
	 */
	public function __construct( Setup_Guide_Progress $progress, Service_Client $service, Consent_Gate $gate ) {
		$this->progress = $progress;
		$this->service  = $service;
		$this->gate     = $gate;
	}

	/**
	 * Registers the routes on `rest_api_init`.
	 */
	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers every route.
	 */
	public function register_routes(): void {
		$this->route( '', WP_REST_Server::READABLE, array( $this, 'state' ) );
		$this->route(
			'/progress',
			WP_REST_Server::CREATABLE,
			array( $this, 'complete_step' ),
			array(
				'step' => array(
					'type'     => 'string',
					'enum'     => array( 'getting-started', 'tracking' ),
					'required' => true,
				),
			)
		);
		$this->route( '/connection', WP_REST_Server::CREATABLE, array( $this, 'connect' ) );
		$this->route( '/connection', WP_REST_Server::DELETABLE, array( $this, 'disconnect' ) );
		$this->route(
			'/business-account',
			WP_REST_Server::CREATABLE,
			array( $this, 'pick_business_account' ),
			array(
				'business_account_id' => array(
					'type'     => 'string',
					'pattern'  => '^[A-Za-z0-9_-]{1,64}$',
					'required' => true,
				),
			)
		);
		$this->route( '/claim', WP_REST_Server::CREATABLE, array( $this, 'claim_website' ) );
		$this->route(
			'/tracking',
			WP_REST_Server::CREATABLE,
			array( $this, 'set_tracking' ),
			array(
				'enabled' => array(
					'type'     => 'boolean',
					'required' => true,
				),
				'switch'  => array(
					'type'    => 'string',
					'enum'    => array_keys( self::SWITCHES ),
					'default' => 'plugin',
				),
			)
		);
		register_rest_route(
			Shared_Facts::REST_NAMESPACE,
			self::VERIFICATION_ROUTE,
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'serve_verification_token' ),
				'permission_callback' => '__return_true',
			)
		);
	}

	/**
	 * The guide's state.
	 *
	 * @return WP_REST_Response
	 */
	public function state(): WP_REST_Response {
		return new WP_REST_Response( $this->progress->to_browser( $this->service, $this->gate ) );
	}

	/**
	 * Completes a step that needs no service: getting started, setting up tracking.
	 *
	 * @param WP_REST_Request $request Request.
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 * @return WP_REST_Response
	 */
	public function complete_step( WP_REST_Request $request ): WP_REST_Response {
		$this->progress->mark( (string) $request->get_param( 'step' ) );
		return $this->state();
	}

	/**
	 * Connects the store to its account at the service and reads the account.
	 *
	 * @return WP_REST_Response|WP_Error
	 */
	public function connect() {
		try {
			$token = $this->service->authorize( home_url( '/' ) );
			$this->progress->connect( $token, $this->service->account( $token ) );
		} catch ( Service_Error $error ) {
			return self::service_failure( $error );
		}
		return $this->state();
	}

	/**
	 * Connects one of the account's business accounts.
	 *
	 * @param WP_REST_Request $request Request.
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function pick_business_account( WP_REST_Request $request ) {
		$connection = $this->progress->connection();
		if ( null === $connection ) {
			return self::not_connected();
		}
		try {
			$account = $this->service->pick_business_account( $connection['access_token'], (string) $request->get_param( 'business_account_id' ) );
			$this->progress->connect( $connection['access_token'], $account );
		} catch ( Service_Error $error ) {
			return self::service_failure( $error );
		}
		return $this->state();
	}

	/**
	 * Claims the website: gets a token from the service, serves it, and has the service check it.
	 *
	 * @return WP_REST_Response|WP_Error
	 */
	public function claim_website() {
		$connection = $this->progress->connection();
		if ( null === $connection ) {
			return self::not_connected();
		}
		try {
			$this->progress->set_verification_token( $this->service->verification_token( $connection['access_token'] ) );
			$this->service->verify_site( $connection['access_token'], rest_url( Shared_Facts::REST_NAMESPACE . self::VERIFICATION_ROUTE ) );
		} catch ( Service_Error $error ) {
			return self::service_failure( $error );
		}
		$this->progress->mark( 'claim-website' );
		return $this->state();
	}

	/**
	 * Turns one of the switches on or off: the plugin's (default), storefront events' or admin
	 * events'. The same options WooCommerce > Settings > Advanced > Usage Tracking saves.
	 *
	 * @param WP_REST_Request $request Request.
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 * @return WP_REST_Response
	 */
	public function set_tracking( WP_REST_Request $request ): WP_REST_Response {
		$option = self::SWITCHES[ (string) $request->get_param( 'switch' ) ] ?? Options::ENABLED;
		update_option( $option, $request->get_param( 'enabled' ) ? 'yes' : 'no', true );
		return $this->state();
	}

	/**
	 * Disconnects the store. The local connection is always forgotten: a merchant who wants out
	 * is not kept connected because the service is down; revoking the token there is best effort.
	 *
	 * @return WP_REST_Response
	 */
	public function disconnect(): WP_REST_Response {
		$connection = $this->progress->connection();
		if ( null !== $connection ) {
			try {
				$this->service->disconnect( $connection['access_token'] );
			} catch ( Service_Error $error ) {
				// The token dies with the local connection; nothing the merchant can do about it.
				unset( $error );
			}
		}
		$this->progress->disconnect();
		return $this->state();
	}

	/**
	 * Serves the site verification token to the service (it is meant to be public).
	 *
	 * @return WP_REST_Response
	 */
	public function serve_verification_token(): WP_REST_Response {
		$token = $this->progress->verification_token();
		if ( null === $token ) {
			return new WP_REST_Response(
				array(
					'code'    => 'utw_no_verification_token',
					'message' => 'This site is not being claimed.',
				),
				404
			);
		}
		return new WP_REST_Response( array( 'token' => $token ) );
	}

	/**
	 * Registers one guide route behind the capability check.
	 *
	 * @param string                              $path     Path under BASE.
	 * @param string                              $methods  HTTP methods.
	 * @param callable                            $callback Handler.
	 * @param array<string, array<string, mixed>> $args     Argument schema.
	 */
	private function route( string $path, string $methods, callable $callback, array $args = array() ): void {
		register_rest_route(
			Shared_Facts::REST_NAMESPACE,
			self::BASE . $path,
			array(
				'methods'             => $methods,
				'callback'            => $callback,
				'permission_callback' => array( Permission::class, 'can_manage_store' ),
				'args'                => $args,
			)
		);
	}

	/**
	 * A service failure, as the guide shows it.
	 *
	 * @param Service_Error $error The failure.
	 * @return WP_Error
	 */
	private static function service_failure( Service_Error $error ): WP_Error {
		$status = Service_Error::REJECTED === $error->reason ? 422 : 502;
		return new WP_Error( 'utw_' . $error->reason, $error->getMessage(), array( 'status' => $status ) );
	}

	/**
	 * The answer when a step needs a connected account first.
	 *
	 * @return WP_Error
	 */
	private static function not_connected(): WP_Error {
		return new WP_Error( 'utw_not_connected', __( 'Connect your account first.', 'usage-tracking-for-woocommerce' ), array( 'status' => 409 ) );
	}
}
