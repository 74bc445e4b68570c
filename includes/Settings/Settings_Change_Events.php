<?php
/**
 * Events about changes to the store's settings.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Settings;

use Utw\Options;
use Utw\Tracks\Tracks_Client;

defined( 'ABSPATH' ) || exit;

/**
 * Records one event per change of checkout's account settings, of a payment method's "enabled"
 * and of the plugin's own switches. It listens to the options themselves (added or updated), so
 * the settings screen, WooCommerce's REST API and `update_option()` in code are all seen, and
 * WordPress only fires those hooks when the stored value really changed.
 *
 * The event is recorded after the option is saved: the gate it passes is the one the change
 * leaves behind. Switching tracking off is therefore never announced (it is kept as dropped in
 * the recent-events view), and switching it back on is.
 */
final class Settings_Change_Events {

	/** Checkout account options => the `setting` they are reported as, and their default. */
	public const ACCOUNT_SETTINGS = array(
		'woocommerce_enable_guest_checkout'           => array( 'guest_checkout', 'yes' ),
		'woocommerce_enable_signup_and_login_from_checkout' => array( 'account_creation', 'no' ),
		'woocommerce_enable_myaccount_registration'   => array( 'myaccount_registration', 'no' ),
		'woocommerce_enable_delayed_account_creation' => array( 'delayed_account_creation', 'no' ),
	);

	/** The plugin's switches => the `switch` they are reported as (all default on). */
	public const SWITCHES = array(
		Options::ENABLED            => 'plugin',
		Options::STOREFRONT_ENABLED => 'storefront',
		Options::ADMIN_ENABLED      => 'admin',
	);

	/** A payment gateway's settings option: `woocommerce_<gateway id>_settings`. */
	private const GATEWAY_OPTION = '/^woocommerce_([a-z0-9_-]+)_settings$/';

	/**
	 * Creates the feature.
	 *
	 * @param Tracks_Client $tracks The server-side client.
	 */
	public function __construct( private readonly Tracks_Client $tracks ) {}

	/**
	 * An option that existed was changed.
	 *
	 * @param string $option    Option name.
	 * @param mixed  $old_value Value before.
	 * @param mixed  $new_value Value after.
	 */
	public function on_updated_option( string $option, mixed $old_value, mixed $new_value ): void {
		$this->record_change( $option, $old_value, $new_value, true );
	}

	/**
	 * An option was stored for the first time: before, the setting had its default.
	 *
	 * @param string $option    Option name.
	 * @param mixed  $new_value Value stored.
	 */
	public function on_added_option( string $option, mixed $new_value ): void {
		$this->record_change( $option, null, $new_value, false );
	}

	/**
	 * Records the event a change calls for, if any.
	 *
	 * @param string $option    Option name.
	 * @param mixed  $old_value Value before (null: the option did not exist).
	 * @param mixed  $new_value Value after.
	 * @param bool   $existed   Whether the option existed before.
	 */
	private function record_change( string $option, mixed $old_value, mixed $new_value, bool $existed ): void {
		if ( isset( self::ACCOUNT_SETTINGS[ $option ] ) ) {
			list( $setting, $default ) = self::ACCOUNT_SETTINGS[ $option ];
			$this->account_setting_changed( $setting, self::is_on( $existed ? $old_value : $default ), self::is_on( $new_value ) );
		} elseif ( isset( self::SWITCHES[ $option ] ) ) {
			$this->switch_changed( self::SWITCHES[ $option ], self::is_on( $existed ? $old_value : 'yes' ), self::is_on( $new_value ) );
		} elseif ( preg_match( self::GATEWAY_OPTION, $option, $match ) ) {
			$this->maybe_payment_method_changed( $match[1], self::gateway_enabled( $old_value ), self::gateway_enabled( $new_value ) );
		}
	}

