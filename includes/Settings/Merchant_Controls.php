<?php
/**
 * What the merchant controls and sees.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Settings;

use Utw\Admin\Recent_Events_Page;
use Utw\Admin\Settings_Section;
use Utw\Plugin;
use Utw\Rest\Recent_Events_Endpoint;
use Utw\Rest\Settings_Snapshot_Endpoint;
use Utw\Tracks\Event_Catalogue;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the merchant's side of the plugin: the settings section, the settings-change events, the
 * snapshot and recent-events REST routes, and the transparency view.
 */
final class Merchant_Controls {

	/**
	 * Creates the feature.
	 *
	 * @param Plugin $plugin The running plugin's services.
	 */
	public function __construct( private readonly Plugin $plugin ) {}

	/**
	 * Hooks every part in. Admin screens are only hooked in wp-admin.
	 */
	public function register(): void {
		( new Settings_Change_Events( $this->plugin->tracks ) )->register();
		( new Settings_Snapshot_Endpoint( $this->plugin->snapshot ) )->register();
		( new Recent_Events_Endpoint( $this->plugin->tracks, $this->plugin->recent_events ) )->register();
		if ( is_admin() ) {
			( new Settings_Section() )->register();
			( new Recent_Events_Page( $this->plugin->gate, $this->plugin->recent_events, Event_Catalogue::load() ) )->register();
		}
	}
}
