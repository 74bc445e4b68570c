/**
 * The shared client in a real page: what is recorded arrives at the collector in one request,
 * and nothing leaves the browser while the gate is closed.
 */
import { test, expect } from '@playwright/test';
import {
	countTrackingRequests,
	resetStack,
	setStoreState,
	waitForCollected,
	CLOSED_GATES,
	expectNothingSent,
} from '../support/stack';

test.beforeEach( () => resetStack( 'woocommerce' ) );

test( 'with the store opted in, a product view arrives at the collector once, from one request', async ( {
	page,
	request,
	context,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );
	const requests = countTrackingRequests();

	await page.goto( '/product/blue-hoodie/' );
	await page.goto( '/cart/' );

	const events = ( await waitForCollected( request, 1 ) ).filter(
		( e ) => e.event === 'utw_product_view'
	);
	expect( events ).toHaveLength( 1 );
	const visitor = ( await context.cookies() ).find(
		( c ) => c.name === 'utw_vid'
	);
	expect( events[ 0 ].params ).toMatchObject( {
		product_name: 'Blue Hoodie',
		product_category: 'Clothing/Hoodies',
		price: '45',
		device: 'desktop',
		page_url: expect.stringMatching( /\/product\/blue-hoodie\/$/ ),
		_ui: visitor?.value,
	} );
	expect( requests.endpoint() ).toBe( 1 );
} );

for ( const [ closedBy, options ] of CLOSED_GATES ) {
	test( `when ${ closedBy }, the page sends nothing and sets no cookie`, async ( {
		page,
		request,
		context,
	} ) => {
		await setStoreState( request, options );
		const requests = countTrackingRequests();

		await page.goto( '/product/blue-hoodie/' );
		expect( await page.content() ).not.toContain( 'utwConfig' );
		await page.goto( '/shop/' );
		await page.goto( '/cart/' );

		// Leave the last page, so that anything queued would have been sent.
		await page.goto( 'about:blank' );
		await expectNothingSent( request, context, requests );
	} );
}

test( 'the product page is the same for every visitor, so it can be cached', async ( {
	playwright,
	request,
} ) => {
	await setStoreState( request, { woocommerce_allow_tracking: 'yes' } );
	const pageFor = async ( visitor: string ) => {
		const context = await playwright.request.newContext( {
			extraHTTPHeaders: { Cookie: `utw_vid=${ visitor }` },
		} );
		const html = await (
			await context.get( '/product/blue-hoodie/' )
		).text();
		await context.dispose();
		return html;
	};
	// WooCommerce itself varies two values per render, whoever asks: its quantity field's uniqid()
	// and the Store API nonce's timestamp (time()). They are the only differences allowed.
	const normalise = ( html: string ) =>
		html
			.replace( /quantity_[0-9a-f]{13}/g, 'quantity_ID' )
			.replace(
				/wcStoreApiNonceTimestamp: '\d+'/g,
				"wcStoreApiNonceTimestamp: 'T'"
			);
	const first = await pageFor( 'AAAAAAAAAAAAAAAAAAAAAA' );
	const second = await pageFor( 'BBBBBBBBBBBBBBBBBBBBBB' );
	expect( first ).toContain( 'utwConfig' );
	expect( normalise( second ) ).toBe( normalise( first ) );
} );
