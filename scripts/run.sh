#!/usr/bin/env bash
# Builds the demo database on SQLite and serves it, with the background-job worker beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBUG="${DEBUG:-true}"
export SECRET_KEY="${SECRET_KEY:-demo-only-secret-key-change-me-in-production}"
ADDR="${ADDR:-127.0.0.1:8000}"
PY=.venv/bin/python

$PY manage.py migrate --no-input
$PY manage.py demo_data

$PY manage.py db_worker --no-reload &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM

echo
echo "  mahalla is running at http://${ADDR}/  (Ctrl+C to stop)"
echo "  API docs: http://${ADDR}/api/docs/"
echo
$PY manage.py runserver "$ADDR" --noreload