	/**
	 * Records a change of a checkout account setting.
	 *
	 * @fires utw_checkout_account_setting_change with `{ setting: 'guest_checkout', old_value: true, new_value: false }`
	 *
	 * @param string $setting   Setting as reported.
	 * @param bool   $old_value Before.
	 * @param bool   $new_value After.
	 */
	private function account_setting_changed( string $setting, bool $old_value, bool $new_value ): void {
		if ( $old_value === $new_value ) {
			return;
		}
		$this->tracks->record_event(
			'utw_checkout_account_setting_change',
			array(
				'setting'   => $setting,
				'old_value' => $old_value,
				'new_value' => $new_value,
			)
		);
	}

	/**
	 * Records a change of one of the plugin's switches.
	 *
	 * @fires utw_tracking_switch_change with `{ switch: 'storefront', old_value: true, new_value: false }`
	 *
	 * @param string $which     Switch as reported.
	 * @param bool   $old_value Before.
	 * @param bool   $new_value After.
	 */
	private function switch_changed( string $which, bool $old_value, bool $new_value ): void {
		if ( $old_value === $new_value ) {
			return;
		}
		$this->tracks->record_event(
			'utw_tracking_switch_change',
			array(
				'switch'    => $which,
				'old_value' => $old_value,
				'new_value' => $new_value,
			)
		);
	}

	/**
	 * Records that a payment method was enabled or disabled. Other settings of the gateway (its
	 * title, its instructions) are not reported; nor are other `woocommerce_*_settings` options
	 * (emails, shipping methods), which are not payment gateways.
	 *
	 * @fires utw_payment_method_change with `{ payment_method: 'cheque', old_value: true, new_value: false, old_payment_methods: 'cod,cheque', new_payment_methods: 'cod' }`
	 *
	 * @param string $gateway_id Gateway id from the option name.
	 * @param bool   $old_value  Enabled before.
	 * @param bool   $new_value  Enabled after.
	 */
	private function maybe_payment_method_changed( string $gateway_id, bool $old_value, bool $new_value ): void {
		if ( $old_value === $new_value || ! function_exists( 'WC' ) ) {
			return;
		}
		$gateways = WC()->payment_gateways()->payment_gateways();
		if ( ! isset( $gateways[ $gateway_id ] ) ) {
			return;
		}
		$after = array();
		foreach ( $gateways as $id => $gateway ) {
			// Read each gateway's stored option: objects loaded earlier in the request may be stale.
			$settings = get_option( "woocommerce_{$id}_settings", null );
			$enabled  = is_array( $settings ) ? self::gateway_enabled( $settings ) : 'yes' === $gateway->enabled;
			if ( $id === $gateway_id ? $new_value : $enabled ) {
				$after[] = (string) $id;
			}
		}
		$before = $new_value
			? array_values( array_diff( $after, array( $gateway_id ) ) )
			: self::insert_in_order( $after, $gateway_id, array_keys( $gateways ) );
		$this->tracks->record_event(
			'utw_payment_method_change',
			array(
				'payment_method'      => $gateway_id,
				'old_value'           => $old_value,
				'new_value'           => $new_value,
				'old_payment_methods' => implode( ',', $before ),
				'new_payment_methods' => implode( ',', $after ),
			)
		);
	}

	/**
	 * Adds a gateway id back into a list, keeping the store's gateway order.
	 *
	 * @param string[]          $ids   Enabled ids.
	 * @param string            $id    Id to add.
	 * @param array<int|string> $order Every gateway id, in order.
	 * @return list<string>
	 */
	private static function insert_in_order( array $ids, string $id, array $order ): array {
		$wanted = array_merge( $ids, array( $id ) );
		return array_values(
			array_map( 'strval', array_filter( $order, static fn( $candidate ) => in_array( (string) $candidate, $wanted, true ) ) )
		);
	}

	/**
	 * Whether a yes/no option value is on.
	 *
	 * @param mixed $value Option value.
	 * @return bool
	 */
	private static function is_on( mixed $value ): bool {
		return 'yes' === $value || true === $value;
	}

	/**
	 * Whether a gateway's settings array says it is enabled (missing: not enabled).
	 *
	 * @param mixed $settings Option value.
	 * @return bool
	 */
	private static function gateway_enabled( mixed $settings ): bool {
		return is_array( $settings ) && self::is_on( $settings['enabled'] ?? 'no' );
	}
}
