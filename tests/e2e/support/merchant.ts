/**
 * What the merchant-controls specs share: the settings section, the Events view, a shopper's
 * browser that is not the admin's, and a way to fill the event log.
 */
import { execFileSync } from 'child_process';
import { expect } from '@playwright/test';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { baseUrl, collected, logInAsAdmin } from './stack';
import type { CollectedEvent } from './stack';

export const settingsSection =
	'/wp-admin/admin.php?page=wc-settings&tab=advanced&section=utw';
/** The Events view of WooCommerce > Usage Tracking: the event log. */
export const recentEventsView =
	'/wp-admin/admin.php?page=utw-setup-guide&view=events';
/** The event log's old address, which opens the Events view. */
export const oldEventsPage = '/wp-admin/admin.php?page=utw-recent-events';

/**
 * Turns the plugin's main switch on or off in WooCommerce > Settings > Advanced > Usage tracking,
 * as a merchant does, and waits for WooCommerce to confirm the save.
 *
 * @param page Logged-in admin page.
 * @param on   Whether the switch should end up on.
 */
export async function setTrackingSwitch(
	page: Page,
	on: boolean
): Promise< void > {
	await page.goto( settingsSection );
	await page
		.getByLabel( 'Send usage events from this store' )
		.setChecked( on );
	await page.getByRole( 'button', { name: 'Save changes' } ).click();
	await page.getByText( 'Your settings have been saved.' ).waitFor();
}

/**
 * A shopper in a browser context of their own views the Blue Hoodie, then leaves for the cart so
 * the page's events are flushed.
 *
 * @param browser Playwright's browser.
 * @return Whether the product page carried the storefront config.
 */
export async function shopperViewsBlueHoodie(
	browser: Browser
): Promise< boolean > {
	const context = await browser.newContext( { baseURL: baseUrl } );
	const shopper = await context.newPage();
	await shopper.goto( '/product/blue-hoodie/' );
	const tracked = ( await shopper.content() ).includes( 'utwConfig' );
	await shopper.goto( '/cart/' );
	await shopper.goto( 'about:blank' );
	await context.close();
	return tracked;
}

/**
 * Every event the collector received, once one named `name` is among them: other events
 * (WooCommerce admin's own, a settings change) may arrive first, so a count alone would not
 * wait for it.
 *
 * @param request Playwright's request context.
 * @param name    The event to wait for, as sent.
 * @return Everything the collector received, oldest first.
 */
export async function collectedOnceArrived(
	request: APIRequestContext,
	name: string
): Promise< CollectedEvent[] > {
	await expect
		.poll( async () =>
			( await collected( request ) ).some( ( e ) => e.event === name )
		)
		.toBe( true );
	return collected( request );
}

/**
 * Writes events into the event log (the outbox table) directly, as if the store had recorded
 * them over time: `count` rows, newest last, cycling through delivered, dropped (gate closed:
 * not connected), failed and retrying, storefront and admin, each with a long product name.
 *
 * @param count How many events.
 */
export function logEvents( count: number ): void {
	const now = Date.now();
	const kinds = [
		[ 'utw_product_view', 'storefront', 'delivered', null ],
		[
			'utw_add_to_cart',
			'storefront',
			'dropped',
			'gate closed: not_connected',
		],
		[
			'wcadmin_utw_get_started_faq',
			'admin',
			'failed',
			'gave up after 9 attempts over 24 hours; last error: HTTP 503',
		],
		[
			'wcadmin_utw_test_event',
			'admin',
			'retrying',
			'attempt 2 failed: network error',
		],
	] as const;
	const longName = `Blue Hoodie ${ 'with an unusually long name '.repeat(
		12
	) }`;
	const rows = Array.from( { length: count }, ( _, i ) => {
		const [ event, family, state, reason ] = kinds[ i % kinds.length ];
		const props = JSON.stringify( {
			product_id: 1000 + i,
			product_name: longName,
			page_url: `http://127.0.0.1/product/${ 'x'.repeat( 200 ) }/`,
		} ).replace( /'/g, "''" );
		const eid = `e2e${ String( i ).padStart( 19, '0' ) }`;
		return `('${ eid }','${ event }','${ family }','${ state }','${ props }','[]',${
			reason ? `'${ reason }'` : 'NULL'
		},${ state === 'delivered' ? 1 : 2 },'',${
			now - ( count - i ) * 1000
		},${ Math.floor( now / 1000 ) }, ${
			state === 'delivered' ? Math.floor( now / 1000 ) : 'NULL'
		})`;
	} );
	execFileSync(
		'mariadb',
		[
			'--no-defaults',
			'-uroot',
			`--socket=${ process.env.UTW_DB_SOCKET ?? '' }`,
			process.env.UTW_DB_NAME ?? 'wordpress',
		],
		{
			encoding: 'utf8',
			// A thousand rows are too long for a command line: the statement goes on stdin.
			input: `INSERT INTO wp_utw_events (eid, event, family, state, props, removed, reason, attempts, destination, created_ms, updated_at, delivered_at) VALUES ${ rows.join(
				','
			) };`,
		}
	);
}

/** The merchant's REST API (paths under `/wp-json/`), with the REST nonce. */
export interface MerchantApi {
	get: ( path: string ) => Promise< unknown >;
	post: ( path: string, data: object ) => Promise< unknown >;
}

/**
 * Sets the store up as a merchant would, through the REST API, in a browser of the admin's own;
 * every call must succeed.
 *
 * @param browser Playwright's browser.
 * @param work    What to set up.
 */
export async function asMerchant(
	browser: Browser,
	work: ( api: MerchantApi ) => Promise< void >
): Promise< void > {
	const context = await browser.newContext();
	const admin = await context.newPage();
	await logInAsAdmin( admin );
	const nonce = await (
		await admin.request.get( '/wp-admin/admin-ajax.php?action=rest-nonce' )
	).text();
	const call = async ( method: string, path: string, data?: object ) => {
		const response = await admin.request.fetch( `/wp-json/${ path }`, {
			method,
			data,
			headers: { 'X-WP-Nonce': nonce },
		} );
		expect( response.ok(), `${ path }: ${ response.status() }` ).toBe(
			true
		);
		return response.json();
	};
	await work( {
		get: ( path ) => call( 'GET', path ),
		post: ( path, data ) => call( 'POST', path, data ),
	} );
	await context.close();
}

/**
 * A 10 % coupon, and free shipping beside the flat rate in every zone: what the journeys through
 * the steps between cart and order need.
 *
 * @param api  The merchant's REST API.
 * @param code The coupon's code.
 */
export async function offerCouponAndFreeShipping(
	api: MerchantApi,
	code: string
): Promise< void > {
	await api.post( 'wc/v3/coupons', {
		code,
		discount_type: 'percent',
		amount: '10',
	} );
	const zones = ( await api.get( 'wc/v3/shipping/zones' ) ) as Array< {
		id: number;
	} >;
	for ( const { id } of zones ) {
		await api.post( `wc/v3/shipping/zones/${ id }/methods`, {
			method_id: 'free_shipping',
			enabled: true,
		} );
	}
}
