"""Read one or more event-log files into one clean events table, setting aside unusable rows by reason.

Each file's columns are found on their own (:func:`analysis.behaviour.columns.guess_event_columns`),
so daily files whose headers drifted (``client_id`` vs ``clientId``, a column missing in some)
line up; every row remembers its file (``source``) and spreadsheet row (``row``). Times are
read to UTC: ISO times with an offset (``+08:00``, ``Z``) are converted, times without one are
taken as they are. Rows are then set aside, first reason that applies: ``missing_visitor``,
``bad_time``, ``duplicate_event`` (identical to an earlier row in every field, across files),
``marker`` (a declared marker such as ``start_session``: not a page view) and ``bot`` (a
crawler's user agent, unless bots are kept).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.behaviour import pages, traffic
from analysis.behaviour.columns import EventColumns, guess_event_columns
from analysis.errors import InputError, quoted
from analysis.io import Export, load_export

EVENT_COLUMNS = ["source", "row", "visitor", "time", "url", "path", "page", "event", "page_view", "referrer",
                 "referrer_known", "user_agent", "data"]
DEFAULT_MARKERS = ("start_session", "end_session", "session_start", "session_end")
PAGE_VIEW_EVENTS = {"page_view", "page_viewed", "pageview", "page", "screen_view", "screenview", "view"}
REASONS = ["missing_visitor", "bad_time", "duplicate_event", "marker", "bot"]
_READABLE = 0.5  # below this share of readable times, the column is not a time column


@dataclass
class Events:
    """A clean event log.

    Attributes
    ----------
    frame : DataFrame
        One row per kept event, in file order (files in the order given), columns
        :data:`EVENT_COLUMNS`: ``source`` (file name), ``row`` (its spreadsheet row),
        ``visitor``, ``time`` (naive UTC), ``url`` (as exported), ``path`` (:func:`pages.page_path`),
        ``page`` (grouped, :func:`pages.group_pages`), ``event`` (event name; the page name when
        the file has no event column), ``page_view`` (bool), ``referrer``, ``referrer_known``
        (False where the file had no referrer column), ``user_agent``, ``data``.
    excluded : DataFrame
        One row per set-aside row: ``source``, ``row``, ``reason`` (one of :data:`REASONS`).
    columns : dict
        File name -> :class:`EventColumns` found in it.
    """

    frame: pd.DataFrame
    excluded: pd.DataFrame
    columns: dict[str, EventColumns] = field(default_factory=dict)

    def excluded_counts(self) -> dict[str, int]:
        """Rows set aside per reason, in :data:`REASONS` order (reasons with none left out)."""
        counts = self.excluded["reason"].value_counts()
        return {reason: int(counts[reason]) for reason in REASONS if reason in counts}


def read_events(sources, markers=DEFAULT_MARKERS, keep_bots: bool = False,
                page_patterns: list[str] | None = None) -> Events:
    """Load event-log files (paths, bytes, :class:`Export` or DataFrames) into one clean table.

    Parameters
    ----------
    sources : list
        Files in order: paths, ``(name, bytes)`` pairs, loaded :class:`analysis.io.Export`
        objects or ``(name, DataFrame)`` pairs. One source alone may be given without a list.
    markers : iterable of str
        Event (or page) names that mark something other than a page view; set aside as
        ``marker``. Default :data:`DEFAULT_MARKERS`; ``()`` for none.
    keep_bots : bool
        Keep events of crawlers' user agents (their device class is then ``bot``).
    page_patterns : list of str, optional
        Glob patterns that name pages (see :func:`pages.group_pages`).

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
        columns[name] = found
        frames.append(_canonical(frame, found, name))
    raw = pd.concat(frames, ignore_index=True)
    return clean_events(raw, markers, keep_bots, page_patterns, columns)


def _frames(sources):
    """``(name, frame)`` for each source, loading files with :func:`analysis.io.load_export`."""
    if isinstance(sources, (str, Path, bytes, Export, tuple, pd.DataFrame)):
        sources = [sources]
    for source in sources:
        if isinstance(source, Export):
            yield source.name, source.frame
        elif isinstance(source, tuple) and isinstance(source[1], pd.DataFrame):
            yield source
        elif isinstance(source, tuple):
            export = load_export(source[1], name=source[0])
            yield export.name, export.frame
        else:
            export = load_export(source)
            yield export.name, export.frame


