import { __ } from '@wordpress/i18n';
import type { GuideApi } from '../api';
import type { RunRequest } from '../App';
import { AccountConnection } from '../components/AccountConnection';
import { SetupTracking } from '../components/SetupTracking';
import type { GuideState } from '../types';

interface SettingsViewProps {
	state: GuideState;
	busy: boolean;
	run: RunRequest;
	api: GuideApi;
	setupUrl: string;
}

/**
 * The Settings view: the connected account, the three switches (the same options as WooCommerce >
 * Settings > Advanced > Usage Tracking) and, from the consent gate, whether each kind of event is
 * sent now and why not.
 *
 * @param props          Props.
 * @param props.state    The guide's state.
 * @param props.busy     Whether a request is running.
 * @param props.run      Runs a guide request.
 * @param props.api      The guide's REST calls.
 * @param props.setupUrl URL of the Setup view.
 * @return The view.
 */
export function SettingsView( {
	state,
	busy,
	run,
	api,
	setupUrl,
}: SettingsViewProps ) {
	return (
		<div className="utw-setup-guide">
			<SetupTracking
				state={ state }
				context="settings"
				busy={ busy }
				setupUrl={ setupUrl }
				onToggle={ ( name, enabled ) =>
					run( () => api.setSwitch( name, enabled ) )
				}
			/>
			<h2 className="utw-screen__subtitle">
				{ __( 'Analytics account', 'usage-tracking-for-woocommerce' ) }
			</h2>
			<AccountConnection
				account={ state.account }
				busy={ busy }
				onConnect={ () => run( api.connect, 'connect' ) }
				onDisconnect={ () => run( api.disconnect ) }
			/>
		</div>
	);
}
