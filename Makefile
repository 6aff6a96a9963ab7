# Two commands set everything up on a fresh machine: `make report` and `make test`.
# The environment is created from requirements.lock (exact versions) on first use.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# YEAR reaches the commands only as an environment variable, quoted ("$$YEAR"), and the CLI
# accepts exactly four digits: a YEAR value can never become shell code. `$(value ...)` keeps
# make itself from expanding it.
YEAR ?=
override YEAR := $(value YEAR)
export YEAR
# FILE (a received bundle) and SIDIK (the sender's sidik) reach `verify-bundle` the same way.
FILE ?=
override FILE := $(value FILE)
export FILE
SIDIK ?=
override SIDIK := $(value SIDIK)
export SIDIK

.PHONY: report validate new-year bundle verify-bundle reviu test fuzz lint lab lock clean bench clean-cache

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

## report: render outputs/<YEAR>/ (default: the latest year in data/raw/)
report: $(STAMP)
	$(PY) -m lkip report $${YEAR:+--year "$$YEAR"}

## validate: check data/raw/<YEAR>/ and list every problem, without rendering
validate: $(STAMP)
	$(PY) -m lkip validate $${YEAR:+--year "$$YEAR"}

## new-year: create data/raw/<YEAR>/ from the latest earlier year, figures left empty
new-year: $(STAMP)
	$(PY) -m lkip new-year --year "$$YEAR"

## bundle: one zip for reviewers from outputs/<YEAR>/ (report, notebooks, manifest, README)
bundle: $(STAMP)
	$(PY) -m lkip bundle $${YEAR:+--year "$$YEAR"}

## verify-bundle: check a received zip, e.g. make verify-bundle FILE=lkip-2023-bundel.zip SIDIK=...
verify-bundle: $(STAMP)
	@if [ -z "$$FILE" ]; then echo "Pakai: make verify-bundle FILE=<bundel.zip> [SIDIK=<sidik>]" >&2; exit 2; fi
	$(PY) -m lkip verify-bundle "$$FILE" $${SIDIK:+--sidik "$$SIDIK"}

## reviu: check the printed figures (data/raw/<YEAR>/dilaporkan.csv); KETAT=1 fails on findings
reviu: $(STAMP)
	$(PY) -m lkip reviu $${YEAR:+--year "$$YEAR"} $${KETAT:+--ketat}

## test: lint, then the whole test suite (notebooks are executed, a report is rendered)
test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest

## fuzz: a few thousand generated broken inputs through validate (make test runs a small sample)
fuzz: $(STAMP)
	LKIP_FUZZ=lama $(PY) -m pytest tests/test_fuzz.py -q -p no:cacheprovider

## lab: JupyterLab on the notebooks, with lkip importable
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

## lock: refresh requirements.lock from the current environment (after changing pyproject.toml)
lock: $(STAMP)
	{ echo "# Exact versions of every package the project installs (regenerate with 'make lock')."; \
	  $(PY) -m pip freeze --exclude-editable; } > requirements.lock

## bench: time the naive route, a cold report, a no-op rebuild and a one-input rebuild (temp copy)
bench: $(STAMP)
	$(PY) scripts/bench.py

## clean-cache: forget every executed chapter and assembled report kept for fast rebuilds
clean-cache:
	rm -rf "$${LKIP_CACHE:-$${LKIP_ROOT:-.}/.cache/lkip}"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