def _canonical(frame: pd.DataFrame, found: EventColumns, name: str) -> pd.DataFrame:
    """One file's rows with the canonical columns (values still as exported, time parsed)."""
    def column(field_name):
        source = getattr(found, field_name)
        return frame[source].astype("string") if source else pd.Series(pd.NA, index=frame.index, dtype="string")

    if found.timestamp:
        time = parse_times(frame[found.timestamp], found.timestamp, name)
    else:
        both = frame[found.date].astype("string").str.strip() + " " + frame[found.time].astype("string").str.strip()
        time = parse_times(both, f"{found.date} + {found.time}", name)
    url = column("page") if found.page else column("event")
    event = column("event") if found.event else pages.page_path(url)
    visitor = column("visitor").str.strip()
    return pd.DataFrame({
        "source": name, "row": frame.index.to_numpy(), "visitor": visitor.where(visitor != ""), "time": time,
        "url": url, "event": event.str.strip(), "referrer": column("referrer"),
        "referrer_known": found.referrer is not None, "user_agent": column("user_agent"), "data": column("data"),
    }).reset_index(drop=True)


def parse_times(values: pd.Series, column: str = "time", name: str = "file") -> pd.Series:
    """Timestamps as naive UTC: ISO with offsets converted, epoch seconds or milliseconds read, others as written.

    Raises
    ------
    InputError
        When fewer than half of the filled values read as times (``error.behaviour.bad_time``,
        naming the file, the column and examples).
    """
    filled = values.notna() & (values.astype("string").str.strip() != "")
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.astype(float)
        unit = "ms" if numbers.abs().median() > 1e11 else "s"
        parsed = pd.to_datetime(numbers, unit=unit, errors="coerce")
    else:
        text = values.astype("string").str.strip()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            parsed = pd.to_datetime(text, errors="coerce", utc=True, format="ISO8601")
            if parsed.isna().sum() > (~filled).sum():
                parsed = pd.to_datetime(text, errors="coerce", utc=True, format="mixed")
        parsed = parsed.dt.tz_convert(None)
    readable = parsed.notna().sum()
    if filled.sum() and readable < _READABLE * filled.sum():
        examples = ", ".join(dict.fromkeys(values[filled & parsed.isna()].astype(str).head(50)))
        raise InputError("error.behaviour.bad_time", file=name, column=quoted(column), examples=examples[:80])
    return parsed.astype("datetime64[ns]")


def clean_events(raw: pd.DataFrame, markers=DEFAULT_MARKERS, keep_bots: bool = False,
                 page_patterns: list[str] | None = None, columns: dict | None = None) -> Events:
    """Set aside unusable rows of a canonical events frame (see the module notes) and add pages.

    ``raw`` has the columns ``source, row, visitor, time, url, event, referrer, referrer_known,
    user_agent, data`` (as :func:`read_events` builds them). Returns :class:`Events`.
    """
    marker_names = {str(marker).strip().lower() for marker in markers or ()}
    values = ["visitor", "time", "url", "event", "referrer", "user_agent", "data"]
    checks = [
        ("missing_visitor", raw["visitor"].isna()),
        ("bad_time", raw["time"].isna()),
        ("duplicate_event", raw.duplicated(subset=values, keep="first")),
        ("marker", raw["event"].str.lower().isin(marker_names).fillna(False)),
    ]
    if not keep_bots:
        checks.append(("bot", traffic.is_bot(raw["user_agent"])))
    reason = pd.Series(pd.NA, index=raw.index, dtype="string")
    for name, failed in checks:
        reason[failed.fillna(False).astype(bool) & reason.isna()] = name
    kept = raw[reason.isna()].reset_index(drop=True)
    excluded = pd.DataFrame({"source": raw.loc[reason.notna(), "source"].to_numpy(),
                             "row": raw.loc[reason.notna(), "row"].to_numpy(),
                             "reason": reason[reason.notna()].astype(object).to_numpy()})
    kept["path"] = pages.page_path(kept["url"])
    kept["page"] = pages.group_pages(kept["path"], page_patterns)
    kept["page_view"] = _page_views(kept["event"])
    return Events(kept[EVENT_COLUMNS], excluded, columns or {})


def _page_views(events: pd.Series) -> pd.Series:
    """Which events are page views: the page-view events when the log names them, else every event."""
    named = events.str.lower().isin(PAGE_VIEW_EVENTS).fillna(False).astype(bool)
    return named if named.any() else pd.Series(np.ones(len(events), dtype=bool), index=events.index)
