<?php
/**
 * The plugin's one entry point.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw;

use Utw\Consent\Consent_Gate;
use Utw\Settings\Settings_Snapshot;
use Utw\Tracks\Event_Catalogue;
use Utw\Tracks\Outbox;
use Utw\Tracks\Tracks_Client;

defined( 'ABSPATH' ) || exit;

/**
 * Checks the requirements once WooCommerce had its chance to load, then wires every feature.
 */
final class Plugin {

	/**
	 * The running plugin, once the requirements are met.
	 *
	 * @var Plugin|null
	 */
	private static ?Plugin $instance = null;

	/**
	 * Path of plugin.php.
	 *
	 * @var string
	 */
	private static string $file = '';

	/**
	 * Consent gate every event passes.
	 *
	 * @var Consent_Gate
	 */
	public readonly Consent_Gate $gate;

	/**
	 * Server-side Tracks client: the only door to the outbox.
	 *
	 * @var Tracks_Client
	 */
	public readonly Tracks_Client $tracks;

	/**
	 * The outbox, which is also the merchant's event log.
	 *
	 * @var Outbox
	 */
	public readonly Outbox $outbox;

	/**
	 * The synced settings snapshot.
	 *
	 * @var Settings_Snapshot
	 */
	public readonly Settings_Snapshot $snapshot;

	/**
	 * Registers the hooks that run before the requirements are known.
	 *
	 * @param string $file Path of plugin.php.
	 */
	public static function boot( string $file ): void {
		self::$file = $file;
		register_activation_hook( $file, array( self::class, 'activate' ) );
		add_action( 'before_woocommerce_init', array( self::class, 'declare_compatibility' ) );
		add_action( 'plugins_loaded', array( self::class, 'start' ), 20 );
	}

	/**
	 * Activation: the options and the outbox's table.
	 */
	public static function activate(): void {
		Options::install();
		Outbox::install();
	}

	/**
	 * Starts the plugin when WordPress and WooCommerce are recent enough; shows a notice otherwise.
	 */
	public static function start(): void {
		$unmet = Requirements::unmet();
		if ( $unmet ) {
			Requirements::show_notice( $unmet );
			return;
		}
		Options::upgrade();
		Outbox::upgrade();
		self::$instance = new self();
		self::$instance->wire();
	}

	/**
	 * The running plugin, or null when its requirements are not met.
	 *
	 * @return Plugin|null
	 */
	public static function instance(): ?Plugin {
		return self::$instance;
	}

	/**
	 * Path of plugin.php.
	 *
	 * @return string
	 */
	public static function file(): string {
		return self::$file;
	}

	/**
	 * Declares compatibility with WooCommerce's custom order tables and Cart/Checkout blocks.
	 *
	 * WooCommerce's declare_compatibility() calls get_plugins(), which parses every plugin's
	 * header: about 1 ms per request, more than this plugin's whole storefront budget. WooCommerce
	 * reads the declarations only in wp-admin (block editor, HPOS settings), in WP-CLI, while it
	 * installs, and in REST or cron requests those may make — never while rendering a storefront
	 * page, so a storefront page view skips it.
	 */
	public static function declare_compatibility(): void {
		if ( self::is_storefront_page_view() ) {
			return;
		}
		if ( class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', self::$file, true );
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', self::$file, true );
		}
	}

	/**
	 * Whether this request is a visitor's page view: not wp-admin, AJAX, cron, WP-CLI or REST.
	 * Asked before WordPress parses the request, so REST is recognised from the URL.
	 *
	 * @return bool
	 */
	private static function is_storefront_page_view(): bool {
		if ( is_admin() || wp_doing_ajax() || wp_doing_cron() || ( defined( 'WP_CLI' ) && WP_CLI ) ) {
			return false;
		}
		$uri = isset( $_SERVER['REQUEST_URI'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '';
		return ! str_contains( $uri, '/' . rest_get_url_prefix() . '/' ) && ! str_contains( $uri, 'rest_route=' );
	}

	/**
	 * Builds the shared services.
	 */
	private function __construct() {
		$this->gate     = new Consent_Gate();
		$this->outbox   = new Outbox();
		$this->tracks   = new Tracks_Client( $this->gate, Event_Catalogue::load(), $this->outbox );
		$this->snapshot = new Settings_Snapshot( $this->gate, $this->tracks );
	}

	/**
	 * Every feature of the plugin, each hooked in once. Admin screens exist only in wp-admin.
	 */
	private function wire(): void {
		$features = array(
			// Events in: the collection endpoint and the server-side builders.
			new Tracks\Collect_Endpoint( $this->tracks ),
			new Storefront\Storefront_Script( $this->gate ),
			new Storefront\Cart_Events( $this->tracks ),
			new Storefront\Order_Events( $this->tracks ),
			new Storefront\Coupon_Events( $this->tracks ),
			new Storefront\Shipping_Events( $this->tracks ),
			new Storefront\Search_Events( $this->tracks ),
			new Storefront\Page_Blocks(),
			new Settings\Settings_Change_Events( $this->tracks ),
			$this->snapshot,
		);
		// What acts only in REST, wp-admin, WP-Cron or WP-CLI requests is not even built on a
		// storefront page view: each class loaded there is part of the page's cost.
		/**
		 * Whether this request is a storefront page view, on which the features that act only in
		 * REST, wp-admin, WP-Cron or WP-CLI requests are not built. A test harness that loads
		 * WordPress as a page view and calls those features directly says false.
		 *
		 * @param bool $page_view Whether the request looks like a storefront page view.
		 */
		if ( ! apply_filters( 'utw_is_storefront_page_view', self::is_storefront_page_view() ) ) {
			array_push(
				$features,
				// Events out: background delivery of the outbox (Action Scheduler runs in cron,
				// CLI and its async runner, never on a page view).
				new Tracks\Delivery( $this->outbox, new Tracks\Pixel_Transport(), new Tracks\Circuit_Breaker() ),
				// The connected account is the data path; the guide changes it over REST.
				new Service\Store_Connection( $this->outbox ),
				// The merchant's side: REST routes, then screens.
				new Settings\Settings_Snapshot_Endpoint( $this->snapshot ),
				new Admin\Recent_Events_Endpoint( $this->tracks, $this->outbox ),
				new Admin\Setup_Guide\Setup_Guide( $this->gate )
			);
		}
		if ( is_admin() ) {
			$features[] = new Admin\Settings_Section();
			$features[] = new Admin\Recent_Events_Page( $this->gate, $this->outbox, Event_Catalogue::load() );
		}
		foreach ( $features as $feature ) {
			$feature->register();
		}
	}
}
