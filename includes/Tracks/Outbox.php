<?php
/**
 * The outbox: every event the store accepted or refused, with its delivery state.
 *
 * @package UsageTrackingForWooCommerce
 */

namespace Utw\Tracks;

defined( 'ABSPATH' ) || exit;

/**
 * One table, `{prefix}utw_events`, is both the durable queue Action Scheduler delivers from and
 * the merchant's event log. Requests only ever append rows — all of a request's events in one
 * INSERT at its end — so parallel requests never lose each other's lines; only the delivery job
 * changes a row's state (queued → delivered, or retrying → delivered / failed, or dropped when the
 * backlog overflows), and the daily prune deletes old rows.
 *
 * @phpstan-type Row array{id: int, eid: string, event: string, family: string, state: string, props: array<string, scalar>, removed: array<string, string>, reason: string|null, attempts: int, destination: string, created_ms: int, next_attempt_at: int, updated_at: int, delivered_at: int|null}
 */
final class Outbox {

	public const QUEUED    = 'queued';
	public const RETRYING  = 'retrying';
	public const DELIVERED = 'delivered';
	public const FAILED    = 'failed';
	public const DROPPED   = 'dropped';

	/** Every state, in the order a merchant reads them. */
	public const STATES = array( self::QUEUED, self::RETRYING, self::DELIVERED, self::FAILED, self::DROPPED );

	/** Table name without the site's prefix. */
	public const TABLE = 'utw_events';

	/**
	 * Outcomes of this request, not yet written.
	 *
	 * @var Event_Outcome[]
	 */
	private array $pending = array();

