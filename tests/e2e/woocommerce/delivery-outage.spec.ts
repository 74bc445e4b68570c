/**
 * Durable delivery through an outage: a shopper's events, recorded while the destination refuses
 * connections, wait in the outbox as retrying (the merchant's view says why); after three failing
 * runs the circuit breaker pauses the destination; when it comes back, a probe closes the breaker
 * and every event arrives exactly once (counted by `_eid` at the destination).
 */
import { test, expect } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import {
	baseUrl,
	logInAsAdmin,
	resetStack,
	runDelivery,
	setStoreState,
} from '../support/stack';
import {
	addFromProductPage,
	addFromShop,
	placeClassicOrder,
	useClassicStore,
} from '../support/shopper';
import { recentEventsView } from '../support/merchant';
import {
	Destination,
	breakerOf,
	closedPort,
	completeActionSchedulerMigration,
	outboxRows,
	pointNewEventsAt,
} from '../support/delivery';
import type { OutboxRow } from '../support/delivery';

// A shopper journey, four delivery runs and two visits to the merchant's view.
test.describe.configure( { timeout: 180_000 } );

let destination: Destination;

test.beforeEach( async ( { request } ) => {
	resetStack( 'woocommerce' );
	await completeActionSchedulerMigration( request );
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );
	await useClassicStore( request );
	// Nothing listens on this port until the test starts the destination: connections are refused.
	destination = new Destination( await closedPort() );
	await pointNewEventsAt( request, destination.url );
} );

test.afterEach( async ( { request } ) => {
	await pointNewEventsAt( request, '' );
	await destination.dispose();
} );

/** The storefront events the store accepted (the outbox also logs dropped ones). */
const accepted = (): OutboxRow[] =>
	outboxRows( "LEFT(event, 4) = 'utw_' AND state <> 'dropped'" );

/**
 * A guest on the classic store, in a browser of their own: product page, form add to cart, AJAX
 * add to cart from the shop, classic checkout. Six events: product view, two adds, checkout
 * view, the payment chosen (cash on delivery over the preselected cheque), order processed.
 *
 * @param browser Playwright's browser.
 */
async function shopperJourney( browser: Browser ): Promise< void > {
	const context = await browser.newContext( { baseURL: baseUrl } );
	const page = await context.newPage();
	await addFromProductPage( page, 'blue-hoodie' );
	await page.goto( '/shop/' );
	await addFromShop( page, 'Red T-Shirt' );
	await page.goto( '/classic-checkout/' );
	await placeClassicOrder( page );
	// Leaving the page sends the browser's last batch.
	await page.goto( 'about:blank' );
	await context.close();
}

/**
 * Another add to cart, from the shop page, in a browser of its own.
 *
 * @param browser Playwright's browser.
 */
async function anotherAddToCart( browser: Browser ): Promise< void > {
	const context = await browser.newContext( { baseURL: baseUrl } );
	const page = await context.newPage();
	await page.goto( '/shop/' );
	await addFromShop( page, 'Blue Hoodie' );
	await context.close();
}

/**
 * The merchant's view (WooCommerce > Usage events): state and reason of each event, by id.
 *
 * @param page Logged-in admin page.
 */
async function merchantView(
	page: Page
): Promise< Map< string, { state: string; reason: string } > > {
	await page.goto( recentEventsView );
	const rows = page.locator( '#utw-recent-events tbody tr[data-eid]' );
	const seen = new Map< string, { state: string; reason: string } >();
	for ( const row of await rows.all() ) {
		const reason = row.locator( '.utw-reason' );
		seen.set( ( await row.getAttribute( 'data-eid' ) ) ?? '', {
			state: ( await row.getAttribute( 'data-state' ) ) ?? '',
			reason: ( await reason.count() ) ? await reason.innerText() : '',
		} );
	}
	return seen;
}

