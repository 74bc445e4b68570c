/**
 * The connected account is the data path (issue 10): a store that is not connected sends nothing
 * and sets no cookie, and says why; connecting in the setup guide starts the account's data, at
 * its ingest URL with its store id; disconnecting stops it again.
 */
import { test, expect } from '@playwright/test';
import type { APIRequestContext, Browser } from '@playwright/test';
import {
	collected,
	countTrackingRequests,
	hasWooCommerce,
	logInAsAdmin,
	resetStack,
	setStoreState,
} from '../support/stack';
import { openSetupGuide, resetService } from '../support/setup-guide';
import { addFromProductPage } from '../support/shopper';

test.skip( ! hasWooCommerce, 'needs WooCommerce' );

test.beforeAll( () => resetStack( 'woocommerce' ) );

/** The local service's store for an account that is itself a business account. */
const STORE = 'st-acct-business-1';

/**
 * A shopper in a context of their own views the Blue Hoodie, adds it to the cart and leaves, so
 * the page's events are handed over.
 *
 * @param browser Playwright's browser.
 * @return The shopper's cookies' names.
 */
async function shopperJourney( browser: Browser ): Promise< string[] > {
	const context = await browser.newContext();
	const page = await context.newPage();
	await addFromProductPage( page, 'blue-hoodie' );
	await page.goto( 'about:blank' );
	const cookies = ( await context.cookies() ).map(
		( cookie ) => cookie.name
	);
	await context.close();
	return cookies;
}

/**
 * The storefront events the collector received.
 *
 * @param request Playwright's request context.
 */
async function storefrontEvents( request: APIRequestContext ) {
	return ( await collected( request ) ).filter( ( e ) =>
		e.event.startsWith( 'utw_' )
	);
}

test( 'not connected, nothing is sent and no cookie is set; connected, the journey reaches the account with its store id; disconnected, nothing again', async ( {
	browser,
	page,
	request,
} ) => {
	test.setTimeout( 180_000 );
	await resetService( request, 'business' );
	await setStoreState( request, {
		woocommerce_allow_tracking: 'yes',
		utw_store_connection: null,
	} );

	// Not connected: nothing leaves, no cookie, and the screen says why.
	let requests = countTrackingRequests();
	expect( await shopperJourney( browser ) ).not.toContain( 'utw_vid' );
	expect( requests.endpoint() ).toBe( 0 );
	expect( await storefrontEvents( request ) ).toEqual( [] );
	await logInAsAdmin( page );
	await openSetupGuide( page, 'settings' );
	await expect(
		page
			.getByText( 'The store is not connected to its analytics account' )
			.first()
	).toBeVisible();

	// Connect in the guide: the account is a business account, so its store exists at once.
	await openSetupGuide( page );
	await page.getByRole( 'button', { name: 'Get started' } ).click();
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
	await expect(
		page.getByRole( 'button', { name: 'Disconnect' } )
	).toBeVisible();

	expect( await shopperJourney( browser ) ).toContain( 'utw_vid' );
	await expect
		.poll( async () => ( await storefrontEvents( request ) ).length )
		.toBeGreaterThanOrEqual( 2 );
	const arrived = await storefrontEvents( request );
	expect( arrived.map( ( e ) => e.event ).sort() ).toEqual( [
		'utw_add_to_cart',
		'utw_product_view',
	] );
	for ( const { params } of arrived ) {
		// `_ingest` is the local service's note of whose ingest URL received the pixel.
		expect( params._ingest ).toBe( STORE );
		expect( params.store_id ).toBe( STORE );
	}

	// Disconnect in the guide: from the next request on, nothing is sent again.
	await page.getByRole( 'button', { name: 'Disconnect' } ).click();
	await page
		.getByRole( 'dialog', { name: 'Disconnect your account?' } )
		.getByRole( 'button', { name: 'Yes, disconnect' } )
		.click();
	await expect(
		page.getByRole( 'button', { name: 'Connect', exact: true } )
	).toBeVisible();
	// The guide's own events leave with its page; only the shopper's requests are counted next.
	await page.goto( 'about:blank' );
	const before = ( await storefrontEvents( request ) ).length;
	requests = countTrackingRequests();
	expect( await shopperJourney( browser ) ).not.toContain( 'utw_vid' );
	expect( requests.endpoint() ).toBe( 0 );
	expect( await storefrontEvents( request ) ).toHaveLength( before );
} );
