<?php
/**
 * Built bundles under assets/build/.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Assets;

use Utw\Consent\Gate_Decision;
use Utw\Plugin;
use Utw\Tracks\Shared_Facts;

defined( 'ABSPATH' ) || exit;

/**
 * Enqueues a bundle built by `npm run build` with the dependencies and version from its
 * `*.asset.php`, and hands it the shared client's config as `window.utwConfig`.
 */
final class Bundle {

	/**
	 * The config every bundle's shared client reads.
	 *
	 * @param Gate_Decision $decision The gate's decision for the page.
	 * @return array<string, mixed>
	 */
	public static function config( Gate_Decision $decision ): array {
		return array(
			'gate'     => $decision->to_config(),
			'endpoint' => rest_url( Shared_Facts::REST_NAMESPACE . Shared_Facts::COLLECT_ROUTE ),
			'common'   => Plugin::store_context(),
			'debug'    => defined( 'UTW_DEBUG' ) && UTW_DEBUG,
		);
	}

	/**
	 * Enqueues a built bundle in the footer, deferred, with its config before it.
	 *
	 * @param string               $name   Bundle name (`storefront`, `setup-guide`, …).
	 * @param non-empty-string     $handle Script handle.
	 * @param array<string, mixed> $config Config for `window.utwConfig`.
	 * @return bool Whether the bundle is built and was enqueued.
	 */
	public static function enqueue( string $name, string $handle, array $config ): bool {
		$dir        = dirname( Plugin::file() ) . '/assets/build/';
		$asset_file = $dir . $name . '.asset.php';
		if ( ! is_readable( $asset_file ) ) {
			return false;
		}
		$asset = require $asset_file;
		wp_enqueue_script(
			$handle,
			plugins_url( 'assets/build/' . $name . '.js', Plugin::file() ),
			$asset['dependencies'],
			$asset['version'],
			array(
				'in_footer' => true,
				'strategy'  => 'defer',
			)
		);
		wp_add_inline_script( $handle, 'window.utwConfig = ' . wp_json_encode( $config ) . ';', 'before' );
		if ( is_readable( $dir . $name . '.css' ) ) {
			wp_enqueue_style( $handle, plugins_url( 'assets/build/' . $name . '.css', Plugin::file() ), array(), $asset['version'] );
		}
		return true;
	}
}
