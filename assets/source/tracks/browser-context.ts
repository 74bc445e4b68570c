import {
	VISITOR_COOKIE,
	VISITOR_COOKIE_LIFETIME,
	VISITOR_ID,
} from './shared-facts';

/**
 * Returns the anonymous visitor id, creating it on first use: 16 random bytes from the
 * browser's crypto, kept in a first-party cookie so that server-side events (cart, order)
 * carry the same id. Call it only once the gate is open.
 *
 * @return A 22-character base64url id.
 */
export function visitorId(): string {
	const found = `; ${ document.cookie }`
		.split( `; ${ VISITOR_COOKIE }=` )[ 1 ]
		?.split( ';' )[ 0 ];
	if ( found && VISITOR_ID.test( found ) ) {
		return found;
	}
	const bytes = crypto.getRandomValues( new Uint8Array( 16 ) );
	const id = btoa( String.fromCharCode( ...bytes ) )
		.replace( /\+/g, '-' )
		.replace( /\//g, '_' )
		.slice( 0, 22 );
	document.cookie = `${ VISITOR_COOKIE }=${ id }; path=/; max-age=${ VISITOR_COOKIE_LIFETIME }; SameSite=Lax${
		location.protocol === 'https:' ? '; Secure' : ''
	}`;
	return id;
}

/**
 * Classifies the device from the viewport and the pointer, never from the user agent.
 *
 * @return `'mobile'`, `'tablet'` or `'desktop'`.
 */
export function deviceType(): 'mobile' | 'tablet' | 'desktop' {
	const width = innerWidth;
	if ( width < 768 ) {
		return 'mobile';
	}
	return width < 1280 && window.matchMedia?.( '(pointer: coarse)' ).matches
		? 'tablet'
		: 'desktop';
}

/**
 * The current page's URL without query string or fragment, which can carry personal data
 * (order keys, search terms, e-mail links).
 *
 * @return Origin and path.
 */
export function pageUrl(): string {
	return location.origin + location.pathname;
}
