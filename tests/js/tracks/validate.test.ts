import {
	personalDataIn,
	validateEvent,
} from '../../../assets/source/tracks/validate';
import type { EventFamily } from '../../../assets/source/tracks/catalogue/schema';

const events = {
	utw_demo_click: {
		link_id: 'string',
		action: [ 'expand', 'collapse' ],
		count: 'number?',
	},
} as const satisfies EventFamily;

const common = {
	plugin_version: '0.1.0',
	wc_version: '9.9.5',
	site_url: 'https://shop.example',
	device: 'desktop',
	_ts: 1700000000000,
};

describe( 'validateEvent', () => {
	it( 'accepts a catalogued event with its properties and the common ones', () => {
		const result = validateEvent( events, 'utw_demo_click', {
			...common,
			link_id: 'docs',
			action: 'expand',
		} );
		expect( result ).toEqual( {
			ok: true,
			props: { ...common, link_id: 'docs', action: 'expand' },
			removed: {},
		} );
	} );

	it( 'refuses an event the catalogue does not list', () => {
		expect( validateEvent( events, 'utw_unknown', common ) ).toEqual( {
			ok: false,
			reason: 'unknown event utw_unknown',
		} );
	} );

	it( 'refuses names that WooCommerce Tracks would refuse, even if catalogued', () => {
		const odd = { 'Bad-Name': {} } as EventFamily;
		expect( validateEvent( odd, 'Bad-Name', common ).ok ).toBe( false );
	} );

	it( 'refuses a missing required property and names it', () => {
		const result = validateEvent( events, 'utw_demo_click', {
			...common,
			action: 'expand',
		} );
		expect( result ).toEqual( {
			ok: false,
			reason: 'missing property link_id',
		} );
	} );

	it( 'refuses a value of the wrong type or outside the allowed values', () => {
		expect(
			validateEvent( events, 'utw_demo_click', {
				...common,
				link_id: 3,
				action: 'expand',
			} ).ok
		).toBe( false );
		const result = validateEvent( events, 'utw_demo_click', {
			...common,
			link_id: 'docs',
			action: 'explode',
		} );
		expect( result ).toEqual( {
			ok: false,
			reason: 'property action is not expand,collapse',
		} );
	} );

	it( 'refuses non-scalar values', () => {
		const result = validateEvent( events, 'utw_demo_click', {
			...common,
			link_id: { nested: true },
			action: 'expand',
		} );
		expect( result.ok ).toBe( false );
	} );

	it( 'lets an optional property be left out but checks it when present', () => {
		const base = { ...common, link_id: 'docs', action: 'collapse' };
		expect( validateEvent( events, 'utw_demo_click', base ).ok ).toBe(
			true
		);
		expect(
			validateEvent( events, 'utw_demo_click', { ...base, count: 'two' } )
				.ok
		).toBe( false );
	} );

	it( 'removes properties the catalogue does not list and says so', () => {
		const result = validateEvent( events, 'utw_demo_click', {
			...common,
			link_id: 'docs',
			action: 'expand',
			customer_id: 42,
		} );
		expect( result ).toMatchObject( {
			ok: true,
			removed: { customer_id: 'not catalogued' },
		} );
		expect( result.ok && result.props ).not.toHaveProperty( 'customer_id' );
	} );

	it( 'drops the event when the privacy guard removes a required value', () => {
		const result = validateEvent( events, 'utw_demo_click', {
			...common,
			link_id: 'jane.doe@example.com',
			action: 'expand',
		} );
		expect( result ).toEqual( {
			ok: false,
			reason: 'property link_id removed: looks like email',
		} );
	} );
} );

describe( 'the privacy guard', () => {
	it.each( [
		[ 'email', 'Contact jane.doe@example.com please' ],
		[ 'phone', '+1 (415) 555-0100' ],
		[ 'phone', '0612345678' ],
		[ 'payment_card', '4111 1111 1111 1111' ],
		[ 'payment_card', '4111-1111-1111-1111' ],
		[ 'street_address', '221 Baker Street' ],
		[ 'street_address', '1600 Pennsylvania Avenue NW' ],
	] )( 'recognises %s in %p', ( pattern, value ) => {
		expect( personalDataIn( value ) ).toBe( pattern );
	} );

	it.each( [
		'Blue Hoodie',
		'Clothing/Hoodies',
		'https://shop.example/product/blue-hoodie/',
		'9.9.5',
		'account-disconnection',
		'wc-blocks',
	] )( 'lets ordinary store data through: %p', ( value ) => {
		expect( personalDataIn( value ) ).toBeUndefined();
	} );

	it( 'only inspects strings', () => {
		expect( personalDataIn( 4111111111111111 ) ).toBeUndefined();
	} );
} );
