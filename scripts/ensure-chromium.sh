#!/usr/bin/env bash
# Browser tests drive Debian's chromium (never a downloaded browser).
set -u
"$(dirname "$0")/ensure-debian-package.sh" chromium chromium "browser tests"
command -v chromium >/dev/null 2>&1 || echo "Browser tests will be SKIPPED."
exit 0
