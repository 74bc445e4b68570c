/**
 * What delivery specs need beside the stack's own helpers: a destination of the test's own
 * (a second collector on a port of its own, which can go down and come back on the same port),
 * and reads of the outbox and the circuit breaker that do not run delivery themselves.
 */
import { spawn, execFileSync } from 'child_process';
import type { ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { expect } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { baseUrl, setStoreState } from './stack';

const root = join( __dirname, '../../..' );

/** What the collector counts by event id (GET /events/stats). */
export interface EventStats {
	total: number;
	unique_eids: number;
	duplicates: number;
	without_eid: number;
	unreadable_lines: number;
	duplicate_eids: Record< string, number >;
}

/** One outbox row, as the delivery job sees it. */
export interface OutboxRow {
	eid: string;
	event: string;
	state: string;
	attempts: number;
	reason: string;
	destination: string;
}

/**
 * A port on 127.0.0.1 that nothing listens on: connections to it are refused.
 */
export async function closedPort(): Promise< number > {
	return new Promise( ( resolve, reject ) => {
		const server = createServer();
		server.once( 'error', reject );
		server.listen( 0, '127.0.0.1', () => {
			const address = server.address();
			const port =
				typeof address === 'object' && address ? address.port : 0;
			server.close( () => resolve( port ) );
		} );
	} );
}

/**
 * A Tracks pixel destination of the test's own: the local collector on a fixed port, with a data
 * folder of its own, so it can be stopped (connections refused) and started again on the same port
 * with the events it received so far.
 */
export class Destination {
	private process: ChildProcess | null = null;
	private readonly dataDir = mkdtempSync(
		join( tmpdir(), 'utw-destination-' )
	);

	readonly port: number;

	/**
	 * @param port Port on 127.0.0.1.
	 */
	constructor( port: number ) {
		this.port = port;
	}

	/** The pixel URL events are sent to. */
	get url(): string {
		return `http://127.0.0.1:${ this.port }/t.gif`;
	}

	/** Starts the collector and waits until it answers. */
	async start(): Promise< void > {
		this.process = spawn(
			process.execPath,
			[
				join( root, 'tests/support/collector/server.mjs' ),
				'--port',
				String( this.port ),
				'--host',
				'127.0.0.1',
				'--data',
				this.dataDir,
			],
			{ stdio: 'ignore' }
		);
		await expect
			.poll(
				async () =>
					fetch( `http://127.0.0.1:${ this.port }/health` )
						.then( ( r ) => r.ok )
						.catch( () => false ),
				{ timeout: 10_000 }
			)
			.toBe( true );
	}

	/** Stops the collector: from then on, connections to its port are refused. */
	async stop(): Promise< void > {
		const running = this.process;
		this.process = null;
		if ( ! running || running.exitCode !== null ) {
			return;
		}
		await new Promise( ( resolve ) => {
			running.once( 'exit', resolve );
			running.kill( 'SIGTERM' );
		} );
	}

	/** Stops it and removes its data. */
	async dispose(): Promise< void > {
		await this.stop();
		rmSync( this.dataDir, { recursive: true, force: true } );
	}

	/** What it received, counted by event id. */
	async stats(): Promise< EventStats > {
		return (
			await fetch( `http://127.0.0.1:${ this.port }/events/stats` )
		).json();
	}

	/** Every event it received, oldest first. */
	async events(): Promise<
		Array< { event: string; params: Record< string, string > } >
	> {
		return (
			await fetch( `http://127.0.0.1:${ this.port }/events` )
		).json();
	}
}

/**
 * Queues every event the store accepts from now on for this destination ('' restores the
 * stack's own collector).
 *
 * @param request Playwright's request context.
 * @param url     A loopback pixel URL, or ''.
 */
export async function pointNewEventsAt(
	request: APIRequestContext,
	url: string
): Promise< void > {
	const response = await request.get(
		`${ baseUrl }/?utw_test=destination&url=${ encodeURIComponent( url ) }`
	);
	expect( response.ok() ).toBe( true );
}

/**
 * Lets Action Scheduler claim actions by group, as on any store that has run for a while: a
 * fresh store still runs its hybrid data store until WooCommerce's migration job (a WP-Cron
 * action, and the stack has no WP-Cron) marks the migration complete, and the hybrid store throws
 * "The group "utw" does not exist" when the test queue runner claims the `utw` group.
 *
 * @param request Playwright's request context.
 */
export async function completeActionSchedulerMigration(
	request: APIRequestContext
): Promise< void > {
	await setStoreState( request, {
		action_scheduler_migration_status: 'complete',
	} );
}

/**
 * The outbox's rows, oldest first, read from the database (so reading never runs delivery).
 *
 * @param where SQL condition.
 */
export function outboxRows( where = '1=1' ): OutboxRow[] {
	const output = execFileSync(
		'mariadb',
		[
			'--no-defaults',
			'-uroot',
			`--socket=${ process.env.UTW_DB_SOCKET ?? '' }`,
			'--batch',
			'--skip-column-names',
			'--raw',
			process.env.UTW_DB_NAME ?? 'wordpress',
			'-e',
			`SELECT eid, event, state, attempts, IFNULL(reason, ''), destination FROM wp_utw_events WHERE ${ where } ORDER BY id`,
		],
		{ encoding: 'utf8' }
	);
	return output
		.split( '\n' )
		.filter( ( line ) => line !== '' )
		.map( ( line ) => {
			const [ eid, event, state, attempts, reason, destination ] =
				line.split( '\t' );
			return {
				eid,
				event,
				state,
				attempts: Number( attempts ),
				reason,
				destination,
			};
		} );
}

/**
 * The circuit breaker's state of a destination: consecutive failed runs, and until when it is
 * open (Unix time), or undefined when it is closed.
 *
 * @param request     Playwright's request context.
 * @param destination Destination URL.
 */
export async function breakerOf(
	request: APIRequestContext,
	destination: string
): Promise< { failures: number; open_until: number } | undefined > {
	const all = (
		await (
			await request.get(
				`${ baseUrl }/wp-json/utw-stack/v1/state?names=utw_delivery_breaker`
			)
		).json()
	).utw_delivery_breaker;
	return all?.[ createHash( 'md5' ).update( destination ).digest( 'hex' ) ];
}
