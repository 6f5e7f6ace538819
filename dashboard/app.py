"""crm-kpi dashboard: the published BI file, read-only, one tab per KPI domain.

    streamlit run dashboard/app.py [-- --bi-file build/crm_kpi_bi.duckdb]
    (or CRM_KPI_BI_FILE=...; `make dashboard`)

Every KPI is found through marts.kpi_catalog (its view, headline column and
grain); this file only says which kpi_ids each tab features. Nothing is computed
here but the change against the previous month: values are read and plotted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import duckdb
import pandas as pd
import plotly.express as px
import streamlit as st

DEFAULT_BI_FILE = Path(__file__).resolve().parent.parent / "build" / "crm_kpi_bi.duckdb"
TIME_KEYS = ("month", "period_start")  # grain columns that follow the chosen month
TABS = ["revenue", "pipeline", "leads", "activities", "customers", "team"]  # the mart domains, in tab order
# labels for id columns of breakdowns, from the BI file's dimensions (no personal data there)
LABELS = {"product_id": ("dimensions.dim_products", "product_name"),
          "location_id": ("dimensions.dim_locations", "location_name"),
          "campaign_id": ("dimensions.dim_campaigns", "campaign_name")}


def bi_file() -> Path:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bi-file", default=os.environ.get("CRM_KPI_BI_FILE", str(DEFAULT_BI_FILE)))
    return Path(parser.parse_known_args(sys.argv[1:])[0].bi_file).resolve()


@st.cache_data(show_spinner=False, max_entries=500)
def _read(path: str, version: int, sql: str, params: tuple) -> pd.DataFrame:
    con = duckdb.connect(path, read_only=True)  # a new connection sees a newly published file
    try:
        return con.execute(sql, list(params)).df()
    finally:
        con.close()


def read(sql: str, *params) -> pd.DataFrame:
    path = BI_FILE
    return _read(str(path), path.stat().st_mtime_ns, sql, params)


def catalog() -> dict[str, dict]:
    rows = read('select * from marts.kpi_catalog order by domain, kpi_id')
    return {row["kpi_id"]: dict(row, keys=[k.strip() for k in row["grain"].split(",")])
            for row in rows.to_dict("records")}


def time_key(kpi: dict) -> str | None:
    return next((k for k in kpi["keys"] if k in TIME_KEYS), None)


def months() -> list[str]:
    """Every month any month-grain KPI view has, newest first."""
    views = sorted({kpi["relation"] for kpi in KPIS.values() if "month" in kpi["keys"]})
    union = " union ".join(f"select distinct month from {view}" for view in views)
    return [m.strftime("%Y-%m") for m in read(f"select month from ({union}) order by month desc")["month"]]


def fmt(value, unit: str, delta: bool = False) -> str | None:
    if value is None or pd.isna(value):
        return None
    sign = "+" if delta else ""
    if unit == "pct":
        return f"{value:{sign},.1f}" + (" pp" if delta else " %")
    if unit == "amount":
        return f"{value:{sign},.2f}"
    if unit == "count":
        return f"{value:{sign},.0f}"
    suffix = f" {unit}" if unit in ("days", "hours", "minutes", "months") else ""
    return f"{value:{sign},.2f}{suffix}"


def headline_tiles(kpi_id: str, month: dt.date) -> list[dict]:
    """st.metric arguments: the KPI at `month` and its change against the month before (one per other key)."""
    kpi = KPIS[kpi_id]
    key, others = time_key(kpi), [k for k in kpi["keys"] if k not in TIME_KEYS]
    previous = (pd.Timestamp(month) - pd.DateOffset(months=1)).date()
    data = read(f'select {", ".join(kpi["keys"])}, "{kpi["column"]}" as value from {kpi["relation"]} '
                f"where {key} in (?, ?)", month, previous)
    tiles = []
    for label, rows in (data.groupby(others, dropna=False) if others else [((), data)]):
        now = rows.loc[rows[key] == pd.Timestamp(month), "value"]
        before = rows.loc[rows[key] == pd.Timestamp(previous), "value"]
        value = now.iloc[0] if len(now) else None
        change = value - before.iloc[0] if value is not None and len(before) and pd.notna(before.iloc[0]) else None
        tiles.append(dict(label=kpi["name"] + (f": {', '.join(map(str, label))}" if others else ""),
                          value=fmt(value, kpi["unit"]) or "-", delta=fmt(change, kpi["unit"], delta=True),
                          delta_color="inverse" if kpi["better"] == "lower" else "normal",
                          help=kpi["definition"], border=True))
    return tiles


def trend(kpi_id: str, month: dt.date) -> None:
    kpi = KPIS[kpi_id]
    data = read(f'select month, "{kpi["column"]}" as value from {kpi["relation"]} order by month')
    figure = px.line(data, x="month", y="value", markers=True, title=kpi["name"],
                     labels={"value": kpi["unit"], "month": ""})
    figure.add_vline(x=pd.Timestamp(month).timestamp() * 1000, line_dash="dot", line_color="grey")
    figure.update_layout(height=320, margin=dict(l=10, r=10, t=50, b=10))
    st.plotly_chart(figure, key=f"trend-{kpi_id}")


def breakdown(kpi_id: str, month: dt.date) -> None:
    """Bar chart of the headline column over the KPI's other keys, for the chosen month if it has one."""
    kpi = KPIS[kpi_id]
    key = time_key(kpi)
    others = [k for k in kpi["keys"] if k != key]
    where, params = (f"where v.{key} = ?", [month]) if key else ("", [])
    columns = set(read(f"select * from {kpi['relation']} limit 0").columns)
    order = next((c for c in sorted(columns) if c.endswith("_order")), None)
    label = LABELS.get(others[0])
    select = f'v.{others[0]}, "{kpi["column"]}" as value' + "".join(f", v.{k}" for k in others[1:])
    join = ""
    if label:
        select += f", d.{label[1]} as label"
        join = f"left join {label[0]} d on d.{others[0]} = v.{others[0]}"
    data = read(f"select {select} from {kpi['relation']} v {join} {where} "
                f"order by {('v.' + order) if order else 'value desc nulls last'}", *params)
    x = "label" if label else others[0]
    data[x] = data[x].fillna("(none)").astype(str)
    figure = px.bar(data, x=x, y="value", color=others[1] if len(others) > 1 else None, title=kpi["name"],
                    labels={"value": f'{kpi["column"]} ({kpi["unit"]})', x: ""})
    figure.update_layout(height=340, margin=dict(l=10, r=10, t=50, b=10))
    st.plotly_chart(figure, key=f"breakdown-{kpi_id}")


