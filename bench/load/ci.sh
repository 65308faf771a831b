#!/usr/bin/env bash
# The load suite's small run for CI: 1,000 employees, 8 s per scenario (7 pages, 3 rates),
# on scratch PostgreSQL databases (kembang_load_ci and kembang_load_ci_built, which it is
# copied from) dropped afterwards. It asserts no time: it fails only when a request fails
# (an unexpected answer), gunicorn answers 500 or more, or a traceback shows in the
# server's logs. About 2 minutes on 2 cores, the load generator's venv included.
#
#   bench/load/ci.sh            # LOAD_CI_SECONDS=8 per scenario unless set
set -euo pipefail
cd "$(dirname "$0")/../.."
DATABASE="kembang_load_ci"
cleanup() {
  for name in "$DATABASE" "${DATABASE}_built"; do
    dropdb -h 127.0.0.1 -U postgres --if-exists --force "$name" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
make --no-print-directory install install-load
var/load/venv/bin/python -m bench.load --employees 1000 --database "$DATABASE" --rebuild \
  --duration "${LOAD_CI_SECONDS:-8}" --out "var/load/ci-results.json"
