import { __ } from '@wordpress/i18n';
import { useState } from '@wordpress/element';
import { Notice, TabPanel } from '@wordpress/components';
import {
	GuideError,
	guideApi as defaultApi,
	eventsApi as defaultEventsApi,
} from './api';
import type { EventsApi, GuideApi } from './api';
import { useRecordEvent } from './tracks';
import { SetupView } from './views/SetupView';
import { SettingsView } from './views/SettingsView';
import { EventsView } from './views/EventsView';
import { VIEWS } from './types';
import type { GuideState, PageData, ViewId } from './types';

/** The views' names, the same in the tabs, the menu's links and the docs. */
export const viewTitles = (): Record< ViewId, string > => ( {
	setup: __( 'Setup', 'usage-tracking-for-woocommerce' ),
	settings: __( 'Settings', 'usage-tracking-for-woocommerce' ),
	events: __( 'Events', 'usage-tracking-for-woocommerce' ),
} );

/** What failed, sent as `action` of utw_account_connection_failed. */
export type FailedAction = 'connect' | 'business-account' | 'claim-website';

/** Runs a guide request, keeps the state it answers, and reports failures. */
export type RunRequest = (
	request: () => Promise< GuideState >,
	failedAction?: FailedAction
) => Promise< GuideState | null >;

interface AppProps extends PageData {
	api?: GuideApi;
	eventsApi?: EventsApi;
}

/**
 * WooCommerce > Usage Tracking: the Setup, Settings and Events views, one tab each, under
 * WooCommerce admin's header (which carries the screen's title); the address follows the tab, so
 * a reload or a shared link opens the same view.
 *
 * @fires utw_setup_step_complete with `{ step }` when a step becomes completed.
 * @fires utw_account_connection_failed with `{ reason, action }` when the service is down or refuses.
 * @param props               Page data from PHP.
 * @param props.view          The view to open.
 * @param props.state         The guide's state (account, switches, the gate's answers).
 * @param props.urls          URL of each view.
 * @param props.eventsPerPage Events per page of the Events view.
 * @param props.events        The Events view's first page, when the page printed it.
 * @param props.api           The guide's REST calls (tests pass their own server).
 * @param props.eventsApi     The event log's REST calls (tests pass their own server).
 * @return The screen.
 */
export function App( {
	view: initialView,
	state: initialState,
	urls,
	eventsPerPage,
	events,
	api = defaultApi,
	eventsApi = defaultEventsApi,
}: AppProps ) {
	const recordEvent = useRecordEvent();
	const [ state, setState ] = useState< GuideState >( initialState );
	const [ busy, setBusy ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );
	const titles = viewTitles();

	const run: RunRequest = async ( request, failedAction ) => {
		setBusy( true );
		setError( null );
		try {
			const next = await request();
			next.completed
				.filter( ( step ) => ! state.completed.includes( step ) )
				.forEach( ( step ) =>
					recordEvent( 'utw_setup_step_complete', { step } )
				);
			setState( next );
			return next;
		} catch ( caught ) {
			const failure =
				caught instanceof GuideError
					? caught
					: new GuideError( 'unknown', String( caught ) );
			setError( failure.message );
			if ( failedAction && failure.reason ) {
				recordEvent( 'utw_account_connection_failed', {
					reason: failure.reason,
					action: failedAction,
				} );
			}
			return null;
		} finally {
			setBusy( false );
		}
	};

	const errorNotice = error && (
		<Notice status="error" onRemove={ () => setError( null ) }>
			{ error }
		</Notice>
	);

	return (
		<div className="utw-screen">
			<TabPanel
				className="utw-screen__tabs"
				initialTabName={ initialView }
				onSelect={ ( name: string ) => {
					// Only when the view changes: the address may carry the view's own filters.
					const shown =
						new URLSearchParams( window.location.search ).get(
							'view'
						) ?? 'setup';
					if ( shown !== name ) {
						window.history.replaceState(
							null,
							'',
							urls[ name as ViewId ]
						);
					}
				} }
				tabs={ VIEWS.map( ( name ) => ( {
					name,
					title: titles[ name ],
				} ) ) }
			>
				{ ( tab ) => (
					<div
						className={ `utw-screen__view utw-screen__view--${ tab.name }` }
					>
						{ tab.name !== 'events' && errorNotice }
						{ tab.name === 'setup' && (
							<SetupView
								state={ state }
								busy={ busy }
								run={ run }
								api={ api }
								settingsUrl={ urls.settings }
							/>
						) }
						{ tab.name === 'settings' && (
							<SettingsView
								state={ state }
								busy={ busy }
								run={ run }
								api={ api }
								setupUrl={ urls.setup }
							/>
						) }
						{ tab.name === 'events' && (
							<EventsView
								api={ eventsApi }
								perPage={ eventsPerPage }
								initial={ events ?? null }
							/>
						) }
					</div>
				) }
			</TabPanel>
		</div>
	);
}
