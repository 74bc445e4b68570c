<?php
/**
 * The synced snapshot of the store's tracking-related settings.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Settings;

use Utw\Consent\Consent_Gate;
use Utw\Options;
use Utw\Tracks\Tracks_Client;

defined( 'ABSPATH' ) || exit;

/**
 * Seed 000's "Data Synced": whether tracking is on (and what closes it) and how checkout's
 * account and payment settings are configured. Kept in one autoloaded option that is refreshed
 * when one of those settings changes — never recomputed on a page view — and added to every
 * storefront event as its store-settings context.
 *
 * @phpstan-type Snapshot array{tracking: array{enabled: bool, closed_by: string|null}, guest_checkout: bool, account_creation: bool, myaccount_registration: bool, delayed_account_creation: bool, payment_methods: list<string>, updated_at: int}
 */
final class Settings_Snapshot {

	public const OPTION = Options::SETTINGS_SNAPSHOT;

	/** WooCommerce options the snapshot reads (payment gateways' own options come on top). */
	public const WATCHED_OPTIONS = array(
		'woocommerce_allow_tracking',
		'woocommerce_enable_guest_checkout',
		'woocommerce_enable_signup_and_login_from_checkout',
		'woocommerce_enable_myaccount_registration',
		'woocommerce_enable_delayed_account_creation',
		'utw_enabled',
		'utw_storefront_enabled',
		'utw_admin_enabled',
	);

	/**
	 * Whether a refresh is already scheduled for the end of this request.
	 *
	 * @var bool
	 */
	private bool $refresh_scheduled = false;

	/**
	 * Creates the snapshot.
	 *
	 * @param Consent_Gate  $gate   The consent gate.
	 * @param Tracks_Client $tracks The client, whose end-of-request step refreshes the snapshot.
	 */
	public function __construct(
		private readonly Consent_Gate $gate,
		private readonly Tracks_Client $tracks
	) {}

	/**
	 * Whether an option name is one the snapshot depends on.
	 *
	 * @param string $option Option name.
	 * @return bool
	 */
	public static function watches( string $option ): bool {
		return in_array( $option, self::WATCHED_OPTIONS, true )
			|| (bool) preg_match( '/^woocommerce_[a-z0-9_-]+_settings$/', $option );
	}

	/**
	 * Schedules one refresh at the end of the request when a watched option changed.
	 *
	 * @param string $option Option name.
	 */
	public function maybe_refresh( string $option ): void {
		if ( self::OPTION === $option || $this->refresh_scheduled || ! self::watches( $option ) ) {
			return;
		}
		$this->refresh_scheduled = true;
		$this->tracks->at_request_end(
			function (): void {
				$this->refresh();
			}
		);
	}

	/**
	 * The stored snapshot, computed and stored first if there is none yet.
	 *
	 * @return array<string, mixed>
	 * @phpstan-return Snapshot
	 */
	public function get(): array {
		$stored = get_option( self::OPTION );
		if ( is_array( $stored ) && isset( $stored['payment_methods'] ) ) {
			/**
			 * As refresh() stored it.
			 *
			 * @phpstan-var Snapshot $stored
			 */
			return $stored;
		}
		return $this->refresh();
	}

	/**
	 * Recomputes the snapshot from the settings and stores it.
	 *
	 * @return array<string, mixed>
	 * @phpstan-return Snapshot
	 */
	public function refresh(): array {
		$this->refresh_scheduled = false;
		$decision                = $this->gate->decide( Consent_Gate::STOREFRONT, false );
		$snapshot                = array(
			'tracking'                 => array(
				'enabled'   => $decision->open,
				'closed_by' => $decision->closed_by,
			),
			'guest_checkout'           => 'yes' === get_option( 'woocommerce_enable_guest_checkout', 'yes' ),
			'account_creation'         => 'yes' === get_option( 'woocommerce_enable_signup_and_login_from_checkout', 'no' ),
			'myaccount_registration'   => 'yes' === get_option( 'woocommerce_enable_myaccount_registration', 'no' ),
			'delayed_account_creation' => 'yes' === get_option( 'woocommerce_enable_delayed_account_creation', 'no' ),
			'payment_methods'          => self::enabled_payment_methods(),
			'updated_at'               => time(),
		);
		update_option( self::OPTION, $snapshot, true );
		return $snapshot;
	}

	/**
	 * IDs of the payment gateways the merchant enabled, in the store's order.
	 *
	 * @return list<string>
	 */
	public static function enabled_payment_methods(): array {
		if ( ! function_exists( 'WC' ) ) {
			return array();
		}
		$enabled = array();
		foreach ( WC()->payment_gateways()->payment_gateways() as $gateway ) {
			if ( 'yes' === $gateway->enabled ) {
				$enabled[] = (string) $gateway->id;
			}
		}
		return $enabled;
	}

	/**
	 * Adds the store-settings context to storefront events.
	 *
	 * @param array<string, scalar> $context Context so far.
	 * @param string                $family  Event family.
	 * @return array<string, scalar>
	 */
	public function add_storefront_context( array $context, string $family ): array {
		if ( Consent_Gate::STOREFRONT !== $family ) {
			return $context;
		}
		$snapshot = $this->get();
		return $context + array(
			'guest_checkout'   => $snapshot['guest_checkout'],
			'account_creation' => $snapshot['account_creation'],
			'payment_methods'  => implode( ',', $snapshot['payment_methods'] ),
		);
	}
}
