# The portal's commands. `make help` lists them. Everything runs from .venv in this folder.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=
# Test processes (pytest-xdist); each gets its own test database and Redis database.
PYTEST_WORKERS ?= 2

.PHONY: help install install-dev run test lint format chromium nginx migrate web worker beat front stack stack-stop check-deploy backup verify-backup restore lock clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
		{ echo "ERROR: Python 3.11 is needed (found $$($(PYTHON) --version 2>&1)); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	@touch $(VENV)/.installed-base $@

install: $(VENV)/.installed-base ## Create .venv and install the pinned runtime packages

install-dev: $(VENV)/.installed-dev ## Install the pinned test and lint tools too

run: install ## Serve the demo ward on http://127.0.0.1:8000 (PORT=… to change; WARDS=N adds light wards at phuong-N.localhost; SQLite unless DATABASE_URL is set)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty$(if $(WARDS), --wards $(WARDS))
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev chromium nginx ## Run the whole test suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup --durations=20 $(PYTEST_ARGS)

chromium: ## Install Debian's chromium (and poppler-utils, for printed posters) when missing
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null \
			|| { echo "ERROR: could not install chromium; install Debian's 'chromium' package"; exit 1; }; \
	fi
	@if ! command -v pdftoppm >/dev/null; then \
		echo "Installing Debian's poppler-utils (pdftoppm, pdfinfo) for the poster print test"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq poppler-utils >/dev/null \
			|| { echo "ERROR: could not install poppler-utils; install Debian's 'poppler-utils' package"; exit 1; }; \
	fi

nginx: ## Install Debian's nginx and its cache-purge module (the caching front) when missing
	@if [ ! -x /usr/sbin/nginx ] || [ ! -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ]; then \
		echo "Installing Debian's nginx-light and libnginx-mod-http-cache-purge for the caching front"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nginx-light libnginx-mod-http-cache-purge >/dev/null \
			|| { echo "ERROR: could not install nginx; install Debian's 'nginx-light' and 'libnginx-mod-http-cache-purge'"; exit 1; }; \
	fi

lint: install-dev ## Check code style (ruff) and template indentation (djhtml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: install-dev ## Format code and templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# The production processes; docker-compose.yml runs exactly these targets. They use the
# production settings unless DJANGO_SETTINGS_MODULE says otherwise.
web worker beat backup verify-backup restore: export DJANGO_SETTINGS_MODULE ?= portal.settings.production

migrate: install ## Apply database migrations
	$(BIN)/python manage.py migrate --noinput

web: install ## Serve with gunicorn (production settings unless DJANGO_SETTINGS_MODULE is set)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	exec $(BIN)/gunicorn --config portal/gunicorn.conf.py portal.wsgi:application

worker: install ## Run the Celery worker
	exec $(BIN)/celery --app portal worker --loglevel INFO --concurrency $${CELERY_CONCURRENCY:-2}

beat: install ## Run the Celery beat scheduler of periodic jobs
	exec $(BIN)/celery --app portal beat --loglevel INFO --schedule $${CELERY_BEAT_SCHEDULE_FILE:-var/celerybeat-schedule}

front: install nginx ## Run only the caching front (nginx) in the foreground, as the compose service does
	exec $(BIN)/python bin/stack.py front

# The front listens on PORT, 8080 unless given (`make run` keeps 8000); gunicorn on PORT+1.
stack stack-stop: export PORT := $(if $(filter command line environment,$(origin PORT)),$(PORT),8080)

stack: install nginx ## Start the production stack here: front (PORT, 8080), gunicorn, worker, beat; logs in var/log
	$(BIN)/python bin/stack.py start

stack-stop: ## Stop exactly what `make stack` started
	@$(BIN)/python bin/stack.py stop

# Backups (docs/operations.md, "Backup and restore"): sets in BACKUP_DIR, the newest BACKUP_KEEP kept.
backup: install ## Dump the database (pg_dump -Fc) and archive media and feedback photos into BACKUP_DIR
	$(BIN)/python manage.py backup

verify-backup: install ## Restore the newest backup into a scratch database and check it (the nightly job)
	$(BIN)/python manage.py verify_backup

restore: install ## Restore a named backup over the database after confirmation: make restore DUMP=portal-….dump [FILES=1]
	@test -n "$(DUMP)" || { echo "ERROR: name the backup: make restore DUMP=portal-YYYYMMDD-HHMMSS.dump"; exit 1; }
	$(BIN)/python manage.py restore_backup "$(DUMP)" $(if $(FILES),--files)

check-deploy: install ## Django's deployment checks with the production settings
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py check --deploy --fail-level WARNING

lock: ## Re-resolve the pinned requirements from pyproject.toml in a scratch venv
	rm -rf var/lock-venv && $(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet --upgrade pip
	var/lock-venv/bin/pip install --quiet .
	var/lock-venv/bin/pip freeze --exclude ward-portal > var/base.txt
	var/lock-venv/bin/pip install --quiet '.[dev]'
	var/lock-venv/bin/pip freeze --exclude ward-portal > var/all.txt
	{ echo "# Runtime dependencies, fully pinned (pip freeze). Regenerate with \`make lock\`."; cat var/base.txt; } > requirements/base.txt
	{ echo "# Test and tooling dependencies, fully pinned. Regenerate with \`make lock\`."; echo "-r base.txt"; \
		comm -13 <(sort var/base.txt) <(sort var/all.txt); } > requirements/dev.txt
	rm -rf var/lock-venv var/base.txt var/all.txt

clean: ## Remove .venv, the SQLite demo database and generated files
	rm -rf $(VENV) db.sqlite3 var .pytest_cache .ruff_cache
