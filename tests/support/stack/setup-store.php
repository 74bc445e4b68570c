<?php
/**
 * Store set-up for the local stack: php setup-store.php <wordpress-dir> <phase>
 *
 * Phases (each one its own process, so WooCommerce boots the normal way after activation):
 *   activate        activate WooCommerce (runs its installer through the activation hook)
 *   configure       WooCommerce settings, pages, payments, shipping, catalogue
 *   settle          run the Action Scheduler jobs that are due (empty queue in the snapshots)
 *   plugin          (re)activate our plugin as installed (exit 3 when that fails)
 *   check           load WordPress with every active plugin (fails when a plugin fatals)
 *   deactivate-ours deactivate our plugin without loading it
 *   wordpress-only  deactivate WooCommerce (for the wordpress-only snapshot); our plugin stays active
 *
 * Every phase is idempotent.
 */

if ( PHP_SAPI !== 'cli' || empty( $argv[1] ) || empty( $argv[2] ) ) {
	fwrite( STDERR, "usage: php setup-store.php <wordpress-dir> activate|configure|wordpress-only\n" );
	exit( 2 );
}

$utw_wp_dir = rtrim( $argv[1], '/' );
$utw_phase  = $argv[2];
require __DIR__ . '/cli-env.php';
utw_cli_env( $utw_wp_dir );

if ( in_array( $utw_phase, array( 'deactivate-ours', 'wordpress-only' ), true ) ) {
	// These phases only edit active_plugins: load WordPress without plugins (ours may not load while it is being written).
	// phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the filter must exist before WordPress loads.
	$GLOBALS['wp_filter']['option_active_plugins'][10][] = array(
		'function'      => '__return_empty_array',
		'accepted_args' => 1,
	);
}

require $utw_wp_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/file.php';

const UTW_WC_PLUGIN  = 'woocommerce/woocommerce.php';
const UTW_OUR_PLUGIN = 'usage-tracking-for-woocommerce/plugin.php';

/**
 * Prints a line on stderr.
 *
 * @param string $message Message.
 */
function utw_say( $message ) {
	fwrite( STDERR, '  ' . $message . "\n" );
}

/**
 * Activates a plugin, printing (not throwing) failures.
 *
 * @param string $plugin Plugin basename.
 * @return bool
 */
function utw_activate( $plugin ) {
	if ( is_plugin_active( $plugin ) ) {
		return true;
	}
	try {
		ob_start();
		$result = activate_plugin( $plugin, '', false, false );
		$output = ob_get_clean();
	} catch ( Throwable $e ) {
		ob_end_clean();
		utw_say( "activating $plugin failed: " . get_class( $e ) . ': ' . $e->getMessage() . ' at ' . $e->getFile() . ':' . $e->getLine() );
		return false;
	}
	if ( is_wp_error( $result ) ) {
		utw_say( "activating $plugin failed: " . $result->get_error_code() . ': ' . wp_strip_all_tags( $result->get_error_message() ) );
		return false;
	}
	if ( '' !== trim( (string) $output ) ) {
		utw_say( "activating $plugin printed output: " . substr( trim( wp_strip_all_tags( $output ) ), 0, 500 ) );
	}
	utw_say( "activated $plugin" );
	return true;
}

/**
 * Returns the ID of a published page with this slug, creating it if needed.
 *
 * @param string $slug    Slug.
 * @param string $title   Title.
 * @param string $content Content.
 * @return int
 */
function utw_page( $slug, $title, $content ) {
	$page = get_page_by_path( $slug, OBJECT, 'page' );
	if ( $page ) {
		if ( 'publish' !== $page->post_status ) {
			wp_update_post(
				array(
					'ID'          => $page->ID,
					'post_status' => 'publish',
				)
			);
		}
		return (int) $page->ID;
	}
	return (int) wp_insert_post(
		array(
			'post_type'      => 'page',
			'post_status'    => 'publish',
			'post_name'      => $slug,
			'post_title'     => $title,
			'post_content'   => $content,
			'comment_status' => 'closed',
		),
		true
	);
}

/**
 * Returns the term ID of a product category, creating it if needed.
 *
 * @param string $name   Name.
 * @param string $slug   Slug.
 * @param int    $parent Parent term ID.
 * @return int
 */
function utw_category( $name, $slug, $parent = 0 ) {
	$term = get_term_by( 'slug', $slug, 'product_cat' );
	if ( $term ) {
		return (int) $term->term_id;
	}
	$term = wp_insert_term(
		$name,
		'product_cat',
		array(
			'slug'   => $slug,
			'parent' => $parent,
		)
	);
	if ( is_wp_error( $term ) ) {
		throw new RuntimeException( "cannot create category $slug: " . $term->get_error_message() );
	}
	return (int) $term['term_id'];
}

