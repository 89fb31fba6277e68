# The project's verbs. `make serve` and `make test` are the README's quick start.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Backstage's TechDocs plugin pins its own Material: its site test builds in a venv of its own.
TECHDOCS_VENV ?= .venv-techdocs
TECHDOCS_STAMP := $(TECHDOCS_VENV)/.installed-stamp
# Exact versions of the test tools and plugins (pyproject.toml keeps ranges).
CONSTRAINTS := constraints/test.txt
TECHDOCS_CONSTRAINTS := constraints/techdocs.txt
APT_PACKAGES := chromium chromium-driver fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji \
	librsvg2-bin libcairo2 poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Test processes: one per core (pytest-xdist), each test file in one process so a
# file's site is built once. PYTEST_WORKERS=0 runs everything in this process.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

.PHONY: serve build test test-fast lint browser-deps bench fuzz clean

$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
	touch $(STAMP)

$(TECHDOCS_STAMP): pyproject.toml $(TECHDOCS_CONSTRAINTS)
	$(PYTHON) -m venv $(TECHDOCS_VENV)
	$(TECHDOCS_VENV)/bin/pip install --quiet --upgrade pip
	$(TECHDOCS_VENV)/bin/pip install --quiet -c $(TECHDOCS_CONSTRAINTS) -e '.[techdocs]'
	touch $(TECHDOCS_STAMP)

## serve: build the example handbook and serve it on http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve

## build: build the example handbook into site/ (fails on any warning)
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## browser-deps: Debian's Chromium, its driver, fonts, librsvg and cairo for the tests
browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	  && command -v rsvg-convert >/dev/null && command -v pdftoppm >/dev/null \
	  && ldconfig -p 2>/dev/null | grep -q 'libcairo.so.2' \
	  && fc-list 2>/dev/null | grep -qi 'noto.*cjk' \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; }

## test: lint, type-check and run every test, browser tests included
test: $(STAMP) $(TECHDOCS_STAMP) browser-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	CJM_TECHDOCS_VENV=$(TECHDOCS_VENV) $(PYTEST)

## test-fast: the tests without a browser
test-fast: $(STAMP) $(TECHDOCS_STAMP) browser-deps
	CJM_TECHDOCS_VENV=$(TECHDOCS_VENV) $(PYTEST) -m "not browser"

## bench: build generated handbooks of 100, 400 and 1,000 maps with and without the plugin
##        and print the figures and issue 12's targets (takes a long while; not part of
##        `make test`). Options through BENCH, e.g. make bench BENCH="--sizes 1000,3000 --runs 1"
BENCH ?=
bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks.bench --json tests/artifacts/bench.json $(BENCH)

## fuzz: 10,000 hypothesis examples per property, then atheris on the reader for 3 minutes
fuzz: $(STAMP)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[test,fuzz]'
	$(BIN)/python tests/fuzz/run_properties.py 10000
	$(BIN)/python tests/fuzz/fuzz_reader.py -max_total_time=180

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

clean:
	rm -rf $(VENV) $(TECHDOCS_VENV) site build dist *.egg-info tests/artifacts
