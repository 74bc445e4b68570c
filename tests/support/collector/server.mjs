#!/usr/bin/env node
// Local stand-in for the analytics service (Tracks pixel protocol). Plain Node 20, no dependencies.
//
//   node tests/support/collector/server.mjs --port 8882 --data .stack/dev/collector
//   (or env UTW_COLLECTOR_PORT / UTW_COLLECTOR_DATA)
//
// Routes:
//   GET    /t.gif?_en=<event>&...   record one event, answer a 1x1 GIF
//   GET    /slow/t.gif?...          same, but the answer comes 5 s later
//   GET    /events[?event=<name>]   recorded events (JSON array)
//   GET    /events/stats            { total, unique_eids, duplicates, without_eid, unreadable_lines,
//                                   duplicate_eids }: deliveries counted by event id (`_eid`), so a
//                                   test can assert that no event arrived twice
//   DELETE /events                  clear them
//   GET    /w.js                    stand-in for WordPress.com's Tracks library (window._tkq)
//   GET    /health                  200
//
// Events are appended as JSON lines to <data>/events.jsonl, which is the only state: truncating
// the file (stack.sh reset does) clears the events.
//
// More routes: a module exports `routes` (same shape as below) and is added to ROUTE_MODULES.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROUTE_MODULES = [ import( '../service/routes.mjs' ) ];

const { values: args } = parseArgs( {
	options: {
		port: { type: 'string' },
		host: { type: 'string' },
		data: { type: 'string' },
	},
} );
const PORT = Number( args.port ?? process.env.UTW_COLLECTOR_PORT ?? 8882 );
const HOST = args.host ?? process.env.UTW_COLLECTOR_HOST ?? '127.0.0.1';
const DATA_DIR = path.resolve(
	args.data ?? process.env.UTW_COLLECTOR_DATA ?? '.stack/dev/collector'
);
const EVENTS_FILE = path.join( DATA_DIR, 'events.jsonl' );
const SLOW_DELAY_MS = 5000;

fs.mkdirSync( DATA_DIR, { recursive: true } );

const GIF = Buffer.from(
	'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
	'base64'
);
const NO_CACHE = 'no-store, no-cache, must-revalidate, max-age=0';
const CORS = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
	'Access-Control-Allow-Headers': '*',
	'Access-Control-Max-Age': '600',
};

/** The jsonl store's text ('' before the first event). */
function readStore() {
	try {
		return fs.readFileSync( EVENTS_FILE, 'utf8' );
	} catch ( error ) {
		if ( error.code !== 'ENOENT' ) {
			throw error;
		}
		return '';
	}
}

/** Shared helpers handed to every handler. */
export const ctx = {
	dataDir: DATA_DIR,
	eventsFile: EVENTS_FILE,
	send( res, status, body, headers = {} ) {
		res.writeHead( status, {
			...CORS,
			'Cache-Control': NO_CACHE,
			...headers,
		} );
		res.end( body );
	},
	json( res, status, value ) {
		ctx.send( res, status, JSON.stringify( value ), {
			'Content-Type': 'application/json; charset=utf-8',
		} );
	},
	async readBody( req ) {
		const chunks = [];
		for await ( const chunk of req ) {
			chunks.push( chunk );
		}
		return Buffer.concat( chunks ).toString( 'utf8' );
	},
	readEvents() {
		return readStore()
			.split( '\n' )
			.filter( ( line ) => line.trim() !== '' )
			.map( ( line ) => {
				try {
					return JSON.parse( line );
				} catch {
					return null; // A line being written right now.
				}
			} )
			.filter( Boolean );
	},
	recordEvent( params ) {
		const line = {
			received_at: Date.now(),
			event: params._en ?? '',
			params,
		};
		fs.appendFileSync( EVENTS_FILE, JSON.stringify( line ) + '\n' );
		return line;
	},
};

const sleep = ( ms ) => new Promise( ( resolve ) => setTimeout( resolve, ms ) );

