<?php
/**
 * Public functions.
 *
 * @package UsageTrackingForWooCommerce
 */

defined( 'ABSPATH' ) || exit;

/**
 * Records a server-side event through the shared client: gate, validation, privacy guard, and
 * the outbox, delivered in the background. Does nothing while the plugin is not running.
 *
 * @param string               $name  Catalogued event name (`utw_…`).
 * @param array<string, mixed> $props The event's own properties.
 * @return bool Whether the event was accepted for delivery.
 */
function utw_record_event( string $name, array $props = array() ): bool {
	$plugin = Utw\Plugin::instance();
	return null !== $plugin && $plugin->tracks()->record_event( $name, $props )->accepted();
}
