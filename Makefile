# Set-up and everyday commands. Every install step lives here, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP) $@

demo: $(STAMP)  ## create the venv, install, run the pipeline on examples/
	rm -f demo.db
	$(BIN)/newsweave run examples/pages --db demo.db --json demo.json --html demo.html
	@echo
	@echo "wrote demo.db, demo.json and demo.html; try: $(BIN)/newsweave stories --db demo.db"

test: $(DEV_STAMP)  ## install dev extras and run the whole suite
	$(BIN)/ruff check src tests benchmarks fuzz
	$(BIN)/pytest -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks fuzz

clean:
	rm -rf $(VENV) demo.db demo.json demo.html *.egg-info src/*.egg-info

bench: $(DEV_STAMP)  ## benchmarks against peers, side by side (needs ../shared/bench)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/clustering.py
	$(BIN)/python benchmarks/dedup_speed.py
	$(BIN)/python benchmarks/dedup_quality.py
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/reliability.py
