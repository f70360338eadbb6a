#!/usr/bin/env bash
# The load test (issue 10): locust on loopback mixes public browsing, event registrations, staff work and
# report downloads — 50 concurrent users for 2 minutes by default — against the app under gunicorn with the
# production settings. bench/load_tool.py prints p95 per endpoint and the errors, adds section "load" to
# $BENCH_OUT, and fails (exit 1) when any request failed.
#
# Data: the demo data set (manage.py load_demo_data) in its own database fachstelle_load, so the test never
# touches fachstelle_bench (which the other bench scripts may be using or regenerating at the same time).
# The demo is what an office really holds (about 60 offers, a guide, events, counselling cases, inquiries,
# grants, a year of figures); the bench data sets measure size, this measures the mix.
#
# Knobs: LOAD_USERS (50), LOAD_SPAWN_RATE (10 per s), LOAD_DURATION (2m), BENCH_WORKERS (2),
# BENCH_WORKER_CLASS (gthread), BENCH_THREADS (4), BENCH_OUT (bench/out/latest.json), LOAD_DATABASE_URL
# (postgres://postgres@127.0.0.1:5432/fachstelle_load), LOAD_RELOAD=1 reloads the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
LOCUST=${LOCUST:-.venv/bin/locust}
USERS=${LOAD_USERS:-50}
SPAWN_RATE=${LOAD_SPAWN_RATE:-10}
DURATION=${LOAD_DURATION:-2m}
WORKERS=${BENCH_WORKERS:-2}
WORKER_CLASS=${BENCH_WORKER_CLASS:-gthread}
THREADS=${BENCH_THREADS:-4}
OUT=${BENCH_OUT:-bench/out/latest.json}
WORK=bench/out/load
mkdir -p "$WORK"
rm -f "$WORK"/*.csv "$WORK"/*.log "$WORK"/*.json

export DATABASE_URL=${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fachstelle_load}
export DJANGO_SETTINGS_MODULE=config.settings.production
# One key for the sessions made here and the server (the session hash is made with it).
SECRET_KEY=${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')}
export SECRET_KEY
# The fixed bench keys of run.sh: the demo's counselling data is encrypted with them; a rerun reads it.
export FIELD_ENCRYPTION_KEYS=${FIELD_ENCRYPTION_KEYS:-YmVuY2gtb25seS1maWVsZC1rZXktMzItYnl0ZXMtb2s=}
export BLIND_INDEX_KEY=${BLIND_INDEX_KEY:-bench-only-blind-index-key-0123456789abcdef}
export HTTPS_ONLY=false ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1
export MEDIA_ROOT=${MEDIA_ROOT:-$PWD/$WORK/media}
export PRIVATE_EXPORT_ROOT=${PRIVATE_EXPORT_ROOT:-$PWD/$WORK/exports}
# Every virtual user comes from 127.0.0.1: the per-address limit of the public forms would stop them.
export PUBLIC_FORM_RATE_LIMIT=1000000
# Confirmation e-mails are built (the ICS file) but not sent: no mail server on a bench machine.
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend

log() { printf '\n== %s\n' "$*"; }
die() { printf 'load: %s\n' "$*" >&2; exit 1; }

PID=""
stop_server() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  PID=""
}
trap stop_server EXIT

log "database ${DATABASE_URL##*/}"
"$PY" bench/tool.py ensure-db
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable
if [ "${LOAD_RELOAD:-0}" = 1 ] || ! "$PY" bench/load_tool.py dataset-ok; then
  log "loading the demo data"
  # The demo logins have a published password: acceptable on a loopback bench database only.
  "$PY" manage.py load_demo_data --allow-production
  "$PY" bench/load_tool.py dataset-ok || die "the demo data set is incomplete"
fi
"$PY" manage.py collectstatic --noinput -v 0

log "targets: events with room for the registrations, staff sessions, URLs"
"$PY" bench/load_tool.py prepare "$WORK/targets.json"

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log "server on 127.0.0.1:$PORT ($WORKERS $WORKER_CLASS workers, $THREADS threads)"
# Keep-alive longer than the longest think time (15 s): with gunicorn's 2 s default the server closes idle
# connections just as a client reuses them ("connection reset"), which nginx in front would never see.
"$GUNICORN" config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" --timeout 120 --keep-alive 30 \
  --worker-class "$WORKER_CLASS" --threads "$THREADS" --log-level warning --error-logfile "$WORK/app.log" \
  >"$WORK/requests.log" 2>&1 &  # the app's request log (one line per request) stays out of the summary
PID=$!
"$PY" bench/load_tool.py wait "http://127.0.0.1:$PORT/health/" || die "the app did not start (see $WORK/app.log)"
"$PY" bench/load_tool.py preflight "http://127.0.0.1:$PORT" "$WORK/targets.json" || die "the preflight failed"

log "locust: $USERS users, $SPAWN_RATE/s, $DURATION (load average $(cut -d' ' -f1-3 /proc/loadavg))"
status=0
LOAD_TARGETS="$WORK/targets.json" "$LOCUST" -f bench/locustfile.py --headless --only-summary \
  -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" --stop-timeout 10 --host "http://127.0.0.1:$PORT" \
  --csv "$WORK/locust" --logfile "$WORK/locust.log" --loglevel WARNING --exit-code-on-error 0 || status=1
stop_server

log "results"
LOAD_USERS=$USERS LOAD_DURATION=$DURATION BENCH_WORKERS=$WORKERS \
  "$PY" bench/load_tool.py report "$WORK/locust" "$OUT" || status=1
exit $status
