<?php
/**
 * The admin setup guide, wired in one line from Plugin::wire().
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin\Setup_Guide;

use Utw\Consent\Consent_Gate;
use Utw\Service\Service_Client;
use Utw\Tracks\Outbox;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the guide's page and REST routes around one client of the analytics service.
 */
final class Setup_Guide {

	/** Options the guide writes; uninstall.php removes them. */
	public const OPTIONS = Setup_Guide_Progress::OPTIONS;

	/**
	 * The consent gate.
	 *
	 * @var Consent_Gate
	 */
	private Consent_Gate $gate;

	/**
	 * Creates the guide.
	 *
	 * @param Consent_Gate $gate The consent gate, for the page's events.
	 */
	public function __construct( Consent_Gate $gate ) {
		$this->gate = $gate;
	}

	/**
	 * Registers the page (in the admin) and the REST routes.
	 */
	public function register(): void {
		$progress = new Setup_Guide_Progress();
		$service  = new Service_Client();
		( new Setup_Guide_Routes( $progress, $service, $this->gate ) )->register();
		if ( is_admin() ) {
			( new Setup_Guide_Page( $this->gate, $progress, $service, new Outbox() ) )->register();
		}
	}
}
