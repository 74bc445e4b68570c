/**
 * A guest shopper on the block store (Twenty Twenty-Five, Cart, Checkout and Mini-Cart blocks):
 * every action they take arrives at the collector exactly once, with the properties a merchant
 * reads — and with tracking off, nothing leaves at all.
 */
import { test, expect } from '@playwright/test';
import type { APIRequestContext, Page, Request } from '@playwright/test';
import {
	collected,
	countTrackingRequests,
	resetStack,
	setStoreState,
	CLOSED_GATES,
	expectNothingSent,
	visitorCookie,
} from '../support/stack';
import type { CollectedEvent } from '../support/stack';
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
 * Counts the page's Store API requests in flight. The blocks read the cart again after each
 * change; a click during such a read can be lost, or its change written over by the read
 * (docs/storefront-events.md). A shopper can meet both; the journey waits them out so that it is
 * the same on every run.
 *
 * @param page Playwright page.
 * @return Waits until no Store API request has been in flight for half a second.
 */
function storeApiSettles( page: Page ): () => Promise< void > {
	// Start times of the requests in flight; one Playwright never reports the end of (cancelled
	// with its page) stops counting after 10 s.
	const inFlight = new Map< Request, number >();
	let changed = Date.now();
	const track = ( request: Request ) => {
		if ( request.url().includes( '/wc/store/v1/' ) ) {
			inFlight.set( request, Date.now() );
			changed = Date.now();
		}
	};
	const untrack = ( request: Request ) => {
		if ( inFlight.delete( request ) ) {
			changed = Date.now();
		}
	};
	page.on( 'request', track );
	page.on( 'requestfinished', untrack );
	page.on( 'requestfailed', untrack );
	return () =>
		expect
			.poll(
				() =>
					[ ...inFlight.values() ].every(
						( started ) => Date.now() - started > 10_000
					) && Date.now() - changed > 500,
				{ timeout: 30_000 }
			)
			.toBe( true );
}

/**
 * Product page, shop buttons, Mini-Cart, Cart block, Checkout block, order, thank-you reloads.
 *
 * @param page Playwright page.
 * @return How many Red T-Shirts the Cart block showed when the shopper removed them.
 */
async function blockJourney( page: Page ): Promise< number > {
	const settled = storeApiSettles( page );
	await addFromProductPage( page, 'blue-hoodie' );

	await page.goto( '/shop/' );
	await settled();
	const tshirtButton = page.getByRole( 'button', {
		name: 'Add to cart: “Red T-Shirt”',
	} );
	await addFromShop( page, 'Red T-Shirt' );
	// The button counts what is in the cart once it took the answer in; a second click before
	// that asks WooCommerce for the quantity it had already (a click that changes nothing).
	await expect( tshirtButton ).toHaveText( /1 in cart/ );
	await settled();
	// Already in the cart: WooCommerce raises its quantity instead of adding it.
	await addFromShop( page, 'Red T-Shirt' );
	await expect( tshirtButton ).toHaveText( /2 in cart/ );
	await settled();

	await page.locator( '.wc-block-mini-cart__button' ).click();
	const drawer = page.locator( '.wc-block-mini-cart__drawer' );
	const tshirtInDrawer = drawer
		.locator( '.wc-block-cart-items__row' )
		.filter( { hasText: 'Red T-Shirt' } );
	const drawerQuantity = tshirtInDrawer.getByRole( 'spinbutton' );
	// 2, or 1 when WooCommerce lost an add (see the test).
	await expect( drawerQuantity ).toHaveValue( /^[12]$/ );
	await settled();
	const before = await drawerQuantity.inputValue();
	const after = String( Number( before ) + 1 );
	// The drawer renders its contents as it opens and may render them again when a cart read
	// ends: a click in between is lost. A click that counts shows the new quantity at once (the
	// request follows), so click again only while it shows the old one: never twice for one.
	await changeCart( page, () =>
		expect( async () => {
			if ( ( await drawerQuantity.inputValue() ) === before ) {
				await tshirtInDrawer
					.getByRole( 'button', { name: /Increase quantity/ } )
					.click();
			}
			await expect( drawerQuantity ).toHaveValue( after, {
				timeout: 2000,
			} );
		} ).toPass( { timeout: 30_000 } )
	);
	await settled();
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
	await settled();
	const tshirtRow = rows.filter( { hasText: 'Red T-Shirt' } );
	const tshirts = Number(
		await tshirtRow.getByRole( 'spinbutton' ).inputValue()
	);
	await changeCart( page, () =>
		tshirtRow.getByRole( 'button', { name: /Remove/ } ).click()
	);
	await expect( rows ).toHaveCount( 1 );

	await page.goto( '/checkout/' );
	await placeBlockOrder( page );
	await reloadThankYouPage( page, 3 );
	// Leave the last page, so that anything queued in the browser would have been sent.
	await page.goto( 'about:blank' );
	return tshirts;
}

