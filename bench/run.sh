#!/usr/bin/env bash
# make bench: load the directory with wrk on loopback and write the figures to $BENCH_OUT.
#
# 1. PostgreSQL database (DATABASE_URL, default fachstelle_bench on 127.0.0.1:5432), migrated, with the
#    generated data set (20,000 offers, 3 offices, 30 municipalities, 2 translations each); regenerated
#    only when incomplete or when BENCH_REGENERATE=1.
# 2. The app under gunicorn with the production settings (DEBUG off, whitenoise manifest storage), and the
#    bare psycopg baseline (bench/baseline_wsgi.py) under gunicorn with the same number of workers.
# 3. wrk at concurrency 1 and 16 against the search page, the API list, offer pages and the baseline, each
#    after a short unrecorded warm-up, and the API list once more with the directory cache off (for a like-for-
#    like comparison with the uncached baseline); bench/report.py prints the table and writes the JSON.
#
# Knobs (environment): BENCH_DURATION (s per run, 15), BENCH_WARMUP (s, 5), BENCH_WORKERS (2),
# BENCH_WORKER_CLASS (gthread), BENCH_THREADS (4), BENCH_OUT (bench/out/latest.json), BENCH_REGENERATE=1, BENCH_OFFERS (20000).
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
OFFERS=${BENCH_OFFERS:-20000}
MUNICIPALITIES=${BENCH_MUNICIPALITIES:-30}
TRANSLATIONS=${BENCH_TRANSLATIONS:-2}
export BENCH_OFFERS=$OFFERS BENCH_MUNICIPALITIES=$MUNICIPALITIES BENCH_TRANSLATIONS=$TRANSLATIONS
WORK=bench/out/run
mkdir -p "$WORK"
rm -f "$WORK"/*.jsonl "$WORK"/*.log

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fachstelle_bench}
export DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')
export SECRET_KEY
# Fixed bench keys (the generated data is encrypted with them; a rerun must still read it).
export FIELD_ENCRYPTION_KEYS=${FIELD_ENCRYPTION_KEYS:-YmVuY2gtb25seS1maWVsZC1rZXktMzItYnl0ZXMtb2s=}
export BLIND_INDEX_KEY=${BLIND_INDEX_KEY:-bench-only-blind-index-key-0123456789abcdef}
export HTTPS_ONLY=false ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING REQUEST_LOG_LEVEL=WARNING
# Background work in the request, as before the queue (the figures stay comparable; no worker to start).
export TASK_BACKEND=${TASK_BACKEND:-immediate}
export PYTHONDONTWRITEBYTECODE=1

log() { printf '\n== %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing wrk (Debian package)"
    apt-get install -y wrk >/dev/null || die "could not install wrk"
  else
    die "wrk is missing: sudo apt-get install -y wrk"
  fi
fi

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

PIDS=()
stop_servers() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_servers EXIT

wait_ready() {  # url
  "$PY" - "$1" <<'EOF'
import sys, time, urllib.request
for _ in range(120):
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=5) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(f"not ready: {sys.argv[1]}")
EOF
}

log "database ${DATABASE_URL##*/}"
"$PY" bench/tool.py ensure-db
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable  # production settings keep the cache in the database
if [ "${BENCH_REGENERATE:-0}" = 1 ] || ! "$PY" bench/tool.py dataset-ok; then
  log "generating the data set ($OFFERS published offers, 5 % more unpublished)"
  started=$SECONDS
  # The counselling and network bench data live in the same offices and would keep them from being deleted.
  "$PY" manage.py generate_bench_counselling --delete
  "$PY" manage.py generate_bench_network --delete
  "$PY" manage.py generate_bench_data --offers "$OFFERS" --providers 600 --offices 3 \
    --municipalities "$MUNICIPALITIES" --translations "$TRANSLATIONS" --unpublished $((OFFERS / 20)) --reset
  echo "generated in $((SECONDS - started)) s"
  "$PY" bench/tool.py dataset-ok || die "the generated data set does not have the expected size"
fi
# Fresh planner statistics, as a production database would have.
"$PY" - <<'EOF'
import os, psycopg
with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as c:
    c.execute("ANALYZE")
EOF

log "static files, URL mix"
"$PY" manage.py collectstatic --noinput -v 0
"$PY" bench/tool.py urls "$WORK/urls"

APP_PORT=$(free_port)
BASE_PORT=$(free_port)
NOCACHE_PORT=$(free_port)
while [ "$BASE_PORT" = "$APP_PORT" ]; do BASE_PORT=$(free_port); done
while [ "$NOCACHE_PORT" = "$APP_PORT" ] || [ "$NOCACHE_PORT" = "$BASE_PORT" ]; do NOCACHE_PORT=$(free_port); done
log "servers: app on 127.0.0.1:$APP_PORT, baseline on 127.0.0.1:$BASE_PORT, app without directory cache on \
127.0.0.1:$NOCACHE_PORT ($WORKERS $WORKER_CLASS workers each)"
"$GUNICORN" config.wsgi:application --bind "127.0.0.1:$APP_PORT" --workers "$WORKERS" \
  --worker-class "$WORKER_CLASS" --threads "$THREADS" --log-level warning --error-logfile "$WORK/app.log" &
