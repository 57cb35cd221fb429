#!/usr/bin/env bash
# The whole suite: lint, migrations check, pytest on SQLite and on PostgreSQL, then the
# production smoke test (gunicorn, the worker and every page with the production settings).
# With REQUIRE_POSTGRES=1 (as CI sets it) an unreachable PostgreSQL is a failure, not a skip.
set -uo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/mahalla}"
export SECRET_KEY="${SECRET_KEY:-test-only-secret-key-not-for-production}"
status=0
summary=()

step() { echo; echo "=== $* ==="; }

step "ruff"
.venv/bin/ruff check . && .venv/bin/ruff format --check . || status=1

step "migrations are complete"
DEBUG=1 $PY manage.py makemigrations --check --dry-run || status=1

step "django deploy checks with production settings"
DEBUG=false SECRET_KEY="$(head -c 48 /dev/urandom | base64)" ALLOWED_HOSTS=mahalla.example.org \
  $PY manage.py check --deploy --fail-level WARNING || status=1

run_pytest() {
  local label="$1"; shift
  step "pytest on $label"
  "$@" .venv/bin/pytest -p no:cacheprovider "${PYTEST_ARGS[@]}"
  local rc=$?
  if [ $rc -eq 5 ]; then
    echo "!!! pytest collected no tests on $label: that is a failure"
    rc=1
  fi
  summary+=("$label: exit $rc")
  [ $rc -eq 0 ] || status=1
}

# Two processes (pytest-xdist) unless told otherwise: the suite then fits CI's time limit on
# a two-core machine. Each process gets its own test database.
if [ $# -eq 0 ]; then PYTEST_ARGS=(-n "${PYTEST_WORKERS:-2}"); else PYTEST_ARGS=("$@"); fi
PG_UP=0
if $PY -c "import psycopg,sys; psycopg.connect('${PG_URL}'.rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then
  PG_UP=1
fi

# The browser tests drive the pages, which read the database only through the same
# selectors the other tests cover on both databases: they run once, on PostgreSQL (the
# production database), which keeps the whole suite within CI's time on two cores. Without
# PostgreSQL they run on SQLite instead, so they are never left out.
SQLITE_ARGS=("${PYTEST_ARGS[@]}")
if [ "$PG_UP" = "1" ] && [ $# -eq 0 ]; then SQLITE_ARGS+=(-m "not browser"); fi
SAVED_ARGS=("${PYTEST_ARGS[@]}")
PYTEST_ARGS=("${SQLITE_ARGS[@]}")
run_pytest "SQLite" env -u DATABASE_URL
PYTEST_ARGS=("${SAVED_ARGS[@]}")

if [ "$PG_UP" = "1" ]; then
  run_pytest "PostgreSQL" env DATABASE_URL="$PG_URL"
else
  echo
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!!! PostgreSQL is not reachable at ${PG_URL%/*}: the suite ran on SQLite ONLY."
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  summary+=("PostgreSQL: NOT RUN (unreachable)")
  if [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then status=1; fi
fi

step "production smoke test (scripts/smoke.py)"
$PY scripts/smoke.py
smoke_rc=$?
summary+=("production smoke test: exit $smoke_rc")
[ $smoke_rc -eq 0 ] || status=1

echo
echo "=== summary ==="
printf '  %s\n' "${summary[@]}"
[ $status -eq 0 ] && echo "  all checks passed" || echo "  SOME CHECKS FAILED"
exit $status
