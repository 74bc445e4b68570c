/**
 * A guest shopper's steps in the stack's store, for journeys on the block theme (Twenty
 * Twenty-Five, Cart/Checkout/Mini-Cart blocks) and the classic one (utw-classic, shortcode
 * pages). Each step waits until WooCommerce has written the cart, so events can be counted.
 */
import { expect } from '@playwright/test';
import type { APIRequestContext, Page, Response } from '@playwright/test';
import { baseUrl, collected, setStoreState } from './stack';
import type { CollectedEvent } from './stack';

/** Store API and classic AJAX requests that change the cart or place the order. */
const CART_WRITE =
	/\/wc\/store\/v1\/(batch|cart\/(add-item|update-item|remove-item))|wc-ajax=(add_to_cart|remove_from_cart)/;

function isCartWrite( response: Response ): boolean {
	return (
		response.request().method() === 'POST' &&
		CART_WRITE.test( response.url() )
	);
}

/**
 * Switches the store to the classic theme and the shortcode cart and checkout pages.
 *
 * @param request Playwright's request context.
 */
export async function useClassicStore(
	request: APIRequestContext
): Promise< void > {
	// The stack's shortcode twins of the cart and checkout pages (see setup-store.php).
	const idOf = async ( slug: string ): Promise< number > =>
		(
			await (
				await request.get(
					`${ baseUrl }/wp-json/wp/v2/pages?slug=${ slug }`
				)
			).json()
		)[ 0 ].id;
	await setStoreState(
		request,
		{
			woocommerce_cart_page_id: await idOf( 'classic-cart' ),
			woocommerce_checkout_page_id: await idOf( 'classic-checkout' ),
		},
		'utw-classic'
	);
}

/**
 * Adds a product from its page's form (a classic, non-AJAX form post on both themes).
 *
 * @param page Playwright page.
 * @param slug Product slug.
 */
export async function addFromProductPage(
	page: Page,
	slug: string
): Promise< void > {
	await page.goto( `/product/${ slug }/` );
	await Promise.all( [
		page.waitForResponse(
			( r ) =>
				r.request().method() === 'POST' &&
				r.url().includes( `/product/${ slug }/` )
		),
		page.locator( 'button.single_add_to_cart_button' ).click(),
	] );
	await expect(
		page.getByText( /has been added to your cart/ ).first()
	).toBeVisible();
}

/**
 * Clicks a product's add-to-cart button on the shop page (the block button on the block theme,
 * the AJAX button on the classic one) and waits for the cart write — the label changes first.
 *
 * @param page Playwright page, on the shop page.
 * @param name Product name.
 */
export async function addFromShop( page: Page, name: string ): Promise< void > {
	await Promise.all( [
		page.waitForResponse( isCartWrite ),
		page
			.getByRole( 'button', { name: `Add to cart: “${ name }”` } )
			.or(
				page.getByRole( 'link', { name: `Add to cart: “${ name }”` } )
			)
			.click(),
	] );
}

/**
 * Runs a step that writes the cart through the Store API or classic AJAX, and waits for it.
 *
 * @param page Playwright page.
 * @param step What the shopper does.
 */
export async function changeCart(
	page: Page,
	step: () => Promise< void >
): Promise< void > {
	await Promise.all( [ page.waitForResponse( isCartWrite ), step() ] );
}

const BILLING = {
	email: 'shopper@example.com',
	first_name: 'Sam',
	last_name: 'Shopper',
	address_1: '12 Test Street',
	city: 'Springfield',
	postcode: '90210',
	phone: '5550100',
};

/** Personal data the shopper typed, which no event may carry. */
export const PERSONAL_DATA = Object.values( BILLING );

/**
 * Fills the Checkout block as a guest, pays by cash on delivery and places the order. The block
 * ignores a click while it is still syncing the form, so it clicks again until the order
 * request has been seen.
 *
 * @param page Playwright page, on the block checkout page.
 */
