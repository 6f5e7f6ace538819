"""docs/ADDING_A_KPI.md's checklist holds for every kpi_id of docs/KPI_CATALOG.md: the places it
names exist for each KPI (read from the files, no build), and the guide names every place checked."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

import kpi_spec
from conftest import PROJECT_DIR
from reference import registry

GUIDE = PROJECT_DIR / "docs" / "ADDING_A_KPI.md"
# what the checklist must name: each place this test checks
PLACES = ["docs/KPI_CATALOG.md", "models/marts/<domain>/<model>.sql", "_<domain>__models.yml", "meta.kpis",
          "_<domain>__unit_tests.yml", "models/semantic/<domain>.yml", "tests/reference/kpis_<domain>.py",
          "tests/fixtures/golden/<domain>/expected.yml"]


def yaml_files(folder: str) -> list[dict]:
    return [yaml.safe_load(path.read_text()) or {} for path in sorted((PROJECT_DIR / folder).rglob("*.yml"))]


def kpi_models() -> dict[str, list[tuple[str, dict]]]:
    """kpi_id -> [(model, meta.kpis entry)] over the mart YAML files."""
    found: dict[str, list[tuple[str, dict]]] = {}
    for document in yaml_files("models/marts"):
        for model in document.get("models") or []:
            for kpi in ((model.get("config") or {}).get("meta") or {}).get("kpis") or []:
                found.setdefault(kpi["kpi_id"], []).append((model["name"], kpi))
    return found


def test_the_guide_names_every_place_of_the_checklist() -> None:
    checklist = GUIDE.read_text().split("## Checklist", 1)[1].split("\n## ", 1)[0]
    assert [place for place in PLACES if place not in checklist] == []


def test_every_kpi_has_every_place_of_the_checklist() -> None:
    spec = kpi_spec.load()
    catalog = (PROJECT_DIR / "docs" / "KPI_CATALOG.md").read_text()
    models = kpi_models()
    sql_files = {path.stem for path in (PROJECT_DIR / "models" / "marts").rglob("*.sql")}
    unit_tested = {test["model"] for path in (PROJECT_DIR / "models" / "marts").rglob("_*__unit_tests.yml")
                   for test in (yaml.safe_load(path.read_text()) or {}).get("unit_tests") or []}
    metrics = {metric["name"] for document in yaml_files("models/semantic") for metric in document.get("metrics") or []}
    golden = "\n".join(path.read_text() for path in (PROJECT_DIR / "tests" / "fixtures" / "golden").glob("*/expected.yml"))
    problems = []
    for kpi_id, kpi in spec.items():
        if len(re.findall(rf"^\| {kpi_id} \|", catalog, flags=re.MULTILINE)) != 2:
            problems.append(f"{kpi_id}: not in both tables of docs/KPI_CATALOG.md")
        declared = models.get(kpi_id, [])
        if len(declared) != 1:
            problems.append(f"{kpi_id}: declared by {len(declared)} mart models' meta.kpis, not 1")
        for model, _meta in declared:
            if model not in sql_files:
                problems.append(f"{kpi_id}: no models/marts/**/{model}.sql")
            if model not in unit_tested:
                problems.append(f"{kpi_id}: model {model} has no unit test in a _<domain>__unit_tests.yml")
        if kpi.grain.startswith("month") and kpi_id not in metrics:
            problems.append(f"{kpi_id}: no MetricFlow metric of that name in models/semantic/")
        if kpi_id not in registry.KPIS:
            problems.append(f"{kpi_id}: not in the pandas reference (tests/reference/kpis_*.py KPIS)")
        if not re.search(rf"kpi_id: {kpi_id}\b", golden):
            problems.append(f"{kpi_id}: no value in tests/fixtures/golden/*/expected.yml")
    assert not problems, "\n".join(problems)


def test_a_kpi_missing_from_a_place_is_reported(tmp_path: Path) -> None:
    """The check itself can fail: a catalog row without the rest is one problem per place."""
    copy = tmp_path / "KPI_CATALOG.md"
    text = kpi_spec.CATALOG.read_text()
    copy.write_text(text.replace("| sales_revenue | revenue [amount] | month |",
                                 "| sales_revenue | revenue [amount] | month |\n| no_such_kpi | x [count] | month |"))
    spec = kpi_spec.load(copy)
    assert "no_such_kpi" in spec and "no_such_kpi" not in registry.KPIS and "no_such_kpi" not in kpi_models()
