/**
 * The Events view of WooCommerce > Usage Tracking with a full event log: a thousand events
 * stay one screen wide and one page long, and paging and filters go through the whole log.
 */
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { logInAsAdmin, resetStack } from '../support/stack';
import {
	logEvents,
	oldEventsPage,
	recentEventsView,
} from '../support/merchant';
import {
	readyForScreenshots,
	screenshotPath,
	takingScreenshots,
} from '../support/setup-guide';

test.beforeEach( async ( { request } ) => {
	resetStack( 'woocommerce' );
	await readyForScreenshots( request );
} );

/**
 * How the page measures: its scroll height, and by how much it scrolls sideways.
 *
 * @param page The page.
 */
async function measure( page: Page ) {
	// WooCommerce admin's header and notices arrive after the view: measure the page they make.
	await expect(
		page.locator( '.woocommerce-layout__header' ).first()
	).toBeVisible();
	await page.waitForLoadState( 'networkidle' );
	return page.evaluate( () => ( {
		height: document.documentElement.scrollHeight,
		overflowX:
			document.documentElement.scrollWidth -
			document.documentElement.clientWidth,
	} ) );
}

const rows = ( page: Page ) => page.locator( '#utw-recent-events tbody tr' );

test( 'with 1,000 logged events the Events view does not scroll sideways, its height does not grow with the log, and paging and filters cover the whole log', async ( {
	page,
} ) => {
	await logInAsAdmin( page );
	await page.setViewportSize( { width: 1280, height: 900 } );
	// 28 and then 972 more: both whole cycles of logEvents()'s four kinds, so the 25 rows on show
	// are the same kinds in the same order either way, and each state is a quarter of the log.
	logEvents( 28 );
	await page.goto( recentEventsView );
	await expect( rows( page ) ).toHaveCount( 25 );
	const twoPages = await measure( page );

	logEvents( 972 );
	await page.goto( recentEventsView );
	await expect( rows( page ) ).toHaveCount( 25 );
	await expect( page.getByText( '1000 events' ) ).toBeVisible();
	await expect( page.getByText( 'Page 1 of 40' ) ).toBeVisible();
	const full = await measure( page );
	test.info().annotations.push( {
		type: 'page height',
		description: `${ full.height } px with 1,000 events, ${ twoPages.height } px with 28`,
	} );
	expect( full.overflowX ).toBeLessThanOrEqual( 0 );
	// As long with a thousand events as with two pages of them, and one page of compact rows.
	expect( Math.abs( full.height - twoPages.height ) ).toBeLessThanOrEqual(
		8
	);
	expect( full.height ).toBeLessThan( 2400 );

	// Newest first, with a plain-language title and the state; the reason in words.
	const newest = rows( page ).first();
	await expect( newest ).toHaveAttribute(
		'data-event',
		'wcadmin_utw_test_event'
	);
	await expect( newest ).toContainText(
		'The merchant pressed "Send a test event"'
	);
	await expect( newest ).toContainText( 'Retrying' );
	await expect( newest ).toContainText(
		'Delivery attempt 2 failed (network error). It will be tried again'
	);
	// Details open in place, still without sideways scrolling.
	await newest.getByRole( 'button', { name: 'Details' } ).click();
	await expect( newest.locator( '.utw-events__details' ) ).toBeVisible();
	await expect( newest.locator( '.utw-reason' ) ).toHaveText(
		'attempt 2 failed: network error'
	);
	await expect( newest ).toContainText( 'product_name' );
	expect( ( await measure( page ) ).overflowX ).toBeLessThanOrEqual( 0 );
	if ( takingScreenshots ) {
		await page.waitForLoadState( 'networkidle' );
		await page.screenshot( { path: screenshotPath( 'events' ) } );
	}

	// Paging asks the server for the next 25.
	const firstEid = await newest.getAttribute( 'data-eid' );
	await page.getByRole( 'button', { name: 'Next page' } ).click();
	await expect( page.getByText( 'Page 2 of 40' ) ).toBeVisible();
	await expect( rows( page ) ).toHaveCount( 25 );
	await expect( rows( page ).first() ).not.toHaveAttribute(
		'data-eid',
		firstEid ?? ''
	);

	// Filters: by state, then by kind, over the whole log.
	await page.getByLabel( 'State' ).selectOption( 'dropped' );
	await expect( page.getByText( 'Page 1 of 10' ) ).toBeVisible();
	await expect( page.getByText( '250 events' ) ).toBeVisible();
	for ( const state of await rows( page ).evaluateAll( ( trs ) =>
		trs.map( ( tr ) => tr.getAttribute( 'data-state' ) )
	) ) {
		expect( state ).toBe( 'dropped' );
	}
	await expect( rows( page ).first() ).toContainText(
		'The store is not connected to its analytics account'
	);
	await page.getByLabel( 'State' ).selectOption( 'all' );
	await page.getByLabel( 'Kind' ).selectOption( 'admin' );
	await expect( page.getByText( '500 events' ) ).toBeVisible();
	const events = await rows( page ).evaluateAll( ( trs ) =>
		trs.map( ( tr ) => tr.getAttribute( 'data-event' ) ?? '' )
	);
	expect( events ).toHaveLength( 25 );
	expect( events.every( ( e ) => e.startsWith( 'wcadmin_utw_' ) ) ).toBe(
		true
	);
} );

test( "the event log's old address opens the Events view with its state filter", async ( {
	page,
} ) => {
	await logInAsAdmin( page );
	logEvents( 12 );
	await page.goto( `${ oldEventsPage }&state=failed` );
	await expect( page ).toHaveURL(
		/page=utw-setup-guide&view=events&state=failed$/
	);
	await expect( page.getByRole( 'tab', { name: 'Events' } ) ).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await expect( rows( page ) ).toHaveCount( 3 );
	await expect( page.getByLabel( 'State' ) ).toHaveValue( 'failed' );
} );
