<?php
/**
 * The transparency view: what the plugin sent and dropped.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Admin;

use Utw\Consent\Consent_Gate;
use Utw\Tracks\Shared_Facts;
use Utw\Tracks\Event_Catalogue;
use Utw\Tracks\Outbox;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce > Usage events: whether each event family is being sent and why not, the most
 * recent events (sent with their properties, dropped with the reason), a button that sends a
 * test event through the REST route, and every event the catalogue allows. Rendered in PHP; the
 * only script is the button's few lines on top of `wp-api-fetch`, which adds the REST nonce.
 */
final class Recent_Events_Page {

	public const SLUG = 'utw-recent-events';

	/** Events per page of the log. */
	public const PER_PAGE = 50;

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
	 * @param Outbox          $outbox    The outbox, which is the event log.
	 * @param Event_Catalogue $catalogue The catalogue.
	 */
	public function __construct(
		private readonly Consent_Gate $gate,
		private readonly Outbox $outbox,
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
						url.searchParams.set( "test_event", response.outcome.state );
						window.location.assign( url.toString() );
					}, function ( error ) {
						status.textContent = error.message;
						button.disabled = false;
					} );
				} );
			} );',
			wp_json_encode( __( 'Sending…', 'usage-tracking-for-woocommerce' ) ),
			wp_json_encode( '/' . Shared_Facts::REST_NAMESPACE . Recent_Events_Endpoint::TEST_ROUTE )
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
			<?php if ( in_array( $tested, array( Outbox::QUEUED, Outbox::DROPPED ), true ) ) : ?>
				<div class="notice notice-<?php echo Outbox::QUEUED === $tested ? 'success' : 'warning'; ?>" id="utw-test-event-notice"><p>
					<?php
					echo Outbox::QUEUED === $tested
						? esc_html__( 'The test event is queued for delivery. It is the newest line below; its state changes to delivered once the background delivery has sent it (within a minute on a store with traffic).', 'usage-tracking-for-woocommerce' )
						: esc_html__( 'The test event was dropped. The newest line below says why.', 'usage-tracking-for-woocommerce' );
					?>
				</p></div>
			<?php endif; ?>
			<p>
				<?php
				echo wp_kses_post(
					sprintf(
						/* translators: %s: URL of the settings section. */
						__( 'Every event of this store, newest first, with its delivery state: queued, delivered, retrying (and why), failed (and why) or dropped (and why). Events are delivered in the background, never while a shopper or you wait. Switches are in <a href="%s">WooCommerce > Settings > Advanced > Usage tracking</a>.', 'usage-tracking-for-woocommerce' ),
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
	 * One page of the event log, with a filter by state.
	 */
	private function render_events(): void {
		// Display filters only; nothing is changed by them.
		// phpcs:disable WordPress.Security.NonceVerification.Recommended
		$state = isset( $_GET['state'] ) ? sanitize_key( wp_unslash( $_GET['state'] ) ) : 'all';
		$page  = isset( $_GET['paged'] ) ? max( 1, absint( $_GET['paged'] ) ) : 1;
		// phpcs:enable
		$state  = in_array( $state, Outbox::STATES, true ) ? $state : 'all';
		$found  = $this->outbox->page( $state, 'all', $page, self::PER_PAGE );
		$counts = $this->outbox->counts();
		?>
		<h2><?php esc_html_e( 'Events', 'usage-tracking-for-woocommerce' ); ?></h2>
		<ul class="subsubsub" id="utw-state-filter">
			<?php foreach ( array_merge( array( 'all' ), Outbox::STATES ) as $option ) : ?>
				<li><a href="
				<?php
				echo esc_url(
					add_query_arg(
						array(
							'state' => $option,
							'paged' => 1,
						),
						self::url()
					)
				);
				?>
								" <?php echo $option === $state ? 'class="current" aria-current="page"' : ''; ?>><?php echo esc_html( $option ); ?> <span class="count">(<?php echo esc_html( (string) ( 'all' === $option ? array_sum( $counts ) : $counts[ $option ] ) ); ?>)</span></a> </li>
			<?php endforeach; ?>
		</ul>
		<?php if ( ! $found['rows'] ) : ?>
			<p id="utw-no-events" style="clear: both"><?php esc_html_e( 'No event yet.', 'usage-tracking-for-woocommerce' ); ?></p>
			<?php
			return;
		endif;
		?>
		<table class="widefat striped" id="utw-recent-events" style="clear: both">
			<thead><tr>
				<th scope="col"><?php esc_html_e( 'Time', 'usage-tracking-for-woocommerce' ); ?></th>
				<th scope="col"><?php esc_html_e( 'Event', 'usage-tracking-for-woocommerce' ); ?></th>
				<th scope="col"><?php esc_html_e( 'State', 'usage-tracking-for-woocommerce' ); ?></th>
				<th scope="col"><?php esc_html_e( 'Properties', 'usage-tracking-for-woocommerce' ); ?></th>
			</tr></thead>
			<tbody>
			<?php foreach ( $found['rows'] as $event ) : ?>
				<tr data-event="<?php echo esc_attr( $event['event'] ); ?>" data-state="<?php echo esc_attr( $event['state'] ); ?>" data-eid="<?php echo esc_attr( $event['eid'] ); ?>">
					<td><?php echo esc_html( (string) wp_date( 'Y-m-d H:i:s', intdiv( $event['created_ms'], 1000 ) ) ); ?></td>
					<td><code><?php echo esc_html( $event['event'] ); ?></code></td>
					<td>
						<strong class="utw-state"><?php echo esc_html( $event['state'] ); ?></strong>
						<?php if ( $event['attempts'] > 0 && Outbox::DELIVERED !== $event['state'] ) : ?>
							<?php /* translators: %d: delivery attempts made. */ ?>
							<br><?php echo esc_html( sprintf( _n( '%d attempt', '%d attempts', $event['attempts'], 'usage-tracking-for-woocommerce' ), $event['attempts'] ) ); ?>
						<?php endif; ?>
						<?php if ( null !== $event['reason'] && Outbox::DELIVERED !== $event['state'] ) : ?>
							<br><code class="utw-reason"><?php echo esc_html( $event['reason'] ); ?></code>
							<?php $explanation = self::explain( $event['reason'] ); ?>
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
		echo '<div class="tablenav"><div class="tablenav-pages">';
		echo wp_kses_post(
			(string) paginate_links(
				array(
					'base'    => add_query_arg( 'paged', '%#%' ),
					'format'  => '',
					'current' => $page,
					'total'   => max( 1, (int) ceil( $found['total'] / self::PER_PAGE ) ),
				)
			)
		);
		echo '</div></div>';
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
