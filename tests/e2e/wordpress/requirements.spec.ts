/**
 * With WooCommerce inactive the plugin does nothing but say what it needs.
 */
import { test, expect } from '@playwright/test';
import {
	debugLogSince,
	debugLogSize,
	logInAsAdmin,
	resetStack,
} from '../support/stack';

test.describe( 'without WooCommerce', () => {
	test.beforeAll( () => resetStack( 'wordpress-only' ) );

	test( 'the plugin shows one notice naming what it needs, and logs nothing', async ( {
		page,
	} ) => {
		const logSize = debugLogSize();
		await logInAsAdmin( page );
		await page.goto( '/wp-admin/plugins.php' );

		const notice = page.locator( '.notice.utw-requirements' );
		await expect( notice ).toHaveCount( 1 );
		await expect( notice ).toContainText(
			'Usage Tracking for WooCommerce is not running: it needs WooCommerce 9.0 or newer, installed and active.'
		);
		await expect(
			page.locator( 'tr[data-slug="usage-tracking-for-woocommerce"]' )
		).toHaveClass( /\bactive\b/ );
		expect( debugLogSince( logSize ) ).toBe( '' );
	} );

	test( 'the storefront gets no tracking script and no cookie', async ( {
		page,
		context,
	} ) => {
		const logSize = debugLogSize();
		const response = await page.goto( '/' );
		expect( response?.status() ).toBe( 200 );
		const html = await page.content();

		expect( html ).not.toContain( 'utwConfig' );
		expect( html ).not.toContain(
			'usage-tracking-for-woocommerce/assets/build'
		);
		expect(
			( await context.cookies() ).map( ( c ) => c.name )
		).not.toContain( 'utw_vid' );
		expect( debugLogSince( logSize ) ).toBe( '' );
	} );

	test( 'WordPress refuses to activate it again until WooCommerce is active', async ( {
		page,
	} ) => {
		await logInAsAdmin( page );
		await page.goto( '/wp-admin/plugins.php' );
		const row = page.locator(
			'tr[data-slug="usage-tracking-for-woocommerce"]'
		);
		await row.locator( '.deactivate a' ).click();
		await expect( row ).toHaveClass( /\binactive\b/ );

		// "Requires Plugins: woocommerce": WordPress offers no working Activate link.
		await expect( row.locator( '.activate a' ) ).toHaveCount( 0 );
		await expect( row ).toContainText( 'WooCommerce' );
	} );
} );
