/**
 * The merchant's controls in a real WooCommerce admin: the switch in Settings > Advanced, and
 * the transparency view of what was sent and dropped.
 */
import { test, expect } from '@playwright/test';
import {
	type CollectedEvent,
	collected,
	countTrackingRequests,
	logInAsAdmin,
	resetStack,
	setStoreState,
	waitForCollected,
} from '../support/stack';
import {
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
		page.getByText( 'WooCommerce usage tracking is off' )
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
	const events = await waitForCollected( request, 2 );
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

test( 'the transparency view shows the product view a shopper just caused, and a dropped test event with its reason', async ( {
	page,
	browser,
	request,
} ) => {
	await setStoreState( request, {
		woocommerce_allow_tracking: 'yes',
		utw_admin_enabled: 'no',
	} );
	await shopperViewsBlueHoodie( browser );
	await waitForCollected( request, 1 );

	await logInAsAdmin( page );
	await page.goto( settingsSection );
	await page
		.getByRole( 'link', { name: 'See the most recent events' } )
		.click();
	const productView = page.locator(
		'#utw-recent-events tr[data-event="utw_product_view"][data-state="delivered"]'
	);
	await expect( productView ).toHaveCount( 1 );
	await expect( productView ).toContainText( 'Blue Hoodie' );
	await expect( productView ).toContainText( 'Clothing/Hoodies' );

	await page.getByRole( 'button', { name: 'Send a test event' } ).click();
	await expect( page ).toHaveURL( /test_event=dropped/ );
	const dropped = page.locator( '#utw-recent-events tbody tr' ).first();
	await expect( dropped ).toHaveAttribute( 'data-event', 'utw_test_event' );
	await expect( dropped ).toHaveAttribute( 'data-state', 'dropped' );
	await expect( dropped ).toContainText( 'gate closed: family_switch' );
	await expect( dropped ).toContainText(
		'The switch of this event family (storefront or admin) is off.'
	);
	await expect(
		page.locator( '#utw-gate-state [data-family="admin"]' )
	).toContainText( 'not sent' );
} );

test( 'a test event sent from the transparency view is queued, delivered in the background, and listed with each state', async ( {
	page,
	request,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );
	await logInAsAdmin( page );
	await page.goto( recentEventsView );

	await page.getByRole( 'button', { name: 'Send a test event' } ).click();

	await expect( page.locator( '#utw-test-event-notice' ) ).toContainText(
		'The test event is queued for delivery.'
	);
	const newest = page.locator( '#utw-recent-events tbody tr' ).first();
	await expect( newest ).toHaveAttribute(
		'data-event',
		'wcadmin_utw_test_event'
	);
	await expect( newest ).toHaveAttribute( 'data-state', 'queued' );
	const eid = await newest.getAttribute( 'data-eid' );
	expect( eid ).toMatch( /^[A-Za-z0-9_-]{22}$/ );

	const arrived = ( await waitForCollected( request, 1 ) ).filter(
		( e ) => e.event === 'wcadmin_utw_test_event'
	);
	expect( arrived.map( ( e ) => e.params._eid ) ).toEqual( [ eid ] );
	await page.reload();
	await expect(
		page.locator( `#utw-recent-events tr[data-eid="${ eid }"]` )
	).toHaveAttribute( 'data-state', 'delivered' );
} );
