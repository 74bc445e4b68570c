/**
 * The steps between cart and order on the block store (Twenty Twenty-Five, Mini-Cart, Checkout
 * block): a shopper opens the Mini-Cart, goes to checkout from it, applies and removes a coupon,
 * changes shipping and payment, searches and orders — each step arrives once, with its
 * properties and nothing personal; with the gate closed, nothing arrives.
 */
import { test, expect } from '@playwright/test';
import type { Page, Browser } from '@playwright/test';
import {
	CLOSED_GATES,
	collected,
	collectorUrl,
	countTrackingRequests,
	visitorCookie,
	resetStack,
	setStoreState,
} from '../support/stack';
import type { CollectedEvent } from '../support/stack';
import { asMerchant, offerCouponAndFreeShipping } from '../support/merchant';
import {
	PERSONAL_DATA,
	addFromProductPage,
	placeBlockOrder,
} from '../support/shopper';

test.describe.configure( { timeout: 120_000 } );

/** A coupon code that must never leave the store. */
const COUPON = 'UTWSECRET10';
/** Search text that must never leave the store (three products mention it). */
const SEARCH = 'tracking tests';

/**
 * Adds what the journey needs to the stack's store, as a merchant would through WooCommerce's
 * REST API: a 10 % coupon, and free shipping beside the flat rate in every zone.
 *
 * @param browser Playwright's browser.
 */
async function setUpStore( browser: Browser ): Promise< void > {
	await asMerchant( browser, ( api ) =>
		offerCouponAndFreeShipping( api, COUPON )
	);
}

/**
 * The journey, from a product page to the thank-you page.
 *
 * @param page Playwright page.
 * @return Whether the shopper changed the payment method (cash on delivery was not preselected).
 */
async function stepsJourney( page: Page ): Promise< boolean > {
	await addFromProductPage( page, 'blue-hoodie' );

	// The Mini-Cart in the header: open it, go to checkout from it.
	await page.goto( '/shop/', { waitUntil: 'networkidle' } );
	await page.locator( '.wc-block-mini-cart__button' ).click();
	await page.waitForLoadState( 'networkidle' );
	await Promise.all( [
		page.waitForURL( /\/checkout\/$/, { waitUntil: 'commit' } ),
		page
			.locator( '.wc-block-mini-cart__drawer' )
			.getByRole( 'link', { name: /checkout/i } )
			.click(),
	] );
	await page.waitForLoadState( 'networkidle' );

	const storeApi = ( path: string ) =>
		page.waitForResponse(
			( r ) =>
				r.request().method() === 'POST' &&
				r.url().includes( `/wc/store/v1/` ) &&
				( r.url().includes( path ) ||
					( r.request().postData() ?? '' ).includes( path ) )
		);

	// Apply a coupon, then remove it.
	await page.getByRole( 'button', { name: /Add (a )?coupons?/i } ).click();
	await page.getByLabel( /Enter code/i ).fill( COUPON );
	await Promise.all( [
		storeApi( 'apply-coupon' ),
		page.getByRole( 'button', { name: 'Apply', exact: true } ).click(),
	] );
	await Promise.all( [
		storeApi( 'remove-coupon' ),
		page.getByRole( 'button', { name: /Remove coupon/i } ).click(),
	] );

	// Fill the address first: the rates offered depend on it.
	await page.getByLabel( 'Email address' ).fill( PERSONAL_DATA[ 0 ] );
	await page.waitForLoadState( 'networkidle' );
	// The radio is checked once the Store API stored the choice.
	// A click while the block syncs the address is ignored: click again until it holds.
	const free = page.getByLabel( /Free shipping/ );
	await expect( async () => {
		await page.locator( 'label', { has: free } ).click();
		await expect( free ).toBeChecked( { timeout: 2000 } );
	} ).toPass( { timeout: 20_000 } );
	await page.waitForLoadState( 'networkidle' );
	const codPreselected = await page
		.getByLabel( 'Cash on delivery' )
		.isChecked();

	await placeBlockOrder( page );

	// A product search with results, and one WooCommerce answers with its only product.
	await page.goto(
		`/?s=${ encodeURIComponent( SEARCH ) }&post_type=product`
	);
	await expect( page.locator( 'body' ) ).toContainText( 'Red T-Shirt' );
	await page.goto( '/?s=hoodie&post_type=product' );
	await page.waitForURL( /\/product\/blue-hoodie\/$/ );
	await page.goto( 'about:blank' );
	return ! codPreselected;
}

/**
 * Waits until the collector holds at least `count` storefront events, then a second longer
 * (a duplicate would arrive as quickly), and returns them.
 *
 * @param request Playwright's request context.
 * @param count   How many to wait for.
 */
