<?php
/**
 * The old address of the event log.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin;

use Utw\Admin\Setup_Guide\Setup_Guide_Page;
use Utw\Consent\Consent_Gate;
use Utw\Tracks\Event_Catalogue;
use Utw\Tracks\Outbox;

defined( 'ABSPATH' ) || exit;

/**
 * The event log used to be a page of its own, WooCommerce > Usage events
 * (`admin.php?page=utw-recent-events`). It is now the Events view of WooCommerce > Usage Tracking;
 * the old address, from bookmarks and old links, opens that view with the same state filter.
 * No menu entry: WordPress finds no page under the old slug and, before refusing it, asks
 * `admin_page_access_denied`, where the redirect happens.
 */
final class Recent_Events_Page {

	public const SLUG = 'utw-recent-events';

	/**
	 * Creates the redirect. Its arguments are those the event log's page had, which Plugin::wire()
	 * still passes; the redirect needs none of them.
	 *
	 * @param Consent_Gate    $gate      The consent gate.
	 * @param Outbox          $outbox    The outbox.
	 * @param Event_Catalogue $catalogue The catalogue.
	 */
	public function __construct( Consent_Gate $gate, Outbox $outbox, Event_Catalogue $catalogue ) {
		unset( $gate, $outbox, $catalogue );
	}

	/**
	 * Hooks the redirect.
	 */
	public function register(): void {
		add_action( 'admin_page_access_denied', array( $this, 'redirect' ) );
	}

	/**
	 * Sends a store manager who opens the old address to the Events view.
	 */
	public function redirect(): void {
		// Only reads which page was asked for, and a display filter; nothing is changed.
		// phpcs:disable WordPress.Security.NonceVerification.Recommended
		$page  = isset( $_GET['page'] ) ? sanitize_key( wp_unslash( $_GET['page'] ) ) : '';
		$state = isset( $_GET['state'] ) ? sanitize_key( wp_unslash( $_GET['state'] ) ) : '';
		// phpcs:enable
		if ( self::SLUG !== $page || ! current_user_can( Permission::CAPABILITY ) ) {
			return;
		}
		$url = Setup_Guide_Page::url( 'events' );
		if ( in_array( $state, Outbox::STATES, true ) ) {
			$url = add_query_arg( 'state', $state, $url );
		}
		wp_safe_redirect( $url );
		exit;
	}
}
