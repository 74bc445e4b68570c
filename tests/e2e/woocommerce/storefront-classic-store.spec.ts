/**
 * A guest shopper on the classic store (theme utw-classic, shortcode cart and checkout pages):
 * the form post, the AJAX shop button, the cart form and the classic checkout each produce
 * exactly one event per action — and with tracking off, nothing leaves at all.
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
	expectEvents,
	placeClassicOrder,
	reloadThankYouPage,
	useClassicStore,
} from '../support/shopper';

// A whole shopper journey, from product page to three thank-you page reloads.
test.describe.configure( { timeout: 120_000 } );

test.beforeEach( async ( { request } ) => {
	resetStack( 'woocommerce' );
	await useClassicStore( request );
} );

/**
 * Product page form, AJAX shop button (twice), cart quantity and remove, checkout, order,
 * thank-you reloads.
 *
 * @param page Playwright page.
 */
async function classicJourney( page: Page ): Promise< void > {
	await addFromProductPage( page, 'blue-hoodie' );

	await page.goto( '/shop/' );
	await addFromShop( page, 'Red T-Shirt' );
	// Already in the cart: WooCommerce raises the quantity, then reports an add.
	await addFromShop( page, 'Red T-Shirt' );

	await page.goto( '/classic-cart/' );
	const hoodie = page
		.locator( '.woocommerce-cart-form__cart-item' )
		.filter( { hasText: 'Blue Hoodie' } );
	await hoodie.locator( 'input.qty' ).fill( '3' );
	await Promise.all( [
		page.waitForURL( /classic-cart/ ),
		page.getByRole( 'button', { name: 'Update cart' } ).click(),
	] );
	await expect( hoodie.locator( 'input.qty' ) ).toHaveValue( '3' );
	await page
		.locator( '.woocommerce-cart-form__cart-item' )
		.filter( { hasText: 'Red T-Shirt' } )
		.locator( 'a.remove' )
		.click();
	await expect( page.getByText( /“Red T-Shirt” removed/ ) ).toBeVisible();

	await page.goto( '/classic-checkout/' );
	await placeClassicOrder( page );
	await reloadThankYouPage( page, 3 );
	await page.goto( 'about:blank' );
}

test( 'a guest journey on the classic store sends each action exactly once, with its properties', async ( {
	page,
	request,
	context,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );

	await classicJourney( page );

	const events = await expectEvents( request, [
		[ 'utw_product_view', { product_name: 'Blue Hoodie' } ],
		[ 'utw_add_to_cart', { product_name: 'Blue Hoodie', quantity: '1' } ],
		[ 'utw_add_to_cart', { product_name: 'Red T-Shirt', quantity: '1' } ],
		[ 'utw_add_to_cart', { product_name: 'Red T-Shirt', quantity: '1' } ],
		[ 'utw_cart_view', {} ],
		[ 'utw_add_to_cart', { product_name: 'Blue Hoodie', quantity: '2' } ],
		[
			'utw_remove_from_cart',
			{ product_name: 'Red T-Shirt', quantity: '2' },
		],
		[ 'utw_checkout_view', {} ],
		// The store preselects cheque: the shopper picks cash on delivery.
		[ 'utw_checkout_payment_selected', {} ],
		[ 'utw_order_processed', {} ],
	] );

	const byName = ( name: string ) =>
		events.filter( ( e ) => e.event === name ).map( ( e ) => e.params );
	const visitor = await visitorCookie( context );
	for ( const { params } of events ) {
		expect( params ).toMatchObject( {
			_ui: visitor,
			guest_checkout: '1',
			payment_methods: 'cheque,cod',
			page_url: expect.not.stringMatching( /[?#]/ ),
		} );
		for ( const value of PERSONAL_DATA ) {
			expect( Object.values( params ) ).not.toContain( value );
		}
	}
	expect( byName( 'utw_add_to_cart' )[ 1 ] ).toMatchObject( {
		product_name: 'Red T-Shirt',
		page_url: expect.stringMatching( /\/shop\/$/ ),
		cart_page_contains_cart_block: '0',
		cart_page_contains_cart_shortcode: '1',
	} );
	expect( byName( 'utw_cart_view' )[ 0 ] ).toMatchObject( {
		cart_page_contains_cart_block: '0',
		cart_page_contains_cart_shortcode: '1',
		additional_blocks_on_cart_page: 'core/shortcode',
		page_url: expect.stringMatching( /\/classic-cart\/$/ ),
	} );
	expect( byName( 'utw_checkout_view' )[ 0 ] ).toMatchObject( {
		checkout_page_contains_checkout_block: '0',
		checkout_page_contains_checkout_shortcode: '1',
	} );
	expect( byName( 'utw_checkout_payment_selected' )[ 0 ] ).toMatchObject( {
		payment_method: 'cod',
		checkout_type: 'classic',
		page_url: expect.stringMatching( /\/classic-checkout\/$/ ),
	} );
	expect( byName( 'utw_order_processed' )[ 0 ] ).toMatchObject( {
		payment_method: 'cod',
		shipping_method: 'flat_rate',
		coupon_used: '0',
		express_checkout: '0',
		guest_order: '1',
		account_created: '0',
		item_count: '3',
		order_total: '140',
		currency: 'USD',
		checkout_type: 'classic',
		checkout_page_contains_checkout_shortcode: '1',
	} );
} );

for ( const [ closedBy, options ] of CLOSED_GATES ) {
	test( `when ${ closedBy }, the classic journey sends nothing and sets no cookie`, async ( {
		page,
		request,
		context,
	} ) => {
		await setStoreState( request, options );
		const requests = countTrackingRequests();

		await classicJourney( page );

		await expectNothingSent( request, context, requests );
	} );
}