/**
 * The storefront events the collector received, once at least `count` arrived and anything
 * extra (a duplicate) would have had as long again to arrive.
 *
 * @param request Playwright's request context.
 * @param count   How many events the journey sends at least.
 */
async function journeyEvents(
	request: APIRequestContext,
	count: number
): Promise< CollectedEvent[] > {
	const storefront = async () =>
		( await collected( request ) ).filter( ( e ) =>
			e.event.startsWith( 'utw_' )
		);
	await expect
		.poll( async () => ( await storefront() ).length, { timeout: 10_000 } )
		.toBeGreaterThanOrEqual( count );
	await new Promise( ( resolve ) => setTimeout( resolve, 1000 ) );
	return storefront();
}

test( 'a guest journey on the block store sends each action exactly once, with its properties', async ( {
	page,
	request,
	context,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );

	const tshirts = await blockJourney( page );

	const events = await journeyEvents( request, 12 );
	const describe = ( { event, params }: CollectedEvent ) =>
		[ event, params.product_name, params.quantity ]
			.filter( Boolean )
			.join( ' ' );
	const isTshirt = ( e: CollectedEvent ) =>
		e.params.product_name === 'Red T-Shirt';
	expect(
		events
			.filter( ( e ) => ! isTshirt( e ) )
			.map( describe )
			.sort()
	).toEqual(
		[
			'utw_product_view Blue Hoodie',
			'utw_add_to_cart Blue Hoodie 1',
			// The shopper opens the Mini-Cart drawer once.
			'utw_mini_cart_view',
			'utw_cart_view',
			'utw_add_to_cart Blue Hoodie 1',
			'utw_checkout_view',
			// Cash on delivery, over the preselected cheque.
			'utw_checkout_payment_selected',
			'utw_order_processed',
		].sort()
	);
	// Each of the three T-Shirt clicks (two on the shop, one in the Mini-Cart) was answered by
	// WooCommerce and is sent once. WooCommerce can still lose one of them to a concurrent cart
	// read; the Cart block then shows fewer, and the plugin reports the lost one as removed at the
	// next change: what is removed always adds up to what was added.
	const tshirtEvents = events.filter( isTshirt ).map( describe );
	const removed = tshirtEvents
		.filter( ( e ) => e.startsWith( 'utw_remove_from_cart' ) )
		.map( ( e ) => Number( e.split( ' ' ).pop() ) );
	expect(
		tshirtEvents.filter( ( e ) => e.startsWith( 'utw_add_to_cart' ) )
	).toEqual( Array( 3 ).fill( 'utw_add_to_cart Red T-Shirt 1' ) );
	expect( tshirtEvents ).toHaveLength( 3 + removed.length );
	expect( removed ).toContain( tshirts );
	expect( removed.reduce( ( sum, quantity ) => sum + quantity, 0 ) ).toBe(
		3
	);

	const byName = ( name: string ) =>
		events.filter( ( e ) => e.event === name ).map( ( e ) => e.params );
	const visitor = await visitorCookie( context );
	for ( const { params } of events ) {
		expect( params ).toMatchObject( {
			_ui: visitor,
			wc_version:
				process.env.UTW_WOOCOMMERCE_VERSION ?? expect.any( String ),
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
