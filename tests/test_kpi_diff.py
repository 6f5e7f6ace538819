"""`pipeline.py diff`: the KPI diff between two builds, read through each file's kpi_catalog.

Two builds of the golden revenue data set (tests/fixtures/golden/revenue, arithmetic
in its expected.yml): as is, and with ONE order line changed: O6 (2025-01-31, account
A2, no rep, no location, P1 at 50 USD) ships 130 units instead of 120, i.e. +10 units
and +500 USD of revenue in January 2025. Every expected change below is worked out by
hand from that one row; catalog changes (moved, removed, added, redefined) are made
by editing kpi_catalog in a copy of a built file, without another build.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, build, run_pipeline

import kpi_diff

pytestmark = pytest.mark.slow

REVENUE_CASE = PROJECT_DIR / "tests" / "fixtures" / "golden" / "revenue"
AS_OF_DATE = "2025-03-31"
JAN, FEB = "2025-01-01", "2025-02-01"

# kpi_id: (the one key that changes, base value, new value). January 2025 before the
# change: revenue 50,000 (O4) + 44,000 (O5) + 6,000 (O6) = 100,000 from 3 orders of
# 3 accounts, 1,320 units; February 120,000.
EXPECTED = {
    # 100,000 + 10 x 50
    "sales_revenue": ({"month": JAN}, 100_000, 100_500),
    # 1,320 + 10
    "units_sold": ({"month": JAN}, 1_320, 1_330),
    # 100,500 / 3 orders (still 3 orders)
    "average_order_value": ({"month": JAN}, 100_000 / 3, 33_500),
    # 100,500 / 3 ordering accounts (A1, A2, A3)
    "avg_revenue_per_account": ({"month": JAN}, 100_000 / 3, 33_500),
    # P1 in January: O4 50,000 + O6 6,000 -> 6,500
    "revenue_by_product": ({"month": JAN, "product_id": "P1"}, 56_000, 56_500),
    # O6 has no location and no rep: its row is the NULL one
    "sales_by_location": ({"month": JAN, "location_id": None}, 6_000, 6_500),
    "sales_per_rep": ({"month": JAN, "rep_id": None}, 6_000, 6_500),
    # returning (A1 50,000 + A2 6,500) / 100,500 x 100
    "new_vs_returning_revenue": ({"month": JAN}, 56, 56_500 / 100_500 * 100),
    # February against January: (120,000 - 100,500) / 100,500 x 100 (January itself
    # is against a zero December: NULL before and after)
    "sales_growth_mom": ({"month": FEB}, 20, (120_000 - 100_500) / 100_500 * 100),
    # A2's lifetime revenue: O2 1,000 + O6 6,000 -> 7,500
    "customer_outcomes": ({"account_id": "A2"}, 7_000, 7_500),
}
# Unchanged, by hand: order_count (same orders); competitor_price_index (P1 still sells
# at 56,500 / 1,130 = 50 a unit); sales_growth_yoy (January 2024 is before the series:
# NULL); rfm_segments (A2 still has the lowest monetary value: 7,500 < 21,600 of A4);
# customer_lifetime_value (no MRR in this data set: NULL); nothing else reads order lines.
LARGER_THAN_499 = {"sales_revenue", "revenue_by_product", "sales_by_location", "sales_per_rep", "customer_outcomes"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(base, new): the revenue data set as is, and with O6's quantity 120 -> 130."""
    root = tmp_path_factory.mktemp("kpi_diff")
    changed_dir = root / "changed_data"
    shutil.copytree(REVENUE_CASE, changed_dir)
    change_quantity(changed_dir / "order_lines.csv", "O6", 120, 130)
    base, new = root / "base" / "crm_kpi.duckdb", root / "new" / "crm_kpi.duckdb"
    build(REVENUE_CASE, base, "--as-of-date", AS_OF_DATE)
    build(changed_dir, new, "--as-of-date", AS_OF_DATE)
    return base, new


