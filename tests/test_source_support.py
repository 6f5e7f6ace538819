"""The README's per-source KPI table is generated from marts.kpi_source_support
(scripts/source_support.py); it must not go stale when a KPI's needs or an adapter's
manifest change. And the table's claims hold for the acceptance KPIs."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PROJECT_DIR, query

import source_support

pytestmark = pytest.mark.slow

OPPORTUNITY_KPIS = ["win_rate", "deals_won", "average_deal_size", "sales_cycle_length", "opportunities_created",
                    "pipeline_value"]


def test_readme_table_matches_the_catalog(sample_db: Path) -> None:
    readme = (PROJECT_DIR / "README.md").read_text()
    expected = source_support.replace_between_markers(readme, source_support.markdown(sample_db))
    assert readme == expected, "README's source-support table is stale: run " \
                               "`python scripts/source_support.py build/crm_kpi.duckdb --write README.md`"


def test_every_source_supports_the_opportunity_kpis(sample_db: Path) -> None:
    rows = query(sample_db, "select source_name, kpi_id from marts.kpi_source_support "
                            "where supported and kpi_id in ?", [OPPORTUNITY_KPIS])
    for source_name in source_support.SOURCES:
        assert sorted(k for s, k in rows if s == source_name) == sorted(OPPORTUNITY_KPIS), source_name


def test_the_contract_supports_every_kpi(sample_db: Path) -> None:
    assert query(sample_db, "select count(*) from marts.kpi_source_support "
                            "where source_name = 'contract' and not supported") == [(0,)]
