# cspsite — run `make help` for the list of targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# england or wales: `make run NATION=wales` adds the Welsh site at /cy/ (docs/welsh.md).
NATION ?= england
BACKUP_DIR ?= backups
PROD_SETTINGS := cspsite.settings.production

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets with a line on each
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}'

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules/.package-lock.json

.PHONY: install
install: $(BIN)/activate node_modules/.package-lock.json ## Create .venv and install Python and npm packages

.PHONY: frontend
frontend: node_modules/.package-lock.json ## Build the CSS and JavaScript
	npm run build

.PHONY: messages
messages: ## Compile the translations (locale/*/LC_MESSAGES/*.po to .mo); needs no GNU gettext
	$(MANAGE) compile_translations

.PHONY: messages-update
messages-update: $(BIN)/activate ## Refresh locale/cy/LC_MESSAGES/django.po from the code (needs GNU gettext); then translate what is new
	$(MANAGE) makemessages --locale cy

.PHONY: migrate
migrate: $(BIN)/activate ## Apply database migrations
	$(MANAGE) migrate --noinput

.PHONY: demo
demo: migrate ## (Re)load the demo content and the local editor account (NATION=wales for Welsh too)
	$(MANAGE) load_demo_content --nation $(NATION)

.PHONY: run
run: install frontend messages demo ## Set everything up and serve the site on http://127.0.0.1:8000
	@echo ""
	@echo "  Site:  http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/  (password for every account: local-demo-only)"
	@echo "    editor             administrator"
	@echo "    demo-editor        Editors: write pages, submit them for moderation"
	@echo "    demo-moderator     Moderators: approve, publish, unpublish"
	@echo "    demo-copy-handler  Copy request handlers: requests for copies only"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

.PHONY: test
test: install frontend messages ## Run the whole test suite (browser tests skip if Chromium is missing)
	$(BIN)/python -m pytest

.PHONY: test-browser
test-browser: install frontend messages ## Run only the browser tests (needs /usr/bin/chromium)
	$(BIN)/python -m pytest -m browser

.PHONY: release
release: frontend messages ## Production release: build CSS/JS and translations, collectstatic, migrate, check --deploy
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-$(PROD_SETTINGS)} $(MANAGE) collectstatic --noinput
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-$(PROD_SETTINGS)} $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-$(PROD_SETTINGS)} $(MANAGE) check --deploy --fail-level WARNING

.PHONY: serve-prod
serve-prod: messages ## Serve with gunicorn and production settings (set the variables in docs/deployment.md)
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-$(PROD_SETTINGS)} $(BIN)/gunicorn --config deploy/gunicorn.conf.py

.PHONY: backup
backup: ## Back up the PostgreSQL database and media into backups/cspsite-<date>/ (or BACKUP_DIR)
	$(MANAGE) backup_site --output-dir "$(BACKUP_DIR)"

.PHONY: restore
restore: ## Replace the database and media with a backup: make restore BACKUP=backups/cspsite-<date>
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=backups/cspsite-<date>"; exit 2; }
	$(MANAGE) restore_site "$(BACKUP)"

.PHONY: bench-throughput
bench-throughput: messages ## Requests/s side by side: static nginx, edge cache, app cache, bare Wagtail, and uncached
	bench/throughput.sh

.PHONY: bench-uncached
bench-uncached: messages ## Uncached requests/s: bare wagtail start welcome page, our home page and DHR listing
	UNCACHED_ONLY=1 bench/throughput.sh 8 16 3

.PHONY: bench-render
bench-render: messages ## Median and p95 uncached render time of each page type with 500 reviews
	$(BIN)/python bench/render.py

.PHONY: bench-admin
bench-admin: messages ## Median time and SQL queries of the everyday admin pages with 500 reviews (NATION=wales too)
	$(BIN)/python bench/admin.py --nation $(NATION)

.PHONY: check-two-instances
check-two-instances: messages ## Two gunicorn instances sharing PostgreSQL and Redis stay in step
	bench/two_instances.sh

.PHONY: lint
lint: $(BIN)/activate ## Check Python style (ruff), template indentation (djhtml) and the layout's import rules (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')
	$(BIN)/lint-imports

.PHONY: format
format: $(BIN)/activate ## Fix Python formatting and template indentation
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files '*.html') || true

.PHONY: clean
clean: ## Remove the virtualenv, node_modules, built files and the local database
	rm -rf $(VENV) node_modules cspsite/static/css cspsite/static/js staticfiles db.sqlite3 .test-media