export async function placeBlockOrder( page: Page ): Promise< void > {
	await page.getByLabel( 'Email address' ).fill( BILLING.email );
	const form = page.locator( '#shipping, #billing' ).first();
	await form.getByLabel( 'First name' ).fill( BILLING.first_name );
	await form.getByLabel( 'Last name' ).fill( BILLING.last_name );
	await form
		.getByLabel( 'Address', { exact: true } )
		.fill( BILLING.address_1 );
	await form.getByLabel( 'City' ).fill( BILLING.city );
	await form.getByLabel( 'ZIP Code' ).fill( BILLING.postcode );
	await page.getByLabel( 'Cash on delivery' ).check();
	await page.waitForLoadState( 'networkidle' );
	let placed = false;
	page.on( 'request', ( request ) => {
		if (
			request.method() === 'POST' &&
			/\/wc\/store\/v1\/checkout/.test( request.url() )
		) {
			placed = true;
		}
	} );
	for ( let attempt = 0; attempt < 10 && ! placed; attempt++ ) {
		await page.getByRole( 'button', { name: 'Place order' } ).click();
		await page.waitForTimeout( 500 );
	}
	await page.waitForURL( /order-received/ );
}

/**
 * Fills the classic checkout as a guest, pays by cash on delivery and places the order.
 *
 * @param page Playwright page, on the classic checkout page.
 */
export async function placeClassicOrder( page: Page ): Promise< void > {
	await page.fill( '#billing_first_name', BILLING.first_name );
	await page.fill( '#billing_last_name', BILLING.last_name );
	await page.fill( '#billing_address_1', BILLING.address_1 );
	await page.fill( '#billing_city', BILLING.city );
	await page.fill( '#billing_postcode', BILLING.postcode );
	await page.fill( '#billing_phone', BILLING.phone );
	await page.fill( '#billing_email', BILLING.email );
	// The classic checkout refreshes its order review over AJAX after each change.
	await page.waitForLoadState( 'networkidle' );
	await page.locator( '#payment_method_cod' ).check();
	await page.waitForLoadState( 'networkidle' );
	await Promise.all( [
		page.waitForURL( /order-received/ ),
		page.locator( '#place_order' ).click(),
	] );
}

/**
 * Reloads the thank-you page a number of times.
 *
 * @param page  Playwright page, on the thank-you page.
 * @param times How often.
 */
export async function reloadThankYouPage(
	page: Page,
	times: number
): Promise< void > {
	for ( let i = 0; i < times; i++ ) {
		await page.reload();
		await expect( page.locator( 'body' ) ).toContainText( 'Thank you' );
	}
}

/**
 * Waits for the storefront events a journey should produce, then checks that exactly those
 * arrived: the same names and products, as many times each (browser events arrive when their
 * page is left, server events after their request, so the order is not compared).
 *
 * @param request  Playwright's request context.
 * @param expected `[ event, properties that tell it apart ]`, one per expected event.
 * @return The events received.
 */
export async function expectEvents(
	request: APIRequestContext,
	expected: Array< [ string, Record< string, string > ] >
): Promise< CollectedEvent[] > {
	const storefront = async () =>
		( await collected( request ) ).filter( ( e ) =>
			e.event.startsWith( 'utw_' )
		);
	await expect
		.poll( async () => ( await storefront() ).length, { timeout: 10_000 } )
		.toBeGreaterThanOrEqual( expected.length );
	// Anything extra (a duplicate) would arrive as quickly: wait as long again before counting.
	await new Promise( ( resolve ) => setTimeout( resolve, 1000 ) );
	const events = await storefront();
	const describe = ( name: string, props: Record< string, string > ) =>
		[ name, props.product_name, props.quantity ]
			.filter( Boolean )
			.join( ' ' );
	expect(
		events.map( ( e ) => describe( e.event, e.params ) ).sort()
	).toEqual(
		expected.map( ( [ name, props ] ) => describe( name, props ) ).sort()
	);
	return events;
}
