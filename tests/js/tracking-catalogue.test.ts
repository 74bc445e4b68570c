import { execFileSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as facts from '../../assets/source/tracks/shared-facts';

const root = join( __dirname, '../..' );
const script = join( root, 'bin/tracking-catalogue.mjs' );

function run(
	dir: string,
	...args: string[]
): { status: number; output: string } {
	try {
		const output = execFileSync(
			'node',
			[ script, '--root', dir, ...args ],
			{
				encoding: 'utf8',
				stdio: 'pipe',
			}
		);
		return { status: 0, output };
	} catch ( error ) {
		const failed = error as {
			status: number;
			stdout: string;
			stderr: string;
		};
		return { status: failed.status, output: failed.stdout + failed.stderr };
	}
}

describe( 'npm run docs:tracking', () => {
	let copy: string;

	beforeEach( () => {
		copy = mkdtempSync( join( tmpdir(), 'utw-catalogue-' ) );
		for ( const path of [ 'assets/source', 'includes', 'TRACKING.md' ] ) {
			cpSync( join( root, path ), join( copy, path ), {
				recursive: true,
			} );
		}
	} );

	afterEach( () => rmSync( copy, { recursive: true, force: true } ) );

	it( 'finds the committed TRACKING.md and PHP catalogue current', () => {
		expect( run( root, '--check' ) ).toMatchObject( { status: 0 } );
	} );

	it( 'fails --check when an event’s description changed but TRACKING.md was not regenerated', () => {
		const file = join(
			copy,
			'assets/source/tracks/catalogue/storefront.ts'
		);
		writeFileSync(
			file,
			readFileSync( file, 'utf8' ).replace(
				'A shopper viewed a single product page.',
				'A shopper looked at a product.'
			)
		);
		const result = run( copy, '--check' );
		expect( result.status ).toBe( 1 );
		expect( result.output ).toContain( 'stale: TRACKING.md' );

		expect( run( copy ).status ).toBe( 0 );
		expect( readFileSync( join( copy, 'TRACKING.md' ), 'utf8' ) ).toContain(
			'A shopper looked at a product.'
		);
		expect( run( copy, '--check' ).status ).toBe( 0 );
	} );

	it( 'fails when source records an event that is not catalogued', () => {
		writeFileSync(
			join( copy, 'assets/source/storefront/sneaky.ts' ),
			"declare const tracks: any;\ntracks.recordEvent( 'utw_secret_event', {} );\n"
		);
		const result = run( copy, '--check' );
		expect( result.status ).toBe( 1 );
		expect( result.output ).toContain(
			'records utw_secret_event, which is not catalogued'
		);
	} );

	it( 'fails when an emitter is annotated with an event that is not catalogued', () => {
		writeFileSync(
			join( copy, 'includes/Sneaky.php' ),
			'<?php\nclass Sneaky {\n\t/**\n\t * @fires utw_secret_event\n\t */\n\tpublic function go() {}\n}\n'
		);
		const result = run( copy, '--check' );
		expect( result.status ).toBe( 1 );
		expect( result.output ).toContain(
			'Sneaky::go fires utw_secret_event, which is not catalogued'
		);
	} );

	it( 'fails when a catalogued event has no emitter', () => {
		const file = join( copy, 'includes/Storefront/Page_Events.php' );
		writeFileSync(
			file,
			readFileSync( file, 'utf8' ).replace(
				/@fires utw_product_view/,
				'@see'
			)
		);
		const result = run( copy, '--check' );
		expect( result.status ).toBe( 1 );
		expect( result.output ).toContain(
			'utw_product_view is catalogued but no emitter is annotated with @fires utw_product_view'
		);
	} );

	it( 'lists a shared property group in every event that spreads it, described once', () => {
		const doc = readFileSync( join( root, 'TRACKING.md' ), 'utf8' );
		const description =
			'`cart_page_contains_cart_block` | `boolean` | Whether the cart page holds the Cart block.';
		// utw_cart_view, utw_add_to_cart and utw_remove_from_cart spread cartPageProperties.
		expect( doc.split( description ) ).toHaveLength( 4 );
	} );

	it( 'refuses to spread anything but a @group of the same file', () => {
		const file = join(
			copy,
			'assets/source/tracks/catalogue/storefront.ts'
		);
		writeFileSync(
			file,
			readFileSync( file, 'utf8' ).replace(
				'utw_cart_view: { ...cartPageProperties }',
				'utw_cart_view: { ...somethingElse }'
			)
		);
		const result = run( copy, '--check' );
		expect( result.status ).toBe( 2 );
		expect( result.output ).toContain(
			'utw_cart_view: spreads somethingElse, which is not a @group of this file'
		);
	} );

	it( 'fails when code records an uncatalogued event with the public utw_record_event()', () => {
		writeFileSync(
			join( copy, 'includes/Sneaky.php' ),
			"<?php\nfunction utw_sneaky() {\n\tutw_record_event( 'utw_anything', array() );\n}\n"
		);
		const result = run( copy, '--check' );
		expect( result.status ).toBe( 1 );
		expect( result.output ).toContain(
			'includes/Sneaky.php: utw_sneaky records utw_anything with utw_record_event(), which is not catalogued'
		);
	} );

	it( 'lists a literal utw_record_event() call as an emitter of a catalogued event', () => {
		const file = join( copy, 'includes/Storefront/Page_Events.php' );
		writeFileSync(
			file,
			readFileSync( file, 'utf8' ).replace(
				/@fires utw_product_view/,
				'@see'
			)
		);
		writeFileSync(
			join( copy, 'includes/Theme_Glue.php' ),
			"<?php\nclass Theme_Glue {\n\tpublic function viewed() {\n\t\tutw_record_event( 'utw_product_view', array() );\n\t}\n}\n"
		);
		expect( run( copy, '--check' ).status ).toBe( 1 );
		expect( run( copy ).status ).toBe( 0 );
		expect( readFileSync( join( copy, 'TRACKING.md' ), 'utf8' ) ).toContain(
			'- [`Theme_Glue::viewed`](includes/Theme_Glue.php) Records it with `utw_record_event()`.'
		);
		expect( run( copy, '--check' ).status ).toBe( 0 );
	} );

	it( 'writes PHP’s shared facts from the TypeScript module and fails --check when they are stale', () => {
		const file = join( copy, 'assets/source/tracks/shared-facts.ts' );
		writeFileSync(
			file,
			readFileSync( file, 'utf8' ).replace(
				"VISITOR_COOKIE = 'utw_vid'",
				"VISITOR_COOKIE = 'utw_visitor'"
			)
		);
		const result = run( copy, '--check' );
		expect( result.status ).toBe( 1 );
		expect( result.output ).toContain(
			'stale: includes/Tracks/Shared_Facts.php'
		);

		expect( run( copy ).status ).toBe( 0 );
		const php = readFileSync(
			join( copy, 'includes/Tracks/Shared_Facts.php' ),
			'utf8'
		);
		expect( php ).toContain(
			"public const VISITOR_COOKIE = 'utw_visitor';"
		);
		expect( php ).toContain( 'Generated by `npm run docs:tracking`' );
	} );

	it( 'refuses a fact PHP would read differently', () => {
		const file = join( copy, 'assets/source/tracks/shared-facts.ts' );
		writeFileSync(
			file,
			`${ readFileSync(
				file,
				'utf8'
			) }\n/** Dots. */\nexport const DOTS = /a.b/s;\n`
		);
		const result = run( copy, '--check' );
		expect( result.status ).toBe( 2 );
		expect( result.output ).toContain(
			'DOTS: regular expression flags "s" (only i carries over to PHP)'
		);
	} );

	it( 'gives PHP the same facts the bundles use', () => {
		const samples = [
			'utw_product_view',
			'wcadmin_utw_get_started_faq',
			'Utw_view',
			'product',
			'_ui',
			'page_url',
			'9lives',
			'AbCdEfGhIjKlMnOpQrSt-_',
			'AbCdEfGhIjKlMnOpQrSt-',
			'AbCdEfGhIjKlMnOpQrSt+/',
			'Mozilla/5.0 (compatible; Googlebot/2.1)',
			'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
			'SomeBot/1.0',
		];
		const reader = `define( 'ABSPATH', '/' ); require ${ JSON.stringify(
			join( root, 'includes/Tracks/Shared_Facts.php' )
		) }; $facts = ( new ReflectionClass( 'Utw\\Tracks\\Shared_Facts' ) )->getConstants(); $samples = json_decode( $argv[1] ); $out = array(); foreach ( $facts as $name => $value ) { $out[ $name ] = is_string( $value ) && preg_match( '#^/.+/[a-z]*$#s', $value ) ? array_map( fn( $s ) => (bool) preg_match( $value, $s ), $samples ) : $value; } echo json_encode( $out );`;
		const php = JSON.parse(
			execFileSync( 'php', [ '-r', reader, JSON.stringify( samples ) ], {
				encoding: 'utf8',
			} )
		);
		const fromTypeScript = Object.fromEntries(
			Object.entries( facts ).map( ( [ name, value ] ) => [
				name,
				value instanceof RegExp
					? samples.map( ( sample ) => value.test( sample ) )
					: value,
			] )
		);
		expect( php ).toEqual( {
			...fromTypeScript,
			MAX_EVENT_PROPERTIES: expect.any( Number ),
		} );
		expect( php.CRAWLER_USER_AGENT ).toContain( true );
		expect( php.VISITOR_ID ).toContain( false );
	} );

	it( 'writes the PHP validator’s data from the same catalogue', () => {
		const php = readFileSync(
			join( root, 'includes/Tracks/catalogue-data.php' ),
			'utf8'
		);
		expect( php ).toContain( "'utw_product_view' => array(" );
		expect( php ).toContain( 'Generated by `npm run docs:tracking`' );
	} );
} );