async function storefrontEvents(
	request: Parameters< typeof collected >[ 0 ],
	count: number
): Promise< CollectedEvent[] > {
	const read = async () =>
		( await collected( request ) ).filter( ( e ) =>
			e.event.startsWith( 'utw_' )
		);
	await expect
		.poll( async () => ( await read() ).length, { timeout: 15_000 } )
		.toBeGreaterThanOrEqual( count );
	await new Promise( ( resolve ) => setTimeout( resolve, 1000 ) );
	return read();
}

test.beforeEach( async ( { browser } ) => {
	resetStack( 'woocommerce' );
	await setUpStore( browser );
} );

test( 'each step between cart and order on the block store arrives once, with its properties and nothing personal', async ( {
	page,
	request,
} ) => {
	await setStoreState( request, {
		woocommerce_allow_tracking: 'yes',
		// Connected to the local analytics service, as the stack's store is (setup-store.php).
		utw_store_connection: {
			store_id: 'st-local',
			ingest_url: `${ collectorUrl }/service/v1/ingest/st-local/t.gif`,
		},
	} );

	const paymentChanged = await stepsJourney( page );

	const expected = [
		'utw_product_view',
		'utw_add_to_cart',
		'utw_mini_cart_view',
		'utw_mini_cart_checkout_click',
		'utw_checkout_view',
		'utw_coupon_applied',
		'utw_coupon_removed',
		'utw_checkout_shipping_selected',
		...( paymentChanged ? [ 'utw_checkout_payment_selected' ] : [] ),
		'utw_order_processed',
		'utw_product_search',
		'utw_product_search',
		'utw_product_view',
	];
	const events = await storefrontEvents( request, expected.length );
	expect( events.map( ( e ) => e.event ).sort() ).toEqual( expected.sort() );

	const one = ( name: string ) =>
		events.filter( ( e ) => e.event === name ).map( ( e ) => e.params );
	expect( one( 'utw_mini_cart_view' )[ 0 ] ).toMatchObject( {
		item_count: '1',
		cart_value_band: '25-50',
		mini_cart_type: 'block',
	} );
	expect( one( 'utw_mini_cart_checkout_click' )[ 0 ] ).toMatchObject( {
		item_count: '1',
		mini_cart_type: 'block',
	} );
	expect( one( 'utw_coupon_applied' )[ 0 ] ).toMatchObject( {
		applied: '1',
		discount_type: 'percent',
		checkout_type: 'block',
	} );
	expect( one( 'utw_coupon_removed' )[ 0 ] ).toMatchObject( {
		discount_type: 'percent',
		checkout_type: 'block',
	} );
	expect( one( 'utw_checkout_shipping_selected' )[ 0 ] ).toMatchObject( {
		shipping_method: 'free_shipping',
		shipping_options_count: '2',
		chosen_on: 'checkout',
		checkout_type: 'block',
	} );
	if ( paymentChanged ) {
		expect( one( 'utw_checkout_payment_selected' )[ 0 ] ).toMatchObject( {
			payment_method: 'cod',
			checkout_type: 'block',
		} );
	}
	expect(
		one( 'utw_product_search' )
			.map( ( p ) => p.results_count )
			.sort()
	).toEqual( [ '1', '3' ] );
	expect( one( 'utw_product_search' )[ 0 ].product_search ).toBe( '1' );
	expect( one( 'utw_order_processed' )[ 0 ] ).toMatchObject( {
		payment_method: 'cod',
		shipping_method: 'free_shipping',
		coupon_used: '0',
		express_checkout: '0',
		checkout_type: 'block',
	} );

	const payloads = JSON.stringify( events ).toLowerCase();
	for ( const secret of [
		COUPON,
		SEARCH,
		encodeURIComponent( SEARCH ),
		'tracking+tests',
		...PERSONAL_DATA,
	] ) {
		expect( payloads ).not.toContain( secret.toLowerCase() );
	}
} );

for ( const [ closedBy, options ] of CLOSED_GATES ) {
	test( `when ${ closedBy }, the steps between cart and order send nothing`, async ( {
		page,
		request,
		context,
	} ) => {
		await setStoreState( request, options );
		const requests = countTrackingRequests();

		await stepsJourney( page );

		// The merchant's set-up in wp-admin sent WooCommerce's own admin events: none of ours.
		expect( requests.endpoint() ).toBe( 0 );
		expect(
			( await collected( request ) ).filter( ( e ) =>
				e.event.startsWith( 'utw_' )
			)
		).toEqual( [] );
		expect( await visitorCookie( context ) ).toBeUndefined();
	} );
}
