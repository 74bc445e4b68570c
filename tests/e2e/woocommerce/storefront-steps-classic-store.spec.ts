/**
 * The steps between cart and order on the classic store (theme utw-classic, shortcode cart and
 * checkout): a shopper sees the cart widget, goes to checkout from it, applies and removes a
 * coupon (classic AJAX), changes shipping (the order review refresh) and payment, orders and
 * searches — each step arrives once, with its properties and nothing personal; with the gate
 * closed, nothing arrives.
 */
import { test, expect } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import {
	CLOSED_GATES,
	collected,
	collectorUrl,
	countTrackingRequests,
	resetStack,
	setStoreState,
	visitorCookie,
} from '../support/stack';
import {
	PERSONAL_DATA,
	addFromProductPage,
	expectEvents,
	placeClassicOrder,
	useClassicStore,
} from '../support/shopper';
import { asMerchant, offerCouponAndFreeShipping } from '../support/merchant';

test.describe.configure( { timeout: 120_000 } );

/** A coupon code that must never leave the store. */
const COUPON = 'UTWCLASSIC10';
/** Search text that must never leave the store (three products mention it). */
const SEARCH = 'tracking tests';
/** The page on which the merchant put WooCommerce's cart widget (the theme has no sidebar). */
const WIDGET_PAGE = 'utw-cart-widget';

/**
 * What a merchant of the classic store sets up, through the WordPress and WooCommerce REST APIs:
 * the cart widget on a page (a Legacy Widget block), a 10 % coupon, and free shipping beside the
 * flat rate in every zone.
 *
 * @param browser Playwright's browser.
 */
async function merchantSetUp( browser: Browser ): Promise< void > {
	await asMerchant( browser, async ( api ) => {
		await api.post( 'wp/v2/pages', {
			title: 'Your cart',
			slug: WIDGET_PAGE,
			status: 'publish',
			content:
				'<!-- wp:legacy-widget {"idBase":"woocommerce_widget_cart"} /-->',
		} );
		await offerCouponAndFreeShipping( api, COUPON );
	} );
}

/**
 * Runs a step of the classic checkout and waits for the AJAX request it sends and the order
 * review refresh that follows it.
 *
 * @param page   Playwright page, on the classic checkout.
 * @param action The `wc-ajax` action the step sends.
 * @param step   What the shopper does.
 */
async function checkoutStep(
	page: Page,
	action: string,
	step: () => Promise< void >
): Promise< void > {
	const answered = ( name: string ) =>
		page.waitForResponse( ( r ) =>
			r.url().includes( `wc-ajax=${ name }` )
		);
	const refreshed =
		action === 'update_order_review'
			? Promise.resolve()
			: answered( 'update_order_review' );
	await Promise.all( [ answered( action ), refreshed, step() ] );
	await expect( page.locator( '.blockUI' ) ).toHaveCount( 0 );
}

/**
 * The journey, from a product page to a search that WooCommerce answers with the product.
 *
 * @param page Playwright page.
 * @return Whether cash on delivery was preselected (the shopper then picked cheque first).
 */
async function stepsJourney( page: Page ): Promise< boolean > {
	await addFromProductPage( page, 'blue-hoodie' );

	// The cart widget: seen on its page once WooCommerce filled it, then its Checkout button.
	await page.goto( `/${ WIDGET_PAGE }/` );
	const widget = page.locator( '.widget_shopping_cart' );
	await expect(
		widget.locator( '.woocommerce-mini-cart-item' )
	).toContainText( 'Blue Hoodie' );
	await Promise.all( [
		page.waitForURL( /\/classic-checkout\/$/ ),
		widget.getByRole( 'link', { name: 'Checkout' } ).click(),
	] );
	await page.waitForLoadState( 'networkidle' );

	// Apply a coupon, then remove it.
	await page.locator( 'a.showcoupon' ).click();
	await page.locator( '#coupon_code' ).fill( COUPON );
	await checkoutStep( page, 'apply_coupon', () =>
		page.locator( 'button[name="apply_coupon"]' ).click()
	);
	await checkoutStep( page, 'remove_coupon', () =>
		page.locator( 'a.woocommerce-remove-coupon' ).click()
	);

	// Free shipping instead of the flat rate; cash on delivery when ordering, after another
	// method when it is the store's default (a preselected method is no shopper's choice).
	await checkoutStep( page, 'update_order_review', () =>
		page.locator( 'input.shipping_method[value^="free_shipping"]' ).check()
	);
	const codPreselected = await page
		.locator( '#payment_method_cod' )
		.isChecked();
	if ( codPreselected ) {
		await page.locator( '#payment_method_cheque' ).check();
	}
	await placeClassicOrder( page );

	// A product search with results, and one WooCommerce answers with its only product.
	await page.goto(
		`/?s=${ encodeURIComponent( SEARCH ) }&post_type=product`
	);
	await expect( page.locator( 'body' ) ).toContainText( 'Red T-Shirt' );
	await page.goto( '/?s=hoodie&post_type=product' );
	await page.waitForURL( /\/product\/blue-hoodie\/$/ );
	await page.goto( 'about:blank' );
	return codPreselected;
}

