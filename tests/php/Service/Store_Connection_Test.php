<?php
/**
 * The connected account is the data path: what connecting, reconnecting and disconnecting do to
 * the gate, the events' destination and the events still waiting.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tests\Service;

use Utw\Admin\Setup_Guide\Setup_Guide_Progress;
use Utw\Service\Store_Connection;
use Utw\Tests\Stack_Test_Case;
use Utw\Tracks\Outbox;

final class Store_Connection_Test extends Stack_Test_Case {

	private const PRODUCT = array(
		'product_id'       => 13,
		'product_name'     => 'Blue Hoodie',
		'product_category' => 'Clothing/Hoodies',
		'price'            => 45,
	);

	protected function set_up(): void {
		parent::set_up();
		$this->open_gate();
		delete_option( Setup_Guide_Progress::CONNECTION_OPTION );
		update_option( Store_Connection::OPTION, array() );
		$this->log_from_now();
	}

	/**
	 * Connects the guide as the service would answer, with a store or without.
	 *
	 * @param string|null $store Store id, or null for an account without a store yet.
	 */
	private static function connect( ?string $store ): void {
		( new Setup_Guide_Progress() )->connect(
			'token-' . ( $store ?? 'none' ),
			array(
				'id'                         => 'acct-personal-1',
				'name'                       => 'Sam Rivera',
				'type'                       => 'personal',
				'business_accounts'          => array(),
				'connected_business_account' => null,
				'store'                      => null === $store ? null : array(
					'id'         => $store,
					'ingest_url' => "https://ingest.example/{$store}/t.gif",
				),
			)
		);
	}

	/**
	 * Records a product view and a guide event, as requests would.
	 */
	private static function record(): void {
		$tracks = \Utw\Plugin::instance()->tracks();
		$tracks->record_event( 'utw_product_view', self::PRODUCT );
		$tracks->record_event(
			'utw_get_started_faq',
			array(
				'action'      => 'expand',
				'question_id' => 'what-is-sent',
			)
		);
	}

	public function test_before_a_store_is_connected_storefront_events_are_dropped_and_the_guides_go_to_woocommerce(): void {
		self::connect( null );
		self::record();

		$rows = $this->logged();
		$this->assertSame( array( 'dropped', 'queued' ), array_column( $rows, 'state' ) );
		$this->assertSame( 'gate closed: not_connected', $rows[0]['reason'] );
		$this->assertSame( 'wcadmin_utw_get_started_faq', $rows[1]['event'] );
		$this->assertStringEndsWith( '/t.gif', $rows[1]['destination'] );
		$this->assertStringNotContainsString( 'ingest', $rows[1]['destination'] );
		$this->assertArrayNotHasKey( 'store_id', $rows[1]['props'] );
	}

	public function test_once_connected_storefront_events_go_to_the_accounts_ingest_with_the_store_id(): void {
		self::connect( 'st-ba-100' );
		$this->assertSame(
			array(
				'store_id'   => 'st-ba-100',
				'ingest_url' => 'https://ingest.example/st-ba-100/t.gif',
			),
			Store_Connection::current()
		);
		$this->assertArrayHasKey( Store_Connection::OPTION, wp_load_alloptions(), 'the gate reads it without a query' );

		self::record();

		$view = $this->logged( Outbox::QUEUED )[0];
		$this->assertSame( 'utw_product_view', $view['event'] );
		$this->assertSame( 'https://ingest.example/st-ba-100/t.gif', $view['destination'] );
		$this->assertSame( 'st-ba-100', $view['props']['store_id'] );
	}

	public function test_disconnecting_stops_events_at_once_and_drops_those_still_waiting_for_that_account(): void {
		self::connect( 'st-ba-100' );
		self::record();
		$waiting = $this->logged( Outbox::QUEUED );

		( new Setup_Guide_Progress() )->disconnect();

		$this->assertNull( Store_Connection::current() );
		$this->assertArrayHasKey( Store_Connection::OPTION, wp_load_alloptions(), 'kept, empty: the gate still reads it without a query' );
		$after = array_values( array_filter( $this->logged(), static fn( $row ) => in_array( $row['id'], array_column( $waiting, 'id' ), true ) ) );
		$this->assertSame( 'dropped', $after[0]['state'] );
		$this->assertStringStartsWith( 'the store was disconnected', (string) $after[0]['reason'] );
		$this->assertSame( 'queued', $after[1]['state'], 'the guide\'s event does not belong to the account' );
		$this->assertFalse( \Utw\Plugin::instance()->tracks()->record_event( 'utw_product_view', self::PRODUCT )->accepted() );
	}

	public function test_reconnecting_to_another_store_never_sends_one_accounts_events_to_the_other(): void {
		self::connect( 'st-ba-100' );
		\Utw\Plugin::instance()->tracks()->record_event( 'utw_product_view', self::PRODUCT );
		$first = $this->logged( Outbox::QUEUED );

		self::connect( 'st-ba-200' );
		\Utw\Plugin::instance()->tracks()->record_event( 'utw_product_view', self::PRODUCT );

		$rows = $this->logged();
		$this->assertSame( array( 'dropped', 'queued' ), array_column( $rows, 'state' ) );
		$this->assertSame( $first[0]['id'], $rows[0]['id'] );
		$this->assertSame( 'https://ingest.example/st-ba-200/t.gif', $rows[1]['destination'] );
		$this->assertSame( 'st-ba-200', $rows[1]['props']['store_id'] );
		$this->assertSame( 0, count( $this->outbox_rows_for( 'https://ingest.example/st-ba-100/t.gif', Outbox::QUEUED ) ) );
	}

	public function test_a_store_the_service_describes_badly_is_not_a_connection(): void {
		$this->assertNull( Store_Connection::valid( 'st-1', 'javascript:alert(1)' ) );
		$this->assertNull( Store_Connection::valid( '../../etc', 'https://ingest.example/t.gif' ) );
		$this->assertNull( Store_Connection::valid( 42, 'https://ingest.example/t.gif' ) );
		$this->assertNotNull( Store_Connection::valid( 'st-1', 'https://ingest.example/t.gif' ) );
	}

	/**
	 * Rows of a destination in a state.
	 *
	 * @param string $destination Destination.
	 * @param string $state       State.
	 * @return list<array<string, mixed>>
	 */
	private function outbox_rows_for( string $destination, string $state ): array {
		return array_values( array_filter( $this->logged( $state ), static fn( $row ) => $destination === $row['destination'] ) );
	}
}
