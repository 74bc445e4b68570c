<?php
/**
 * The Usage Tracking screen under the WooCommerce menu.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin\Setup_Guide;

use Utw\Admin\Permission;
use Utw\Admin\Recent_Events_Endpoint;
use Utw\Assets\Bundle;
use Utw\Consent\Consent_Gate;
use Utw\Plugin;
use Utw\Service\Service_Client;
use Utw\Tracks\Outbox;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce > Usage Tracking, the plugin's one merchant screen, with three views: Setup (the
 * guide), Settings (the switches and whether each kind of event is sent) and Events (the event
 * log), under WooCommerce admin's header. Its events go through the plugin's own collection
 * endpoint, with the REST nonce in the endpoint URL; the React app gets its state in the page, so
 * the first paint needs no extra request. The Plugins screen's row links to the Settings view.
 */
final class Setup_Guide_Page {

	public const SLUG   = 'utw-setup-guide';
	public const HANDLE = 'utw-setup-guide';

	/** The screen's views, by the `view` query argument; the first is the default. */
	public const VIEWS = array( 'setup', 'settings', 'events' );

	/** Events per page of the Events view. */
	public const EVENTS_PER_PAGE = 25;

	/**
	 * The consent gate, for the bundle's config.
	 *
	 * @var Consent_Gate
	 */
	private Consent_Gate $gate;

	/**
	 * Stored progress and connection.
	 *
	 * @var Setup_Guide_Progress
	 */
	private Setup_Guide_Progress $progress;

	/**
	 * Client of the analytics service, for the links to its website.
	 *
	 * @var Service_Client
	 */
	private Service_Client $service;

	/**
	 * The outbox, which is the event log, for the Events view's first page.
	 *
	 * @var Outbox
	 */
	private Outbox $outbox;

	/**
	 * Hook suffix of the page, once it is added.
	 *
	 * @var string
	 */
	private string $hook_suffix = '';

	/**
	 * Creates the page.
	 *
	 * @param Consent_Gate         $gate     The consent gate.
	 * @param Setup_Guide_Progress $progress Stored progress and connection.
	 * @param Service_Client       $service  Client of the analytics service.
	 * @param Outbox               $outbox   The event log.
	 */
	public function __construct( Consent_Gate $gate, Setup_Guide_Progress $progress, Service_Client $service, Outbox $outbox ) {
		$this->gate     = $gate;
		$this->progress = $progress;
		$this->service  = $service;
		$this->outbox   = $outbox;
	}

	/**
	 * Hooks the page in.
	 */
	public function register(): void {
		// After WooCommerce added its menu (priority 9) and its own submenus.
		add_action( 'admin_menu', array( $this, 'add_page' ), 60 );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( Plugin::file() ), array( $this, 'add_settings_link' ) );
	}

	/**
	 * Adds the submenu page and connects it to WooCommerce admin.
	 */
	public function add_page(): void {
		$hook_suffix       = add_submenu_page(
			'woocommerce',
			__( 'Usage Tracking', 'usage-tracking-for-woocommerce' ),
			__( 'Usage Tracking', 'usage-tracking-for-woocommerce' ),
			Permission::CAPABILITY,
			self::SLUG,
			array( $this, 'render' )
		);
		$this->hook_suffix = is_string( $hook_suffix ) ? $hook_suffix : '';
		if ( function_exists( 'wc_admin_connect_page' ) ) {
			wc_admin_connect_page(
				array(
					'id'        => self::SLUG,
					'screen_id' => 'woocommerce_page_' . self::SLUG,
					'title'     => __( 'Usage Tracking', 'usage-tracking-for-woocommerce' ),
					'path'      => add_query_arg( 'page', self::SLUG, 'admin.php' ),
				)
			);
		}
	}

	/**
	 * "Settings" first in the plugin's row on the Plugins screen, for store managers.
	 *
	 * @param array<string|int, string> $links The row's action links.
	 * @return array<string|int, string>
	 */
	public function add_settings_link( array $links ): array {
		if ( ! current_user_can( Permission::CAPABILITY ) ) {
			return $links;
		}
		$settings = sprintf( '<a href="%s">%s</a>', esc_url( self::url( 'settings' ) ), esc_html__( 'Settings', 'usage-tracking-for-woocommerce' ) );
		return array_merge( array( 'settings' => $settings ), $links );
	}

	/**
	 * URL of a view of the screen.
	 *
	 * @param string $view One of VIEWS.
	 * @return string
	 */
	public static function url( string $view = 'setup' ): string {
		$url = admin_url( 'admin.php?page=' . self::SLUG );
		return in_array( $view, self::VIEWS, true ) && 'setup' !== $view ? add_query_arg( 'view', $view, $url ) : $url;
	}

	/**
	 * The view the request asks for (`guide` is the Setup view's old name).
	 *
	 * @return string One of VIEWS.
	 */
	private static function requested_view(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Only picks which view to show.
		$view = isset( $_GET['view'] ) ? sanitize_key( wp_unslash( $_GET['view'] ) ) : '';
		return in_array( $view, self::VIEWS, true ) ? $view : 'setup';
	}

	/**
	 * Enqueues the screen's bundle on its page only.
	 *
	 * @param string $hook_suffix The current admin page.
	 */
	public function enqueue( string $hook_suffix ): void {
		if ( '' === $this->hook_suffix || $hook_suffix !== $this->hook_suffix ) {
			return;
		}
		$config = Bundle::config( $this->gate->decide( Consent_Gate::ADMIN ) );
		// The collection endpoint takes admin events only with the REST nonce. A beacon cannot set
		// headers, so the nonce rides in the URL (WordPress reads `_wpnonce` there); admin pages
		// are never cached.
		$config['endpoint'] = add_query_arg( '_wpnonce', wp_create_nonce( 'wp_rest' ), $config['endpoint'] );
		if ( ! Bundle::enqueue( 'setup-guide', self::HANDLE, $config ) ) {
			return;
		}
		$view = self::requested_view();
		$page = array(
			'view'          => $view,
			'state'         => $this->progress->to_browser( $this->service, $this->gate ),
			'urls'          => array_combine( self::VIEWS, array_map( array( self::class, 'url' ), self::VIEWS ) ),
			'eventsPerPage' => self::EVENTS_PER_PAGE,
			// The Events view's first page, so opening it needs no request.
			'events'        => 'events' === $view ? Recent_Events_Endpoint::answer( $this->outbox, 'all', 'all', 1, self::EVENTS_PER_PAGE ) : null,
		);
		wp_add_inline_script( self::HANDLE, 'window.utwUsageTracking = ' . wp_json_encode( $page ) . ';', 'before' );
		wp_set_script_translations( self::HANDLE, 'usage-tracking-for-woocommerce' );
		wp_enqueue_style( 'wp-components' );
	}

	/**
	 * Prints the element the screen mounts in.
	 */
	public function render(): void {
		echo '<div class="wrap utw-screen-wrap"><div id="utw-setup-guide"><p>' . esc_html__( 'Loading…', 'usage-tracking-for-woocommerce' ) . '</p></div></div>';
	}
}
