# Thin wrappers; the work is in scripts/. Two commands matter: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup run test lint bench screenshots messages clean

$(VENV)/.installed: requirements.lock
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "mahalla needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

static/vendor/.done: node_modules/.package-lock.json scripts/vendor.mjs
	node scripts/vendor.mjs
	touch $@

# The web-form island (ODK Web Forms, frontend/webforms/) bundled by Vite; never committed.
WEBFORMS_SOURCES := $(wildcard frontend/webforms/*)
static/surveys/webforms/.done: node_modules/.package-lock.json $(WEBFORMS_SOURCES)
	npm run --silent build:webforms
	touch $@

setup: $(VENV)/.installed static/vendor/.done static/surveys/webforms/.done
	$(PY) scripts/compile_messages.py

## Set up everything, build the demo database (SQLite) and serve it with a job worker.
run: setup
	scripts/run.sh

## Set up everything and run the whole suite on SQLite and PostgreSQL (browser tests included).
test: setup
	scripts/test.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: setup
	$(PY) bench/run.py

## Screenshots of the main pages into docs/screenshots (needs `make run` in another terminal).
screenshots: setup
	$(PY) scripts/screenshots.py --base-url http://127.0.0.1:8000

## Refresh the th and fa message catalogues after changing user-visible strings.
messages: setup
	$(PY) manage.py makemessages --no-obsolete -l th -l fa --ignore ".venv/*" --ignore "node_modules/*" --ignore "static/vendor/*"
	$(PY) manage.py makemessages --no-obsolete -d djangojs -l th -l fa --ignore ".venv/*" --ignore "node_modules/*" --ignore "static/vendor/*" --ignore "staticfiles/*"

clean:
	rm -rf $(VENV) node_modules static/vendor static/surveys/webforms staticfiles
