# crm-kpi: two commands do all the set-up on a fresh machine (Python 3.11 + make).
#   make run   venv + pinned deps, build the sample into build/crm_kpi.duckdb, test, summary
#   make test  lint, dbt build with every test, pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DATABASE ?= build/crm_kpi.duckdb

.PHONY: setup run test lint dbt-build pytest clean

setup: $(INSTALLED)

$(INSTALLED): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

# The Spark extra (requirements-spark.txt: dbt-spark[session], pyspark, ~450 MB) for
# `pipeline.py build --target spark` and tests/test_spark.py; make test installs it.
SPARK_INSTALLED := $(VENV)/.spark-installed-$(shell cat requirements.txt requirements-spark.txt | cksum | cut -d' ' -f1)

.PHONY: setup-spark test-spark
setup-spark: $(SPARK_INSTALLED)

$(SPARK_INSTALLED): $(INSTALLED) requirements-spark.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-spark.txt
	rm -f $(VENV)/.spark-installed-* && touch $@

run: setup
	$(BIN)/python scripts/pipeline.py build --database $(DATABASE) --publish

test: setup setup-spark lint dbt-build pytest

# The DuckDB-vs-Spark comparison alone (builds the sample on both engines).
test-spark: setup-spark
	CRM_KPI_REQUIRE_SPARK=1 $(BIN)/python -m pytest tests/test_spark.py

lint: setup
	$(BIN)/sqlfluff lint models tests/dbt --processes 0

CI_DATABASE := build/ci/crm_kpi.duckdb

# with dbt's unit tests, which test the models' logic on fixed rows (a plain build skips them)
dbt-build: setup
	$(BIN)/python scripts/pipeline.py build --database $(CI_DATABASE) --quiet --unit-tests

pytest: setup setup-spark
	CRM_KPI_SAMPLE_DB=$(CI_DATABASE) CRM_KPI_REQUIRE_SPARK=1 $(BIN)/python -m pytest -n 2 --dist loadscope --no-loadscope-reorder --durations 15

clean:
	rm -rf build target logs

# For people and BI tools: the static dbt docs site (build/docs/static_index.html, its
# front page models/overview.md regenerated from kpi_catalog), the Streamlit dashboard
# over the published BI file, and the browser its test drives (Debian's chromium).
BI_FILE ?= build/crm_kpi_bi.duckdb
DOCS_DIR := build/docs
.PHONY: docs dashboard setup-browser

docs: setup
	test -f $(DATABASE) || $(BIN)/python scripts/pipeline.py build --database $(DATABASE) --quiet
	mkdir -p $(DOCS_DIR)
	$(BIN)/python dashboard/catalog_markdown.py $(DATABASE) > $(DOCS_DIR)/overview.md
	cp $(DOCS_DIR)/overview.md models/overview.md
	CRM_KPI_DATABASE=$(DATABASE) $(BIN)/dbt docs generate --static --target-path $(CURDIR)/$(DOCS_DIR) \
		--project-dir . --profiles-dir .
	@echo "docs: $(DOCS_DIR)/static_index.html (one self-contained file; or dbt docs serve --target-path $(DOCS_DIR))"

dashboard: setup
	test -f $(BI_FILE) || $(BIN)/python scripts/pipeline.py build --database $(DATABASE) --publish-to $(BI_FILE)
	CRM_KPI_BI_FILE=$(BI_FILE) $(BIN)/streamlit run dashboard/app.py --server.headless true \
		--browser.gatherUsageStats false --client.toolbarMode viewer

setup-browser:
	apt-get update && apt-get install -y chromium

# KPI diff between a git ref and the working tree, as markdown for a pull-request
# comment (also in build/diff/kpi_diff.md): make diff BASE=origin/main [DATA_DIR=dir]
# Fails when KPI values or the catalog changed; the diff's own exit code (0, 4 changed,
# 2 unreadable input) is in build/diff/exit_code.
.PHONY: diff
diff: setup
	@test -n "$(BASE)" || { echo "usage: make diff BASE=<git ref> [DATA_DIR=dir]" >&2; exit 2; }
	PYTHON=$(BIN)/python bash scripts/diff_refs.sh "$(BASE)" $(if $(DATA_DIR),"$(DATA_DIR)")

# Benchmarks (scripts/benchmark.py, benchmarks/README.md): the pipeline build against the
# raw-DuckDB floor, the CSV-read floor (scripts/bench/csv_floor.py) and the pandas reference,
# with BI query latency. Data is generated once per scale into build/bench/data/. `make bench`
# takes about an hour: run it on an idle machine. bench-smoke is CI-sized (scale 1, one repeat),
# writes into build/bench/smoke/ and checks its results (scripts/bench/check_results.py).
BENCH_SCALES ?= 1 10 100
BENCH_ARGS ?=
.PHONY: bench bench-smoke
bench: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	$(BIN)/python scripts/benchmark.py --scales $(BENCH_SCALES) --repeats 3 $(BENCH_ARGS)

bench-smoke: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	$(BIN)/python scripts/benchmark.py --scales 1 --repeats 1 --pandas-timeout 600 \
		--out-dir build/bench/smoke $(BENCH_ARGS)
	$(BIN)/python scripts/bench/check_results.py build/bench/smoke/results/latest.json
