/**
 * Everything the Setup view's FAQ tells a merchant about data, in one place: the FAQ component
 * renders these answers, and tests read them to check each statement against the code. The
 * visitor cookie's name and lifetime come from the shared facts the storefront code uses, so
 * the answer cannot name another cookie or lifetime than the one the code sets.
 */
import { __, _n, sprintf } from '@wordpress/i18n';
import {
	VISITOR_COOKIE,
	VISITOR_COOKIE_LIFETIME,
} from '../tracks/shared-facts';

export interface FaqEntry {
	/** Identifier, sent as `question_id` when the question is opened or closed. */
	id: string;
	question: string;
	answer: string;
}

const YEAR = 365 * 24 * 60 * 60;
const DAY = 24 * 60 * 60;

/**
 * A cookie lifetime in words: one year, else days.
 *
 * @param seconds Lifetime in seconds.
 * @return "one year" or, for example, "30 days".
 */
export function lifetimeInWords( seconds: number ): string {
	if ( seconds === YEAR ) {
		return __( 'one year', 'usage-tracking-for-woocommerce' );
	}
	const days = Math.round( seconds / DAY );
	return sprintf(
		// translators: %d: number of days.
		_n( '%d day', '%d days', days, 'usage-tracking-for-woocommerce' ),
		days
	);
}

/**
 * The FAQ's questions and answers, in the order shown.
 *
 * @return The entries.
 */
export function faqEntries(): FaqEntry[] {
	return [
		{
			id: 'what-is-tracked',
			question: __(
				'What is tracked?',
				'usage-tracking-for-woocommerce'
			),
			answer: __(
				'What shoppers do in your store: products viewed, product searches (how many results, never the search words), cart, Mini-Cart and checkout views, products added to and removed from carts, shipping, payment and coupon choices, and orders placed — with product, quantity, category and price, the device type (mobile, tablet or desktop) and the page address without its query string. How your store is set up: guest checkout, account creation and the payment methods on offer, and when you change them. And your clicks in this setup guide.',
				'usage-tracking-for-woocommerce'
			),
		},
		{
			id: 'visitor-cookie',
			question: __(
				'Does it set a cookie?',
				'usage-tracking-for-woocommerce'
			),
			answer: sprintf(
				/* translators: 1: cookie name, 2: how long it is kept, for example "one year". */
				__(
					'Yes, one first-party cookie in shoppers’ browsers: %1$s, kept for %2$s. It holds a random id, so that the events of one visit can be grouped; it says nothing about who the shopper is, and is sent with storefront events only. It is created only while storefront events are sent (see "When is data sent?"), never while they are not.',
					'usage-tracking-for-woocommerce'
				),
				VISITOR_COOKIE,
				lifetimeInWords( VISITOR_COOKIE_LIFETIME )
			),
		},
		{
			id: 'when-is-data-sent',
			question: __(
				'When is data sent?',
				'usage-tracking-for-woocommerce'
			),
			answer: __(
				'Only while WooCommerce usage tracking is on (WooCommerce > Settings > Advanced > WooCommerce.com) and the "Send usage events from this store" switch is on, with the switch for storefront or admin events. Storefront events and store settings events are also sent only while the store is connected to its analytics account (the "Connect your account" step). Where a cookie consent plugin uses the WP Consent API, storefront events also wait until the shopper allows statistics. Events are delivered in the background; the Events view lists every one with its state.',
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
				'Storefront events and store settings events go to the analytics account you connect in the next step, with your store’s id there. Shoppers’ browsers send them to your own site first, and your site delivers them. The setup guide’s own events (your clicks in this guide) go to WooCommerce’s usage tracking (Tracks), like WooCommerce’s own admin events.',
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
				'Personal data: no names, email addresses, phone numbers, postal addresses, order notes, IP addresses or browser user agent strings. Values that look like personal data are removed before anything is stored or sent.',
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
				'Switch off "Send usage events from this store" in the Settings view (or in WooCommerce > Settings > Advanced > Usage Tracking), or turn off usage tracking in WooCommerce > Settings > Advanced > WooCommerce.com. Either stops all events from the next page load. Disconnecting your account stops storefront and store settings events.',
				'usage-tracking-for-woocommerce'
			),
		},
	];
}
