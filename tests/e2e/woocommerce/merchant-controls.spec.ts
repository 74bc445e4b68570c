/**
 * The merchant's controls in a real WooCommerce admin: the switch in Settings > Advanced, the
 * Plugins row's Settings link, and the Events view of WooCommerce > Usage Tracking.
 */
import { test, expect } from '@playwright/test';
import {
	type CollectedEvent,
	collected,
	countTrackingRequests,
	logInAsAdmin,
	resetStack,
	setStoreState,
} from '../support/stack';
import {
	collectedOnceArrived,
	recentEventsView,
	setTrackingSwitch,
	settingsSection,
	shopperViewsBlueHoodie,
} from '../support/merchant';

test.beforeEach( () => resetStack( 'woocommerce' ) );

/**
 * The plugin's own events among what the collector received (WooCommerce's admin pages send
 * their own `wcadmin_…` events there too).
 *
 * @param events Collected events.
 */
const pluginEvents = ( events: CollectedEvent[] ) =>
	events.filter( ( e ) => /^(wcadmin_)?utw_/.test( e.event ) );

test( 'the settings section says nothing is sent while WooCommerce tracking is off, and links to it', async ( {
	page,
	request,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'no' } );
	await logInAsAdmin( page );
	await page.goto( settingsSection );

	await expect(
		page.getByText( 'WooCommerce usage tracking is off' ).first()
	).toBeVisible();
	await expect(
		page.getByText( 'nothing is sent while it is off' )
	).toBeVisible();
	await expect(
		page.getByRole( 'link', { name: 'WooCommerce.com settings' } )
	).toHaveAttribute( 'href', /section=woocommerce_com/ );
	await expect(
		page.getByLabel( 'Send usage events from this store' )
	).toBeChecked();
} );

test( 'switching tracking off in Settings > Advanced stops the storefront on the next page load, and switching it on starts it again', async ( {
	page,
	browser,
	request,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );
	await logInAsAdmin( page );

	await setTrackingSwitch( page, false );
	const whileOff = countTrackingRequests();
	expect( await shopperViewsBlueHoodie( browser ) ).toBe( false );
	expect( whileOff.endpoint() ).toBe( 0 );
	expect( pluginEvents( await collected( request ) ) ).toEqual( [] );

	await setTrackingSwitch( page, true );
	const whileOn = countTrackingRequests();
	expect( await shopperViewsBlueHoodie( browser ) ).toBe( true );
	const events = await collectedOnceArrived( request, 'utw_product_view' );
	expect(
		events.filter( ( e ) => e.event === 'utw_product_view' )
	).toHaveLength( 1 );
	expect( whileOn.endpoint() ).toBeGreaterThanOrEqual( 1 );
	// Only the change that left tracking on could be sent.
	expect(
		events
			.filter( ( e ) => e.event === 'wcadmin_utw_tracking_switch_change' )
			.map( ( e ) => e.params )
	).toEqual( [
		expect.objectContaining( {
			switch: 'plugin',
			old_value: '0',
			new_value: '1',
		} ),
	] );
} );

test( 'the Plugins row links to the Settings view, and the Advanced section to the screen', async ( {
	page,
} ) => {
	await logInAsAdmin( page );
	await page.goto( '/wp-admin/plugins.php' );
	await page
		.locator( 'tr[data-slug="usage-tracking-for-woocommerce"]' )
		.getByRole( 'link', { name: 'Settings', exact: true } )
		.click();
	await expect( page ).toHaveURL( /page=utw-setup-guide&view=settings$/ );
	await expect(
		page.getByRole( 'tab', { name: 'Settings' } )
	).toHaveAttribute( 'aria-selected', 'true' );
	await page.goto( settingsSection );
	await expect(
		page.getByRole( 'link', { name: 'WooCommerce > Usage Tracking' } )
	).toHaveAttribute( 'href', /page=utw-setup-guide&view=settings$/ );
} );

test( 'the Events view shows the product view a shopper just caused, and a dropped test event with its reason', async ( {
	page,
	browser,
	request,
} ) => {
	await setStoreState( request, {
		woocommerce_allow_tracking: 'yes',
		utw_admin_enabled: 'no',
	} );
	await shopperViewsBlueHoodie( browser );
	await collectedOnceArrived( request, 'utw_product_view' );

	await logInAsAdmin( page );
	await page.goto( settingsSection );
	await page.getByRole( 'link', { name: 'See every event' } ).click();
	const productView = page.locator(
		'#utw-recent-events tr[data-event="utw_product_view"][data-state="delivered"]'
	);
	await expect( productView ).toHaveCount( 1 );
	await expect( productView ).toContainText( 'Blue Hoodie' );
	await expect( productView ).toContainText( 'Clothing/Hoodies' );

	await page.getByRole( 'button', { name: 'Send a test event' } ).click();
	await expect(
		page.locator( '.utw-events__test-notice' ).first()
	).toContainText( 'The test event was dropped.' );
	const dropped = page.locator( '#utw-recent-events tbody tr' ).first();
	await expect( dropped ).toHaveAttribute( 'data-event', 'utw_test_event' );
	await expect( dropped ).toHaveAttribute( 'data-state', 'dropped' );
	await expect( dropped ).toContainText( 'gate closed: family_switch' );
	await expect( dropped ).toContainText(
		'The switch for this kind of event (storefront or admin) is off.'
	);
	await page.getByRole( 'tab', { name: 'Settings' } ).click();
	await expect(
		page.locator( '#utw-gate-state [data-family="settings"]' )
	).toContainText( 'not sent. The switch for this kind of event' );
} );

test( 'a test event sent from the Events view is queued, delivered in the background, and listed with each state', async ( {
	page,
	request,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );
	await logInAsAdmin( page );
	await page.goto( recentEventsView );

	await page.getByRole( 'button', { name: 'Send a test event' } ).click();

	await expect(
		page.locator( '.utw-events__test-notice' ).first()
	).toContainText( 'The test event is queued for delivery.' );
	const newest = page.locator( '#utw-recent-events tbody tr' ).first();
	await expect( newest ).toHaveAttribute(
		'data-event',
		'wcadmin_utw_test_event'
	);
	await expect( newest ).toHaveAttribute( 'data-state', 'queued' );
	const eid = await newest.getAttribute( 'data-eid' );
	expect( eid ).toMatch( /^[A-Za-z0-9_-]{22}$/ );

	const arrived = (
		await collectedOnceArrived( request, 'wcadmin_utw_test_event' )
	).filter( ( e ) => e.event === 'wcadmin_utw_test_event' );
	expect( arrived.map( ( e ) => e.params._eid ) ).toEqual( [ eid ] );
	await page.reload();
	await expect(
		page.locator( `#utw-recent-events tr[data-eid="${ eid }"]` )
	).toHaveAttribute( 'data-state', 'delivered' );
} );
