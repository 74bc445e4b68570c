<?php
/**
 * What the setup guide remembers between visits.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin\Setup_Guide;

use Utw\Admin\Reason_Words;
use Utw\Consent\Consent_Gate;
use Utw\Consent\Gate_Decision;
use Utw\Options;
use Utw\Service\Service_Client;

defined( 'ABSPATH' ) || exit;

/**
 * Progress and the connection live in two options that are not autoloaded: only the guide and
 * its REST routes read them, so storefront pages never pay for them. The access token stays in
 * its own option and never leaves the server; `to_browser()` is all the page ever sees.
 */
final class Setup_Guide_Progress {

	/** Completed steps, the site verification token and whether the site is claimed. */
	public const PROGRESS_OPTION = 'utw_setup_guide';
	/** Access token and the connected account, from the analytics service. */
	public const CONNECTION_OPTION = 'utw_service_connection';
	/** Every option the guide writes, for uninstall.php. */
	public const OPTIONS = array( self::PROGRESS_OPTION, self::CONNECTION_OPTION );

	/** The guide's steps, in order. */
	public const STEPS = array( 'getting-started', 'account', 'claim-website', 'tracking' );

	/**
	 * Steps the merchant completed.
	 *
	 * @return list<string>
	 */
	public function completed_steps(): array {
		$completed = $this->progress()['completed'];
		return array_values( array_intersect( self::STEPS, $completed ) );
	}

	/**
	 * Marks a step completed (or not).
	 *
	 * @param string $step      One of STEPS.
	 * @param bool   $completed Whether it is completed.
	 */
	public function mark( string $step, bool $completed = true ): void {
		$progress              = $this->progress();
		$others                = array_diff( $progress['completed'], array( $step ) );
		$progress['completed'] = array_values( $completed ? array_merge( $others, array( $step ) ) : $others );
		$this->save_progress( $progress );
	}

	/**
	 * The token the site serves for the service to check, if one was issued.
	 *
	 * @return string|null
	 */
	public function verification_token(): ?string {
		return $this->progress()['verification_token'];
	}

	/**
	 * Keeps the token the service issued for the claim.
	 *
	 * @param string|null $token Token, or null to stop serving one.
	 */
	public function set_verification_token( ?string $token ): void {
		$progress                       = $this->progress();
		$progress['verification_token'] = $token;
		$this->save_progress( $progress );
	}

	/**
	 * The stored connection, or null when the store is not connected.
	 *
	 * @return array{access_token: string, account: array<string, mixed>}|null
	 */
	public function connection(): ?array {
		$stored = get_option( self::CONNECTION_OPTION, null );
		if ( ! is_array( $stored ) || ! isset( $stored['access_token'], $stored['account'] ) || ! is_string( $stored['access_token'] ) || ! is_array( $stored['account'] ) ) {
			return null;
		}
		return array(
			'access_token' => $stored['access_token'],
			'account'      => $stored['account'],
		);
	}

	/**
	 * Stores the connection and completes the account step when a business account is connected.
	 *
	 * @param string                                                                                                                                                                    $access_token Access token.
	 * @param array{id: string, name: string, type: string, business_accounts: list<array{id: string, name: string}>, connected_business_account: array{id: string, name: string}|null} $account      The account as the service describes it.
	 */
	public function connect( string $access_token, array $account ): void {
		update_option(
			self::CONNECTION_OPTION,
			array(
				'access_token' => $access_token,
				'account'      => $account,
			),
			false
		);
		$this->mark( 'account', 'business' === $account['type'] || null !== $account['connected_business_account'] );
	}

	/**
	 * Forgets the connection, and with it the account and the claim.
	 */
	public function disconnect(): void {
		delete_option( self::CONNECTION_OPTION );
		$this->set_verification_token( null );
		$this->mark( 'account', false );
		$this->mark( 'claim-website', false );
	}

