"""The headline-metric tiles: value ± half the 95% interval, with n (flagged when small)."""
from __future__ import annotations

import streamlit as st

from analysis.metric_registry import METRICS
from pages.ui.text import sentences, tr


def metric_tiles(metrics: dict) -> None:
    """A row of bordered tiles, one per headline metric the file has (:data:`analysis.metric_registry.METRICS`,
    in its order): value ± half the 95% interval, with n (flagged when small); a weighted metric shows its
    effective n (Kish's) instead, and its help says the interval is at the effective n, of how many answers."""
    shown = [metric for metric in METRICS if (metrics.get(metric.name) or {}).get("value") is not None]
    if not shown:
        return
    for column, metric in zip(st.columns(len(METRICS)), shown):
        found = metrics[metric.name]
        n = f"{found['n']:,}"
        small = bool(found.get("small_sample"))
        effective = None if found.get("effective_n") is None else f"{found['effective_n']:,.0f}"
        if effective is None:
            sample = tr("tile.small_sample" if small else "tile.n", n=n)
            described = tr(f"metric_help.{metric.name}")
        else:  # weighted: the interval is at the effective n, which the tile names
            sample = tr("tile.small_sample_weighted" if small else "tile.n_weighted", effective_n=effective)
            described = sentences(tr(f"metric_help.{metric.name}"),
                                  tr("tile.weighted_help", effective_n=effective, n=n))
        column.metric(
            tr(f"metric.{metric.name}"), _value(metric, found),
            delta=metric.half_text(found.get("low"), found.get("high")),
            delta_color="orange" if small else "off", delta_arrow="off", delta_description=sample,
            help=described, border=True,
        )


def _value(metric, found: dict) -> str:
    """A tile's value: the metric's own format, a mean with its scale's top (``4.12 / 7``)."""
    scale = f" / {found['scale_max']:g}" if metric.unit == "scale" and found.get("scale_max") is not None else ""
    return metric.text(found["value"]) + scale


def customer_tiles(summary: dict) -> None:
    """Tiles for a transaction export: customers, mean CLV with its 95% interval (BCa bootstrap, asymmetric, so shown
    as its two bounds), net revenue, average order value, orders a year."""
    clv = summary["clv"]
    bounds = f"{clv['low']:,.0f} – {clv['high']:,.0f}" if clv["low"] is not None and clv["high"] is not None else None
    n = f"{clv['n']:,}"
    columns = st.columns(5)
    columns[0].metric(tr("customers.customers"), f"{summary['customers']:,}", border=True,
                      help=tr("customers.customers_help"))
    columns[1].metric(tr("metric.clv"), "—" if clv["value"] is None else f"{clv['value']:,.0f}",
                      delta=bounds, delta_color="orange" if clv["small_sample"] else "off",
                      delta_arrow="off", delta_description=tr("tile.small_sample" if clv["small_sample"] else "tile.n", n=n),
                      border=True, help=tr("customers.clv_help"))
    for column, label, value in ((columns[2], tr("customers.revenue"), summary["revenue"]),
                                 (columns[3], tr("metric.aov"), summary["aov"]),
                                 (columns[4], tr("metric.frequency"), summary["frequency"])):
        column.metric(label, "—" if value is None else f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}",
                      border=True)
