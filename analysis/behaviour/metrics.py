"""Session metrics with 95% intervals: bounce, pages per session, conversion, exit rate and time on page.

Shares are percentages (0-100) with Wilson intervals and means have t intervals, from
:mod:`analysis.metrics`; ``small_sample`` flags fewer than 30 behind a figure.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import metrics

SEGMENTS = ["channel", "device", "visitor_type", "entry_page", "date"]
SEGMENT_COLUMNS = ["group", "sessions", "visitors", "bounces", "bounce_rate", "bounce_low", "bounce_high",
                   "pages_per_session", "pages_low", "pages_high", "conversions", "conversion_rate",
                   "conversion_low", "conversion_high", "small_sample"]
PAGE_COLUMNS = ["page", "views", "entries", "exits", "exit_rate", "exit_low", "exit_high", "time_on_page_s",
                "time_low", "time_high", "time_n", "small_sample"]


def summary(sessions: pd.DataFrame, ordered: pd.DataFrame) -> dict:
    """Headline figures of a session table.

    Parameters
    ----------
    sessions : DataFrame
        :func:`analysis.behaviour.sessions.session_table`, optionally with a bool ``converted``.
    ordered : DataFrame
        The sessionised events (for time on page).

    Returns
    -------
    dict
        ``visitors``, ``sessions`` (ints) and :class:`analysis.metrics.Metric` objects:
        ``bounce_rate`` (%), ``pages_per_session`` (mean, t interval), ``time_on_page_s``
        (mean seconds over page views whose next event is known, n = those views),
        ``conversion`` (% of sessions, only with a ``converted`` column).
    """
    result = {"visitors": int(sessions["visitor"].nunique()), "sessions": len(sessions),
              "bounce_rate": metrics.share(sessions["bounce"]),
              "pages_per_session": _mean(sessions["pages"]),
              "time_on_page_s": _mean(ordered.loc[ordered["page_view"].astype(bool), "seconds_on"])}
    if "converted" in sessions:
        result["conversion"] = metrics.share(sessions["converted"])
    return result


def _mean(values) -> metrics.Metric:
    mean, low, high = metrics.mean_interval(values)
    n = int(pd.Series(values).notna().sum())
    return metrics.Metric(*(None if np.isnan(v) else v for v in (mean, low, high)), n)


def by_segment(sessions: pd.DataFrame, by: str) -> pd.DataFrame:
    """The headline figures per value of a session column (``channel``, ``device``, ``visitor_type``,
    ``entry_page``, ``date``...).

    Returns
    -------
    DataFrame
        Columns :data:`SEGMENT_COLUMNS`, largest group first (dates in date order): sessions,
        visitors, bounce rate and pages per session with intervals, conversions and conversion
        rate (NaN without a ``converted`` column). A blank value is the group ``(none)``.
    """
    group = sessions[by].astype(object).where(sessions[by].notna(), "(none)")
    if by == "date":
        group = sessions[by].dt.strftime("%Y-%m-%d").fillna("(none)")
    frame = sessions.assign(_group=group, _converted=sessions.get("converted", np.nan))
    grouped = frame.groupby("_group", sort=False)
    table = pd.DataFrame({
        "sessions": grouped.size(), "visitors": grouped["visitor"].nunique(), "bounces": grouped["bounce"].sum(),
        "pages_per_session": grouped["pages"].mean(), "_std": grouped["pages"].std(),
        "conversions": grouped["_converted"].sum(min_count=1)})
    return segment_figures(table.rename_axis("group").reset_index(), by == "date")


def segment_figures(table: pd.DataFrame, by_date: bool = False) -> pd.DataFrame:
    """:func:`by_segment`'s rates, intervals and order from its counts per group: ``group``, ``sessions``,
    ``visitors``, ``bounces``, ``pages_per_session`` (mean), ``_std`` (its standard deviation) and
    ``conversions`` (NaN when no conversion is known). Shared by the pandas and the SQL engine."""
    table = table.copy()
    table[["bounce_rate", "bounce_low", "bounce_high"]] = rates(table["bounces"], table["sessions"])
    table["pages_low"], table["pages_high"] = metrics.t_bounds(table["pages_per_session"], table["_std"],
                                                               table["sessions"])
    table[["conversion_rate", "conversion_low", "conversion_high"]] = rates(table["conversions"], table["sessions"])
    table["small_sample"] = table["sessions"] < metrics.SMALL_SAMPLE
    if by_date:
        table = table.sort_values("group", kind="stable")
    else:
        table = table.sort_values(["sessions", "group"], ascending=[False, True], kind="stable")
    return table[SEGMENT_COLUMNS].reset_index(drop=True)


def rates(hits, n) -> pd.DataFrame:
    """Rate, low and high in % (Wilson 95%) for arrays of successes and totals; NaN where n is 0 or hits unknown."""
    hits, n = np.asarray(hits, dtype=float), np.asarray(n, dtype=float)
    safe = np.where(n > 0, n, 1.0)
    low, high = metrics.wilson_bounds(np.nan_to_num(hits), safe)
    bad = (n <= 0) | np.isnan(hits)
    return pd.DataFrame({"rate": np.where(bad, np.nan, 100 * hits / safe), "low": np.where(bad, np.nan, 100 * low),
                         "high": np.where(bad, np.nan, 100 * high)}).to_numpy()


def page_table(ordered: pd.DataFrame, sessions: pd.DataFrame) -> pd.DataFrame:
    """Per page: views, entries, exits, exit rate (exits / views, Wilson) and average time on page.

    Returns
    -------
    DataFrame
        Columns :data:`PAGE_COLUMNS`, most exits first. Time on page is the mean gap to the
        next event over the page's views whose next event is known (``time_n`` of them), with a
        t interval; a session's last view has no known time and is left out, never counted
        as 0.
    """
    views = ordered[ordered["page_view"].astype(bool)]
    grouped = views.groupby("page", sort=False)
    table = pd.DataFrame({"views": grouped.size(), "time_on_page_s": grouped["seconds_on"].mean(),
                          "_std": grouped["seconds_on"].std(), "time_n": grouped["seconds_on"].count()})
    table["entries"] = sessions["entry_page"].value_counts().reindex(table.index, fill_value=0)
    table["exits"] = sessions["exit_page"].value_counts().reindex(table.index, fill_value=0)
    return page_figures(table.rename_axis("page").reset_index())


def page_figures(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`page_table`'s rates, intervals and order from its counts per page: ``page``, ``views``,
    ``entries``, ``exits``, ``time_on_page_s`` (mean), ``_std`` (its standard deviation) and ``time_n``.
    Shared by the pandas and the SQL engine."""
    table = table.copy()
    table[["exit_rate", "exit_low", "exit_high"]] = rates(table["exits"], table["views"])
    table["time_low"], table["time_high"] = metrics.t_bounds(table["time_on_page_s"], table["_std"], table["time_n"])
    table["small_sample"] = table["views"] < metrics.SMALL_SAMPLE
    table = table.sort_values(["exits", "views", "page"], ascending=[False, False, True], kind="stable")
    return table[PAGE_COLUMNS].reset_index(drop=True)
