<?php
/**
 * The plugin's section in WooCommerce > Settings > Advanced.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin;

use Utw\Admin\Setup_Guide\Setup_Guide_Page;
use Utw\Admin\Setup_Guide\Setup_Guide_Progress;
use Utw\Consent\Consent_Gate;
use Utw\Options;

defined( 'ABSPATH' ) || exit;

/**
 * "Usage Tracking" under WooCommerce > Settings > Advanced, built with WooCommerce's settings
 * API so it renders and saves like every other WooCommerce setting — merchants look for the
 * switches there. The same switches are in the Settings view of WooCommerce > Usage Tracking, which
 * this section links to. The switches are read by the consent gate on every request, so a change
 * counts from the next page load; whether events are sent now is the gate's answer.
 */
final class Settings_Section {

	public const SECTION = 'utw';

	/**
	 * Hooks the section into the Advanced tab.
	 */
	public function register(): void {
		add_filter( 'woocommerce_get_sections_advanced', array( $this, 'add_section' ) );
		add_filter( 'woocommerce_get_settings_advanced', array( $this, 'settings' ), 10, 2 );
	}

	/**
	 * URL of the section.
	 *
	 * @return string
	 */
	public static function url(): string {
		return admin_url( 'admin.php?page=wc-settings&tab=advanced&section=' . self::SECTION );
	}

	/**
	 * Adds the section to the tab's list.
	 *
	 * @param array<string, string> $sections Section id => label.
	 * @return array<string, string>
	 */
	public function add_section( array $sections ): array {
		$sections[ self::SECTION ] = __( 'Usage Tracking', 'usage-tracking-for-woocommerce' );
		return $sections;
	}

	/**
	 * The section's fields, when it is the one shown or saved.
	 *
	 * @param array<int, array<string, mixed>> $settings   Fields of the current section.
	 * @param string                           $section_id Current section.
	 * @return array<int, array<string, mixed>>
	 */
	public function settings( array $settings, string $section_id = '' ): array {
		if ( self::SECTION !== $section_id ) {
			return $settings;
		}
		return array(
			array(
				'id'    => 'utw_settings',
				'type'  => 'title',
				'title' => __( 'Usage Tracking', 'usage-tracking-for-woocommerce' ),
				'desc'  => sprintf(
					/* translators: %s: URL of the Usage Tracking screen's Settings view. */
					__( 'Usage Tracking for WooCommerce sends anonymous events about how the store is used and set up — never personal data such as names, e-mail addresses or IP addresses. The same switches, the connection to your analytics account and every event are in <a href="%s">WooCommerce > Usage Tracking</a>.', 'usage-tracking-for-woocommerce' ),
					esc_url( Setup_Guide_Page::url( 'settings' ) )
				)
					. "\n\n" . self::woocommerce_opt_in_state() . "\n\n" . self::gate_state(),
			),
			array(
				'id'       => Options::ENABLED,
				'type'     => 'checkbox',
				'title'    => __( 'Enable usage tracking', 'usage-tracking-for-woocommerce' ),
				'desc'     => __( 'Send usage events from this store', 'usage-tracking-for-woocommerce' ),
				'desc_tip' => __( 'When off, nothing is sent and no cookie is set, from the next page load on.', 'usage-tracking-for-woocommerce' ),
				'default'  => 'yes',
			),
			array(
				'id'            => Options::STOREFRONT_ENABLED,
				'type'          => 'checkbox',
				'title'         => __( 'Events sent', 'usage-tracking-for-woocommerce' ),
				'desc'          => __( 'Storefront: what shoppers do (product views, cart, checkout, orders)', 'usage-tracking-for-woocommerce' ),
				'default'       => 'yes',
				'checkboxgroup' => 'start',
			),
			array(
				'id'            => Options::ADMIN_ENABLED,
				'type'          => 'checkbox',
				'desc'          => __( 'Admin: changes to store settings, and the setup guide', 'usage-tracking-for-woocommerce' ),
				'default'       => 'yes',
				'checkboxgroup' => 'end',
			),
			array(
				'id'    => 'utw_what_is_sent',
				'type'  => 'info',
				'title' => __( 'What is sent', 'usage-tracking-for-woocommerce' ),
				'text'  => sprintf(
					/* translators: %s: URL of the Usage Tracking screen's Events view. */
					__( '<a href="%s">See every event</a> in WooCommerce > Usage Tracking > Events: delivered, waiting or dropped, and why; send a test event.', 'usage-tracking-for-woocommerce' ),
					esc_url( Setup_Guide_Page::url( 'events' ) )
				),
				'css'   => '',
			),
			array(
				'id'   => 'utw_settings',
				'type' => 'sectionend',
			),
		);
	}

	/**
	 * A sentence on WooCommerce's own opt-in, which the plugin obeys: the consent gate's answer,
	 * which checks the opt-in before anything else.
	 *
	 * @return string HTML.
	 */
	public static function woocommerce_opt_in_state(): string {
		$link      = esc_url( admin_url( 'admin.php?page=wc-settings&tab=advanced&section=woocommerce_com' ) );
		$decision  = ( new Consent_Gate() )->decide( Consent_Gate::ADMIN, false, false );
		$opted_out = Consent_Gate::CLOSED_WOOCOMMERCE_OPT_IN === $decision->closed_by;
		if ( ! $opted_out ) {
			return sprintf(
				/* translators: %s: URL of WooCommerce.com settings. */
				__( '<strong>WooCommerce usage tracking is on</strong> (<a href="%s">WooCommerce.com settings</a>), so the switches below decide what is sent.', 'usage-tracking-for-woocommerce' ),
				$link
			);
		}
		return sprintf(
			/* translators: %s: URL of WooCommerce.com settings. */
			__( '<strong>WooCommerce usage tracking is off</strong>: nothing is sent while it is off, whatever the switches below say. Turn on "Enable tracking" in <a href="%s">WooCommerce.com settings</a> to allow it.', 'usage-tracking-for-woocommerce' ),
			$link
		);
	}

	/**
	 * Whether each kind of event is sent now, and if not why, as the consent gate decides.
	 *
	 * @return string HTML.
	 */
	public static function gate_state(): string {
		$lines = array();
		foreach ( Setup_Guide_Progress::families( new Consent_Gate() ) as $family ) {
			$lines[] = sprintf(
				'<span class="utw-gate-state" data-family="%1$s"><strong>%2$s</strong>: %3$s</span>',
				esc_attr( $family['id'] ),
				esc_html( $family['label'] ),
				esc_html(
					$family['open']
						? __( 'sent.', 'usage-tracking-for-woocommerce' )
						/* translators: %s: why these events are not sent. */
						: sprintf( __( 'not sent. %s', 'usage-tracking-for-woocommerce' ), $family['words'] )
				)
			);
		}
		return implode( '<br>', $lines );
	}
}
