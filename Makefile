# blueledger — `make run` serves the platform on SQLite with demo data; `make test` runs the whole suite.
SHELL := /bin/sh
VENV := .venv
BIN := $(VENV)/bin
PORT ?= $(or $(BLUELEDGER_PORT),8000)

.PHONY: run test venv install install-test lint bench clean-venv

$(BIN)/python:
	@PY=$$(scripts/find-python) || exit 1; \
	echo "创建虚拟环境 (creating .venv) with $$PY"; \
	"$$PY" -m venv $(VENV) && $(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

install: venv
	$(BIN)/python -m pip install --quiet -e .

install-test: venv
	$(BIN)/python -m pip install --quiet -e ".[test]"

run: install
	$(BIN)/blueledger migrate --noinput
	$(BIN)/blueledger demo
	BLUELEDGER_PORT=$(PORT) $(BIN)/blueledger run

# One pytest-xdist worker per core on any machine with two or more, tests handed out as workers free up
# (worksteal). On the 2-core CI machine, quiet: SQLite 151 s and PostgreSQL 174 s on two workers (2026-12-05;
# the same day the previous main took 180 s on PostgreSQL); PostgreSQL was 7 s slower on three (the two workers
# and the database already keep both cores busy). Module worlds are
# built per worker that needs them, which costs less than waiting for the slowest module.
TEST_WORKERS := $(shell n=$$(nproc 2>/dev/null || echo 1); [ "$$n" -ge 2 ] && echo "-n $$n --dist worksteal")

# A machine that sets PYTHONDONTWRITEBYTECODE (CI's does) makes every worker, and every command a test starts,
# compile all of its modules again, and pytest rewrite the asserts of 610 modules: 3.3 s of each worker's start.
# The compiled files go to __pycache__/, which git ignores.
test: install-test
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest $(TEST_WORKERS)

# Django-free engines, checked with mypy --strict (STYLE.md rule 11).
ENGINES := blueledger/lib blueledger/ledgers/extraction blueledger/documents/reading \
	blueledger/dispatch/progress.py blueledger/dispatch/ranking.py blueledger/dispatch/reconciliation.py \
	blueledger/dispatch/bulletin blueledger/dispatch/engine_tests \
	blueledger/projects/indicators.py blueledger/projects/pipeline.py \
	blueledger/economy/directory.py blueledger/economy/series.py blueledger/economy/trajectory.py \
	blueledger/economy/composite.py blueledger/economy/form_checks.py blueledger/economy/nowcast.py \
	blueledger/fisheries/tracks blueledger/fisheries/naming.py blueledger/fisheries/generate.py

lint: install-test
	$(BIN)/ruff check blueledger benchmarks
	$(BIN)/mypy --strict $(ENGINES)

bench: install
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/fisheries.py

clean-venv:
	rm -rf $(VENV)
