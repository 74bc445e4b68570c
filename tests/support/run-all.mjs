#!/usr/bin/env node
/**
 * `npm test`: every tier, with one summary line per tier and matrix entry.
 *
 *   node tests/support/run-all.mjs [checks|unit|php|e2e ...]   (default: all)
 *
 * Tiers: checks (lint, generated files, release contents), jest, then for each entry of the
 * version matrix (`stack.sh matrix`: the oldest WordPress and WooCommerce supported, the newest
 * stores run) PHPUnit on the real stack and Playwright with WordPress alone and with WooCommerce.
 * The stores run the plugin installed from the release zip (`npm run plugin-zip`), not the
 * working tree. Each entry has its own stack: the first is `test` (or UTW_STACK), the others
 * `test-<entry>`. A tier or entry that cannot run says why on its line and counts its tests as
 * skipped; nothing is skipped silently. Exits 1 when any tier failed. The last line reads
 * `total: N passed, N failed, N skipped`. After a full run in which nothing failed, the summary
 * is written into README.md between its test-summary markers when its figures changed.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import {
	existsSync,
	readFileSync,
	mkdirSync,
	rmSync,
	renameSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join( dirname( fileURLToPath( import.meta.url ) ), '../..' );
// `test` unless told otherwise, so that parallel runs can each have their own stacks.
const baseStack = process.env.UTW_STACK || 'test';
const reportsRoot = join( root, '.stack', baseStack, 'reports' );
let reports = reportsRoot;
const stackScript = join( root, 'tests/support/stack/stack.sh' );
const slug = 'usage-tracking-for-woocommerce';
const wanted = process.argv.slice( 2 );
const runs = ( tier ) => ! wanted.length || wanted.includes( tier );
const results = [];
const notes = [];

function run( command, args, env = {} ) {
	process.stdout.write( `\n$ ${ [ command, ...args ].join( ' ' ) }\n` );
	return spawnSync( command, args, {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, ...env },
	} ).status;
}

function record( tier, counts, note = '' ) {
	results.push( { tier, ...counts, note } );
}

function stackEnv( stack, entry ) {
	const lines = execFileSync( 'bash', [ stackScript, 'env' ], {
		cwd: root,
		env: { ...process.env, UTW_STACK: stack, UTW_ENTRY: entry },
		encoding: 'utf8',
	} );
	return Object.fromEntries(
		[ ...lines.matchAll( /^export (\w+)=(.*)$/gm ) ].map(
			( [ , k, v ] ) => [ k, v.replace( /^'|'$/g, '' ) ]
		)
	);
}

function ensureInstalled() {
	if ( ! existsSync( join( root, 'node_modules/.bin/wp-scripts' ) ) ) {
		run( 'npm', [ 'install', '--no-audit', '--no-fund' ], {
			PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
		} );
	}
	if ( ! existsSync( join( root, 'vendor/bin/phpunit' ) ) ) {
		run( 'composer', [ 'install', '--no-interaction', '--no-progress' ] );
	}
	if ( run( 'npm', [ 'run', 'build', '--silent' ] ) !== 0 ) {
		throw new Error( 'npm run build failed' );
	}
}

/**
 * Makes the release zip (`wp-scripts plugin-zip`, after the build above) and keeps it in this
 * run's reports, so that parallel runs do not replace each other's.
 *
 * @return {{file: string, bytes: number, entries: string[]}} The zip.
 */
function releaseZip() {
	if ( run( 'npx', [ 'wp-scripts', 'plugin-zip' ] ) !== 0 ) {
		throw new Error( 'wp-scripts plugin-zip failed' );
	}
	const file = join( reportsRoot, `${ slug }.zip` );
	renameSync( join( root, `${ slug }.zip` ), file );
	const entries = execFileSync( 'unzip', [ '-Z1', file ], {
		encoding: 'utf8',
	} )
		.split( '\n' )
		.filter( Boolean );
	return { file, bytes: statSync( file ).size, entries };
}

/**
 * What is wrong with the release's contents: what a merchant needs and is missing, and what
 * only developers use and would ship.
 *
 * @param {string[]} entries The zip's file names.
 * @return {string[]} Problems, none when the release is right.
 */