/**
 * Creates a simple product unless one with this SKU exists.
 *
 * @param string $name       Name.
 * @param string $slug       Slug.
 * @param string $sku        SKU.
 * @param string $price      Price.
 * @param int[]  $categories Category IDs (empty: WooCommerce's default category).
 * @return int
 */
function utw_product( $name, $slug, $sku, $price, $categories ) {
	$id = wc_get_product_id_by_sku( $sku );
	if ( $id ) {
		return (int) $id;
	}
	$product = new WC_Product_Simple();
	$product->set_name( $name );
	$product->set_slug( $slug );
	$product->set_sku( $sku );
	$product->set_regular_price( $price );
	$product->set_status( 'publish' );
	$product->set_catalog_visibility( 'visible' );
	$product->set_short_description( "$name for Usage Tracking tests." );
	$product->set_description( "A $name. Sample product of the local Usage Tracking for WooCommerce stack." );
	$product->set_manage_stock( false );
	$product->set_stock_status( 'instock' );
	if ( $categories ) {
		$product->set_category_ids( $categories );
	}
	return (int) $product->save();
}

/**
 * Whether WooCommerce's tables exist.
 *
 * @return bool
 */
function utw_wc_tables_exist() {
	global $wpdb;
	return (bool) $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->prefix . 'wc_product_meta_lookup' ) );
}

$utw_has_wc = is_file( WP_PLUGIN_DIR . '/' . UTW_WC_PLUGIN );

