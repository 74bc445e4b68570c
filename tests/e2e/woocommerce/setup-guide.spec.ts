/**
 * A merchant walks the setup guide against the local analytics service, and the collector
 * receives each seed-002 event once, in order, as the plugin's pipeline delivers it to
 * WooCommerce's Tracks (`wcadmin_…`): batched in the browser, sent by beacon when the page is
 * left, queued in the outbox and delivered in the background; the Events view lists each one.
 */
import { test, expect } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import {
	collected,
	countTrackingRequests,
	logInAsAdmin,
	resetStack,
	setStoreState,
} from '../support/stack';
import type { CollectedEvent } from '../support/stack';
import {
	openSetupGuide,
	readyForScreenshots,
	resetService,
	screenshotPath,
	setServiceMode,
	takingScreenshots,
} from '../support/setup-guide';

// A walk through four steps against a real store takes a while.
test.describe.configure( { timeout: 150_000 } );

test.beforeEach( async ( { page, request } ) => {
	resetStack( 'woocommerce' );
	await resetService( request );
	await readyForScreenshots( request );
	await logInAsAdmin( page );
} );

/**
 * Clicks a link that opens in a new tab and closes that tab.
 * @param page
 * @param name
 */
async function clickNewTabLink( page: Page, name: string | RegExp ) {
	const [ popup ] = await Promise.all( [
		page.waitForEvent( 'popup' ),
		page.getByRole( 'link', { name } ).click(),
	] );
	await popup.close();
}

type Expected = [ string, Record< string, string >? ];

/**
 * The whole walk, each action checked on the page. The guide's events stay in the page's batch
 * until the page is left (see leaveThePage()).
 *
 * @param page        Playwright page.
 * @param screenshots Whether to refresh the README's screenshots in docs/ on the way.
 */
async function walkTheGuide( page: Page, screenshots = false ) {
	await openSetupGuide( page );
	await expect(
		page
			.locator( '.woocommerce-layout__header' )
			.getByRole( 'heading', { name: 'Usage Tracking', exact: true } )
	).toBeVisible();
	await expect(
		page.getByRole( 'tab', { name: 'Setup', exact: true } )
	).toHaveAttribute( 'aria-selected', 'true' );

	if ( screenshots ) {
		// WooCommerce admin's header loads after the guide: wait for it, so screenshots are stable.
		await page.waitForLoadState( 'networkidle' );
		// Tall enough for the whole guide: a full-page capture draws WordPress's footer across it.
		await page.setViewportSize( { width: 1280, height: 960 } );
		await page.screenshot( {
			path: screenshotPath( 'setup' ),
		} );
	}
	const faq = page.getByRole( 'button', { name: 'What is tracked?' } );
	await faq.click();
	await expect( faq ).toHaveAttribute( 'aria-expanded', 'true' );
	await faq.click();
	await clickNewTabLink( page, /terms of service/ );
	await page.getByRole( 'button', { name: 'Get started' } ).click();

	await clickNewTabLink( page, 'Create a new account' );
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
	await expect(
		page.locator( '#utw-setup-guide' ).getByText( 'Sam Rivera' )
	).toBeVisible();
	await clickNewTabLink( page, /Convert your personal account/ );
	await clickNewTabLink( page, 'Create business account' );
	await page
		.getByLabel( 'Business account to send events to' )
		.selectOption( 'ba-200' );
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
	await expect(
		page
			.locator( '#utw-setup-guide' )
			.getByText( 'Business account: Demo Store Wholesale' )
	).toBeVisible();
	if ( screenshots ) {
		await page
			.locator( '.utw-setup-guide__account-card' )
			.screenshot( { path: screenshotPath( 'account-card' ) } );
	}

	await page
		.getByRole( 'button', { name: 'Continue: Claim your website' } )
		.click();
	await clickNewTabLink( page, /How claiming works/ );
	await page.getByRole( 'button', { name: 'Claim website' } ).click();
	await expect(
		page
			.locator( '#utw-setup-guide' )
			.getByText( 'Your website is claimed.' )
	).toBeVisible();

	await page
		.getByRole( 'button', { name: 'Continue: Set up tracking' } )
		.click();
	await clickNewTabLink( page, /How tracking works/ );
	await page.getByRole( 'button', { name: 'Finish setup' } ).click();
	await expect(
		page.locator( '#utw-setup-guide' ).getByText( 'Setup is complete.' )
	).toBeVisible();

	await page
		.getByRole( 'button', { name: /2\. Connect your account/ } )
		.click();
	await page.getByRole( 'button', { name: 'Disconnect' } ).click();
	const modal = page.getByRole( 'dialog', {
		name: 'Disconnect your account?',
	} );
	await expect( modal ).toBeVisible();
	await page.keyboard.press( 'Escape' );
	await expect( modal ).toBeHidden();
	await page.getByRole( 'button', { name: 'Disconnect' } ).click();
	await modal.getByRole( 'button', { name: 'Yes, disconnect' } ).click();
	await expect(
		page.getByRole( 'button', { name: 'Connect', exact: true } )
	).toBeVisible();
}

