#!/usr/bin/env node
/**
 * `npm run i18n:pot`: writes languages/usage-tracking-for-woocommerce.pot, the translation template,
 * from the strings of the plugin's PHP (Debian's gettext `xgettext` with WordPress's keywords; no
 * wp-cli here) and of its TypeScript (the `@wordpress/i18n` calls, read with TypeScript's parser).
 *
 *   node bin/make-pot.mjs           write the template
 *   node bin/make-pot.mjs --check   exit 1 when the template is not what the sources make
 *
 * The template carries no creation date and no line numbers, so it only changes when a string,
 * its context, its translators' comment or the file it is in changes.
 */
import { execFileSync } from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
	mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join( dirname( fileURLToPath( import.meta.url ) ), '..' );
const domain = 'usage-tracking-for-woocommerce';
const target = join( root, 'languages', `${ domain }.pot` );
const check = process.argv.includes( '--check' );

// WordPress's gettext functions for PHP, as wp-cli's `i18n make-pot` knows them.
const PHP_KEYWORDS = [
	'__',
	'_e',
	'_x:1,2c',
	'_ex:1,2c',
	'_n:1,2',
	'_nx:1,2,4c',
	'_n_noop:1,2',
	'_nx_noop:1,2,3c',
	'esc_attr__',
	'esc_html__',
	'esc_attr_e',
	'esc_html_e',
	'esc_attr_x:1,2c',
	'esc_html_x:1,2c',
];

// @wordpress/i18n: argument positions of the original, plural, context and text domain.
const JS_FUNCTIONS = {
	__: { msgid: 0, domain: 1 },
	_x: { msgid: 0, context: 1, domain: 2 },
	_n: { msgid: 0, plural: 1, domain: 3 },
	_nx: { msgid: 0, plural: 1, context: 3, domain: 4 },
};

/**
 * Files under a folder whose names end with one of the extensions, relative to the root, sorted.
 *
 * @param {string}   dir        Folder relative to the root.
 * @param {string[]} extensions Name endings.
 * @return {string[]} Paths.
 */
function filesUnder( dir, extensions ) {
	const absolute = join( root, dir );
	if ( ! existsSync( absolute ) ) {
		return [];
	}
	return readdirSync( absolute, { recursive: true, withFileTypes: true } )
		.filter(
			( entry ) =>
				entry.isFile() &&
				extensions.some( ( ext ) => entry.name.endsWith( ext ) )
		)
		.map( ( entry ) =>
			relative( root, join( entry.parentPath ?? entry.path, entry.name ) )
		)
		.sort();
}

/**
 * A PO string literal.
 *
 * @param {string} text Text.
 * @return {string} Quoted and escaped.
 */
function quote( text ) {
	return `"${ text
		.replace( /\\/g, '\\\\' )
		.replace( /"/g, '\\"' )
		.replace( /\n/g, '\\n' )
		.replace( /\t/g, '\\t' ) }"`;
}

/**
 * The translators' comment written just before a call, or before the expression it is part of.
 *
 * @param {ts.SourceFile} source The file.
 * @param {ts.Node}       node   The call.
 * @return {string} The comment's text, or ''.
 */