test( 'events recorded while the destination refuses connections are retried, paused by the breaker, and all arrive once when it is back', async ( {
	browser,
	page,
	request,
} ) => {
	await shopperJourney( browser );
	// Browser batches reach the store a moment after the page is left.
	await expect.poll( () => accepted().length, { timeout: 15_000 } ).toBe( 6 );
	const recorded = accepted();
	expect( recorded.map( ( row ) => row.event ).sort() ).toEqual( [
		'utw_add_to_cart',
		'utw_add_to_cart',
		'utw_checkout_payment_selected',
		'utw_checkout_view',
		'utw_order_processed',
		'utw_product_view',
	] );
	for ( const row of recorded ) {
		expect( row ).toMatchObject( {
			state: 'queued',
			destination: destination.url,
		} );
	}

	// First run: every request is refused; each event waits for its next attempt.
	await runDelivery( request );
	for ( const row of accepted() ) {
		expect( row ).toMatchObject( { state: 'retrying', attempts: 1 } );
		expect( row.reason ).toMatch( /^attempt 1 failed: network error/ );
	}
	expect( await breakerOf( request, destination.url ) ).toMatchObject( {
		failures: 1,
	} );
	await logInAsAdmin( page );
	const duringOutage = await merchantView( page );
	for ( const { eid } of recorded ) {
		expect( duringOutage.get( eid ) ).toEqual( {
			state: 'retrying',
			reason: expect.stringMatching( /^attempt 1 failed: network error/ ),
		} );
	}

	// Two more failing runs (past the retry delays) open the breaker.
	await runDelivery( request, true );
	expect( await breakerOf( request, destination.url ) ).toEqual( {
		failures: 2,
		open_until: 0,
		cool_down: 0,
	} );
	await runDelivery( request, true );
	const opened = await breakerOf( request, destination.url );
	expect( opened?.failures ).toBe( 3 );
	expect( opened?.open_until ).toBeGreaterThan( Date.now() / 1000 );

	// While it is open, a new event is not even tried: it waits, and says why.
	await anotherAddToCart( browser );
	await expect.poll( () => accepted().length ).toBe( 7 );
	await runDelivery( request );
	const [ paused ] = accepted().filter(
		( row ) => ! recorded.some( ( { eid } ) => eid === row.eid )
	);
	expect( paused ).toMatchObject( { state: 'retrying', attempts: 0 } );
	expect( paused.reason ).toMatch(
		/^the destination failed 3 delivery runs in a row: paused until /
	);
	expect( ( await merchantView( page ) ).get( paused.eid ) ).toEqual( {
		state: 'retrying',
		reason: expect.stringMatching( /paused until/ ),
	} );

	// The destination comes back on the same port; once the cool-down is over, a probe closes
	// the breaker and the backlog follows.
	await destination.start();
	const recovered = await runDelivery( request, true );
	expect( recovered.counts.retrying ?? 0 ).toBe( 0 );
	expect( recovered.counts.queued ?? 0 ).toBe( 0 );
	expect( await breakerOf( request, destination.url ) ).toBeUndefined();

	const all = accepted();
	expect( all.every( ( row ) => row.state === 'delivered' ) ).toBe( true );
	expect( await destination.stats() ).toMatchObject( {
		total: 7,
		unique_eids: 7,
		duplicates: 0,
		without_eid: 0,
		unreadable_lines: 0,
	} );
	const arrived = ( await destination.events() ).map( ( e ) => e.params );
	expect( arrived.map( ( params ) => params._eid ).sort() ).toEqual(
		all.map( ( row ) => row.eid ).sort()
	);
	for ( const row of all ) {
		expect(
			arrived.find( ( params ) => params._eid === row.eid )?._en
		).toBe( row.event );
	}

	const afterRecovery = await merchantView( page );
	for ( const { eid } of all ) {
		expect( afterRecovery.get( eid )?.state ).toBe( 'delivered' );
	}

	// Another run sends nothing again.
	await runDelivery( request, true );
	expect( ( await destination.stats() ).total ).toBe( 7 );
} );
