<?php
/**
 * The transparency view: what the plugin sent and dropped.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin;

use Utw\Consent\Consent_Gate;
use Utw\Rest\Collect_Endpoint;
use Utw\Rest\Recent_Events_Endpoint;
use Utw\Tracks\Event_Catalogue;
use Utw\Tracks\Recent_Events;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce > Usage events: whether each event family is being sent and why not, the most
 * recent events (sent with their properties, dropped with the reason), a button that sends a
 * test event through the REST route, and every event the catalogue allows. Rendered in PHP; the
 * only script is the button's few lines on top of `wp-api-fetch`, which adds the REST nonce.
 */
final class Recent_Events_Page {

	public const SLUG = 'utw-recent-events';

	/** What each gate condition means for a merchant (see Consent_Gate's constants). */
	private const CONDITIONS = array(
		Consent_Gate::CLOSED_WOOCOMMERCE_OPT_IN => 'WooCommerce usage tracking ("Enable tracking" in Settings > Advanced > WooCommerce.com) is off.',
		Consent_Gate::CLOSED_WOOCOMMERCE_FILTER => 'A woocommerce_apply_tracking filter turned tracking off.',
		Consent_Gate::CLOSED_PLUGIN_SWITCH      => 'The plugin\'s "Enable usage tracking" switch is off.',
		Consent_Gate::CLOSED_FAMILY_SWITCH      => 'The switch of this event family (storefront or admin) is off.',
		Consent_Gate::CLOSED_FILTER             => 'The utw_tracking_enabled filter turned tracking off.',
		Consent_Gate::CLOSED_VISITOR_CONSENT    => 'The visitor has not allowed statistics in the cookie consent.',
	);

	/**
	 * Creates the page.
	 *
	 * @param Consent_Gate    $gate      The consent gate.
	 * @param Recent_Events   $recent    The recent-events store.
	 * @param Event_Catalogue $catalogue The catalogue.
	 */
	public function __construct(
		private readonly Consent_Gate $gate,
		private readonly Recent_Events $recent,
		private readonly Event_Catalogue $catalogue
	) {}

	/**
	 * Hooks the menu entry.
	 */
	public function register(): void {
		add_action( 'admin_menu', array( $this, 'add_page' ), 60 );
	}

	/**
	 * URL of the page.
	 *
	 * @return string
	 */
	public static function url(): string {
		return admin_url( 'admin.php?page=' . self::SLUG );
	}

	/**
	 * Adds the page under WooCommerce.
	 */
	public function add_page(): void {
		$hook = add_submenu_page(
			'woocommerce',
			__( 'Usage events: what is sent', 'usage-tracking-for-woocommerce' ),
			__( 'Usage events', 'usage-tracking-for-woocommerce' ),
			'manage_woocommerce',
			self::SLUG,
			array( $this, 'render' )
		);
		if ( $hook ) {
			add_action( 'load-' . $hook, array( $this, 'enqueue' ) );
		}
	}

