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
						'Usage Tracking for WooCommerce sends anonymous events about how shoppers use your store and how it is set up to your analytics account. It only runs while WooCommerce usage tracking is on.',
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

interface Question {
	id: string;
	question: string;
	answer: string;
}

const questions = (): Question[] => [
	{
		id: 'what-is-tracked',
		question: __( 'What is tracked?', 'usage-tracking-for-woocommerce' ),
		answer: __(
			'Which products are viewed, added to and removed from carts, checkouts and orders (product, quantity, category, device type), and how the store is set up: guest checkout, account creation and payment methods.',
			'usage-tracking-for-woocommerce'
		),
	},
	{
		id: 'what-is-never-tracked',
		question: __(
			'What is never tracked?',
			'usage-tracking-for-woocommerce'
		),
		answer: __(
			'Personal data: no names, email addresses, phone numbers, addresses, order notes, IP addresses or browser identifiers. Values that look like personal data are dropped before anything is sent.',
			'usage-tracking-for-woocommerce'
		),
	},
	{
		id: 'how-to-turn-it-off',
		question: __(
			'How do I turn it off?',
			'usage-tracking-for-woocommerce'
		),
		answer: __(
			'Switch off "Send usage data" in the last step of this guide, or turn off usage tracking in WooCommerce > Settings > Advanced > WooCommerce.com. Either stops all events on the next page load.',
			'usage-tracking-for-woocommerce'
		),
	},
	{
		id: 'where-does-data-go',
		question: __(
			'Where does the data go?',
			'usage-tracking-for-woocommerce'
		),
		answer: __(
			'To the analytics account you connect in the next step. Storefront events pass through your own site first, so nothing is sent from your shoppers’ browsers to a third party.',
			'usage-tracking-for-woocommerce'
		),
	},
];

interface FaqQuestionProps extends Question {}

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
			{ questions().map( ( item ) => (
				<FaqQuestion key={ item.id } { ...item } />
			) ) }
		</Panel>
	);
}
