"""Responses a survey tool marks as not real answers: previews, tests, spam and unfinished ones.

Qualtrics exports carry metadata columns that say so: ``Status`` (the response type: "IP Address"
for a real response, "Survey Preview", "Survey Test", "Spam"...; legacy exports write codes,
0 real, 1 preview, 2 test, 8 spam, 9 preview spam, 12 imported spam, 17 offline preview),
``DistributionChannel`` ("preview", "test"), ``Finished`` (True/False or 1/0) and ``Progress``
(percent, used when ``Finished`` is absent). :func:`screen` names the reason each marked row is
set aside; :mod:`analysis.prepare` logs them like every other exclusion.
"""
from __future__ import annotations

import re

import pandas as pd

# Reason codes, in the order a row marked twice is reported under.
REASONS = ("preview_response", "test_response", "spam_response", "unfinished_response")
QUALTRICS_METADATA = {"startdate", "enddate", "status", "ipaddress", "progress", "duration(inseconds)", "finished",
                      "recordeddate", "responseid", "responseset", "distributionchannel", "userlanguage"}
_STATUS_CODES = {1: "preview_response", 9: "preview_response", 17: "preview_response", 2: "test_response",
                 8: "spam_response", 12: "spam_response"}
_STATUS_WORDS = (("preview", "preview_response"), ("test", "test_response"), ("spam", "spam_response"))
_UNFINISHED = {"false", "0", "0.0", "no"}


def _key(column: str) -> str:
    return re.sub(r"[\s_]", "", str(column).lower())


def screening_columns(export) -> dict[str, str]:
    """The metadata columns that mark responses, by kind (status, channel, finished, progress).

    Only for Qualtrics exports, or tables holding at least three Qualtrics metadata columns
    (a Qualtrics export saved with one header row); an order file's ``Status`` is left alone.
    """
    names = {_key(column): column for column in export.frame.columns}
    if export.format != "qualtrics" and len(QUALTRICS_METADATA & names.keys()) < 3:
        return {}
    kinds = {"status": "status", "channel": "distributionchannel", "finished": "finished", "progress": "progress"}
    return {kind: names[key] for kind, key in kinds.items() if key in names}


def screen(export) -> pd.DataFrame:
    """Rows to set aside, indexed by row, with ``reason``, the ``column`` that marks them and its ``value``."""
    columns = screening_columns(export)
    frame = export.frame
    marks = []
    if "status" in columns:
        marks.append((columns["status"], frame[columns["status"]].map(_status_reason, na_action="ignore")))
    if "channel" in columns:
        channel = frame[columns["channel"]].astype("string").str.strip().str.lower()
        marks.append((columns["channel"], channel.map({"preview": "preview_response", "test": "test_response"})))
    if "finished" in columns:
        finished = frame[columns["finished"]].astype("string").str.strip().str.lower()
        marks.append((columns["finished"], finished.isin(_UNFINISHED).map({True: "unfinished_response"})))
    elif "progress" in columns:
        progress = pd.to_numeric(frame[columns["progress"]], errors="coerce")
        marks.append((columns["progress"], (progress < 100).map({True: "unfinished_response"})))
    found = [pd.DataFrame({"reason": reasons, "column": column, "value": frame[column].astype(str)}).dropna()
             for column, reasons in marks]
    if not found:
        return pd.DataFrame(columns=["reason", "column", "value"])
    marked = pd.concat(found)
    marked["order"] = marked["reason"].map(REASONS.index)
    marked = marked.sort_values("order", kind="stable")
    return marked[~marked.index.duplicated()].drop(columns="order").sort_index()


def _status_reason(value) -> str | None:
    """The reason a Qualtrics Status (text or legacy code) marks a response, or None for a real one."""
    text = str(value).strip().lower()
    try:
        return _STATUS_CODES.get(int(float(text)))
    except (ValueError, OverflowError):
        return next((reason for word, reason in _STATUS_WORDS if word in text), None)
