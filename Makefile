# Every target is idempotent: `make setup` only reinstalls when pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= demo.duckdb
PORT ?= 8000

.PHONY: setup demo test bench serve clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[all]'
	touch $(STAMP)

demo: setup
	rm -f $(DB) $(DB).wal
	$(BIN)/allegiance ingest corpus/sample --db $(DB) || test $$? -eq 3
	$(BIN)/allegiance info --db $(DB)
	$(BIN)/allegiance events --db $(DB) --limit 12
	$(BIN)/allegiance demo-serve --db $(DB) --port $(PORT)

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) *.duckdb *.duckdb.wal .pytest_cache
