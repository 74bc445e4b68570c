<?php
/**
 * The recent-events read and the test event, for the transparency view.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Rest;

use Utw\Tracks\Recent_Events;
use Utw\Tracks\Tracks_Client;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * `GET /wp-json/utw/v1/recent-events` lists what was sent and dropped, newest first;
 * `POST /wp-json/utw/v1/recent-events/test` records `utw_test_event` through the same client as
 * every other event and answers what happened to it. Both are for store managers only.
 */
final class Recent_Events_Endpoint {

	public const ROUTE      = '/recent-events';
	public const TEST_ROUTE = '/recent-events/test';

	/**
	 * Creates the endpoint.
	 *
	 * @param Tracks_Client $tracks The server-side client.
	 * @param Recent_Events $recent The recent-events store.
	 */
	public function __construct(
		private readonly Tracks_Client $tracks,
		private readonly Recent_Events $recent
	) {}

	/**
	 * Hooks the routes.
	 */
	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers the routes; WordPress answers 400 `rest_invalid_param` for arguments outside
	 * their schema.
	 */
	public function register_routes(): void {
		register_rest_route(
			Collect_Endpoint::ROUTE_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => 'GET',
				'callback'            => array( $this, 'list_events' ),
				'permission_callback' => array( Settings_Snapshot_Endpoint::class, 'can_manage_store' ),
				'args'                => array(
					'status' => array(
						'description' => 'Only sent or only dropped events.',
						'type'        => 'string',
						'enum'        => array( 'all', 'sent', 'dropped' ),
						'default'     => 'all',
					),
					'limit'  => array(
						'description' => 'How many events, newest first.',
						'type'        => 'integer',
						'minimum'     => 1,
						'maximum'     => Recent_Events::LIMIT,
						'default'     => Recent_Events::LIMIT,
					),
				),
			)
		);
		register_rest_route(
			Collect_Endpoint::ROUTE_NAMESPACE,
			self::TEST_ROUTE,
			array(
				'methods'             => 'POST',
				'callback'            => array( $this, 'send_test_event' ),
				'permission_callback' => array( Settings_Snapshot_Endpoint::class, 'can_manage_store' ),
				'args'                => array(),
			)
		);
	}

	/**
	 * The stored outcomes, newest first.
	 *
	 * @param WP_REST_Request $request Request.
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 * @return WP_REST_Response
	 */
	public function list_events( WP_REST_Request $request ): WP_REST_Response {
		$status = (string) $request->get_param( 'status' );
		$events = array_values(
			array_filter(
				$this->recent->all(),
				static fn( array $event ) => 'all' === $status || ( 'sent' === $status ) === $event['sent']
			)
		);
		return new WP_REST_Response( array( 'events' => array_slice( $events, 0, (int) $request->get_param( 'limit' ) ) ) );
	}

	/**
	 * Records the test event and stores the outcome at once, so a reload of the view shows it.
	 *
	 * @fires utw_test_event with no property of its own
	 *
	 * @return WP_REST_Response What happened to it (sent, or dropped with the reason), 200 either way.
	 */
	public function send_test_event(): WP_REST_Response {
		$outcome = $this->tracks->record_event( 'utw_test_event' );
		$this->recent->persist();
		return new WP_REST_Response( array( 'outcome' => $outcome->to_array() ) );
	}
}
