"""Read one or more event-log files into one clean events table, setting aside unusable rows by reason.

Each file's columns are found on their own (:func:`analysis.behaviour.columns.guess_event_columns`),
so daily files whose headers drifted (``client_id`` vs ``clientId``, a column missing in some)
line up; every row remembers its file (``source``) and spreadsheet row (``row``). Each event has
two times: ``time`` in UTC (ISO times with an offset such as ``+08:00`` or ``Z`` converted, times
without one taken as they are), which orders events and measures gaps and durations, and ``local``,
the time on the clock the event was recorded by (:func:`analysis.schema.parse_dates`: the offset
dropped, not converted), which says which day and hour an event belongs to. Rows are then set
aside, first reason that applies: ``missing_visitor``, ``bad_time``, ``duplicate_event``
(identical to an earlier row in every field, across files), ``marker`` (a declared marker such as
``start_session``: not a page view; start and end markers are kept apart in :attr:`Events.markers`
to bound sessions), ``missing_session`` (a blank session id in a file with a session id column) and
``bot`` (a crawler's user agent, unless bots are kept). :func:`analysis.behaviour.sessions.sessionise`
later sets aside ``outside_session``: events outside any of the log's marked visits.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.behaviour import google_analytics as ga4
from analysis.behaviour import pages, traffic
from analysis.behaviour.columns import EventColumns, guess_event_columns, normalised
from analysis.errors import InputError, quoted
from analysis.io import Export, load_export
from analysis.messages import first_of
from analysis.schema import parse_dates

EVENT_COLUMNS = ["source", "row", "visitor", "session_id", "time", "local", "url", "path", "page", "event",
                 "page_view", "referrer", "referrer_known", "user_agent", "data"]
MARKER_COLUMNS = ["visitor", "session_id", "time", "name", "kind", "before"]
DEFAULT_MARKERS = ("start_session", "end_session", "session_start", "session_end")
PAGE_VIEW_EVENTS = {"page_view", "page_viewed", "pageview", "page", "screen_view", "screenview", "view"}
REASONS = ["missing_visitor", "bad_time", "duplicate_event", "marker", "missing_session", "bot", "outside_session"]
_STARTS = ("start", "begin", "open", "开始")  # words that make a marker a session start...
_ENDS = ("end", "finish", "close", "stop", "结束")  # ...or a session end
_READABLE = 0.5  # below this share of readable times, the column is not a time column


@dataclass
class Events:
    """A clean event log.

    Attributes
    ----------
    frame : DataFrame
        One row per kept event, in file order (files in the order given), columns
        :data:`EVENT_COLUMNS`: ``source`` (file name), ``row`` (its spreadsheet row),
        ``visitor``, ``session_id`` (the log's own session id; NA in files without one),
        ``time`` (naive UTC), ``local`` (naive, on the clock the event was recorded by),
        ``url`` (as exported), ``path`` (:func:`pages.page_path`),
        ``page`` (grouped, :func:`pages.group_pages`), ``event`` (event name; the page name when
        the file has no event column), ``page_view`` (bool), ``referrer``, ``referrer_known``
        (False where the file had no referrer column), ``user_agent``, ``data``.
    excluded : DataFrame
        One row per set-aside row: ``source``, ``row``, ``reason`` (one of :data:`REASONS`).
    columns : dict
        File name -> :class:`EventColumns` found in it.
    markers : DataFrame
        The marker rows (also in ``excluded``), columns :data:`MARKER_COLUMNS`: ``visitor``,
        ``session_id``, ``time``, ``name`` (as written), ``kind`` (``start``, ``end`` or
        ``other``: :func:`marker_kind`) and ``before`` (how many rows of ``frame`` come before
        it in file order, so markers and events can be put back in file order).
    """

    frame: pd.DataFrame
    excluded: pd.DataFrame
    columns: dict[str, EventColumns] = field(default_factory=dict)
    markers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=MARKER_COLUMNS))

    def excluded_counts(self) -> dict[str, int]:
        """Rows set aside per reason, in :data:`REASONS` order (reasons with none left out)."""
        counts = self.excluded["reason"].value_counts()
        return {reason: int(counts[reason]) for reason in REASONS if reason in counts}

    def set_aside(self, rows: pd.DataFrame, reason: str) -> "Events":
        """The same log with these rows of ``frame`` (by their index) moved to ``excluded`` for ``reason``."""
        if rows.empty:
            return self
        moved = pd.DataFrame({"source": rows["source"].to_numpy(), "row": rows["row"].to_numpy(), "reason": reason})
        gone = np.sort(self.frame.index.get_indexer(rows.index))
        markers = self.markers.assign(before=self.markers["before"] - np.searchsorted(gone, self.markers["before"]))
        return Events(self.frame.drop(index=rows.index).reset_index(drop=True),
                      pd.concat([self.excluded, moved], ignore_index=True), self.columns, markers)


def marker_kind(name: str) -> str:
    """``start`` for a marker that opens a session (``start_session``, ``Session Start``, ``begin``, 会话开始),
    ``end`` for one that closes it (``end_session``, ``finish``, 会话结束), else ``other``."""
    key = str(name).lower()
    if any(word in key for word in _STARTS):
        return "start"
    return "end" if any(word in key for word in _ENDS) else "other"


def read_events(sources, markers=DEFAULT_MARKERS, keep_bots: bool = False,
                page_patterns: list[str] | None = None, session_column: str | None = None) -> Events:
    """Load event-log files (paths, bytes, :class:`Export` or DataFrames) into one clean table.

    Parameters
    ----------
    sources : list
        Files in order: paths, ``(name, bytes)`` pairs, loaded :class:`analysis.io.Export`
        objects or ``(name, DataFrame)`` pairs. One source alone may be given without a list.
    markers : iterable of str
        Event (or page) names that mark something other than a page view; set aside as
        ``marker``. Compared without case, spaces, dashes or underscores (``Session Start`` is
        ``session_start``). Default :data:`DEFAULT_MARKERS`; ``()`` for none.
    keep_bots : bool
        Keep events of crawlers' user agents (their device class is then ``bot``).
    page_patterns : list of str, optional
        Glob patterns that name pages (see :func:`pages.group_pages`).
    session_column : str, optional
        The session id column: None to guess it by its header, ``""`` for none (sessions are
        then made by markers or the inactivity gap), or a header (used in the files that have it).

    Returns
    -------
    Events

    Raises
    ------
    InputError
        When a file has no visitor, time or page/event column, or its time column does not
        read as times; the message names the file and the column.
    """
    frames, columns = [], {}
    for name, frame in _frames(sources):
        found = guess_event_columns(frame, name)
        if session_column is not None:
            found.session = session_column if session_column in frame.columns else None
        columns[name] = found
        frames.append(_canonical(frame, found, name))
    raw = pd.concat(frames, ignore_index=True)
    return clean_events(raw, markers, keep_bots, page_patterns, columns)


def load_logs(sources, load=load_export, name=lambda source: Path(source).name) -> list[Export]:
    """Load several event-log files with ``load`` (:func:`analysis.io.load_export` by default). A file with a header
    row and no events among others (a day without visits in daily exports) holds nothing and is left out, as the
    DuckDB engine reads it; when every file is one, ``InputError`` ``error.behaviour.header_only`` names them
    (``name`` gives a source's name in that message). Any other error is raised as it is."""
    loaded, empty = [], []
    for source in sources:
        try:
            loaded.append(load(source))
        except InputError as err:
            if err.message.code != "error.file.header_only":
                raise
            empty.append(name(source))
    if not loaded:
        raise InputError("error.behaviour.header_only", files=first_of([quoted(found) for found in empty]))
    return loaded


def _frames(sources):
    """``(name, frame)`` for each source, loading files with :func:`analysis.io.load_export`; GA4 exports with
    nested ``event_params`` flattened (:func:`analysis.behaviour.google_analytics.flatten`)."""
    if isinstance(sources, (str, Path, bytes, Export, tuple, pd.DataFrame)):
        sources = [sources]
    for source in sources:
        if isinstance(source, Export):
            yield source.name, ga4.flatten(source.frame)
        elif isinstance(source, tuple) and isinstance(source[1], pd.DataFrame):
            yield source[0], ga4.flatten(source[1])
        else:
            export = load_export(source[1], name=source[0]) if isinstance(source, tuple) else load_export(source)
            yield export.name, ga4.flatten(export.frame)


def _canonical(frame: pd.DataFrame, found: EventColumns, name: str) -> pd.DataFrame:
    """One file's rows with the canonical columns (values still as exported, time parsed)."""
    def column(field_name):
        source = getattr(found, field_name)
        return frame[source].astype("string") if source else pd.Series(pd.NA, index=frame.index, dtype="string")

    if found.timestamp:
        stamps = frame[found.timestamp]
        time = parse_times(stamps, found.timestamp, name)
    else:
        stamps = frame[found.date].astype("string").str.strip() + " " + frame[found.time].astype("string").str.strip()
        time = parse_times(stamps, f"{found.date} + {found.time}", name)
    url = column("page") if found.page else column("event")
    event = column("event") if found.event else pages.page_path(url)
    visitor = column("visitor").str.strip()
    session = column("session").str.strip()
    return pd.DataFrame({
        "source": name, "row": frame.index.to_numpy(), "visitor": visitor.where(visitor != ""),
        "session_id": session.where(session != ""), "has_session": found.session is not None, "time": time,
        "local": local_times(stamps, time), "url": url, "event": event.str.strip(), "referrer": column("referrer"),
        "referrer_known": found.referrer is not None, "user_agent": column("user_agent"), "data": column("data"),
    }).reset_index(drop=True)


def parse_times(values: pd.Series, column: str = "time", name: str = "file") -> pd.Series:
    """Timestamps as naive UTC: ISO with offsets converted, epoch seconds, milliseconds or microseconds read, others
    as written.

    Raises
    ------
    InputError
        When fewer than half of the filled values read as times (``error.behaviour.bad_time``,
        naming the file, the column and examples).
    """
    filled = values.notna() & (values.astype("string").str.strip() != "")
    parsed = read_times(values)
    readable = parsed.notna().sum()
    if filled.sum() and readable < _READABLE * filled.sum():
        examples = ", ".join(dict.fromkeys(values[filled & parsed.isna()].astype(str).head(50)))
        raise InputError("error.behaviour.bad_time", file=name, column=quoted(column), examples=examples[:80])
    return parsed


def read_times(values: pd.Series) -> pd.Series:
    """:func:`parse_times` without the check: NaT where a value does not read as a time. Whole numbers of ten
    digits or more written as text (GA4's JSON export writes ``event_timestamp`` so) are epoch times too."""
    filled = values.notna() & (values.astype("string").str.strip() != "")
    if not pd.api.types.is_numeric_dtype(values) and filled.any() \
            and values[filled].astype("string").str.fullmatch(r"\s*\d{10,}\s*").all():
        values = pd.to_numeric(values.astype("string").str.strip(), errors="coerce")  # epoch numbers kept as text
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.astype(float)
        parsed = pd.to_datetime(numbers, unit=epoch_unit(numbers.abs().median()), errors="coerce")
    else:
        text = values.astype("string").str.strip()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            parsed = pd.to_datetime(text, errors="coerce", utc=True, format="ISO8601")
            if parsed.isna().sum() > (~filled).sum():
                parsed = pd.to_datetime(text, errors="coerce", utc=True, format="mixed")
        parsed = parsed.dt.tz_convert(None)
    return parsed.astype("datetime64[ns]")


def epoch_unit(median: float) -> str:
    """The unit of epoch times whose median magnitude is ``median``: microseconds above 1e14 (GA4's
    ``event_timestamp``), milliseconds above 1e11, else seconds."""
    return "us" if median > 1e14 else "ms" if median > 1e11 else "s"


def local_times(values: pd.Series, utc: pd.Series) -> pd.Series:
    """The times of ``values`` on the clock they were recorded by (:func:`analysis.schema.parse_dates`: an offset
    is dropped, not converted), where that reads; elsewhere (epoch numbers, layouts only the UTC reading
    understands) the UTC time ``utc`` of :func:`parse_times`."""
    if pd.api.types.is_numeric_dtype(values):
        return utc
    local = parse_dates(values)
    return local.astype("datetime64[ns]").where(local.notna(), utc)


def clean_events(raw: pd.DataFrame, markers=DEFAULT_MARKERS, keep_bots: bool = False,
                 page_patterns: list[str] | None = None, columns: dict | None = None) -> Events:
    """Set aside unusable rows of a canonical events frame (see the module notes) and add pages.

    ``raw`` has the columns ``source, row, visitor, session_id, has_session (the file has a session id
    column), time, local, url, event, referrer, referrer_known, user_agent, data`` (as :func:`read_events`
    builds them). Returns :class:`Events`.
    """
    marker_names = {normalised(marker) for marker in markers or ()}
    values = ["visitor", "session_id", "time", "url", "event", "referrer", "user_agent", "data"]
    checks = [
        ("missing_visitor", raw["visitor"].isna()),
        ("bad_time", raw["time"].isna()),
        ("duplicate_event", raw.duplicated(subset=values, keep="first")),
        ("marker", raw["event"].map({name: normalised(name) in marker_names
                                     for name in raw["event"].dropna().unique()})),
        ("missing_session", raw["has_session"].astype(bool) & raw["session_id"].isna()),
    ]
    if not keep_bots:
        checks.append(("bot", traffic.is_bot(raw["user_agent"])))
    reason = pd.Series(pd.NA, index=raw.index, dtype="string")
    for name, failed in checks:
        reason[failed.fillna(False).astype(bool) & reason.isna()] = name
    keeps = reason.isna().to_numpy()
    kept = raw[keeps].reset_index(drop=True)
    excluded = pd.DataFrame({"source": raw.loc[~keeps, "source"].to_numpy(), "row": raw.loc[~keeps, "row"].to_numpy(),
                             "reason": reason[~keeps].astype(object).to_numpy()})
    kept["path"] = pages.page_path(kept["url"])
    kept["page"] = pages.group_pages(kept["path"], page_patterns)
    kept["page_view"] = _page_views(kept["event"])
    is_marker = (reason == "marker").fillna(False).to_numpy()
    found = raw[is_marker]
    markers_found = pd.DataFrame({
        "visitor": found["visitor"].to_numpy(), "session_id": found["session_id"].to_numpy(),
        "time": found["time"].to_numpy(), "name": found["event"].to_numpy(),
        "kind": found["event"].map(marker_kind).to_numpy(), "before": np.cumsum(keeps)[is_marker]},
        columns=MARKER_COLUMNS)
    return Events(kept[EVENT_COLUMNS], excluded, columns or {}, markers_found)


def _page_views(events: pd.Series) -> pd.Series:
    """Which events are page views: the page-view events when the log names them, else every event."""
    named = events.str.lower().isin(PAGE_VIEW_EVENTS).fillna(False).astype(bool)
    return named if named.any() else pd.Series(np.ones(len(events), dtype=bool), index=events.index)
