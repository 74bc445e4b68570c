/**
 * What the merchant-controls specs share: the settings section, the transparency view, and a
 * shopper's browser that is not the admin's.
 */
import type { Browser, Page } from '@playwright/test';
import { baseUrl } from './stack';

export const settingsSection =
	'/wp-admin/admin.php?page=wc-settings&tab=advanced&section=utw';
export const recentEventsView = '/wp-admin/admin.php?page=utw-recent-events';

/**
 * Turns the plugin's main switch on or off in WooCommerce > Settings > Advanced > Usage tracking,
 * as a merchant does, and waits for WooCommerce to confirm the save.
 *
 * @param page Logged-in admin page.
 * @param on   Whether the switch should end up on.
 */
export async function setTrackingSwitch(
	page: Page,
	on: boolean
): Promise< void > {
	await page.goto( settingsSection );
	await page
		.getByLabel( 'Send usage events from this store' )
		.setChecked( on );
	await page.getByRole( 'button', { name: 'Save changes' } ).click();
	await page.getByText( 'Your settings have been saved.' ).waitFor();
}

/**
 * A shopper in a browser context of their own views the Blue Hoodie, then leaves for the cart so
 * the page's events are flushed.
 *
 * @param browser Playwright's browser.
 * @return Whether the product page carried the storefront config.
 */
export async function shopperViewsBlueHoodie(
	browser: Browser
): Promise< boolean > {
	const context = await browser.newContext( { baseURL: baseUrl } );
	const shopper = await context.newPage();
	await shopper.goto( '/product/blue-hoodie/' );
	const tracked = ( await shopper.content() ).includes( 'utwConfig' );
	await shopper.goto( '/cart/' );
	await shopper.goto( 'about:blank' );
	await context.close();
	return tracked;
}
