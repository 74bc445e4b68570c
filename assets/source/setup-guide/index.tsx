import { createRoot } from '@wordpress/element';
import { App } from './App';
import { TracksContext, createSetupGuideTracks } from './tracks';
import './setup-guide.scss';

const root = document.getElementById( 'utw-setup-guide' );
const page = window.utwSetupGuide;
const config = window.utwConfig;

if ( root && page && config ) {
	createRoot( root ).render(
		<TracksContext.Provider value={ createSetupGuideTracks( config ) }>
			<App { ...page } />
		</TracksContext.Provider>
	);
}
