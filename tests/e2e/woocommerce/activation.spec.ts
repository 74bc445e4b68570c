/**
 * With WooCommerce active, the plugin activates cleanly and a shopper can use the store.
 */
import { test, expect } from '@playwright/test';
import {
	debugLogSince,
	debugLogSize,
	logInAsAdmin,
	resetStack,
} from '../support/stack';

test.beforeAll( () => resetStack( 'woocommerce' ) );

test( 'the merchant deactivates and re-activates the plugin without a warning in debug.log', async ( {
	page,
} ) => {
	const logSize = debugLogSize();
	await logInAsAdmin( page );
	await page.goto( '/wp-admin/plugins.php' );
	const row = page.locator(
		'tr[data-slug="usage-tracking-for-woocommerce"]'
	);
	await expect( row ).toHaveClass( /\bactive\b/ );

	await row.locator( '.deactivate a' ).click();
	await expect( row ).toHaveClass( /\binactive\b/ );
	await row.locator( '.activate a' ).click();
	await expect( row ).toHaveClass( /\bactive\b/ );

	await expect( page.locator( '.notice.utw-requirements' ) ).toHaveCount( 0 );
	expect( debugLogSince( logSize ) ).toBe( '' );
} );

test( 'a shopper opens a product page with the plugin active', async ( {
	page,
} ) => {
	const logSize = debugLogSize();
	const response = await page.goto( '/product/blue-hoodie/' );
	expect( response?.status() ).toBe( 200 );
	await expect(
		page.getByRole( 'heading', { name: 'Blue Hoodie', level: 1 } )
	).toBeVisible();
	expect( debugLogSince( logSize ) ).toBe( '' );
} );

test( 'WooCommerce knows the plugin is compatible with its order tables and Cart/Checkout blocks', async ( {
	page,
} ) => {
	await logInAsAdmin( page );
	await page.goto(
		'/wp-admin/admin.php?page=wc-settings&tab=advanced&section=features'
	);
	await expect( page.locator( '#mainform' ) ).toBeVisible();
	// WooCommerce names the active plugins that did not declare compatibility with a feature.
	await expect( page.locator( '#mainform' ) ).not.toContainText(
		'Usage Tracking for WooCommerce'
	);
	await page.goto(
		'/wp-admin/plugins.php?plugin_status=incompatible_with_feature&feature_id=custom_order_tables'
	);
	await expect(
		page.locator( 'tr[data-slug="usage-tracking-for-woocommerce"]' )
	).toHaveCount( 0 );
} );
