"""kpi_catalog on the built sample: every kpi_id of the catalog is there, points at an
existing column, and its grain columns are unique together in that view."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import PROJECT_DIR, query

pytestmark = pytest.mark.slow
KPI_IDS = PROJECT_DIR / "seeds" / "kpi_ids.csv"


def catalog(database: Path) -> list[tuple]:
    return query(database, 'select kpi_id, relation, "column", grain from marts.kpi_catalog order by kpi_id')


def test_catalog_lists_the_81_kpi_ids(sample_db: Path) -> None:
    with KPI_IDS.open(newline="") as handle:
        expected = {row["kpi_id"] for row in csv.DictReader(handle)}
    assert len(expected) == 81
    assert {row[0] for row in catalog(sample_db)} == expected


def test_catalog_points_at_existing_columns(sample_db: Path) -> None:
    missing = []
    for kpi_id, relation, column, grain in catalog(sample_db):
        schema, name = relation.split(".")
        present = {r[0] for r in query(sample_db, "select column_name from information_schema.columns "
                                                  "where table_schema = ? and table_name = ?", [schema, name])}
        for wanted in [column, *(g.strip() for g in grain.split(","))]:
            if wanted not in present:
                missing.append(f"{kpi_id}: {relation}.{wanted}")
    assert not missing


def test_catalog_grains_are_unique(sample_db: Path) -> None:
    duplicated = []
    for kpi_id, relation, _column, grain in catalog(sample_db):
        rows = query(sample_db, f"select count(*) from (select {grain} from {relation} "
                                f"group by {grain} having count(*) > 1)")
        if rows[0][0]:
            duplicated.append(f"{kpi_id}: {rows[0][0]} duplicated keys of ({grain}) in {relation}")
    assert not duplicated


def test_every_kpi_view_has_rows_on_the_sample(sample_db: Path) -> None:
    empty = [kpi_id for kpi_id, relation, _c, _g in catalog(sample_db)
             if query(sample_db, f"select count(*) from {relation}")[0][0] == 0]
    assert not empty