def change_quantity(path: Path, order_id: str, old: int, new: int) -> None:
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    matches = [row for row in rows if row["order_id"] == order_id]
    assert len(matches) == 1 and int(matches[0]["quantity"]) == old, matches
    matches[0]["quantity"] = str(new)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def diff_json(base: Path, new: Path, *extra: str) -> tuple[int, dict]:
    result = run_pipeline("diff", str(base), str(new), "--json", *extra)
    assert result.returncode in (0, 4), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_one_changed_order_line_gives_exactly_the_hand_computed_diff(builds: tuple[Path, Path]) -> None:
    code, report = diff_json(*builds)
    assert code == 4 and report["changed"] is True
    by_id = {k["kpi_id"]: k for k in report["kpis"]}
    assert set(by_id) == set(EXPECTED)
    assert report["summary"] == {"kpis": 81, "added": 0, "removed": 0, "moved": 0, "redefined": 0,
                                 "values": len(EXPECTED), "unchanged": 81 - len(EXPECTED)}
    for kpi_id, (key, old, new) in EXPECTED.items():
        kpi = by_id[kpi_id]
        assert kpi["kinds"] == ["values"], kpi_id
        values = kpi["values"]
        assert (values["keys_changed"], values["keys_added"], values["keys_removed"]) == (1, 0, 0), kpi_id
        assert values["keys_base"] == values["keys_new"]
        [example] = values["examples"]
        assert example["key"] == key, kpi_id
        assert example["base"] == pytest.approx(old, abs=1e-6), kpi_id
        assert example["new"] == pytest.approx(new, abs=1e-6), kpi_id
        assert example["change"] == pytest.approx(new - old, abs=1e-6), kpi_id
        assert example["change_pct"] == pytest.approx((new - old) / old * 100, abs=1e-6), kpi_id
        assert values["largest_absolute_change"] == example and values["largest_relative_change"] == example


def test_markdown_and_text_reports_name_the_changes(builds: tuple[Path, Path]) -> None:
    markdown = run_pipeline("diff", *map(str, builds), "--markdown")
    assert markdown.returncode == 4, markdown.stderr
    assert f"**{len(EXPECTED)} of 81 KPIs changed**" in markdown.stdout
    assert "| `sales_revenue` | values | 1 of 14 | +0 / -0 | month=2025-01-01: 100,000 → 100,500 (+500) |" \
        in markdown.stdout
    assert "| month=2025-01-01, location_id=NULL | 6,000 | 6,500 | +500 |" in markdown.stdout
    text = run_pipeline("diff", *map(str, builds))
    assert text.returncode == 4
    assert "units_sold: values" in text.stdout and "month=2025-01-01: 1,320 → 1,330 (+10)" in text.stdout


def test_tolerance_is_absolute_and_inclusive(builds: tuple[Path, Path]) -> None:
    # the largest change is +500: within a tolerance of 500, beyond one of 499
    code, report = diff_json(*builds, "--tolerance", "500")
    assert code == 0 and report["kpis"] == []
    code, report = diff_json(*builds, "--tolerance", "499")
    assert code == 4 and {k["kpi_id"] for k in report["kpis"]} == LARGER_THAN_499


def test_kpi_option_limits_the_diff(builds: tuple[Path, Path]) -> None:
    code, report = diff_json(*builds, "--kpi", "sales_revenue", "--kpi", "order_count")
    assert code == 4
    assert [k["kpi_id"] for k in report["kpis"]] == ["sales_revenue"] and report["unchanged"] == ["order_count"]
    code, report = diff_json(*builds, "--kpi", "order_count")
    assert code == 0 and report["summary"]["kpis"] == 1
    result = run_pipeline("diff", *map(str, builds), "--kpi", "no_such_kpi")
    assert result.returncode == 2 and "no_such_kpi" in result.stderr


def test_identical_builds_have_no_changes(builds: tuple[Path, Path], tmp_path: Path) -> None:
    base = builds[0]
    result = run_pipeline("diff", str(base), str(base))
    assert result.returncode == 0, result.stderr
    assert "no changes" in result.stdout
    # the published BI file holds the same values as its warehouse
    bi_file = tmp_path / "bi.duckdb"
    assert run_pipeline("publish", "--database", str(base), "--to", str(bi_file)).returncode == 0
    result = run_pipeline("diff", str(base), str(bi_file), "--markdown")
    assert result.returncode == 0, result.stderr
    assert "**No changes**: all 81 KPIs" in result.stdout


