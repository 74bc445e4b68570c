// Local implementation of the analytics service's HTTP contract (docs/analytics-service.md),
// mounted by the collector under /service. Plain Node 20, no dependencies.
//
// State (connections, issued tokens, the simulation mode) lives in <data>/service.json so that
// a restarted collector keeps the store connected; POST /service/_control resets it.
//
// Modes, set by tests through POST /service/_control { "mode": … }:
//   personal             (default) a personal account with two business accounts
//   business             the account is itself a business account
//   no-business-accounts a personal account without business accounts
//   bad-credentials      every authenticated call and authorize answer 401
//   down                 every contract route answers 503
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const PREFIX = '/service';
const MODES = [
	'personal',
	'business',
	'no-business-accounts',
	'bad-credentials',
	'down',
];
const VERIFY_TIMEOUT_MS = 2000;

const BUSINESS_ACCOUNTS = [
	{ id: 'ba-100', name: 'Demo Store Ads' },
	{ id: 'ba-200', name: 'Demo Store Wholesale' },
];

function stateFile( ctx ) {
	return path.join( ctx.dataDir, 'service.json' );
}

function freshState() {
	return { mode: 'personal', connections: {} };
}

function load( ctx ) {
	try {
		return JSON.parse( fs.readFileSync( stateFile( ctx ), 'utf8' ) );
	} catch {
		return freshState();
	}
}

function save( ctx, state ) {
	fs.writeFileSync( stateFile( ctx ), JSON.stringify( state, null, '\t' ) );
}

async function readJson( req, ctx ) {
	const text = await ctx.readBody( req );
	if ( ! text.trim() ) {
		return {};
	}
	try {
		const value = JSON.parse( text );
		return value && typeof value === 'object' ? value : null;
	} catch {
		return null;
	}
}

function error( ctx, res, status, code, message ) {
	ctx.json( res, status, { error: code, message } );
}

/**
 * The account as the contract describes it. Once a business account is connected (or the
 * account is one), it has a store: the id the store's events carry and the ingest URL they go to.
 *
 * @param {string} mode       Simulation mode.
 * @param {Object} connection The token's connection.
 * @param {Object} req        The request (its Host names the ingest URL's origin).
 */
function accountFor( mode, connection, req ) {
	const business = mode === 'business';
	const businessAccounts = mode === 'personal' ? BUSINESS_ACCOUNTS : [];
	const connected =
		businessAccounts.find(
			( account ) => account.id === connection.business_account_id
		) ?? null;
	const storeId = business
		? 'st-acct-business-1'
		: connected && `st-${ connected.id }`;
	return {
		id: business ? 'acct-business-1' : 'acct-personal-1',
		name: business ? 'Demo Store' : 'Sam Rivera',
		type: business ? 'business' : 'personal',
		business_accounts: businessAccounts,
		connected_business_account: connected,
		store: storeId
			? {
					id: storeId,
					ingest_url: `http://${ req.headers.host }${ PREFIX }/v1/ingest/${ storeId }/t.gif`,
			  }
			: null,
	};
}

/**
 * The account's ingest: a Tracks pixel per store. The event is recorded like the collector's
 * own pixel, with `_ingest` naming the store whose URL received it, so tests can tell where
 * an event went and compare it with the `store_id` it carries.
 *
 * @param {Object} req Request.
 * @param {Object} res Response.
 * @param {URL}    url The URL.
 * @param {Object} ctx The collector's helpers.
 */
function ingest( req, res, url, ctx ) {
	const store = url.pathname
		.slice( `${ PREFIX }/v1/ingest/`.length )
		.replace( /\/t\.gif$/, '' );
	if (
		! /^st-[\w.-]+$/.test( store ) ||
		! url.pathname.endsWith( '/t.gif' )
	) {
		error( ctx, res, 404, 'unknown_store', 'No such ingest.' );
		return;
	}
	ctx.recordEvent( {
		...Object.fromEntries( url.searchParams ),
		_ingest: store,
	} );
	ctx.send(
		res,
		200,
		Buffer.from(
			'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
			'base64'
		),
		{ 'Content-Type': 'image/gif' }
	);
}

/**
 * Wraps a contract route: the simulated outage and the bearer token check come first.
 *
 * @param {{ auth?: boolean }} options
 * @param {Function}           handler ( req, res, url, ctx, state, connection, token )
 */
function contract( { auth = true }, handler ) {
	return async ( req, res, url, ctx ) => {
		const state = load( ctx );
		if ( state.mode === 'down' ) {
			error( ctx, res, 503, 'unavailable', 'The service is down.' );
			return;
		}
		if ( state.mode === 'bad-credentials' ) {
			error(
				ctx,
				res,
				401,
				'invalid_credentials',
				'The credentials were rejected.'
			);
			return;
		}
		let token = null;
		let connection = null;
		if ( auth ) {
			token = ( req.headers.authorization ?? '' ).replace(
				/^Bearer\s+/i,
				''
			);
			connection = state.connections[ token ];
			if ( ! connection ) {
				error(
					ctx,
					res,
					401,
					'invalid_token',
					'Unknown or revoked access token.'
				);
				return;
			}
		}
		await handler( req, res, url, ctx, state, connection, token );
	};
}

