# Kembang: two commands. `make run` serves the demo regency; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PROFILE ?= nganjuk
DEMO_EMPLOYEES ?= 300
PYTEST_ARGS ?=
SCALE ?= 1000
REGENCIES ?= 1
LOAD_ARGS ?=
LOAD_VENV := var/load/venv

.PHONY: run test prerequisites install install-test chromium migrate demo lint bench install-load load load-ci clean

prerequisites:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || \
	  { echo "Kembang needs Python 3.11 or newer as '$(PYTHON)' (found: $$($(PYTHON) --version 2>&1)). Install it, or run: make run PYTHON=python3.12"; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || \
	  { echo "Python's venv module is missing. On Debian/Ubuntu: apt-get install python3-venv"; exit 1; }

$(PY): | prerequisites
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo --profil $(DEMO_PROFILE) --pegawai $(DEMO_EMPLOYEES)

run: demo
	$(PY) manage.py compilemessages --ignore=.venv >/dev/null 2>&1 || true
	@echo "Kembang: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

chromium:
	@scripts/ensure-chromium.sh

test: install-test chromium
	$(VENV)/bin/ruff check kembang bench tests conftest.py
	DATABASE_URL= $(PY) manage.py makemigrations --check --dry-run >/dev/null || \
	  { echo "Models changed without a migration: run '$(PY) manage.py makemigrations'"; exit 1; }
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check kembang bench

bench: install-test
	$(PY) bench/bench_ledger.py
	$(PY) bench/bench_recompute.py
	$(PY) bench/bench_import.py
	$(PY) bench/bench_pages.py

# The load generator in its own environment: locust's packages stay out of the app's.
$(LOAD_VENV)/.installed: bench/load/requirements.txt | prerequisites
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/pip install --quiet --upgrade pip
	$(LOAD_VENV)/bin/pip install --quiet -r bench/load/requirements.txt
	@touch $@

install-load: $(LOAD_VENV)/.installed

# The load suite: production (gunicorn, the task worker, PostgreSQL) driven by locust at
# SCALE employees per regency, e.g. `make load SCALE=10000 REGENCIES=10` (bench/load/).
load: install install-load
	$(LOAD_VENV)/bin/python -m bench.load --employees $(SCALE) --regencies $(REGENCIES) $(LOAD_ARGS)

# Its small run for CI: 1,000 employees, short scenarios, fails on any error response.
load-ci: install install-load
	bench/load/ci.sh

clean:
	rm -rf $(VENV) var/*.sqlite3*
