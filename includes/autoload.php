<?php
/**
 * PSR-4 autoloading for the `Utw\` namespace from `includes/`, with WordPress-style file names
 * (`Utw\Consent\Consent_Gate` lives in `includes/Consent/Consent_Gate.php`).
 *
 * @package UsageTrackingForWooCommerce
 */

defined( 'ABSPATH' ) || exit;

spl_autoload_register(
	static function ( string $class_name ): void {
		if ( ! str_starts_with( $class_name, 'Utw\\' ) ) {
			return;
		}
		$file = __DIR__ . '/' . str_replace( '\\', '/', substr( $class_name, 4 ) ) . '.php';
		if ( is_readable( $file ) ) {
			require $file;
		}
	}
);

require_once __DIR__ . '/functions.php';