switch ( $utw_phase ) {
	case 'activate':
		if ( $utw_has_wc ) {
			if ( ! utw_activate( UTW_WC_PLUGIN ) ) {
				exit( 1 );
			}
		}
		break;

	case 'configure':
		if ( $utw_has_wc && class_exists( 'WC_Install' ) ) {
			if ( ! utw_wc_tables_exist() ) {
				utw_say( 'running WC_Install::install()' );
				WC_Install::install();
			}
			WC_Install::newly_installed();

			$stack   = getenv( 'UTW_STACK' ) ? getenv( 'UTW_STACK' ) : 'dev';
			$options = array(
				'woocommerce_coming_soon'                  => 'no',
				'woocommerce_store_pages_only'             => 'no',
				'woocommerce_onboarding_profile'           => array( 'skipped' => true ),
				'woocommerce_task_list_hidden'             => 'yes',
				'woocommerce_extended_task_list_hidden'    => 'yes',
				'woocommerce_allow_tracking'               => 'test' === $stack ? 'no' : 'yes',
				'woocommerce_show_marketplace_suggestions' => 'no',
				'woocommerce_currency'                     => 'USD',
				'woocommerce_default_country'              => 'US:CA',
				'woocommerce_store_address'                => '1 Test Way',
				'woocommerce_store_address_2'              => '',
				'woocommerce_store_city'                   => 'San Francisco',
				'woocommerce_store_postcode'               => '94110',
				'woocommerce_calc_taxes'                   => 'no',
				'woocommerce_enable_guest_checkout'        => 'yes',
				'woocommerce_enable_checkout_login_reminder' => 'no',
				'woocommerce_enable_signup_and_login_from_checkout' => 'no',
				'woocommerce_enable_myaccount_registration' => 'no',
				'woocommerce_cod_settings'                 => array_merge(
					(array) get_option( 'woocommerce_cod_settings', array() ),
					array(
						'enabled'     => 'yes',
						'title'       => 'Cash on delivery',
						'description' => 'Pay with cash upon delivery.',
					)
				),
				'woocommerce_cheque_settings'              => array_merge(
					(array) get_option( 'woocommerce_cheque_settings', array() ),
					array(
						'enabled'     => 'yes',
						'title'       => 'Check payments',
						'description' => 'Please send a check to Store Name, Store Street, Store Town, Store State / County, Store Postcode.',
					)
				),
			);
			foreach ( $options as $name => $value ) {
				update_option( $name, $value );
			}
			delete_transient( '_wc_activation_redirect' );
			foreach ( array( 'woocommerce_install_assembler_fonts', 'fetch_patterns' ) as $hook ) {
				as_unschedule_all_actions( $hook ); // Internet downloads; see mu-plugin/utw-local-stack.php.
			}

			// Default pages (cart and checkout are block pages in 9.9) and classic shortcode twins.
			WC_Install::create_pages();
			// phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- a local of the setup phase.
			$pages = array(
				'cart_block'       => (int) wc_get_page_id( 'cart' ),
				'checkout_block'   => (int) wc_get_page_id( 'checkout' ),
				'cart_classic'     => utw_page( 'classic-cart', 'Classic Cart', '<!-- wp:shortcode -->[woocommerce_cart]<!-- /wp:shortcode -->' ),
				'checkout_classic' => utw_page( 'classic-checkout', 'Classic Checkout', '<!-- wp:shortcode -->[woocommerce_checkout]<!-- /wp:shortcode -->' ),
			);
			update_option( 'utw_stack_pages', wp_json_encode( $pages ) );

			// Flat rate 5 everywhere ("Locations not covered by your other zones").
			$zone = new WC_Shipping_Zone( 0 );
			$flat = null;
			foreach ( $zone->get_shipping_methods() as $method ) {
				if ( 'flat_rate' === $method->id ) {
					$flat = $method;
				}
			}
			$instance_id = $flat ? $flat->instance_id : $zone->add_shipping_method( 'flat_rate' );
			update_option(
				"woocommerce_flat_rate_{$instance_id}_settings",
				array(
					'title'      => 'Flat rate',
					'tax_status' => 'taxable',
					'cost'       => '5',
				)
			);
			WC_Cache_Helper::get_transient_version( 'shipping', true );

			// Catalogue.
			$clothing = utw_category( 'Clothing', 'clothing' );
			$hoodies  = utw_category( 'Hoodies', 'hoodies', $clothing );
			utw_product( 'Blue Hoodie', 'blue-hoodie', 'UTW-HOODIE', '45', array( $hoodies ) );
			utw_product( 'Red T-Shirt', 'red-t-shirt', 'UTW-TSHIRT', '20', array( $clothing ) );
			utw_product( 'Coffee Mug', 'coffee-mug', 'UTW-MUG', '12', array() );
			utw_say( 'store configured: pages ' . wp_json_encode( $pages ) );
		}

		flush_rewrite_rules( false );
		break;

	case 'plugin':
		if ( ! is_file( WP_PLUGIN_DIR . '/' . UTW_OUR_PLUGIN ) ) {
			utw_say( UTW_OUR_PLUGIN . ' does not exist yet: not activated' );
			break;
		}
		if ( is_plugin_active( UTW_OUR_PLUGIN ) ) {
			// Installed again (a new zip): activate what is installed now, as a merchant's first activation would.
			deactivate_plugins( UTW_OUR_PLUGIN );
		}
		if ( ! utw_activate( UTW_OUR_PLUGIN ) ) {
			exit( 3 ); // stack.sh goes on without it, and retries on the next `up`.
		}
		// The store's data path starts connected to the local analytics service's store `st-local`,
		// so storefront events flow from the first page; the setup guide itself starts unconnected
		// (connecting there replaces this store with the picked business account's).
		update_option(
			'utw_store_connection',
			array(
				'store_id'   => 'st-local',
				'ingest_url' => UTW_LOCAL_COLLECTOR . '/service/v1/ingest/st-local/t.gif',
			),
			true
		);
		flush_rewrite_rules( false );
		break;

	case 'check':
		// Reaching this line means WordPress loaded with every active plugin.
		fwrite( STDERR, '  WordPress loads with plugins: ' . implode( ', ', (array) get_option( 'active_plugins' ) ) . "\n" );
		break;

	case 'deactivate-ours':
		remove_all_filters( 'option_active_plugins' );
		deactivate_plugins( UTW_OUR_PLUGIN, true );
		utw_say( 'deactivated ' . UTW_OUR_PLUGIN );
		break;

	case 'settle':
		// Run the Action Scheduler jobs due now, so snapshots start with an empty queue.
		if ( class_exists( 'ActionScheduler' ) ) {
			$ran = 0;
			for ( $i = 0; $i < 5; $i++ ) {
				$n    = ActionScheduler::runner()->run( 'utw-stack' );
				$ran += $n;
				if ( 0 === $n ) {
					break;
				}
			}
			utw_say( "ran $ran scheduled actions" );
		}
		break;

	case 'wordpress-only':
		remove_all_filters( 'option_active_plugins' );
		update_option( 'active_plugins', array_values( array_diff( (array) get_option( 'active_plugins', array() ), array( UTW_WC_PLUGIN ) ) ) );
		delete_option( 'rewrite_rules' ); // Rebuilt without WooCommerce's rules on the next request.
		break;

	default:
		fwrite( STDERR, "unknown phase $utw_phase\n" );
		exit( 2 );
}
