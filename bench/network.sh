#!/usr/bin/env bash
# The network part of `make bench` (run.sh calls it after counselling.sh; it also runs alone:
# bash bench/network.sh).
#
# 1. The network data set in the bench offices (20,000 organisations, 50,000 contacts, 2,000 key persons,
#    100,000 inquiries; generate_bench_network), regenerated only when its size differs or BENCH_REGENERATE=1.
# 2. The app under gunicorn with the production settings, as in run.sh.
# 3. Logged-in, OTP-verified sessions (manage.py bench_session) for a counsellor of each bench office who is
#    contact person of some fields of action, and the first office's admin; wrk sends their cookies
#    (bench/counselling.lua, one session per thread).
# 4. wrk: the key-person search by language and municipality, the inquiry inbox, and the inbox with filters,
#    each at concurrency 1 and 4. Then the validation of a 10,000-row CSV import, timed in process. The rows
#    are added to $BENCH_OUT (section "network").
#
# Knobs: BENCH_DURATION, BENCH_WARMUP, BENCH_WORKERS, BENCH_WORKER_CLASS, BENCH_THREADS, BENCH_OUT (as
# run.sh), BENCH_NET_ORGANISATIONS (20000), BENCH_NET_CONTACTS (50000), BENCH_NET_KEY_PERSONS (2000),
# BENCH_NET_INQUIRIES (100000), BENCH_IMPORT_ROWS (10000).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-5}
WORKERS=${BENCH_WORKERS:-2}
WORKER_CLASS=${BENCH_WORKER_CLASS:-gthread}
THREADS=${BENCH_THREADS:-4}
OUT=${BENCH_OUT:-bench/out/latest.json}
ORGANISATIONS=${BENCH_NET_ORGANISATIONS:-20000}
CONTACTS=${BENCH_NET_CONTACTS:-50000}
KEY_PERSONS=${BENCH_NET_KEY_PERSONS:-2000}
INQUIRIES=${BENCH_NET_INQUIRIES:-100000}
export BENCH_NET_ORGANISATIONS=$ORGANISATIONS BENCH_NET_CONTACTS=$CONTACTS
export BENCH_NET_KEY_PERSONS=$KEY_PERSONS BENCH_NET_INQUIRIES=$INQUIRIES
WORK=bench/out/network
mkdir -p "$WORK"
rm -f "$WORK"/*.jsonl "$WORK"/*.log "$WORK"/*.txt "$WORK"/*.json "$WORK"/*.csv

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fachstelle_bench}
export DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY=${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')}
export SECRET_KEY
# The same fixed bench keys as run.sh: the generated data is encrypted with them.
export FIELD_ENCRYPTION_KEYS=${FIELD_ENCRYPTION_KEYS:-YmVuY2gtb25seS1maWVsZC1rZXktMzItYnl0ZXMtb2s=}
export BLIND_INDEX_KEY=${BLIND_INDEX_KEY:-bench-only-blind-index-key-0123456789abcdef}
export HTTPS_ONLY=false ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING REQUEST_LOG_LEVEL=WARNING
# Background work in the request, as before the queue (the figures stay comparable; no worker to start).
export TASK_BACKEND=${TASK_BACKEND:-immediate}
export PYTHONDONTWRITEBYTECODE=1

log() { printf '\n== %s\n' "$*"; }
die() { printf 'bench (network): %s\n' "$*" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || die "wrk is missing: sudo apt-get install -y wrk"

PID=""
stop_server() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  PID=""
}
trap stop_server EXIT

log "network data set in ${DATABASE_URL##*/}"
"$PY" bench/tool.py ensure-db
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable  # production settings keep the cache in the database
if [ "${BENCH_REGENERATE:-0}" = 1 ] || ! "$PY" bench/network_tool.py dataset-ok; then
  log "generating $ORGANISATIONS organisations, $CONTACTS contacts, $KEY_PERSONS key persons, $INQUIRIES inquiries"
  "$PY" manage.py generate_bench_network --organisations "$ORGANISATIONS" --contacts "$CONTACTS" \
    --key-persons "$KEY_PERSONS" --inquiries "$INQUIRIES" --reset
  "$PY" bench/network_tool.py dataset-ok || die "the generated data set does not have the expected size"
fi
"$PY" manage.py collectstatic --noinput -v 0
"$PY" bench/network_tool.py urls "$WORK"

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log "server on 127.0.0.1:$PORT ($WORKERS $WORKER_CLASS workers)"
"$GUNICORN" config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --worker-class "$WORKER_CLASS" --threads "$THREADS" --log-level warning --error-logfile "$WORK/app.log" &
PID=$!
"$PY" - "http://127.0.0.1:$PORT/health/" <<'PYEOF' || die "the app did not start (see $WORK/app.log)"
import sys, time, urllib.request
for _ in range(120):
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=5) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(1)
PYEOF

log "preflight: every URL answers 200 to its session (no redirect to the login or the second factor)"
for file in "$WORK"/key_persons-*.txt "$WORK"/inbox-*.txt "$WORK"/inbox_filtered-*.txt; do
  "$PY" bench/network_tool.py preflight "http://127.0.0.1:$PORT" "$file" || die "preflight failed: $file"
done

RAW=$WORK/raw.jsonl
: >"$RAW"
measure() {  # name prefix files concurrency…
  local name=$1 prefix=$2 files=$3 c line
  shift 3
  log "$name: warm-up ${WARMUP}s, then ${DURATION}s at concurrency $*"
  wrk -t1 -c1 -d"${WARMUP}s" --timeout 10s -s bench/counselling.lua "http://127.0.0.1:$PORT" -- "$prefix" "$files" >/dev/null
  for c in "$@"; do
    line=$(wrk -t"$c" -c"$c" -d"${DURATION}s" --timeout 10s -s bench/counselling.lua \
      "http://127.0.0.1:$PORT" -- "$prefix" "$files" | sed -n 's/^BENCH_RESULT //p')
    [ -n "$line" ] || die "wrk gave no result for $name at concurrency $c"
    echo "{\"name\":\"$name\",\"concurrency\":$c,\"workers\":$WORKERS,${line#\{}" | tee -a "$RAW"
  done
}
measure network_key_person_search "$WORK/key_persons" 3 1 4
measure network_inbox "$WORK/inbox" "$(ls "$WORK"/inbox-*.txt | wc -l)" 1 4
measure network_inbox_filtered "$WORK/inbox_filtered" 3 1 4
stop_server

log "CSV import: validating $((${BENCH_IMPORT_ROWS:-10000})) rows"
"$PY" bench/network_tool.py import-timing "$WORK"

log "results"
"$PY" bench/network_tool.py report "$RAW" "$WORK/dataset.json" "$WORK/import.json" "$OUT"