def test_catalog_changes_moved_removed_added_redefined(builds: tuple[Path, Path], tmp_path: Path) -> None:
    base = builds[0]
    edited = tmp_path / base.name
    shutil.copy(base, edited)
    with duckdb.connect(str(edited)) as con:
        materialise_catalog(con)
        # clv_amount and arpa_amount are both NULL in every month here: moved, same values
        con.execute("""update marts.kpi_catalog set "column" = 'arpa_amount' where kpi_id = 'customer_lifetime_value'""")
        con.execute("delete from marts.kpi_catalog where kpi_id = 'referrals'")
        con.execute("update marts.kpi_catalog set formula = 'won / all closed' where kpi_id = 'win_rate'")

    code, report = diff_json(base, edited)
    assert code == 4
    by_id = {k["kpi_id"]: k for k in report["kpis"]}
    assert set(by_id) == {"customer_lifetime_value", "referrals", "win_rate"}
    moved = by_id["customer_lifetime_value"]
    assert moved["kinds"] == ["moved"]
    assert moved["moved"] == {"column": {"base": "clv_amount", "new": "arpa_amount"}}
    assert moved["values"]["keys_changed"] == 0
    assert by_id["referrals"]["kinds"] == ["removed"]
    assert by_id["win_rate"]["kinds"] == ["redefined"] and list(by_id["win_rate"]["redefined"]) == ["formula"]

    code, report = diff_json(edited, base)
    assert code == 4 and "added" in {k["kpi_id"]: k for k in report["kpis"]}["referrals"]["kinds"]

    markdown = run_pipeline("diff", str(base), str(edited), "--markdown").stdout
    assert "| `customer_lifetime_value` | moved: column `clv_amount` → `arpa_amount` |" in markdown
    assert "| `referrals` | removed (was `marts.referrals.referral_new_customers at (month)`) |" in markdown


def materialise_catalog(con: duckdb.DuckDBPyConnection) -> None:
    """The warehouse's kpi_catalog is a view: make it an editable table."""
    con.execute("create table marts.kpi_catalog_edit as select * from marts.kpi_catalog")
    [(kind,)] = con.execute("select table_type from information_schema.tables "
                            "where table_schema = 'marts' and table_name = 'kpi_catalog'").fetchall()
    con.execute(f"drop {'view' if kind == 'VIEW' else 'table'} marts.kpi_catalog")
    con.execute("alter table marts.kpi_catalog_edit rename to kpi_catalog")


@pytest.mark.parametrize("case", ["missing", "not_duckdb", "no_catalog"])
def test_unreadable_input_exits_2_with_one_line(builds: tuple[Path, Path], tmp_path: Path, case: str) -> None:
    bad = tmp_path / f"{case}.duckdb"
    if case == "not_duckdb":
        bad.write_text("kpi_id,value\nsales_revenue,1\n")
    elif case == "no_catalog":
        with duckdb.connect(str(bad)) as con:
            con.execute("create table t as select 1 as x")
    for args in ((str(builds[0]), str(bad)), (str(bad), str(builds[0]))):
        result = run_pipeline("diff", *args)
        assert result.returncode == 2, (case, result.stdout, result.stderr)
        assert result.stdout == ""
        message = result.stderr.strip()
        assert "\n" not in message and str(bad) in message and "Traceback" not in message, message


def test_values_equal_null_is_a_change_and_tolerance_is_absolute() -> None:
    assert kpi_diff.values_equal(None, None, 0.01)
    assert not kpi_diff.values_equal(None, 0, 0.01) and not kpi_diff.values_equal(0.0, None, 0.01)
    assert kpi_diff.values_equal(100.0, 100.01, 0.01) and not kpi_diff.values_equal(100.0, 100.02, 0.01)
    assert kpi_diff.values_equal("loyal", "loyal", 0.01) and not kpi_diff.values_equal("loyal", "lost", 0.01)
