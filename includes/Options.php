<?php
/**
 * The plugin's options.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw;

defined( 'ABSPATH' ) || exit;

/**
 * Creates the options the plugin reads on every request, autoloaded, so reading them costs no
 * query; and lists every option for uninstall.
 */
final class Options {

	/** The plugin's own on/off switch. */
	public const ENABLED = 'utw_enabled';
	/** Switch for the storefront event family. */
	public const STOREFRONT_ENABLED = 'utw_storefront_enabled';
	/** Switch for the admin event family (store settings, setup guide). */
	public const ADMIN_ENABLED = 'utw_admin_enabled';
	/** Version whose options are in place. */
	public const VERSION = 'utw_version';

	/**
	 * Options read on every request, with their defaults.
	 *
	 * @return array<string, string>
	 */
	public static function defaults(): array {
		return array(
			self::ENABLED            => 'yes',
			self::STOREFRONT_ENABLED => 'yes',
			self::ADMIN_ENABLED      => 'yes',
			self::VERSION            => UTW_VERSION,
		);
	}

	/**
	 * Adds missing options with their defaults (activation, upgrade).
	 */
	public static function install(): void {
		foreach ( self::defaults() as $name => $value ) {
			add_option( $name, $value, '', true );
		}
		update_option( self::VERSION, UTW_VERSION, true );
	}

	/**
	 * Runs install() when the stored version differs: the check reads an autoloaded option.
	 */
	public static function upgrade(): void {
		if ( UTW_VERSION !== get_option( self::VERSION ) ) {
			self::install();
		}
	}
}
