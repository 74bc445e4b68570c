#!/usr/bin/env node
/**
 * Generates the event catalogue's two derived files from the TypeScript sources:
 *
 * - TRACKING.md, between the `<woo-tracking-jsdoc>` markers, in the format of seed 002: each
 *   event with its description, properties and emitters (functions and components annotated
 *   with `@fires <event> [what it sends]`, in TypeScript or PHP);
 * - includes/Tracks/catalogue-data.php, the data the PHP validator reads;
 * - includes/Tracks/Shared_Facts.php, the constants PHP shares with the bundles (name patterns,
 *   the visitor cookie, the batch limit, the REST namespace…), from assets/source/tracks/shared-facts.ts,
 *   plus what the catalogue itself implies (the most properties one event can carry);
 * - assets/source/setup-guide/event-titles.json, a short title per event as sent (the first
 *   sentence of its description), which the Usage Tracking screen's Events view shows.
 *
 * Usage: node bin/tracking-catalogue.mjs [--check] [--root DIR]
 *   --check  write nothing; exit 1 when a file is stale or the sources break a rule.
 * Rules: every event an emitter fires or a call records by name is catalogued; every catalogued
 * event has at least one emitter. Emitters are functions annotated with `@fires`, and calls to
 * the public `utw_record_event( 'name', … )` with a literal name: that function is how other
 * code records an event, so such a call is listed among the event's emitters as it stands.
 */
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const args = process.argv.slice( 2 );
const check = args.includes( '--check' );
const rootArg = args.indexOf( '--root' );
const root =
	rootArg >= 0
		? args[ rootArg + 1 ]
		: join( dirname( fileURLToPath( import.meta.url ) ), '..' );

const CATALOGUE_DIR = 'assets/source/tracks/catalogue';
const PATTERNS_FILE = 'assets/source/tracks/privacy-patterns.ts';
const SOURCE_DIRS = [ 'assets/source', 'includes' ];
const DOC_FILE = 'TRACKING.md';
const PHP_FILE = 'includes/Tracks/catalogue-data.php';
const FACTS_SOURCE = 'assets/source/tracks/shared-facts.ts';
const FACTS_FILE = 'includes/Tracks/Shared_Facts.php';
const TITLES_FILE = 'assets/source/setup-guide/event-titles.json';
const FAMILY_PREFIX = { storefront: '', admin: 'wcadmin_' };

/* ---------- Reading the catalogue ---------- */

function parse( file ) {
	const text = readFileSync( join( root, file ), 'utf8' );
	return ts.createSourceFile( file, text, ts.ScriptTarget.Latest, true );
}

function jsDocOf( node ) {
	const docs = ts.getJSDocCommentsAndTags( node ).filter( ts.isJSDoc );
	const doc = docs[ docs.length - 1 ];
	if ( ! doc ) {
		return { text: '', tags: {} };
	}
	const text = ts.getTextOfJSDocComment( doc.comment ) ?? '';
	const tags = {};
	for ( const tag of doc.tags ?? [] ) {
		tags[ tag.tagName.text ] = (
			ts.getTextOfJSDocComment( tag.comment ) ?? ''
		).trim();
	}
	return { text: text.replace( /\s+/g, ' ' ).trim(), tags };
}

/**
 * The object literals of `export const X = { … } as const satisfies Y`.
 *
 * @param {ts.SourceFile} source Parsed file.
 * @return {Array<{name: string, doc: Object, object: ts.ObjectLiteralExpression}>} Objects.
 */
function exportedObjects( source ) {
	const found = [];
	for ( const statement of source.statements ) {
		if ( ! ts.isVariableStatement( statement ) ) {
			continue;
		}
		for ( const declaration of statement.declarationList.declarations ) {
			let init = declaration.initializer;
			while (
				init &&
				( ts.isSatisfiesExpression( init ) ||
					ts.isAsExpression( init ) )
			) {
				init = init.expression;
			}
			if ( init && ts.isObjectLiteralExpression( init ) ) {
				found.push( {
					name: declaration.name.getText( source ),
					doc: jsDocOf( statement ),
					object: init,
				} );
			}
		}
	}
	return found;
}

