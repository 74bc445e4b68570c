import { createRoot, flushSync } from '@wordpress/element';
import { App } from './App';
import { TracksContext, createSetupGuideTracks } from './tracks';
import './setup-guide.scss';

const root = document.getElementById( 'utw-setup-guide' );
const page = window.utwUsageTracking;
const config = window.utwConfig;

if ( root && page && config ) {
	// Rendered at once, so the page's load event finds the view (and the printed events) in place.
	flushSync( () =>
		createRoot( root ).render(
			<TracksContext.Provider value={ createSetupGuideTracks( config ) }>
				<App { ...page } />
			</TracksContext.Provider>
		)
	);
}
