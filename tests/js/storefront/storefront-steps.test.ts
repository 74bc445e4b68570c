/**
 * The Mini-Cart and checkout add-ons in a page: what the shopper does there leaves in the
 * storefront bundle's one beacon, with what the page showed — never what the shopper typed.
 */
import { clearCookies, makeConfig } from '../tracks/support';
import {
	cartValueBand,
	parseAmount,
} from '../../../assets/source/storefront/mini-cart';

type Sent = Array< { name: string; props: Record< string, unknown > } >;

function bodyOf( blob: Blob ): Promise< Sent > {
	return new Promise( ( resolve ) => {
		const reader = new FileReader();
		reader.onload = () =>
			resolve( JSON.parse( reader.result as string ).events );
		reader.readAsText( blob );
	} );
}

describe( 'the storefront add-ons', () => {
	let blobs: Blob[];

	beforeEach( () => {
		localStorage.clear();
		clearCookies();
		Object.defineProperty( navigator, 'sendBeacon', {
			configurable: true,
			value: ( _url: string, body: Blob ) => blobs.push( body ) > 0,
		} );
		window.dispatchEvent( new Event( 'pagehide' ) );
		blobs = [];
	} );

	/**
	 * Loads the storefront bundle and an add-on into the current document, as the page would.
	 *
	 * @param addOn Add-on entry under assets/source/storefront/.
	 */
	function load( addOn: string ): void {
		window.utwConfig = makeConfig();
		jest.isolateModules( () => {
			require( '../../../assets/source/storefront/index' );
			require( `../../../assets/source/storefront/${ addOn }` );
		} );
	}

	async function leavePage(): Promise< Sent[] > {
		window.dispatchEvent( new Event( 'pagehide' ) );
		return Promise.all( blobs.map( bodyOf ) );
	}

	it( 'sends the Mini-Cart block opening, with its count and value band, and the checkout click, in the page’s one beacon', async () => {
		document.body.innerHTML = `
			<div class="wc-block-mini-cart"><button class="wc-block-mini-cart__button"><span class="wc-block-mini-cart__badge">2</span></button></div>
			<div class="wc-block-mini-cart__drawer">
				<div class="wc-block-mini-cart__footer-subtotal"><span class="wc-block-components-totals-item__value">$65.00</span></div>
				<a class="wc-block-mini-cart__footer-checkout" href="#"><div>Go to checkout</div></a>
			</div>`;
		load( 'mini-cart' );

		( document.querySelector( 'button' ) as HTMLElement ).click();
		( document.querySelector( 'a div' ) as HTMLElement ).click();
		const beacons = await leavePage();

		expect( beacons ).toHaveLength( 1 );
		expect( beacons[ 0 ] ).toEqual( [
			{
				name: 'utw_mini_cart_view',
				props: expect.objectContaining( {
					item_count: 2,
					cart_value_band: '50-100',
					mini_cart_type: 'block',
				} ),
			},
			{
				name: 'utw_mini_cart_checkout_click',
				props: expect.objectContaining( {
					item_count: 2,
					mini_cart_type: 'block',
				} ),
			},
		] );
	} );

	it( 'sends the classic widget’s View cart click with the quantities its lines show', async () => {
		document.body.innerHTML = `
			<div class="widget_shopping_cart"><ul>
				<li class="woocommerce-mini-cart-item"><span class="quantity">2 × $20.00</span></li>
				<li class="woocommerce-mini-cart-item"><span class="quantity">1 × $45.00</span></li>
			</ul><p class="buttons"><a class="button wc-forward" href="#">View cart</a><a class="button checkout wc-forward" href="#">Checkout</a></p></div>`;
		load( 'mini-cart' );

		( document.querySelector( 'a' ) as HTMLElement ).click();
		const [ events ] = await leavePage();

		expect( events.map( ( e ) => [ e.name, e.props.item_count ] ) ).toEqual(
			[ [ 'utw_mini_cart_cart_click', 3 ] ]
		);
	} );

	it( 'sends the payment method the shopper picks, not the one preselected', async () => {
		document.body.innerHTML = `
			<input type="radio" name="radio-control-wc-payment-method-options" value="cheque" checked>
			<input type="radio" name="radio-control-wc-payment-method-options" value="cod">`;
		load( 'checkout' );

		( document.querySelectorAll( 'input' )[ 1 ] as HTMLElement ).click();
		const [ events ] = await leavePage();

		expect( events ).toEqual( [
			{
				name: 'utw_checkout_payment_selected',
				props: expect.objectContaining( {
					payment_method: 'cod',
					checkout_type: 'block',
				} ),
			},
		] );
	} );

	it( 'reads amounts as stores print them and bands them', () => {
		expect( parseAmount( '$1,234.50' ) ).toBe( 1234.5 );
		expect( parseAmount( '1.234,50 €' ) ).toBe( 1234.5 );
		expect( parseAmount( '45 kr', ',' ) ).toBe( 45 );
		expect( parseAmount( '' ) ).toBeUndefined();
		expect( cartValueBand( 0, 0 ) ).toBe( 'empty' );
		expect( cartValueBand( 1, 45 ) ).toBe( '25-50' );
		expect( cartValueBand( 3, 600 ) ).toBe( 'over-500' );
		expect( cartValueBand( 1 ) ).toBe( 'unknown' );
	} );
} );
