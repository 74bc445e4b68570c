#!/usr/bin/env node
/**
 * `npm run bench`: the figures the performance budgets ask for, each as a ratio against a
 * baseline measured in the same run, on a local stack of its own (`bench`).
 *
 * - Storefront bundle: gzipped bytes, against the 2 KB budget and against WooCommerce's own
 *   storefront tracking script (order attribution + sourcebuster).
 * - Product page: server time and database queries with the plugin active (gate open) against
 *   the same page with the plugin inactive.
 * - Collection endpoint: server time and queries of one batch against a plain WordPress REST
 *   request (GET /wp-json/wp/v2/types/post).
 *
 * Server time is read from the stack's benchmark probe (tests/support/stack/mu-plugin): from the
 * request's start until the response is complete. Samples alternate between the two sides in
 * blocks, and medians are compared, so a busy machine slows both sides alike. A sub-millisecond
 * difference is still below the noise of wall-clock time on a shared machine, so the product
 * page is also rendered under `valgrind --tool=callgrind` with and without the plugin: the
 * instructions it adds do not depend on load, and their share of the page's instructions, times
 * the page's median time, estimates the time the plugin adds.
 *
 * Usage: npm run bench [-- --samples N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join( dirname( fileURLToPath( import.meta.url ) ), '..' );
const stack = 'bench';
const stackScript = join( root, 'tests/support/stack/stack.sh' );
const samplesArg = process.argv.indexOf( '--samples' );
const samples = samplesArg > 0 ? Number( process.argv[ samplesArg + 1 ] ) : 120;
const BLOCK = 20;
const BUDGET_BYTES = 2048;
const PLUGIN = 'usage-tracking-for-woocommerce/plugin.php';

function stackCommand( ...args ) {
	return execFileSync( 'bash', [ stackScript, ...args ], {
		cwd: root,
		env: { ...process.env, UTW_STACK: stack, UTW_SKIP_ASSETS: '1' },
		encoding: 'utf8',
	} );
}

function gzipSize( file ) {
	return gzipSync( readFileSync( file ), { level: 9 } ).length;
}

function median( values ) {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const middle = Math.floor( sorted.length / 2 );
	return sorted.length % 2
		? sorted[ middle ]
		: ( sorted[ middle - 1 ] + sorted[ middle ] ) / 2;
}

/* ---------- Bundle ---------- */

function bundleFigures() {
	const build = join( root, 'assets/build' );
	const bundles = readdirSync( build )
		.filter( ( f ) => f.endsWith( '.js' ) )
		.map( ( f ) => ( { name: f, bytes: gzipSize( join( build, f ) ) } ) );
	const wc = process.env.WOOCOMMERCE_DIR || '/opt/woocommerce';
	const baselineFiles = [
		'assets/js/frontend/order-attribution.min.js',
		'assets/js/sourcebuster/sourcebuster.min.js',
	].map( ( f ) => join( wc, f ) );
	const baseline = baselineFiles.every( existsSync )
		? baselineFiles.reduce( ( sum, f ) => sum + gzipSize( f ), 0 )
		: null;
	return { bundles, baseline };
}

/* ---------- Server ---------- */

async function timed( env, label, path, init = {} ) {
	const response = await fetch( env.UTW_BASE_URL + path, {
		...init,
		headers: { ...( init.headers ?? {} ), 'X-Utw-Bench': label },
	} );
	await response.arrayBuffer();
	if ( ! response.ok ) {
		throw new Error(
			`${ label }: ${ path } answered ${ response.status }`
		);
	}
}

