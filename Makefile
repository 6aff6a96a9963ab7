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
# INSTANSI (an office's folder in data/raw/) reaches the CLI the same way and is checked there
# to be a slug (lowercase letters, digits, "-"); empty = the only office in data/raw/.
INSTANSI ?=
override INSTANSI := $(value INSTANSI)
export INSTANSI
LKIP := $(PY) -m lkip $${INSTANSI:+--instansi "$$INSTANSI"}
# FROM (the office new-instansi copies the structure of) likewise.
FROM ?=
override FROM := $(value FROM)
export FROM
# DASK (a Dask scheduler address for report-all) likewise.
DASK ?=
override DASK := $(value DASK)
export DASK
# FILE (a received bundle) and SIDIK (the sender's sidik) reach `verify-bundle` the same way.
FILE ?=
override FILE := $(value FILE)
export FILE
SIDIK ?=
override SIDIK := $(value SIDIK)
export SIDIK

.PHONY: report report-all rekap portal validate new-year new-instansi bundle verify-bundle verify \
	reviu test fuzz lint lab lock clean bench clean-cache mutation libreoffice

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

## report: render outputs/<INSTANSI>/<YEAR>/ (default: the latest year in data/raw/<INSTANSI>/)
report: $(STAMP)
	$(LKIP) report $${YEAR:+--year "$$YEAR"}

## validate: check data/raw/<INSTANSI>/<YEAR>/ and list every problem, without rendering
validate: $(STAMP)
	$(LKIP) validate $${YEAR:+--year "$$YEAR"}

## new-year: create data/raw/<INSTANSI>/<YEAR>/ from the latest earlier year, figures left empty
new-year: $(STAMP)
	$(LKIP) new-year --year "$$YEAR"

## new-instansi: create data/raw/<INSTANSI>/ with the structure of FROM, its identity and figures left empty
new-instansi: $(STAMP)
	$(LKIP) new-instansi --dari "$$FROM"

## report-all: render every instansi with data for YEAR in parallel (DASK=tcp://host:8786 to run
## them on a Dask cluster), then the recap outputs/rekap/<YEAR>/ and the portal outputs/index.html
report-all: $(STAMP)
	@if [ -z "$$YEAR" ]; then echo "Pakai: make report-all YEAR=2024 [DASK=tcp://scheduler:8786]" >&2; exit 2; fi
	$(PY) -m lkip report-all --year "$$YEAR" $${DASK:+--dask "$$DASK"}

## rekap: the recap of every instansi for YEAR (outputs/rekap/<YEAR>/rekap-<YEAR>.html and .pdf)
rekap: $(STAMP)
	$(PY) -m lkip rekap --year "$$YEAR"

## portal: outputs/index.html, one offline page linking every report, bundle and recap
portal: $(STAMP)
	$(PY) -m lkip portal

## bundle: one zip for reviewers from outputs/<INSTANSI>/<YEAR>/ (report, notebooks, manifest, README)
bundle: $(STAMP)
	$(LKIP) bundle $${YEAR:+--year "$$YEAR"}

## verify-bundle: check a received zip, e.g. make verify-bundle FILE=lkip-2023-bundel.zip SIDIK=...
verify-bundle: $(STAMP)
	@if [ -z "$$FILE" ]; then echo "Pakai: make verify-bundle FILE=<bundel.zip> [SIDIK=<sidik>]" >&2; exit 2; fi
	$(LKIP) verify-bundle "$$FILE" $${SIDIK:+--sidik "$$SIDIK"}

## verify: check a received report PDF alone against its attached data, e.g. make verify FILE=lkip-2023.pdf
verify: $(STAMP)
	@if [ -z "$$FILE" ]; then echo "Pakai: make verify FILE=<laporan.pdf>" >&2; exit 2; fi
	$(PY) -m lkip verify "$$FILE"

## reviu: check the printed figures (data/raw/<INSTANSI>/<YEAR>/dilaporkan.csv); KETAT=1 fails on findings
reviu: $(STAMP)
	$(LKIP) reviu $${YEAR:+--year "$$YEAR"} $${KETAT:+--ketat}

## test: lint, the import contracts (ARCHITECTURE.md), then the whole test suite
test: $(STAMP)
	$(PY) -m lkip test

## libreoffice: install LibreOffice Writer (Debian package) when missing; the tests convert the
## Word copy with it. Needs root (CI runs as root) or sudo.
libreoffice:
	@command -v soffice >/dev/null 2>&1 || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer >/dev/null; }
	@soffice --version

## fuzz: a few thousand generated broken inputs through validate (make test runs a small sample)
fuzz: $(STAMP)
	$(PY) -m lkip fuzz

## lab: JupyterLab on the notebooks, with lkip importable
lab: $(STAMP)
	$(PY) -m lkip lab

## lock: refresh requirements.lock from the current environment (after changing pyproject.toml)
lock: $(STAMP)
	$(PY) -m lkip lock

## bench: time the naive route, a cold report, a no-op rebuild and a one-input rebuild (temp copy)
bench: $(STAMP)
	$(PY) -m lkip bench

## mutation: mutation testing of the formula modules (mutmut, one worker); prints the score
mutation: $(STAMP)
	$(PY) -m lkip mutation

## clean-cache: forget every executed chapter and assembled report kept for fast rebuilds
clean-cache: $(STAMP)
	$(PY) -m lkip clean-cache

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache mutants
