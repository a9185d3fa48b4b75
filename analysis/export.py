"""Tables written for people to open in a spreadsheet, with cells that would run as formulas made inert.

A cell of text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``),
and a survey answer or column name can be anything. Every CSV the app or the command line writes
goes through :func:`csv_bytes`, and every workbook through :func:`xlsx_bytes`; both put an apostrophe
in front of such text (the usual defence: the spreadsheet then shows the text as typed). Numbers,
and text that is just a number such as ``-3`` or ``+4.5``, are left as they are.
"""
from __future__ import annotations

import io
import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def inert(value):
    """``value`` with an apostrophe in front when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are :func:`inert`."""
    text = [column for column in frame.columns
            if not (pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_datetime64_any_dtype(frame[column]))]
    safe = frame.copy()
    for column in text:
        safe[column] = safe[column].map(inert)
    safe.columns = [inert(str(column)) for column in frame.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV for a spreadsheet: formulas made inert, UTF-8 with a byte-order mark (Excel reads it right)."""
    return neutralised(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """``frame`` as an Excel workbook (one sheet), neutralised like :func:`csv_bytes`.

    Characters a workbook cannot hold (control characters other than tab and line breaks) are shown
    as U+FFFD, and times with a time zone are written in UTC without it (Excel has no time zones).
    """
    safe = neutralised(frame)
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            safe.isetitem(position, column.dt.tz_convert("UTC").dt.tz_localize(None))
        elif not pd.api.types.is_numeric_dtype(column):
            safe.isetitem(position, column.map(_holdable))
    safe.columns = [_holdable(name) for name in safe.columns]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


def workbook_cell(value):
    """``value`` as a workbook cell holds it safely: :func:`inert`, characters a workbook cannot hold as U+FFFD."""
    return _holdable(inert(value))


def _holdable(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value