function releaseProblems( entries ) {
	const inside = entries.map( ( e ) => e.replace( `${ slug }/`, '' ) );
	const required = [
		'plugin.php',
		'uninstall.php',
		'readme.txt',
		`languages/${ slug }.pot`,
		'includes/Plugin.php',
		'assets/build/storefront.js',
		'assets/build/storefront.asset.php',
		'assets/build/setup-guide.js',
		'assets/build/setup-guide.asset.php',
	];
	const forbidden = [
		[ /\.map$/, 'source map' ],
		[ /(^|\/)\.[^/]+$/, 'hidden file' ],
		[
			/^(tests|bin|node_modules|vendor|docs|\.stack)\//,
			'development folder',
		],
		[
			/\.dist$|^(phpcs|phpstan|phpunit)\b|^tsconfig|^webpack|^composer\./,
			'dev config',
		],
		[ /(^|\/)[^/]+\.(test|spec)\.[jt]sx?$/, 'test' ],
	];
	return [
		...entries
			.filter( ( e ) => ! e.startsWith( `${ slug }/` ) )
			.map( ( e ) => `${ e } is outside the ${ slug }/ folder` ),
		...required
			.filter( ( f ) => ! inside.includes( f ) )
			.map( ( f ) => `${ f } is missing` ),
		...inside.flatMap( ( f ) =>
			forbidden
				.filter( ( [ pattern ] ) => pattern.test( f ) )
				.map( ( [ , what ] ) => `${ f } would ship (${ what })` )
		),
	];
}

/**
 * Whether .wp-env.json (for developers with Docker) runs an entry of the version matrix, with
 * WooCommerce and this plugin.
 *
 * @param {Array<Object>} matrix `stack.sh matrix`.
 * @return {string[]} Problems, none when it does.
 */
function wpEnvProblems( matrix ) {
	const config = JSON.parse(
		readFileSync( join( root, '.wp-env.json' ), 'utf8' )
	);
	const core = /^WordPress\/WordPress#(\d+\.\d+)/.exec(
		config.core ?? ''
	)?.[ 1 ];
	const woocommerce = ( config.plugins ?? [] )
		.map( ( p ) => /\/woocommerce\.(\d+\.\d+\.\d+)\.zip$/.exec( p )?.[ 1 ] )
		.find( Boolean );
	const entry = matrix.find(
		( e ) => e.wordpress === core && e.woocommerce === woocommerce
	);
	const problems = [];
	if ( ! entry ) {
		problems.push(
			`.wp-env.json runs WordPress ${ core } and WooCommerce ${ woocommerce }, which no matrix entry tests (${ matrix
				.map( ( e ) => `${ e.wordpress } + ${ e.woocommerce }` )
				.join( ', ' ) })`
		);
	}
	if ( ! ( config.plugins ?? [] ).includes( '.' ) ) {
		problems.push( '.wp-env.json does not load this plugin (".")' );
	}
	return problems;
}

/* ---------- Tiers ---------- */

function checks() {
	const steps = [
		[
			'lint (wp-scripts lint-js, tsc, phpcs, phpstan)',
			[ 'npm', [ 'run', 'lint', '--silent' ] ],
		],
		[
			'generated files current',
			[ 'npm', [ 'run', 'docs:tracking', '--silent', '--', '--check' ] ],
		],
		[
			'translation template current',
			[ 'npm', [ 'run', 'i18n:pot', '--silent', '--', '--check' ] ],
		],
		[ 'release zip contents', () => releaseProblems( zip.entries ) ],
		[ '.wp-env.json runs a matrix entry', () => wpEnvProblems( matrix ) ],
	];
	let passed = 0;
	const failedSteps = [];
	for ( const [ name, step ] of steps ) {
		let ok;
		if ( typeof step === 'function' ) {
			process.stdout.write( `\n$ check: ${ name }\n` );
			const problems = step();
			problems.forEach( ( p ) => process.stdout.write( `  ${ p }\n` ) );
			ok = ! problems.length;
		} else {
			ok = run( step[ 0 ], step[ 1 ] ) === 0;
		}
		if ( ok ) {
			passed++;
		} else {
			failedSteps.push( name );
		}
	}
	record(
		'checks',
		{ passed, failed: failedSteps.length, skipped: 0 },
		failedSteps.join( '; ' )
	);
}

function jest() {
	const file = join( reports, 'jest.json' );
	run( 'npx', [
		'wp-scripts',
		'test-unit-js',
		'--config',
		'tests/js/jest.config.js',
		'--json',
		'--outputFile',
		file,
	] );
	if ( ! existsSync( file ) ) {
		return record(
			'jest',
			{ passed: 0, failed: 1, skipped: 0 },
			'jest did not report'
		);
	}
	const report = JSON.parse( readFileSync( file, 'utf8' ) );
	record( 'jest', {
		passed: report.numPassedTests,
		failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
		skipped: report.numPendingTests + report.numTodoTests,
	} );
}

