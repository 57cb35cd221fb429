#!/usr/bin/env bash
# Builds the demo database on SQLite and serves it as production does: gunicorn, with static
# files hashed, compressed and served by whitenoise (DEBUG off), and the job worker beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

# DEBUG off: the demo shows what a deployment shows (real error pages, the static manifest,
# the security headers), not Django's development server.
export DEBUG="${DEBUG:-false}"
export SECRET_KEY="${SECRET_KEY:-demo-only-secret-key-change-me-in-production}"
# Plain HTTP on localhost, without the TLS proxy production has in front: no redirect to
# https, cookies that a browser sends over http, and no HSTS (it would make the browser insist
# on https for localhost, on every port, for a year).
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
export SESSION_COOKIE_SECURE="${SESSION_COOKIE_SECURE:-false}"
export CSRF_COOKIE_SECURE="${CSRF_COOKIE_SECURE:-false}"
export SECURE_HSTS_SECONDS="${SECURE_HSTS_SECONDS:-0}"
ADDR="${ADDR:-127.0.0.1:8000}"
PY=.venv/bin/python

$PY manage.py migrate --no-input
# --force: the demo's logins share a published password, which the command refuses with
# DEBUG off unless told; this database is the demo's own.
$PY manage.py demo_data --force
$PY manage.py collectstatic --no-input --verbosity 0

$PY manage.py worker &
WORKER=$!
stop_worker() {
  kill -TERM "$WORKER" 2>/dev/null || true
  wait "$WORKER" 2>/dev/null || true
}
trap stop_worker EXIT
trap 'exit 130' INT TERM

echo
echo "  mahalla is running at http://${ADDR}/  (Ctrl+C to stop)"
echo "  API docs: http://${ADDR}/api/docs/"
echo
# Ctrl+C reaches gunicorn directly (same terminal); the EXIT trap then stops the worker.
# No control socket: its default path in $HOME would clash with another gunicorn there.
$PY -m gunicorn mahalla.wsgi --bind "$ADDR" --workers 2 --timeout 60 \
  --graceful-timeout 5 --no-control-socket --access-logfile -
