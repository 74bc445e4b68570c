import type { EventFamily, EventSpec } from './schema';

/**
 * What storefront events say about a product.
 *
 * @group
 */
const productProperties = {
	/** ID of the product (of the variation, for a variable product). */
	product_id: 'number',
	/** Name of the product. */
	product_name: 'string',
	/** Path of the product's first category, from the top (`Clothing/Hoodies`); empty when it has none. */
	product_category: 'string',
	/** Unit price shown, in the store's currency. */
	price: 'number',
} as const satisfies EventSpec;

/**
 * Which blocks the cart page uses.
 *
 * @group
 */
const cartPageProperties = {
	/** Whether the cart page holds the Cart block. */
	cart_page_contains_cart_block: 'boolean',
	/** Whether the cart page holds the `[woocommerce_cart]` shortcode. */
	cart_page_contains_cart_shortcode: 'boolean',
	/** Other blocks on the cart page, outside the Cart block, comma-separated (`core/heading,core/paragraph`). */
	additional_blocks_on_cart_page: 'string',
} as const satisfies EventSpec;

/**
 * Which blocks the checkout page uses.
 *
 * @group
 */
const checkoutPageProperties = {
	/** Whether the checkout page holds the Checkout block. */
	checkout_page_contains_checkout_block: 'boolean',
	/** Whether the checkout page holds the `[woocommerce_checkout]` shortcode. */
	checkout_page_contains_checkout_shortcode: 'boolean',
	/** Other blocks on the checkout page, outside the Checkout block, comma-separated. */
	additional_blocks_on_checkout_page: 'string',
} as const satisfies EventSpec;

/**
 * Events about what shoppers see in the store (seed 000, "Site Visitors"): built from the page,
 * the same for every visitor, and sent by the storefront bundle — the only storefront events it
 * carries, which keeps the bundle small.
 *
 * @family storefront
 */
export const storefrontEvents = {
	/**
	 * A shopper viewed a single product page.
	 */
	utw_product_view: { ...productProperties },
	/**
	 * A shopper viewed the cart page (classic shortcode or Cart block).
	 */
	utw_cart_view: { ...cartPageProperties },
	/**
	 * A shopper viewed the checkout page (classic shortcode or Checkout block); not the
	 * order-received or pay-for-order pages.
	 */
	utw_checkout_view: { ...checkoutPageProperties },
	/**
	 * A shopper searched the store and saw the results page. Never the search text, which can be
	 * personal.
	 */
	utw_product_search: {
		/** Number of results found. */
		results_count: 'number',
		/** Whether it searched products only (WooCommerce's product search) rather than the whole site. */
		product_search: 'boolean',
	},
} as const satisfies EventFamily;

/**
 * Events about what shoppers do in the store (seed 000, "Site Visitors"): recorded on the server,
 * where the cart and the order actually change, whichever front end changed them (classic
 * templates, Cart, Checkout or Mini-Cart block).
 *
 * @family storefront
 * @origin server
 */
export const storefrontServerEvents = {
	/**
	 * A shopper put a product in the cart, or raised the quantity of one already there — from a
	 * product page, a shop or archive button, the Cart block or the Mini-Cart block. One event per
	 * shopper action.
	 */
	utw_add_to_cart: {
		...productProperties,
		/** How many were added by this action (not the new quantity in the cart). */
		quantity: 'number',
		...cartPageProperties,
	},
	/**
	 * A shopper took a product out of the cart, or lowered its quantity — on the classic cart, in
	 * the Cart block or in the Mini-Cart block. One event per shopper action.
	 */
	utw_remove_from_cart: {
		...productProperties,
		/** How many were removed by this action. */
		quantity: 'number',
		...cartPageProperties,
	},
	/**
	 * A shopper placed an order, through the classic checkout or the Store API (Checkout block).
	 * Exactly once per order: the order is marked when the event is recorded.
	 */
	utw_order_processed: {
		/** ID of the payment method (`cod`, `cheque`); empty when the order needs no payment. */
		payment_method: 'string',
		/** Whether the order was placed without a customer account. */
		guest_order: 'boolean',
		/** Whether an account was created while placing the order. */
		account_created: 'boolean',
		/** Number of items ordered (quantities summed). */
		item_count: 'number',
		/** Order total, with tax and shipping. */
		order_total: 'number',
		/** Currency of the order (`USD`). */
		currency: 'string',
		/** Which checkout placed the order. */
		checkout_type: [ 'block', 'classic' ],
		/** IDs of the order's shipping methods, comma-separated (`flat_rate`); empty when nothing is shipped. */
		shipping_method: 'string',
		/** Whether a coupon was used on the order. */
		coupon_used: 'boolean',
		/** Whether the order was paid with an express payment method started in the Cart or Checkout block. */
		express_checkout: 'boolean',
		...checkoutPageProperties,
	},
} as const satisfies EventFamily;

/**
 * Store settings the PHP bridge adds to every storefront event, from the synced settings
 * snapshot (seed 000: "whether users can checkout with / without an account, whether an account
 * can be created, and which payment / checkout options are available"). The browser never sends
 * them: the server states them.
 *
 * @context storefront
 */
export const storefrontContext = {
	/** Whether shoppers can check out without an account. */
	guest_checkout: 'boolean',
	/** Whether shoppers can create an account during checkout. */
	account_creation: 'boolean',
	/** IDs of the enabled payment methods, comma-separated (`cod,cheque`). */
	payment_methods: 'string',
} as const satisfies EventSpec;
