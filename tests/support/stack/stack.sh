#!/usr/bin/env bash
# Local, Docker-free WordPress + WooCommerce stack for Usage Tracking for WooCommerce.
#
# Usage: bash tests/support/stack/stack.sh <command> [args]
#   deps                 install missing Debian packages, cache the WordPress core of every matrix entry
#   start                deps + node deps + build + up, then print the URLs (what `npm start` runs)
#   up                   start the stack named by $UTW_STACK (default dev; tests use test)
#   stop [--all]         stop the stack (or every stack under .stack/)
#   status               show what runs
#   reset <snapshot>     restore a database snapshot (woocommerce | wordpress-only) and clear collector events
#   env                  print `export` lines for test runners
#   matrix               print the version matrix, one JSON object per line
#
# Environment: UTW_STACK (dev), UTW_ENTRY (the matrix entry of a new stack: oldest),
#              WOOCOMMERCE_DIR (/opt/woocommerce), WOOCOMMERCE_NEWEST_DIR (/opt/woocommerce-10.9.1),
#              UTW_PLUGIN_ZIP (install the plugin from this zip instead of linking the working tree),
#              UTW_SKIP_ASSETS=1 (start: skip npm/composer/build).
set -euo pipefail

STACK_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$STACK_SRC/../../.." && pwd)"
STATE_ROOT="$REPO/.stack"
CACHE="$STATE_ROOT/cache"
PLUGIN_SLUG="usage-tracking-for-woocommerce"
# composer after php8.2-curl: Composer downloads through PHP's curl extension.
DEBIAN_PACKAGES=(mariadb-server mariadb-client chromium php8.2-cli php8.2-mysql php8.2-curl php8.2-gd php8.2-zip php8.2-bcmath php8.2-xml php8.2-mbstring php8.2-intl composer gettext unzip curl ca-certificates debian-archive-keyring)

# The version matrix: the oldest WordPress and WooCommerce the plugin supports and the newest that
# stores run. One entry a line: name, WordPress branch, the Debian suite whose `wordpress` package
# has it, the WooCommerce version tested, the variable naming that WooCommerce's plugin directory,
# and its default. `npm test` runs the store tiers once per entry, each on a stack of its own.
MATRIX="oldest 6.8 trixie 9.9.5 WOOCOMMERCE_DIR /opt/woocommerce
newest 7.1 forky 10.9.1 WOOCOMMERCE_NEWEST_DIR /opt/woocommerce-10.9.1"
# What WordPress's package needs beside it (it links these libraries instead of bundling them).
WORDPRESS_PACKAGES=(wordpress wordpress-theme-twentytwentyfive php-getid3 libjs-underscore libjs-cropper libjs-lodash)
WORDPRESS_PACKAGES_forky=(libjs-jquery-ui libphp-phpmailer)

