/**
 * A guest shopper on the block store (Twenty Twenty-Five, Cart, Checkout and Mini-Cart blocks):
 * every action they take arrives at the collector exactly once, with the properties a merchant
 * reads — and with tracking off, nothing leaves at all.
 */
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
	countTrackingRequests,
	resetStack,
	setStoreState,
	CLOSED_GATES,
	expectNothingSent,
	visitorCookie,
} from '../support/stack';
import {
	PERSONAL_DATA,
	addFromProductPage,
	addFromShop,
	changeCart,
	expectEvents,
	placeBlockOrder,
	reloadThankYouPage,
} from '../support/shopper';

// A whole shopper journey, from product page to three thank-you page reloads.
test.describe.configure( { timeout: 120_000 } );

test.beforeEach( () => resetStack( 'woocommerce' ) );

/**
 * Product page, shop buttons, Mini-Cart, Cart block, Checkout block, order, thank-you reloads.
 *
 * @param page Playwright page.
 */
async function blockJourney( page: Page ): Promise< void > {
	await addFromProductPage( page, 'blue-hoodie' );

	await page.goto( '/shop/' );
	await addFromShop( page, 'Red T-Shirt' );
	// Already in the cart: WooCommerce raises its quantity instead of adding it.
	await addFromShop( page, 'Red T-Shirt' );

	await page.locator( '.wc-block-mini-cart__button' ).click();
	// The drawer loads its contents when opened: let that settle before using it.
	await page.waitForLoadState( 'networkidle' );
	const drawer = page.locator( '.wc-block-mini-cart__drawer' );
	const tshirtInDrawer = drawer
		.locator( '.wc-block-cart-items__row' )
		.filter( { hasText: 'Red T-Shirt' } );
	await changeCart( page, () =>
		tshirtInDrawer
			.getByRole( 'button', { name: /Increase quantity/ } )
			.click()
	);
	await page.keyboard.press( 'Escape' );

	// The Cart block hydrates after load: a click before it is ready is lost, and clicking
	// again could count twice, so wait for its requests to settle first.
	await page.goto( '/cart/', { waitUntil: 'networkidle' } );
	const rows = page.locator( '.wc-block-cart-items__row' );
	await changeCart( page, () =>
		rows
			.filter( { hasText: 'Blue Hoodie' } )
			.getByRole( 'button', { name: /Increase quantity/ } )
			.click()
	);
	await changeCart( page, () =>
		rows
			.filter( { hasText: 'Red T-Shirt' } )
			.getByRole( 'button', { name: /Remove/ } )
			.click()
	);
	await expect( rows ).toHaveCount( 1 );

	await page.goto( '/checkout/' );
	await placeBlockOrder( page );
	await reloadThankYouPage( page, 3 );
	// Leave the last page, so that anything queued in the browser would have been sent.
	await page.goto( 'about:blank' );
}

test( 'a guest journey on the block store sends each action exactly once, with its properties', async ( {
	page,
	request,
	context,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );

	await blockJourney( page );

	const events = await expectEvents( request, [
		[ 'utw_product_view', { product_name: 'Blue Hoodie' } ],
		[ 'utw_add_to_cart', { product_name: 'Blue Hoodie', quantity: '1' } ],
		[ 'utw_add_to_cart', { product_name: 'Red T-Shirt', quantity: '1' } ],
		[ 'utw_add_to_cart', { product_name: 'Red T-Shirt', quantity: '1' } ],
		[ 'utw_add_to_cart', { product_name: 'Red T-Shirt', quantity: '1' } ],
		[ 'utw_cart_view', {} ],
		[ 'utw_add_to_cart', { product_name: 'Blue Hoodie', quantity: '1' } ],
		[
			'utw_remove_from_cart',
			{ product_name: 'Red T-Shirt', quantity: '3' },
		],
		[ 'utw_checkout_view', {} ],
		[ 'utw_order_processed', {} ],
	] );

	const byName = ( name: string ) =>
		events.filter( ( e ) => e.event === name ).map( ( e ) => e.params );
	const visitor = await visitorCookie( context );
	for ( const { params } of events ) {
		expect( params ).toMatchObject( {
			_ui: visitor,
			wc_version: expect.stringMatching( /^9\./ ),
			device: 'desktop',
			guest_checkout: '1',
			account_creation: '0',
			payment_methods: 'cheque,cod',
			page_url: expect.not.stringMatching( /[?#]/ ),
		} );
		for ( const value of PERSONAL_DATA ) {
			expect( Object.values( params ) ).not.toContain( value );
		}
	}
	expect( byName( 'utw_add_to_cart' )[ 0 ] ).toMatchObject( {
		product_category: 'Clothing/Hoodies',
		price: '45',
		page_url: expect.stringMatching( /\/product\/blue-hoodie\/$/ ),
		cart_page_contains_cart_block: '1',
		cart_page_contains_cart_shortcode: '0',
	} );
	expect( byName( 'utw_add_to_cart' )[ 1 ] ).toMatchObject( {
		product_category: 'Clothing',
		price: '20',
		page_url: expect.stringMatching( /\/shop\/$/ ),
	} );
	expect( byName( 'utw_cart_view' )[ 0 ] ).toMatchObject( {
		cart_page_contains_cart_block: '1',
		cart_page_contains_cart_shortcode: '0',
		page_url: expect.stringMatching( /\/cart\/$/ ),
	} );
	expect( byName( 'utw_checkout_view' )[ 0 ] ).toMatchObject( {
		checkout_page_contains_checkout_block: '1',
		checkout_page_contains_checkout_shortcode: '0',
	} );
	expect( byName( 'utw_order_processed' )[ 0 ] ).toMatchObject( {
		payment_method: 'cod',
		guest_order: '1',
		account_created: '0',
		item_count: '2',
		order_total: '95',
		currency: 'USD',
		checkout_type: 'block',
		checkout_page_contains_checkout_block: '1',
		page_url: expect.stringMatching( /\/checkout\/$/ ),
	} );
} );

test( 'a shopper who lands on the shop page adds to the cart under the id the page gave them', async ( {
	page,
	request,
	context,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );

	await page.goto( '/shop/' );
	// The bundle is deferred: the id exists once it ran, before the shopper can click.
	await expect.poll( () => visitorCookie( context ) ).toBeTruthy();
	await addFromShop( page, 'Coffee Mug' );

	const [ added ] = await expectEvents( request, [
		[ 'utw_add_to_cart', { product_name: 'Coffee Mug', quantity: '1' } ],
	] );
	expect( added.params._ui ).toBe( await visitorCookie( context ) );
} );

for ( const [ closedBy, options ] of CLOSED_GATES ) {
	test( `when ${ closedBy }, the block journey sends nothing and sets no cookie`, async ( {
		page,
		request,
		context,
	} ) => {
		await setStoreState( request, options );
		const requests = countTrackingRequests();

		await blockJourney( page );

		await expectNothingSent( request, context, requests );
	} );
}
