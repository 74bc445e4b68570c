/**
 * What the plugin tells merchants about data (readme.txt's Privacy section, as shipped) is held
 * against the code: a cookie, destination or condition the text names must be one the code uses,
 * and one the code uses must be named.
 */
import { readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import {
	VISITOR_COOKIE,
	VISITOR_COOKIE_LIFETIME,
} from '../../assets/source/tracks/shared-facts';
import { faqEntries } from '../../assets/source/setup-guide/faq';

const root = join( __dirname, '../..' );
const read = ( path: string ) => readFileSync( join( root, path ), 'utf8' );

function filesUnder( dir: string, pattern: RegExp ): string[] {
	return readdirSync( join( root, dir ) ).flatMap( ( name ) => {
		const path = join( dir, name );
		if ( statSync( join( root, path ) ).isDirectory() ) {
			return filesUnder( path, pattern );
		}
		return pattern.test( name ) ? [ path ] : [];
	} );
}

const readme = read( 'readme.txt' );
const privacy = readme.slice(
	readme.indexOf( '== Privacy ==' ),
	readme.indexOf( '== Changelog ==' )
);
const paragraph = ( title: string ) =>
	privacy
		.split( '\n' )
		.find( ( line ) => line.startsWith( `**${ title }**` ) ) ?? '';

/** Every cookie the shipped code writes, by name. */
function cookiesTheCodeSets(): string[] {
	const names = new Set< string >();
	for ( const file of filesUnder( 'assets/source', /\.tsx?$/ ) ) {
		const source = read( file );
		if ( /document\.cookie\s*=/.test( source ) ) {
			// The cookie is named by a constant or a literal before `=` in the assignment.
			for ( const [ , name ] of source.matchAll(
				/document\.cookie\s*=\s*`\$\{\s*(\w+)\s*\}=/g
			) ) {
				names.add( name === 'VISITOR_COOKIE' ? VISITOR_COOKIE : name );
			}
			for ( const [ , name ] of source.matchAll(
				/document\.cookie\s*=\s*['"`](\w+)=/g
			) ) {
				names.add( name );
			}
		}
	}
	for ( const file of filesUnder( 'includes', /\.php$/ ) ) {
		for ( const [ , name ] of read( file ).matchAll(
			/setcookie\(\s*['"]([^'"]+)['"]/g
		) ) {
			names.add( name );
		}
		if ( /setcookie\(\s*\$/.test( read( file ) ) ) {
			names.add( `a cookie named by a variable in ${ file }` );
		}
	}
	return [ ...names ].sort();
}

describe( "readme.txt's privacy section", () => {
	it( 'names exactly the cookies the code sets, with their lifetime', () => {
		const set = cookiesTheCodeSets();
		expect( set ).toEqual( [ VISITOR_COOKIE ] );

		const text = paragraph( 'The visitor cookie.' );
		const named = [ ...text.matchAll( /cookie,?\s+`(\w+)`/g ) ].map(
			( [ , name ] ) => name
		);
		expect( named ).toEqual( set );
		expect( VISITOR_COOKIE_LIFETIME ).toBe( 365 * 24 * 3600 );
		expect( text ).toContain( 'kept for one year' );
		expect( text ).toContain( 'no other cookie' );
	} );

	it( 'names the destinations the code sends to, and no other', () => {
		const transport = read( 'includes/Tracks/Pixel_Transport.php' );
		const woocommerceTracks = transport.match(
			/DEFAULT_DESTINATION = '([^']+)'/
		)?.[ 1 ];
		expect( woocommerceTracks ).toBeTruthy();

		const where = paragraph( 'Where it is sent.' );
		const urls = [ ...where.matchAll( /https?:\/\/[^\s`)]+/g ) ].map(
			( [ url ] ) => url
		);
		expect( urls ).toEqual( [ woocommerceTracks ] );
		// The connected account's ingest is the other destination (Store_Connection).
		expect( read( 'includes/Tracks/Pixel_Transport.php' ) ).toContain(
			"Store_Connection::current()['ingest_url']"
		);
		expect( where ).toContain( 'ingest URL of the analytics account' );
		// The override the text offers exists.
		expect( where ).toContain( '`UTW_DESTINATION_URL`' );
		expect( transport ).toContain( "defined( 'UTW_DESTINATION_URL' )" );
		expect( where ).toContain( '`utw_destination_url`' );
		expect( transport ).toContain( "apply_filters( 'utw_destination_url'" );
	} );

	it( 'says when each condition of the consent gate closes it', () => {
		const gate = read( 'includes/Consent/Consent_Gate.php' );
		const conditions = [
			...gate.matchAll( /const (CLOSED_\w+) = '(\w+)'/g ),
		].map( ( [ , , value ] ) => value );
		// How the When paragraph names each condition. A new condition without a sentence here
		// fails this test until the text says when it applies.
		const phrases: Record< string, string > = {
			woocommerce_allow_tracking: '"Enable tracking"',
			woocommerce_tracking_filter: '`woocommerce_apply_tracking`',
			plugin_switch: "the plugin's switch",
			family_switch: 'the switch of the event family',
			utw_tracking_enabled: '`utw_tracking_enabled`',
			visitor_consent: 'the visitor allowed statistics',
			not_connected: 'the store is connected to its analytics account',
		};
		const when = paragraph( 'When.' );
		expect( conditions.length ).toBeGreaterThan( 5 );
		for ( const condition of conditions ) {
			expect( phrases ).toHaveProperty( condition );
			expect( when ).toContain( phrases[ condition ] );
		}
	} );

	it( 'names only filters, cookies and storage keys the code uses', () => {
		const code = [
			...filesUnder( 'includes', /\.php$/ ),
			...filesUnder( 'assets/source', /\.tsx?$/ ),
		]
			.map( read )
			.join( '\n' );
		const names = new Set(
			[ ...privacy.matchAll( /`((?:woocommerce|utw)_[a-z_]+)`/g ) ].map(
				( [ , name ] ) => name
			)
		);
		expect( names.size ).toBeGreaterThan( 4 );
		for ( const name of names ) {
			const quoted = new RegExp( `['"]${ name }['"]` );
			expect( [ name, quoted.test( code ) ] ).toEqual( [ name, true ] );
		}
	} );
} );

describe( "the setup guide's FAQ", () => {
	const answer = ( id: string ) =>
		faqEntries().find( ( entry ) => entry.id === id )?.answer ?? '';

	it( 'names the cookie the code sets, and its lifetime', () => {
		expect( cookiesTheCodeSets() ).toEqual( [ VISITOR_COOKIE ] );
		expect( answer( 'visitor-cookie' ) ).toContain(
			`${ VISITOR_COOKIE }, kept for one year`
		);
		expect( VISITOR_COOKIE_LIFETIME ).toBe( 365 * 24 * 3600 );
	} );

	it( 'says storefront and settings events wait for the connection, as the gate does', () => {
		const gate = read( 'includes/Consent/Consent_Gate.php' );
		expect( gate ).toContain( "CLOSED_NOT_CONNECTED = 'not_connected'" );
		expect( answer( 'when-is-data-sent' ) ).toContain(
			'only while the store is connected to its analytics account'
		);
		expect( answer( 'when-is-data-sent' ) ).toContain(
			'WooCommerce usage tracking is on'
		);
	} );

	it( 'says where each kind of event goes, as the catalogue routes them', () => {
		expect(
			read( 'assets/source/tracks/catalogue/setup-guide.ts' )
		).toContain( '@destination woocommerce' );
		expect( answer( 'where-does-data-go' ) ).toContain(
			'go to the analytics account you connect'
		);
		expect( answer( 'where-does-data-go' ) ).toContain(
			'WooCommerce’s usage tracking (Tracks)'
		);
	} );

	it( 'says no IP address or user agent is sent, and no browser path adds them', () => {
		expect( answer( 'what-is-never-tracked' ) ).toContain(
			'IP addresses or browser user agent strings'
		);
		// WooCommerce's wcTracks script would add the merchant's `_via_ip` and `_via_ua`: no
		// bundle sends through it; every event leaves from the server.
		const bundles = filesUnder( 'assets/source', /\.tsx?$/ )
			.map( read )
			.join( '\n' );
		expect( bundles ).not.toMatch(
			/wcTracks\.recordEvent|window\.wcTracks/
		);
	} );
} );
