"""Which column of an event log holds what: visitor, session id, time (one column or date + time), page, event...

Headers are compared without case, spaces, dashes or underscores, so ``client_id``, ``clientId``
and ``Client ID`` are the same column; each file of a multi-file upload is read on its own, so
daily files whose headers drifted still line up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.errors import InputError, quoted

# Normalised header names per field, best first.
_NAMES = {
    "visitor": ["clientid", "visitorid", "userpseudoid", "anonymousid", "distinctid", "fullvisitorid", "cookie",
                "cookieid", "deviceid", "userid", "uid", "visitor", "user", "client", "sessionid", "访客id", "用户id"],
    "timestamp": ["timestamp", "eventtimestamp", "eventtime", "datetime", "ts", "createdat", "occurredat",
                  "eventdatetime", "时间戳", "时间"],
    "date": ["date", "eventdate", "day", "日期"],
    "time": ["time", "clocktime", "hour"],
    "page": ["pageurl", "url", "pagelocation", "eventparamspagelocation", "pagepath", "page", "webpage", "pagename", "screenname", "screen",
             "path", "location", "href", "页面", "网址"],
    "event": ["eventname", "event", "eventtype", "eventaction", "action", "事件"],
    "referrer": ["referrer", "referer", "pagereferrer", "eventparamspagereferrer", "documentreferrer", "ref", "来源"],
    "user_agent": ["useragent", "ua", "useragentstring", "browseragent"],
    "data": ["eventdata", "eventparams", "properties", "params", "data", "payload"],
    "session": ["sessionid", "visitid", "gasessionid", "eventparamsgasessionid", "sessionkey", "session", "会话id", "会话", "访问id"],
}
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?$")


@dataclass
class EventColumns:
    """The columns of one event-log file; None where the file has no such column.

    ``timestamp`` holds date and time together; otherwise ``date`` and ``time`` hold them apart.
    ``session`` is the log's own session id, when it has one (it may be the visitor column too: a log
    whose only id is a session id).
    """

    visitor: str
    timestamp: str | None = None
    date: str | None = None
    time: str | None = None
    page: str | None = None
    event: str | None = None
    referrer: str | None = None
    user_agent: str | None = None
    data: str | None = None
    session: str | None = None


def normalised(header) -> str:
    """A header without case, spaces, dashes, dots or underscores: ``Client_ID`` -> ``clientid``."""
    return re.sub(r"[\s_\-.]+", "", str(header)).lower()


def _find(frame: pd.DataFrame, field: str, taken: set[str]) -> str | None:
    by_name = {normalised(column): column for column in reversed(list(frame.columns)) if column not in taken}
    for name in _NAMES[field]:
        if name in by_name:
            return by_name[name]
    return None


def _is_clock(values: pd.Series) -> bool:
    sample = values.dropna().astype(str).str.strip().head(200)
    return len(sample) > 0 and bool(sample.str.match(_CLOCK).mean() >= 0.8)


def guess_event_columns(frame: pd.DataFrame, name: str = "file") -> EventColumns:
    """Find the event-log columns of ``frame`` by their headers.

    Parameters
    ----------
    frame : DataFrame
        One file as loaded (only headers and the first values of a time column are read).
    name : str
        The file's name, for messages.

    Returns
    -------
    EventColumns
        Date and time in two columns (``Date`` + ``Time`` holding clock times) are used
        together; otherwise the timestamp column (or a lone date column). The session id
        column (``session_id``, ``Visit ID``, ``会话``...) may be the visitor column itself.

    Raises
    ------
    InputError
        When no visitor id, no time, or neither a page nor an event column is found; the
        message names the file and its headers.
    """
    found: dict[str, str] = {}
    for field in _NAMES:
        taken = set(found.values()) - ({found.get("visitor")} if field == "session" else set())
        column = _find(frame, field, taken)
        if column is not None:
            found[field] = column
    headers = [quoted(column) for column in list(frame.columns)[:12]]
    if "visitor" not in found:
        raise InputError("error.behaviour.no_visitor", file=name, headers=headers)
    clock = "time" in found and _is_clock(frame[found["time"]])
    if "date" in found and clock:
        found.pop("timestamp", None)
    else:
        if "timestamp" not in found:
            found["timestamp"] = found.get("time") if "time" in found and not clock else found.get("date")
        found.pop("date", None)
        found.pop("time", None)
    if found.get("timestamp") is None and "date" not in found:
        raise InputError("error.behaviour.no_time", file=name, headers=headers)
    if "page" not in found and "event" not in found:
        raise InputError("error.behaviour.no_page", file=name, headers=headers)
    return EventColumns(**{field: column for field, column in found.items() if column is not None})


def looks_like_event_log(frame: pd.DataFrame) -> bool:
    """True when :func:`guess_event_columns` finds a visitor, a time and a page or event column."""
    try:
        guess_event_columns(frame)
    except InputError:
        return False
    return True
