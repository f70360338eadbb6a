#!/usr/bin/env bash
# The reporting part of `make bench` (issue 9; run.sh calls it after kompakt.sh; it also runs alone:
# bash bench/reporting.sh).
#
# 1. The earlier bench data sets in their offices (directory bench-1…3, counselling 100,000 cases /
#    1,000,000 sessions, network, grants, events), each generated with its own generator and defaults when
#    its check fails (the same commands as run.sh, counselling.sh, network.sh, grants.sh, content.sh).
# 2. The bench canton (manage.py generate_bench_reporting, idempotent): those offices in canton AG, extra
#    offices bench-region-N with modest counselling data until ten offices have data, the cantonal office
#    bench-kanton with the canton user, a statistics user of bench-1. Shape: fachstelle/reporting/bench.py.
# 3. The app under gunicorn with the production settings, logged-in sessions (manage.py bench_session) of
#    the statistics user of bench-1 and the canton user; sequential (concurrency 1), after a warm-up: the
#    dashboard of bench-1 for one year (first view with its charts once, then N=10), the KIP report page
#    (N=10), the canton view over all offices of the canton (N=5). Targets: dashboard ≤ 1 s, canton ≤ 2 s.
# 4. In process: annual_report_pdf(office=bench-1, year=…), N=3 after a warm-up (target ≤ 10 s), and where
#    the time goes (per dashboard section and per part of the canton view: time, queries, SQL time).
# The rows are added to $BENCH_OUT (section "reporting").
#
# Knobs: BENCH_WORKERS, BENCH_WORKER_CLASS, BENCH_THREADS, BENCH_OUT (as run.sh), BENCH_REPORTING_YEAR
# (default: last full calendar year), BENCH_REPORTING_REPEATS (10), BENCH_REPORTING_CANTON_REPEATS (5),
# BENCH_REPORTING_PDF_REPEATS (3).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
WORKERS=${BENCH_WORKERS:-2}
WORKER_CLASS=${BENCH_WORKER_CLASS:-gthread}
THREADS=${BENCH_THREADS:-4}
OUT=${BENCH_OUT:-bench/out/latest.json}
WORK=bench/out/reporting
mkdir -p "$WORK"
rm -f "$WORK"/*.json "$WORK"/*.log

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fachstelle_bench}
export DJANGO_SETTINGS_MODULE=config.settings.production
# One key for the sessions made here and the server (the session hash is made with it).
SECRET_KEY=${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')}
export SECRET_KEY
# The same fixed bench keys as run.sh (the other bench data in this database is encrypted with them).
export FIELD_ENCRYPTION_KEYS=${FIELD_ENCRYPTION_KEYS:-YmVuY2gtb25seS1maWVsZC1rZXktMzItYnl0ZXMtb2s=}
export BLIND_INDEX_KEY=${BLIND_INDEX_KEY:-bench-only-blind-index-key-0123456789abcdef}
export HTTPS_ONLY=false ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING REQUEST_LOG_LEVEL=WARNING
# Background work in the request, as before the queue (the figures stay comparable; no worker to start).
export TASK_BACKEND=${TASK_BACKEND:-immediate}
export PYTHONDONTWRITEBYTECODE=1
export MEDIA_ROOT=${MEDIA_ROOT:-$PWD/$WORK/media}

log() { printf '\n== %s\n' "$*"; }
die() { printf 'bench (reporting): %s\n' "$*" >&2; exit 1; }
timed() { local started=$SECONDS; "$@"; echo "($* took $((SECONDS - started)) s)"; }

PID=""
stop_server() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  PID=""
}
trap stop_server EXIT

log "data sets in ${DATABASE_URL##*/}"
"$PY" bench/tool.py ensure-db
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable  # production settings keep the cache in the database
if ! "$PY" bench/tool.py dataset-ok >/dev/null; then
  log "generating the directory data set (3 offices, 20,000 offers)"
  "$PY" manage.py generate_bench_counselling --delete
  "$PY" manage.py generate_bench_network --delete
  timed "$PY" manage.py generate_bench_data --offers 20000 --providers 600 --offices 3 --municipalities 30 \
    --translations 2 --unpublished 1000 --reset
fi
if ! "$PY" bench/counselling_tool.py dataset-ok >/dev/null; then
  log "generating the counselling data set (100,000 cases, 1,000,000 sessions)"
  timed "$PY" manage.py generate_bench_counselling --cases 100000 --sessions 1000000 --counsellors 300 --reset
fi
if ! "$PY" bench/network_tool.py dataset-ok >/dev/null; then
  log "generating the network data set"
  timed "$PY" manage.py generate_bench_network --organisations 20000 --contacts 50000 --key-persons 2000 \
    --inquiries 100000 --reset
fi
if ! "$PY" bench/grants_tool.py dataset-ok >/dev/null; then
  log "generating the grants data set"
  timed "$PY" manage.py generate_bench_grants --years 10 --programmes 5 --applications 2000 --lines 10
fi
if ! "$PY" bench/content_tool.py dataset-ok >/dev/null; then
  log "generating the content data set (events)"
  timed "$PY" manage.py generate_bench_content --pages 2000 --languages 12 --events 10000 \
    --brochure-pages 20 --reset
fi
log "the bench canton"
timed "$PY" manage.py generate_bench_reporting
"$PY" bench/reporting_tool.py dataset-ok || die "the bench canton is incomplete"
# Fresh planner statistics, as a production database would have.
"$PY" - <<'PYEOF'
import os, psycopg
with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as c:
    c.execute("ANALYZE")
PYEOF

"$PY" manage.py collectstatic --noinput -v 0
"$PY" bench/reporting_tool.py urls "$WORK"
log "the hourly job: the canton's comparison of its offices (current and last year, four languages)"
timed "$PY" manage.py warm_canton_reports

status=0
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log "server on 127.0.0.1:$PORT ($WORKERS $WORKER_CLASS workers)"
"$GUNICORN" config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" --timeout 300 \
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

log "dashboard, KIP report, canton view: sequential (load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$PY" bench/reporting_tool.py http "http://127.0.0.1:$PORT" "$WORK" || status=1
stop_server

log "annual report PDF (in process; load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$PY" bench/reporting_tool.py pdf "$WORK" || status=1

log "where the time goes (in process)"
"$PY" bench/reporting_tool.py profile "$WORK" || status=1

log "results"
"$PY" bench/reporting_tool.py report "$WORK" "$OUT" || status=1
exit $status