log() { printf '[stack:%s] %s\n' "${UTW_STACK:-dev}" "$*" >&2; }
die() { printf '[stack:%s] ERROR: %s\n' "${UTW_STACK:-dev}" "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------- stack layout
# Sets ENTRY, WP_BRANCH, DEBIAN_SUITE, WC_TESTED, WC_DIR_VAR, WOOCOMMERCE_DIR and WP_CACHE of entry $1.
set_entry() {
	local line
	line=$(printf '%s\n' "$MATRIX" | awk -v e="$1" '$1 == e') || true
	[ -n "$line" ] || die "no matrix entry '$1' (have: $(printf '%s\n' "$MATRIX" | cut -d' ' -f1 | paste -sd' '))"
	local default_dir
	read -r ENTRY WP_BRANCH DEBIAN_SUITE WC_TESTED WC_DIR_VAR default_dir <<<"$line"
	WOOCOMMERCE_DIR="${!WC_DIR_VAR:-$default_dir}"
	WP_CACHE="$CACHE/wordpress-$WP_BRANCH"
}

set_stack() {
	STACK="$1"
	case "$STACK" in
		dev) BASE=8880 ;;
		test) BASE=8890 ;;
		*[!a-z0-9-]* | '') die "stack name must match [a-z0-9-]+: '$STACK'" ;;
		# 2000 slots (ports 9000-28999, below the ephemeral range): matrix stacks (`<name>-newest`)
		# double the stacks, and 90 slots made two of them collide.
		*) BASE=$((9000 + ($(printf '%s' "$STACK" | cksum | cut -d' ' -f1) % 2000) * 10)) ;;
	esac
	# A stack keeps the ports it was made with (older stacks: those of 90 slots, still running).
	if [ -f "$STATE_ROOT/$STACK/base" ]; then BASE=$(cat "$STATE_ROOT/$STACK/base")
	elif [ -f "$STATE_ROOT/$STACK/mariadb.pid" ] && [ "$STACK" != dev ] && [ "$STACK" != test ]; then
		BASE=$((9000 + ($(printf '%s' "$STACK" | cksum | cut -d' ' -f1) % 90) * 10))
	fi
	WEB_PORT=$((BASE + 1))
	COLLECTOR_PORT=$((BASE + 2))
	DB_PORT=$((BASE + 3))
	SDIR="$STATE_ROOT/$STACK"
	WP_DIR="$SDIR/wordpress"
	DATADIR="$SDIR/mysql"
	SOCKET="$SDIR/mysql.sock"
	if [ "${#SOCKET}" -ge 100 ]; then SOCKET="/tmp/utw-$STACK-mysql.sock"; fi
	SNAPSHOTS="$SDIR/snapshots"
	COLLECTOR_DATA="$SDIR/collector"
	BASE_URL="http://127.0.0.1:$WEB_PORT"
	COLLECTOR_URL="http://127.0.0.1:$COLLECTOR_PORT"
	# A stack keeps the matrix entry it was made for: its database and WordPress are that entry's.
	local made_for=""
	[ -f "$SDIR/entry" ] && made_for=$(cat "$SDIR/entry")
	if [ -n "${UTW_ENTRY:-}" ] && [ -n "$made_for" ] && [ "$UTW_ENTRY" != "$made_for" ]; then
		die "stack '$STACK' runs matrix entry '$made_for', not '$UTW_ENTRY': use another UTW_STACK, or remove .stack/$STACK"
	fi
	set_entry "${UTW_ENTRY:-${made_for:-oldest}}"
	if [ -f "$WOOCOMMERCE_DIR/woocommerce.php" ]; then HAS_WC=1; else HAS_WC=0; fi
}

# The version in a plugin's or WordPress's own header, or "" when it is not there.
woocommerce_version() { sed -n 's/^[ *]*Version:[[:space:]]*\([0-9][0-9.]*\).*/\1/p' "$WOOCOMMERCE_DIR/woocommerce.php" 2>/dev/null | head -1; }
wordpress_version() { sed -n "s/^\\\$wp_version = '\\([^']*\\)';/\\1/p" "$1/wp-includes/version.php" 2>/dev/null; }

has_wc_notice_shown=0
wc_notice() {
	if [ "$HAS_WC" = 0 ] && [ "$has_wc_notice_shown" = 0 ]; then
		echo "WooCommerce not found at $WOOCOMMERCE_DIR: the stack runs WordPress alone" >&2
		has_wc_notice_shown=1
	fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [ -f "$1" ] && group_alive "$(cat "$1")"; }

# Start "$@" in its own process group (setsid execs in place: $! is the group leader).
spawn() {
	local pidfile="$1" logfile="$2"
	shift 2
	setsid "$@" </dev/null >>"$logfile" 2>&1 &
	echo $! >"$pidfile"
}

wait_until() { # <timeout-seconds> <description> <command...>
	local timeout="$1" what="$2"
	shift 2
	local deadline=$((SECONDS + timeout))
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}

mysql_root() { mariadb --no-defaults -uroot --socket="$SOCKET" "$@"; }

# ---------------------------------------------------------------- deps
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_debian_packages() {
	local missing=() p
	for p in "${DEBIAN_PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
	[ "${#missing[@]}" -eq 0 ] && return 0
	log "installing Debian packages: ${missing[*]}"
	local sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	# Debian starts the system MariaDB on install; the stacks run their own servers.
}

