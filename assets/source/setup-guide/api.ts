import apiFetch from '@wordpress/api-fetch';
import type {
	EventPage,
	EventState,
	GuideState,
	StepId,
	SwitchId,
} from './types';

const BASE = '/utw/v1/setup-guide';

/** Why a call to the analytics service failed, as the PHP bridge reports it. */
export type FailureReason =
	| 'service_unavailable'
	| 'bad_credentials'
	| 'rejected';

/** An error answer of the guide's REST routes, with the merchant-facing message. */
export class GuideError extends Error {
	readonly reason: FailureReason | null;

	constructor( code: string, message: string ) {
		super( message );
		const reason = code.replace( /^utw_/, '' );
		this.reason = [
			'service_unavailable',
			'bad_credentials',
			'rejected',
		].includes( reason )
			? ( reason as FailureReason )
			: null;
	}
}

async function call(
	path: string,
	method: 'POST' | 'DELETE',
	data?: Record< string, unknown >
): Promise< GuideState > {
	try {
		return await apiFetch< GuideState >( {
			path: BASE + path,
			method,
			...( data ? { data } : {} ),
		} );
	} catch ( error ) {
		const answer = error as { code?: string; message?: string };
		throw new GuideError(
			answer.code ?? 'unknown',
			answer.message ?? String( error )
		);
	}
}

/** The REST routes of includes/Admin/Setup_Guide/Setup_Guide_Routes.php. */
export const guideApi = {
	completeStep: ( step: Extract< StepId, 'getting-started' | 'tracking' > ) =>
		call( '/progress', 'POST', { step } ),
	connect: () => call( '/connection', 'POST' ),
	disconnect: () => call( '/connection', 'DELETE' ),
	pickBusinessAccount: ( id: string ) =>
		call( '/business-account', 'POST', { business_account_id: id } ),
	claimWebsite: () => call( '/claim', 'POST' ),
	setSwitch: ( name: SwitchId, enabled: boolean ) =>
		call( '/tracking', 'POST', { switch: name, enabled } ),
};

export type GuideApi = typeof guideApi;

/** What the Events view filters by. */
export interface EventQuery {
	state: EventState | 'all';
	family: 'all' | 'storefront' | 'admin';
	page: number;
	perPage: number;
}

/** What happened to the test event. */
export interface TestOutcome {
	event: string;
	state: 'queued' | 'dropped';
	eid: string;
	reason: string | null;
}

/** The event log's routes (includes/Admin/Recent_Events_Endpoint.php). */
export const eventsApi = {
	list: ( { state, family, page, perPage }: EventQuery ) =>
		apiFetch< EventPage >( {
			path: `/utw/v1/recent-events?state=${ state }&family=${ family }&page=${ page }&per_page=${ perPage }`,
		} ),
	sendTest: async () =>
		(
			await apiFetch< { outcome: TestOutcome } >( {
				path: '/utw/v1/recent-events/test',
				method: 'POST',
			} )
		).outcome,
};

export type EventsApi = typeof eventsApi;
