import type { TracksConfig } from '../../../assets/source/tracks';
import type { EventFamily } from '../../../assets/source/tracks/catalogue/schema';
import type {
	OutgoingEvent,
	Transport,
} from '../../../assets/source/tracks/transports/transport';

/** A small catalogue family for client tests. */
export const demoEvents = {
	utw_demo_click: {
		link_id: 'string',
		action: [ 'expand', 'collapse' ],
	},
} as const satisfies EventFamily;

/**
 * A config as the PHP bridge prints it, with an open gate unless overridden.
 * @param overrides
 */
export function makeConfig(
	overrides: Partial< TracksConfig > = {}
): TracksConfig {
	return {
		gate: { open: true },
		endpoint: 'https://shop.example/wp-json/utw/v1/collect',
		common: {
			plugin_version: '0.1.0',
			wc_version: '9.9.5',
			site_url: 'https://shop.example',
		},
		...overrides,
	};
}

/** A transport that keeps what it is handed, standing in for the network. */
export function memoryTransport(): Transport & { sent: OutgoingEvent[] } {
	const sent: OutgoingEvent[] = [];
	return { sent, send: ( event ) => sent.push( event ) };
}

/** Removes every cookie jsdom holds for the page. */
export function clearCookies(): void {
	for ( const cookie of document.cookie.split( ';' ) ) {
		const name = cookie.split( '=' )[ 0 ].trim();
		if ( name ) {
			document.cookie = `${ name }=; max-age=0; path=/`;
		}
	}
}
