import { createContext, useContext } from '@wordpress/element';
import { beaconTransport, createTracksClient } from '../tracks';
import type { TracksClient, TracksConfig } from '../tracks';
import { setupGuideEvents } from '../tracks/catalogue/setup-guide';

export type SetupGuideTracks = TracksClient< typeof setupGuideEvents >;

/**
 * The guide's client: through the plugin's own collection endpoint (with the REST nonce the page
 * puts in `config.endpoint`), like every other event, so each one passes the server's gate and
 * lands in the merchant's event log with its delivery state, and reaches WooCommerce's Tracks
 * from the store's server — never carrying the merchant's IP address or browser.
 *
 * @param config The page's `window.utwConfig`, with the gate's decision.
 * @return The client.
 */
export function createSetupGuideTracks(
	config: TracksConfig
): SetupGuideTracks {
	return createTracksClient( setupGuideEvents, {
		config,
		transport: beaconTransport( config.endpoint ),
	} );
}

const silent: SetupGuideTracks = { recordEvent: () => undefined };

export const TracksContext = createContext< SetupGuideTracks >( silent );

/**
 * The guide's `recordEvent`, from the nearest TracksContext.
 *
 * @return recordEvent of the guide's client.
 */
export function useRecordEvent(): SetupGuideTracks[ 'recordEvent' ] {
	return useContext( TracksContext ).recordEvent;
}