PIDS+=($!)
# The same app with the directory cache switched off: what a cache miss costs, like for like with the
# baseline (which caches nothing).
DIRECTORY_CACHE_SECONDS=0 "$GUNICORN" config.wsgi:application --bind "127.0.0.1:$NOCACHE_PORT" \
  --workers "$WORKERS" --worker-class "$WORKER_CLASS" --threads "$THREADS" --log-level warning --error-logfile "$WORK/nocache.log" &
PIDS+=($!)
"$GUNICORN" --pythonpath bench baseline_wsgi:application --bind "127.0.0.1:$BASE_PORT" --workers "$WORKERS" \
  --worker-class "$WORKER_CLASS" --threads "$THREADS" --log-level warning --error-logfile "$WORK/baseline.log" &
PIDS+=($!)
wait_ready "http://127.0.0.1:$APP_PORT/health/" || die "the app did not start (see $WORK/app.log)"
wait_ready "http://127.0.0.1:$BASE_PORT/?office=bench-1" || die "the baseline did not start (see $WORK/baseline.log)"
wait_ready "http://127.0.0.1:$NOCACHE_PORT/health/" || die "the uncached app did not start (see $WORK/nocache.log)"

log "preflight: the URLs answer 200 (offer pages: the canonical URL, not a redirect)"
"$PY" bench/tool.py preflight "http://127.0.0.1:$APP_PORT" "$WORK/urls/detail.txt"
"$PY" bench/tool.py preflight "http://127.0.0.1:$APP_PORT" "$WORK/urls/search.txt" 30
"$PY" bench/tool.py preflight "http://127.0.0.1:$APP_PORT" "$WORK/urls/api.txt" 30
"$PY" bench/tool.py preflight "http://127.0.0.1:$BASE_PORT" "$WORK/urls/baseline.txt" 30

RAW=$WORK/raw.jsonl
: >"$RAW"
measure() {  # name port url-file
  local name=$1 port=$2 file=$3 c threads line
  log "$name: warm-up ${WARMUP}s, then ${DURATION}s at concurrency 1 and 16"
  wrk -t2 -c16 -d"${WARMUP}s" --timeout 10s -s bench/mix.lua "http://127.0.0.1:$port" -- "$file" >/dev/null
  for c in 1 16; do
    threads=$((c < 2 ? 1 : 2))
    line=$(wrk -t"$threads" -c"$c" -d"${DURATION}s" --timeout 10s -s bench/mix.lua \
      "http://127.0.0.1:$port" -- "$file" | sed -n 's/^BENCH_RESULT //p')
    [ -n "$line" ] || die "wrk gave no result for $name at concurrency $c"
    echo "{\"name\":\"$name\",\"concurrency\":$c,\"workers\":$WORKERS,${line#\{}" | tee -a "$RAW"
  done
}
measure search_page "$APP_PORT" "$WORK/urls/search.txt"
measure api_list "$APP_PORT" "$WORK/urls/api.txt"
measure offer_detail "$APP_PORT" "$WORK/urls/detail.txt"
measure baseline "$BASE_PORT" "$WORK/urls/baseline.txt"
measure api_list_nocache "$NOCACHE_PORT" "$WORK/urls/api.txt"
stop_servers

log "results"
"$PY" bench/report.py "$RAW" "$WORK/urls/dataset.json" "$OUT"

# Counselling (issue 4): case list and needs analysis, logged in; adds its rows to $OUT.
if [ "${BENCH_COUNSELLING:-1}" = 1 ]; then
  bash bench/counselling.sh
fi

# Network (issue 5): key-person search, inquiry inbox, CSV import validation; adds its rows to $OUT.
if [ "${BENCH_NETWORK:-1}" = 1 ]; then
  bash bench/network.sh
fi

# Welcome guide, calendar, registrations, brochure (issue 6): adds its rows to $OUT.
if [ "${BENCH_CONTENT:-1}" = 1 ]; then
  bash bench/content.sh
fi

# Project grants (issue 7): budget view, review list, 50 concurrent approvals; adds its rows to $OUT.
if [ "${BENCH_GRANTS:-1}" = 1 ]; then
  bash bench/grants.sh
fi

# KOMPAKT (issue 8): statistics import of a canton's year, portrait with all charts, programme PDF; adds
# its rows to $OUT.
if [ "${BENCH_KOMPAKT:-1}" = 1 ]; then
  bash bench/kompakt.sh
fi

# Reporting (issue 9): office dashboard, KIP report, canton view over ten offices, annual report PDF; adds
# its rows to $OUT.
if [ "${BENCH_REPORTING:-1}" = 1 ]; then
  bash bench/reporting.sh
fi

# Load test (issue 10): locust, 50 users for 2 minutes on loopback, mixing public browsing, registrations,
# staff work and report downloads on the demo data (its own database fachstelle_load); p95 per endpoint and
# the error count (must be 0) are added to $OUT.
if [ "${BENCH_LOAD:-1}" = 1 ]; then
  bash bench/load.sh
fi
