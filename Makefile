# The commands people use: make run, make test, make lint.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes: each has its own databases, Redis keys and served sites (tests/servers.py).
# Two by default, one per core of the machine CI runs on; `make test TEST_WORKERS=1` runs the
# suite in one process (docs/performance.md, "The test suite").
TEST_WORKERS ?= 2
PYTEST_WORKERS = $(if $(filter 1,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

.PHONY: run serve test lint bench install install-dev test-tools clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## run: set up, migrate, load the demo content, then serve (below)
run: export DJANGO_SETTINGS_MODULE = coproduction.settings.dev
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --host $(HOST) --port $(PORT)
	@$(MAKE) --no-print-directory serve

## serve: daphne (coproduction/server.py: WebSocket close codes, slow clients bounded)
## on http://127.0.0.1:8000 and the background worker (audio versions) beside it;
## Ctrl+C stops both, and if either stops, so does the other
serve: export DJANGO_SETTINGS_MODULE ?= coproduction.settings.dev
serve: install
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/ with the background worker  (press Ctrl+C to stop)"
	@$(BIN)/python manage.py db_worker --backend background --no-reload & worker=$$!; \
	$(BIN)/python -m coproduction.server -b $(HOST) -p $(PORT) coproduction.asgi:application & server=$$!; \
	trap 'kill $$server $$worker 2>/dev/null; wait; exit 130' INT TERM; \
	while kill -0 $$server 2>/dev/null && kill -0 $$worker 2>/dev/null; do sleep 1; done; \
	kill $$server $$worker 2>/dev/null; wait

test-tools:
	bash scripts/ensure-test-tools.sh

## test: set up, make sure Chromium is there, check migrations and run the whole suite
test: export DJANGO_SETTINGS_MODULE = coproduction.settings.test
test: install-dev test-tools
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_WORKERS)

## lint: ruff, then the import contracts in pyproject.toml (the layers, docs/architecture.md)
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## bench: the three benchmarks (live fan-out, vote burst, pages) with small N, one table
## (docs/performance.md); the back-ends follow DATABASE_URL and REDIS_URL as everywhere
bench: install-dev
	$(BIN)/python -m bench

clean:
	rm -rf .bench $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles .pytest_cache .import_linter_cache
