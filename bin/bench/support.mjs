/**
 * What every part of the bench shares: the `bench` stack, requests that the stack's probes time,
 * store state, the database, and statistics.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(
	dirname( fileURLToPath( import.meta.url ) ),
	'../..'
);
export const stack = 'bench';
export const stackDir = join( root, '.stack', stack );
export const PLUGIN = 'usage-tracking-for-woocommerce/plugin.php';
const stackScript = join( root, 'tests/support/stack/stack.sh' );

/**
 * Runs a stack.sh command on the bench's stack.
 *
 * @param {...string} args Command and arguments.
 * @return {string} Its output.
 */
export function stackCommand( ...args ) {
	return execFileSync( 'bash', [ stackScript, ...args ], {
		cwd: root,
		env: { ...process.env, UTW_STACK: stack, UTW_SKIP_ASSETS: '1' },
		encoding: 'utf8',
	} );
}

/** @return {Object} The stack's environment (`stack.sh env`). */
export function stackEnv() {
	return Object.fromEntries(
		[ ...stackCommand( 'env' ).matchAll( /^export (\w+)=(.*)$/gm ) ].map(
			( [ , k, v ] ) => [ k, v.replace( /^'|'$/g, '' ) ]
		)
	);
}

export function median( values ) {
	return percentile( values, 50 );
}

/**
 * A percentile by linear interpolation between the closest ranks.
 *
 * @param {number[]} values Samples.
 * @param {number}   p      0–100.
 * @return {number} The percentile, or NaN without samples.
 */
export function percentile( values, p ) {
	if ( ! values.length ) {
		return NaN;
	}
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const rank = ( p / 100 ) * ( sorted.length - 1 );
	const low = Math.floor( rank );
	const high = Math.ceil( rank );
	return sorted[ low ] + ( sorted[ high ] - sorted[ low ] ) * ( rank - low );
}

export const sleep = ( ms ) =>
	new Promise( ( resolve ) => setTimeout( resolve, ms ) );

/**
 * A request the stack's probes time (header `X-Utw-Bench: <label>`). Throws on an unexpected
 * status.
 *
 * @param {Object}   env      Stack environment.
 * @param {string}   label    Probe label.
 * @param {string}   path     Path on the store.
 * @param {Object}   init     fetch() options.
 * @param {number[]} expected Accepted statuses.
 * @return {Promise<Response>} The response, body read.
 */
export async function timed( env, label, path, init = {}, expected = [] ) {
	const response = await fetch( env.UTW_BASE_URL + path, {
		...init,
		headers: { ...( init.headers ?? {} ), 'X-Utw-Bench': label },
	} );
	response.body_text = await response.text();
	if ( ! response.ok && ! expected.includes( response.status ) ) {
		throw new Error(
			`${ label }: ${ path } answered ${
				response.status
			}: ${ response.body_text.slice( 0, 200 ) }`
		);
	}
	return response;
}

export async function setState( env, options ) {
	const response = await fetch(
		`${ env.UTW_BASE_URL }/wp-json/utw-stack/v1/state`,
		{
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( { options } ),
		}
	);
	if ( ! response.ok ) {
		throw new Error( `could not set options: ${ response.status }` );
	}
}

export async function getOptions( env, names ) {
	const response = await fetch(
		`${ env.UTW_BASE_URL }/wp-json/utw-stack/v1/state?names=${ names.join(
			','
		) }`
	);
	return response.json();
}

export async function activePlugins( env ) {
	return ( await getOptions( env, [ 'active_plugins' ] ) ).active_plugins;
}

/**
 * Runs labelled request kinds in alternating blocks; `before` switches the store to a side.
 *
 * @param {Array}  sides [ { label, before, request } ].
 * @param {number} count Samples per side.
 * @param {number} block Samples per block.
 */
