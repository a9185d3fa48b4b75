"""Sessions: a visitor's events ordered by time (file order breaks ties), split after a gap.

A new session starts at a visitor's first event and after more than ``gap_minutes`` (30 by
default) without an event; a gap of exactly 30 minutes stays in the session. Everything is
vectorised (sort, shift, cumsum, groupby), with no Python loop over events.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.behaviour import traffic
from analysis.errors import InputError

GAP_MINUTES = 30.0
SESSION_COLUMNS = ["session", "visitor", "source", "start", "end", "date", "duration_s", "events", "pages",
                   "entry_page", "exit_page", "landing_url", "referrer", "channel", "device", "visitor_type",
                   "bounce"]


def sessionise(events: pd.DataFrame, gap_minutes: float = GAP_MINUTES) -> pd.DataFrame:
    """Order the events and number their sessions.

    Parameters
    ----------
    events : DataFrame
        :attr:`analysis.behaviour.events.Events.frame` (file order).
    gap_minutes : float
        Inactivity (strictly more than this) that starts a new session.

    Returns
    -------
    DataFrame
        The events sorted by visitor and time (stable: equal times keep file order), with
        ``session`` (0, 1, ... in that order), ``step`` (position in the session, from 0),
        ``seconds_on`` (seconds to the session's next event: time on the page; NaN for the
        session's last event, never 0 for "unknown") and ``page_step`` (position among the
        session's page views, NaN for other events).

    Raises
    ------
    InputError
        When ``gap_minutes`` is not a positive number.
    """
    if not (np.isfinite(gap_minutes) and gap_minutes > 0):
        raise InputError("error.behaviour.gap", given=gap_minutes)
    ordered = events.assign(_order=np.arange(len(events)))
    ordered = ordered.sort_values(["visitor", "time", "_order"], kind="stable").drop(columns="_order")
    ordered = ordered.reset_index(drop=True)
    visitor = ordered["visitor"].to_numpy(dtype=object)
    same_visitor = np.concatenate([[False], visitor[1:] == visitor[:-1]]) if len(visitor) else np.zeros(0, bool)
    gap = ordered["time"].diff().to_numpy()
    new = ~same_visitor | (gap > np.timedelta64(int(gap_minutes * 60e9), "ns"))
    ordered["session"] = np.cumsum(new) - 1
    ordered["step"] = ordered.groupby("session").cumcount()
    following = ordered["time"].shift(-1) - ordered["time"]
    last = ordered["session"].ne(ordered["session"].shift(-1)).to_numpy()
    ordered["seconds_on"] = following.dt.total_seconds().where(~last)
    views = ordered["page_view"].astype(bool)
    ordered["page_step"] = ordered[views].groupby("session").cumcount().reindex(ordered.index)
    return ordered


def session_table(ordered: pd.DataFrame) -> pd.DataFrame:
    """One row per session of :func:`sessionise`'s events.

    Returns
    -------
    DataFrame
        Columns :data:`SESSION_COLUMNS`: ``session``, ``visitor``, ``source`` (file of the
        first event), ``start``, ``end``, ``date`` (start day, UTC), ``duration_s``, ``events``
        (all kept events), ``pages`` (page views), ``entry_page`` / ``exit_page`` (first and last
        page viewed; NaN with no page view), ``landing_url`` and ``referrer`` of the first event,
        ``channel`` (:func:`traffic.channel`), ``device`` (:func:`traffic.device_class` of the
        first event), ``visitor_type`` (``new`` for a visitor's first session in the data,
        ``returning`` after) and ``bounce``: the session has exactly one event and it is a page
        view.
    """
    grouped = ordered.groupby("session", sort=True)
    first = grouped.head(1).set_index("session")
    views = ordered[ordered["page_view"].astype(bool)].groupby("session")["page"]
    table = pd.DataFrame({
        "visitor": first["visitor"], "source": first["source"], "start": grouped["time"].min(),
        "end": grouped["time"].max(), "events": grouped.size(),
    })
    table["pages"] = views.size().reindex(table.index, fill_value=0)
    table["entry_page"] = views.first().reindex(table.index)
    table["exit_page"] = views.last().reindex(table.index)
    table["date"] = table["start"].dt.normalize()
    table["duration_s"] = (table["end"] - table["start"]).dt.total_seconds()
    table["landing_url"] = first["url"]
    table["referrer"] = first["referrer"]
    table["channel"] = traffic.channel(first["url"], first["referrer"], first["referrer_known"])
    table["device"] = traffic.device_class(first["user_agent"])
    table["visitor_type"] = np.where(table["visitor"].duplicated(), "returning", "new")
    table["bounce"] = (table["events"] == 1) & (table["pages"] == 1)
    return table.reset_index()[SESSION_COLUMNS]
