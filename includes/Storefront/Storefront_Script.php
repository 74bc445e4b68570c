<?php
/**
 * The storefront bundle.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

use Utw\Assets\Bundle;
use Utw\Consent\Consent_Gate;

defined( 'ABSPATH' ) || exit;

/**
 * Enqueues the storefront bundle only while the gate is open, with a config that is the same for
 * every visitor (no ids, nonces or cookies), so cached pages stay correct.
 */
final class Storefront_Script {

	public const HANDLE = 'utw-storefront';

	/**
	 * Creates the feature.
	 *
	 * @param Consent_Gate $gate The consent gate.
	 */
	public function __construct( private readonly Consent_Gate $gate ) {}

	/**
	 * Hooks the enqueue.
	 */
	public function register(): void {
		add_action( 'wp_enqueue_scripts', array( $this, 'enqueue' ) );
	}

	/**
	 * Enqueues the bundle and its config when the gate is open.
	 */
	public function enqueue(): void {
		$decision = $this->gate->decide( Consent_Gate::STOREFRONT, false );
		if ( ! $decision->open ) {
			return;
		}
		$config = Bundle::config( $decision ) + array( 'events' => Page_Events::for_current_page() );
		Bundle::enqueue( 'storefront', self::HANDLE, $config );
	}
}
