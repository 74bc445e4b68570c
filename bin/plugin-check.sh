#!/usr/bin/env bash
# `npm run plugin-check [-- <zip>]`: Plugin Check (WordPress/plugin-check, the wordpress.org review
# tool) on the release zip as a store installs it. Plugin Check is a WordPress plugin that is not
# in any registry these machines reach: it is read from PLUGIN_CHECK_DIR (default
# /opt/plugin-check, with its vendor/) and linked into the stack's WordPress, never copied here.
# The stack is `plugin-check` (or UTW_STACK), newest matrix entry. Exits 1 when Plugin Check
# reports an error, 2 when it cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
PLUGIN_CHECK_DIR="${PLUGIN_CHECK_DIR:-/opt/plugin-check}"
SLUG=usage-tracking-for-woocommerce
if [ ! -f "$PLUGIN_CHECK_DIR/plugin.php" ] || [ ! -f "$PLUGIN_CHECK_DIR/vendor/autoload.php" ]; then
	echo "plugin check: not run: no Plugin Check with its vendor/ at $PLUGIN_CHECK_DIR (set PLUGIN_CHECK_DIR)" >&2
	exit 2
fi
zip="${1:-}"
if [ -z "$zip" ]; then
	npm run plugin-zip --silent >/dev/null
	zip="$PWD/$SLUG.zip"
fi
export UTW_STACK="${UTW_STACK:-plugin-check}" UTW_PLUGIN_ZIP
UTW_PLUGIN_ZIP="$(cd "$(dirname "$zip")" && pwd)/$(basename "$zip")"
[ -f ".stack/$UTW_STACK/entry" ] || export UTW_ENTRY=newest
UTW_SKIP_ASSETS=1 bash tests/support/stack/stack.sh up >/dev/null
eval "$(bash tests/support/stack/stack.sh env)"
ln -sfn "$PLUGIN_CHECK_DIR" "$UTW_WP_DIR/wp-content/plugins/plugin-check"
echo "Plugin Check $(sed -n 's/^ \* Version: *//p' "$PLUGIN_CHECK_DIR/plugin.php") on $(basename "$UTW_PLUGIN_ZIP"), WordPress $UTW_WORDPRESS_VERSION, WooCommerce ${UTW_WOOCOMMERCE_VERSION:-none}"
rc=0
php -d memory_limit=1G bin/plugin-check.php "$UTW_WP_DIR" "$SLUG" || rc=$?
[ "${UTW_KEEP_STACK:-0}" = 1 ] || bash tests/support/stack/stack.sh stop >/dev/null 2>&1
exit "$rc"
