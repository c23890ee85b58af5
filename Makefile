# Asysta — two commands: `make run` (demo on http://127.0.0.1:8000) and `make test` (everything).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-8)
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | md5sum | cut -c1-8)
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
PG_HOST ?= 127.0.0.1
CHROMIUM ?= /usr/bin/chromium
export ASYSTA_TESTING_CHROMIUM := $(CHROMIUM)

.PHONY: bench run test test-suites install lint typecheck migrations-check test-sqlite test-postgres test-browser chromium document-tools demo-reset clean

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@rm -f node_modules/.installed-* && touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

run: install document-tools
	ASYSTA_DEMO=1 $(PY) manage.py migrate --noinput -v1
	ASYSTA_DEMO=1 $(PY) manage.py collectstatic --noinput -v0
	@echo
	ASYSTA_DEMO=1 $(PY) manage.py demo
	@echo
	@echo "Asysta działa na http://127.0.0.1:8000 (zatrzymanie: Ctrl+C); duże dokumenty robi w tle worker"
	@ASYSTA_DEMO=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	ASYSTA_DEMO=1 $(PY) manage.py runserver --insecure --noreload 127.0.0.1:8000

demo-reset: install
	ASYSTA_DEMO=1 $(PY) manage.py demo --reset

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	ASYSTA_TESTING=1 $(VENV)/bin/mypy asysta

migrations-check: install
	ASYSTA_TESTING=1 $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install document-tools
	ASYSTA_TESTING=1 DATABASE_URL= $(VENV)/bin/pytest -q -m "not browser" -p no:cacheprovider

test-postgres: install document-tools
	@if pg_isready -q -h $(PG_HOST) 2>/dev/null; then \
	  echo "== PostgreSQL reachable at $(PG_HOST): running the suite on $(TEST_DATABASE_URL)"; \
	  base=$$(mktemp -d -t asysta-pytest-pg-XXXX); \
	  ASYSTA_TESTING=1 DATABASE_URL=$(TEST_DATABASE_URL) $(VENV)/bin/pytest -q -m "not browser" -p no:cacheprovider --basetemp=$$base; \
	  status=$$?; rm -rf $$base; exit $$status; \
	else \
	  echo "== PostgreSQL NOT reachable at $(PG_HOST) (pg_isready): SKIPPING the PostgreSQL run; SQLite only."; \
	fi

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "== Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "== $(CHROMIUM) is missing and apt-get is not usable: the browser tests will say so"; \
	  fi; \
	fi

# WeasyPrint (PDF) needs pango; LibreOffice makes ODT (its tests are skipped, saying so, without it).
document-tools:
	@missing=""; \
	{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libpangoft2-1.0.so.0' || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "== Installing$$missing for the documents (PDF, ODT)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "== Missing$$missing and apt-get is not usable: PDF needs pango; the LibreOffice tests will say they are skipped"; \
	  fi; \
	fi

test-browser: install chromium
	ASYSTA_TESTING=1 DATABASE_URL= $(VENV)/bin/pytest -q -m browser -p no:cacheprovider tests/e2e

test: lint typecheck migrations-check test-suites

# The PostgreSQL run goes on beside the SQLite and browser runs (two cores); its output, ending
# with pytest's summary line, follows theirs. Any failing run fails the whole.
test-suites: install document-tools chromium
	@pg_log=$$(mktemp); \
	$(MAKE) --no-print-directory test-postgres > $$pg_log 2>&1 & pg_pid=$$!; \
	status=0; \
	$(MAKE) --no-print-directory test-sqlite || status=1; \
	$(MAKE) --no-print-directory test-browser || status=1; \
	wait $$pg_pid || status=1; \
	echo "== PostgreSQL run (alongside the SQLite and browser runs):"; \
	cat $$pg_log; rm -f $$pg_log; \
	exit $$status

# S (a GOPS) on a temporary SQLite database with the queries per list page, then the page and
# report timings. bench-city: L (a city) built once on PostgreSQL and reused, the load at 1 and
# 20 users against gunicorn, the export's peak memory, the reports on the same database.
bench: install
	$(PY) bench/queries.py
	$(PY) bench/run.py
	$(PY) bench/reports.py

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/asysta_bench_l
BENCH_CITY_FLAGS ?=
.PHONY: bench-city
bench-city: install
	@$(PY) -c "import locust" 2>/dev/null || $(PY) -m pip install -q -e '.[dev,bench]'
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) nice -n 10 $(PY) -m bench.city --preset L $(BENCH_CITY_FLAGS)
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/load.py
	DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_REUSE=1 BENCH_CENTRE=$$($(PY) -m bench.city --terc) \
	  $(PY) bench/reports.py || echo "== bench/reports.py on the city database failed (tolerated)"

clean:
	rm -rf $(VENV) node_modules staticfiles var