	/**
	 * The table's full name.
	 *
	 * @return string
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . self::TABLE;
	}

	/**
	 * Creates or updates the table: Plugin::activate() runs it on activation and on the first
	 * request of a new version (a change of the schema bumps Options::REVISION).
	 */
	public static function install(): void {
		global $wpdb;
		// @phpstan-ignore requireOnce.fileNotFound (WordPress's own file, not in the analysed tree)
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table   = self::table();
		$charset = $wpdb->get_charset_collate();
		dbDelta(
			"CREATE TABLE {$table} (
				id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
				eid varchar(32) NOT NULL DEFAULT '',
				event varchar(128) NOT NULL,
				family varchar(20) NOT NULL DEFAULT '',
				state varchar(12) NOT NULL,
				props longtext NULL,
				removed text NULL,
				reason varchar(255) NULL,
				attempts smallint(5) unsigned NOT NULL DEFAULT 0,
				destination varchar(255) NOT NULL DEFAULT '',
				created_ms bigint(20) unsigned NOT NULL,
				next_attempt_at int(10) unsigned NOT NULL DEFAULT 0,
				claim_id bigint(20) unsigned NOT NULL DEFAULT 0,
				claimed_until int(10) unsigned NOT NULL DEFAULT 0,
				updated_at int(10) unsigned NOT NULL DEFAULT 0,
				delivered_at int(10) unsigned NULL,
				ledger_key char(32) NOT NULL DEFAULT '',
				ledger_quantity int(11) NULL,
				PRIMARY KEY  (id),
				KEY state_next (state,next_attempt_at),
				KEY claim (claim_id),
				KEY created (created_ms),
				KEY family_state (family,state),
				KEY eid (eid),
				KEY ledger (ledger_key,id)
			) {$charset};"
		);
	}

	/**
	 * Keeps an outcome for the end of the request.
	 *
	 * @param Event_Outcome $outcome What the pipeline did.
	 */
	public function add( Event_Outcome $outcome ): void {
		$this->pending[] = $outcome;
	}

	/**
	 * Writes this request's outcomes in one INSERT. Safe to call more than once.
	 */
	public function write(): void {
		global $wpdb;
		$pending       = $this->pending;
		$this->pending = array();
		if ( ! $pending ) {
			return;
		}
		$now        = time();
		$created_ms = (int) floor( microtime( true ) * 1000 );
		$rows       = array();
		$values     = array();
		foreach ( $pending as $outcome ) {
			$rows[] = '(%s, %s, %s, %s, %s, %s, %s, %s, %d, %d, %d, %s, %s)';
			array_push(
				$values,
				$outcome->eid,
				$outcome->event,
				$outcome->family,
				$outcome->state,
				$outcome->accepted() ? (string) wp_json_encode( $outcome->props ) : null,
				$outcome->removed ? (string) wp_json_encode( $outcome->removed ) : null,
				null === $outcome->reason ? null : mb_substr( $outcome->reason, 0, 255 ),
				$outcome->destination,
				$created_ms,
				$outcome->accepted() ? 0 : $now,
				$now,
				$outcome->accepted() && null !== $outcome->ledger ? $outcome->ledger[0] : '',
				$outcome->accepted() && null !== $outcome->ledger ? (string) $outcome->ledger[1] : null
			);
		}
		$table = self::table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- table name; one placeholder group per row.
		$sql = $wpdb->prepare(
			"INSERT INTO {$table} (eid, event, family, state, props, removed, reason, destination, created_ms, next_attempt_at, updated_at, ledger_key, ledger_quantity) VALUES " . implode( ', ', $rows ),
			$values
		);
		// phpcs:enable
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQL.NotPrepared -- prepared above; the outbox is never cached.
		$wpdb->query( $sql );
	}

	/**
	 * The quantity the newest accepted event of a ledger key left reported (see Event_Outcome's
	 * ledger): one indexed read. Events this request holds in memory count first.
	 *
	 * @param string $key Ledger key.
	 * @return int|null Null when no event was reported under the key.
	 */
	public function ledger_quantity( string $key ): ?int {
		global $wpdb;
		foreach ( array_reverse( $this->pending ) as $outcome ) {
			if ( $outcome->accepted() && null !== $outcome->ledger && $key === $outcome->ledger[0] ) {
				return $outcome->ledger[1];
			}
		}
		$table = self::table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- the plugin's own table.
		$found = $wpdb->get_var( $wpdb->prepare( "SELECT ledger_quantity FROM {$table} WHERE ledger_key = %s ORDER BY id DESC LIMIT 1", $key ) );
		return null === $found ? null : (int) $found;
	}

	/**
	 * Claims up to $limit events that are due, for one delivery run: no other run can take them
	 * until the lease ends. Two queries: an UPDATE that marks the rows (atomic in the database,
	 * so two workers never claim the same row), and the SELECT of what was marked.
	 *
	 * @param int $limit Most events.
	 * @param int $lease Seconds the claim holds.
	 * @return list<array<string, mixed>>
	 * @phpstan-return list<Row>
	 */
	public function claim( int $limit, int $lease ): array {
		global $wpdb;
		$table = self::table();
		$now   = time();
		$claim = random_int( 1, PHP_INT_MAX );
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- the plugin's own table; a queue is never cached.
		$wpdb->query(
			$wpdb->prepare(
				"UPDATE {$table} SET claim_id = %d, claimed_until = %d
				WHERE state IN (%s, %s) AND next_attempt_at <= %d AND (claim_id = 0 OR claimed_until < %d)
				ORDER BY id LIMIT %d",
				$claim,
				$now + $lease,
				self::QUEUED,
				self::RETRYING,
				$now,
				$now,
				$limit
			)
		);
		$rows = (array) $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE claim_id = %d ORDER BY id", $claim ), ARRAY_A );
		// phpcs:enable
		return array_map( array( self::class, 'row' ), array_values( $rows ) );
	}

	/**
	 * Marks events delivered and releases them.
	 *
	 * @param int[] $ids Row ids.
	 */
	public function mark_delivered( array $ids ): void {
		if ( ! $ids ) {
			return;
		}
		$now = time();
		$this->update_rows( $ids, 'state = %s, attempts = attempts + 1, reason = NULL, delivered_at = %d, updated_at = %d', array( self::DELIVERED, $now, $now ) );
	}

	/**
	 * Marks one event for another attempt later, or failed.
	 *
	 * @param int    $id       Row id.
	 * @param string $state    Outbox::RETRYING or Outbox::FAILED.
	 * @param int    $attempts Attempts made so far, this one included.
	 * @param int    $next_at  Unix time of the next attempt (RETRYING).
	 * @param string $reason   The last error, in words.
	 */
	public function mark_attempt( int $id, string $state, int $attempts, int $next_at, string $reason ): void {
		$this->update_rows( array( $id ), 'state = %s, attempts = %d, next_attempt_at = %d, reason = %s, updated_at = %d', array( $state, $attempts, $next_at, mb_substr( $reason, 0, 255 ), time() ) );
	}

	/**
	 * Releases claimed events untouched, to be tried again at $next_at (the breaker is open).
	 *
	 * @param int[]  $ids     Row ids.
	 * @param int    $next_at Unix time.
	 * @param string $reason  Why they wait, in words.
	 */
	public function postpone( array $ids, int $next_at, string $reason ): void {
		if ( $ids ) {
			$this->update_rows( $ids, 'state = %s, next_attempt_at = %d, reason = %s, updated_at = %d', array( self::RETRYING, $next_at, $reason, time() ) );
		}
	}

	/**
	 * Bounds the backlog: when more than $max events wait, the oldest are dropped, with the reason.
	 *
	 * @param int $max Most events that may wait.
	 * @return int How many were dropped.
	 */
	public function enforce_backlog( int $max ): int {
		global $wpdb;
		$table = self::table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- the plugin's own table.
		$waiting = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE state IN (%s, %s)", self::QUEUED, self::RETRYING ) );
		if ( $waiting <= $max ) {
			return 0;
		}
		$wpdb->query(
			$wpdb->prepare(
				"UPDATE {$table} SET state = %s, reason = %s, claim_id = 0, updated_at = %d WHERE state IN (%s, %s) ORDER BY id LIMIT %d",
				self::DROPPED,
				sprintf( 'backlog full: more than %d events waited for delivery, the oldest were dropped', $max ),
				time(),
				self::QUEUED,
				self::RETRYING,
				$waiting - $max
			)
		);
		// phpcs:enable
		return $waiting - $max;
	}

	/**
	 * Drops every event still waiting for a destination, with the reason (the store was
	 * disconnected from the account that destination belongs to).
	 *
	 * @param string $destination Destination URL.
	 * @param string $reason      Why, in words.
	 * @return int How many were dropped.
	 */
	public function drop_waiting_for( string $destination, string $reason ): int {
		global $wpdb;
		$table = self::table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- the plugin's own table.
		return (int) $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET state = %s, reason = %s, claim_id = 0, updated_at = %d WHERE destination = %s AND state IN (%s, %s)", self::DROPPED, $reason, time(), $destination, self::QUEUED, self::RETRYING ) );
	}

	/**
	 * Deletes finished events (delivered, failed, dropped) older than $max_age seconds, then the
	 * oldest finished ones beyond $max_rows. Events still waiting are never pruned.
	 *
	 * @param int $max_age  Seconds.
	 * @param int $max_rows Most rows kept.
	 * @return int Rows deleted.
	 */
	public function prune( int $max_age, int $max_rows ): int {
		global $wpdb;
		$table = self::table();
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- the plugin's own table.
		$deleted = (int) $wpdb->query(
			$wpdb->prepare(
				"DELETE FROM {$table} WHERE state IN (%s, %s, %s) AND created_ms < %d",
				self::DELIVERED,
				self::FAILED,
				self::DROPPED,
				( time() - $max_age ) * 1000
			)
		);
		$total   = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" );
		if ( $total > $max_rows ) {
			$deleted += (int) $wpdb->query(
				$wpdb->prepare(
					"DELETE FROM {$table} WHERE state IN (%s, %s, %s) ORDER BY id LIMIT %d",
					self::DELIVERED,
					self::FAILED,
					self::DROPPED,
					$total - $max_rows
				)
			);
		}
		// phpcs:enable
		return $deleted;
	}

	/**
	 * One page of the log, newest first.
	 *
	 * @param string $state    A state, or 'all'.
	 * @param string $family   A family, or 'all'.
	 * @param int    $page     1-based page.
	 * @param int    $per_page Rows per page.
	 * @return array{rows: list<array<string, mixed>>, total: int}
	 * @phpstan-return array{rows: list<Row>, total: int}
	 */
	public function page( string $state, string $family, int $page, int $per_page ): array {
		global $wpdb;
		$table = self::table();
		$where = array( '1=1' );
		$args  = array();
		if ( 'all' !== $state ) {
			$where[] = 'state = %s';
			$args[]  = $state;
		}
		if ( 'all' !== $family ) {
			$where[] = 'family = %s';
			$args[]  = $family;
		}
		$condition = implode( ' AND ', $where );
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare, WordPress.DB.PreparedSQLPlaceholders.ReplacementsWrongNumber -- the plugin's own table; conditions built from placeholders above.
		$total = (int) $wpdb->get_var( $args ? $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE {$condition}", $args ) : "SELECT COUNT(*) FROM {$table}" );
		$rows  = (array) $wpdb->get_results(
			$wpdb->prepare(
				"SELECT * FROM {$table} WHERE {$condition} ORDER BY id DESC LIMIT %d OFFSET %d",
				array_merge( $args, array( $per_page, ( $page - 1 ) * $per_page ) )
			),
			ARRAY_A
		);
		// phpcs:enable
		return array(
			'rows'  => array_map( array( self::class, 'row' ), array_values( $rows ) ),
			'total' => $total,
		);
	}

	/**
	 * How many events are in each state.
	 *
	 * @return array<string, int>
	 */
	public function counts(): array {
		global $wpdb;
		$table = self::table();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- the plugin's own table.
		$found  = (array) $wpdb->get_results( "SELECT state, COUNT(*) AS n FROM {$table} GROUP BY state", ARRAY_A );
		$counts = array_fill_keys( self::STATES, 0 );
		foreach ( $found as $row ) {
			$counts[ (string) $row['state'] ] = (int) $row['n'];
		}
		return $counts;
	}

	/**
	 * Runs an UPDATE on some rows and releases their claim.
	 *
	 * @param int[]                  $ids  Row ids.
	 * @param string                 $set  SET clause with placeholders.
	 * @param array<int, int|string> $args Its values.
	 */
	private function update_rows( array $ids, string $set, array $args ): void {
		global $wpdb;
		$table = self::table();
		$in    = implode( ', ', array_fill( 0, count( $ids ), '%d' ) );
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- the plugin's own table; placeholders built above.
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET {$set}, claim_id = 0 WHERE id IN ({$in})", array_merge( $args, array_map( 'intval', $ids ) ) ) );
		// phpcs:enable
	}

	/**
	 * A database row with its types and JSON decoded.
	 *
	 * @param mixed $row Row as the database returned it.
	 * @return array<string, mixed>
	 * @phpstan-return Row
	 */
	private static function row( mixed $row ): array {
		$row     = (array) $row;
		$props   = json_decode( (string) ( $row['props'] ?? '' ), true );
		$removed = json_decode( (string) ( $row['removed'] ?? '' ), true );
		return array(
			'id'              => (int) $row['id'],
			'eid'             => (string) $row['eid'],
			'event'           => (string) $row['event'],
			'family'          => (string) $row['family'],
			'state'           => (string) $row['state'],
			'props'           => is_array( $props ) ? $props : array(),
			'removed'         => is_array( $removed ) ? $removed : array(),
			'reason'          => isset( $row['reason'] ) ? (string) $row['reason'] : null,
			'attempts'        => (int) $row['attempts'],
			'destination'     => (string) $row['destination'],
			'created_ms'      => (int) $row['created_ms'],
			'next_attempt_at' => (int) $row['next_attempt_at'],
			'updated_at'      => (int) $row['updated_at'],
			'delivered_at'    => isset( $row['delivered_at'] ) ? (int) $row['delivered_at'] : null,
		);
	}
}
