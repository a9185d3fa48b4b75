"""Retention cohorts: visitors grouped by the week or month of their first visit, and the share of each cohort
that came back in each later period.

A visitor's **cohort** is the period (ISO week from Monday, or calendar month) of the local start of their first
session in the log. Period k of a cohort (k = 0, 1, ...) is the k-th period after it; a visitor is **returning**
in period k when one of their sessions starts in it. Period 0 holds every visitor of the cohort (100%). Only
periods the log reaches are shown: a cohort of the log's last week has period 0 alone. Shares are percentages
with Wilson 95% intervals; visitors seen before the log begins are counted from their first visit in it.

Both engines give the distinct returning visitors per (cohort, period) (:func:`retention_counts` here, SQL in
:mod:`analysis.behaviour.engine.measure`); :func:`retention_figures` turns them into the table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.behaviour.metrics import rates

PERIODS = ("week", "month")
RETENTION_COLUMNS = ["cohort", "period", "cohort_size", "visitors", "share", "low", "high", "small_sample"]


def period_start(times: pd.Series, period: str) -> pd.Series:
    """The start (midnight) of the week (from Monday) or month each time falls in."""
    check_period(period)
    days = pd.to_datetime(times).dt.normalize()
    if period == "week":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    return days - pd.to_timedelta(days.dt.day - 1, unit="D")


def period_number(starts: pd.Series, period: str) -> pd.Series:
    """A running number of the period starting at each of ``starts`` (weeks or months since the epoch)."""
    if period == "week":
        return (starts - pd.Timestamp("1970-01-05")).dt.days // 7
    return starts.dt.year * 12 + starts.dt.month - 1


def check_period(period: str) -> None:
    """Refuse a period that is not ``week`` or ``month`` (it is written into SQL)."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period}")


def retention_counts(sessions: pd.DataFrame, period: str = "week") -> tuple[pd.DataFrame, pd.Timestamp]:
    """Distinct visitors per cohort and later period, from the session table (``visitor``, ``start``).

    Returns
    -------
    counts : DataFrame
        ``cohort`` (the cohort period's start), ``period`` (0, 1, ...) and ``visitors`` returning in it; only
        pairs with some visitor.
    last : Timestamp
        The start of the log's last period.
    """
    starts = period_start(sessions["start"], period)
    number = period_number(starts, period)
    frame = pd.DataFrame({"visitor": sessions["visitor"].to_numpy(), "start": starts.to_numpy(),
                          "number": number.to_numpy()})
    first = frame.groupby("visitor")[["number", "start"]].transform("min")
    frame = frame.assign(cohort=first["start"], period=frame["number"] - first["number"])
    counts = frame.drop_duplicates(["visitor", "period"]).groupby(["cohort", "period"]).size()
    return counts.rename("visitors").reset_index(), starts.max()


def retention_figures(counts: pd.DataFrame, last: pd.Timestamp, period: str = "week") -> pd.DataFrame:
    """The retention table from :func:`retention_counts`' ``counts`` and ``last`` (shared by both engines).

    Returns
    -------
    DataFrame
        Columns :data:`RETENTION_COLUMNS`, one row per cohort (oldest first) and period from 0 to the last period
        the log reaches for that cohort: ``cohort_size`` (its visitors), ``visitors`` returning in the period (0
        where none did), ``share`` of the cohort (%) with Wilson ``low``/``high``, ``small_sample`` (cohort under
        30 visitors).
    """
    columns = pd.DataFrame(columns=RETENTION_COLUMNS)
    if counts.empty:
        return columns
    counts = counts.assign(cohort=pd.to_datetime(counts["cohort"]))
    sizes = counts[counts["period"] == 0].set_index("cohort")["visitors"]
    last_number = int(period_number(pd.Series([pd.Timestamp(last)]), period).iloc[0])
    rows = []
    for cohort, size in sizes.sort_index().items():
        reach = last_number - int(period_number(pd.Series([cohort]), period).iloc[0])
        rows.append(pd.DataFrame({"cohort": cohort, "period": np.arange(reach + 1), "cohort_size": int(size)}))
    table = pd.concat(rows, ignore_index=True).merge(counts, on=["cohort", "period"], how="left")
    table["visitors"] = table["visitors"].fillna(0).astype(int)
    table[["share", "low", "high"]] = rates(table["visitors"], table["cohort_size"])
    table["small_sample"] = table["cohort_size"] < metrics.SMALL_SAMPLE
    return table[RETENTION_COLUMNS]


def retention(sessions: pd.DataFrame, period: str = "week") -> pd.DataFrame:
    """:func:`retention_figures` of a session table (:func:`analysis.behaviour.sessions.session_table`)."""
    counts, last = retention_counts(sessions, period)
    return retention_figures(counts, last, period)
