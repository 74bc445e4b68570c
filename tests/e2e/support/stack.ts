/**
 * What browser tests need from the local stack: resetting its database, arranging options, and
 * reading what the local collector received.
 */
import { execFileSync } from 'child_process';
import { readFileSync, existsSync, statSync } from 'fs';
import { join } from 'path';
import { expect } from '@playwright/test';
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';

export const baseUrl = process.env.UTW_BASE_URL ?? 'http://127.0.0.1:8891';
export const collectorUrl =
	process.env.UTW_COLLECTOR_URL ?? 'http://127.0.0.1:8892';
export const hasWooCommerce = process.env.UTW_HAS_WOOCOMMERCE === '1';
const root = join( __dirname, '../../..' );
const stackDir = join( root, '.stack', process.env.UTW_STACK ?? 'test' );

export interface CollectedEvent {
	event: string;
	params: Record< string, string >;
}

/**
 * Restores a database snapshot of the stack and empties the collector.
 *
 * @param snapshot `woocommerce` or `wordpress-only`.
 */
export function resetStack( snapshot: 'woocommerce' | 'wordpress-only' ): void {
	execFileSync(
		'bash',
		[ join( root, 'tests/support/stack/stack.sh' ), 'reset', snapshot ],
		{
			env: { ...process.env, UTW_STACK: process.env.UTW_STACK ?? 'test' },
			stdio: 'pipe',
		}
	);
}

/**
 * Sets options (null deletes) and optionally the theme, committed before the next page load.
 *
 * @param request Playwright's request context.
 * @param options Option name → value.
 * @param theme   Theme to switch to.
 */
export async function setStoreState(
	request: APIRequestContext,
	options: Record< string, unknown >,
	theme?: string
): Promise< void > {
	const response = await request.post(
		`${ baseUrl }/wp-json/utw-stack/v1/state`,
		{
			data: { options, theme },
		}
	);
	if ( ! response.ok() ) {
		throw new Error( `could not set store state: ${ response.status() }` );
	}
}

/**
 * Runs the plugin's background delivery at once (through Action Scheduler, as WP-Cron or a
 * worker would), so events the store accepted reach the collector now.
 *
 * @param request Playwright's request context.
 * @param advance Whether to move past every retry delay and breaker cool-down first.
 */
export async function runDelivery(
	request: APIRequestContext,
	advance = false
): Promise< { ran: number; counts: Record< string, number > } > {
	const response = await request.get(
		`${ baseUrl }/?utw_test=run-queue${ advance ? '&advance=1' : '' }`
	);
	expect( response.ok() ).toBe( true );
	return response.json();
}

/**
 * Every event the collector received, oldest first, after delivering what the store queued.
 *
 * @param request Playwright's request context.
 */
export async function collected(
	request: APIRequestContext
): Promise< CollectedEvent[] > {
	if ( hasWooCommerce ) {
		await runDelivery( request );
	}
	return ( await request.get( `${ collectorUrl }/events` ) ).json();
}

/**
 * Waits until the collector has received at least `count` events, and returns them all.
 *
 * @param request Playwright's request context.
 * @param count   How many events to wait for.
 */
export async function waitForCollected(
	request: APIRequestContext,
	count: number
): Promise< CollectedEvent[] > {
	const until = Date.now() + 10_000;
	let events = await collected( request );
	while ( events.length < count && Date.now() < until ) {
		await new Promise( ( resolve ) => setTimeout( resolve, 100 ) );
		events = await collected( request );
	}
	return events;
}

/** Length of the stack's debug.log, to find what a test added to it. */
export function debugLogSize(): number {
	const file = join( stackDir, 'debug.log' );
	return existsSync( file ) ? statSync( file ).size : 0;
}

/**
 * What was written to debug.log since a size measured earlier.
 *
 * @param since Size returned by debugLogSize().
 */
export function debugLogSince( since: number ): string {
	const file = join( stackDir, 'debug.log' );
	return existsSync( file )
		? readFileSync( file, 'utf8' ).slice( since )
		: '';
}

/**
 * Logs in to wp-admin as the stack's administrator.
 *
 * @param page Playwright page.
 */
export async function logInAsAdmin( page: Page ): Promise< void > {
	await page.goto( '/wp-login.php' );
	await page.fill( '#user_login', process.env.UTW_ADMIN_USER ?? 'admin' );
	await page.fill(
		'#user_pass',
		process.env.UTW_ADMIN_PASSWORD ?? 'password'
	);
	await Promise.all( [
		page.waitForURL( /wp-admin/ ),
		page.click( '#wp-submit' ),
	] );
}

/**
 * Counts the requests that reach the collection endpoint, from the stack's request log, which
 * sees beacons sent while a page unloads (Playwright cannot intercept those).
 */
export function countTrackingRequests(): {
	endpoint: () => number;
} {
	const log = join( stackDir, 'requests.log' );
	const read = () => ( existsSync( log ) ? readFileSync( log, 'utf8' ) : '' );
	const start = read().length;
	return {
		endpoint: () =>
			read()
				.slice( start )
				.split( '\n' )
				.filter( ( line ) => line.includes( '/utw/v1/collect' ) )
				.length,
	};
}

/**
 * The visitor id cookie the storefront bundle made.
 *
 * @param context The browser context.
 */
export async function visitorCookie(
	context: BrowserContext
): Promise< string | undefined > {
	return ( await context.cookies() ).find( ( c ) => c.name === 'utw_vid' )
		?.value;
}

/**
 * Checks that nothing reached the collection endpoint or the collector, and that no visitor id
 * cookie was written.
 *
 * @param request  Playwright's request context.
 * @param context  The browser context.
 * @param requests Counter started before the journey.
 */
export async function expectNothingSent(
	request: APIRequestContext,
	context: BrowserContext,
	requests: ReturnType< typeof countTrackingRequests >
): Promise< void > {
	expect( requests.endpoint() ).toBe( 0 );
	expect( await collected( request ) ).toEqual( [] );
	expect( await visitorCookie( context ) ).toBeUndefined();
}

/** Store states in which the gate is closed, with what closes it. */
export const CLOSED_GATES = [
	[ 'the store has not opted in', { woocommerce_allow_tracking: 'no' } ],
	[
		'the plugin is switched off',
		{ woocommerce_allow_tracking: 'yes', utw_enabled: 'no' },
	],
] as const;
