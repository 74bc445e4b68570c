<?php
/**
 * The consent gate's answer.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Consent;

defined( 'ABSPATH' ) || exit;

/**
 * Whether tracking is on for a surface, which condition closed it, and which WP Consent API
 * category the browser must still check for the visitor.
 */
final class Gate_Decision {

	/**
	 * Creates a decision; use open() or closed().
	 *
	 * @param bool        $open      Whether events may be sent.
	 * @param string|null $closed_by The condition that said no.
	 * @param string|null $consent   WP Consent API category the visitor must have allowed.
	 */
	private function __construct(
		public readonly bool $open,
		public readonly ?string $closed_by = null,
		public readonly ?string $consent = null
	) {}

	/**
	 * An open gate.
	 *
	 * @param string|null $consent Consent category the browser still checks, if any.
	 * @return self
	 */
	public static function open( ?string $consent = null ): self {
		return new self( true, null, $consent );
	}

	/**
	 * A closed gate.
	 *
	 * @param string $condition The condition that said no (see Consent_Gate's constants).
	 * @return self
	 */
	public static function closed( string $condition ): self {
		return new self( false, $condition );
	}

	/**
	 * The decision as the bundles' config carries it.
	 *
	 * @return array{open: bool, closedBy?: string, consent?: string}
	 */
	public function to_config(): array {
		return array_filter(
			array(
				'open'     => $this->open,
				'closedBy' => $this->closed_by,
				'consent'  => $this->consent,
			),
			static fn( $value ) => null !== $value
		);
	}
}
