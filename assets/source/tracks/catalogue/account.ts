import type { EventSpec } from './schema';

/**
 * What the PHP bridge adds to every event it delivers to the store's connected analytics account
 * (storefront events, settings changes, the test event): the id of the store at that account,
 * from the setup guide's connection. The browser never sends it: the server states it.
 *
 * @context account
 */
export const accountContext = {
	/** ID of this store at the connected analytics account (`st-…`), which the account's ingest expects. */
	store_id: 'string',
} as const satisfies EventSpec;
