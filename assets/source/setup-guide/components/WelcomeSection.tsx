import { __ } from '@wordpress/i18n';
import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Panel,
	PanelBody,
} from '@wordpress/components';
import { DocumentationLink } from '../documentation-link';
import { documentation } from '../documentation';
import { useRecordEvent } from '../tracks';
import { faqEntries } from '../faq';
import type { FaqEntry } from '../faq';

interface WelcomeSectionProps {
	onGetStarted: () => void;
	busy: boolean;
}

/**
 * Step 1: what the plugin does, with the terms of service.
 *
 * @fires utw_documentation_link_click with `{ link_id: 'terms-of-service', context: 'welcome-section' }`
 * @param props              Props.
 * @param props.onGetStarted Completes the step.
 * @param props.busy         Whether the step is being saved.
 * @return The section.
 */
export function WelcomeSection( { onGetStarted, busy }: WelcomeSectionProps ) {
	return (
		<Card className="utw-setup-guide__welcome">
			<CardHeader>
				<h2>
					{ __(
						'See how your store is set up and used',
						'usage-tracking-for-woocommerce'
					) }
				</h2>
			</CardHeader>
			<CardBody>
				<p>
					{ __(
						'Usage Tracking for WooCommerce sends anonymous events about how shoppers use your store and how it is set up to the analytics account you connect. It only runs while WooCommerce usage tracking is on; the questions below say exactly what is sent, when and where.',
						'usage-tracking-for-woocommerce'
					) }
				</p>
				<p>
					{ __(
						'By connecting, you agree to the',
						'usage-tracking-for-woocommerce'
					) }{ ' ' }
					<DocumentationLink
						linkId="terms-of-service"
						context="welcome-section"
						href={ documentation.termsOfService }
					>
						{ __(
							'terms of service',
							'usage-tracking-for-woocommerce'
						) }
					</DocumentationLink>
					.
				</p>
				<Button
					variant="primary"
					onClick={ onGetStarted }
					isBusy={ busy }
					disabled={ busy }
				>
					{ __( 'Get started', 'usage-tracking-for-woocommerce' ) }
				</Button>
			</CardBody>
		</Card>
	);
}

interface FaqQuestionProps extends FaqEntry {}

/**
 * One FAQ item; a button a keyboard and a screen reader can use.
 *
 * @fires utw_get_started_faq with `{ action: 'expand'|'collapse', question_id }` whenever the question is toggled.
 * @param props          The question.
 * @param props.id       Identifier, sent as `question_id`.
 * @param props.question The question.
 * @param props.answer   The answer.
 * @return The item.
 */
export function FaqQuestion( { id, question, answer }: FaqQuestionProps ) {
	const recordEvent = useRecordEvent();
	return (
		<PanelBody
			title={ question }
			initialOpen={ false }
			onToggle={ ( opened: boolean ) =>
				recordEvent( 'utw_get_started_faq', {
					action: opened ? 'expand' : 'collapse',
					question_id: id,
				} )
			}
		>
			<p>{ answer }</p>
		</PanelBody>
	);
}

/**
 * The getting-started FAQ accordion.
 *
 * @return The FAQ.
 */
export function Faq() {
	return (
		<Panel
			className="utw-setup-guide__faq"
			header={ __(
				'Frequently asked questions',
				'usage-tracking-for-woocommerce'
			) }
		>
			{ faqEntries().map( ( item ) => (
				<FaqQuestion key={ item.id } { ...item } />
			) ) }
		</Panel>
	);
}
