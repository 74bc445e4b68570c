import { createContext, useContext } from '@wordpress/element';
import {
	beaconTransport,
	createTracksClient,
	hasWcTracks,
	wcTracksTransport,
} from '../tracks';
import type { TracksClient, TracksConfig } from '../tracks';
import { setupGuideEvents } from '../tracks/catalogue/setup-guide';

export type SetupGuideTracks = TracksClient< typeof setupGuideEvents >;

/**
 * The guide's client: through WooCommerce's `wcTracks` on its admin pages (which adds
 * `wcadmin_`), or the plugin's collection endpoint where it is missing.
 *
 * @param config The page's `window.utwConfig`, with the gate's decision.
 * @return The client.
 */
export function createSetupGuideTracks(
	config: TracksConfig
): SetupGuideTracks {
	return createTracksClient( setupGuideEvents, {
		config,
		transport: hasWcTracks()
			? wcTracksTransport()
			: beaconTransport( config.endpoint ),
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