function pixel( { delayMs = 0 } = {} ) {
	return async ( req, res, url ) => {
		ctx.recordEvent( Object.fromEntries( url.searchParams ) );
		if ( delayMs ) {
			await sleep( delayMs );
		}
		ctx.send( res, 200, GIF, {
			'Content-Type': 'image/gif',
			Pragma: 'no-cache',
			Expires: '0',
		} );
	};
}

function listEvents( req, res, url ) {
	const name = url.searchParams.get( 'event' );
	const events = ctx
		.readEvents()
		.filter( ( e ) => ! name || e.event === name );
	ctx.json( res, 200, events );
}

/**
 * Counts what the jsonl store holds by event id (`_eid`): read from the file itself, so the
 * figures hold across collector restarts and for events recorded by any route. A line that does
 * not parse is counted apart rather than skipped, so a broken store cannot pass for a clean one.
 *
 * @return {Object} total, unique_eids, duplicates (copies beyond the first of an id),
 *                  without_eid, unreadable_lines, and the duplicated ids with their counts.
 */
function eidStats() {
	const text = readStore();
	const seen = new Map();
	let total = 0;
	let withoutEid = 0;
	let unreadable = 0;
	for ( const line of text.split( '\n' ) ) {
		if ( line.trim() === '' ) {
			continue;
		}
		let params;
		try {
			params = JSON.parse( line ).params ?? {};
		} catch {
			unreadable++;
			continue;
		}
		total++;
		const eid = params._eid ?? '';
		if ( eid === '' ) {
			withoutEid++;
			continue;
		}
		seen.set( eid, ( seen.get( eid ) ?? 0 ) + 1 );
	}
	const duplicated = [ ...seen ].filter( ( [ , count ] ) => count > 1 );
	return {
		total,
		unique_eids: seen.size,
		duplicates: duplicated.reduce(
			( sum, [ , count ] ) => sum + count - 1,
			0
		),
		without_eid: withoutEid,
		unreadable_lines: unreadable,
		duplicate_eids: Object.fromEntries( duplicated ),
	};
}

function eventStats( req, res ) {
	ctx.json( res, 200, eidStats() );
}

function clearEvents( req, res ) {
	fs.writeFileSync( EVENTS_FILE, '' );
	ctx.send( res, 204, '' );
}

// Stand-in for https://stats.wp.com/w.js: window._tkq commands -> GET <collector>/t.gif.
function tracksLibrary( req, res ) {
	const origin = `http://${ req.headers.host ?? `${ HOST }:${ PORT }` }`;
	const js = `/* Local stand-in for the Tracks library (tests/support/collector/server.mjs). */
( function () {
	'use strict';
	var endpoint = ${ JSON.stringify( origin + '/t.gif' ) };
	var identity = { _ut: 'anon', _ui: anonId() };
	var globals = {};
	function anonId() {
		var match = document.cookie.match( /(?:^|;\\s*)tk_ai=([^;]+)/ );
		if ( match ) {
			return decodeURIComponent( match[ 1 ] );
		}
		var id = 'utw' + Math.random().toString( 36 ).slice( 2 ) + Date.now().toString( 36 );
		document.cookie = 'tk_ai=' + encodeURIComponent( id ) + '; path=/; max-age=31536000; SameSite=Lax';
		return id;
	}
	function value( v ) {
		if ( v === null || v === undefined ) {
			return '';
		}
		return typeof v === 'object' ? JSON.stringify( v ) : String( v );
	}
	function query( props ) {
		var parts = [];
		Object.keys( props ).forEach( function ( key ) {
			if ( props[ key ] !== undefined && typeof props[ key ] !== 'function' ) {
				parts.push( encodeURIComponent( key ) + '=' + encodeURIComponent( value( props[ key ] ) ) );
			}
		} );
		return parts.join( '&' );
	}
	function recordEvent( name, props ) {
		var all = Object.assign( {}, globals, props || {}, identity );
		var q = '_en=' + encodeURIComponent( name ) + '&_ts=' + Date.now();
		var rest = query( all );
		var img = new Image();
		img.src = endpoint + '?' + q + ( rest ? '&' + rest : '' ) + '&_rt=' + Date.now();
		( window.__utwTracksImages = window.__utwTracksImages || [] ).push( img );
	}
	function exec( command ) {
		if ( typeof command === 'function' ) {
			command();
			return;
		}
		if ( ! command || ! command.length ) {
			return;
		}
		var args = Array.prototype.slice.call( command, 1 );
		switch ( command[ 0 ] ) {
			case 'recordEvent':
				recordEvent( args[ 0 ], args[ 1 ] );
				break;
			case 'identifyUser':
				identity = { _ut: 'wpcom:user_id', _ui: String( args[ 0 ] ) };
				if ( args[ 1 ] ) {
					identity._ul = String( args[ 1 ] );
				}
				break;
			case 'clearIdentity':
				identity = { _ut: 'anon', _ui: anonId() };
				break;
			case 'setProperties':
			case 'addGlobalProperties':
				Object.assign( globals, args[ 0 ] || {} );
				break;
			default:
				break;
		}
	}
	var pending = window._tkq;
	window._tkq = {
		push: function () {
			for ( var i = 0; i < arguments.length; i++ ) {
				exec( arguments[ i ] );
			}
			return 0;
		},
		loaded: true,
	};
	if ( pending && typeof pending.length === 'number' ) {
		for ( var i = 0; i < pending.length; i++ ) {
			exec( pending[ i ] );
		}
	}
} )();
`;
	ctx.send( res, 200, js, {
		'Content-Type': 'application/javascript; charset=utf-8',
	} );
}

