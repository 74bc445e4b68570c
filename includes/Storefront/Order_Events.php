<?php
/**
 * Order processed, recorded once per order.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Storefront;

use Utw\Tracks\Tracks_Client;
use WC_Order;

defined( 'ABSPATH' ) || exit;

/**
 * Records an order when the checkout that placed it processed it — classic checkout or the
 * Store API behind the Checkout block — and marks the order, so a second processing (a retried
 * payment, a resubmitted form) or a visit to the thank-you page never records it again.
 */
final class Order_Events {

	/** Order meta set once the order's event was accepted (read and written through WC CRUD, so HPOS-safe). */
	public const RECORDED_META = '_utw_order_processed_recorded';

	/**
	 * Whether a customer account was created in this request, before the order.
	 *
	 * @var bool
	 */
	private bool $account_created = false;

	/**
	 * Whether the Checkout block said an express payment method placed this request's order.
	 *
	 * @var bool
	 */
	private bool $express = false;

	/**
	 * Creates the listener.
	 *
	 * @param Tracks_Client $tracks The server-side client.
	 */
	public function __construct( private readonly Tracks_Client $tracks ) {}

	/**
	 * Lets the Checkout block's request say that an express payment method placed the order
	 * (`extensions.utw.express`, set by the storefront's checkout bundle). Registered wherever the
	 * REST server starts, so it builds nothing.
	 */
	public static function register_checkout_data(): void {
		if ( ! function_exists( 'woocommerce_store_api_register_endpoint_data' ) ) {
			return;
		}
		woocommerce_store_api_register_endpoint_data(
			array(
				'endpoint'        => 'checkout',
				'namespace'       => 'utw',
				'schema_type'     => ARRAY_A,
				'schema_callback' => static fn(): array => array(
					'express' => array(
						'description' => 'Whether an express payment method placed the order.',
						'type'        => 'boolean',
						'context'     => array(),
					),
				),
			)
		);
	}

	/**
	 * Notes whether the Checkout block's request came from an express payment method.
	 *
	 * @param mixed $order   The order.
	 * @param mixed $request The Store API request.
	 */
	public function note_express( $order, $request ): void {
		$extensions    = $request instanceof \WP_REST_Request ? $request->get_param( 'extensions' ) : null;
		$this->express = is_array( $extensions ) && ! empty( $extensions['utw']['express'] );
	}

	/**
	 * Notes that the checkout created an account.
	 */
	public function note_account_created(): void {
		$this->account_created = true;
	}

	/**
	 * The classic checkout processed an order.
	 *
	 * @param int|string $order_id Order ID.
	 * @param mixed      $posted   Posted checkout data (not read: it holds personal data).
	 * @param mixed      $order    The order.
	 */
	public function classic_checkout_processed( $order_id, $posted = null, $order = null ): void {
		$order = $order instanceof WC_Order ? $order : wc_get_order( $order_id );
		if ( $order instanceof WC_Order ) {
			$this->record( $order, 'classic' );
		}
	}

	/**
	 * The Store API (Checkout block) processed an order.
	 *
	 * @param mixed $order The order.
	 */
	public function block_checkout_processed( $order ): void {
		if ( $order instanceof WC_Order ) {
			$this->record( $order, 'block' );
		}
	}

	/**
	 * Records the order unless it was already recorded, and marks it.
	 *
	 * @fires utw_order_processed with what was bought and how, never who, e.g. `{ payment_method: 'cod', shipping_method: 'flat_rate', coupon_used: true, express_checkout: false, guest_order: true, item_count: 2, order_total: 70, currency: 'USD', checkout_type: 'block' }`.
	 *
	 * @param WC_Order $order         The order.
	 * @param string   $checkout_type `block` or `classic`.
	 * @return bool Whether the event was accepted now.
	 */
	public function record( WC_Order $order, string $checkout_type ): bool {
		if ( $order->get_meta( self::RECORDED_META ) || ! $this->tracks->is_open_for( 'utw_order_processed' ) ) {
			return false;
		}
		$outcome = $this->tracks->record_event( 'utw_order_processed', self::properties( $order, $checkout_type, $this->account_created, $this->express ) );
		if ( $outcome->accepted() ) {
			$order->update_meta_data( self::RECORDED_META, (string) time() );
			$order->save_meta_data();
		}
		return $outcome->accepted();
	}

	/**
	 * The event's properties: the order's shape, none of its customer's details.
	 *
	 * @param WC_Order $order           The order.
	 * @param string   $checkout_type   `block` or `classic`.
	 * @param bool     $account_created Whether the checkout created an account.
	 * @param bool     $express         Whether an express payment method placed it.
	 * @return array<string, scalar>
	 */
	public static function properties( WC_Order $order, string $checkout_type, bool $account_created, bool $express = false ): array {
		$shipping = array();
		foreach ( $order->get_shipping_methods() as $line ) {
			$shipping[] = $line->get_method_id();
		}
		return array(
			'payment_method'   => $order->get_payment_method(),
			'shipping_method'  => implode( ',', array_unique( $shipping ) ),
			'coupon_used'      => (bool) $order->get_coupon_codes(),
			'express_checkout' => $express,
			'guest_order'      => 0 === $order->get_customer_id(),
			'account_created'  => $account_created,
			'item_count'       => $order->get_item_count(),
			'order_total'      => (float) $order->get_total(),
			'currency'         => $order->get_currency(),
			'checkout_type'    => $checkout_type,
		) + Page_Blocks::of_configured_page( Page_Blocks::CHECKOUT ) + array_filter( array( 'page_url' => Server_Events::page_url() ) );
	}
}
