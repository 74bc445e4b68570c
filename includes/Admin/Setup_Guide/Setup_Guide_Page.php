<?php
/**
 * The setup guide's admin page under the WooCommerce menu.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin\Setup_Guide;

use Utw\Assets\Bundle;
use Utw\Consent\Consent_Gate;
use Utw\Service\Service_Client;

defined( 'ABSPATH' ) || exit;

/**
 * Adds WooCommerce > Usage Tracking, connected to WooCommerce admin (its header, and the
 * `wcTracks` function WooCommerce prints on its admin pages), and mounts the React guide with
 * its state, so the first paint needs no extra request.
 */
final class Setup_Guide_Page {

	public const SLUG   = 'utw-setup-guide';
	public const HANDLE = 'utw-setup-guide';

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
	 */
	public function __construct( Consent_Gate $gate, Setup_Guide_Progress $progress, Service_Client $service ) {
		$this->gate     = $gate;
		$this->progress = $progress;
		$this->service  = $service;
	}

	/**
	 * Hooks the page in.
	 */
	public function register(): void {
		// After WooCommerce added its menu (priority 9) and its own submenus.
		add_action( 'admin_menu', array( $this, 'add_page' ), 60 );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
	}

	/**
	 * Adds the submenu page and connects it to WooCommerce admin.
	 */
	public function add_page(): void {
		$hook_suffix       = add_submenu_page(
			'woocommerce',
			__( 'Usage Tracking setup', 'usage-tracking-for-woocommerce' ),
			__( 'Usage Tracking', 'usage-tracking-for-woocommerce' ),
			'manage_woocommerce',
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
	 * URL of the page.
	 *
	 * @param string $view `guide` or `settings`.
	 * @return string
	 */
	public static function url( string $view = 'guide' ): string {
		$url = admin_url( 'admin.php?page=' . self::SLUG );
		return 'settings' === $view ? add_query_arg( 'view', 'settings', $url ) : $url;
	}

	/**
	 * Enqueues the guide's bundle on its page only.
	 *
	 * @param string $hook_suffix The current admin page.
	 */
	public function enqueue( string $hook_suffix ): void {
		if ( '' === $this->hook_suffix || $hook_suffix !== $this->hook_suffix ) {
			return;
		}
		if ( ! Bundle::enqueue( 'setup-guide', self::HANDLE, Bundle::config( $this->gate->decide( Consent_Gate::ADMIN ) ) ) ) {
			return;
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Only picks which view to show.
		$view = isset( $_GET['view'] ) && 'settings' === $_GET['view'] ? 'settings' : 'guide';
		$page = array(
			'view'        => $view,
			'state'       => $this->progress->to_browser( $this->service ),
			'guideUrl'    => self::url(),
			'settingsUrl' => self::url( 'settings' ),
		);
		wp_add_inline_script( self::HANDLE, 'window.utwSetupGuide = ' . wp_json_encode( $page ) . ';', 'before' );
		wp_set_script_translations( self::HANDLE, 'usage-tracking-for-woocommerce' );
		wp_enqueue_style( 'wp-components' );
	}

	/**
	 * Prints the element the guide mounts in.
	 */
	public function render(): void {
		echo '<div class="wrap utw-setup-guide-wrap"><div id="utw-setup-guide"><p>' . esc_html__( 'Loading the setup guide…', 'usage-tracking-for-woocommerce' ) . '</p></div></div>';
	}
}
