"""Sessions: which events make one visit, by the first rule the log allows, and their order.

1. **Session id column** (``session_id``, ``Visit ID``, ``会话``...): a visitor's events that share a
   session id are one session, however long the pauses between them.
2. **Start and end markers** (``start_session`` / ``end_session`` rows, see
   :func:`analysis.behaviour.events.marker_kind`), for a visitor with markers and events without a
   session id: a start opens a session (a start always opens a new one), which runs to the next end
   or start, or to the visitor's last event when no end comes; a visitor whose markers are all ends
   opens a session at its first event and after each end. Events after an end and before the next
   start (or before the first start) are outside any marked visit: they are set aside (``outside_session``),
   not guessed into one. A marker carries its time: at equal times a start comes before the events and
   an end after them, whatever the file's order.
3. **Inactivity gap**, for visitors with neither: a new session starts at a visitor's first event and
   after more than ``gap_minutes`` (30 by default) without an event; a gap of exactly 30 minutes
   stays in the session.

Order and gaps use UTC times (real elapsed time, across offsets and clock changes); equal times keep
file order. Everything is vectorised (sort, shift, cumsum, groupby), with no Python loop over events.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.behaviour import traffic
from analysis.errors import InputError

GAP_MINUTES = 30.0
RULES = ["session_id", "markers", "inactivity_gap"]
SESSION_COLUMNS = ["session", "visitor", "source", "rule", "start", "end", "date", "duration_s", "events", "pages",
                   "entry_page", "exit_page", "landing_url", "referrer", "channel", "device", "visitor_type",
                   "bounce"]
_RANK = {"start": 0, "end": 2}  # at equal times: starts, then events (1), then ends


def sessionise(events: pd.DataFrame, gap_minutes: float = GAP_MINUTES,
               markers: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group the events into sessions (see the module notes for the rules) and order them.

    Parameters
    ----------
    events : DataFrame
        :attr:`analysis.behaviour.events.Events.frame` (file order).
    gap_minutes : float
        Inactivity (strictly more than this) that starts a new session where the log has neither
        session ids nor markers.
    markers : DataFrame, optional
        :attr:`analysis.behaviour.events.Events.markers`; without it no session follows markers.

    Returns
    -------
    ordered : DataFrame
        The events in sessions, sorted by visitor, session start and time (stable: equal times keep
        file order), with ``session`` (0, 1, ... in that order), ``rule`` (which of :data:`RULES`
        made it), ``step`` (position in the session, from 0), ``seconds_on`` (seconds to the
        session's next event: time on the page; NaN for the session's last event, never 0 for
        "unknown") and ``page_step`` (position among the session's page views, NaN for other events).
    outside : DataFrame
        The events outside any marked visit (rows of ``events``), to be set aside.

    Raises
    ------
    InputError
        When ``gap_minutes`` is not a positive number.
    """
    check_gap(gap_minutes)
    frame = events.reset_index(drop=True)
    file_order = 2 * np.arange(len(frame)) + 1  # a marker before event i in the file has 2 * i
    labelled = frame["session_id"].notna().to_numpy()
    label = np.zeros(len(frame), dtype=np.int64)
    rule = np.full(len(frame), RULES[2], dtype=object)
    inside = np.ones(len(frame), dtype=bool)
    stream = _stream(frame, ~labelled, file_order, markers)
    visitor = stream["visitor"].to_numpy(dtype=object)
    same = np.concatenate([[False], visitor[1:] == visitor[:-1]]) if len(visitor) else np.zeros(0, bool)
    opened, visits, marked = _marked_visits(stream["_rank"].to_numpy(), same)
    gaps = _gap_sessions(stream["time"], same, marked, gap_minutes)
    rows = stream["_event"].to_numpy()
    is_event = rows >= 0
    label[rows[is_event]] = np.where(marked, visits, gaps + visits.max(initial=0) + 1)[is_event]
    rule[rows[is_event & marked]] = RULES[1]
    inside[rows[is_event]] = opened[is_event] | ~marked[is_event]
    if labelled.any():
        ids = frame.loc[labelled, ["visitor", "session_id"]]
        label[labelled] = label.max(initial=0) + 1 + ids.groupby(["visitor", "session_id"], sort=False).ngroup()
        rule[labelled] = RULES[0]
    ordered = frame.assign(_label=label, rule=rule, _file=file_order)[inside]
    first = ordered.groupby("_label")[["time", "_file"]].transform("min")
    ordered = ordered.assign(_start=first["time"], _first=first["_file"])
    ordered = ordered.sort_values(["visitor", "_start", "_first", "time", "_file"], kind="stable")
    ordered = ordered.drop(columns=["_start", "_first", "_file"]).reset_index(drop=True)
    label = ordered.pop("_label").to_numpy()
    ordered["session"] = np.cumsum(np.concatenate([[True], label[1:] != label[:-1]])[:len(label)]) - 1
    ordered["step"] = ordered.groupby("session").cumcount()
    following = ordered["time"].shift(-1) - ordered["time"]
    last = ordered["session"].ne(ordered["session"].shift(-1)).to_numpy()
    ordered["seconds_on"] = following.dt.total_seconds().where(~last)
    views = ordered["page_view"].astype(bool)
    ordered["page_step"] = ordered[views].groupby("session").cumcount().reindex(ordered.index)
    return ordered, events.iloc[np.flatnonzero(~inside)]


