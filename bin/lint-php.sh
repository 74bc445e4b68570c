#!/usr/bin/env bash
# PHP coding standards (WPCS through phpcs) and static analysis (PHPStan with WordPress and
# WooCommerce stubs). Installs the Composer tools when vendor/ is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x vendor/bin/phpcs ] || composer install --no-interaction --no-progress --quiet
vendor/bin/phpcs -q
vendor/bin/phpstan analyse --no-progress --memory-limit=2G
