import { __, _n, sprintf } from '@wordpress/i18n';
import { useEffect, useRef, useState } from '@wordpress/element';
import { Button, Notice, SelectControl, Spinner } from '@wordpress/components';
import type { EventQuery, EventsApi, TestOutcome } from '../api';
import { EVENT_STATES } from '../types';
import type { EventPage, EventState, LoggedEvent } from '../types';
import titles from '../event-titles.json';

/** Names of the delivery states, as the filter and the rows show them. */
export const stateLabels = (): Record< EventState, string > => ( {
	queued: __( 'Queued', 'usage-tracking-for-woocommerce' ),
	retrying: __( 'Retrying', 'usage-tracking-for-woocommerce' ),
	delivered: __( 'Delivered', 'usage-tracking-for-woocommerce' ),
	failed: __( 'Failed', 'usage-tracking-for-woocommerce' ),
	dropped: __( 'Dropped', 'usage-tracking-for-woocommerce' ),
} );

/**
 * The plain-language title of an event as sent, from the catalogue's descriptions.
 *
 * @param event The name as sent (`utw_…`, `wcadmin_utw_…`).
 * @return The title, or the name itself for an event the catalogue does not know.
 */
export function eventTitle( event: string ): string {
	return ( titles as Record< string, string > )[ event ] ?? event;
}

/**
 * The query a view opens with: the address's `state` filter (old links of the event log carry
 * it), else everything.
 *
 * @param perPage Events per page.
 * @return The query.
 */
function initialQuery( perPage: number ): EventQuery {
	const state = new URLSearchParams( window.location.search ).get( 'state' );
	return {
		state: ( EVENT_STATES as readonly string[] ).includes( state ?? '' )
			? ( state as EventState )
			: 'all',
		family: 'all',
		page: 1,
		perPage,
	};
}

interface EventsViewProps {
	api: EventsApi;
	perPage: number;
	/** The first page of the whole log, when the page printed it. */
	initial: EventPage | null;
}

/**
 * The Events view: the event log (the outbox), newest first, one compact row per event — time in
 * the site's time zone and format, the event's title, its delivery state and, for a drop, a
 * failure or a retry, why in words — with the details a click away. Filters and paging ask the
 * server, so the page is as long with a thousand events as with ten.
 *
 * @param props         Props.
 * @param props.api     The event log's REST calls.
 * @param props.perPage Events per page.
 * @param props.initial The first page, when already known.
 * @return The view.
 */
