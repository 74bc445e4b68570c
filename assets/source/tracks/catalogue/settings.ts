import type { EventFamily } from './schema';

/**
 * Events about the store's own settings (seed 000, "Site Owners / Users"): one per change, with
 * the value before and after, whether the change came from the settings screen, the REST API or
 * code. Recorded by the server after the change is saved, so the gate they pass is the one the
 * change leaves behind.
 *
 * @family admin
 * @origin server
 */
export const settingsEvents = {
	/**
	 * The merchant changed how shoppers may check out with or without an account.
	 */
	utw_checkout_account_setting_change: {
		/** Which setting: guest checkout, account creation at checkout, on My account, or after checkout. */
		setting: [
			'guest_checkout',
			'account_creation',
			'myaccount_registration',
			'delayed_account_creation',
		],
		/** Whether it was on before the change. */
		old_value: 'boolean',
		/** Whether it is on after the change. */
		new_value: 'boolean',
	},
	/**
	 * The merchant enabled or disabled a payment method.
	 */
	utw_payment_method_change: {
		/** ID of the payment method (`cod`, `cheque`, …). */
		payment_method: 'string',
		/** Whether it was enabled before the change. */
		old_value: 'boolean',
		/** Whether it is enabled after the change. */
		new_value: 'boolean',
		/** IDs of the enabled payment methods before the change, comma-separated. */
		old_payment_methods: 'string',
		/** IDs of the enabled payment methods after the change, comma-separated. */
		new_payment_methods: 'string',
	},
	/**
	 * The merchant turned one of the plugin's own switches on or off. Switching tracking (or the
	 * admin family) off closes the gate this event passes, so that change is only kept, as
	 * dropped, in the recent-events view: it is never sent.
	 */
	utw_tracking_switch_change: {
		/** Which switch: the plugin's, the storefront family's or the admin family's. */
		switch: [ 'plugin', 'storefront', 'admin' ],
		/** Whether it was on before the change. */
		old_value: 'boolean',
		/** Whether it is on after the change. */
		new_value: 'boolean',
	},
} as const satisfies EventFamily;
