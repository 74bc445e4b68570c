import type { OutgoingEvent, Transport } from './transport';

const RETRY_KEY = 'utw_retry';
/** At most this many events wait in `localStorage` for a retry; the oldest go first. */
export const RETRY_LIMIT = 50;
/** The collection endpoint refuses larger batches. */
export const MAX_BATCH = 50;

function readRetryQueue(): OutgoingEvent[] {
	try {
		const stored = JSON.parse( localStorage.getItem( RETRY_KEY ) || '[]' );
		return Array.isArray( stored ) ? stored.slice( -RETRY_LIMIT ) : [];
	} catch {
		return [];
	}
}

function writeRetryQueue( events: OutgoingEvent[] ): void {
	try {
		if ( events.length ) {
			localStorage.setItem(
				RETRY_KEY,
				JSON.stringify( events.slice( -RETRY_LIMIT ) )
			);
		} else {
			localStorage.removeItem( RETRY_KEY );
		}
	} catch {
		// Storage full or blocked: the batch is simply not retried.
	}
}

/**
 * Sends events to the first-party collection endpoint in one request per page: events wait in
 * memory until the page is hidden or left (`visibilitychange`, `pagehide`), then go with
 * `navigator.sendBeacon`, or `fetch` with `keepalive` when the beacon is refused. A batch stays
 * in a small `localStorage` queue until it is handed over, and goes out again with the next
 * page's batch when delivery failed.
 *
 * @param endpoint URL of the collection endpoint.
 * @return The transport and its `flush()`.
 */
export function beaconTransport(
	endpoint: string
): Transport & { flush: () => void } {
	const queue: OutgoingEvent[] = readRetryQueue();

	function flush(): void {
		if ( ! queue.length ) {
			return;
		}
		const batch = queue.splice( 0, MAX_BATCH );
		const body = JSON.stringify( { events: batch } );
		writeRetryQueue( batch );
		if (
			navigator.sendBeacon?.(
				endpoint,
				new Blob( [ body ], { type: 'application/json' } )
			)
		) {
			writeRetryQueue( [] );
			return;
		}
		fetch( endpoint, {
			method: 'POST',
			body,
			keepalive: true,
			headers: { 'Content-Type': 'application/json' },
		} ).then(
			// A 4xx batch would fail again: only server and network failures are retried.
			( response ) => response.status < 500 && writeRetryQueue( [] ),
			() => undefined
		);
	}

	addEventListener( 'pagehide', flush );
	document.addEventListener( 'visibilitychange', () => {
		if ( document.visibilityState === 'hidden' ) {
			flush();
		}
	} );

	return {
		send( event ) {
			queue.push( event );
		},
		flush,
	};
}
