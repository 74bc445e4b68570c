/**
 * Checkout add-on, loaded only on the cart and checkout pages: the payment method a shopper
 * picks (the Checkout block keeps it in the page until the order is placed, so only the browser
 * knows) and an express payment started in the Cart or Checkout block. Shipping and coupons
 * change the cart on the server and are recorded there.
 */
import { checkoutBrowserEvents } from '../tracks/catalogue/storefront-steps';
import { storefrontClient } from './shared-client';

interface PaymentStore {
	isExpressPaymentMethodActive?: () => boolean;
	getActivePaymentMethod?: () => string;
}

declare global {
	interface Window {
		wp?: {
			data?: {
				select: ( store: string ) => unknown;
				dispatch: ( store: string ) => unknown;
				subscribe: ( listener: () => void ) => unknown;
			};
		};
	}
}

/** The payment radios' names: the classic checkout's and the Checkout block's. */
const PAYMENT_INPUTS: Record< string, 'classic' | 'block' > = {
	payment_method: 'classic',
	'radio-control-wc-payment-method-options': 'block',
};

const tracks = storefrontClient( checkoutBrowserEvents );
const data = window.wp?.data;

/**
 * A form field changed: a payment radio, when the shopper picked it. A change event comes only
 * from the shopper: WooCommerce's own (re)selection of the default method sets `checked` or
 * clicks the radio already checked, which fires none.
 *
 * @fires utw_checkout_payment_selected with the gateway id and which checkout, e.g. `{ payment_method: 'cod', checkout_type: 'block' }`.
 *
 * @param event The change.
 */
function onChange( event: Event ): void {
	const input = event.target as HTMLInputElement;
	const type = PAYMENT_INPUTS[ input.name ];
	if ( type && input.checked ) {
		tracks?.recordEvent( 'utw_checkout_payment_selected', {
			payment_method: input.value,
			checkout_type: type,
		} );
	}
}

let expressActive = false;

/**
 * The blocks' payment data store changed: an express payment method that became active was
 * started by the shopper. The order placed next says it was express (`extensions.utw.express`,
 * read by Order_Events).
 *
 * @fires utw_checkout_express_used with the express method and where it started, e.g. `{ express_method: 'stripe', express_location: 'checkout' }`.
 */
function onPaymentStoreChange(): void {
	const payment = data?.select( 'wc/store/payment' ) as
		| PaymentStore
		| undefined;
	const active = !! payment?.isExpressPaymentMethodActive?.();
	if ( active && ! expressActive ) {
		tracks?.recordEvent( 'utw_checkout_express_used', {
			express_method: String( payment?.getActivePaymentMethod?.() ?? '' ),
			express_location: document.querySelector(
				'.wp-block-woocommerce-checkout'
			)
				? 'checkout'
				: 'cart',
		} );
		(
			data?.dispatch( 'wc/store/checkout' ) as
				| { setExtensionData?: ( ns: string, value: object ) => void }
				| undefined
		 )?.setExtensionData?.( 'utw', { express: true } );
	}
	expressActive = active;
}

if ( tracks ) {
	document.addEventListener( 'change', onChange );
	data?.subscribe( onPaymentStoreChange );
}