const DOCS = 'https://woocommerce.com/document/usage-tracking-for-woocommerce/';
const MODAL = { context: 'account-disconnection' };
const expected: Expected[] = [
	[ 'get_started_faq', { action: 'expand', question_id: 'what-is-tracked' } ],
	[
		'get_started_faq',
		{ action: 'collapse', question_id: 'what-is-tracked' },
	],
	[
		'documentation_link_click',
		{
			link_id: 'terms-of-service',
			context: 'welcome-section',
			href: `${ DOCS }#terms-of-service`,
		},
	],
	[ 'setup_step_complete', { step: 'getting-started' } ],
	[ 'account_create_button_click' ],
	[ 'account_connect_button_click' ],
	[ 'account_convert_button_click' ],
	[ 'business_account_create_button_click' ],
	[ 'business_account_connect_button_click' ],
	[ 'setup_step_complete', { step: 'account' } ],
	[
		'documentation_link_click',
		{
			link_id: 'claim-website',
			context: 'claim-website',
			href: `${ DOCS }#claim-your-website`,
		},
	],
	[ 'setup_step_complete', { step: 'claim-website' } ],
	[
		'documentation_link_click',
		{
			link_id: 'install-tag',
			context: 'wizard',
			href: `${ DOCS }#how-tracking-works`,
		},
	],
	[ 'setup_step_complete', { step: 'tracking' } ],
	[ 'account_disconnect_button_click' ],
	[ 'modal_open', MODAL ],
	[ 'modal_closed', { ...MODAL, action: 'dismiss' } ],
	[ 'account_disconnect_button_click' ],
	[ 'modal_open', MODAL ],
	[ 'modal_closed', { ...MODAL, action: 'confirm' } ],
];

/**
 * The guide's events only: WooCommerce admin sends its own (`wcadmin_page_view`, …) too.
 *
 * @param events Everything the collector received.
 * @return The `wcadmin_utw_…` events, oldest first.
 */
function ours( events: CollectedEvent[] ): CollectedEvent[] {
	return events.filter( ( event ) =>
		event.event.startsWith( 'wcadmin_utw_' )
	);
}

/**
 * Name and the expected properties only, so events compare with what a test expects.
 *
 * @param event The received event.
 * @param props The properties the test expects.
 * @return `[ name, props ]`.
 */
function shape( event: CollectedEvent, props: Record< string, string > = {} ) {
	return [
		event.event,
		Object.fromEntries(
			Object.keys( props ).map( ( key ) => [ key, event.params[ key ] ] )
		),
	];
}

/**
 * Leaves the page, as a merchant closing the tab does: the guide's batch goes by beacon on
 * `pagehide`.
 *
 * @param page Playwright page.
 */
async function leaveThePage( page: Page ) {
	await page.goto( 'about:blank' );
}

/**
 * The guide's events the collector received once the store delivered them, waiting until at
 * least `count` arrived (the beacon lands a moment after the page is left), then reading once
 * more so a doubled event has its chance to show.
 *
 * @param request Playwright's request context.
 * @param count   How many events the test expects.
 * @return The `wcadmin_utw_…` events, oldest first.
 */