export function EventsView( { api, perPage, initial }: EventsViewProps ) {
	const [ query, setQuery ] = useState< EventQuery >( () =>
		initialQuery( perPage )
	);
	const isDefault = query.state === 'all' && query.family === 'all';
	const [ found, setFound ] = useState< EventPage | null >(
		isDefault ? initial : null
	);
	const [ loading, setLoading ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );
	const [ open, setOpen ] = useState< Set< number > >( () => new Set() );
	const [ tested, setTested ] = useState< TestOutcome | null >( null );
	const [ testing, setTesting ] = useState( false );
	const [ reload, setReload ] = useState( 0 );
	const skipFirst = useRef( found !== null );

	useEffect( () => {
		if ( skipFirst.current ) {
			skipFirst.current = false;
			return undefined;
		}
		let current = true;
		setLoading( true );
		api.list( query ).then(
			( page ) => {
				if ( current ) {
					setFound( page );
					setError( null );
					setLoading( false );
				}
			},
			( failure: { message?: string } ) => {
				if ( current ) {
					setError( failure.message ?? String( failure ) );
					setLoading( false );
				}
			}
		);
		return () => {
			current = false;
		};
	}, [ api, query, reload ] );

	const labels = stateLabels();
	const counts = found?.counts ?? {};
	const all = Object.values( counts ).reduce( ( a, b ) => a + ( b ?? 0 ), 0 );
	const pages = Math.max( 1, Math.ceil( ( found?.total ?? 0 ) / perPage ) );
	const change = ( next: Partial< EventQuery > ) => {
		setOpen( new Set() );
		setQuery( { ...query, page: 1, ...next } );
	};
	const toggle = ( id: number ) => {
		const next = new Set( open );
		if ( ! next.delete( id ) ) {
			next.add( id );
		}
		setOpen( next );
	};
	const sendTest = async () => {
		setTesting( true );
		setTested( null );
		try {
			setTested( await api.sendTest() );
			setError( null );
			setOpen( new Set() );
			setQuery( { ...query, state: 'all', page: 1 } );
			setReload( reload + 1 );
		} catch ( failure ) {
			setError(
				( failure as { message?: string } ).message ?? String( failure )
			);
		} finally {
			setTesting( false );
		}
	};

	return (
		<div className="utw-events">
			<p className="utw-events__intro">
				{ __(
					'Every event of this store, newest first, with its delivery state. Events are delivered in the background, never while a shopper or you wait.',
					'usage-tracking-for-woocommerce'
				) }
			</p>
			<div className="utw-events__toolbar">
				<SelectControl
					__nextHasNoMarginBottom
					__next40pxDefaultSize
					label={ __( 'State', 'usage-tracking-for-woocommerce' ) }
					value={ query.state }
					options={ [
						{
							value: 'all',
							label: sprintf(
								/* translators: %d: number of events. */
								__(
									'All states (%d)',
									'usage-tracking-for-woocommerce'
								),
								all
							),
						},
						...EVENT_STATES.map( ( state ) => ( {
							value: state,
							label: `${ labels[ state ] } (${
								counts[ state ] ?? 0
							})`,
						} ) ),
					] }
					onChange={ ( state: string ) =>
						change( { state: state as EventQuery[ 'state' ] } )
					}
				/>
				<SelectControl
					__nextHasNoMarginBottom
					__next40pxDefaultSize
					label={ __( 'Kind', 'usage-tracking-for-woocommerce' ) }
					value={ query.family }
					options={ [
						{
							value: 'all',
							label: __(
								'All events',
								'usage-tracking-for-woocommerce'
							),
						},
						{
							value: 'storefront',
							label: __(
								'Storefront',
								'usage-tracking-for-woocommerce'
							),
						},
						{
							value: 'admin',
							label: __(
								'Admin',
								'usage-tracking-for-woocommerce'
							),
						},
					] }
					onChange={ ( family: string ) =>
						change( { family: family as EventQuery[ 'family' ] } )
					}
				/>
				<Button
					variant="secondary"
					className="utw-events__test"
					isBusy={ testing }
					disabled={ testing }
					onClick={ sendTest }
				>
					{ __(
						'Send a test event',
						'usage-tracking-for-woocommerce'
					) }
				</Button>
				{ loading && <Spinner /> }
			</div>
			{ tested && (
				<Notice
					status={ tested.state === 'queued' ? 'success' : 'warning' }
					onRemove={ () => setTested( null ) }
					className="utw-events__test-notice"
				>
					{ tested.state === 'queued'
						? __(
								'The test event is queued for delivery. It is the newest line below; its state changes to Delivered once the background delivery has sent it (within a minute on a store with traffic).',
								'usage-tracking-for-woocommerce'
						  )
						: __(
								'The test event was dropped. The newest line below says why.',
								'usage-tracking-for-woocommerce'
						  ) }
				</Notice>
			) }
			{ error && (
				<Notice status="error" onRemove={ () => setError( null ) }>
					{ error }
				</Notice>
			) }
			{ found && found.events.length === 0 && (
				<p id="utw-no-events">
					{ __( 'No event yet.', 'usage-tracking-for-woocommerce' ) }
				</p>
			) }
			{ found && found.events.length > 0 && (
				<table className="utw-events__table" id="utw-recent-events">
					<thead>
						<tr className="utw-events__row">
							<th scope="col">
								{ __(
									'Time',
									'usage-tracking-for-woocommerce'
								) }
							</th>
							<th scope="col">
								{ __(
									'Event',
									'usage-tracking-for-woocommerce'
								) }
							</th>
							<th scope="col">
								{ __(
									'State',
									'usage-tracking-for-woocommerce'
								) }
							</th>
							<th scope="col">
								<span className="screen-reader-text">
									{ __(
										'Details',
										'usage-tracking-for-woocommerce'
									) }
								</span>
							</th>
						</tr>
					</thead>
					<tbody>
						{ found.events.map( ( event ) => (
							<EventRow
								key={ event.id }
								event={ event }
								stateLabel={
									labels[ event.state ] ?? event.state
								}
								open={ open.has( event.id ) }
								onToggle={ () => toggle( event.id ) }
							/>
						) ) }
					</tbody>
				</table>
			) }
			{ found && (
				<div className="utw-events__paging">
					<span className="utw-events__total">
						{ sprintf(
							/* translators: %d: number of events. */
							_n(
								'%d event',
								'%d events',
								found.total,
								'usage-tracking-for-woocommerce'
							),
							found.total
						) }
					</span>
					<Button
						variant="secondary"
						disabled={ query.page <= 1 || loading }
						onClick={ () =>
							setQuery( { ...query, page: query.page - 1 } )
						}
					>
						{ __(
							'Previous page',
							'usage-tracking-for-woocommerce'
						) }
					</Button>
					<span className="utw-events__page" aria-live="polite">
						{ sprintf(
							/* translators: 1: current page, 2: number of pages. */
							__(
								'Page %1$d of %2$d',
								'usage-tracking-for-woocommerce'
							),
							query.page,
							pages
						) }
					</span>
					<Button
						variant="secondary"
						disabled={ query.page >= pages || loading }
						onClick={ () =>
							setQuery( { ...query, page: query.page + 1 } )
						}
					>
						{ __( 'Next page', 'usage-tracking-for-woocommerce' ) }
					</Button>
				</div>
			) }
		</div>
	);
}