/**
 * Route table. `path` is an exact path, or a prefix when it ends with '/*'.
 * Handlers get ( req, res, url, ctx ).
 */
const routes = [
	{
		method: 'GET',
		path: '/health',
		handler: ( req, res ) => ctx.json( res, 200, { ok: true } ),
	},
	{ method: 'GET', path: '/t.gif', handler: pixel() },
	{
		method: 'GET',
		path: '/slow/t.gif',
		handler: pixel( { delayMs: SLOW_DELAY_MS } ),
	},
	{ method: 'GET', path: '/events', handler: listEvents },
	{ method: 'GET', path: '/events/stats', handler: eventStats },
	{ method: 'DELETE', path: '/events', handler: clearEvents },
	{ method: 'GET', path: '/w.js', handler: tracksLibrary },
];
for ( const module of await Promise.all( ROUTE_MODULES ) ) {
	routes.push( ...( module.routes ?? module.default ?? [] ) );
}

function match( method, pathname ) {
	const wanted = method === 'HEAD' ? 'GET' : method;
	return routes.find(
		( r ) =>
			( r.method === wanted || r.method === '*' ) &&
			( r.path.endsWith( '/*' )
				? pathname.startsWith( r.path.slice( 0, -1 ) )
				: r.path === pathname )
	);
}

const server = http.createServer( async ( req, res ) => {
	const url = new URL(
		req.url ?? '/',
		`http://${ req.headers.host ?? 'localhost' }`
	);
	if ( req.method === 'OPTIONS' ) {
		ctx.send( res, 204, '' );
		return;
	}
	const route = match( req.method ?? 'GET', url.pathname );
	if ( ! route ) {
		ctx.json( res, 404, {
			error: `no route for ${ req.method } ${ url.pathname }`,
		} );
		return;
	}
	try {
		await route.handler( req, res, url, ctx );
	} catch ( error ) {
		console.error( error );
		if ( ! res.headersSent ) {
			ctx.json( res, 500, { error: String( error?.message ?? error ) } );
		} else {
			res.end();
		}
	}
} );
server.keepAliveTimeout = 1000;

server.listen( PORT, HOST, () => {
	console.log(
		`collector listening on http://${ HOST }:${ PORT } (data ${ DATA_DIR })`
	);
} );
for ( const signal of [ 'SIGTERM', 'SIGINT' ] ) {
	process.on( signal, () => {
		server.close();
		server.closeAllConnections?.();
		process.exit( 0 );
	} );
}
