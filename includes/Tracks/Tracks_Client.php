<?php
/**
 * The server-side Tracks client.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

use Utw\Consent\Consent_Gate;

defined( 'ABSPATH' ) || exit;

/**
 * Every event the server sends passes here, whether it was recorded in PHP (cart, order,
 * settings) or arrived from a browser through the collection endpoint: gate, common properties,
 * privacy guard and validation, then the pixel transport — and a line in the recent-events store
 * either way.
 */
final class Tracks_Client {

	/** The visitor id the browser makes (see assets/source/tracks/browser-context.ts). */
	public const VISITOR_ID = '/^[A-Za-z0-9_-]{22}$/';

	/**
	 * Validator built from the catalogue.
	 *
	 * @var Event_Validator
	 */
	private Event_Validator $validator;

	/**
	 * Creates the client.
	 *
	 * @param Consent_Gate    $gate      The consent gate.
	 * @param Event_Catalogue $catalogue The catalogue.
	 * @param Pixel_Transport $transport Where accepted events go.
	 * @param Recent_Events   $recent    Store of recent outcomes.
	 */
	public function __construct(
		private readonly Consent_Gate $gate,
		public readonly Event_Catalogue $catalogue,
		private readonly Pixel_Transport $transport,
		private readonly Recent_Events $recent
	) {
		$this->validator = new Event_Validator( $catalogue );
	}

	/**
	 * Records a server-side event; it is sent after the response, never delaying it.
	 *
	 * @param string               $name  Catalogued event name (`utw_…`, without `wcadmin_`).
	 * @param array<string, mixed> $props The event's own properties.
	 * @return Event_Outcome What happened to it.
	 */
	public function record_event( string $name, array $props = array() ): Event_Outcome {
		$gate = $this->gate_for( $name );
		if ( null !== $gate ) {
			return $this->drop( $name, $gate );
		}
		$validation = $this->validate( $name, $props );
		if ( ! $validation->ok() ) {
			return $this->drop( $name, (string) $validation->reason, $validation->removed );
		}
		return $this->send( $name, $validation );
	}

	/**
	 * Why the gate is closed for an event, or null when it is open (or the event is unknown,
	 * which validation reports).
	 *
	 * @param string $name Event name.
	 * @return string|null `gate closed: <condition>`.
	 */
	public function gate_for( string $name ): ?string {
		$event = $this->catalogue->event( $name );
		if ( null === $event ) {
			return null;
		}
		$decision = $this->gate->decide( $event['family'] );
		return $decision->open ? null : 'gate closed: ' . $decision->closed_by;
	}

	/**
	 * Common properties the store knows: they are the same for every visitor.
	 *
	 * @return array{plugin_version: string, wc_version: string, site_url: string}
	 */
	public static function store_context(): array {
		return array(
			'plugin_version' => UTW_VERSION,
			'wc_version'     => defined( 'WC_VERSION' ) ? WC_VERSION : '',
			'site_url'       => home_url(),
		);
	}

	/**
	 * Adds the server's own context (which overrides what a browser claims) and validates.
	 *
	 * @param string               $name  Event name.
	 * @param array<string, mixed> $props Properties.
	 * @return Validation
	 */
	public function validate( string $name, array $props ): Validation {
		$event = $this->catalogue->event( $name );
		if ( null === $event ) {
			return $this->validator->validate( $name, $props );
		}
		$defaults = array(
			'_ts'    => (int) floor( microtime( true ) * 1000 ),
			'device' => wp_is_mobile() ? 'mobile' : 'desktop',
		);
		$visitor  = isset( $_COOKIE['utw_vid'] ) ? sanitize_text_field( wp_unslash( $_COOKIE['utw_vid'] ) ) : '';
		if ( 'storefront' === $event['family'] && preg_match( self::VISITOR_ID, $visitor ) ) {
			$defaults['_ui'] = $visitor;
		}
		/**
		 * Server-side context added to every event of a family (the store settings snapshot for
		 * storefront events, for example). Every key must be catalogued.
		 *
		 * @param array<string, scalar> $context Context properties.
		 * @param string                $family  `storefront` or `admin`.
		 */
		$extra = (array) apply_filters( 'utw_server_context', array(), $event['family'] );
		$props = array_merge( $defaults, $props, $extra, self::store_context() );
		if ( isset( $props['_ui'] ) && ! preg_match( self::VISITOR_ID, (string) $props['_ui'] ) ) {
			unset( $props['_ui'] );
		}
		return $this->validator->validate( $name, $props );
	}

	/**
	 * Queues a validated event for the destination and notes it as sent.
	 *
	 * @param string     $name       Event name.
	 * @param Validation $validation Accepted validation.
	 * @return Event_Outcome
	 */
	public function send( string $name, Validation $validation ): Event_Outcome {
		$event = $this->catalogue->event( $name );
		$this->transport->queue( $event['sent_as'] ?? $name, $validation->props );
		$outcome = Event_Outcome::sent( $event['sent_as'] ?? $name, $validation->props, $validation->removed );
		$this->recent->add( $outcome );
		return $outcome;
	}

	/**
	 * Notes a dropped event. Its property values are not kept: they may be what was refused.
	 *
	 * @param string                $name    Event name.
	 * @param string                $reason  Why it was dropped.
	 * @param array<string, string> $removed Removed property => why.
	 * @return Event_Outcome
	 */
	public function drop( string $name, string $reason, array $removed = array() ): Event_Outcome {
		$outcome = Event_Outcome::dropped( $name, $reason, $removed );
		$this->recent->add( $outcome );
		if ( defined( 'UTW_DEBUG' ) && UTW_DEBUG ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- debug mode's purpose.
			error_log( "[utw] dropped {$name}: {$reason}" );
		}
		return $outcome;
	}
}