async function setState( env, options ) {
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

async function activePlugins( env ) {
	const response = await fetch(
		`${ env.UTW_BASE_URL }/wp-json/utw-stack/v1/state?names=active_plugins`
	);
	return ( await response.json() ).active_plugins;
}

/**
 * Runs two labelled request kinds in alternating blocks; `before` switches the store to a side.
 *
 * @param {Object} env   Stack environment.
 * @param {Array}  sides [ { label, before, request } ] × 2.
 * @param {number} count Samples per side.
 */
async function alternate( env, sides, count ) {
	for ( let done = 0; done < count; done += BLOCK ) {
		for ( const side of sides ) {
			await side.before?.();
			// One unmeasured request after a switch warms the opcode and object caches.
			await side.request( 'warmup' );
			for ( let i = 0; i < BLOCK; i++ ) {
				await side.request( side.label );
			}
		}
	}
}

function readProbe() {
	const file = join( root, '.stack', stack, 'bench.log' );
	const lines = readFileSync( file, 'utf8' )
		.trim()
		.split( '\n' )
		.map( JSON.parse );
	const by = {};
	for ( const { label, ms, queries } of lines ) {
		( by[ label ] ??= { ms: [], queries: [] } ).ms.push( ms );
		by[ label ].queries.push( queries );
	}
	return by;
}

async function serverFigures( env ) {
	rmSync( join( root, '.stack', stack, 'bench.log' ), { force: true } );
	await setState( env, { woocommerce_allow_tracking: 'yes' } );
	const withPlugin = await activePlugins( env );
	const withoutPlugin = withPlugin.filter( ( p ) => p !== PLUGIN );
	const productPage = ( label ) =>
		timed( env, label, '/product/blue-hoodie/' );

	await alternate(
		env,
		[
			{
				label: 'page_active',
				before: () => setState( env, { active_plugins: withPlugin } ),
				request: productPage,
			},
			{
				label: 'page_inactive',
				before: () =>
					setState( env, { active_plugins: withoutPlugin } ),
				request: productPage,
			},
		],
		samples
	);
	await setState( env, { active_plugins: withPlugin } );

	const batch = JSON.stringify( {
		events: [
			{
				name: 'utw_product_view',
				props: {
					product_id: 13,
					product_name: 'Blue Hoodie',
					product_category: 'Clothing/Hoodies',
					price: 45,
					device: 'desktop',
					_ts: Date.now(),
					plugin_version: '0',
					wc_version: '0',
					site_url: env.UTW_BASE_URL,
				},
			},
		],
	} );
	await alternate(
		env,
		[
			{
				label: 'collect',
				request: ( label ) =>
					timed( env, label, '/wp-json/utw/v1/collect', {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: batch,
					} ),
			},
			{
				label: 'rest',
				request: ( label ) =>
					timed( env, label, '/wp-json/wp/v2/types/post' ),
			},
		],
		samples
	);
	return readProbe();
}

/* ---------- Instructions ---------- */

/**
 * Instructions one render of a page costs, counted by callgrind (warm opcode file cache).
 *
 * @param {Object} env  Stack environment.
 * @param {string} path Page path.
 * @return {number} Instructions.
 */
function instructions( env, path ) {
	const cache = join( root, '.stack', stack, 'opcache' );
	const php = [
		'php',
		'-d',
		'opcache.enable_cli=1',
		'-d',
		`opcache.file_cache=${ cache }`,
		'-d',
		'opcache.file_cache_only=1',
		join( root, 'tests/support/stack/render-page.php' ),
		env.UTW_WP_DIR,
		path,
	];
	execFileSync( 'mkdir', [ '-p', cache ] );
	// The first render fills the opcode cache; the second is the one counted.
	execFileSync( php[ 0 ], php.slice( 1 ), { stdio: 'ignore' } );
	const run = spawnSync(
		'valgrind',
		[ '--tool=callgrind', '--callgrind-out-file=/dev/null', ...php ],
		{ encoding: 'utf8' }
	);
	const collected = run.stderr.match( /Collected : (\d+)/ );
	if ( ! collected ) {
		throw new Error(
			`callgrind did not count: ${ run.stderr.slice( -300 ) }`
		);
	}
	return Number( collected[ 1 ] );
}

async function instructionFigures( env ) {
	const withPlugin = await activePlugins( env );
	const withoutPlugin = withPlugin.filter( ( p ) => p !== PLUGIN );
	const counts = { active: [], inactive: [] };
	for ( let round = 0; round < 2; round++ ) {
		await setState( env, { active_plugins: withoutPlugin } );
		counts.inactive.push( instructions( env, '/product/blue-hoodie/' ) );
		await setState( env, { active_plugins: withPlugin } );
		counts.active.push( instructions( env, '/product/blue-hoodie/' ) );
	}
	return {
		active: Math.min( ...counts.active ),
		inactive: Math.min( ...counts.inactive ),
	};
}

/* ---------- Main ---------- */

function format( n, digits = 2 ) {
	return Number( n ).toFixed( digits );
}

async function main() {
	if (
		spawnSync( 'npm', [ 'run', 'build', '--silent' ], {
			cwd: root,
			stdio: 'inherit',
		} ).status
	) {
		throw new Error( 'npm run build failed' );
	}
	const { bundles, baseline } = bundleFigures();
	stackCommand( 'start' );
	const env = Object.fromEntries(
		[ ...stackCommand( 'env' ).matchAll( /^export (\w+)=(.*)$/gm ) ].map(
			( [ , k, v ] ) => [ k, v.replace( /^'|'$/g, '' ) ]
		)
	);
	let probe;
	let counted = null;
	try {
		if ( env.UTW_HAS_WOOCOMMERCE !== '1' ) {
			throw new Error( 'the bench needs WooCommerce (WOOCOMMERCE_DIR)' );
		}
		stackCommand( 'reset', 'woocommerce' );
		probe = await serverFigures( env );
		if ( spawnSync( 'valgrind', [ '--version' ] ).status === 0 ) {
			counted = await instructionFigures( env );
		}
	} finally {
		stackCommand( 'stop' );
	}

	const lines = [
		`Usage Tracking for WooCommerce — bench (${ samples } samples a side)`,
		'',
	];
	for ( const { name, bytes } of bundles ) {
		// The 2 KB budget is the storefront's, which every shopper downloads; admin bundles
		// load only in wp-admin and are reported by size.
		if ( name !== 'storefront.js' ) {
			lines.push(
				`bundle ${ name } (wp-admin only): ${ bytes } B gzipped`
			);
			continue;
		}
		const vsBaseline = baseline
			? `, ${ format(
					bytes / baseline
			  ) }× WooCommerce's order attribution script (${ baseline } B)`
			: '';
		lines.push(
			`bundle ${ name }: ${ bytes } B gzipped = ${ format(
				bytes / BUDGET_BYTES
			) }× the 2 KB budget${ vsBaseline }`
		);
	}
	const page = {
		active: median( probe.page_active.ms ),
		inactive: median( probe.page_inactive.ms ),
		qActive: median( probe.page_active.queries ),
		qInactive: median( probe.page_inactive.queries ),
	};
	lines.push(
		'',
		`product page, server time: ${ format(
			page.active
		) } ms with the plugin vs ${ format(
			page.inactive
		) } ms without = ${ format(
			page.active / page.inactive,
			3
		) }× (added ${ format(
			page.active - page.inactive
		) } ms; budget 1 ms)`,
		`product page, database queries: ${ page.qActive } with the plugin vs ${
			page.qInactive
		} without (added ${ page.qActive - page.qInactive }; budget 0)`
	);
	if ( counted ) {
		const share = ( counted.active - counted.inactive ) / counted.inactive;
		lines.push(
			`product page, instructions (callgrind): ${
				counted.active
			} with the plugin vs ${ counted.inactive } without = ${ format(
				counted.active / counted.inactive,
				4
			) }× (added ${ counted.active - counted.inactive }, about ${ format(
				share * page.inactive,
				3
			) } ms of the page's ${ format( page.inactive ) } ms; budget 1 ms)`
		);
	} else {
		lines.push(
			'product page, instructions: not counted (valgrind is not installed)'
		);
	}
	const collect = median( probe.collect.ms );
	const rest = median( probe.rest.ms );
	lines.push(
		'',
		`collection endpoint, one batch: ${ format( collect ) } ms, ${ median(
			probe.collect.queries
		) } queries vs plain REST request ${ format( rest ) } ms, ${ median(
			probe.rest.queries
		) } queries = ${ format( collect / rest ) }× the REST request's time`
	);
	process.stdout.write( lines.join( '\n' ) + '\n' );
}

main().catch( ( error ) => {
	process.stderr.write( `bench: ${ error.message }\n` );
	process.exitCode = 1;
} );