test.beforeEach( async ( { browser, request } ) => {
	resetStack( 'woocommerce' );
	await merchantSetUp( browser );
	await useClassicStore( request );
} );

test( 'each step between cart and order on the classic store arrives once, with its properties and nothing personal', async ( {
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

	const codPreselected = await stepsJourney( page );

	const payments = codPreselected ? [ 'cheque', 'cod' ] : [ 'cod' ];
	const events = await expectEvents( request, [
		[ 'utw_product_view', { product_name: 'Blue Hoodie' } ],
		[ 'utw_add_to_cart', { product_name: 'Blue Hoodie', quantity: '1' } ],
		[ 'utw_mini_cart_view', {} ],
		[ 'utw_mini_cart_checkout_click', {} ],
		[ 'utw_checkout_view', {} ],
		[ 'utw_coupon_applied', {} ],
		[ 'utw_coupon_removed', {} ],
		[ 'utw_checkout_shipping_selected', {} ],
		...payments.map( ( method ): [ string, Record< string, string > ] => [
			'utw_checkout_payment_selected',
			{ payment_method: method },
		] ),
		[ 'utw_order_processed', {} ],
		[ 'utw_product_search', {} ],
		[ 'utw_product_search', {} ],
		[ 'utw_product_view', { product_name: 'Blue Hoodie' } ],
	] );

	const one = ( name: string ) =>
		events.filter( ( e ) => e.event === name ).map( ( e ) => e.params );
	expect( one( 'utw_mini_cart_view' )[ 0 ] ).toMatchObject( {
		item_count: '1',
		cart_value_band: '25-50',
		mini_cart_type: 'classic',
		page_url: expect.stringMatching( new RegExp( `/${ WIDGET_PAGE }/$` ) ),
	} );
	expect( one( 'utw_mini_cart_checkout_click' )[ 0 ] ).toMatchObject( {
		item_count: '1',
		mini_cart_type: 'classic',
	} );
	expect( one( 'utw_coupon_applied' )[ 0 ] ).toMatchObject( {
		applied: '1',
		discount_type: 'percent',
		checkout_type: 'classic',
		page_url: expect.stringMatching( /\/classic-checkout\/$/ ),
	} );
	expect( one( 'utw_coupon_removed' )[ 0 ] ).toMatchObject( {
		discount_type: 'percent',
		checkout_type: 'classic',
	} );
	expect( one( 'utw_checkout_shipping_selected' )[ 0 ] ).toMatchObject( {
		shipping_method: 'free_shipping',
		shipping_options_count: '2',
		chosen_on: 'checkout',
		checkout_type: 'classic',
	} );
	expect(
		one( 'utw_checkout_payment_selected' )
			.map( ( p ) => `${ p.payment_method } ${ p.checkout_type }` )
			.sort()
	).toEqual( payments.map( ( method ) => `${ method } classic` ) );
	expect( one( 'utw_order_processed' )[ 0 ] ).toMatchObject( {
		payment_method: 'cod',
		shipping_method: 'free_shipping',
		coupon_used: '0',
		express_checkout: '0',
		checkout_type: 'classic',
	} );
	expect(
		one( 'utw_product_search' )
			.map( ( p ) => [ p.results_count, p.product_search ] )
			.sort()
	).toEqual( [
		[ '1', '1' ],
		[ '3', '1' ],
	] );

	// Every event says on which page, never with the query string that holds the search text.
	for ( const { event, params } of events ) {
		expect( params.page_url, event ).toMatch( /^http[^?#]+$/ );
	}

	const payloads = JSON.stringify( events ).toLowerCase();
	expect( payloads ).toContain( 'free_shipping' );
	for ( const secret of [
		COUPON,
		SEARCH,
		encodeURIComponent( SEARCH ),
		'tracking+tests',
		'hoodie&',
		...PERSONAL_DATA,
		encodeURIComponent( PERSONAL_DATA[ 0 ] ),
	] ) {
		expect( payloads ).not.toContain( secret.toLowerCase() );
	}
} );

for ( const [ closedBy, options ] of CLOSED_GATES ) {
	test( `when ${ closedBy }, the steps between cart and order on the classic store send nothing`, async ( {
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
