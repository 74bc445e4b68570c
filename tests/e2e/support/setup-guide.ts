/**
 * What the setup guide's browser tests need: the local analytics service's modes and the page.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { collectorUrl } from './stack';

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

/**
 * Opens the guide (or its settings view) and answers documentation links, which point to the
 * internet, with a stand-in page.
 *
 * @param page Playwright page, logged in.
 * @param view `guide` or `settings`.
 */
export async function openSetupGuide(
	page: Page,
	view: 'guide' | 'settings' = 'guide'
): Promise< void > {
	await page
		.context()
		.route( /woocommerce\.com\/(document|usage-tracking)/, ( route ) =>
			route.fulfill( { contentType: 'text/html', body: 'docs' } )
		);
	await page.goto(
		`/wp-admin/admin.php?page=utw-setup-guide${
			view === 'settings' ? '&view=settings' : ''
		}`
	);
}