function phpunit( tier, stack, env ) {
	resetStack( stack, 'woocommerce' );
	const file = join( reports, 'phpunit.xml' );
	run( 'vendor/bin/phpunit', [ '--log-junit', file ], env );
	if ( ! existsSync( file ) ) {
		return record(
			tier,
			{ passed: 0, failed: 1, skipped: 0 },
			'PHPUnit did not report'
		);
	}
	const suite =
		readFileSync( file, 'utf8' ).match( /<testsuite [^>]*>/ )?.[ 0 ] ?? '';
	const count = ( name ) =>
		Number( suite.match( new RegExp( `${ name }="(\\d+)"` ) )?.[ 1 ] ?? 0 );
	const failed = count( 'failures' ) + count( 'errors' );
	const skipped = count( 'skipped' );
	record( tier, {
		passed: count( 'tests' ) - failed - skipped,
		failed,
		skipped,
	} );
}

/**
 * How many tests a Playwright project has, without running them.
 *
 * @param {string} project Project name.
 * @return {number} Tests.
 */
function playwrightCount( project ) {
	const listed = spawnSync(
		'npx',
		[
			'playwright',
			'test',
			'--list',
			'--project',
			project,
			'--reporter',
			'json',
		],
		{ cwd: root, encoding: 'utf8' }
	);
	return (
		JSON.parse( listed.stdout || '{"stats":{}}' ).suites?.flatMap(
			function specs( s ) {
				return [
					...( s.specs ?? [] ),
					...( s.suites ?? [] ).flatMap( specs ),
				];
			}
		).length ?? 0
	);
}

/**
 * How many PHPUnit tests there are, without WordPress (their bootstrap needs a running store).
 *
 * @return {number} Test methods under tests/php.
 */
