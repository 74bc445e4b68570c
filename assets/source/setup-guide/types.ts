/**
 * What the PHP bridge hands the guide (Setup_Guide_Progress::to_browser()): never a token.
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
	tracking: { pluginEnabled: boolean; wooCommerceOptIn: boolean };
	links: {
		createAccount: string;
		convertAccount: string;
		createBusinessAccount: string;
		wooCommerceSettings: string;
	};
}

/** Where the tracking controls are shown: the guide's last step, or the settings view. */
export type TrackingContext = 'wizard' | 'settings';

export interface PageData {
	view: 'guide' | 'settings';
	state: GuideState;
	guideUrl: string;
	settingsUrl: string;
}

declare global {
	interface Window {
		utwSetupGuide?: PageData;
	}
}
