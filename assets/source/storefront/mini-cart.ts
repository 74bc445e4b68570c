/**
 * Mini-Cart add-on, loaded only on pages that render a Mini-Cart: the block (React in
 * WooCommerce 9, Interactivity API in 10) or the classic cart widget. It reads what the shopper
 * sees — the item count on the badge or in the widget, the subtotal as a band — and records
 * through the storefront bundle's client.
 */
import { miniCartEvents } from '../tracks/catalogue/storefront-steps';
import { storefrontClient } from './shared-client';

type Band =
	( typeof miniCartEvents )[ 'utw_mini_cart_view' ][ 'cart_value_band' ][ number ];

declare global {
	interface Window {
		wcSettings?: { currency?: { decimalSeparator?: string } };
	}
}

const BLOCK = '.wc-block-mini-cart';
const WIDGET = '.widget_shopping_cart';

/**
 * Reads an amount as the store prints it (`$1,234.50`, `1.234,50 €`).
 *
 * @param text    The printed amount.
 * @param decimal The store's decimal separator, when the page says.
 * @return The amount, or `undefined` when the text holds no number.
 */
export function parseAmount(
	text: string,
	decimal?: string
): number | undefined {
	const digits = text.replace( /[^\d.,]/g, '' );
	if ( ! /\d/.test( digits ) ) {
		return undefined;
	}
	// Without the store's separator: the last one followed by one or two digits is decimal.
	const separator = decimal ?? digits.match( /[.,](?=\d{1,2}$)/ )?.[ 0 ];
	const at = separator ? digits.lastIndexOf( separator ) : -1;
	const whole = ( at < 0 ? digits : digits.slice( 0, at ) ).replace(
		/\D/g,
		''
	);
	const fraction = at < 0 ? '' : digits.slice( at + 1 ).replace( /\D/g, '' );
	return Number( `${ whole || 0 }.${ fraction || 0 }` );
}

/**
 * The band a cart's subtotal falls in.
 *
 * @param items How many items the cart holds.
 * @param value Its subtotal, when the Mini-Cart shows it.
 * @return The band.
 */
export function cartValueBand( items: number, value?: number ): Band {
	if ( ! items ) {
		return 'empty';
	}
	if ( value === undefined ) {
		return 'unknown';
	}
	const bands: Array< [ number, Band ] > = [
		[ 25, 'under-25' ],
		[ 50, '25-50' ],
		[ 100, '50-100' ],
		[ 250, '100-250' ],
		[ 500, '250-500' ],
	];
	return bands.find( ( [ limit ] ) => value < limit )?.[ 1 ] ?? 'over-500';
}

const textOf = ( root: ParentNode, selector: string ) =>
	root.querySelector( selector )?.textContent ?? '';

const amountIn = ( root: ParentNode, selector: string ) =>
	parseAmount(
		textOf( root, selector ),
		window.wcSettings?.currency?.decimalSeparator
	);

/**
 * What a Mini-Cart shows: its item count and subtotal.
 *
 * @param element The Mini-Cart block's wrapper, or the classic widget.
 * @return Items and subtotal (undefined while not shown).
 */
function readCart( element: Element ): { items: number; value?: number } {
	if ( element.matches( WIDGET ) ) {
		// Each line says "2 × $20.00"; the widget prints the subtotal below them.
		const items = Array.from(
			element.querySelectorAll( '.woocommerce-mini-cart-item .quantity' )
		).reduce(
			( sum, line ) =>
				sum + ( parseInt( line.textContent ?? '', 10 ) || 0 ),
			0
		);
		return {
			items,
			value: amountIn( element, '.woocommerce-mini-cart__total .amount' ),
		};
	}
	return {
		items:
			parseInt( textOf( element, '.wc-block-mini-cart__badge' ), 10 ) ||
			0,
		// The drawer (rendered into the page's body by the React block) shows the subtotal.
		value: amountIn(
			document,
			'.wc-block-mini-cart__footer-subtotal .wc-block-components-totals-item__value'
		),
	};
}

const tracks = storefrontClient( miniCartEvents );

/**
 * Records a Mini-Cart opening, once the Mini-Cart shows its subtotal.
 *
 * @fires utw_mini_cart_view with the item count, the subtotal's band and which Mini-Cart, e.g. `{ item_count: 2, cart_value_band: '50-100', mini_cart_type: 'block' }`.
 *
 * @param element The Mini-Cart block's wrapper, or the classic widget.
 * @param tries   How many more times to wait for the React drawer's contents.
 */
function recordView( element: Element, tries = 30 ): void {
	const { items, value } = readCart( element );
	// The React drawer renders its contents a moment after it opens: wait for the subtotal. The
	// classic widget is an empty placeholder until WooCommerce's cart fragments fill it.
	const pending = element.matches( WIDGET )
		? ! element.querySelector( '.widget_shopping_cart_content > *' )
		: items && value === undefined;
	if ( pending && tries ) {
		setTimeout( () => recordView( element, tries - 1 ), 100 );
		return;
	}
	tracks?.recordEvent( 'utw_mini_cart_view', {
		item_count: items,
		cart_value_band: cartValueBand( items, value ),
		mini_cart_type: element.matches( WIDGET ) ? 'classic' : 'block',
	} );
}

/**
 * A click anywhere: the Mini-Cart block's button opens its drawer; the drawer's or the widget's
 * buttons lead to the cart or the checkout.
 *
 * @fires utw_mini_cart_cart_click with the item count and which Mini-Cart, e.g. `{ item_count: 2, mini_cart_type: 'classic' }`.
 * @fires utw_mini_cart_checkout_click with the item count and which Mini-Cart, e.g. `{ item_count: 2, mini_cart_type: 'block' }`.
 *
 * @param event The click.
 */
function onClick( event: Event ): void {
	const target = event.target as Element;
	const widget = target.closest?.( WIDGET );
	const cart = widget ?? document.querySelector( BLOCK );
	if ( ! cart ) {
		return;
	}
	const props = {
		item_count: readCart( cart ).items,
		mini_cart_type: widget ? 'classic' : 'block',
	} as const;
	if ( ! widget && target.closest( `${ BLOCK }__button` ) ) {
		recordView( cart );
	} else if (
		target.closest( `${ BLOCK }__footer-checkout, ${ WIDGET } a.checkout` )
	) {
		tracks?.recordEvent( 'utw_mini_cart_checkout_click', props );
	} else if (
		target.closest( `${ BLOCK }__footer-cart, ${ WIDGET } a.wc-forward` )
	) {
		tracks?.recordEvent( 'utw_mini_cart_cart_click', props );
	}
}

if ( tracks ) {
	// Capture: the Mini-Cart's own handlers cannot keep the click from us.
	document.addEventListener( 'click', onClick, true );

	// The classic widget has no drawer: it is seen when it comes into view (a theme's hover
	// dropdown opening, or the page scrolling to it), once each time.
	const widgets = document.querySelectorAll( WIDGET );
	if ( widgets.length && window.IntersectionObserver ) {
		const observer = new IntersectionObserver( ( entries ) =>
			entries.forEach(
				( entry ) => entry.isIntersecting && recordView( entry.target )
			)
		);
		widgets.forEach( ( widget ) => observer.observe( widget ) );
	}
}