export async function alternate( sides, count, block = 20 ) {
	for ( let done = 0, round = 0; done < count; done += block, round++ ) {
		// Each round starts with another side, so no side always follows the same one.
		const order = sides.map(
			( _, i ) => sides[ ( i + round ) % sides.length ]
		);
		for ( const side of order ) {
			await side.before?.();
			// One unmeasured request after a switch warms the opcode and object caches.
			await side.request( 'warmup' );
			for ( let i = 0; i < Math.min( block, count - done ); i++ ) {
				await side.request( side.label );
			}
		}
	}
}

/**
 * Lines of a probe log, by label.
 *
 * @param {string} file bench.log (the stack's probe) or bench-end.log (the bench's).
 * @return {Object} label → list of lines.
 */
export function readProbe( file ) {
	const path = join( stackDir, file );
	const by = {};
	if ( ! existsSync( path ) ) {
		return by;
	}
	for ( const line of readFileSync( path, 'utf8' ).trim().split( '\n' ) ) {
		if ( line ) {
			const entry = JSON.parse( line );
			( by[ entry.label ] ??= [] ).push( entry );
		}
	}
	return by;
}

export function clearProbes() {
	rmSync( join( stackDir, 'bench.log' ), { force: true } );
	rmSync( join( stackDir, 'bench-end.log' ), { force: true } );
}

/**
 * One query on the stack's database, through its MariaDB socket.
 *
 * @param {Object} env   Stack environment.
 * @param {string} query SQL.
 * @return {string[][]} Rows of columns.
 */
export function sql( env, query ) {
	return execFileSync(
		'mariadb',
		[
			'--no-defaults',
			'-uroot',
			`--socket=${ env.UTW_DB_SOCKET }`,
			'--batch',
			'--skip-column-names',
			env.UTW_DB_NAME ?? 'wordpress',
			'-e',
			query,
		],
		{ encoding: 'utf8' }
	)
		.split( '\n' )
		.filter( ( line ) => line !== '' )
		.map( ( line ) => line.split( '\t' ) );
}

/**
 * The store as the snapshot has it, with tracking opted in and Action Scheduler past its
 * data-store migration (a stack has no WP-Cron to finish it; every store that has run a while
 * has), so its queue can be claimed by group.
 *
 * @param {Object} env Stack environment.
 */
export async function freshStore( env ) {
	stackCommand( 'reset', 'woocommerce' );
	await setState( env, {
		woocommerce_allow_tracking: 'yes',
		action_scheduler_migration_status: 'complete',
	} );
}

/**
 * Points the events the store accepts from now on at a destination ('' for the stack's own).
 *
 * @param {Object} env Stack environment.
 * @param {string} url Loopback pixel URL or ''.
 */
export async function pointNewEventsAt( env, url ) {
	const response = await fetch(
		`${ env.UTW_BASE_URL }/?utw_test=destination&url=${ encodeURIComponent(
			url
		) }`
	);
	if ( ! response.ok ) {
		throw new Error(
			`could not set the destination: ${ response.status }`
		);
	}
}

/** A random visitor id in the storefront's format (22 URL-safe characters). */
export function visitorId() {
	const alphabet =
		'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	let id = '';
	for ( let i = 0; i < 22; i++ ) {
		id += alphabet[ Math.floor( Math.random() * alphabet.length ) ];
	}
	return id;
}

/**
 * A beacon's request: a batch of product views from one visitor.
 *
 * @param {Object} env     Stack environment.
 * @param {string} visitor Visitor id (cookie and `_ui`).
 * @param {number} events  Events in the batch.
 * @return {Object} fetch() options.
 */
export function beacon( env, visitor, events = 1 ) {
	return {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Cookie: `utw_vid=${ visitor }`,
		},
		body: JSON.stringify( {
			events: Array.from( { length: events }, () => ( {
				name: 'utw_product_view',
				props: {
					product_id: 13,
					product_name: 'Blue Hoodie',
					product_category: 'Clothing/Hoodies',
					price: 45,
					device: 'desktop',
					_ts: Date.now(),
					_ui: visitor,
					plugin_version: '0',
					wc_version: '0',
					site_url: env.UTW_BASE_URL,
				},
			} ) ),
		} ),
	};
}

export const COLLECT = '/wp-json/utw/v1/collect';
