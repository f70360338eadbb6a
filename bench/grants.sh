#!/usr/bin/env bash
# The project-grants part of `make bench` (issue 7; run.sh calls it after content.sh; it also runs alone:
# bash bench/grants.sh).
#
# 1. The grants data set in an office of its own (bench-grants): 10 years × 5 programmes × 2,000
#    applications with 10 budget lines each, reviews, grants, payouts, final reports (generate_bench_grants;
#    kept when complete, regenerated when its size differs or BENCH_REGENERATE=1).
# 2. The app under gunicorn with the production settings, as in run.sh (decision letters into a scratch
#    media folder, e-mail to the dummy backend).
# 3. Logged-in, OTP-verified sessions (manage.py bench_session): the office admin, the statistics user and
#    three reviewers; wrk sends their cookies (bench/counselling.lua, one session per wrk thread).
# 4. wrk at concurrency 1 and 16: the programme budget page (all 50 programmes), the review list with a
#    filter mix (status, programme, text, municipality, mine, sorts, pages); the budget overview at 1.
# 5. 50 approvals at the same moment against a programme whose budget covers 20 (over HTTP, the decision
#    form, each client its own session): exactly 20 approved and 30 refused with a message, or the run fails.
# The rows are added to $BENCH_OUT (section "grants").
#
# Knobs: BENCH_DURATION, BENCH_WARMUP, BENCH_WORKERS, BENCH_WORKER_CLASS, BENCH_THREADS, BENCH_OUT (as
# run.sh), BENCH_GRANT_YEARS (10), BENCH_GRANT_PROGRAMMES (5), BENCH_GRANT_APPLICATIONS (2000),
# BENCH_GRANT_LINES (10), BENCH_APPROVALS (50), BENCH_APPROVALS_FUNDABLE (20), BENCH_APPROVALS_MODE (http;
# "service": the threads call application_approve in process), BENCH_WAIT_OTHERS (600: seconds to wait
# for another wrk on the machine to finish before measuring; 0 = do not wait).
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
YEARS=${BENCH_GRANT_YEARS:-10}
PROGRAMMES=${BENCH_GRANT_PROGRAMMES:-5}
APPLICATIONS=${BENCH_GRANT_APPLICATIONS:-2000}
LINES=${BENCH_GRANT_LINES:-10}
export BENCH_GRANT_YEARS=$YEARS BENCH_GRANT_PROGRAMMES=$PROGRAMMES BENCH_GRANT_APPLICATIONS=$APPLICATIONS
export BENCH_GRANT_LINES=$LINES
WORK=bench/out/grants
mkdir -p "$WORK"
rm -f "$WORK"/*.jsonl "$WORK"/*.log "$WORK"/*.txt "$WORK"/*.json

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
# Decision letters are rendered but not mailed (no mail server on the bench machine), and go to a scratch
# folder, not to the app's media.
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export MEDIA_ROOT=${MEDIA_ROOT:-$PWD/$WORK/media}

log() { printf '\n== %s\n' "$*"; }
die() { printf 'bench (grants): %s\n' "$*" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || die "wrk is missing: sudo apt-get install -y wrk"

PID=""
stop_server() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  PID=""
}
trap stop_server EXIT

# The machine is shared: another wrk running at the same time would halve both figures. Wait for it
# (up to BENCH_WAIT_OTHERS seconds), then note the load average; figures under load are upper bounds.
wait_for_others() {
  local waited=0 limit=${BENCH_WAIT_OTHERS:-600}
  while [ "$waited" -lt "$limit" ] && pgrep -x wrk >/dev/null 2>&1; do
    [ "$waited" = 0 ] && echo "another wrk is running; waiting (at most ${limit}s)"
    sleep 5
    waited=$((waited + 5))
  done
}

log "grants data set in ${DATABASE_URL##*/}"
"$PY" bench/tool.py ensure-db
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable  # production settings keep the cache in the database
if [ "${BENCH_REGENERATE:-0}" = 1 ] || ! "$PY" bench/grants_tool.py dataset-ok; then
  log "generating $YEARS years × $PROGRAMMES programmes × $APPLICATIONS applications × $LINES budget lines"
  reset=()
  [ "${BENCH_REGENERATE:-0}" = 1 ] && reset=(--reset)
  "$PY" manage.py generate_bench_grants --years "$YEARS" --programmes "$PROGRAMMES" \
    --applications "$APPLICATIONS" --lines "$LINES" "${reset[@]}"
  "$PY" bench/grants_tool.py dataset-ok || die "the generated data set does not have the expected size"
fi
"$PY" manage.py collectstatic --noinput -v 0
"$PY" bench/grants_tool.py urls "$WORK"

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
for file in "$WORK"/budget-*.txt "$WORK"/overview-*.txt "$WORK"/review-*.txt; do
  "$PY" bench/grants_tool.py preflight "http://127.0.0.1:$PORT" "$file" || die "preflight failed: $file"
done

RAW=$WORK/raw.jsonl
: >"$RAW"
measure() {  # name prefix files concurrency…
  local name=$1 prefix=$2 files=$3 c threads line
  shift 3
  wait_for_others
  log "$name: warm-up ${WARMUP}s, then ${DURATION}s at concurrency $* (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "$name $(cut -d' ' -f1-3 /proc/loadavg)" >>"$WORK/load.txt"
  wrk -t1 -c1 -d"${WARMUP}s" --timeout 10s -s bench/counselling.lua "http://127.0.0.1:$PORT" -- "$prefix" "$files" >/dev/null
  for c in "$@"; do
    threads=$((c < 4 ? c : 4))
    line=$(wrk -t"$threads" -c"$c" -d"${DURATION}s" --timeout 10s -s bench/counselling.lua \
      "http://127.0.0.1:$PORT" -- "$prefix" "$files" | sed -n 's/^BENCH_RESULT //p')
    [ -n "$line" ] || die "wrk gave no result for $name at concurrency $c"
    echo "{\"name\":\"$name\",\"concurrency\":$c,\"workers\":$WORKERS,${line#\{}" | tee -a "$RAW"
  done
}
measure grants_budget_detail "$WORK/budget" 2 1 16
measure grants_review_list "$WORK/review" "$(ls "$WORK"/review-*.txt | wc -l)" 1 16
measure grants_budget_overview "$WORK/overview" 1 1

status=0
log "approvals: ${BENCH_APPROVALS:-50} at once against a budget for ${BENCH_APPROVALS_FUNDABLE:-20}"
echo "approvals $(cut -d' ' -f1-3 /proc/loadavg)" >>"$WORK/load.txt"
target="http://127.0.0.1:$PORT"
[ "${BENCH_APPROVALS_MODE:-http}" = service ] && target="-"
"$PY" bench/grants_tool.py approvals "$target" "$WORK" || status=1
stop_server

log "results"
"$PY" bench/grants_tool.py report "$RAW" "$WORK" "$OUT" || status=1
exit $status
