import type { MouseEvent, ReactNode } from 'react';
import { __ } from '@wordpress/i18n';
import { VisuallyHidden } from '@wordpress/components';
import { useRecordEvent } from './tracks';
import type { SetupGuideTracks } from './tracks';

interface LinkOptions {
	/** Identifier of the link, sent as `link_id`. */
	linkId: string;
	/** Where the link is shown, sent as `context`. */
	context: string;
	href: string;
	/** Runs first; when it prevents the click, nothing is recorded. */
	onClick?: ( event: MouseEvent< HTMLAnchorElement > ) => void;
}

/**
 * Props of every external documentation link: opens in a new tab and records the click, unless
 * the click was prevented (then the merchant did not go anywhere).
 *
 * @fires utw_documentation_link_click on click, with the given `link_id`, `context` and `href`.
 * @param recordEvent     The guide's recordEvent.
 * @param options         Link id, context, href and an optional click handler.
 * @param options.linkId  Identifier of the link.
 * @param options.context Where the link is shown.
 * @param options.href    Where it goes.
 * @param options.onClick Runs first; a prevented click is not recorded.
 * @return Anchor props.
 */
export function documentationLinkProps(
	recordEvent: SetupGuideTracks[ 'recordEvent' ],
	{ linkId, context, href, onClick }: LinkOptions
) {
	return {
		href,
		target: '_blank',
		rel: 'noopener noreferrer',
		onClick: ( event: MouseEvent< HTMLAnchorElement > ) => {
			onClick?.( event );
			if ( ! event.defaultPrevented ) {
				recordEvent( 'utw_documentation_link_click', {
					link_id: linkId,
					context,
					href,
				} );
			}
		},
	};
}

/**
 * An external documentation link, through documentationLinkProps().
 *
 * @param props          Link options and the link text.
 * @param props.children The link text.
 * @return The link.
 */
export function DocumentationLink( {
	children,
	...options
}: LinkOptions & { children: ReactNode } ) {
	const recordEvent = useRecordEvent();
	return (
		<a { ...documentationLinkProps( recordEvent, options ) }>
			{ children }
			<VisuallyHidden as="span">
				{ __(
					'(opens in a new tab)',
					'usage-tracking-for-woocommerce'
				) }
			</VisuallyHidden>
		</a>
	);
}
