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
	 * Every hook of the features that are built the first time one of their hooks fires:
	 * feature => list of [ hook, method, priority, accepted arguments ]. Each is registered by
	 * lazily() in a request and by hook() for a feature a caller built itself (tests, which also
	 * read it to take a feature's place).
	 */
	public const HOOKS = array(
		Tracks\Collect_Endpoint::class         => array(
			array( 'plugins_loaded', 'answer_early', PHP_INT_MAX, 0 ),
			array( 'rest_api_init', 'register_route', 10, 0 ),
		),
		Storefront\Cart_Events::class          => array(
			array( 'woocommerce_add_to_cart', 'added', 10, 3 ),
			array( 'woocommerce_after_cart_item_quantity_update', 'quantity_changed', 10, 4 ),
			array( 'woocommerce_remove_cart_item', 'removing', 10, 2 ),
			array( 'woocommerce_cart_emptied', 'emptied', 10, 0 ),
		),
		Storefront\Order_Events::class         => array(
			array( 'woocommerce_created_customer', 'note_account_created', 10, 0 ),
			array( 'woocommerce_checkout_order_processed', 'classic_checkout_processed', 10, 3 ),
			array( 'woocommerce_store_api_checkout_order_processed', 'block_checkout_processed', 10, 1 ),
			array( 'woocommerce_store_api_checkout_update_order_from_request', 'note_express', 10, 2 ),
		),
		Storefront\Coupon_Events::class        => array(
			array( 'wc_ajax_apply_coupon', 'classic_attempt', 1, 0 ),
			array( 'rest_request_before_callbacks', 'store_api_attempt', 10, 3 ),
			array( 'woocommerce_applied_coupon', 'applied', 10, 1 ),
			array( 'woocommerce_removed_coupon', 'removed', 10, 1 ),
		),
		Storefront\Shipping_Events::class      => array(
			array( 'woocommerce_checkout_update_order_review', 'classic_checkout_review', 10, 0 ),
			array( 'wc_ajax_update_shipping_method', 'classic_cart_choice', 1, 0 ),
			array( 'woocommerce_store_api_cart_select_shipping_rate', 'block_choice', 10, 2 ),
		),
		Storefront\Search_Events::class        => array(
			// Just before WooCommerce's redirect of a single search result (its priority is 10).
			array( 'template_redirect', 'before_single_result_redirect', 9, 0 ),
		),
		Storefront\Page_Blocks::class          => array(
			array( 'save_post_page', 'forget', 10, 1 ),
		),
		Settings\Settings_Change_Events::class => array(
			array( 'updated_option', 'on_updated_option', 10, 3 ),
			array( 'added_option', 'on_added_option', 10, 2 ),
		),
		// Its three Action Scheduler hooks are Delivery's HOOK, NOW_HOOK and PRUNE_HOOK, written out:
		// reading a constant would load the class on every request (Plugin_Hooks_Test compares).
		Tracks\Delivery::class                 => array(
			array( 'utw_deliver_events', 'run', 10, 0 ),
			array( 'utw_deliver_events_now', 'run', 10, 0 ),
			array( 'utw_prune_events', 'prune', 10, 0 ),
			array( 'action_scheduler_after_process_queue', 'follow_up', 10, 0 ),
		),
		Settings\Settings_Snapshot::class      => array(
			// A store that never had one (fresh activation) gets it on its first full request.
			array( 'init', 'get', 10, 0 ),
			array( 'added_option', 'maybe_refresh', 10, 1 ),
			array( 'updated_option', 'maybe_refresh', 10, 1 ),
			array( 'deleted_option', 'maybe_refresh', 10, 1 ),
			array( 'utw_server_context', 'add_storefront_context', 10, 2 ),
		),
	);

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
	 * The outbox, once something needs it.
	 *
	 * @var Outbox|null
	 */
	private ?Outbox $outbox = null;

	/**
	 * The server-side Tracks client, once something records.
	 *
	 * @var Tracks_Client|null
	 */
	private ?Tracks_Client $tracks = null;

	/**
	 * The settings snapshot, once something reads it.
	 *
	 * @var Settings_Snapshot|null
	 */
	private ?Settings_Snapshot $snapshot = null;

	/**
	 * Registers the hooks that run before the requirements are known.
	 *
	 * @param string $file Path of plugin.php.
	 */
	public static function boot( string $file ): void {
		self::$file = $file;
		register_activation_hook( $file, array( self::class, 'activate' ) );
		register_deactivation_hook( $file, array( self::class, 'deactivate' ) );
		add_action( 'before_woocommerce_init', array( self::class, 'declare_compatibility' ) );
		add_action( 'plugins_loaded', array( self::class, 'start' ), 20 );
	}

	/**
	 * Activation, and the first request of a new version: the options and the outbox's table.
	 */
	public static function activate(): void {
		Options::install();
		Outbox::install();
		// Builds before the options' revision 3 kept the outbox's schema version apart.
		delete_option( 'utw_outbox_schema' );
		Options::mark_current();
	}

	/**
	 * Deactivation: the follow-up queue run the delivery may have asked WP-Cron for (nothing of
	 * the plugin runs while it is inactive).
	 */
	public static function deactivate(): void {
		// Action Scheduler's WP-Cron hook (ActionScheduler_QueueRunner::WP_CRON_HOOK), written out:
		// WooCommerce, which loads it, may be inactive already.
		wp_clear_scheduled_hook( 'action_scheduler_run_queue', array( Tracks\Delivery::FOLLOW_UP_RUN ) );
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
		if ( ! Options::are_current() ) {
			self::activate();
		}
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
	 * What every event says about the store, from the browser's bundles and the server alike.
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
	 * Hooks a feature built by its caller (a test with its own client) as the plugin hooks its own.
	 *
	 * @param object $feature A feature of HOOKS.
	 */
	public static function hook( object $feature ): void {
		foreach ( self::HOOKS[ $feature::class ] as list( $hook, $method, $priority, $accepted_args ) ) {
			// @phpstan-ignore argument.type (a method of the feature, as HOOKS names it)
			add_filter( $hook, array( $feature, $method ), $priority, $accepted_args );
		}
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
		$uri = self::request_uri();
		return ! str_contains( $uri, '/' . rest_get_url_prefix() . '/' ) && ! str_contains( $uri, 'rest_route=' );
	}

	/**
	 * The request's URI, sanitized.
	 *
	 * @return string
	 */
	private static function request_uri(): string {
		return isset( $_SERVER['REQUEST_URI'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '';
	}

	/**
	 * Builds the services every request may need; the rest is built on first use.
	 */
	private function __construct() {
		$this->gate = new Consent_Gate();
	}

	/**
	 * The outbox, which is also the merchant's event log.
	 *
	 * @return Outbox
	 */
	public function outbox(): Outbox {
		return $this->outbox ??= new Outbox();
	}

	/**
	 * The server-side Tracks client: the only door to the outbox.
	 *
	 * @return Tracks_Client
	 */
	public function tracks(): Tracks_Client {
		return $this->tracks ??= new Tracks_Client( $this->gate, Event_Catalogue::load(), $this->outbox() );
	}

	/**
	 * The synced settings snapshot.
	 *
	 * @return Settings_Snapshot
	 */
	public function snapshot(): Settings_Snapshot {
		return $this->snapshot ??= new Settings_Snapshot( $this->gate, $this->tracks() );
	}

	/**
	 * Every feature of the plugin, each hooked in once.
	 *
	 * A storefront page view runs little of the plugin, and every class file it loads is part of
	 * the page's cost: the features that record events are built the first time one of their
	 * hooks fires (lazily()), and what acts only in REST, wp-admin, WP-Cron or WP-CLI requests is
	 * not even hooked there.
	 */
	private function wire(): void {
		// Events in: the collection endpoint (only its own URL builds it before REST starts) and
		// the server-side builders.
		$this->lazily(
			Tracks\Collect_Endpoint::class,
			fn () => new Tracks\Collect_Endpoint( fn () => $this->tracks() ),
			array( 'plugins_loaded' => static fn (): bool => str_contains( self::request_uri(), '/' . Tracks\Shared_Facts::REST_NAMESPACE . '/' ) )
		);
		( new Storefront\Storefront_Script( $this->gate ) )->register();
		$this->lazily( Storefront\Cart_Events::class, fn () => new Storefront\Cart_Events( $this->tracks() ) );
		$this->lazily( Storefront\Order_Events::class, fn () => new Storefront\Order_Events( $this->tracks() ) );
		add_action( 'rest_api_init', array( Storefront\Order_Events::class, 'register_checkout_data' ), 5 );
		$this->lazily(
			Storefront\Coupon_Events::class,
			fn () => new Storefront\Coupon_Events( $this->tracks() ),
			// Blocks preload Store API reads while a page renders; only a POST may apply a coupon.
			array( 'rest_request_before_callbacks' => static fn ( $response, $handler, $request ): bool => $request instanceof \WP_REST_Request && 'POST' === $request->get_method() )
		);
		$this->lazily( Storefront\Shipping_Events::class, fn () => new Storefront\Shipping_Events( $this->tracks() ) );
		$this->lazily(
			Storefront\Search_Events::class,
			fn () => new Storefront\Search_Events( $this->tracks() ),
			array( 'template_redirect' => static fn (): bool => is_search() )
		);
		$this->lazily( Storefront\Page_Blocks::class, static fn () => new Storefront\Page_Blocks() );
		// Page views change options too (transients without a persistent object cache): the
		// settings listeners are built only for the options they read, named `woocommerce_…` or
		// `utw_…`.
		$ours = static fn ( $option ): bool => is_string( $option ) && ( str_starts_with( $option, 'woocommerce_' ) || str_starts_with( $option, 'utw_' ) );
		$this->lazily(
			Settings\Settings_Change_Events::class,
			fn () => new Settings\Settings_Change_Events( $this->tracks() ),
			array(
				'updated_option' => $ours,
				'added_option'   => $ours,
			)
		);
		$this->lazily(
			Settings\Settings_Snapshot::class,
			fn () => $this->snapshot(),
			array(
				'init'           => static function (): bool {
					// Settings_Snapshot::get()'s own test of a stored snapshot, without loading it.
					$stored = get_option( Options::SETTINGS_SNAPSHOT );
					return ! is_array( $stored ) || ! isset( $stored['payment_methods'] );
				},
				'added_option'   => $ours,
				'updated_option' => $ours,
				'deleted_option' => $ours,
			)
		);
		// Events out: background delivery of the outbox, wherever Action Scheduler runs its queue —
		// WP-Cron, WP-CLI, its async runner, and a visitor's request on a store with
		// ALTERNATE_WP_CRON.
		$this->lazily( Tracks\Delivery::class, fn () => new Tracks\Delivery( $this->outbox(), new Tracks\Pixel_Transport(), new Tracks\Circuit_Breaker() ) );
		/**
		 * Whether this request is a storefront page view, on which the features that act only in
		 * REST, wp-admin, WP-Cron or WP-CLI requests are not built. A test harness that loads
		 * WordPress as a page view and calls those features directly says false.
		 *
		 * @param bool $page_view Whether the request looks like a storefront page view.
		 */
		if ( ! apply_filters( 'utw_is_storefront_page_view', self::is_storefront_page_view() ) ) {
			if ( is_admin() || wp_doing_cron() || ( defined( 'WP_CLI' ) && WP_CLI ) ) {
				// The recurring actions are kept scheduled where that costs no shopper anything.
				add_action( 'action_scheduler_init', array( Tracks\Delivery::class, 'schedule' ) );
			}
			$features = array(
				// The connected account is the data path; the guide changes it over REST.
				new Service\Store_Connection( $this->outbox() ),
				// The merchant's side: REST routes, then screens.
				new Settings\Settings_Snapshot_Endpoint( $this->snapshot() ),
				new Admin\Recent_Events_Endpoint( $this->tracks(), $this->outbox() ),
				new Admin\Setup_Guide\Setup_Guide( $this->gate ),
			);
			if ( is_admin() ) {
				$features[] = new Admin\Settings_Section();
				$features[] = new Admin\Recent_Events_Page( $this->gate, $this->outbox(), Event_Catalogue::load() );
			}
			foreach ( $features as $feature ) {
				$feature->register();
			}
		}//end if
	}

	/**
	 * Hooks a feature that is built the first time one of its hooks fires (HOOKS), then kept.
	 *
	 * `$only` names, per hook that also fires where the feature has nothing to do, a cheap test
	 * of the hook's arguments that must pass before the feature is built.
	 *
	 * @param string               $feature Feature class, a key of HOOKS.
	 * @param \Closure             $build   Builds the feature.
	 * @param array<string, mixed> $only    Hook => test.
	 * @phpstan-param class-string $feature
	 * @phpstan-param array<string, \Closure> $only
	 */
	private function lazily( string $feature, \Closure $build, array $only = array() ): void {
		$instance = null;
		foreach ( self::HOOKS[ $feature ] as list( $hook, $method, $priority, $accepted_args ) ) {
			$wanted = $only[ $hook ] ?? null;
			add_filter(
				$hook,
				static function ( ...$arguments ) use ( &$instance, $build, $method, $wanted ) {
					if ( null !== $wanted && ! $wanted( ...$arguments ) ) {
						return $arguments[0] ?? null;
					}
					$instance ??= $build();
					return $instance->{$method}( ...$arguments );
				},
				$priority,
				$accepted_args
			);
		}
	}
}
