<?php
/**
 * A failed call to the analytics service, in words the merchant can act on.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Service;

defined( 'ABSPATH' ) || exit;

/**
 * Carries one of a few stable reasons, so the guide can say what to do next instead of showing
 * the service's raw answer.
 */
final class Service_Error extends \RuntimeException {

	/** The service did not answer, timed out, or said it is unavailable. */
	public const UNAVAILABLE = 'service_unavailable';
	/** The service rejected the store's credentials or access token. */
	public const BAD_CREDENTIALS = 'bad_credentials';
	/** The service refused the request for another reason (unknown account, failed check). */
	public const REJECTED = 'rejected';

	/**
	 * Why the call failed: one of the constants above.
	 *
	 * @var string
	 */
	public readonly string $reason;

	/**
	 * Creates the error.
	 *
	 * @param string $reason  One of the constants above.
	 * @param string $message What went wrong, for the merchant.
	 */
	public function __construct( string $reason, string $message ) {
		parent::__construct( $message );
		$this->reason = $reason;
	}
}
