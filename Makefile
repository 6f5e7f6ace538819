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

run: setup
	$(BIN)/python scripts/pipeline.py build --database $(DATABASE)

test: setup lint dbt-build pytest

lint: setup
	$(BIN)/sqlfluff lint models tests/dbt

CI_DATABASE := build/ci/crm_kpi.duckdb

dbt-build: setup
	$(BIN)/python scripts/pipeline.py build --database $(CI_DATABASE) --quiet

pytest: setup
	CRM_KPI_SAMPLE_DB=$(CI_DATABASE) $(BIN)/python -m pytest

clean:
	rm -rf build target logs
