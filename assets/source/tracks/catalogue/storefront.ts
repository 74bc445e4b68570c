import type { EventFamily, EventSpec } from './schema';

/**
 * Events about what shoppers do in the store (seed 000, "Site Visitors").
 *
 * @family storefront
 */
export const storefrontEvents = {
	/**
	 * A shopper viewed a single product page.
	 */
	utw_product_view: {
		/** ID of the product. */
		product_id: 'number',
		/** Name of the product. */
		product_name: 'string',
		/** Path of the product's first category, from the top (`Clothing/Hoodies`); empty when it has none. */
		product_category: 'string',
		/** Price shown, in the store's currency. */
		price: 'number',
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
