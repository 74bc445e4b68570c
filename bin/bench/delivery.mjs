/**
 * The figures of durable delivery (issue 9), each against a baseline measured in the same run:
 * requests while the destination is unreachable, concurrent beacons against the outbox, the
 * collection endpoint's throughput, the rate limit, added write queries, and the delay from
 * record to delivery under real WP-Cron.
 */
import {
	copyFileSync,
	existsSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
	COLLECT,
	PLUGIN,
	activePlugins,
	alternate,
	beacon,
	clearProbes,
	freshStore,
	median,
	percentile,
	pointNewEventsAt,
	readProbe,
	root,
	setState,
	sleep,
	sql,
	stackDir,
	timed,
	visitorId,
} from './support.mjs';

const MU_PLUGIN = 'utw-bench.php';

/**
 * Installs the bench's mu-plugin (end-of-request probe, WP-Cron switch) into the stack.
 *
 * @param {Object} env Stack environment.
 */
export function installProbe( env ) {
	copyFileSync(
		join( root, 'bin/bench/mu-plugin.php' ),
		join( env.UTW_WP_DIR, 'wp-content/mu-plugins', MU_PLUGIN )
	);
}

/**
 * Removes it, and switches WP-Cron off again.
 *
 * @param {Object} env Stack environment.
 */
export function removeProbe( env ) {
	rmSync( join( env.UTW_WP_DIR, 'wp-content/mu-plugins', MU_PLUGIN ), {
		force: true,
	} );
	rmSync( join( stackDir, 'wp-cron-on' ), { force: true } );
}

/**
 * A listener on 127.0.0.1 that accepts connections and never answers, and a port that refuses
 * them.
 *
 * @return {Promise<{hanging: string, closed: string, close: Function}>} Pixel URLs.
 */
async function unreachableDestinations() {
	const sockets = new Set();
	const hanging = createServer( ( socket ) => {
		sockets.add( socket );
		socket.on( 'close', () => sockets.delete( socket ) );
		socket.on( 'error', () => {} );
	} );
	await new Promise( ( resolve ) =>
		hanging.listen( 0, '127.0.0.1', resolve )
	);
	const probe = createServer();
	await new Promise( ( resolve ) => probe.listen( 0, '127.0.0.1', resolve ) );
	const closedPort = probe.address().port;
	await new Promise( ( resolve ) => probe.close( resolve ) );
	return {
		hanging: `http://127.0.0.1:${ hanging.address().port }/t.gif`,
		closed: `http://127.0.0.1:${ closedPort }/t.gif`,
		close: () => {
			for ( const socket of sockets ) {
				socket.destroy();
			}
			hanging.close();
		},
	};
}

async function productId( env, slug ) {
	const response = await fetch(
		`${ env.UTW_BASE_URL }/wp-json/wc/store/v1/products?slug=${ slug }`
	);
	return ( await response.json() )[ 0 ].id;
}

/**
 * A classic AJAX add to cart by a new guest (no cookies): WooCommerce starts a session.
 *
 * @param {number} productIdValue Product id.
 * @return {Object} fetch() options.
 */
function addToCart( productIdValue ) {
	return {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: `product_id=${ productIdValue }&quantity=1`,
	};
}

const msOf = ( lines = [] ) => median( lines.map( ( line ) => line.ms ) );

/**
 * AJAX add to cart and a collection batch with the destination up, hanging and refusing,
 * side by side; server time measured after the outbox write.
 *
 * @param {Object} env     Stack environment.
 * @param {number} samples Samples a side.
 */
