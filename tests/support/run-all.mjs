#!/usr/bin/env node
/**
 * `npm test`: every tier, against the local `test` stack, with one summary line per tier.
 *
 *   node tests/support/run-all.mjs [checks|unit|php|e2e ...]   (default: all)
 *
 * The stack is `test`, or the one named by UTW_STACK.
 * Tiers: checks (lint, generated files), jest, PHPUnit on the real stack, Playwright with
 * WordPress alone, Playwright with WooCommerce. A tier that cannot run says why on its line;
 * nothing is skipped silently. Exits 1 when any tier failed. The last line reads
 * `total: N passed, N failed, N skipped`.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join( dirname( fileURLToPath( import.meta.url ) ), '../..' );
// `test` unless told otherwise, so that parallel runs can each have their own stack.
const stack = process.env.UTW_STACK || 'test';
const reports = join( root, '.stack', stack, 'reports' );
const stackScript = join( root, 'tests/support/stack/stack.sh' );
const wanted = process.argv.slice( 2 );
const runs = ( tier ) => ! wanted.length || wanted.includes( tier );
const results = [];

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

function stackEnv() {
	const lines = execFileSync( 'bash', [ stackScript, 'env' ], {
		cwd: root,
		env: { ...process.env, UTW_STACK: stack },
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
	];
	let passed = 0;
	const failedSteps = [];
	for ( const [ name, [ command, args ] ] of steps ) {
		if ( run( command, args ) === 0 ) {
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

function phpunit( env ) {
	if ( env.UTW_HAS_WOOCOMMERCE !== '1' ) {
		return record(
			'phpunit',
			{ passed: 0, failed: 0, skipped: 0 },
			`not run: the plugin needs WooCommerce and none was found at ${ env.WOOCOMMERCE_DIR }`
		);
	}
	resetStack( 'woocommerce' );
	const file = join( reports, 'phpunit.xml' );
	run( 'vendor/bin/phpunit', [ '--log-junit', file ], env );
	if ( ! existsSync( file ) ) {
		return record(
			'phpunit',
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
	record( 'phpunit', {
		passed: count( 'tests' ) - failed - skipped,
		failed,
		skipped,
	} );
}

function playwright( project, env ) {
	const tier = `playwright (${ project })`;
	if ( project === 'woocommerce' && env.UTW_HAS_WOOCOMMERCE !== '1' ) {
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
			{ cwd: root, encoding: 'utf8', env: { ...process.env, ...env } }
		);
		const total = JSON.parse(
			listed.stdout || '{"stats":{}}'
		).suites?.flatMap( function specs( s ) {
			return [
				...( s.specs ?? [] ),
				...( s.suites ?? [] ).flatMap( specs ),
			];
		} ).length;
		return record(
			tier,
			{ passed: 0, failed: 0, skipped: total ?? 0 },
			`skipped: no WooCommerce at ${ env.WOOCOMMERCE_DIR } (set WOOCOMMERCE_DIR)`
		);
	}
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

function resetStack( snapshot ) {
	execFileSync( 'bash', [ stackScript, 'reset', snapshot ], {
		cwd: root,
		env: { ...process.env, UTW_STACK: stack },
		stdio: 'inherit',
	} );
}

/* ---------- Main ---------- */

const started = Date.now();
let crashed = '';
let stackStarted = false;
try {
	rmSync( reports, { recursive: true, force: true } );
	mkdirSync( reports, { recursive: true } );
	ensureInstalled();
	if ( runs( 'checks' ) ) {
		checks();
	}
	if ( runs( 'unit' ) ) {
		jest();
	}
	if ( runs( 'php' ) || runs( 'e2e' ) ) {
		// A stack kept from an earlier run may be serving older collector or service code:
		// restart its processes (the database and WordPress stay as they are).
		run( 'bash', [ stackScript, 'stop' ], { UTW_STACK: stack } );
		const status = run( 'bash', [ stackScript, 'start' ], {
			UTW_STACK: stack,
			UTW_SKIP_ASSETS: '1',
		} );
		if ( status !== 0 ) {
			throw new Error( 'the local test stack did not start (see above)' );
		}
		stackStarted = true;
		const env = stackEnv();
		mkdirSync( reports, { recursive: true } );
		if ( runs( 'php' ) ) {
			phpunit( env );
		}
		if ( runs( 'e2e' ) ) {
			playwright( 'wordpress', env );
			playwright( 'woocommerce', env );
		}
	}
} catch ( error ) {
	crashed = error.message;
} finally {
	if ( stackStarted && process.env.UTW_KEEP_STACK !== '1' ) {
		run( 'bash', [ stackScript, 'stop' ], { UTW_STACK: stack } );
	}
}

const seconds = Math.round( ( Date.now() - started ) / 1000 );
const total = { passed: 0, failed: crashed ? 1 : 0, skipped: 0 };
process.stdout.write( `\nSummary (${ seconds } s)\n` );
for ( const { tier, passed, failed, skipped, note } of results ) {
	total.passed += passed;
	total.failed += failed;
	total.skipped += skipped;
	process.stdout.write(
		`${ tier }: ${ passed } passed, ${ failed } failed, ${ skipped } skipped${
			note ? ` (${ note })` : ''
		}\n`
	);
}
if ( crashed ) {
	process.stdout.write( `runner: ${ crashed }\n` );
}
process.stdout.write(
	`total: ${ total.passed } passed, ${ total.failed } failed, ${ total.skipped } skipped\n`
);
process.exitCode = total.failed || ! results.length ? 1 : 0;
