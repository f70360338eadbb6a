#!/usr/bin/env bash
# The welcome-guide, calendar, registration and brochure part of `make bench` (issue 6; run.sh calls it
# after network.sh; it also runs alone: bash bench/content.sh).
#
# 1. The content data set in offices of its own (bench-content-1…3 and bench-content-brochure): 2,000
#    guide pages in a tree, each translated into 12 languages, 10,000 events over two years, the
#    registration event (capacity 50) and a 20-page guide for the brochure (generate_bench_content);
#    regenerated only when its size differs or BENCH_REGENERATE=1.
# 2. The app under gunicorn with the production settings, as in run.sh (e-mail to the dummy backend; one
#    trusted proxy hop, so each registration client has its own address for the rate limit).
# 3. wrk (bench/mix.lua) at concurrency 1 and 16: welcome pages (2,000 page × language pairs), the
#    calendar list with a filter mix, the month view with the same filters.
# 4. 200 clients register at once for the capacity-50 event through the public form (GET for the CSRF
#    token, then POST together); exactly 50 confirmed and 150 waitlisted or the run fails.
# 5. brochure_build of the 20-page guide in de and ar, three times each, in process (median).
# The rows are added to $BENCH_OUT (section "content").
#
# Knobs: BENCH_DURATION, BENCH_CONTENT_WARMUP (20), BENCH_WORKERS, BENCH_WORKER_CLASS, BENCH_THREADS, BENCH_OUT (as
# run.sh), BENCH_GUIDE_PAGES (2000), BENCH_GUIDE_LANGUAGES (12), BENCH_EVENTS (10000), BENCH_BROCHURE_PAGES
# (20), BENCH_REGISTRATIONS (200).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
DURATION=${BENCH_DURATION:-15}
# 20 s: the 2,000 welcome-page URLs and the calendar filters are visited once before measuring (the
# steady state of a server whose short-lived page cache is warm; see core/content_cache.py).
WARMUP=${BENCH_CONTENT_WARMUP:-20}
WORKERS=${BENCH_WORKERS:-2}
WORKER_CLASS=${BENCH_WORKER_CLASS:-gthread}
THREADS=${BENCH_THREADS:-4}
OUT=${BENCH_OUT:-bench/out/latest.json}
PAGES=${BENCH_GUIDE_PAGES:-2000}
LANGUAGES=${BENCH_GUIDE_LANGUAGES:-12}
EVENTS=${BENCH_EVENTS:-10000}
BROCHURE_PAGES=${BENCH_BROCHURE_PAGES:-20}
export BENCH_GUIDE_PAGES=$PAGES BENCH_GUIDE_LANGUAGES=$LANGUAGES BENCH_EVENTS=$EVENTS
export BENCH_BROCHURE_PAGES=$BROCHURE_PAGES
WORK=bench/out/content
mkdir -p "$WORK"
rm -f "$WORK"/*.jsonl "$WORK"/*.log "$WORK"/*.txt "$WORK"/*.json

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fachstelle_bench}
export DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY=${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')}
export SECRET_KEY
# The same fixed bench keys as run.sh (the other bench data in this database is encrypted with them).
export FIELD_ENCRYPTION_KEYS=${FIELD_ENCRYPTION_KEYS:-YmVuY2gtb25seS1maWVsZC1rZXktMzItYnl0ZXMtb2s=}
export BLIND_INDEX_KEY=${BLIND_INDEX_KEY:-bench-only-blind-index-key-0123456789abcdef}
export HTTPS_ONLY=false ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING REQUEST_LOG_LEVEL=WARNING
# Background work in the request, as before the queue (the figures stay comparable; no worker to start).
export TASK_BACKEND=${TASK_BACKEND:-immediate}
export PYTHONDONTWRITEBYTECODE=1
# Registration and brochure mails are rendered but not sent (no mail server on the bench machine).
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
# Generated brochures go to a scratch folder, not to the app's media.
export MEDIA_ROOT=${MEDIA_ROOT:-$PWD/$WORK/media}

log() { printf '\n== %s\n' "$*"; }
die() { printf 'bench (content): %s\n' "$*" >&2; exit 1; }
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing wrk (Debian package)"
    apt-get install -y wrk >/dev/null || die "could not install wrk"
  else
    die "wrk is missing: sudo apt-get install -y wrk"
  fi
fi

PID=""
stop_server() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  PID=""
}
trap stop_server EXIT

log "content data set in ${DATABASE_URL##*/}"
"$PY" bench/tool.py ensure-db
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable  # production settings keep the cache in the database
if [ "${BENCH_REGENERATE:-0}" = 1 ] || ! "$PY" bench/content_tool.py dataset-ok; then
  log "generating $PAGES guide pages × $LANGUAGES languages, $EVENTS events, a $BROCHURE_PAGES-page brochure guide"
  "$PY" manage.py generate_bench_content --pages "$PAGES" --languages "$LANGUAGES" --events "$EVENTS" \
    --brochure-pages "$BROCHURE_PAGES" --reset
  "$PY" bench/content_tool.py dataset-ok || die "the generated data set does not have the expected size"