export async function unreachableFigures( env, samples ) {
	await freshStore( env );
	clearProbes();
	const product = await productId( env, 'red-t-shirt' );
	const destinations = await unreachableDestinations();
	const up = `${ env.UTW_COLLECTOR_URL }/t.gif`;
	const sides = {
		up,
		hanging: destinations.hanging,
		closed: destinations.closed,
	};
	try {
		await alternate(
			Object.entries( sides ).map( ( [ name, url ] ) => ( {
				label: name,
				before: () => pointNewEventsAt( env, url ),
				request: async ( label ) => {
					await timed(
						env,
						label === 'warmup' ? label : `cart_${ label }`,
						'/?wc-ajax=add_to_cart',
						addToCart( product )
					);
					await timed(
						env,
						label === 'warmup' ? label : `collect_${ label }`,
						COLLECT,
						beacon( env, visitorId() )
					);
				},
			} ) ),
			samples,
			10
		);
	} finally {
		destinations.close();
		await pointNewEventsAt( env, '' );
	}
	const probe = readProbe( 'bench-end.log' );
	// Every measured request recorded its event: count what each destination was given.
	const queued = Object.fromEntries(
		Object.entries( sides ).map( ( [ name, url ] ) => [
			name,
			Number(
				sql(
					env,
					`SELECT COUNT(*) FROM wp_utw_events WHERE destination = '${ url }' AND state = 'queued'`
				)[ 0 ][ 0 ]
			),
		] )
	);
	const figures = {};
	for ( const kind of [ 'cart', 'collect' ] ) {
		figures[ kind ] = Object.fromEntries(
			Object.keys( sides ).map( ( name ) => [
				name,
				msOf( probe[ `${ kind }_${ name }` ] ),
			] )
		);
	}
	return { ...figures, queued, samples };
}

/**
 * 200 beacons at once, each from its own visitor with 2 events: how many lines the outbox holds.
 *
 * @param {Object} env Stack environment.
 */
export async function concurrentBeaconFigures( env ) {
	await freshStore( env );
	const BEACONS = 200;
	const EVENTS = 2;
	const before = Number(
		sql( env, 'SELECT COUNT(*) FROM wp_utw_events' )[ 0 ][ 0 ]
	);
	const statuses = await Promise.all(
		Array.from( { length: BEACONS }, () =>
			fetch(
				env.UTW_BASE_URL + COLLECT,
				beacon( env, visitorId(), EVENTS )
			)
				.then( async ( r ) => {
					await r.arrayBuffer();
					return r.status;
				} )
				.catch( () => 'network error' )
		)
	);
	const accepted = statuses.filter( ( s ) => s === 202 || s === 200 ).length;
	// The outbox is written at the end of each request: all have ended once their answers came.
	const rows = Number(
		sql(
			env,
			"SELECT COUNT(*) FROM wp_utw_events WHERE event = 'utw_product_view' AND state = 'queued'"
		)[ 0 ][ 0 ]
	);
	return {
		beacons: BEACONS,
		events: EVENTS,
		accepted,
		other: statuses.filter( ( s ) => s !== 202 && s !== 200 ),
		rows: rows - before,
		lost: accepted * EVENTS - ( rows - before ),
	};
}

/**
 * Collection batches with 8 in flight, each from its own visitor: batches per second and the
 * client's median time, against the figure for the code before the outbox.
 *
 * @param {Object} env Stack environment.
 */
export async function throughputFigures( env ) {
	await freshStore( env );
	const CONCURRENCY = 8;
	const batches = await saturate( CONCURRENCY, 400, () =>
		fetch( env.UTW_BASE_URL + COLLECT, beacon( env, visitorId() ) )
	);
	// This run's own reference: a plain REST request at the same concurrency.
	const rest = await saturate( CONCURRENCY, 100, () =>
		fetch( env.UTW_BASE_URL + '/wp-json/wp/v2/types/post' )
	);
	return { ...batches, concurrency: CONCURRENCY, rest };
}

/**
 * Sends `total` requests with `concurrency` in flight.
 *
 * @param {number}   concurrency Requests in flight.
 * @param {number}   total       Requests.
 * @param {Function} send        Sends one, resolves to its Response.
 * @return {Promise<Object>} total, perSecond, p50 and p95 (ms, as the client waits), failed statuses.
 */
async function saturate( concurrency, total, send ) {
	const times = [];
	const failed = [];
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from( { length: concurrency }, async () => {
			while ( next < total ) {
				next++;
				const t0 = performance.now();
				const response = await send();
				await response.arrayBuffer();
				times.push( performance.now() - t0 );
				if ( ! response.ok ) {
					failed.push( response.status );
				}
			}
		} )
	);
	const seconds = ( performance.now() - started ) / 1000;
	return {
		total,
		perSecond: total / seconds,
		p50: median( times ),
		p95: percentile( times, 95 ),
		failed,
	};
}