# Caches the WordPress core of the current entry (set_entry) from its Debian suite's package.
cache_wordpress() {
	if [ -f "$WP_CACHE/wp-includes/version.php" ] && grep -q "^\$wp_version = '$WP_BRANCH" "$WP_CACHE/wp-includes/version.php"; then
		return 0
	fi
	# Caches made before the matrix had one folder, for 6.8.
	if [ "$WP_BRANCH" = 6.8 ] && grep -qs "^\$wp_version = '6.8" "$CACHE/wordpress/wp-includes/version.php"; then
		mv "$CACHE/wordpress" "$WP_CACHE"
		return 0
	fi
	log "caching WordPress $WP_BRANCH core from Debian $DEBIAN_SUITE"
	local apt="$CACHE/apt-$DEBIAN_SUITE"
	rm -rf "$apt"
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs" "$apt/root"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $DEBIAN_SUITE main" >"$apt/sources.list"
	local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o "Dir::Etc::sourceparts=-"
		-o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Dir::State::status=/dev/null"
		-o "APT::Sandbox::User=root" -o "Acquire::Languages=none")
	apt-get "${opts[@]}" -qq update
	local extra="WORDPRESS_PACKAGES_$DEBIAN_SUITE[@]"
	(cd "$apt/debs" && apt-get "${opts[@]}" -qq download "${WORDPRESS_PACKAGES[@]}" ${!extra+"${!extra}"})
	local deb
	for deb in "$apt/debs"/*.deb; do dpkg -x "$deb" "$apt/root"; done
	local src="$apt/root/usr/share/wordpress"
	# The two absolute links point into the host's /etc: replace them.
	rm -f "$src/.htaccess" "$src/wp-includes/certificates/ca-bundle.crt" "$src/wp-config.php"
	local tmp="$WP_CACHE.tmp"
	rm -rf "$tmp"
	cp -rL "$src" "$tmp"
	cp /etc/ssl/certs/ca-certificates.crt "$tmp/wp-includes/certificates/ca-bundle.crt"
	: >"$tmp/.htaccess"
	grep -q "^\$wp_version = '$WP_BRANCH" "$tmp/wp-includes/version.php" ||
		die "$DEBIAN_SUITE's wordpress package is not $WP_BRANCH: $(grep '^\$wp_version' "$tmp/wp-includes/version.php")"
	rm -rf "$WP_CACHE"
	mv "$tmp" "$WP_CACHE"
	rm -rf "$apt" # lists and .debs are not needed any more
	log "cached $(grep '^\$wp_version' "$WP_CACHE/wp-includes/version.php")"
}

cmd_deps() {
	install_debian_packages
	mkdir -p "$CACHE"
	local entry
	for entry in $(printf '%s\n' "$MATRIX" | cut -d' ' -f1); do
		(set_entry "$entry" && cache_wordpress)
	done
}

# ---------------------------------------------------------------- up
start_mariadb() {
	if pid_alive "$SDIR/mariadb.pid" && mysql_root -e 'SELECT 1' >/dev/null 2>&1; then return 0; fi
	if [ ! -d "$DATADIR/mysql" ]; then
		log "initialising MariaDB datadir"
		rm -rf "$DATADIR"
		mkdir -p "$DATADIR"
		mariadb-install-db --no-defaults --auth-root-authentication-method=normal --datadir="$DATADIR" \
			--user=root --skip-test-db >"$SDIR/mariadb-install.log" 2>&1 || die "mariadb-install-db failed: see $SDIR/mariadb-install.log"
	fi
	port_open "$DB_PORT" && die "port $DB_PORT (MariaDB) is taken by another process"
	rm -f "$SOCKET"
	log "starting MariaDB on 127.0.0.1:$DB_PORT"
	spawn "$SDIR/mariadb.pid" "$SDIR/mariadb.log" mariadbd --no-defaults --datadir="$DATADIR" --socket="$SOCKET" \
		--port="$DB_PORT" --bind-address=127.0.0.1 --user=root --skip-log-bin --skip-name-resolve \
		--innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
		--pid-file="$SDIR/mariadbd.pid" --log-error="$SDIR/mariadb.log"
	wait_until 30 MariaDB mysql_root -e 'SELECT 1' || die "MariaDB did not start: see $SDIR/mariadb.log"
	mysql_root -e "CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS 'wp'@'127.0.0.1' IDENTIFIED BY 'wp';
		CREATE USER IF NOT EXISTS 'wp'@'localhost' IDENTIFIED BY 'wp';
		GRANT ALL PRIVILEGES ON *.* TO 'wp'@'127.0.0.1';
		GRANT ALL PRIVILEGES ON *.* TO 'wp'@'localhost';
		FLUSH PRIVILEGES;"
}

write_wp_config() {
	local f="$WP_DIR/wp-config.php"
	cat >"$f.tmp" <<PHP
<?php
// Written by tests/support/stack/stack.sh for the local '$STACK' stack. Do not edit: rewritten by \`up\`.
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp' );
define( 'DB_PASSWORD', 'wp' );
define( 'DB_HOST', '127.0.0.1:$DB_PORT' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

define( 'AUTH_KEY',         'utw-local-auth-key' );
define( 'SECURE_AUTH_KEY',  'utw-local-secure-auth-key' );
define( 'LOGGED_IN_KEY',    'utw-local-logged-in-key' );
define( 'NONCE_KEY',        'utw-local-nonce-key' );
define( 'AUTH_SALT',        'utw-local-auth-salt' );
define( 'SECURE_AUTH_SALT', 'utw-local-secure-auth-salt' );
define( 'LOGGED_IN_SALT',   'utw-local-logged-in-salt' );
define( 'NONCE_SALT',       'utw-local-nonce-salt' );
\$table_prefix = 'wp_';

define( 'WP_HOME', '$BASE_URL' );
define( 'WP_SITEURL', '$BASE_URL' );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$SDIR/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
@ini_set( 'display_errors', '0' );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'FS_METHOD', 'direct' );

// Local stand-ins (tests/support/collector/server.mjs).
define( 'UTW_LOCAL_STACK', '$STACK' );
define( 'UTW_LOCAL_COLLECTOR', '$COLLECTOR_URL' );
define( 'UTW_SERVICE_URL', '$COLLECTOR_URL/service' );
define( 'UTW_LOCAL_MAIL_LOG', '$SDIR/mail.log' );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
	mv "$f.tmp" "$f"
}

# The paths a release holds, from package.json's `files` (globs cut at their first wildcard).
shippable_paths() {
	node -e 'for (const f of require(process.argv[1]).files) console.log(f.replace(/\/?[^/]*[*?{[].*$/, ""))' "$REPO/package.json" | sort -u
}

# Installs the plugin: unzipped from $UTW_PLUGIN_ZIP (what ships), or else its shippable paths
# linked one by one from the working tree (PHP edits show on the next request; .git/, .stack/
# and the rest of the clone stay out of the web server's reach).
install_plugin() {
	local dest="$WP_DIR/wp-content/plugins/$PLUGIN_SLUG" source
	if [ -n "${UTW_PLUGIN_ZIP:-}" ]; then
		[ -f "$UTW_PLUGIN_ZIP" ] || die "no plugin zip at $UTW_PLUGIN_ZIP (npm run plugin-zip makes it)"
		source="zip:$(unzip -p "$UTW_PLUGIN_ZIP" | sha1sum | cut -c1-12)"
		if [ "$(cat "$SDIR/plugin-source" 2>/dev/null)" = "$source" ] && [ -f "$dest/plugin.php" ] && [ ! -L "$dest/plugin.php" ]; then return 0; fi
		log "installing $(basename "$UTW_PLUGIN_ZIP") into wp-content/plugins"
		rm -rf "$dest" "$dest.unzip" # a link to the clone (older stacks) is removed, not followed
		mkdir -p "$dest.unzip"
		unzip -q "$UTW_PLUGIN_ZIP" -d "$dest.unzip"
		[ -f "$dest.unzip/$PLUGIN_SLUG/plugin.php" ] || die "$UTW_PLUGIN_ZIP has no $PLUGIN_SLUG/plugin.php"
		mv "$dest.unzip/$PLUGIN_SLUG" "$dest"
		rm -rf "$dest.unzip"
	else
		source="link"
		if [ -L "$dest" ] || { [ -d "$dest" ] && [ ! -L "$dest/plugin.php" ]; }; then rm -rf "$dest"; fi
		mkdir -p "$dest"
		local path
		while read -r path; do
			[ -e "$REPO/$path" ] || continue
			mkdir -p "$(dirname "$dest/$path")"
			ln -sfn "$REPO/$path" "$dest/$path"
		done < <(shippable_paths)
	fi
	echo "$source" >"$SDIR/plugin-source"
}

prepare_wordpress() {
	if [ -f "$WP_DIR/wp-settings.php" ] && [ "$(wordpress_version "$WP_DIR" | cut -d. -f1,2)" != "$WP_BRANCH" ]; then
		die "$WP_DIR is WordPress $(wordpress_version "$WP_DIR"), not $WP_BRANCH: remove .stack/$STACK"
	fi
	if [ ! -f "$WP_DIR/wp-settings.php" ]; then
		log "copying WordPress $WP_BRANCH core into $WP_DIR"
		rm -rf "$WP_DIR"
		cp -a "$WP_CACHE" "$WP_DIR"
	fi
	echo "$ENTRY" >"$SDIR/entry"
	local content="$WP_DIR/wp-content"
	mkdir -p "$content/plugins" "$content/themes" "$content/mu-plugins" "$content/uploads"
	install_plugin
	if [ "$HAS_WC" = 1 ]; then
		ln -sfn "$WOOCOMMERCE_DIR" "$content/plugins/woocommerce"
	else
		rm -f "$content/plugins/woocommerce"
	fi
	ln -sfn "$REPO/tests/support/themes/utw-classic" "$content/themes/utw-classic"
	cp "$STACK_SRC"/mu-plugin/*.php "$content/mu-plugins/"
	write_wp_config
}

wp_php() { php -d memory_limit=512M -d display_errors=stderr "$@"; }

# What the store runs: WooCommerce's version (0: none) and where the plugin came from (none, link, zip:<hash>).
setup_state() {
	local plugin=none
	[ -f "$WP_DIR/wp-content/plugins/$PLUGIN_SLUG/plugin.php" ] && plugin=$(cat "$SDIR/plugin-source")
	# The store set-up script's checksum too: a stack set up by an older script is set up again.
	echo "wc=$([ "$HAS_WC" = 1 ] && woocommerce_version || echo 0) setup=$(cksum <"$STACK_SRC/setup-store.php" | cut -d' ' -f1) plugin=$plugin"
}

dump_db() { # <file>
	# INSERT IGNORE: a request still finishing while a snapshot is restored (a beacon of the page a
	# test just left) may write a row first; its row is kept instead of failing the restore.
	mariadb-dump --no-defaults -uroot --socket="$SOCKET" --single-transaction --extended-insert --insert-ignore \
		--add-drop-table --skip-dump-date --skip-comments wordpress >"$1.tmp"
	mv "$1.tmp" "$1"
	mysql_root -N -e 'SHOW TABLES' wordpress >"${1%.sql}.tables"
}

setup_site() {
	local marker="$SDIR/setup.done" want
	want=$(setup_state)
	if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ]; then return 0; fi
	if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want failed" ] &&
		{ [ "${want##*plugin=}" != link ] || [ -z "$(find "$REPO/plugin.php" "$REPO/includes" -newer "$marker" -name '*.php' -print -quit 2>/dev/null)" ]; }; then
		log "WARNING: $PLUGIN_SLUG/plugin.php is still not active (it has not changed since it failed; see $SDIR/setup-debug.log)"
		return 0
	fi
	mkdir -p "$SNAPSHOTS"
	if [ -f "$marker" ]; then
		# Setup ran before, but WooCommerce or the plugin changed since: start from the snapshot again.
		log "setup changed ($(cat "$marker") -> $want): re-running store setup"
		if [ "$HAS_WC" = 1 ] && [ -f "$SNAPSHOTS/woocommerce.sql" ]; then restore_snapshot woocommerce
		elif [ -f "$SNAPSHOTS/wordpress-only.sql" ]; then restore_snapshot wordpress-only; fi
	fi
	local t0
	t0=$(now_ms)
	log "installing WordPress"
	wp_php "$STACK_SRC/install.php" "$WP_DIR"
	log "activating plugins"
	UTW_STACK="$STACK" wp_php "$STACK_SRC/setup-store.php" "$WP_DIR" activate
	log "configuring the store"
	UTW_STACK="$STACK" wp_php "$STACK_SRC/setup-store.php" "$WP_DIR" configure
	UTW_STACK="$STACK" wp_php "$STACK_SRC/setup-store.php" "$WP_DIR" settle
	if [ -f "$WP_DIR/wp-content/plugins/$PLUGIN_SLUG/plugin.php" ]; then
		local rc=0
		UTW_STACK="$STACK" wp_php "$STACK_SRC/setup-store.php" "$WP_DIR" plugin || rc=$?
		if [ "$rc" = 0 ] && ! UTW_STACK="$STACK" wp_php "$STACK_SRC/setup-store.php" "$WP_DIR" check >"$SDIR/plugin-check.log" 2>&1; then
			{ grep 'PHP Fatal' "$SDIR/debug.log" 2>/dev/null | tail -1 | cut -c1-600; } >&2 || true
			rc=4
		fi
		if [ "$rc" != 0 ]; then
			[ "$rc" = 4 ] && UTW_STACK="$STACK" wp_php "$STACK_SRC/setup-store.php" "$WP_DIR" deactivate-ours
			log "WARNING: $PLUGIN_SLUG/plugin.php is not active (activation failed or WordPress does not load with it, see above and $SDIR/debug.log)."
			log "         The stack runs without it; start/up tries again once a PHP file of the plugin changes."
			want="$want failed"
		fi
	fi
	rm -f "$SNAPSHOTS"/*.sql "$SNAPSHOTS"/*.tables
	if [ "$HAS_WC" = 1 ]; then
		dump_db "$SNAPSHOTS/woocommerce.sql"
		UTW_STACK="$STACK" wp_php "$STACK_SRC/setup-store.php" "$WP_DIR" wordpress-only
		dump_db "$SNAPSHOTS/wordpress-only.sql"
		restore_snapshot woocommerce
	else
		dump_db "$SNAPSHOTS/wordpress-only.sql"
	fi
	# Keep the notices of the set-up itself (WooCommerce 9.9 logs one "translation loaded too early" on its first
	# boot) out of debug.log, so debug.log only shows what happens while the stack serves.
	if [ -s "$SDIR/debug.log" ]; then cat "$SDIR/debug.log" >>"$SDIR/setup-debug.log" && : >"$SDIR/debug.log"; fi
	echo "$want" >"$marker"
	log "site set up in $(($(now_ms) - t0)) ms"
}

start_web() {
	if pid_alive "$SDIR/php-server.pid" && port_open "$WEB_PORT"; then return 0; fi
	port_open "$WEB_PORT" && die "port $WEB_PORT (web) is taken by another process"
	log "starting PHP web server on $BASE_URL"
	spawn "$SDIR/php-server.pid" "$SDIR/php-server.log" \
		env PHP_CLI_SERVER_WORKERS=4 php -d memory_limit=512M -d opcache.enable_cli=1 -d opcache.revalidate_freq=0 -d display_errors=0 -d log_errors=1 -d error_log="$SDIR/php-server.log" \
		-d upload_max_filesize=64M -d post_max_size=64M \
		-S "127.0.0.1:$WEB_PORT" -t "$WP_DIR" "$STACK_SRC/router.php"
	wait_until 30 web curl -sS -o /dev/null --max-time 20 "$BASE_URL/" || die "web server does not answer on $BASE_URL/: see $SDIR/php-server.log"
	local code
	code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 20 "$BASE_URL/" || true)
	[ "$code" = 200 ] || log "WARNING: $BASE_URL/ answers HTTP $code (see $SDIR/debug.log and $SDIR/php-server.log)"
}

start_collector() {
	if pid_alive "$SDIR/collector.pid" && curl -fsS -o /dev/null --max-time 2 "$COLLECTOR_URL/health" 2>/dev/null; then return 0; fi
	port_open "$COLLECTOR_PORT" && die "port $COLLECTOR_PORT (collector) is taken by another process"
	mkdir -p "$COLLECTOR_DATA"
	log "starting collector on $COLLECTOR_URL"
	spawn "$SDIR/collector.pid" "$SDIR/collector.log" node "$REPO/tests/support/collector/server.mjs" \
		--port "$COLLECTOR_PORT" --data "$COLLECTOR_DATA"
	wait_until 15 collector curl -fsS -o /dev/null --max-time 2 "$COLLECTOR_URL/health" || die "collector did not start: see $SDIR/collector.log"
}

cmd_up() {
	wc_notice
	if [ ! -f "$WP_CACHE/wp-settings.php" ]; then
		install_debian_packages
		mkdir -p "$CACHE"
		cache_wordpress
	fi
	mkdir -p "$SDIR"
	echo "$BASE" >"$SDIR/base"
	start_mariadb
	prepare_wordpress
	start_collector
	setup_site
	start_web
	print_urls
}

print_urls() {
	echo "Store: $BASE_URL/  Admin: $BASE_URL/wp-admin/ (admin / password)  Collector: $COLLECTOR_URL/events"
}

# ---------------------------------------------------------------- start
newest_mtime() { # prints newest mtime (epoch) of regular files under the given paths, 0 if none
	local m
	m=$(find "$@" -type f -not -path '*/node_modules/*' -printf '%T@\n' 2>/dev/null | sort -n | tail -1)
	echo "${m%.*}" | sed 's/^$/0/'
}

ensure_assets() {
	[ "${UTW_SKIP_ASSETS:-0}" = 1 ] && { log "UTW_SKIP_ASSETS=1: skipping npm/composer/build"; return 0; }
	cd "$REPO"
	if [ -f package.json ] && [ ! -d node_modules ]; then
		# npm install, not npm ci: the registry these machines reach lacks some optional,
		# other-platform packages the lock names, which npm ci refuses; install follows the lock.
		log "npm install"
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund
	fi
	if [ -f composer.json ] && [ ! -d vendor ]; then
		log "composer install"
		composer install --no-interaction --no-progress
	fi
	if [ -f package.json ] && node -e 'process.exit(require("./package.json").scripts?.build ? 0 : 1)'; then
		local sources=() s
		for s in assets/source src webpack.config.js package.json; do [ -e "$s" ] && sources+=("$s"); done
		if [ ! -d assets/build ] || { [ "${#sources[@]}" -gt 0 ] && [ "$(newest_mtime "${sources[@]}")" -gt "$(newest_mtime assets/build)" ]; }; then
			log "npm run build"
			npm run build
		fi
	fi
}

cmd_start() {
	local t0
	t0=$(now_ms)
	# Debian packages first: Composer (ensure_assets) needs PHP's curl extension.
	install_debian_packages
	ensure_assets
	cmd_up
	log "ready in $(($(now_ms) - t0)) ms"
}

# ---------------------------------------------------------------- stop / status
# Whether process group $1 has a live (non-zombie) member. Reads /proc: no procps needed.
# (Stopped processes are reaped by init, which may take a moment: zombies count as gone.)
group_alive() {
	local stat fields
	for stat in /proc/[0-9]*/stat; do
		read -r fields 2>/dev/null <"$stat" || continue
		fields=${fields##*) } # "<state> <ppid> <pgrp> ..."
		read -r -a fields <<<"$fields"
		if [ "${fields[2]}" = "$1" ] && [ "${fields[0]}" != Z ] && [ "${fields[0]}" != X ]; then return 0; fi
	done
	return 1
}

