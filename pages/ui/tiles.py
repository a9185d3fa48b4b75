"""The headline-metric tiles: value ± half the 95% interval, with n (flagged when small)."""
from __future__ import annotations

import streamlit as st

from pages.ui.text import tr

HEADLINE_METRICS = ("nps", "csat", "ces", "satisfied")


def metric_tiles(metrics: dict) -> None:
    """A row of bordered tiles: value ± half the 95% interval, with n (flagged when small)."""
    shown = [name for name in HEADLINE_METRICS if (metrics.get(name) or {}).get("value") is not None]
    if not shown:
        return
    for column, name in zip(st.columns(len(HEADLINE_METRICS)), shown):
        metric = metrics[name]
        value, half = _formatted(name, metric)
        n = f"{metric['n']:,}"
        column.metric(
            tr(f"metric.{name}"), value,
            delta=half, delta_color="orange" if metric.get("small_sample") else "off", delta_arrow="off",
            delta_description=tr("tile.small_sample", n=n) if metric.get("small_sample") else tr("tile.n", n=n),
            help=tr(f"metric_help.{name}"), border=True,
        )


def _formatted(name: str, metric: dict) -> tuple[str, str | None]:
    """Display strings for a metric's value and its ± half interval (None when unknown)."""
    low, high = metric.get("low"), metric.get("high")
    half = (high - low) / 2 if low is not None and high is not None else None
    if name == "nps":
        return f"{metric['value']:+.0f}", None if half is None else f"± {half:.0f}"
    if name == "ces":
        scale = f" / {metric['scale_max']:g}" if metric.get("scale_max") is not None else ""
        return f"{metric['value']:.2f}{scale}", None if half is None else f"± {half:.2f}"
    return f"{metric['value']:.1f}%", None if half is None else f"± {half:.1f}"


def customer_tiles(summary: dict) -> None:
    """Tiles for a transaction export: customers, mean CLV ± half its 95% interval, net revenue, order value, orders a year."""
    clv = summary["clv"]
    half = (clv["high"] - clv["low"]) / 2 if clv["low"] is not None and clv["high"] is not None else None
    n = f"{clv['n']:,}"
    columns = st.columns(5)
    columns[0].metric(tr("customers.customers"), f"{summary['customers']:,}", border=True,
                      help=tr("customers.customers_help"))
    columns[1].metric(tr("metric.clv"), "—" if clv["value"] is None else f"{clv['value']:,.0f}",
                      delta=None if half is None else f"± {half:,.0f}", delta_color="orange" if clv["small_sample"] else "off",
                      delta_arrow="off", delta_description=tr("tile.small_sample" if clv["small_sample"] else "tile.n", n=n),
                      border=True, help=tr("customers.clv_help"))
    for column, label, value in ((columns[2], tr("customers.revenue"), summary["revenue"]),
                                 (columns[3], tr("metric.aov"), summary["aov"]),
                                 (columns[4], tr("metric.frequency"), summary["frequency"])):
        column.metric(label, "—" if value is None else f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}",
                      border=True)