	/**
	 * The test button's script: POST the test route, then reload to show the outcome on top.
	 */
	public function enqueue(): void {
		wp_enqueue_script( 'wp-api-fetch' );
		$script = sprintf(
			'document.addEventListener( "DOMContentLoaded", function () {
				var button = document.getElementById( "utw-send-test-event" );
				var status = document.getElementById( "utw-test-event-status" );
				button.addEventListener( "click", function () {
					button.disabled = true;
					status.textContent = %1$s;
					wp.apiFetch( { path: %2$s, method: "POST" } ).then( function ( response ) {
						var url = new URL( window.location.href );
						url.searchParams.set( "test_event", response.outcome.sent ? "sent" : "dropped" );
						window.location.assign( url.toString() );
					}, function ( error ) {
						status.textContent = error.message;
						button.disabled = false;
					} );
				} );
			} );',
			wp_json_encode( __( 'Sending…', 'usage-tracking-for-woocommerce' ) ),
			wp_json_encode( '/' . Collect_Endpoint::ROUTE_NAMESPACE . Recent_Events_Endpoint::TEST_ROUTE )
		);
		wp_add_inline_script( 'wp-api-fetch', $script );
	}

	/**
	 * What a drop reason means, when it is a closed gate.
	 *
	 * @param string $reason Reason as stored (`gate closed: <condition>`, or a validation reason).
	 * @return string
	 */
	public static function explain( string $reason ): string {
		$condition = str_starts_with( $reason, 'gate closed: ' ) ? substr( $reason, strlen( 'gate closed: ' ) ) : '';
		return self::CONDITIONS[ $condition ] ?? '';
	}

	/**
	 * Renders the page.
	 */
	public function render(): void {
		// Only a display flag from the test button's redirect; nothing is changed by it.
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$tested = isset( $_GET['test_event'] ) ? sanitize_key( wp_unslash( $_GET['test_event'] ) ) : '';
		?>
		<div class="wrap">
			<h1><?php esc_html_e( 'Usage events: what is sent', 'usage-tracking-for-woocommerce' ); ?></h1>
			<?php if ( in_array( $tested, array( 'sent', 'dropped' ), true ) ) : ?>
				<div class="notice notice-<?php echo 'sent' === $tested ? 'success' : 'warning'; ?>" id="utw-test-event-notice"><p>
					<?php
					echo 'sent' === $tested
						? esc_html__( 'The test event was sent. It is the newest line below.', 'usage-tracking-for-woocommerce' )
						: esc_html__( 'The test event was dropped. The newest line below says why.', 'usage-tracking-for-woocommerce' );
					?>
				</p></div>
			<?php endif; ?>
			<p>
				<?php
				echo wp_kses_post(
					sprintf(
						/* translators: 1: how many events are kept, 2: URL of the settings section. */
						__( 'The most recent events of this store, newest first: what left it, and what was dropped and why. The list keeps the last %1$d events, however busy the store is. Switches are in <a href="%2$s">WooCommerce > Settings > Advanced > Usage tracking</a>.', 'usage-tracking-for-woocommerce' ),
						Recent_Events::LIMIT,
						esc_url( Settings_Section::url() )
					)
				);
				?>
			</p>
			<?php $this->render_gate(); ?>
			<p>
				<button type="button" class="button button-primary" id="utw-send-test-event"><?php esc_html_e( 'Send a test event', 'usage-tracking-for-woocommerce' ); ?></button>
				<span id="utw-test-event-status" aria-live="polite"></span>
			</p>
			<?php
			$this->render_events();
			$this->render_catalogue();
			?>
		</div>
		<?php
	}

	/**
	 * Whether each family is sent now, and which condition stops it.
	 */
	private function render_gate(): void {
		echo '<ul id="utw-gate-state">';
		foreach ( array(
			Consent_Gate::STOREFRONT => __( 'Storefront events', 'usage-tracking-for-woocommerce' ),
			Consent_Gate::ADMIN      => __( 'Admin events', 'usage-tracking-for-woocommerce' ),
		) as $family => $label ) {
			$decision = $this->gate->decide( $family, false );
			$state    = $decision->open
				? __( 'sent', 'usage-tracking-for-woocommerce' )
				/* translators: %s: why the family is not sent. */
				: sprintf( __( 'not sent: %s', 'usage-tracking-for-woocommerce' ), self::CONDITIONS[ (string) $decision->closed_by ] ?? (string) $decision->closed_by );
			printf( '<li data-family="%s"><strong>%s</strong>: %s</li>', esc_attr( $family ), esc_html( $label ), esc_html( $state ) );
		}
		echo '</ul>';
	}

	/**
	 * The table of recent events.
	 */
	private function render_events(): void {
		$events = $this->recent->all();
		?>
		<h2><?php esc_html_e( 'Recent events', 'usage-tracking-for-woocommerce' ); ?></h2>
		<?php if ( ! $events ) : ?>
			<p id="utw-no-events"><?php esc_html_e( 'No event yet.', 'usage-tracking-for-woocommerce' ); ?></p>
			<?php
			return;
		endif;
		?>
		<table class="widefat striped" id="utw-recent-events">
			<thead><tr>
				<th scope="col"><?php esc_html_e( 'Time', 'usage-tracking-for-woocommerce' ); ?></th>
				<th scope="col"><?php esc_html_e( 'Event', 'usage-tracking-for-woocommerce' ); ?></th>
				<th scope="col"><?php esc_html_e( 'Outcome', 'usage-tracking-for-woocommerce' ); ?></th>
				<th scope="col"><?php esc_html_e( 'Properties', 'usage-tracking-for-woocommerce' ); ?></th>
			</tr></thead>
			<tbody>
			<?php foreach ( $events as $event ) : ?>
				<tr data-event="<?php echo esc_attr( $event['event'] ); ?>" data-outcome="<?php echo $event['sent'] ? 'sent' : 'dropped'; ?>">
					<td><?php echo esc_html( (string) wp_date( 'Y-m-d H:i:s', $event['time'] ) ); ?></td>
					<td><code><?php echo esc_html( $event['event'] ); ?></code></td>
					<td>
						<?php if ( $event['sent'] ) : ?>
							<?php esc_html_e( 'Sent', 'usage-tracking-for-woocommerce' ); ?>
						<?php else : ?>
							<?php esc_html_e( 'Dropped', 'usage-tracking-for-woocommerce' ); ?>:
							<code class="utw-reason"><?php echo esc_html( (string) $event['reason'] ); ?></code>
							<?php $explanation = self::explain( (string) $event['reason'] ); ?>
							<?php if ( $explanation ) : ?>
								<br><?php echo esc_html( $explanation ); ?>
							<?php endif; ?>
						<?php endif; ?>
					</td>
					<td>
						<?php self::render_properties( $event['props'] ); ?>
						<?php if ( $event['removed'] ) : ?>
							<p><?php esc_html_e( 'Removed by the privacy guard or as not catalogued:', 'usage-tracking-for-woocommerce' ); ?></p>
							<?php self::render_properties( $event['removed'] ); ?>
						<?php endif; ?>
					</td>
				</tr>
			<?php endforeach; ?>
			</tbody>
		</table>
		<?php
	}

	/**
	 * A property list.
	 *
	 * @param array<string, scalar> $props Name => value.
	 */
	private static function render_properties( array $props ): void {
		if ( ! $props ) {
			return;
		}
		echo '<dl class="utw-props">';
		foreach ( $props as $name => $value ) {
			$shown = is_bool( $value ) ? ( $value ? 'true' : 'false' ) : (string) $value;
			printf( '<dt><code>%s</code></dt><dd>%s</dd>', esc_html( (string) $name ), esc_html( $shown ) );
		}
		echo '</dl>';
	}

	/**
	 * Every event the catalogue allows, from the same data the validator uses.
	 */
	private function render_catalogue(): void {
		?>
		<h2 id="utw-catalogue"><?php esc_html_e( 'Every event the plugin can send', 'usage-tracking-for-woocommerce' ); ?></h2>
		<p>
			<?php
			echo wp_kses_post(
				sprintf(
					/* translators: %s: URL of TRACKING.md. */
					__( 'Nothing else can be sent: the server drops any event or property not listed here. The descriptions are in the plugin\'s <a href="%s">TRACKING.md</a>.', 'usage-tracking-for-woocommerce' ),
					esc_url( plugins_url( 'TRACKING.md', \Utw\Plugin::file() ) )
				)
			);
			?>
		</p>
		<table class="widefat striped">
			<thead><tr>
				<th scope="col"><?php esc_html_e( 'Event', 'usage-tracking-for-woocommerce' ); ?></th>
				<th scope="col"><?php esc_html_e( 'Family', 'usage-tracking-for-woocommerce' ); ?></th>
				<th scope="col"><?php esc_html_e( 'Properties (plus the common ones)', 'usage-tracking-for-woocommerce' ); ?></th>
			</tr></thead>
			<tbody>
			<?php foreach ( $this->catalogue->names() as $name ) : ?>
				<?php
				$event = $this->catalogue->event( $name );
				if ( null === $event ) {
					continue;
				}
				?>
				<tr>
					<td><code><?php echo esc_html( $event['sent_as'] ); ?></code></td>
					<td><?php echo esc_html( $event['family'] ); ?></td>
					<td><?php echo esc_html( implode( ', ', array_keys( $event['properties'] ) ) ); ?></td>
				</tr>
			<?php endforeach; ?>
			</tbody>
		</table>
		<?php
	}
}
