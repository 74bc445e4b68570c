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
	/** The store's connection to its analytics account (see Service\Store_Connection). */
	public const STORE_CONNECTION = 'utw_store_connection';
	/** The synced settings snapshot (see Settings\Settings_Snapshot). */
	public const SETTINGS_SNAPSHOT = 'utw_settings_snapshot';
	/**
	 * Revision of what Plugin::activate() puts in place — these options and the outbox's table
	 * (Tracks\Outbox::install()) — within a plugin version: bump it with any change of either,
	 * and a store of an older revision gets it on its next request.
	 */
	private const REVISION = 3;

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
	 * Adds missing options with their defaults (activation, upgrade). The store connection is
	 * there from the start, empty until the store is connected: the gate reads it on every
	 * storefront request, and an option that does not exist would cost a query each time.
	 */
	public static function install(): void {
		foreach ( self::defaults() as $name => $value ) {
			add_option( $name, $value, '', true );
		}
		add_option( self::STORE_CONNECTION, array(), '', true );
	}

	/**
	 * Records that the options and the outbox's table of this version are in place: the last step
	 * of Plugin::activate(), so a store whose install stopped half-way tries again on its next
	 * request.
	 */
	public static function mark_current(): void {
		update_option( self::VERSION, self::installed_version(), true );
	}

	/**
	 * Whether the options and the outbox's table are those of this version: the check reads an
	 * autoloaded option, no query.
	 *
	 * @return bool
	 */
	public static function are_current(): bool {
		return self::installed_version() === get_option( self::VERSION );
	}

	/**
	 * The version and revision of the options this code expects.
	 *
	 * @return string
	 */
	private static function installed_version(): string {
		return UTW_VERSION . '-' . self::REVISION;
	}
}