/**
 * One client (one IP, one visitor id) sending 100 batches a second for 3 seconds.
 *
 * @param {Object} env Stack environment.
 */
export async function rateLimitFigures( env ) {
	const limiter = join( root, 'includes/Tracks/Rate_Limiter.php' );
	if ( ! existsSync( limiter ) ) {
		return { measured: false };
	}
	// The configured rate, as the code declares it (constants named like a rate or a burst).
	const declared = [
		...readFileSync( limiter, 'utf8' ).matchAll(
			/const\s+(\w*(?:RATE|BURST|CAPACITY|REFILL|PER|LIMIT|WINDOW)\w*)\s*=\s*([\d.]+)/g
		),
	].map( ( [ , name, value ] ) => `${ name } = ${ value }` );
	await freshStore( env );
	const visitor = visitorId();
	const RATE = 100;
	const SECONDS = 3;
	const results = [];
	const started = performance.now();
	const pending = [];
	for ( let i = 0; i < RATE * SECONDS; i++ ) {
		const due = started + ( i * 1000 ) / RATE;
		await sleep( Math.max( 0, due - performance.now() ) );
		pending.push(
			fetch( env.UTW_BASE_URL + COLLECT, beacon( env, visitor ) ).then(
				async ( r ) => {
					await r.arrayBuffer();
					results.push( {
						status: r.status,
						retryAfter: r.headers.get( 'retry-after' ),
					} );
				}
			)
		);
	}
	const sentIn = ( performance.now() - started ) / 1000;
	await Promise.all( pending );
	const rows = Number(
		sql(
			env,
			"SELECT COUNT(*) FROM wp_utw_events WHERE event = 'utw_product_view' AND state <> 'dropped'"
		)[ 0 ][ 0 ]
	);
	const ok = results.filter( ( r ) => r.status >= 200 && r.status < 300 );
	const limited = results.filter( ( r ) => r.status === 429 );
	return {
		measured: true,
		declared,
		sent: results.length,
		rate: results.length / sentIn,
		ok: ok.length,
		limited: limited.length,
		withRetryAfter: limited.filter( ( r ) => r.retryAfter ).length,
		other: results.length - ok.length - limited.length,
		rows,
	};
}

/**
 * Write queries of a classic AJAX add to cart with the plugin active and inactive.
 *
 * @param {Object} env     Stack environment.
 * @param {number} samples Samples a side.
 */
export async function writeFigures( env, samples ) {
	await freshStore( env );
	clearProbes();
	const product = await productId( env, 'red-t-shirt' );
	const withPlugin = await activePlugins( env );
	const withoutPlugin = withPlugin.filter( ( p ) => p !== PLUGIN );
	const side = ( label, plugins ) => ( {
		label,
		before: () => setState( env, { active_plugins: plugins } ),
		request: ( sample ) =>
			timed( env, sample, '/?wc-ajax=add_to_cart', addToCart( product ) ),
	} );
	try {
		await alternate(
			[
				side( 'writes_active', withPlugin ),
				side( 'writes_inactive', withoutPlugin ),
			],
			samples,
			5
		);
	} finally {
		await setState( env, { active_plugins: withPlugin } );
	}
	const probe = readProbe( 'bench-end.log' );
	const count = ( label ) =>
		median( probe[ label ].map( ( line ) => line.writes.length ) );
	// The statements the plugin's side made that the other did not (median request of each side).
	const tally = ( label ) => {
		const lines = probe[ label ];
		const typical =
			lines.find( ( line ) => line.writes.length === count( label ) ) ??
			lines[ 0 ];
		const seen = {};
		for ( const write of typical.writes ) {
			seen[ write ] = ( seen[ write ] ?? 0 ) + 1;
		}
		return seen;
	};
	const active = tally( 'writes_active' );
	const inactive = tally( 'writes_inactive' );
	const added = Object.entries( active )
		.filter( ( [ write, n ] ) => n > ( inactive[ write ] ?? 0 ) )
		.map(
			( [ write, n ] ) =>
				`${ write } ×${ n - ( inactive[ write ] ?? 0 ) }`
		);
	return {
		active: count( 'writes_active' ),
		inactive: count( 'writes_inactive' ),
		added,
		samples,
	};
}

/** Seconds of traffic before the measured window (a fresh store's first minute, see below). */
const WARM_UP = 60;