async function guideEventsReceived(
	request: APIRequestContext,
	count: number
): Promise< CollectedEvent[] > {
	await expect
		.poll( async () => ours( await collected( request ) ).length )
		.toBeGreaterThanOrEqual( count );
	await new Promise( ( resolve ) => setTimeout( resolve, 1000 ) );
	return ours( await collected( request ) );
}

test( 'each step of the guide sends its seed-002 event once, with its properties, in order, and the Events view lists each with its state', async ( {
	page,
	request,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );
	const requests = countTrackingRequests();
	// `npm run docs:screenshots` refreshes docs/usage-tracking-*-wp<version>.png from this walk.
	await walkTheGuide( page, takingScreenshots );
	// Nothing leaves while the merchant is on the page: one batch, when the page is left.
	expect( requests.endpoint() ).toBe( 0 );
	await leaveThePage( page );
	const events = await guideEventsReceived( request, expected.length );

	expect(
		events.map( ( event, i ) => shape( event, expected[ i ]?.[ 1 ] ) )
	).toEqual(
		expected.map( ( [ name, props = {} ] ) => [
			`wcadmin_utw_${ name }`,
			props,
		] )
	);
	// Common properties come along; nothing personal does.
	expect( events[ 0 ].params.plugin_version ).toBeTruthy();
	expect( JSON.stringify( events ) ).not.toContain( 'Sam Rivera' );

	// Every event that left is in the merchant's log, by its id, as delivered.
	await openSetupGuide( page, 'events' );
	await page.getByLabel( 'Kind' ).selectOption( 'admin' );
	const rows = page.locator( '#utw-recent-events tbody tr' );
	await expect( rows ).toHaveCount( expected.length );
	const listed = await rows.evaluateAll( ( trs ) =>
		trs.map( ( tr ) => [
			tr.getAttribute( 'data-eid' ),
			tr.getAttribute( 'data-event' ),
			tr.getAttribute( 'data-state' ),
		] )
	);
	const sent = events.map( ( event ) => [
		event.params._eid,
		event.event,
		'delivered',
	] );
	// The view is newest first; the collector oldest first.
	expect( listed.reverse() ).toEqual( sent );
	// The same from the route the view reads.
	const logged = await page.evaluate( async () => {
		const { events: found } = await (
			window as unknown as {
				wp: {
					apiFetch: ( options: { path: string } ) => Promise< {
						events: { eid: string; event: string; state: string }[];
					} >;
				};
			}
		 ).wp.apiFetch( {
			path: '/utw/v1/recent-events?family=admin&per_page=100',
		} );
		return found.map( ( e ) => [ e.eid, e.event, e.state ] );
	} );
	expect( logged.reverse() ).toEqual( sent );
} );

test( 'with WooCommerce usage tracking off, the same walk works and sends nothing', async ( {
	page,
	request,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'no' } );
	const requests = countTrackingRequests();
	await walkTheGuide( page );
	await leaveThePage( page );
	await page.waitForTimeout( 1000 );
	expect( ours( await collected( request ) ) ).toEqual( [] );
	expect( requests.endpoint() ).toBe( 0 );
} );

