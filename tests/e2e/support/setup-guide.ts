/**
 * What the setup guide's browser tests need: the local analytics service's modes and the page.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { collectorUrl, setStoreState } from './stack';

export type ServiceMode =
	| 'personal'
	| 'business'
	| 'no-business-accounts'
	| 'bad-credentials'
	| 'down';

/**
 * Resets the local service (no connections) and sets how it behaves.
 *
 * @param request Playwright's request context.
 * @param mode    How the service answers.
 */
export async function resetService(
	request: APIRequestContext,
	mode: ServiceMode = 'personal'
): Promise< void > {
	await request.post( `${ collectorUrl }/service/_control`, {
		data: { reset: true, mode },
	} );
}

/**
 * Changes how the local service answers, keeping its connections.
 *
 * @param request Playwright's request context.
 * @param mode    How the service answers.
 */
export async function setServiceMode(
	request: APIRequestContext,
	mode: ServiceMode
): Promise< void > {
	await request.post( `${ collectorUrl }/service/_control`, {
		data: { mode },
	} );
}

/** Whether this run retakes the screen's pictures in docs/ (`npm run docs:screenshots`). */
export const takingScreenshots = process.env.UTW_SCREENSHOTS === '1';

/**
 * Before the pictures of a run that retakes them: WooCommerce's "steps left to get your store up
 * and running" bar is hidden, so the pictures show the screen and not the store's onboarding.
 *
 * @param request Playwright's request context.
 */
export async function readyForScreenshots(
	request: APIRequestContext
): Promise< void > {
	if ( takingScreenshots ) {
		await setStoreState( request, {
			woocommerce_task_list_reminder_bar_hidden: 'yes',
		} );
	}
}

/** WooCommerce > Usage Tracking, the plugin's one screen. */
export const usageTrackingScreen = '/wp-admin/admin.php?page=utw-setup-guide';

/**
 * Where `npm run docs:screenshots` keeps a picture of the screen: one set per WordPress version
 * of the matrix (`docs/usage-tracking-<name>-wp6.8.png`), so both can be shown.
 *
 * @param name What the picture shows (`setup`, `settings`, `events`, `account-card`).
 * @return Path from the repository's root.
 */
export function screenshotPath( name: string ): string {
	const version = ( process.env.UTW_WORDPRESS_VERSION ?? '' )
		.split( '.' )
		.slice( 0, 2 )
		.join( '.' );
	return `docs/usage-tracking-${ name }-wp${ version || 'unknown' }.png`;
}

/**
 * Opens a view of WooCommerce > Usage Tracking and answers documentation links, which point to
 * the internet, with a stand-in page.
 *
 * @param page Playwright page, logged in.
 * @param view `setup` (the guide), `settings` or `events`.
 */
export async function openSetupGuide(
	page: Page,
	view: 'setup' | 'settings' | 'events' = 'setup'
): Promise< void > {
	await page
		.context()
		.route( /woocommerce\.com\/(document|usage-tracking)/, ( route ) =>
			route.fulfill( { contentType: 'text/html', body: 'docs' } )
		);
	await page.goto(
		`${ usageTrackingScreen }${ view === 'setup' ? '' : `&view=${ view }` }`
	);
}
