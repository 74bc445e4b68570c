import { __ } from '@wordpress/i18n';
import type { FamilyState } from '../types';

interface GateStateProps {
	families: FamilyState[];
	/** URL of the Setup view, linked when events wait for the store's connection. */
	setupUrl?: string;
}

/**
 * Whether each kind of event is sent now and, when not, the consent gate's condition in words —
 * the gate's own answer, handed over by the page; never re-derived here.
 *
 * @param props          Props.
 * @param props.families The gate's answer for each kind of event.
 * @param props.setupUrl URL of the Setup view.
 * @return The list.
 */
export function GateState( { families, setupUrl }: GateStateProps ) {
	return (
		<ul className="utw-screen__gate" id="utw-gate-state">
			{ families.map( ( family ) => (
				<li
					key={ family.id }
					data-family={ family.id }
					data-open={ family.open ? 'yes' : 'no' }
				>
					<span
						className={ `utw-screen__dot utw-screen__dot--${
							family.open ? 'on' : 'off'
						}` }
						aria-hidden="true"
					/>
					<strong>{ family.label }</strong>
					{ ': ' }
					{ family.open
						? __( 'sent.', 'usage-tracking-for-woocommerce' )
						: __( 'not sent.', 'usage-tracking-for-woocommerce' ) }
					{ ! family.open && ` ${ family.words }` }
					{ ! family.open &&
						family.closedBy === 'not_connected' &&
						setupUrl && (
							<>
								{ ' ' }
								<a href={ setupUrl }>
									{ __(
										'Open the Setup view',
										'usage-tracking-for-woocommerce'
									) }
								</a>
							</>
						) }
				</li>
			) ) }
		</ul>
	);
}
