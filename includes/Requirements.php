<?php
/**
 * What the plugin needs around it.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw;

defined( 'ABSPATH' ) || exit;

/**
 * Finds unmet requirements and tells the site's administrators about them.
 */
final class Requirements {

	public const WORDPRESS   = '6.6';
	public const WOOCOMMERCE = '9.0';

	/**
	 * Lists what is missing. Runs at `plugins_loaded`, before translations may load: the words
	 * come later, in the notice.
	 *
	 * @return array<string, string> Component => minimum version; empty when all is in place.
	 */
	public static function unmet(): array {
		$unmet = array();
		if ( version_compare( get_bloginfo( 'version' ), self::WORDPRESS, '<' ) ) {
			$unmet['WordPress'] = self::WORDPRESS;
		}
		if ( ! defined( 'WC_VERSION' ) || version_compare( WC_VERSION, self::WOOCOMMERCE, '<' ) ) {
			$unmet['WooCommerce'] = self::WOOCOMMERCE;
		}
		return $unmet;
	}

	/**
	 * Shows one admin notice naming what is missing.
	 *
	 * @param array<string, string> $unmet Component => minimum version.
	 */
	public static function show_notice( array $unmet ): void {
		add_action(
			'admin_notices',
			static function () use ( $unmet ): void {
				if ( ! current_user_can( 'activate_plugins' ) ) {
					return;
				}
				$needs = array();
				foreach ( $unmet as $component => $version ) {
					$needs[] = 'WooCommerce' === $component
						/* translators: %s: WooCommerce version. */
						? sprintf( __( 'WooCommerce %s or newer, installed and active', 'usage-tracking-for-woocommerce' ), $version )
						/* translators: %s: WordPress version. */
						: sprintf( __( 'WordPress %s or newer', 'usage-tracking-for-woocommerce' ), $version );
				}
				printf(
					'<div class="notice notice-error utw-requirements"><p>%s</p></div>',
					esc_html(
						sprintf(
							/* translators: %s: list of requirements. */
							__( 'Usage Tracking for WooCommerce is not running: it needs %s.', 'usage-tracking-for-woocommerce' ),
							implode( ', ', $needs )
						)
					)
				);
			}
		);
	}
}