fi
"$PY" manage.py collectstatic --noinput -v 0
"$PY" bench/content_tool.py urls "$WORK"

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log "server on 127.0.0.1:$PORT ($WORKERS $WORKER_CLASS workers)"
# One trusted proxy hop: wrk sends no X-Forwarded-For (its requests count as 127.0.0.1), the registration
# clients each send their own address, as nginx would add it.
TRUSTED_PROXY_COUNT=1 "$GUNICORN" config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
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

log "preflight: the URLs answer 200 themselves (no redirect)"
"$PY" bench/content_tool.py preflight "http://127.0.0.1:$PORT" "$WORK/guide.txt" 300 || die "preflight: guide pages"
"$PY" bench/content_tool.py preflight "http://127.0.0.1:$PORT" "$WORK/events.txt" || die "preflight: calendar"
"$PY" bench/content_tool.py preflight "http://127.0.0.1:$PORT" "$WORK/events_month.txt" || die "preflight: month view"

RAW=$WORK/raw.jsonl
: >"$RAW"
measure() {  # name url-file
  local name=$1 file=$2 c threads line
  log "$name: warm-up ${WARMUP}s, then ${DURATION}s at concurrency 1 and 16 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # Anything else running on the machine inflates the figures: the load average goes into the report.
  echo "$name $(cut -d' ' -f1-3 /proc/loadavg)" >>"$WORK/load.txt"
  wrk -t2 -c16 -d"${WARMUP}s" --timeout 10s -s bench/mix.lua "http://127.0.0.1:$PORT" -- "$file" >/dev/null
  for c in 1 16; do
    threads=$((c < 2 ? 1 : 2))
    line=$(wrk -t"$threads" -c"$c" -d"${DURATION}s" --timeout 10s -s bench/mix.lua \
      "http://127.0.0.1:$PORT" -- "$file" | sed -n 's/^BENCH_RESULT //p')
    [ -n "$line" ] || die "wrk gave no result for $name at concurrency $c"
    echo "{\"name\":\"$name\",\"concurrency\":$c,\"workers\":$WORKERS,${line#\{}" | tee -a "$RAW"
  done
}
measure guide_page "$WORK/guide.txt"
measure events_list "$WORK/events.txt"
measure events_month "$WORK/events_month.txt"

log "registrations: ${BENCH_REGISTRATIONS:-200} clients at once for 50 places"
echo "registrations $(cut -d' ' -f1-3 /proc/loadavg)" >>"$WORK/load.txt"
status=0
"$PY" bench/content_tool.py registrations "http://127.0.0.1:$PORT" "$WORK" || status=1
stop_server

log "brochure: 20-page guide in de and ar, median of 3"
echo "brochure $(cut -d' ' -f1-3 /proc/loadavg)" >>"$WORK/load.txt"
"$PY" bench/content_tool.py brochure-timing "$WORK" || status=1

log "results"
"$PY" bench/content_tool.py report "$RAW" "$WORK" "$OUT" || status=1
exit $status
