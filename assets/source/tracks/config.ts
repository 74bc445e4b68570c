/**
 * What the PHP bridge hands each bundle (as `window.utwConfig`): the same for every visitor, so
 * pages stay cacheable. The gate's decision is made in PHP and never re-derived here.
 */
export interface GateDecision {
	/** Whether the store-level conditions allow tracking. */
	open: boolean;
	/** Which condition closed the gate, when it is closed. */
	closedBy?: string;
	/** WP Consent API category the visitor must have allowed before anything is sent. */
	consent?: string;
}

export interface TracksConfig {
	gate: GateDecision;
	/** First-party collection endpoint. */
	endpoint: string;
	/** Store-level common properties: `plugin_version`, `wc_version`, `site_url`. */
	common: Record< string, string >;
	/** Set by the PHP constant `UTW_DEBUG`. */
	debug?: boolean;
}

declare global {
	interface Window {
		utwConfig?: TracksConfig;
		wp_has_consent?: ( category: string ) => boolean;
		wcTracks?: {
			isEnabled?: boolean;
			recordEvent?: (
				name: string,
				props: Record< string, unknown >
			) => void;
		};
	}
}
