# The commands people use: make run, make test, make lint.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install install-dev test-tools clean

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

## run: set up, migrate, load the demo content and serve on http://$(HOST):$(PORT) with daphne (default 127.0.0.1:8000)
run: export DJANGO_SETTINGS_MODULE = coproduction.settings.dev
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --host $(HOST) --port $(PORT)
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/  (press Ctrl+C to stop)"
	$(BIN)/daphne -b $(HOST) -p $(PORT) coproduction.asgi:application

test-tools:
	bash scripts/ensure-test-tools.sh

## test: set up, make sure Chromium is there, check migrations and run the whole suite
test: export DJANGO_SETTINGS_MODULE = coproduction.settings.test
test: install-dev test-tools
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache
