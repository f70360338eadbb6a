#!/usr/bin/env bash
# The KOMPAKT part of `make bench` (issue 8; run.sh calls it after grants.sh; it also runs alone:
# bash bench/kompakt.sh).
#
# 1. The population statistics in an office of their own (bench-kompakt): 2,100 municipalities × 15 years
#    (2010–2024), ~3.1 million rows (generate_bench_statistics; kept when complete, regenerated when its
#    size differs or BENCH_REGENERATE=1). Shape and sizes: fachstelle/kompakt/bench.py, bench/README.md.
# 2. Import (in process, the services of the upload pages): one canton's year as the full STATPOP cross
#    table (canton BAG ≈ Aargau, ~190 municipalities, ~66,000 rows) through statistics_check +
#    statistics_import – into an empty year, then again (replaced); COPY on PostgreSQL. Target ≤ 30 s.
# 3. The app under gunicorn with the production settings, a logged-in session of the statistics user
#    (manage.py bench_session); the portrait page of the largest and of the median municipality plus all
#    its chart PNGs, sequential (concurrency 1), BENCH_KOMPAKT_REPEATS (20) rounds. Target ≤ 2 s per round.
# 4. The programme PDF (fachstelle.kompakt.programme_pdf) of a programme with 12 measures, in process, N=5;
#    "programme PDF: not available" while that module does not exist. Target ≤ 5 s.
# The rows are added to $BENCH_OUT (section "kompakt").
#
# Knobs: BENCH_WORKERS, BENCH_WORKER_CLASS, BENCH_THREADS, BENCH_OUT (as run.sh), BENCH_REGENERATE=1,
# BENCH_KOMPAKT_MUNICIPALITIES (2100), BENCH_KOMPAKT_YEARS (15), BENCH_KOMPAKT_REPEATS (20),
# BENCH_KOMPAKT_PDF_REPEATS (5).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
WORKERS=${BENCH_WORKERS:-2}
WORKER_CLASS=${BENCH_WORKER_CLASS:-gthread}
THREADS=${BENCH_THREADS:-4}
OUT=${BENCH_OUT:-bench/out/latest.json}
MUNICIPALITIES=${BENCH_KOMPAKT_MUNICIPALITIES:-2100}
YEARS=${BENCH_KOMPAKT_YEARS:-15}
export BENCH_KOMPAKT_MUNICIPALITIES=$MUNICIPALITIES BENCH_KOMPAKT_YEARS=$YEARS
WORK=bench/out/kompakt
mkdir -p "$WORK"
rm -f "$WORK"/*.json "$WORK"/*.log

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fachstelle_bench}
export DJANGO_SETTINGS_MODULE=config.settings.production
# One key for the session made here and the server (the session hash is made with it).
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
die() { printf 'bench (kompakt): %s\n' "$*" >&2; exit 1; }

PID=""
stop_server() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  PID=""
}
trap stop_server EXIT

log "KOMPAKT statistics in ${DATABASE_URL##*/}"
"$PY" bench/tool.py ensure-db
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable  # production settings keep the cache in the database
if [ "${BENCH_REGENERATE:-0}" = 1 ] || ! "$PY" bench/kompakt_tool.py dataset-ok; then
  log "generating $MUNICIPALITIES municipalities × $YEARS years"
  reset=()
  [ "${BENCH_REGENERATE:-0}" = 1 ] && reset=(--reset)
  "$PY" manage.py generate_bench_statistics --municipalities "$MUNICIPALITIES" --years "$YEARS" "${reset[@]}"
  "$PY" bench/kompakt_tool.py dataset-ok || die "the generated data set does not have the expected size"
fi
# Fresh planner statistics for the figures table, as a production database would have.
"$PY" - <<'PYEOF'
import os, psycopg
with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as c:
    c.execute("ANALYZE kompakt_populationfigure")
PYEOF

status=0
log "import: one canton's year (check + import, new and replaced; load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$PY" bench/kompakt_tool.py import "$WORK" || status=1

"$PY" manage.py collectstatic --noinput -v 0
"$PY" bench/kompakt_tool.py urls "$WORK"

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

log "portrait: page + every chart PNG, sequential, ${BENCH_KOMPAKT_REPEATS:-20} rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$PY" bench/kompakt_tool.py portrait "http://127.0.0.1:$PORT" "$WORK" || status=1
stop_server

log "programme PDF (in process)"
"$PY" bench/kompakt_tool.py pdf "$WORK" || status=1

log "results"
"$PY" bench/kompakt_tool.py report "$WORK" "$OUT" || status=1
exit $status