function phpunitCount() {
	const files = execFileSync( 'find', [ 'tests/php', '-name', '*Test.php' ], {
		cwd: root,
		encoding: 'utf8',
	} )
		.split( '\n' )
		.filter( Boolean );
	return files.reduce(
		( sum, file ) =>
			sum +
			( readFileSync( join( root, file ), 'utf8' ).match(
				/public function test_?\w*\s*\(/g
			)?.length ?? 0 ),
		0
	);
}

function playwright( tier, project, env ) {
	const file = join( reports, `playwright-${ project }.json` );
	run(
		'npx',
		[
			'playwright',
			'test',
			'--project',
			project,
			'--reporter',
			'list,json',
		],
		{
			...env,
			PLAYWRIGHT_JSON_OUTPUT_NAME: file,
		}
	);
	if ( ! existsSync( file ) ) {
		return record(
			tier,
			{ passed: 0, failed: 1, skipped: 0 },
			'Playwright did not report'
		);
	}
	const { stats } = JSON.parse( readFileSync( file, 'utf8' ) );
	record( tier, {
		passed: stats.expected + stats.flaky,
		failed: stats.unexpected,
		skipped: stats.skipped,
	} );
}

/**
 * Plugin Check (the wordpress.org review tool) on the zip as the stack installed it. Plugin Check
 * is read from PLUGIN_CHECK_DIR (default /opt/plugin-check) and linked into the stack only while
 * it runs. One test: it passes with no error; the warnings are listed on the line.
 *
 * @param {string} tier Summary line name.
 * @param {Object} env  The stack's environment.
 */
function pluginCheck( tier, env ) {
	const dir = process.env.PLUGIN_CHECK_DIR || '/opt/plugin-check';
	if ( ! existsSync( join( dir, 'vendor/autoload.php' ) ) ) {
		return record(
			tier,
			{ passed: 0, failed: 0, skipped: 1 },
			`skipped: no Plugin Check with its vendor/ at ${ dir } (set PLUGIN_CHECK_DIR)`
		);
	}
	const link = join( env.UTW_WP_DIR, 'wp-content/plugins/plugin-check' );
	process.stdout.write(
		`\n$ php bin/plugin-check.php ${ env.UTW_WP_DIR } ${ slug }\n`
	);
	execFileSync( 'ln', [ '-sfn', dir, link ] );
	const checked = spawnSync(
		'php',
		[
			'-d',
			'memory_limit=1G',
			'bin/plugin-check.php',
			env.UTW_WP_DIR,
			slug,
		],
		{ cwd: root, encoding: 'utf8' }
	);
	rmSync( link, { force: true } );
	process.stdout.write( checked.stdout + checked.stderr );
	const [ , errors, warnings ] =
		/plugin check: (\d+) errors, (\d+) warnings/.exec( checked.stdout ) ??
		[];
	if ( errors === undefined ) {
		return record(
			tier,
			{ passed: 0, failed: 1, skipped: 0 },
			'Plugin Check did not report'
		);
	}
	const codes = [
		...new Set(
			[ ...checked.stdout.matchAll( /^WARNING \S+ ([^:]+):/gm ) ].map(
				( m ) => m[ 1 ]
			)
		),
	];
	record(
		tier,
		{
			passed: errors === '0' ? 1 : 0,
			failed: errors === '0' ? 0 : 1,
			skipped: 0,
		},
		`${ errors } errors, ${ warnings } warnings${
			codes.length ? `: ${ codes.join( ', ' ) }` : ''
		}`
	);
}

function resetStack( stack, snapshot ) {
	execFileSync( 'bash', [ stackScript, 'reset', snapshot ], {
		cwd: root,
		env: { ...process.env, UTW_STACK: stack },
		stdio: 'inherit',
	} );
}

/**
 * The version matrix, from the stack script.
 *
 * @return {Array<{entry: string, wordpress: string, woocommerce: string, woocommerceDirVariable: string, woocommerceDirDefault: string}>} Entries.
 */
function readMatrix() {
	return execFileSync( 'bash', [ stackScript, 'matrix' ], {
		cwd: root,
		encoding: 'utf8',
	} )
		.split( '\n' )
		.filter( Boolean )
		.map( ( line ) => JSON.parse( line ) );
}

/**
 * The WooCommerce version in a plugin directory's header, or null when there is none.
 *
 * @param {string} dir WooCommerce plugin directory.
 * @return {string|null} Version.
 */
function woocommerceVersion( dir ) {
	const file = join( dir, 'woocommerce.php' );
	return existsSync( file )
		? /^[ \t*]*Version:\s*([\d.]+)/m.exec(
				readFileSync( file, 'utf8' )
		  )?.[ 1 ] ?? null
		: null;
}

/**
 * PHPUnit and Playwright on one matrix entry, on a stack of its own running the zip.
 *
 * @param {Object} entry A matrix entry.
 * @param {number} index Its position (the first gets the base stack's name).
 */
function storeTiers( entry, index ) {
	const stack = index === 0 ? baseStack : `${ baseStack }-${ entry.entry }`;
	const dir =
		process.env[ entry.woocommerceDirVariable ] ||
		entry.woocommerceDirDefault;
	const found = woocommerceVersion( dir );
	const wp = `wp ${ entry.wordpress }`;
	const wcTier = ( name ) =>
		`${ name } (woocommerce ${ found ?? entry.woocommerce }, ${ wp })`;
	const started = Date.now();
	reports = join( reportsRoot, entry.entry );
	mkdirSync( reports, { recursive: true } );
	if ( ! found ) {
		const why = `skipped: no WooCommerce at ${ dir } (set ${ entry.woocommerceDirVariable })`;
		if ( runs( 'php' ) ) {
			record(
				wcTier( 'phpunit' ),
				{ passed: 0, failed: 0, skipped: phpunitCount() },
				why
			);
		}
		if ( runs( 'e2e' ) ) {
			record(
				wcTier( 'playwright' ),
				{
					passed: 0,
					failed: 0,
					skipped: playwrightCount( 'woocommerce' ),
				},
				why
			);
		}
	}
	const stackVars = {
		UTW_STACK: stack,
		UTW_ENTRY: entry.entry,
		UTW_PLUGIN_ZIP: zip.file,
	};
	// A stack kept from an earlier run may be serving older collector or service code:
	// restart its processes (the database and WordPress stay as they are).
	run( 'bash', [ stackScript, 'stop' ], stackVars );
	if (
		run( 'bash', [ stackScript, 'start' ], {
			...stackVars,
			UTW_SKIP_ASSETS: '1',
		} ) !== 0
	) {
		throw new Error(
			`the local stack ${ stack } did not start (see above)`
		);
	}
	try {
		const env = stackEnv( stack, entry.entry );
		if ( found && runs( 'php' ) ) {
			phpunit( wcTier( 'phpunit' ), stack, env );
		}
		if ( runs( 'e2e' ) ) {
			playwright(
				`playwright (wordpress ${ entry.wordpress })`,
				'wordpress',
				env
			);
			if ( found ) {
				playwright( wcTier( 'playwright' ), 'woocommerce', env );
			}
		}
		// Plugin Check once, on the newest WordPress and WooCommerce.
		if ( runs( 'checks' ) && index === matrix.length - 1 ) {
			pluginCheck( `plugin check (${ slug }.zip, ${ wp })`, env );
		}
		notes.push(
			`${ entry.entry }: WordPress ${ env.UTW_WORDPRESS_VERSION }, ${
				found ? `WooCommerce ${ found }` : 'no WooCommerce'
			}, stack ${ stack }, ${ Math.round(
				( Date.now() - started ) / 1000
			) } s`
		);
	} finally {
		if ( process.env.UTW_KEEP_STACK !== '1' ) {
			run( 'bash', [ stackScript, 'stop' ], { UTW_STACK: stack } );
		}
	}
}

/**
 * Writes the summary into README.md between its markers, when its figures changed: the counts,
 * or the time by more than a quarter.
 *
 * @param {string[]} lines   Tier lines and the total.
 * @param {number}   seconds How long the run took.
 */
function updateReadme( lines, seconds ) {
	const readme = join( root, 'README.md' );
	const start =
		'<!-- test-summary:start (written by npm test after a full run) -->';
	const end = '<!-- test-summary:end -->';
	const text = readFileSync( readme, 'utf8' );
	const from = text.indexOf( start );
	const to = text.indexOf( end );
	if ( from < 0 || to < from ) {
		return;
	}
	const old = text.slice( from + start.length, to );
	const oldMinutes = Number( /about (\d+) minutes/.exec( old )?.[ 1 ] ?? 0 );
	const minutes = Math.max( 1, Math.round( seconds / 60 ) );
	const block = `\n\`\`\`\n${ lines.join(
		'\n'
	) }\n\`\`\`\n\n(about ${ minutes } minutes for the last full run on a 2-core machine, ${ zipLine }.)\n`;
	const sameCounts =
		old.replace( /\n\(about[^]*$/, '' ) ===
		block.replace( /\n\(about[^]*$/, '' );
	if ( sameCounts && Math.abs( oldMinutes - minutes ) <= oldMinutes / 4 ) {
		return;
	}
	writeFileSync(
		readme,
		text.slice( 0, from + start.length ) + block + text.slice( to )
	);
	process.stdout.write( 'README.md: test summary updated\n' );
}

/* ---------- Main ---------- */

const started = Date.now();
let crashed = '';
let zip = { file: '', bytes: 0, entries: [] };
let zipLine = '';
let matrix = [];
try {
	rmSync( reportsRoot, { recursive: true, force: true } );
	mkdirSync( reportsRoot, { recursive: true } );
	ensureInstalled();
	matrix = readMatrix();
	zip = releaseZip();
	zipLine = `the plugin installed from ${ slug }.zip, ${ (
		zip.bytes / 1024
	).toFixed( 1 ) } KB, ${ zip.entries.length } files`;
	if ( runs( 'checks' ) ) {
		checks();
	}
	if ( runs( 'unit' ) ) {
		jest();
	}
	if ( runs( 'php' ) || runs( 'e2e' ) ) {
		matrix.forEach( storeTiers );
	}
} catch ( error ) {
	crashed = error.message;
}

const seconds = Math.round( ( Date.now() - started ) / 1000 );
const total = { passed: 0, failed: crashed ? 1 : 0, skipped: 0 };
const lines = [];
for ( const { tier, passed, failed, skipped, note } of results ) {
	total.passed += passed;
	total.failed += failed;
	total.skipped += skipped;
	lines.push(
		`${ tier }: ${ passed } passed, ${ failed } failed, ${ skipped } skipped${
			note ? ` (${ note })` : ''
		}`
	);
}
lines.push(
	`total: ${ total.passed } passed, ${ total.failed } failed, ${ total.skipped } skipped`
);
process.stdout.write(
	`\nSummary (${ seconds } s; ${
		zipLine
			? `${ zipLine }: ${ relative( root, zip.file ) }`
			: 'no release zip'
	})\n`
);
notes.forEach( ( note ) => process.stdout.write( `  ${ note }\n` ) );
if ( crashed ) {
	process.stdout.write( `runner: ${ crashed }\n` );
}
if ( ! wanted.length && ! total.failed && results.length ) {
	updateReadme( lines, seconds );
}
process.stdout.write( `${ lines.join( '\n' ) }\n` );
process.exitCode = total.failed || ! results.length ? 1 : 0;