/**
 * The delay percentiles of some collected events.
 *
 * @param {Object[]} events Collector events.
 * @return {Object} p50, p95 and max in seconds, copies beyond the first of an `_eid`.
 */
function delays( events ) {
	const seconds = events.map(
		( e ) => ( e.received_at - Number( e.params._ts ) ) / 1000
	);
	return {
		arrived: events.length,
		duplicates:
			events.length -
			new Set( events.map( ( e ) => e.params._eid ) ).size,
		p50: percentile( seconds, 50 ),
		p95: percentile( seconds, 95 ),
		max: Math.max( ...seconds ),
	};
}

/**
 * Steady traffic under real WP-Cron (the bench's mu-plugin spawns it as WordPress does): every
 * second one beacon and one AJAX add to cart, for WARM_UP + `seconds`; then page views only until
 * every event arrived or two more minutes passed. Delay = the collector's receive time minus the
 * event's `_ts` (same machine clock).
 *
 * The figures are those of the events recorded after WARM_UP, on a store that has traffic; the
 * first minute's are given apart (`coldStart`). A fresh store's first events wait for Action
 * Scheduler's own run, which WP-Cron brings once a minute, before the delivery's follow-up runs
 * start: mixed in, that fixed minute would weigh a third of a 180 s window and a tenth of a 600 s
 * one, and the percentiles would measure the window's length.
 *
 * @param {Object} env     Stack environment.
 * @param {number} seconds Seconds of measured traffic.
 */
export async function delayFigures( env, seconds ) {
	await freshStore( env );
	await fetch( `${ env.UTW_COLLECTOR_URL }/events`, { method: 'DELETE' } );
	writeFileSync( join( stackDir, 'wp-cron-on' ), '' );
	const product = await productId( env, 'red-t-shirt' );
	const started = Date.now();
	// The first measured tick's start: every earlier tick's events were recorded before it.
	let measuredFrom = Infinity;
	const sent = { coldStart: 0, measured: 0 };
	try {
		for (
			let tick = 0;
			Date.now() - started < ( WARM_UP + seconds ) * 1000;
			tick++
		) {
			const due = started + tick * 1000;
			await sleep( Math.max( 0, due - Date.now() ) );
			if ( tick >= WARM_UP && measuredFrom === Infinity ) {
				measuredFrom = Date.now();
			}
			await Promise.all( [
				fetch(
					env.UTW_BASE_URL + COLLECT,
					beacon( env, visitorId() )
				).then( ( r ) => r.arrayBuffer() ),
				fetch(
					env.UTW_BASE_URL + '/?wc-ajax=add_to_cart',
					addToCart( product )
				).then( ( r ) => r.arrayBuffer() ),
			] );
			sent[ tick >= WARM_UP ? 'measured' : 'coldStart' ] += 2;
		}
		const accepted = ( where = '' ) =>
			Number(
				sql(
					env,
					`SELECT COUNT(*) FROM wp_utw_events WHERE state <> 'dropped'${ where }`
				)[ 0 ][ 0 ]
			);
		const arrived = async () =>
			(
				await (
					await fetch( `${ env.UTW_COLLECTOR_URL }/events/stats` )
				).json()
			).total;
		const drainUntil = Date.now() + 120_000;
		while ( ( await arrived() ) < accepted() && Date.now() < drainUntil ) {
			await fetch( `${ env.UTW_BASE_URL }/shop/` ).then( ( r ) =>
				r.arrayBuffer()
			);
			await sleep( 1000 );
		}
		const events = await (
			await fetch( `${ env.UTW_COLLECTOR_URL }/events` )
		).json();
		const measured = ( e ) => Number( e.params._ts ) >= measuredFrom;
		return {
			seconds,
			warmUp: WARM_UP,
			recorded: sent.measured,
			accepted: accepted( ` AND created_ms >= ${ measuredFrom }` ),
			...delays( events.filter( measured ) ),
			coldStart: {
				recorded: sent.coldStart,
				accepted: accepted( ` AND created_ms < ${ measuredFrom }` ),
				...delays( events.filter( ( e ) => ! measured( e ) ) ),
			},
		};
	} finally {
		rmSync( join( stackDir, 'wp-cron-on' ), { force: true } );
	}
}
