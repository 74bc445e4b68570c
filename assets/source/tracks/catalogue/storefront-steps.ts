import type { EventFamily } from './schema';

/**
 * Events about the Mini-Cart, the cart drawer in the store's header (the Mini-Cart block, React
 * or Interactivity API) or the classic cart widget: sent by the storefront's Mini-Cart bundle,
 * which loads only on pages that show a Mini-Cart.
 *
 * @family storefront
 */
export const miniCartEvents = {
	/**
	 * A shopper opened the Mini-Cart: the block's drawer was opened from its button, or the
	 * classic cart widget came into view (a theme's hover dropdown opened, or the page scrolled to
	 * it). Once per opening.
	 */
	utw_mini_cart_view: {
		/** Number of items in the cart (quantities summed). */
		item_count: 'number',
		/** Cart subtotal, as a band in the store's currency; `unknown` when the Mini-Cart did not show it. */
		cart_value_band: [
			'empty',
			'under-25',
			'25-50',
			'50-100',
			'100-250',
			'250-500',
			'over-500',
			'unknown',
		],
		/** Which Mini-Cart: the block or the classic cart widget. */
		mini_cart_type: [ 'block', 'classic' ],
	},
	/**
	 * A shopper clicked the Mini-Cart's "View cart" button.
	 */
	utw_mini_cart_cart_click: {
		/** Number of items in the cart (quantities summed). */
		item_count: 'number',
		/** Which Mini-Cart: the block or the classic cart widget. */
		mini_cart_type: [ 'block', 'classic' ],
	},
	/**
	 * A shopper clicked the Mini-Cart's "Checkout" button.
	 */
	utw_mini_cart_checkout_click: {
		/** Number of items in the cart (quantities summed). */
		item_count: 'number',
		/** Which Mini-Cart: the block or the classic cart widget. */
		mini_cart_type: [ 'block', 'classic' ],
	},
} as const satisfies EventFamily;

/**
 * Choices only the browser sees at checkout (the Checkout block keeps the payment method in the
 * page until the order is placed): sent by the storefront's checkout bundle, which loads only on
 * the cart and checkout pages.
 *
 * @family storefront
 */
export const checkoutBrowserEvents = {
	/**
	 * A shopper chose a payment method at checkout (not the one preselected for them).
	 */
	utw_checkout_payment_selected: {
		/** ID of the payment gateway (`cod`, `cheque`, `stripe`). */
		payment_method: 'string',
		/** Which checkout the shopper used. */
		checkout_type: [ 'block', 'classic' ],
	},
	/**
	 * A shopper started paying with an express payment method (Apple Pay, Google Pay, PayPal…)
	 * in the Cart or Checkout block, where the store offers one.
	 */
	utw_checkout_express_used: {
		/** ID of the express payment method, as the payment extension registered it. */
		express_method: 'string',
		/** Where the shopper started it. */
		express_location: [ 'cart', 'checkout' ],
	},
} as const satisfies EventFamily;

/**
 * Steps between cart and order that change the cart on the server (shipping method, coupons):
 * recorded where WooCommerce changes them, for the classic cart and checkout (AJAX) and the Cart
 * and Checkout blocks (Store API) alike.
 *
 * @family storefront
 * @origin server
 */
export const checkoutServerEvents = {
	/**
	 * A shopper chose another shipping method, on the cart or the checkout page. Never the
	 * address the rates were calculated for.
	 */
	utw_checkout_shipping_selected: {
		/** ID of the chosen shipping method (`flat_rate`, `free_shipping`, `local_pickup`). */
		shipping_method: 'string',
		/** How many shipping options the shopper was offered for that package. */
		shipping_options_count: 'number',
		/** Which page the shopper chose it on. */
		chosen_on: [ 'cart', 'checkout' ],
		/** Which cart or checkout: the blocks (Store API) or the classic pages (AJAX). */
		checkout_type: [ 'block', 'classic' ],
	},
	/**
	 * A shopper entered a coupon code, on the classic cart or checkout or in the Cart or
	 * Checkout block. Never the code itself, which can be personal.
	 */
	utw_coupon_applied: {
		/** Whether WooCommerce accepted the coupon (false: unknown, expired, not applicable). */
		applied: 'boolean',
		/** The coupon's discount type (`percent`, `fixed_cart`, `fixed_product`); empty when no such coupon exists. */
		discount_type: 'string',
		/** Which cart or checkout: the blocks (Store API) or the classic pages (AJAX). */
		checkout_type: [ 'block', 'classic' ],
	},
	/**
	 * A coupon left the cart: the shopper removed it, or WooCommerce did when it no longer applied.
	 * Never the code itself.
	 */
	utw_coupon_removed: {
		/** The coupon's discount type (`percent`, `fixed_cart`, `fixed_product`); empty when no such coupon exists. */
		discount_type: 'string',
		/** Which cart or checkout: the blocks (Store API) or the classic pages (AJAX). */
		checkout_type: [ 'block', 'classic' ],
	},
} as const satisfies EventFamily;
