<?php
/**
 * The event log read and the test event, for the transparency view.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin;

use Utw\Tracks\Outbox;
use Utw\Tracks\Shared_Facts;
use Utw\Tracks\Tracks_Client;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * `GET /wp-json/utw/v1/recent-events` pages through the event log (the outbox), newest first,
 * with each event's delivery state; `POST /wp-json/utw/v1/recent-events/test` records
 * `utw_test_event` through the same client as every other event and answers what happened to it.
 * Both are for store managers only.
 */
final class Recent_Events_Endpoint {

	public const ROUTE      = '/recent-events';
	public const TEST_ROUTE = '/recent-events/test';
	/** Most events one page may hold. */
	public const MAX_PER_PAGE = 100;

	/**
	 * Creates the endpoint.
	 *
	 * @param Tracks_Client $tracks The server-side client.
	 * @param Outbox        $outbox The outbox, which is the event log.
	 */
	public function __construct(
		private readonly Tracks_Client $tracks,
		private readonly Outbox $outbox
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
			Shared_Facts::REST_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => 'GET',
				'callback'            => array( $this, 'list_events' ),
				'permission_callback' => array( Permission::class, 'can_manage_store' ),
				'args'                => array(
					'state'    => array(
						'description' => 'Only events in this delivery state.',
						'type'        => 'string',
						'enum'        => array_merge( array( 'all' ), Outbox::STATES ),
						'default'     => 'all',
					),
					'family'   => array(
						'description' => 'Only events of this family.',
						'type'        => 'string',
						'enum'        => array( 'all', 'storefront', 'admin' ),
						'default'     => 'all',
					),
					'page'     => array(
						'description' => 'Page of the log, newest first.',
						'type'        => 'integer',
						'minimum'     => 1,
						'default'     => 1,
					),
					'per_page' => array(
						'description' => 'Events per page.',
						'type'        => 'integer',
						'minimum'     => 1,
						'maximum'     => self::MAX_PER_PAGE,
						'default'     => 50,
					),
				),
			)
		);
		register_rest_route(
			Shared_Facts::REST_NAMESPACE,
			self::TEST_ROUTE,
			array(
				'methods'             => 'POST',
				'callback'            => array( $this, 'send_test_event' ),
				'permission_callback' => array( Permission::class, 'can_manage_store' ),
				'args'                => array(),
			)
		);
	}

	/**
	 * One page of the log, newest first, with the total and the count of each state.
	 *
	 * @param WP_REST_Request $request Request.
	 * @phpstan-param WP_REST_Request<array<string, mixed>> $request
	 * @return WP_REST_Response
	 */
	public function list_events( WP_REST_Request $request ): WP_REST_Response {
		return new WP_REST_Response(
			self::answer(
				$this->outbox,
				(string) $request->get_param( 'state' ),
				(string) $request->get_param( 'family' ),
				(int) $request->get_param( 'page' ),
				(int) $request->get_param( 'per_page' )
			)
		);
	}

	/**
	 * One page of the log as the route answers it; the Usage Tracking screen prints the first
	 * page of its Events view with the same answer, so it needs no request to show it. Each event
	 * also carries `reason_text`, its reason in words (empty when it has none), and `time_text` /
	 * `delivered_text`, its times in the site's time zone and date and time formats.
	 *
	 * @param Outbox $outbox   The outbox, which is the event log.
	 * @param string $state    `all` or one of Outbox::STATES.
	 * @param string $family   `all`, `storefront` or `admin`.
	 * @param int    $page     Page, from 1.
	 * @param int    $per_page Events per page, 1 to MAX_PER_PAGE.
	 * @return array{events: list<array<string, mixed>>, total: int, counts: array<string, int>}
	 */
	public static function answer( Outbox $outbox, string $state, string $family, int $page, int $per_page ): array {
		$found  = $outbox->page( $state, $family, max( 1, $page ), min( max( 1, $per_page ), self::MAX_PER_PAGE ) );
		$format = get_option( 'date_format', 'Y-m-d' ) . ' ' . get_option( 'time_format', 'H:i' );
		$when   = static fn( ?int $time ): string => null === $time ? '' : (string) wp_date( $format, $time );
		return array(
			'events' => array_values(
				array_map(
					static fn( array $row ): array => array(
						'id'             => $row['id'],
						'eid'            => $row['eid'],
						'event'          => $row['event'],
						'family'         => $row['family'],
						'state'          => $row['state'],
						'reason'         => $row['reason'],
						'reason_text'    => null === $row['reason'] ? '' : Reason_Words::explain( $row['reason'] ),
						'attempts'       => $row['attempts'],
						'props'          => $row['props'],
						'removed'        => $row['removed'],
						'time'           => intdiv( $row['created_ms'], 1000 ),
						'time_text'      => $when( intdiv( $row['created_ms'], 1000 ) ),
						'delivered_at'   => $row['delivered_at'],
						'delivered_text' => $when( $row['delivered_at'] ),
					),
					$found['rows']
				)
			),
			'total'  => $found['total'],
			'counts' => $outbox->counts(),
		);
	}

	/**
	 * Records the test event and writes it to the outbox at once, so a reload of the view shows
	 * it; the background delivery sends it like any other.
	 *
	 * @fires utw_test_event with no property of its own
	 *
	 * @return WP_REST_Response What happened to it (queued, or dropped with the reason), 200 either way.
	 */
	public function send_test_event(): WP_REST_Response {
		$outcome = $this->tracks->record_event( 'utw_test_event' );
		$this->tracks->end_request();
		return new WP_REST_Response( array( 'outcome' => $outcome->to_array() ) );
	}
}