function propertyName( property, source ) {
	return property.name.getText( source ).replace( /^['"]|['"]$/g, '' );
}

function readSpec( initializer, source, where ) {
	if ( ts.isStringLiteral( initializer ) ) {
		const match = initializer.text.match(
			/^(string|number|boolean)(\?)?$/
		);
		if ( match ) {
			return { type: match[ 1 ], required: ! match[ 2 ] };
		}
	}
	if (
		ts.isArrayLiteralExpression( initializer ) &&
		initializer.elements.every( ts.isStringLiteral )
	) {
		return {
			type: 'string',
			required: true,
			values: initializer.elements.map( ( e ) => e.text ),
		};
	}
	throw new Error(
		`${ where }: unsupported property spec ${ initializer.getText(
			source
		) }`
	);
}

/**
 * Reads the properties of an object literal; `...group` spreads a `@group` const of the same file.
 *
 * @param {ts.ObjectLiteralExpression} object Object literal.
 * @param {ts.SourceFile}              source Its file.
 * @param {string}                     where  Name, for errors.
 * @param {Object}                     groups `@group` consts of the file, by name.
 * @return {Object} Property name → spec and description.
 */
function readProperties( object, source, where, groups = {} ) {
	const properties = {};
	for ( const property of object.properties ) {
		if ( ts.isSpreadAssignment( property ) ) {
			const name = property.expression.getText( source );
			if ( ! groups[ name ] ) {
				throw new Error(
					`${ where }: spreads ${ name }, which is not a @group of this file`
				);
			}
			Object.assign(
				properties,
				readProperties( groups[ name ], source, where, groups )
			);
			continue;
		}
		const name = propertyName( property, source );
		properties[ name ] = {
			...readSpec( property.initializer, source, `${ where }.${ name }` ),
			description: jsDocOf( property ).text,
		};
	}
	return properties;
}

function readCatalogue() {
	const events = {};
	const context = {};
	let common = {};
	const files = readdirSync( join( root, CATALOGUE_DIR ) )
		.filter( ( f ) => f.endsWith( '.ts' ) && f !== 'schema.ts' )
		.sort();
	for ( const file of files ) {
		const path = `${ CATALOGUE_DIR }/${ file }`;
		const source = parse( path );
		const objects = exportedObjects( source );
		// `@group`: properties several events share, spread into them.
		const groups = Object.fromEntries(
			objects
				.filter( ( o ) => 'group' in o.doc.tags )
				.map( ( o ) => [ o.name, o.object ] )
		);
		for ( const { name, doc, object } of objects ) {
			if ( 'group' in doc.tags ) {
				continue;
			}
			if ( name === 'commonProperties' ) {
				common = readProperties( object, source, name );
				continue;
			}
			if ( doc.tags.context ) {
				context[ doc.tags.context ] = {
					description: doc.text,
					properties: readProperties( object, source, name, groups ),
				};
				continue;
			}
			const family = doc.tags.family;
			if ( ! ( family in FAMILY_PREFIX ) ) {
				throw new Error(
					`${ path }: ${ name } needs a @family tag (storefront or admin)`
				);
			}
			// `@origin server`: only PHP records these; the collection endpoint refuses them.
			const origin = doc.tags.origin || 'browser';
			if ( ! [ 'browser', 'server' ].includes( origin ) ) {
				throw new Error(
					`${ path }: ${ name } has @origin ${ origin } (browser or server)`
				);
			}
			// `@destination woocommerce`: sent to WooCommerce's Tracks whether or not the store is
			// connected (the setup guide's own events); by default events go to the store's
			// connected analytics account and wait for the connection.
			const destination = doc.tags.destination || 'account';
			if ( ! [ 'account', 'woocommerce' ].includes( destination ) ) {
				throw new Error(
					`${ path }: ${ name } has @destination ${ destination } (account or woocommerce)`
				);
			}
			for ( const property of object.properties ) {
				const eventName = propertyName( property, source );
				if ( events[ eventName ] ) {
					throw new Error(
						`${ path }: ${ eventName } is catalogued twice`
					);
				}
				events[ eventName ] = {
					family,
					origin,
					destination,
					sentAs: FAMILY_PREFIX[ family ] + eventName,
					file: path,
					description: jsDocOf( property ).text,
					properties: readProperties(
						property.initializer,
						source,
						eventName,
						groups
					),
				};
			}
		}
	}
	return { events, common, context };
}

function readPrivacyPatterns() {
	const source = parse( PATTERNS_FILE );
	const [ patterns ] = exportedObjects( source );
	return Object.fromEntries(
		patterns.object.properties.map( ( p ) => [
			propertyName( p, source ),
			p.initializer.text,
		] )
	);
}

/**
 * The facts PHP shares with the bundles: every `export const` of shared-facts.ts, and what the
 * catalogue implies.
 *
 * @param {Object} catalogue The catalogue read by readCatalogue().
 * @return {Array<{name: string, doc: string, value: string|number}>} Facts, in source order.
 */
function readSharedFacts( catalogue ) {
	const source = parse( FACTS_SOURCE );
	const facts = [];
	for ( const statement of source.statements ) {
		if ( ! ts.isVariableStatement( statement ) ) {
			continue;
		}
		for ( const declaration of statement.declarationList.declarations ) {
			const name = declaration.name.getText( source );
			const where = `${ FACTS_SOURCE }: ${ name }`;
			let init = declaration.initializer;
			while ( init && ts.isAsExpression( init ) ) {
				init = init.expression;
			}
			const doc = jsDocOf( statement ).text;
			if ( ! /^[A-Z][A-Z0-9_]*$/.test( name ) || ! doc ) {
				throw new Error(
					`${ where }: a fact is an UPPER_CASE const with a doc comment`
				);
			}
			let value;
			if ( init && ts.isStringLiteral( init ) ) {
				value = init.text;
			} else if ( init && ts.isNumericLiteral( init ) ) {
				value = Number( init.text );
			} else if (
				init &&
				init.kind === ts.SyntaxKind.RegularExpressionLiteral
			) {
				// JavaScript and PCRE read these the same way; flags beyond `i` do not carry over.
				const flags = init.text.slice(
					init.text.lastIndexOf( '/' ) + 1
				);
				if ( ! [ '', 'i' ].includes( flags ) ) {
					throw new Error(
						`${ where }: regular expression flags "${ flags }" (only i carries over to PHP)`
					);
				}
				value = init.text;
			} else {
				throw new Error(
					`${ where }: a fact is a string, number or regular expression literal`
				);
			}
			facts.push( { name, doc, value } );
		}
	}
	const carried = Object.values( catalogue.events ).map(
		( event ) =>
			new Set( [
				...Object.keys( event.properties ),
				...Object.keys( catalogue.common ),
				...Object.keys(
					catalogue.context[ event.family ]?.properties ?? {}
				),
				...( event.destination === 'account'
					? Object.keys( catalogue.context.account?.properties ?? {} )
					: [] ),
			] ).size
	);
	facts.push( {
		name: 'MAX_EVENT_PROPERTIES',
		doc: 'Most properties one catalogued event can carry (its own, the common ones and its family’s context), from the catalogue.',
		value: Math.max( 0, ...carried ),
	} );
	return facts;
}

/* ---------- Reading emitters and call sites ---------- */

function sourceFiles( dir ) {
	if ( ! existsSync( join( root, dir ) ) ) {
		return [];
	}
	return readdirSync( join( root, dir ), {
		recursive: true,
		withFileTypes: true,
	} )
		.filter( ( e ) => e.isFile() && /\.(tsx?|php)$/.test( e.name ) )
		.map( ( e ) =>
			relative( root, join( e.parentPath ?? e.path, e.name ) )
		)
		.filter(
			( f ) =>
				! f.startsWith( CATALOGUE_DIR ) &&
				! [ PHP_FILE, FACTS_FILE ].includes( f )
		)
		.sort();
}

const DECLARATION =
	/^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+|final\s+|public\s+|protected\s+|private\s+|static\s+|async\s+)*(?:function\s*\*?\s*&?\s*|const\s+|let\s+|class\s+)?([A-Za-z_$][\w$]*)/;

/**
 * Finds `@fires` annotations: the doc block's emitter is the declaration that follows it (a
 * PHP method is named `Class::method`).
 *
 * @param {string[]} files Source files, relative to the root.
 * @return {Array<{event: string, text: string, symbol: string, file: string}>} Emitters.
 */
function readEmitters( files ) {
	const emitters = [];
	for ( const file of files ) {
		const text = readFileSync( join( root, file ), 'utf8' );
		const blocks = /\/\*\*([\s\S]*?)\*\//g;
		let block;
		while ( ( block = blocks.exec( text ) ) ) {
			if ( ! block[ 1 ].includes( '@fires' ) ) {
				continue;
			}
			const after = text
				.slice( block.index + block[ 0 ].length )
				.replace( /^\s*\n/, '' );
			const match = after
				.split( '\n' )
				.find( ( line ) => line.trim() )
				?.match( DECLARATION );
			let symbol = match ? match[ 1 ] : 'anonymous';
			if (
				file.endsWith( '.php' ) &&
				/function\s/.test( after.split( '\n' )[ 0 ] )
			) {
				const classes = [
					...text
						.slice( 0, block.index )
						.matchAll( /\bclass\s+(\w+)/g ),
				];
				if ( classes.length ) {
					symbol = `${
						classes[ classes.length - 1 ][ 1 ]
					}::${ symbol }`;
				}
			}
			const lines = block[ 1 ]
				.split( '\n' )
				.map( ( l ) => l.replace( /^\s*\*\s?/, '' ) );
			let current = null;
			for ( const line of lines ) {
				const fires = line.match( /^@fires\s+([a-z0-9_]+)\s*(.*)$/ );
				if ( fires ) {
					current = {
						event: fires[ 1 ],
						text: fires[ 2 ].trim(),
						symbol,
						file,
					};
					emitters.push( current );
				} else if ( line.startsWith( '@' ) ) {
					current = null;
				} else if ( current && line.trim() ) {
					current.text = `${ current.text } ${ line.trim() }`.trim();
				}
			}
		}
	}
	return emitters;
}

/**
 * The function a position in a file belongs to, named like `@fires` emitters (`Class::method`
 * in PHP): the nearest declaration before it.
 *
 * @param {string} text  File text.
 * @param {number} index Position.
 * @param {string} file  File, relative to the root.
 * @return {string} Symbol, or `(top level)`.
 */
function enclosingSymbol( text, index, file ) {
	const before = text.slice( 0, index );
	const functions = [
		...before.matchAll(
			/\bfunction\s*&?\s*([A-Za-z_$][\w$]*)|\b(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?\(/g
		),
	];
	if ( ! functions.length ) {
		return '(top level)';
	}
	const last = functions[ functions.length - 1 ];
	const name = last[ 1 ] ?? last[ 2 ];
	const classes = file.endsWith( '.php' )
		? [ ...before.matchAll( /\bclass\s+(\w+)/g ) ]
		: [];
	return classes.length
		? `${ classes[ classes.length - 1 ][ 1 ] }::${ name }`
		: name;
}

/**
 * Calls that name their event literally: recordEvent( 'x' ), record_event( 'x' ), and the public
 * utw_record_event( 'x' ), which is an emitter in its own right (see the rules above).
 *
 * @param {string[]} files Source files, relative to the root.
 * @return {Array<{event: string, file: string, symbol: string, public: boolean}>} Calls.
 */
function readCallSites( files ) {
	const calls = [];
	for ( const file of files ) {
		const text = readFileSync( join( root, file ), 'utf8' );
		for ( const call of text.matchAll(
			/\b(utw_record_event|recordEvent|record_event)\s*\(\s*['"]([^'"]+)['"]/g
		) ) {
			calls.push( {
				event: call[ 2 ],
				file,
				symbol: enclosingSymbol( text, call.index, file ),
				public: call[ 1 ] === 'utw_record_event',
			} );
		}
	}
	return calls;
}

/**
 * `@fires` emitters plus the public function's literal calls, each listed once per function.
 *
 * @param {Array}  emitters `@fires` emitters.
 * @param {Array}  calls    Literal calls.
 * @param {Object} events   Catalogued events.
 * @return {Array} Emitters.
 */
function withPublicCalls( emitters, calls, events ) {
	const all = [ ...emitters ];
	for ( const { event, file, symbol } of calls.filter( ( c ) => c.public ) ) {
		const known = all.some(
			( e ) => e.event === event && e.file === file && e.symbol === symbol
		);
		if ( events[ event ] && ! known ) {
			all.push( {
				event,
				file,
				symbol,
				text: 'Records it with `utw_record_event()`.',
			} );
		}
	}
	return all;
}

/* ---------- Writing ---------- */

function propertyRows( properties ) {
	return Object.entries( properties ).map( ( [ name, p ] ) => {
		const values = p.values
			? `\`${ p.values.map( ( v ) => `'${ v }'` ).join( ' \\| ' ) }\` `
			: '';
		const optional = p.required ? '' : 'Optional. ';
		return `\`${ name }\` | \`${ p.type }\` | ${ values }${ optional }${ p.description }`;
	} );
}

function table( properties ) {
	return [ '|   |   |   |', '|---|---|---|', ...propertyRows( properties ) ];
}

function renderEvents( events, emitters ) {
	const out = [];
	const names = Object.keys( events ).sort( ( a, b ) =>
		events[ a ].sentAs.localeCompare( events[ b ].sentAs )
	);
	for ( const name of names ) {
		const event = events[ name ];
		out.push(
			`### [\`${ event.sentAs }\`](${ event.file })`,
			event.description
		);
		if ( Object.keys( event.properties ).length ) {
			out.push( '#### Properties', ...table( event.properties ) );
		}
		out.push( '#### Emitters' );
		const bySymbol = new Map();
		for ( const emitter of emitters.filter( ( e ) => e.event === name ) ) {
			const key = `${ emitter.symbol }\u0000${ emitter.file }`;
			bySymbol.set( key, [ ...( bySymbol.get( key ) ?? [] ), emitter ] );
		}
		for ( const group of bySymbol.values() ) {
			const { symbol, file } = group[ 0 ];
			const link = `- [\`${ symbol }\`](${ file })`;
			if ( group.length === 1 ) {
				out.push(
					group[ 0 ].text ? `${ link } ${ group[ 0 ].text }` : link
				);
			} else {
				out.push( link, ...group.map( ( e ) => `\t- ${ e.text }` ) );
			}
		}
		out.push( '' );
	}
	return out.join( '\n' );
}

function renderCommon( { common, context } ) {
	const out = [ ...table( common ), '' ];
	for ( const [ family, { description, properties } ] of Object.entries(
		context
	) ) {
		const who =
			family === 'account'
				? 'Every event delivered to the connected analytics account'
				: `Every ${ family } event`;
		out.push(
			`${ who } also carries these. ${ description }`,
			'',
			...table( properties ),
			''
		);
	}
	return out.join( '\n' );
}

function replaceBetween( text, open, close, content ) {
	const start = text.indexOf( open );
	const end = text.indexOf( close );
	if ( start < 0 || end < start ) {
		throw new Error(
			`${ DOC_FILE } lacks the ${ open } … ${ close } markers`
		);
	}
	return (
		text.slice( 0, start + open.length ) +
		'\n' +
		content +
		text.slice( end )
	);
}

function renderDoc( current, catalogue, emitters ) {
	const generated = ( body ) =>
		[
			'<!---',
			'Everything below will be automatically generated by `npm run docs:tracking`.',
			'Do not edit it manually!',
			'-->',
			'',
			body,
			'<!---',
			'End of `npm run docs:tracking`-generated content.',
			'-->',
			'',
		].join( '\n' );
	let text = replaceBetween(
		current,
		'<utw-common-properties>',
		'</utw-common-properties>',
		generated( renderCommon( catalogue ) )
	);
	text = replaceBetween(
		text,
		'<woo-tracking-jsdoc>',
		'</woo-tracking-jsdoc>',
		generated( renderEvents( catalogue.events, emitters ) )
	);
	return text;
}

function phpValue( value, indent ) {
	if ( Array.isArray( value ) ) {
		return `array( ${ value
			.map( ( v ) => phpValue( v, indent ) )
			.join( ', ' ) } )`;
	}
	if ( value && typeof value === 'object' ) {
		const pad = '\t'.repeat( indent + 1 );
		const entries = Object.entries( value ).map(
			( [ k, v ] ) =>
				`${ pad }${ phpValue( k, indent + 1 ) } => ${ phpValue(
					v,
					indent + 1
				) },`
		);
		return entries.length
			? `array(\n${ entries.join( '\n' ) }\n${ '\t'.repeat( indent ) })`
			: 'array()';
	}
	if ( typeof value === 'boolean' ) {
		return value ? 'true' : 'false';
	}
	return `'${ String( value )
		.replace( /\\/g, '\\\\' )
		.replace( /'/g, "\\'" ) }'`;
}

function renderPhp( catalogue, patterns ) {
	const rules = ( properties ) =>
		Object.fromEntries(
			Object.entries( properties ).map(
				( [ name, { description, ...rule } ] ) => [ name, rule ]
			)
		);
	const data = {
		events: Object.fromEntries(
			Object.entries( catalogue.events )
				.sort( ( [ a ], [ b ] ) => a.localeCompare( b ) )
				.map( ( [ name, e ] ) => [
					name,
					{
						family: e.family,
						origin: e.origin,
						destination: e.destination,
						sent_as: e.sentAs,
						properties: rules( e.properties ),
					},
				] )
		),
		common: rules( catalogue.common ),
		context: Object.fromEntries(
			Object.entries( catalogue.context ).map( ( [ family, c ] ) => [
				family,
				rules( c.properties ),
			] )
		),
		privacy_patterns: patterns,
	};
	return [
		'<?php',
		'/**',
		' * Generated by `npm run docs:tracking` from assets/source/tracks/catalogue/ and',
		' * assets/source/tracks/privacy-patterns.ts. Do not edit: change the TypeScript and regenerate.',
		' *',
		' * @package UsageTrackingForWooCommerce',
		' */',
		'',
		"defined( 'ABSPATH' ) || exit;",
		'',
		`return ${ phpValue( data, 0 ) };`,
		'',
	].join( '\n' );
}

function phpDoc( text, indent ) {
	const pad = '\t'.repeat( indent );
	if ( text.length <= 92 ) {
		return [ `${ pad }/** ${ text } */` ];
	}
	const lines = [ '' ];
	for ( const word of text.split( ' ' ) ) {
		const line = lines[ lines.length - 1 ];
		if ( line && line.length + word.length + 1 > 92 ) {
			lines.push( word );
		} else {
			lines[ lines.length - 1 ] = line ? `${ line } ${ word }` : word;
		}
	}
	return [
		`${ pad }/**`,
		...lines.map( ( l ) => `${ pad } * ${ l }` ),
		`${ pad } */`,
	];
}

function renderFacts( facts ) {
	return [
		'<?php',
		'/**',
		' * Facts the PHP bridge and the TypeScript bundles share.',
		' *',
		' * Generated by `npm run docs:tracking` from assets/source/tracks/shared-facts.ts and the event',
		' * catalogue. Do not edit: change the TypeScript and regenerate.',
		' *',
		' * @package UsageTrackingForWooCommerce',
		' */',
		'',
		'namespace Utw\\Tracks;',
		'',
		"defined( 'ABSPATH' ) || exit;",
		'',
		'/**',
		' * Names, patterns and limits both sides of the pipeline must agree on: class constants, so',
		' * reading them costs nothing on a storefront request.',
		' */',
		'final class Shared_Facts {',
		'',
		...facts.flatMap( ( { name, doc, value } ) => [
			...phpDoc( doc, 1 ),
			`\tpublic const ${ name } = ${
				typeof value === 'number' ? value : phpValue( value, 1 )
			};`,
		] ),
		'}',
		'',
	].join( '\n' );
}

/**
 * A title per event as sent: the first sentence of its description, without its full stop or
 * code marks. JSON cannot hold a comment, so the `//` key says where it comes from.
 *
 * @param {Object} catalogue The catalogue.
 * @return {string} The JSON file.
 */
function renderTitles( catalogue ) {
	const titles = {
		'//': 'Generated by `npm run docs:tracking` from assets/source/tracks/catalogue/. Do not edit.',
	};
	for ( const event of Object.values( catalogue.events ).sort( ( a, b ) =>
		a.sentAs.localeCompare( b.sentAs )
	) ) {
		titles[ event.sentAs ] = event.description
			.split( /(?<=\.)\s+(?=[A-Z])/ )[ 0 ]
			.replace( /`| \(addition to seed \d+\)/g, '' )
			.replace( /\.$/, '' );
	}
	return `${ JSON.stringify( titles, null, '\t' ) }\n`;
}

/* ---------- Main ---------- */

function problems( catalogue, emitters, calls ) {
	const found = [];
	for ( const { event, symbol, file } of emitters ) {
		if ( ! catalogue.events[ event ] ) {
			found.push(
				`${ file }: ${ symbol } fires ${ event }, which is not catalogued`
			);
		}
	}
	for ( const { event, file, symbol, public: viaFunction } of calls ) {
		if ( ! catalogue.events[ event ] ) {
			found.push(
				viaFunction
					? `${ file }: ${ symbol } records ${ event } with utw_record_event(), which is not catalogued`
					: `${ file }: records ${ event }, which is not catalogued`
			);
		}
	}
	for ( const name of Object.keys( catalogue.events ) ) {
		if ( ! emitters.some( ( e ) => e.event === name ) ) {
			found.push(
				`${ name } is catalogued but no emitter is annotated with @fires ${ name }`
			);
		}
	}
	return found;
}

function main() {
	const catalogue = readCatalogue();
	const files = SOURCE_DIRS.flatMap( sourceFiles );
	const calls = readCallSites( files );
	const emitters = withPublicCalls(
		readEmitters( files ),
		calls,
		catalogue.events
	);
	const found = problems( catalogue, emitters, calls );
	if ( found.length ) {
		process.stderr.write(
			found.map( ( p ) => `error: ${ p }\n` ).join( '' )
		);
		return 1;
	}
	const outputs = {
		[ DOC_FILE ]: renderDoc(
			readFileSync( join( root, DOC_FILE ), 'utf8' ),
			catalogue,
			emitters
		),
		[ PHP_FILE ]: renderPhp( catalogue, readPrivacyPatterns() ),
		[ FACTS_FILE ]: renderFacts( readSharedFacts( catalogue ) ),
		[ TITLES_FILE ]: renderTitles( catalogue ),
	};
	let stale = 0;
	for ( const [ file, content ] of Object.entries( outputs ) ) {
		const path = join( root, file );
		const current = existsSync( path ) ? readFileSync( path, 'utf8' ) : '';
		if ( current === content ) {
			continue;
		}
		if ( check ) {
			stale++;
			process.stderr.write(
				`stale: ${ file } (run npm run docs:tracking)\n`
			);
		} else {
			writeFileSync( path, content );
			process.stdout.write( `wrote ${ file }\n` );
		}
	}
	if ( ! stale ) {
		process.stdout.write(
			`${ Object.keys( catalogue.events ).length } events, ${
				emitters.length
			} emitters: ${
				check ? 'generated files are current' : 'up to date'
			}\n`
		);
	}
	return stale ? 1 : 0;
}

try {
	process.exitCode = main();
} catch ( error ) {
	process.stderr.write( `error: ${ error.message }\n` );
	process.exitCode = 2;
}
