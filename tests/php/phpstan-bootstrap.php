<?php
/**
 * Constants PHPStan needs to know about; WordPress defines them at run time.
 *
 * @package UsageTrackingForWooCommerce
 */

define( 'ABSPATH', '/tmp/wordpress/' );
define( 'UTW_VERSION', '0.1.0' );
define( 'UTW_PLUGIN_FILE', __DIR__ . '/../../plugin.php' );
define( 'WC_VERSION', '9.9.5' );
define( 'UTW_DEBUG', false );
define( 'UTW_DESTINATION_URL', 'http://127.0.0.1/t.gif' );
define( 'WPINC', 'wp-includes' );
define( 'ARRAY_A', 'ARRAY_A' );
define( 'HOUR_IN_SECONDS', 3600 );
define( 'DAY_IN_SECONDS', 86400 );
