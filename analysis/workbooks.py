"""Reading workbooks (.xlsx and legacy .xls) by the cells they really hold, within a file's limits.

A sheet's declared size is never trusted and its empty grid never built: a workbook of 2 KB may
declare a million rows by 16,384 columns, or share one long text among a hundred thousand cells.
The cells a sheet stores are read one at a time, each counted against the file's
:class:`~analysis.limits.Budget` (columns, cells, text), and the first limit passed stops the read.

Each sheet becomes a frame of text exactly as ``pandas.read_excel(..., header=None, dtype=str)``
gives it (``5``, ``4.5``, ``2021-03-01 00:00:00``, ``True``; ``N/A`` and the like missing, error
cells missing), holding only the rows with a value, indexed by sheet row number - 1.
"""
from __future__ import annotations

import io
import math
import zipfile
from datetime import time

import numpy as np
import pandas as pd
from pandas.io.parsers import TextParser

from analysis.errors import InputError
from analysis.limits import Budget, text_size

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL = _MAIN + "row", _MAIN + "c"

Rows = dict[int, list]  # sheet row number - 1 -> values from column A up to the row's last value


def read_sheets(data: bytes, budget: Budget, legacy: bool = False) -> dict[str, pd.DataFrame]:
    """Every sheet of a workbook as a frame of text (see the module docstring).

    Raises the limit's InputError when the workbook passes one of ``budget``'s limits, and
    ``error.file.bad_workbook`` when it cannot be read at all.
    """
    try:
        sheets = _xls_rows(data, budget) if legacy else _xlsx_rows(data, budget)
        return {title: _frame(rows, budget) for title, rows in sheets.items()}
    except Exception as err:  # openpyxl/xlrd raise many types for damaged files, and wrap ours
        limit = _input_error(err)
        raise (limit or InputError("error.file.bad_workbook", file=budget.file)) from None


def _input_error(err: BaseException | None) -> InputError | None:
    """The InputError that ``err`` is, or was raised from (openpyxl wraps errors in its own)."""
    while err is not None and not isinstance(err, InputError):
        err = err.__cause__ or err.__context__
    return err


def _frame(rows: Rows, budget: Budget) -> pd.DataFrame:
    """The rows as a frame of text, read by pandas' own parser as ``read_excel`` does."""
    width = max(map(len, rows.values()), default=0)
    budget.check_table(len(rows), width)
    if not width:
        return pd.DataFrame()
    positions = sorted(rows)
    grid = [rows[position] + [""] * (width - len(rows[position])) for position in positions]
    frame = TextParser(grid, header=None, dtype=str, skip_blank_lines=False).read()
    frame.index = positions
    return frame


def _place(rows: Rows, position: int, column: int, value) -> None:
    """Put ``value`` at 0-based ``column`` of row ``position``, padding the row with blanks."""
    row = rows.setdefault(position, [])
    if column >= len(row):
        row.extend([""] * (column - len(row)))
        row.append(value)
    else:
        row[column] = value


# --- .xlsx -------------------------------------------------------------------------------

def _xlsx_rows(data: bytes, budget: Budget) -> dict[str, Rows]:
    """The values of every worksheet of an .xlsx workbook, by sheet title."""
    from openpyxl.reader.excel import ExcelReader  # imported when needed: reading a CSV does without

    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    reader.archive = _MeteredZip(data, budget)  # shared strings, styles...: read whole, counted as text
    try:
        reader.read()
    finally:
        reader.archive.close()
    book = reader.wb
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {sheet.title: _sheet_rows(archive.open(sheet._worksheet_path), reader.shared_strings, book, budget)
                for sheet in book.worksheets}


