# fachstelle – the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test lint format messages compilemessages migrate demo bench clean install browsers audit worker

$(VENV)/bin/activate:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

# Reinstall only when the pinned requirements change.
.stamp-install: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	@touch $@

install: .stamp-install

compilemessages: .stamp-install
	$(PY) manage.py compile_catalogues

migrate: install compilemessages
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_data

run: demo
	@echo "fachstelle runs on http://127.0.0.1:$(PORT)/  (staff: http://127.0.0.1:$(PORT)/admin/, see README for demo logins)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The background worker of the database queue (production runs it as fachstelle-worker@N). `make run` needs
# none (tasks run right after their request); to try the queue: `TASK_BACKEND=database make run` and, in a
# second terminal, `make worker`.
worker: migrate
	TASK_BACKEND=database $(PY) manage.py db_worker --queue-name='*'

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=bench -e html,py,txt
	$(PY) manage.py compile_catalogues

# The whole suite: lint, migrations in sync, catalogues complete, unit/integration and browser tests.
# DATABASE_URL=postgres://… runs it against PostgreSQL (as .ci/run does).
test: install compilemessages
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: install compilemessages
	bash bench/run.sh

# Known vulnerabilities in the pinned requirements (pip-audit; policy and ignore file: docs/security.md).
audit: install
	$(PY) tests/security/pip_audit.py

clean:
	rm -rf $(VENV) .stamp-* db.sqlite3 staticfiles bench/out
