#!/usr/bin/env bash
# The counselling part of `make bench` (run.sh calls it last; it also runs alone: bash bench/counselling.sh).
#
# 1. The counselling data set in the bench offices (100,000 cases, 1,000,000 sessions, 300 counsellors;
#    generate_bench_counselling), regenerated only when its size differs or BENCH_REGENERATE=1.
# 2. The app under gunicorn with the production settings, as in run.sh.
# 3. Logged-in, OTP-verified sessions (manage.py bench_session) for four counsellors of the bench offices
#    and one office admin; wrk sends their cookies (bench/counselling.lua, one session per thread).
# 4. wrk: the case list with filters and name searches at concurrency 1 and 4, the needs analysis of one
#    year at concurrency 1; the rows are added to $BENCH_OUT (section "counselling").
#
# Knobs: BENCH_DURATION, BENCH_WARMUP, BENCH_WORKERS, BENCH_WORKER_CLASS, BENCH_THREADS, BENCH_OUT (as
# run.sh), BENCH_CASES (100000), BENCH_SESSIONS (1000000), BENCH_COUNSELLORS (300), BENCH_ANALYSIS_YEAR (2025).
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
CASES=${BENCH_CASES:-100000}
SESSIONS=${BENCH_SESSIONS:-1000000}
COUNSELLORS=${BENCH_COUNSELLORS:-300}
YEAR=${BENCH_ANALYSIS_YEAR:-2025}
export BENCH_CASES=$CASES BENCH_SESSIONS=$SESSIONS BENCH_COUNSELLORS=$COUNSELLORS
WORK=bench/out/counselling
mkdir -p "$WORK"
rm -f "$WORK"/*.jsonl "$WORK"/*.log "$WORK"/*.txt

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
die() { printf 'bench (counselling): %s\n' "$*" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || die "wrk is missing: sudo apt-get install -y wrk"

PID=""
stop_server() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  PID=""
}
trap stop_server EXIT

log "counselling data set in ${DATABASE_URL##*/}"
"$PY" bench/tool.py ensure-db
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable  # production settings keep the cache in the database
if [ "${BENCH_REGENERATE:-0}" = 1 ] || ! "$PY" bench/counselling_tool.py dataset-ok; then
  log "generating $CASES cases, $SESSIONS sessions, $COUNSELLORS counsellors"
  "$PY" manage.py generate_bench_counselling --cases "$CASES" --sessions "$SESSIONS" \
    --counsellors "$COUNSELLORS" --reset
  "$PY" bench/counselling_tool.py dataset-ok || die "the generated data set does not have the expected size"
fi
"$PY" manage.py collectstatic --noinput -v 0
"$PY" bench/counselling_tool.py urls "$WORK" "$YEAR"

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log "server on 127.0.0.1:$PORT ($WORKERS $WORKER_CLASS workers)"
"$GUNICORN" config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --worker-class "$WORKER_CLASS" --threads "$THREADS" --log-level warning --error-logfile "$WORK/app.log" &
PID=$!
"$PY" - "http://127.0.0.1:$PORT/health/" <<'EOF' || die "the app did not start (see $WORK/app.log)"
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
EOF

log "preflight: every URL answers 200 to its session (no redirect to the login or the second factor)"
for file in "$WORK"/case_list-*.txt "$WORK"/analysis-0.txt; do
  "$PY" bench/counselling_tool.py preflight "http://127.0.0.1:$PORT" "$file" || die "preflight failed: $file"
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
measure counselling_case_list "$WORK/case_list" 4 1 4
measure counselling_analysis "$WORK/analysis" 1 1
stop_server

log "results"
"$PY" bench/counselling_tool.py report "$RAW" "$WORK/dataset.json" "$OUT"
