/**
 * What the PHP bridge hands the Usage Tracking screen (Setup_Guide_Page, and
 * Setup_Guide_Progress::to_browser() for the state): never a token.
 */
export type StepId =
	| 'getting-started'
	| 'account'
	| 'claim-website'
	| 'tracking';

export const STEPS: readonly StepId[] = [
	'getting-started',
	'account',
	'claim-website',
	'tracking',
];

export interface BusinessAccount {
	id: string;
	name: string;
}

export interface ConnectedAccount {
	id: string;
	name: string;
	type: 'personal' | 'business';
	businessAccounts: BusinessAccount[];
	businessAccount: BusinessAccount | null;
}

export interface GuideState {
	completed: StepId[];
	account: ConnectedAccount | null;
	tracking: {
		switches: Record< SwitchId, boolean >;
		/** Whether WooCommerce's own opt-in is on, from the consent gate's answer. */
		wooCommerceOptIn: boolean;
		/** The consent gate's answer for each kind of event. */
		families: FamilyState[];
	};
	links: {
		createAccount: string;
		convertAccount: string;
		createBusinessAccount: string;
		wooCommerceSettings: string;
	};
}

/** The three switches: the plugin's, storefront events', admin events'. */
export type SwitchId = 'plugin' | 'storefront' | 'admin';

/** Whether one kind of event is sent now and, if not, the gate's condition in words. */
export interface FamilyState {
	id: 'storefront' | 'settings' | 'guide';
	label: string;
	open: boolean;
	closedBy: string | null;
	words: string;
}

/** Where the tracking controls are shown: the guide's last step, or the Settings view. */
export type TrackingContext = 'wizard' | 'settings';

/** The screen's views. */
export type ViewId = 'setup' | 'settings' | 'events';

export const VIEWS: readonly ViewId[] = [ 'setup', 'settings', 'events' ];

/** Delivery states of the event log (Outbox::STATES). */
export type EventState =
	| 'queued'
	| 'retrying'
	| 'delivered'
	| 'failed'
	| 'dropped';

export const EVENT_STATES: readonly EventState[] = [
	'queued',
	'retrying',
	'delivered',
	'failed',
	'dropped',
];

/** One line of the event log, as `GET /utw/v1/recent-events` answers it. */
export interface LoggedEvent {
	id: number;
	eid: string;
	/** The name as sent (`utw_…`, `wcadmin_utw_…`). */
	event: string;
	family: string;
	state: EventState;
	reason: string | null;
	/** The reason in words; empty when there is none. */
	reason_text: string;
	attempts: number;
	props: Record< string, string | number | boolean >;
	removed: Record< string, string >;
	/** Unix time it was recorded. */
	time: number;
	/** When it was recorded, in the site's time zone and formats. */
	time_text: string;
	delivered_at: number | null;
	/** When it was delivered, in the site's time zone and formats; empty until then. */
	delivered_text: string;
}

/** One page of the event log. */
export interface EventPage {
	events: LoggedEvent[];
	total: number;
	counts: Partial< Record< EventState, number > >;
}

export interface PageData {
	view: ViewId;
	state: GuideState;
	urls: Record< ViewId, string >;
	eventsPerPage: number;
	/** The Events view's first page, when the screen opened on it. */
	events: EventPage | null;
}

declare global {
	interface Window {
		utwUsageTracking?: PageData;
	}
}