interface EventRowProps {
	event: LoggedEvent;
	stateLabel: string;
	open: boolean;
	onToggle: () => void;
}

/**
 * One event: a compact line, and its details when opened.
 *
 * @param props            Props.
 * @param props.event      The event.
 * @param props.stateLabel Its state's name.
 * @param props.open       Whether its details are shown.
 * @param props.onToggle   Shows or hides the details.
 * @return The row.
 */
function EventRow( { event, stateLabel, open, onToggle }: EventRowProps ) {
	const detailsId = `utw-event-details-${ event.id }`;
	const removed = Object.entries( event.removed );
	return (
		<tr
			className={ `utw-events__row${ open ? ' is-open' : '' }` }
			data-eid={ event.eid }
			data-event={ event.event }
			data-state={ event.state }
		>
			<td className="utw-events__time">{ event.time_text }</td>
			<td className="utw-events__event">
				<span
					className="utw-events__title"
					title={ eventTitle( event.event ) }
				>
					{ eventTitle( event.event ) }
				</span>
				<code className="utw-events__name">{ event.event }</code>
			</td>
			<td className="utw-events__state">
				<span className={ `utw-state utw-state--${ event.state }` }>
					{ stateLabel }
				</span>
				{ event.state !== 'delivered' && event.reason_text && (
					<span className="utw-events__why">
						{ event.reason_text }
					</span>
				) }
			</td>
			<td className="utw-events__toggle">
				<Button
					variant="tertiary"
					size="small"
					aria-expanded={ open }
					aria-controls={ detailsId }
					onClick={ onToggle }
				>
					{ open
						? __( 'Hide', 'usage-tracking-for-woocommerce' )
						: __( 'Details', 'usage-tracking-for-woocommerce' ) }
				</Button>
			</td>
			<td
				className="utw-events__details"
				id={ detailsId }
				hidden={ ! open }
			>
				<dl>
					<dt>
						{ __( 'Event id', 'usage-tracking-for-woocommerce' ) }
					</dt>
					<dd>
						<code>{ event.eid || '—' }</code>
					</dd>
					<dt>
						{ __(
							'Delivery attempts',
							'usage-tracking-for-woocommerce'
						) }
					</dt>
					<dd>{ event.attempts }</dd>
					{ event.delivered_text && (
						<>
							<dt>
								{ __(
									'Delivered',
									'usage-tracking-for-woocommerce'
								) }
							</dt>
							<dd>{ event.delivered_text }</dd>
						</>
					) }
					{ event.reason && (
						<>
							<dt>
								{ __(
									'Reason',
									'usage-tracking-for-woocommerce'
								) }
							</dt>
							<dd>
								<code className="utw-reason">
									{ event.reason }
								</code>
							</dd>
						</>
					) }
				</dl>
				<PropertyList
					title={ __(
						'Properties',
						'usage-tracking-for-woocommerce'
					) }
					entries={ Object.entries( event.props ) }
				/>
				{ removed.length > 0 && (
					<PropertyList
						title={ __(
							'Removed by the privacy guard, or not in the catalogue (values are never kept)',
							'usage-tracking-for-woocommerce'
						) }
						entries={ removed }
					/>
				) }
			</td>
		</tr>
	);
}

/**
 * Properties as name and value.
 *
 * @param props         Props.
 * @param props.title   Heading.
 * @param props.entries Name and value pairs.
 * @return The list, or nothing when empty.
 */
function PropertyList( {
	title,
	entries,
}: {
	title: string;
	entries: [ string, string | number | boolean ][];
} ) {
	if ( ! entries.length ) {
		return null;
	}
	return (
		<div className="utw-events__props">
			<h3>{ title }</h3>
			<dl>
				{ entries.map( ( [ name, value ] ) => (
					<div key={ name }>
						<dt>
							<code>{ name }</code>
						</dt>
						<dd>{ String( value ) }</dd>
					</div>
				) ) }
			</dl>
		</div>
	);
}
