import type { EventFamily } from './schema';

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
