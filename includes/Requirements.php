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
	 * Lists what is missing, in words for an administrator.
	 *
	 * @return string[] Empty when everything is in place.
	 */
	public static function unmet(): array {
		$unmet = array();
		if ( version_compare( get_bloginfo( 'version' ), self::WORDPRESS, '<' ) ) {
			/* translators: %s: WordPress version. */
			$unmet[] = sprintf( __( 'WordPress %s or newer', 'usage-tracking-for-woocommerce' ), self::WORDPRESS );
		}
		if ( ! defined( 'WC_VERSION' ) ) {
			/* translators: %s: WooCommerce version. */
			$unmet[] = sprintf( __( 'WooCommerce %s or newer, installed and active', 'usage-tracking-for-woocommerce' ), self::WOOCOMMERCE );
		} elseif ( version_compare( WC_VERSION, self::WOOCOMMERCE, '<' ) ) {
			/* translators: %s: WooCommerce version. */
			$unmet[] = sprintf( __( 'WooCommerce %s or newer', 'usage-tracking-for-woocommerce' ), self::WOOCOMMERCE );
		}
		return $unmet;
	}

	/**
	 * Shows one admin notice naming what is missing.
	 *
	 * @param string[] $unmet What is missing.
	 */
	public static function show_notice( array $unmet ): void {
		add_action(
			'admin_notices',
			static function () use ( $unmet ): void {
				if ( ! current_user_can( 'activate_plugins' ) ) {
					return;
				}
				printf(
					'<div class="notice notice-error utw-requirements"><p>%s</p></div>',
					esc_html(
						sprintf(
							/* translators: %s: list of requirements. */
							__( 'Usage Tracking for WooCommerce is not running: it needs %s.', 'usage-tracking-for-woocommerce' ),
							implode( ', ', $unmet )
						)
					)
				);
			}
		);
	}
}