def _stream(frame: pd.DataFrame, unlabelled: np.ndarray, file_order: np.ndarray,
            markers: pd.DataFrame | None) -> pd.DataFrame:
    """The events without a session id and the start and end markers without one, sorted by visitor, time,
    marker rank (starts, events, ends) and file order; ``_event`` is the event's row in ``frame`` (-1 for a
    marker), ``_rank`` 0 for a start, 1 for an event, 2 for an end."""
    events = frame[unlabelled]
    parts = [pd.DataFrame({"visitor": events["visitor"].to_numpy(), "time": events["time"].to_numpy(), "_rank": 1,
                           "_file": file_order[unlabelled], "_event": np.flatnonzero(unlabelled)})]
    if markers is not None and len(markers):
        bounds = markers[markers["kind"].isin(list(_RANK)) & markers["session_id"].isna()]
        parts.append(pd.DataFrame({"visitor": bounds["visitor"].to_numpy(), "time": bounds["time"].to_numpy(),
                                   "_rank": bounds["kind"].map(_RANK).to_numpy(),
                                   "_file": 2 * bounds["before"].to_numpy(dtype=np.int64), "_event": -1}))
    stream = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return stream.sort_values(["visitor", "time", "_rank", "_file"], kind="stable").reset_index(drop=True)


def _marked_visits(rank: np.ndarray, same: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row of :func:`_stream` (its ``_rank``, and ``same``: the row's visitor is the previous row's):
    whether it is inside a marked visit, that visit's number (unique across visitors), and whether its visitor
    has start or end markers at all."""
    group = np.cumsum(~same) - 1
    is_start, is_end = rank == 0, rank == 2
    has_start = (np.bincount(group, weights=is_start, minlength=group.max(initial=-1) + 1) > 0)[group]
    marked = (np.bincount(group, weights=is_start | is_end, minlength=group.max(initial=-1) + 1) > 0)[group]
    after_end = same & np.concatenate([[False], is_end[:-1]])
    opens = is_start | (marked & ~has_start & ~is_end & (~same | after_end))
    bound = pd.Series(np.where(opens, 1.0, np.where(is_end, 0.0, np.nan)))
    opened = (bound.groupby(group).ffill() == 1).to_numpy()
    return opened, np.cumsum(opens), marked


def _gap_sessions(time: pd.Series, same: np.ndarray, marked: np.ndarray, gap_minutes: float) -> np.ndarray:
    """For each row of :func:`_stream` (its ``time``; ``same`` and ``marked`` as :func:`_marked_visits` takes and
    gives them): its session number under the inactivity gap, meaningful for visitors without markers (whose rows
    are all events)."""
    gap = time.diff().to_numpy()
    new = ~same | (gap > np.timedelta64(int(gap_minutes * 60e9), "ns"))
    return np.cumsum(new & ~marked)


def session_table(ordered: pd.DataFrame) -> pd.DataFrame:
    """One row per session of :func:`sessionise`'s events.

    Returns
    -------
    DataFrame
        Columns :data:`SESSION_COLUMNS`: ``session``, ``visitor``, ``source`` (file of the
        first event), ``rule`` (which of :data:`RULES` made it), ``start`` and ``end`` (the local
        times of its first and last events, on the clock they were recorded by), ``date`` (the
        start's day on that clock), ``duration_s`` (elapsed, from the UTC times), ``events``
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
        "visitor": first["visitor"], "source": first["source"], "rule": first["rule"],
        "start": first["local"], "end": grouped["local"].last(), "events": grouped.size(),
    })
    table["pages"] = views.size().reindex(table.index, fill_value=0)
    table["entry_page"] = views.first().reindex(table.index)
    table["exit_page"] = views.last().reindex(table.index)
    table["date"] = table["start"].dt.normalize()
    table["duration_s"] = (grouped["time"].max() - grouped["time"].min()).dt.total_seconds()
    table["landing_url"] = first["url"]
    table["referrer"] = first["referrer"]
    table["channel"] = traffic.channel(first["url"], first["referrer"], first["referrer_known"])
    table["device"] = traffic.device_class(first["user_agent"])
    table["visitor_type"] = np.where(table["visitor"].duplicated(), "returning", "new")
    table["bounce"] = (table["events"] == 1) & (table["pages"] == 1)
    return table.reset_index()[SESSION_COLUMNS]


def check_gap(gap_minutes: float) -> None:
    """Refuse an inactivity gap that is not a positive number of minutes (both engines ask it)."""
    if not (np.isfinite(gap_minutes) and gap_minutes > 0):
        raise InputError("error.behaviour.gap", given=gap_minutes)
