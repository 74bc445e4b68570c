import type { EventProperties } from '../catalogue/schema';

/** A validated event on its way out. */
export interface OutgoingEvent {
	name: string;
	props: EventProperties;
}

/** Where the shared client hands validated events. */
export interface Transport {
	send: ( event: OutgoingEvent ) => void;
}
