# The newcomer's two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench measure-takedown cluster

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-store.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-store.txt
	touch $@

## Set up and serve the demo portal at http://127.0.0.1:8000/ (admin at /admin/).
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@# Background work (photo renditions) goes through a queue in the database: one worker
	@# runs beside the server and stops with it.
	$(BIN)/python manage.py db_worker & trap 'kill $$! 2>/dev/null' EXIT INT TERM; PLATFORM_HOSTS=localhost $(BIN)/python manage.py runserver 127.0.0.1:8000

## Run every test (SQLite; set DATABASE_URL for PostgreSQL). Installs Debian's Chromium if missing.
test: $(VENV)/.installed
	@# Playwright drives Debian's Chromium (no browser download); without fonts-noto-cjk,
	@# Chinese renders as boxes in the screenshots.
	bash docs/apt-install.sh "the browser tests" chromium:chromium chromedriver:chromium-driver \
		/usr/share/fonts/opentype/noto:fonts-noto-cjk nginx:nginx-light
	@# The Nu Html Checker (vnu.jar, from npm) for tests/test_html_validity.py.
	bash docs/fetch-vnu.sh
	$(BIN)/pytest

## Style: ruff's lint (with import order) and formatter, as configured in pyproject.toml.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Portal benchmark (not a test): gunicorn + Redis, with and without nginx, driven by wrk.
bench: $(VENV)/.installed
	bash docs/apt-install.sh "the benchmark" wrk:wrk nginx:nginx-light
	$(BIN)/python -m tests.bench bench_portal --nginx $(BENCH_ARGS)

## How long a takedown measure takes to reach readers through docs/nginx.conf (not a test).
measure-takedown: $(VENV)/.installed
	bash docs/apt-install.sh "the takedown measurement" wrk:wrk nginx:nginx-light
	$(BIN)/python -m tests.bench measure_takedown $(MEASURE_ARGS)

## The production path on this machine (primary + replica, SeaweedFS, Redis, two gunicorn nodes,
## an RQ worker, nginx) and a bounded soak through it (not a test): SOAK_ARGS="--seconds 600".
cluster: $(VENV)/.installed
	bash docs/apt-install.sh "the cluster soak" wrk:wrk nginx:nginx-light
	$(BIN)/python -m tests.bench soak $(SOAK_ARGS)