function translatorsComment( source, node ) {
	const text = source.getFullText();
	for (
		let current = node, depth = 0;
		current && depth < 4;
		current = current.parent, depth++
	) {
		const comments =
			ts.getLeadingCommentRanges( text, current.getFullStart() ) ?? [];
		for ( const { pos, end } of comments.reverse() ) {
			const comment = text
				.slice( pos, end )
				.replace( /^\/\*+|\*+\/$|^\/\//g, '' )
				.trim();
			if ( comment.startsWith( 'translators:' ) ) {
				return comment;
			}
		}
	}
	return '';
}

/**
 * The PO entries of the @wordpress/i18n calls in the TypeScript sources.
 *
 * @param {string[]} files Paths relative to the root.
 * @return {string} PO entries.
 */
function typescriptEntries( files ) {
	// One entry per context and original, with every file and comment that has it.
	const entries = new Map();
	for ( const file of files ) {
		const source = ts.createSourceFile(
			file,
			readFileSync( join( root, file ), 'utf8' ),
			ts.ScriptTarget.Latest,
			true,
			file.endsWith( '.tsx' ) ? ts.ScriptKind.TSX : ts.ScriptKind.TS
		);
		const visit = ( node ) => {
			const spec =
				ts.isCallExpression( node ) &&
				ts.isIdentifier( node.expression ) &&
				JS_FUNCTIONS[ node.expression.text ];
			const arg = ( index ) => {
				const a = index === undefined ? null : node.arguments[ index ];
				return a && ts.isStringLiteralLike( a ) ? a.text : null;
			};
			if (
				spec &&
				arg( spec.domain ) === domain &&
				arg( spec.msgid ) !== null
			) {
				const context = arg( spec.context );
				const key = `${ context }\u0004${ arg( spec.msgid ) }`;
				const entry = entries.get( key ) ?? {
					comments: new Set(),
					files: new Set(),
					context,
					msgid: arg( spec.msgid ),
					plural:
						spec.plural === undefined ? null : arg( spec.plural ),
				};
				const comment = translatorsComment( source, node );
				if ( comment ) {
					entry.comments.add( comment );
				}
				entry.files.add( file );
				entries.set( key, entry );
			}
			ts.forEachChild( node, visit );
		};
		visit( source );
	}
	return [ ...entries.values() ]
		.map( ( entry ) =>
			[
				...[ ...entry.comments ].map( ( c ) => `#. ${ c }` ),
				`#: ${ [ ...entry.files ].join( ' ' ) }`,
				...( entry.context === null
					? []
					: [ `msgctxt ${ quote( entry.context ) }` ] ),
				`msgid ${ quote( entry.msgid ) }`,
				...( entry.plural === null
					? [ 'msgstr ""' ]
					: [
							`msgid_plural ${ quote( entry.plural ) }`,
							'msgstr[0] ""',
							'msgstr[1] ""',
					  ] ),
			].join( '\n' )
		)
		.join( '\n\n' );
}

/**
 * The PO entries of the plugin header's translatable fields, as WordPress translates them.
 *
 * @return {string} PO entries.
 */
function pluginHeaderEntries() {
	const header = readFileSync( join( root, 'plugin.php' ), 'utf8' );
	return [ 'Plugin Name', 'Plugin URI', 'Description', 'Author' ]
		.map( ( field ) => {
			const value = header.match(
				new RegExp( `^[ \\t/*#@]*${ field }:\\s*(.+?)\\s*$`, 'mi' )
			)?.[ 1 ];
			return value
				? `#. ${ field } of the plugin\n#: plugin.php\nmsgid ${ quote(
						value
				  ) }\nmsgstr ""`
				: '';
		} )
		.filter( Boolean )
		.join( '\n\n' );
}

const HEADER = `# Translation template of Usage Tracking for WooCommerce.
# This file is distributed under the same license as the plugin (GPL-2.0-or-later).
# Generated by \`npm run i18n:pot\` (bin/make-pot.mjs) from the PHP and TypeScript sources: do not edit.
msgid ""
msgstr ""
"Project-Id-Version: Usage Tracking for WooCommerce\\n"
"Report-Msgid-Bugs-To: https://wordpress.org/support/plugin/${ domain }\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Domain: ${ domain }\\n"
`;

/**
 * Builds the template's text.
 *
 * @return {string} The .pot file.
 */
function buildTemplate() {
	const work = mkdtempSync( join( tmpdir(), 'utw-pot-' ) );
	try {
		const php = [
			'plugin.php',
			'uninstall.php',
			...filesUnder( 'includes', [ '.php' ] ),
		].filter( ( file ) => existsSync( join( root, file ) ) );
		execFileSync(
			'xgettext',
			[
				'--language=PHP',
				'--from-code=UTF-8',
				'--add-comments=translators:',
				'--add-location=file',
				'--no-wrap',
				'--force-po',
				...PHP_KEYWORDS.map( ( k ) => `--keyword=${ k }` ),
				'--output',
				join( work, 'php.pot' ),
				...php,
			],
			{ cwd: root }
		);
		const headerOnly = `msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n`;
		writeFileSync(
			join( work, 'php.pot' ),
			readFileSync( join( work, 'php.pot' ), 'utf8' ).replace(
				'charset=CHARSET',
				'charset=UTF-8'
			)
		);
		writeFileSync(
			join( work, 'ts.pot' ),
			`${ headerOnly }\n${ pluginHeaderEntries() }\n\n${ typescriptEntries(
				filesUnder( 'assets/source', [ '.ts', '.tsx' ] )
			) }\n`
		);
		const merged = execFileSync(
			'msgcat',
			[
				'--use-first',
				'--no-wrap',
				'--sort-output',
				'--add-location=file',
				join( work, 'php.pot' ),
				join( work, 'ts.pot' ),
			],
			{ cwd: root, encoding: 'utf8' }
		);
		// Everything after the header entry (the first blank line), under the fixed header.
		const body = merged.slice( merged.indexOf( '\n\n' ) + 2 );
		return `${ HEADER }\n${ body }`;
	} finally {
		rmSync( work, { recursive: true, force: true } );
	}
}

let template;
try {
	template = buildTemplate();
} catch ( error ) {
	process.stderr.write(
		`make-pot: ${ error.message }\n(xgettext and msgcat come from Debian's gettext package: apt-get install gettext)\n`
	);
	process.exit( 2 );
}
const current = existsSync( target ) ? readFileSync( target, 'utf8' ) : '';
if ( check ) {
	if ( current !== template ) {
		process.stderr.write(
			`${ relative( root, target ) } is stale: run npm run i18n:pot\n`
		);
		process.exit( 1 );
	}
	process.stdout.write( `${ relative( root, target ) } is current\n` );
} else {
	mkdirSync( dirname( target ), { recursive: true } );
	writeFileSync( target, template );
	const count = ( template.match( /^msgid "/gm ) ?? [] ).length - 1;
	process.stdout.write(
		`wrote ${ relative( root, target ) } (${ count } strings)\n`
	);
}
