#!/usr/bin/env bash
# Production as the README deploys it, in CI: a fresh virtual environment, a plain
# (not editable) install of this checkout, KEMBANG_ENV=production against a scratch
# PostgreSQL database, the README's commands in its order, then gunicorn and the task
# worker answering real HTTP requests as the TLS proxy sends them.
#
# Fails on any failed step, any answer of 500 or more, any traceback in the logs of
# gunicorn or the worker, and any file written inside the virtual environment after the
# install (data belongs in KEMBANG_VAR_DIR and KEMBANG_MEDIA_DIR).
#
# DATABASE_URL, when set, names the database to deploy into (it must exist: migrate
# fails otherwise); unset, a scratch database is created and dropped.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kembang-production.XXXXXX")"
HOST_NAME="kembang.ci.test"
PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
PIDS=()
SCRATCH_DB=""
# pip builds the package inside the checkout; remove what it leaves unless it was there.
[ -e "$ROOT/build" ] && KEEP_BUILD=1 || KEEP_BUILD=""

say() { echo "-- production: $*"; }
fail() { echo "production stage FAILED at: $*" >&2; for log in "$WORK"/*.log; do [ -s "$log" ] && { echo "== $log" >&2; tail -n 40 "$log" >&2; }; done; exit 1; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$SCRATCH_DB" ]; then dropdb -h 127.0.0.1 -U postgres --if-exists "$SCRATCH_DB" || true; fi
  rm -rf "$WORK"
  [ -n "$KEEP_BUILD" ] || rm -rf "$ROOT/build"
}
trap cleanup EXIT

if [ -z "${DATABASE_URL:-}" ]; then
  SCRATCH_DB="kembang_production_ci_$$"
  createdb -h 127.0.0.1 -U postgres "$SCRATCH_DB" || fail "createdb $SCRATCH_DB"
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$SCRATCH_DB"
fi

# --- the README's deployment, step by step ------------------------------------------------
say "python3 -m venv, pip install (not editable)"
"$PYTHON" -m venv "$WORK/venv" || fail "python3 -m venv"
"$WORK/venv/bin/pip" install --disable-pip-version-check "$ROOT" > "$WORK/pip.log" 2>&1 || fail "pip install"
touch "$WORK/installed.marker"

export KEMBANG_ENV=production
SECRET_KEY="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export SECRET_KEY
export ALLOWED_HOSTS="$HOST_NAME"
export DATABASE_URL
export KEMBANG_BASE_URL="https://$HOST_NAME"
export KEMBANG_VAR_DIR="$WORK/data"
export KEMBANG_MEDIA_DIR="$WORK/data/media"
unset DJANGO_ALLOW_ASYNC_UNSAFE KEMBANG_TEST_NOW DEBUG
KEMBANG="$WORK/venv/bin/kembang"
cd "$WORK"  # not the checkout: the installed package must work on its own

say "kembang migrate"
"$KEMBANG" migrate --noinput > "$WORK/migrate.log" 2>&1 || fail "kembang migrate"
say "kembang collectstatic --noinput"
"$KEMBANG" collectstatic --noinput > "$WORK/collectstatic.log" 2>&1 || fail "kembang collectstatic"
say "kembang check --deploy (warnings fail)"
"$KEMBANG" check --deploy --fail-level WARNING > "$WORK/check.log" 2>&1 || fail "kembang check --deploy"
say "kembang demo --profil nganjuk (the trial server's optional step)"
"$KEMBANG" demo --profil nganjuk > "$WORK/demo.txt" 2> "$WORK/demo.log" || fail "kembang demo"
# The demo says on stderr when part of it could not be built (its learning activity).
if [ -s "$WORK/demo.log" ]; then fail "kembang demo (it reported a problem)"; fi
say "kembang pemda --kode ciuji (a real regency and its first BKPSDM admin)"
"$KEMBANG" pemda --nama "Kota Uji CI" --kode ciuji --profil langsa --zona Asia/Makassar \
  --admin admin.ciuji > "$WORK/pemda.txt" 2> "$WORK/pemda.log" || fail "kembang pemda"
grep -Eq '^Kode aktivasi .*: [A-Z0-9]{4}-[A-Z0-9]{4}$' "$WORK/pemda.txt" \
  || fail "kembang pemda (no activation code printed)"
# Run again: the admin is in force, so nothing changes and no code is printed.
"$KEMBANG" pemda --kode ciuji > "$WORK/pemda-again.txt" 2>> "$WORK/pemda.log" \
  || fail "kembang pemda, run again"
if grep -q '^Kode aktivasi' "$WORK/pemda-again.txt"; then fail "kembang pemda printed a second code"; fi
if [ -s "$WORK/pemda.log" ]; then fail "kembang pemda (it reported a problem)"; fi

say "gunicorn on 127.0.0.1:$PORT and kembang db_worker"
"$WORK/venv/bin/gunicorn" kembang.config.wsgi --workers 3 --bind "127.0.0.1:$PORT" \
  --access-logfile "$WORK/gunicorn-access.log" --access-logformat '%(s)s %(m)s %(U)s' \
  --error-logfile "$WORK/gunicorn.log" &
PIDS+=($!)
"$KEMBANG" db_worker > "$WORK/worker.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
  "$PYTHON" -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null && break
  sleep 0.5
done

# --- real requests ----------------------------------------------------------------------
say "requests as the TLS proxy sends them"
"$WORK/venv/bin/python" "$ROOT/scripts/ci_production_probe.py" --address "http://127.0.0.1:$PORT" \
  --host "$HOST_NAME" --demo-output "$WORK/demo.txt" --pemda-output "$WORK/pemda.txt" \
  || fail "HTTP requests"

say "stopping gunicorn and the worker"
for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
PIDS=()

# --- what the logs and the disk say -------------------------------------------------------
if grep -l "Traceback" "$WORK"/*.log; then fail "a traceback in the logs above"; fi
if grep -q '^5' "$WORK/gunicorn-access.log"; then
  fail "an answer of 500 or more in gunicorn's access log"
fi
# Python's own bytecode caches are not data; anything else written there would be lost on
# the next upgrade.
written="$(find "$WORK/venv" -newer "$WORK/installed.marker" -type f \
            ! -name '*.pyc' ! -path '*/__pycache__/*' | head -n 20)"
if [ -n "$written" ]; then fail "files written inside the virtual environment: $written"; fi
requests="$(wc -l < "$WORK/gunicorn-access.log")"
say "passed ($requests requests, no 5xx, no traceback, nothing written in the venv)"