def featured(tab: str, role: str) -> list[str]:
    """kpi_ids the catalog features on `tab` as `role` (headline, trend or breakdown), in rank order
    (the `featured` meta of each KPI in its model's YAML)."""
    kpis = [kpi for kpi in KPIS.values()
            if kpi["featured_tab"] == tab and role in (kpi["featured_as"] or "").split(", ")]
    return [kpi["kpi_id"] for kpi in sorted(kpis, key=lambda kpi: kpi["featured_rank"])]


def domain_page(domain: str, month: dt.date) -> None:
    page = {role: featured(domain, role) for role in ("headline", "trend", "breakdown")}
    st.subheader(f"{domain.capitalize()}: {month:%B %Y}")
    tiles = [tile for kpi_id in page["headline"] for tile in headline_tiles(kpi_id, month)]
    for column, tile in zip(st.columns(len(tiles)), tiles):
        column.metric(**tile)
    for charts, draw in ((page["trend"], trend), (page["breakdown"], breakdown)):
        for start in range(0, len(charts), 2):
            for column, kpi_id in zip(st.columns(2), charts[start:start + 2]):
                with column:
                    draw(kpi_id, month)
    with st.expander(f"Every {domain} KPI in the catalog"):
        rows = [kpi for kpi in KPIS.values() if kpi["domain"] == domain]
        st.dataframe(pd.DataFrame(rows)[["kpi_id", "name", "definition", "formula", "unit", "relation", "column",
                                         "grain"]], hide_index=True)


def rejects_page() -> None:
    st.subheader("Rejected rows: what was refused and why")
    data = read("select table_name, reason, rejected_rows from data_quality.rejected_counts "
                "order by rejected_rows desc, table_name, reason")
    total = read("select coalesce(sum(rejected_rows), 0) as n from data_quality.rejected_counts")["n"].iloc[0]
    st.metric("Rows refused", f"{int(total):,}", border=True)
    if len(data):
        figure = px.bar(data, x="table_name", y="rejected_rows", color="reason", title="Rejected rows per table",
                        labels={"table_name": "", "rejected_rows": "rows"})
        figure.update_layout(height=380, margin=dict(l=10, r=10, t=50, b=10))
        st.plotly_chart(figure, key="rejects")
    st.dataframe(data, hide_index=True)
    st.caption("Reasons are listed in the README (Rejected rows); each refused row, with its file and line, is in "
               "the warehouse's staging.rejected_rows.")


st.set_page_config(page_title="crm-kpi", layout="wide")
BI_FILE = bi_file()
if not BI_FILE.is_file():
    st.error(f"No BI file at {BI_FILE}. Build and publish it: "
             "`python scripts/pipeline.py build --publish` (or set CRM_KPI_BI_FILE / --bi-file).")
    st.stop()
KPIS = catalog()
MONTHS = months()
st.sidebar.title("crm-kpi")
chosen = st.sidebar.selectbox("Month", MONTHS, key="month", bind="query-params")
st.sidebar.caption(f"{len(KPIS)} KPIs from {BI_FILE.name}")
month = dt.date.fromisoformat(f"{chosen}-01")
tabs = st.tabs([d.capitalize() for d in TABS] + ["Rejects"], key="page", bind="query-params", on_change="rerun")
for tab, domain in zip(tabs, TABS):
    if tab.open:
        with tab:
            domain_page(domain, month)
if tabs[-1].open:
    with tabs[-1]:
        rejects_page()