async function authorize( req, res, url, ctx, state ) {
	const body = await readJson( req, ctx );
	if ( ! body || typeof body.site_url !== 'string' || ! body.site_url ) {
		error( ctx, res, 400, 'invalid_request', 'site_url is required.' );
		return;
	}
	const token = crypto.randomBytes( 16 ).toString( 'hex' );
	state.connections[ token ] = {
		site_url: body.site_url,
		business_account_id: null,
		verification_token: null,
		verified: false,
	};
	save( ctx, state );
	ctx.json( res, 200, { access_token: token } );
}

function readAccount( req, res, url, ctx, state, connection ) {
	ctx.json( res, 200, accountFor( state.mode, connection, req ) );
}

async function pickBusinessAccount( req, res, url, ctx, state, connection ) {
	const body = await readJson( req, ctx );
	const account = accountFor( state.mode, connection, req );
	const picked = account.business_accounts.find(
		( candidate ) => candidate.id === body?.business_account_id
	);
	if ( ! picked ) {
		error(
			ctx,
			res,
			404,
			'unknown_business_account',
			'No such business account on this account.'
		);
		return;
	}
	connection.business_account_id = picked.id;
	save( ctx, state );
	ctx.json( res, 200, accountFor( state.mode, connection, req ) );
}

function issueVerificationToken( req, res, url, ctx, state, connection ) {
	connection.verification_token ??= `utw-verify-${ crypto
		.randomBytes( 8 )
		.toString( 'hex' ) }`;
	save( ctx, state );
	ctx.json( res, 200, { token: connection.verification_token } );
}

async function verifySite( req, res, url, ctx, state, connection ) {
	const body = await readJson( req, ctx );
	const where = body?.verification_url;
	if ( typeof where !== 'string' || ! /^https?:\/\//.test( where ) ) {
		error(
			ctx,
			res,
			400,
			'invalid_request',
			'verification_url is required.'
		);
		return;
	}
	let served = null;
	try {
		const response = await fetch( where, {
			signal: AbortSignal.timeout( VERIFY_TIMEOUT_MS ),
		} );
		served = response.ok ? ( await response.json() )?.token : null;
	} catch {
		served = null;
	}
	if ( ! served || served !== connection.verification_token ) {
		error(
			ctx,
			res,
			422,
			'verification_failed',
			'The site does not serve the verification token.'
		);
		return;
	}
	connection.verified = true;
	save( ctx, state );
	ctx.json( res, 200, { verified: true } );
}

function disconnect( req, res, url, ctx, state, connection, token ) {
	delete state.connections[ token ];
	save( ctx, state );
	ctx.send( res, 204, '' );
}

async function control( req, res, url, ctx ) {
	const body = await readJson( req, ctx );
	if ( ! body || ( body.mode && ! MODES.includes( body.mode ) ) ) {
		error(
			ctx,
			res,
			400,
			'invalid_request',
			`mode must be one of ${ MODES.join( ', ' ) }.`
		);
		return;
	}
	const state = body.reset ? freshState() : load( ctx );
	state.mode = body.mode ?? state.mode;
	save( ctx, state );
	ctx.json( res, 200, state );
}

// The service's own web pages the guide links to (sign up, convert, create a business account).
function page( title ) {
	return ( req, res, url, ctx ) =>
		ctx.send(
			res,
			200,
			`<!doctype html><title>${ title }</title><h1>${ title }</h1><p>Local analytics service.</p>`,
			{ 'Content-Type': 'text/html; charset=utf-8' }
		);
}

export const routes = [
	{
		method: 'POST',
		path: `${ PREFIX }/v1/authorize`,
		handler: contract( { auth: false }, authorize ),
	},
	{
		method: 'DELETE',
		path: `${ PREFIX }/v1/authorize`,
		handler: contract( {}, disconnect ),
	},
	{
		method: 'GET',
		path: `${ PREFIX }/v1/account`,
		handler: contract( {}, readAccount ),
	},
	{
		method: 'POST',
		path: `${ PREFIX }/v1/account/business`,
		handler: contract( {}, pickBusinessAccount ),
	},
	{
		method: 'POST',
		path: `${ PREFIX }/v1/site/token`,
		handler: contract( {}, issueVerificationToken ),
	},
	{
		method: 'POST',
		path: `${ PREFIX }/v1/site/verify`,
		handler: contract( {}, verifySite ),
	},
	{ method: 'GET', path: `${ PREFIX }/v1/ingest/*`, handler: ingest },
	{ method: 'POST', path: `${ PREFIX }/_control`, handler: control },
	{
		method: 'GET',
		path: `${ PREFIX }/_control`,
		handler: ( req, res, url, ctx ) => ctx.json( res, 200, load( ctx ) ),
	},
	{ method: 'GET', path: `${ PREFIX }/signup`, handler: page( 'Sign up' ) },
	{
		method: 'GET',
		path: `${ PREFIX }/convert`,
		handler: page( 'Convert to a business account' ),
	},
	{
		method: 'GET',
		path: `${ PREFIX }/business/new`,
		handler: page( 'Create a business account' ),
	},
];
