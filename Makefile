# Two commands set everything up on a fresh machine: `make report` and `make test`.
# The environment is created from requirements.lock (exact versions) on first use.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
YEAR ?=
YEAR_ARG := $(if $(YEAR),--year $(YEAR),)

.PHONY: report test lint lab lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

## report: render outputs/<YEAR>/ (default: the latest year in data/raw/)
report: $(STAMP)
	$(PY) -m lkip report $(YEAR_ARG)

## test: lint, then the whole test suite (notebooks are executed, a report is rendered)
test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest

## lab: JupyterLab on the notebooks, with lkip importable
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

## lock: refresh requirements.lock from the current environment (after changing pyproject.toml)
lock: $(STAMP)
	{ echo "# Exact versions of every package the project installs (regenerate with 'make lock')."; \
	  $(PY) -m pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
