"""Log lines for running as a service: one JSON object per line that names what happened and never carries what
a user sent.

A record's message *template* is kept (``"the project could not be saved: %s"``), never its arguments, and an
error keeps its exception's type and where it was raised, never its message: arguments and exception messages
are where file contents, column names, answers, share-link tokens and store passwords would otherwise leak. Only
the fields a program logs through :func:`log_event` (counts and names it chose) are written beside the template.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from datetime import UTC, datetime

REPLICA_VARIABLE = "JOURNEY_LENS_REPLICA"
TEMPLATE_LIMIT = 200
_FIELDS = "journey_lens_fields"


def log_line(level: str, event: str, source: str, **fields) -> str:
    """One JSON log line: UTC time, level, source (``serve``, ``app``, ``proxy``), event and plain ``fields``
    (numbers, names the program chose; never user data)."""
    entry = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), "level": level,
             "source": source, "event": event, **fields}
    return json.dumps(entry, ensure_ascii=False, default=str)


class JsonFormatter(logging.Formatter):
    """A log record as :func:`log_line`: its logger, its template (not its arguments), and for an error the
    exception's type and innermost frame (file and line), not its message."""

    def format(self, record: logging.LogRecord) -> str:
        fields = {**getattr(record, _FIELDS, {}), "logger": record.name}
        replica = os.environ.get(REPLICA_VARIABLE)
        if replica:
            fields["replica"] = replica
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, trace = record.exc_info
            fields["error"] = kind.__name__
            frames = traceback.extract_tb(trace)
            if frames:
                fields["where"] = f"{_short(frames[-1].filename)}:{frames[-1].lineno}"
        return log_line(record.levelname.lower(), str(record.msg)[:TEMPLATE_LIMIT], "app", **fields)


def log_event(logger: logging.Logger, level: int, template: str, **fields) -> None:
    """Log ``template`` (``%(name)d`` placeholders) filled from ``fields``, which must be numbers or names the
    program chose, never user data: plain logs show the sentence, a JSON line the template and the fields."""
    logger.log(level, template, fields, extra={_FIELDS: fields})


def _short(filename: str) -> str:
    """A source path from the package folder on (``analysis/io.py``, ``streamlit/...``), not the install path."""
    parts = filename.replace("\\", "/").split("/")
    for anchor in ("analysis", "pages", "streamlit", "site-packages"):
        if anchor in parts:
            start = parts.index(anchor) + (anchor == "site-packages")
            return "/".join(parts[start:])
    return parts[-1]


def json_handler(stream=None) -> logging.Handler:
    """A handler writing :class:`JsonFormatter` lines to ``stream`` (default stderr)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    return handler
