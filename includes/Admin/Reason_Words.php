<?php
/**
 * The gate's conditions and the event log's reasons, in words a merchant reads.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin;

use Utw\Consent\Consent_Gate;

defined( 'ABSPATH' ) || exit;

/**
 * The event log stores reasons as the code wrote them (`gate closed: family_switch`,
 * `attempt 2 failed: HTTP 503`); the Usage Tracking screen and the settings section show them
 * as sentences from here, so every screen says the same thing in the same words.
 */
final class Reason_Words {

	/**
	 * What a closing condition of the gate means (see Consent_Gate's constants).
	 *
	 * @param string $condition A `Consent_Gate::CLOSED_*` value.
	 * @return string The sentence, or an empty string for a condition this list does not know.
	 */
	public static function condition( string $condition ): string {
		return match ( $condition ) {
			Consent_Gate::CLOSED_WOOCOMMERCE_OPT_IN => __( 'WooCommerce usage tracking is off ("Enable tracking" in WooCommerce > Settings > Advanced > WooCommerce.com).', 'usage-tracking-for-woocommerce' ),
			Consent_Gate::CLOSED_WOOCOMMERCE_FILTER => __( 'Code on this site turned WooCommerce usage tracking off (the woocommerce_apply_tracking filter).', 'usage-tracking-for-woocommerce' ),
			Consent_Gate::CLOSED_PLUGIN_SWITCH      => __( 'The "Send usage events from this store" switch is off.', 'usage-tracking-for-woocommerce' ),
			Consent_Gate::CLOSED_FAMILY_SWITCH      => __( 'The switch for this kind of event (storefront or admin) is off.', 'usage-tracking-for-woocommerce' ),
			Consent_Gate::CLOSED_FILTER             => __( 'Code on this site turned usage tracking off (the utw_tracking_enabled filter).', 'usage-tracking-for-woocommerce' ),
			Consent_Gate::CLOSED_VISITOR_CONSENT    => __( 'The shopper has not allowed statistics cookies in the site\'s cookie consent.', 'usage-tracking-for-woocommerce' ),
			Consent_Gate::CLOSED_NOT_CONNECTED      => __( 'The store is not connected to its analytics account: connect it in the Setup view.', 'usage-tracking-for-woocommerce' ),
			default                                 => '',
		};
	}

	/**
	 * A stored reason as a sentence: why an event was dropped, failed, or waits.
	 *
	 * @param string $reason The reason as the event log stores it.
	 * @return string
	 */
	public static function explain( string $reason ): string {
		$reason = trim( $reason );
		if ( '' === $reason ) {
			return '';
		}
		$patterns = array(
			'/^gate closed: (\S+)$/'                      => static fn( array $m ): string => self::condition( $m[1] ),
			'/^crawler$/'                                 => static fn(): string => __( 'A known search engine or bot caused it; bots are not counted as shoppers.', 'usage-tracking-for-woocommerce' ),
			'/^unknown event (\S+)$/'                     => static fn( array $m ): string => sprintf(
				/* translators: %s: event name. */
				__( '%s is not in the plugin\'s list of events, so it was refused.', 'usage-tracking-for-woocommerce' ),
				$m[1]
			),
			'/^missing property (\S+)$/'                  => static fn( array $m ): string => sprintf(
				/* translators: %s: property name. */
				__( 'The required property %s was missing, so the event was refused.', 'usage-tracking-for-woocommerce' ),
				$m[1]
			),
			'/^property (\S+) removed: looks like (.+)$/' => static fn( array $m ): string => sprintf(
				/* translators: 1: property name, 2: kind of personal data (e-mail, phone, …). */
				__( 'The privacy guard removed the required property %1$s because its value looked like personal data (%2$s), so the event was not sent.', 'usage-tracking-for-woocommerce' ),
				$m[1],
				$m[2]
			),
			'/^property (\S+) is not (.+)$/'              => static fn( array $m ): string => sprintf(
				/* translators: 1: property name, 2: expected type or values. */
				__( 'The property %1$s had a value of the wrong kind (expected %2$s), so the event was refused.', 'usage-tracking-for-woocommerce' ),
				$m[1],
				$m[2]
			),
			'/^uncatalogued properties: (.+)$/'           => static fn( array $m ): string => sprintf(
				/* translators: %s: property names. */
				__( 'It carried properties the plugin\'s list of events does not allow (%s), so it was refused.', 'usage-tracking-for-woocommerce' ),
				$m[1]
			),
			'/^attempt (\d+) failed: (.+)$/'              => static fn( array $m ): string => sprintf(
				/* translators: 1: attempt number, 2: the error. */
				__( 'Delivery attempt %1$s failed (%2$s). It will be tried again, for up to 24 hours.', 'usage-tracking-for-woocommerce' ),
				$m[1],
				$m[2]
			),
			'/^gave up after (\d+) attempts over 24 hours; last error: (.+)$/' => static fn( array $m ): string => sprintf(
				/* translators: 1: number of attempts, 2: the last error. */
				__( 'Delivery failed for 24 hours (%1$s attempts; the last error was %2$s). It will not be tried again.', 'usage-tracking-for-woocommerce' ),
				$m[1],
				$m[2]
			),
			'/^the destination failed (\d+) delivery runs in a row: paused until (.+)$/' => static fn( array $m ): string => sprintf(
				/* translators: 1: number of failed runs, 2: date and time. */
				__( 'The destination could not be reached %1$s times in a row, so delivery pauses until %2$s, then tries again.', 'usage-tracking-for-woocommerce' ),
				$m[1],
				$m[2]
			),
			'/^waiting for the next run$/'                => static fn(): string => __( 'Waiting for the next delivery run.', 'usage-tracking-for-woocommerce' ),
			'/^backlog full: more than (\d+) events/'     => static fn( array $m ): string => sprintf(
				/* translators: %s: number of events. */
				__( 'More than %s events were waiting for delivery, so the oldest were dropped.', 'usage-tracking-for-woocommerce' ),
				$m[1]
			),
			'/^the store was disconnected/'               => static fn(): string => __( 'The store was disconnected from the analytics account this event was recorded for, so it was not sent there or anywhere else.', 'usage-tracking-for-woocommerce' ),
		);
		foreach ( $patterns as $pattern => $words ) {
			if ( preg_match( $pattern, $reason, $matches ) ) {
				$sentence = $words( $matches );
				if ( '' !== $sentence ) {
					return $sentence;
				}
			}
		}
		/* translators: %s: the reason as recorded. */
		return sprintf( __( 'Recorded reason: %s.', 'usage-tracking-for-woocommerce' ), rtrim( $reason, '.' ) );
	}
}
