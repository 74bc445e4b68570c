import type { EventFamily, PropsOf } from './catalogue/schema';
import type { TracksConfig } from './config';
import type { Transport } from './transports/transport';
import { validateEvent } from './validate';
import { debugEnabled } from './debug';
import { deviceType, pageUrl, visitorId } from './browser-context';

export interface TracksClient< F extends EventFamily > {
	/**
	 * Records one catalogued event. Unknown names and wrong properties do not compile.
	 *
	 * @param name  Event name as catalogued (`utw_…`).
	 * @param props The event's own properties; common ones are added here.
	 */
	recordEvent: < N extends keyof F & string >(
		name: N,
		props: PropsOf< F[ N ] >
	) => void;
}

export interface ClientOptions {
	config: TracksConfig;
	transport: Transport;
	/**
	 * Storefront events carry the anonymous visitor id, made when the client is, once the gate is
	 * open and the visitor consented; admin events do not need one.
	 */
	withVisitorId?: boolean;
}

/**
 * Creates the client every bundle sends through: it applies the gate handed over by PHP (and the
 * visitor's WP Consent API choice where the gate asks for it), adds the common properties, runs
 * the privacy guard and the catalogue's validation, and hands what passes to the transport.
 *
 * @param events                The catalogue family this bundle may send.
 * @param options               Config, transport, visitor id.
 * @param options.config
 * @param options.transport
 * @param options.withVisitorId
 * @return The client.
 */
export function createTracksClient< F extends EventFamily >(
	events: F,
	{ config, transport, withVisitorId = false }: ClientOptions
): TracksClient< F > {
	const { gate } = config;
	const debug = debugEnabled( config.debug );
	// Events recorded before the visitor consented wait here, in memory only.
	const waiting: Array< [ string, Record< string, unknown >, number ] > = [];

	const log = ( ...what: unknown[] ) => {
		if ( debug ) {
			// eslint-disable-next-line no-console
			console.info( '[utw]', ...what );
		}
	};

	const consented = () =>
		! gate.consent || !! window.wp_has_consent?.( gate.consent );

	function deliver(
		name: string,
		props: Record< string, unknown >,
		time: number
	): void {
		const result = validateEvent( events, name, {
			...props,
			...config.common,
			device: deviceType(),
			page_url: pageUrl(),
			_ts: time,
			// Left out (undefined) for admin events.
			_ui: withVisitorId ? visitorId() : undefined,
		} );
		if ( ! result.ok ) {
			log( 'dropped', name, result.reason );
			return;
		}
		// What the privacy guard or the catalogue removed goes with it, so debug mode says so.
		log( 'recorded', name, result.props, result.removed );
		transport.send( { name, props: result.props } );
	}

	// The storefront's pages need the visitor id before any event: server-side events read it
	// from the cookie. Only once the gate is open and the visitor consented.
	if ( withVisitorId && gate.open && consented() ) {
		visitorId();
	}

	if ( gate.consent ) {
		document.addEventListener(
			'wp_listen_for_consent_change',
			( change ) => {
				const detail = (
					change as CustomEvent< Record< string, string > >
				 ).detail;
				if (
					consented() ||
					detail?.[ gate.consent as string ] === 'allow'
				) {
					waiting
						.splice( 0 )
						.forEach( ( args ) => deliver( ...args ) );
				}
			}
		);
	}

	return {
		recordEvent( name, props ) {
			if ( ! gate.open ) {
				log( 'dropped', name, `gate closed: ${ gate.closedBy }` );
			} else if ( ! consented() ) {
				log( 'waiting for consent', name );
				waiting.push( [ name, props, Date.now() ] );
			} else {
				deliver( name, props, Date.now() );
			}
		},
	};
}