stop_group() { # <pidfile> <name>
	local pidfile="$1" name="$2" pid
	[ -f "$pidfile" ] || return 0
	pid=$(cat "$pidfile")
	if group_alive "$pid"; then
		kill -TERM -- "-$pid" 2>/dev/null || true
		local i
		for i in $(seq 1 200); do
			group_alive "$pid" || break
			sleep 0.05
		done
		if group_alive "$pid"; then
			log "$name did not stop on TERM: killing"
			kill -KILL -- "-$pid" 2>/dev/null || true
			sleep 0.2
		fi
	fi
	rm -f "$pidfile"
}

stop_stack() {
	stop_group "$SDIR/php-server.pid" "web server"
	stop_group "$SDIR/collector.pid" "collector"
	stop_group "$SDIR/mariadb.pid" "MariaDB"
	local p
	for p in "$WEB_PORT" "$COLLECTOR_PORT" "$DB_PORT"; do
		wait_until 10 "port $p" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null" || log "port $p is still in use (not by this stack?)"
	done
	[ "${SOCKET#/tmp/}" != "$SOCKET" ] && rm -f "$SOCKET"
	log "stopped"
}

cmd_stop() {
	if [ "${1:-}" = "--all" ]; then
		local d
		for d in "$STATE_ROOT"/*/; do
			[ -d "$d" ] || continue
			d=$(basename "$d")
			[ "$d" = cache ] && continue
			UTW_ENTRY="" # each stack stops as the entry it was made for
			set_stack "$d"
			UTW_STACK="$d" stop_stack
		done
	else
		stop_stack
	fi
}

cmd_status() {
	local s
	s() { if pid_alive "$SDIR/$1.pid"; then echo "running (pid $(cat "$SDIR/$1.pid"))"; else echo "stopped"; fi; }
	echo "stack:     $STACK ($SDIR)"
	echo "mariadb:   $(s mariadb)  127.0.0.1:$DB_PORT  socket $SOCKET"
	echo "web:       $(s php-server)  $BASE_URL/"
	echo "collector: $(s collector)  $COLLECTOR_URL/events"
	echo "entry:     $ENTRY (WordPress $WP_BRANCH from Debian $DEBIAN_SUITE, WooCommerce from \$$WC_DIR_VAR)"
	echo "wordpress: $(wordpress_version "$WP_DIR" || true)"
	echo "woocommerce: $([ "$HAS_WC" = 1 ] && echo "$(woocommerce_version) at $WOOCOMMERCE_DIR" || echo "not found at $WOOCOMMERCE_DIR")"
	echo "plugin:    $(cat "$SDIR/plugin-source" 2>/dev/null || echo 'not installed')"
	echo "setup:     $(cat "$SDIR/setup.done" 2>/dev/null || echo 'not done')"
	echo "snapshots: $(cd "$SNAPSHOTS" 2>/dev/null && ls -- *.sql 2>/dev/null | sed 's/\.sql$//' | tr '\n' ' ')"
}

# ---------------------------------------------------------------- reset
restore_snapshot() { # <name>
	local name="$1" file="$SNAPSHOTS/$1.sql"
	[ -f "$file" ] || die "no snapshot '$name' in $SNAPSHOTS (have: $(cd "$SNAPSHOTS" 2>/dev/null && ls -- *.sql 2>/dev/null | tr '\n' ' '))"
	# Drop tables created after the snapshot, then load it (the dump drops and recreates its own tables).
	local extra
	extra=$(mysql_root -N -e 'SHOW TABLES' wordpress | grep -vxF -f "$SNAPSHOTS/$name.tables" | sed 's/.*/`&`/' | paste -sd, -) || true
	{
		echo "SET SESSION foreign_key_checks=0; SET SESSION unique_checks=0; SET SESSION autocommit=0;"
		[ -n "$extra" ] && echo "DROP TABLE IF EXISTS $extra;"
		cat "$file"
		echo "COMMIT;"
	} | mysql_root wordpress
}

