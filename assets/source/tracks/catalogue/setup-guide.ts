import type { EventFamily } from './schema';

/**
 * Events of the admin setup guide (seed 002, under `utw`), sent as `wcadmin_utw_…` to
 * WooCommerce's Tracks, like WooCommerce's own admin events. They follow WooCommerce's opt-in
 * alone: the guide is how a store gets connected, so they do not wait for the connection.
 *
 * @family admin
 * @destination woocommerce
 */
export const setupGuideEvents = {
	/**
	 * Clicking on the "Connect" button of the analytics account.
	 */
	utw_account_connect_button_click: {},
	/**
	 * Clicking on the "… convert your personal account" link.
	 */
	utw_account_convert_button_click: {},
	/**
	 * Clicking on the "… create a new account" link.
	 */
	utw_account_create_button_click: {},
	/**
	 * Clicking on the "Disconnect" button of the connected account.
	 */
	utw_account_disconnect_button_click: {},
	/**
	 * Clicking on the "Connect" button of a business account.
	 */
	utw_business_account_connect_button_click: {},
	/**
	 * Clicking on the "Create business account" link.
	 */
	utw_business_account_create_button_click: {},
	/**
	 * Clicking on an external documentation link.
	 */
	utw_documentation_link_click: {
		/** Identifier of the link. */
		link_id: 'string',
		/** Where the link was shown (which step or view). */
		context: 'string',
		/** Href to which the merchant was navigated. */
		href: 'string',
	},
	/**
	 * Clicking on a getting-started FAQ item to expand or collapse it.
	 */
	utw_get_started_faq: {
		/** What action was initiated. */
		action: [ 'expand', 'collapse' ],
		/** Identifier of the clicked question. */
		question_id: 'string',
	},
	/**
	 * Opening a modal.
	 */
	utw_modal_open: {
		/** Which modal this is. */
		context: 'string',
	},
	/**
	 * Closing a modal.
	 */
	utw_modal_closed: {
		/** Which modal this is. */
		context: 'string',
		/** `confirm` when the final "Yes, disconnect" button is clicked; `dismiss` when the modal is closed with ×, Cancel, the overlay or Escape. */
		action: [ 'confirm', 'dismiss' ],
	},
	/**
	 * A step of the setup guide was completed (addition to seed 002).
	 */
	utw_setup_step_complete: {
		/** Which step. */
		step: [ 'getting-started', 'account', 'claim-website', 'tracking' ],
	},
	/**
	 * The analytics service could not be reached or refused the store (addition to seed 002).
	 */
	utw_account_connection_failed: {
		/** Why: the service was down, or rejected the credentials or the request. */
		reason: [ 'service_unavailable', 'bad_credentials', 'rejected' ],
		/** What the merchant was doing. */
		action: [ 'connect', 'business-account', 'claim-website' ],
	},
} as const satisfies EventFamily;