def _sheet_rows(part, shared_strings: list, book, budget: Budget) -> Rows:
    """The values one worksheet stores, streamed from its XML; the declared dimension is ignored.

    Every ``<c>`` element counts as a cell (a ``<row>`` with none counts as one); values are
    converted as pandas' openpyxl reader converts them. Elements are dropped once read, and no
    more than ``max_text_bytes`` of XML may pass without a cell being completed (one cell's text).
    """
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.functions import iterparse

    with _Metered(part, budget, pending_only=True) as source:
        parser = WorkSheetParser(source, shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        rows: Rows = {}
        width, position, row_cells, open_elements = 0, 0, 0, []
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                open_elements.append(element)
                if element.tag == _ROW:
                    position, row_cells = _start_row(parser, element), 0
                continue
            open_elements.pop()
            parent = open_elements[-1] if open_elements else None
            if element.tag == _CELL and parent is not None and parent.tag == _ROW:
                budget.add_cells(1)
                row_cells += 1
                source.pending = 0
                cell = parser.parse_cell(element)
                value = _xlsx_value(cell["value"], cell["data_type"])
                if isinstance(value, str):
                    budget.add_text(text_size(value))
                if position >= 0 and not (isinstance(value, str) and value == ""):
                    budget.check_columns(cell["column"])
                    _place(rows, position, cell["column"] - 1, value)
                    width = max(width, cell["column"])
                    budget.check_table(len(rows), width)
            elif element.tag == _ROW:
                budget.add_cells(0 if row_cells else 1)
                source.pending = 0
            if parent is not None and len(open_elements) <= 3:  # cells, rows and the sheet's parts: done
                parent.remove(element)
        return rows


def _start_row(parser, element) -> int:
    """Set the parser at a new ``<row>`` (its ``r``, else the next one), as openpyxl does; its 0-based position.

    pandas leaves out rows numbered below 1; so does the reader (their position is negative).
    """
    number = element.get("r")
    if number is None:
        parser.row_counter += 1
    else:
        as_float = float(number)
        if not as_float.is_integer():
            raise ValueError(f"{number} is not a valid row number")
        parser.row_counter = int(as_float)
    parser.col_counter = 0
    return parser.row_counter - 1


def _xlsx_value(value, data_type: str):
    """A cell value as pandas' openpyxl reader passes it on: blank "", error NaN, whole numbers int."""
    if value is None:
        return ""
    if data_type == "e":
        return np.nan
    if data_type == "n":
        whole = int(value)
        return whole if whole == value else float(value)
    return value


class _Metered:
    """A readable part of a workbook that counts the bytes unpacked from it against a file's budget.

    Counted as text (``Budget.add_text``), or, with ``pending_only``, only checked: the bytes read
    since ``pending`` was last reset (by the reader, at each completed cell) may not pass the text limit.
    """

    def __init__(self, part, budget: Budget, pending_only: bool = False):
        self.part, self.budget, self.pending_only, self.pending = part, budget, pending_only, 0

    def read(self, size: int = -1) -> bytes:
        """Read from the part and count what was read."""
        chunk = self.part.read(size)
        self.pending += len(chunk)
        if not self.pending_only:
            self.budget.add_text(len(chunk))
        elif self.pending > self.budget.limits.max_text_bytes:
            self.budget.add_text(self.pending)
        return chunk

    def close(self) -> None:
        """Close the part."""
        self.part.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _MeteredZip(zipfile.ZipFile):
    """A workbook's zip whose parts count as text while openpyxl reads them whole."""

    def __init__(self, data: bytes, budget: Budget):
        super().__init__(io.BytesIO(data))
        self.budget = budget

    def open(self, name, mode="r", pwd=None, **kwargs):
        """Open a part for reading, metered."""
        return _Metered(super().open(name, mode, pwd, **kwargs), self.budget)


# --- .xls --------------------------------------------------------------------------------

def _xls_rows(data: bytes, budget: Budget) -> dict[str, Rows]:
    """The values of every sheet of a legacy .xls workbook (at most 65,536 × 256 cells a sheet), by name.

    xlrd reads a sheet whole, sharing each repeated text among its cells; the limits are applied
    to what it read before any value is copied into a frame, one sheet at a time.
    """
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True, ragged_rows=True)
    try:
        sheets = {}
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            sheets[sheet.name] = _xls_sheet_rows(sheet, book.datemode, budget)
            book.unload_sheet(index)
        return sheets
    finally:
        book.release_resources()


def _xls_sheet_rows(sheet, datemode: int, budget: Budget) -> Rows:
    """The values one .xls sheet holds, converted as pandas' xlrd reader converts them."""
    rows: Rows = {}
    for position in range(sheet.nrows):
        values, types = sheet.row_values(position), sheet.row_types(position)
        budget.add_cells(len(values))
        budget.check_columns(len(values))
        budget.add_text(sum(text_size(value) for value in values if isinstance(value, str)))
        converted = [_xls_value(value, kind, datemode) for value, kind in zip(values, types)]
        while converted and isinstance(converted[-1], str) and converted[-1] == "":
            converted.pop()
        if converted:
            rows[position] = converted
    budget.check_table(len(rows), max(map(len, rows.values()), default=0))
    return rows


def _xls_value(value, kind: int, datemode: int):
    """A cell value as pandas' xlrd reader passes it on: dates as datetimes (times alone on day 0),
    errors NaN, booleans bool, whole numbers int."""
    import xlrd

    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, datemode)
        except OverflowError:
            return value
        if moment.timetuple()[:3] == ((1904, 1, 1) if datemode else (1899, 12, 31)):
            return time(moment.hour, moment.minute, moment.second, moment.microsecond)
        return moment
    if kind == xlrd.XL_CELL_ERROR:
        return np.nan
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_NUMBER and math.isfinite(value) and int(value) == value:
        return int(value)
    return value
