"""Tables written for people to open in a spreadsheet, with cells that would run as formulas made inert.

A cell of text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``),
and a survey answer or column name can be anything. Every CSV the app or the command line writes
goes through :func:`csv_bytes`, which puts an apostrophe in front of such text (the usual defence:
the spreadsheet then shows the text as typed). Numbers, and text that is just a number such as
``-3`` or ``+4.5``, are left as they are.
"""
from __future__ import annotations

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