	/**
	 * What the page shows: no access token, no verification token. Whether events are sent is the
	 * consent gate's answer, asked for each kind of event the screen lists; the switches are
	 * their stored positions.
	 *
	 * @param Service_Client $service The service, for the links to its website.
	 * @param Consent_Gate   $gate    The consent gate.
	 * @return array<string, mixed>
	 */
	public function to_browser( Service_Client $service, Consent_Gate $gate ): array {
		$connection = $this->connection();
		$account    = null;
		if ( null !== $connection ) {
			$stored  = $connection['account'];
			$account = array(
				'id'               => (string) ( $stored['id'] ?? '' ),
				'name'             => (string) ( $stored['name'] ?? '' ),
				'type'             => (string) ( $stored['type'] ?? 'personal' ),
				'businessAccounts' => is_array( $stored['business_accounts'] ?? null ) ? $stored['business_accounts'] : array(),
				'businessAccount'  => $stored['connected_business_account'] ?? null,
			);
		}
		$families = self::families( $gate );
		return array(
			'completed' => $this->completed_steps(),
			'account'   => $account,
			'tracking'  => array(
				'switches'         => array(
					'plugin'     => 'no' !== get_option( Options::ENABLED, 'yes' ),
					'storefront' => 'no' !== get_option( Options::STOREFRONT_ENABLED, 'yes' ),
					'admin'      => 'no' !== get_option( Options::ADMIN_ENABLED, 'yes' ),
				),
				// The gate checks WooCommerce's opt-in first: any other answer means it is on.
				'wooCommerceOptIn' => Consent_Gate::CLOSED_WOOCOMMERCE_OPT_IN !== $families[2]['closedBy'],
				'families'         => $families,
			),
			'links'     => array(
				'createAccount'         => $service->web_url( '/signup' ),
				'convertAccount'        => $service->web_url( '/convert' ),
				'createBusinessAccount' => $service->web_url( '/business/new' ),
				'wooCommerceSettings'   => admin_url( 'admin.php?page=wc-settings&tab=advanced&section=woocommerce_com' ),
			),
		);
	}

	/**
	 * The gate's answer for each kind of event, as the page renders the page (no visitor):
	 * storefront events and settings events go to the connected account, so they wait for the
	 * connection; the guide's own events go to WooCommerce's Tracks and do not.
	 *
	 * @param Consent_Gate $gate The consent gate.
	 * @return array{0: array{id: string, label: string, open: bool, closedBy: string|null, words: string}, 1: array{id: string, label: string, open: bool, closedBy: string|null, words: string}, 2: array{id: string, label: string, open: bool, closedBy: string|null, words: string}}
	 */
	public static function families( Consent_Gate $gate ): array {
		$answer = static function ( string $id, string $label, Gate_Decision $decision ): array {
			return array(
				'id'       => $id,
				'label'    => $label,
				'open'     => $decision->open,
				'closedBy' => $decision->closed_by,
				'words'    => null === $decision->closed_by ? '' : Reason_Words::condition( $decision->closed_by ),
			);
		};
		return array(
			$answer( 'storefront', __( 'Storefront events', 'usage-tracking-for-woocommerce' ), $gate->decide( Consent_Gate::STOREFRONT, false ) ),
			$answer( 'settings', __( 'Store settings events', 'usage-tracking-for-woocommerce' ), $gate->decide( Consent_Gate::ADMIN, false, true ) ),
			$answer( 'guide', __( 'Setup guide events', 'usage-tracking-for-woocommerce' ), $gate->decide( Consent_Gate::ADMIN, false, false ) ),
		);
	}

	/**
	 * The stored progress, with defaults.
	 *
	 * @return array{completed: list<string>, verification_token: string|null}
	 */
	private function progress(): array {
		$stored    = get_option( self::PROGRESS_OPTION, array() );
		$stored    = is_array( $stored ) ? $stored : array();
		$completed = is_array( $stored['completed'] ?? null ) ? array_values( array_filter( $stored['completed'], 'is_string' ) ) : array();
		$token     = $stored['verification_token'] ?? null;
		return array(
			'completed'          => $completed,
			'verification_token' => is_string( $token ) ? $token : null,
		);
	}

	/**
	 * Saves the progress, not autoloaded.
	 *
	 * @param array{completed: list<string>, verification_token: string|null} $progress Progress.
	 */
	private function save_progress( array $progress ): void {
		update_option( self::PROGRESS_OPTION, $progress, false );
	}
}