test( 'the guide says what to do when the service is down or rejects the credentials', async ( {
	page,
	request,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );
	await setServiceMode( request, 'down' );
	await openSetupGuide( page );
	await page
		.getByRole( 'button', { name: /2\. Connect your account/ } )
		.click();
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
	await expect(
		page
			.locator( '#utw-setup-guide' )
			.getByText( /The analytics service is unavailable right now/ )
	).toBeVisible();

	await setServiceMode( request, 'bad-credentials' );
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
	await expect(
		page
			.locator( '#utw-setup-guide' )
			.getByText( /rejected the store's credentials/ )
	).toBeVisible();

	await leaveThePage( page );
	const events = await guideEventsReceived( request, 4 );
	// Two Connect clicks, two failures, each once.
	expect( events.map( ( event ) => shape( event, { reason: '' } ) ) ).toEqual(
		[
			[ 'wcadmin_utw_account_connect_button_click', {} ],
			[
				'wcadmin_utw_account_connection_failed',
				{ reason: 'service_unavailable' },
			],
			[ 'wcadmin_utw_account_connect_button_click', {} ],
			[
				'wcadmin_utw_account_connection_failed',
				{ reason: 'bad_credentials' },
			],
		]
	);
} );

test( 'progress survives a reload, and an account without business accounts is told to create one', async ( {
	page,
	request,
} ) => {
	await resetService( request, 'no-business-accounts' );
	await openSetupGuide( page );
	await page.getByRole( 'button', { name: 'Get started' } ).click();
	await page.getByRole( 'button', { name: 'Connect', exact: true } ).click();
	await expect(
		page
			.locator( '#utw-setup-guide' )
			.getByText( /Your account has no business accounts yet/ )
	).toBeVisible();
	await page.reload();
	await expect(
		page.getByRole( 'button', { name: /2\. Connect your account/ } )
	).toHaveAttribute( 'aria-current', 'step' );
	await expect(
		page.getByRole( 'button', {
			name: /1\. Getting started \(completed\)/,
		} )
	).toBeVisible();
	await expect(
		page.locator( '#utw-setup-guide' ).getByText( 'Sam Rivera' )
	).toBeVisible();
} );

test( "the Settings view shows the switches and the gate's answer, and its links say so", async ( {
	page,
	request,
} ) => {
	// Not connected to an analytics account.
	await setStoreState( request, {
		woocommerce_allow_tracking: 'yes',
		utw_store_connection: null,
		utw_service_connection: null,
	} );
	await openSetupGuide( page, 'settings' );
	await expect(
		page.getByRole( 'tab', { name: 'Settings' } )
	).toHaveAttribute( 'aria-selected', 'true' );
	for ( const name of [
		'Send usage events from this store',
		/^Storefront events/,
		/^Admin events/,
	] ) {
		await expect( page.getByRole( 'checkbox', { name } ) ).toBeChecked();
	}
	// Not connected: storefront and settings events wait for the account, the guide's do not.
	const gate = page.locator( '#utw-gate-state' );
	await expect( gate.locator( '[data-family="storefront"]' ) ).toContainText(
		'not sent. The store is not connected to its analytics account'
	);
	await expect( gate.locator( '[data-family="settings"]' ) ).toContainText(
		'not sent.'
	);
	await expect( gate.locator( '[data-family="guide"]' ) ).toContainText(
		'Setup guide events: sent.'
	);
	await expect(
		gate.getByRole( 'link', { name: 'Open the Setup view' } ).first()
	).toHaveAttribute( 'href', /page=utw-setup-guide$/ );
	if ( takingScreenshots ) {
		await page.waitForLoadState( 'networkidle' );
		await page.setViewportSize( { width: 1280, height: 960 } );
		await page.screenshot( { path: screenshotPath( 'settings' ) } );
	}

	// A switch turned off here is the gate's answer at once.
	await page
		.getByRole( 'checkbox', { name: 'Send usage events from this store' } )
		.click();
	await expect( gate.locator( '[data-family="guide"]' ) ).toContainText(
		'not sent. The "Send usage events from this store" switch is off.'
	);
	await page.reload();
	await expect(
		page.getByRole( 'checkbox', {
			name: 'Send usage events from this store',
		} )
	).not.toBeChecked();
	await page
		.getByRole( 'checkbox', { name: 'Send usage events from this store' } )
		.click();
	await expect( gate.locator( '[data-family="guide"]' ) ).toContainText(
		'Setup guide events: sent.'
	);
	// The page's own events follow the gate's decision made when it loaded (off, here): the
	// switch counts from the next page load.
	await page.reload();
	await clickNewTabLink( page, /What is tracked, and what never is/ );
	await leaveThePage( page );
	const events = await guideEventsReceived( request, 1 );
	expect(
		events.map( ( event ) => shape( event, { link_id: '', context: '' } ) )
	).toEqual( [
		[
			'wcadmin_utw_documentation_link_click',
			{ link_id: 'data-terms', context: 'settings' },
		],
	] );
} );