cmd_reset() {
	local name="${1:-}" t0
	[ -n "$name" ] || die "usage: stack.sh reset <snapshot> (woocommerce | wordpress-only)"
	t0=$(now_ms)
	restore_snapshot "$name"
	mkdir -p "$COLLECTOR_DATA"
	: >"$COLLECTOR_DATA/events.jsonl"
	log "reset to '$name' in $(($(now_ms) - t0)) ms"
}

cmd_env() {
	cat <<EOF
export UTW_STACK=$STACK
export UTW_WP_DIR=$WP_DIR
export UTW_BASE_URL=$BASE_URL
export UTW_ADMIN_USER=admin
export UTW_ADMIN_PASSWORD=password
export UTW_COLLECTOR_URL=$COLLECTOR_URL
export UTW_DB_HOST=127.0.0.1
export UTW_DB_PORT=$DB_PORT
export UTW_DB_SOCKET=$SOCKET
export UTW_DB_NAME=wordpress
export UTW_DB_USER=wp
export UTW_DB_PASSWORD=wp
export UTW_SNAPSHOTS_DIR=$SNAPSHOTS
export WOOCOMMERCE_DIR=$WOOCOMMERCE_DIR
export UTW_HAS_WOOCOMMERCE=$HAS_WC
export UTW_ENTRY=$ENTRY
export UTW_WOOCOMMERCE_DIR_VARIABLE=$WC_DIR_VAR
export UTW_WOOCOMMERCE_VERSION=$([ "$HAS_WC" = 1 ] && woocommerce_version)
export UTW_WORDPRESS_VERSION=$(wordpress_version "$WP_DIR" || wordpress_version "$WP_CACHE" || echo "$WP_BRANCH")
EOF
}

cmd_matrix() {
	local line name branch suite wc var default
	while read -r line; do
		read -r name branch suite wc var default <<<"$line"
		printf '{"entry":"%s","wordpress":"%s","debian":"%s","woocommerce":"%s","woocommerceDirVariable":"%s","woocommerceDirDefault":"%s"}\n' \
			"$name" "$branch" "$suite" "$wc" "$var" "$default"
	done <<<"$MATRIX"
}

# ---------------------------------------------------------------- main
set_stack "${UTW_STACK:-dev}"
export UTW_STACK="$STACK"
cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
	deps) cmd_deps ;;
	start) cmd_start ;;
	up) cmd_up ;;
	stop) cmd_stop "$@" ;;
	status) cmd_status ;;
	reset) cmd_reset "$@" ;;
	env) cmd_env ;;
	matrix) cmd_matrix ;;
	urls) print_urls ;;
	*)
		sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
		[ -z "$cmd" ] || exit 2
		;;
esac
