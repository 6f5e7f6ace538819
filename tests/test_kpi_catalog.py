"""kpi_catalog on the built sample: exactly the kpi_ids of docs/KPI_CATALOG.md are there, each with
the catalog's headline unit and grain, pointing at an existing column, its grain columns unique
together in that view."""

from __future__ import annotations

from pathlib import Path

import pytest

import kpi_spec
from conftest import query

pytestmark = pytest.mark.slow


def catalog(database: Path) -> list[tuple]:
    return query(database, 'select kpi_id, relation, "column", grain from marts.kpi_catalog order by kpi_id')


def test_catalog_lists_the_81_kpi_ids_with_the_spec_unit_and_grain(sample_db: Path) -> None:
    spec = kpi_spec.load()
    assert len(spec) == 81
    rows = query(sample_db, "select kpi_id, unit, grain from marts.kpi_catalog")
    assert {kpi_id for kpi_id, _unit, _grain in rows} == set(spec)
    wrong = [f"{kpi_id}: {unit} at ({grain}), the catalog says {spec[kpi_id].unit} at ({spec[kpi_id].grain})"
             for kpi_id, unit, grain in rows
             if (unit, grain.replace(" ", "")) != (spec[kpi_id].unit, spec[kpi_id].grain.replace(" ", ""))]
    assert not wrong


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
