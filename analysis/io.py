"""Reading files: bytes in any supported container and encoding -> a table of the user's values.

``load_export`` is the entry point. It sniffs the container by content (so an .xlsx named
.csv still opens), decodes text in whatever encoding it was saved in, finds the delimiter,
hands the raw rows to :mod:`analysis.formats` to flatten survey-tool headers, and returns an
:class:`Export` whose ``frame`` holds the user's values unaltered: text as read, and
all-number columns of a clean text file as numbers (pandas' own parsing), blanks as NaN.
Every file is read within the limits of :mod:`analysis.limits` (size, columns, cells, text).
"""
from __future__ import annotations

import codecs
import collections
import csv
import functools
import io
import itertools
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import formats, workbooks
from analysis.errors import InputError
from analysis.limits import Budget, Limits, limits as configured_limits
from analysis.messages import say

DELIMITERS = [",", ";", "\t", "|"]
ONE_TEXT_A_LINE = "\n"  # the delimiter of a file read as one text a line (:func:`_lines_of_text`)
SAMPLE_BYTES = 256 * 1024
HEAD_ROWS = 25
_COUNT_SLICE = 16 * 1024 * 1024  # bytes looked at at once when counting line breaks
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
# Where each Chinese encoding keeps its common characters and punctuation, as (first bytes,
# lowest second byte): GB2312's symbol rows and level 1-2 hanzi inside GB18030; Big5's symbols
# and frequently used characters (A140-C67E).
_COMMON_CHINESE = {
    "gb18030": (frozenset(range(0xA1, 0xAA)) | frozenset(range(0xB0, 0xF8)), 0xA1),
    "big5": (frozenset(range(0xA1, 0xC7)), 0x40),
}

csv.field_size_limit(2**31 - 1)  # free-text answers can be far longer than the csv module's 128 KB default

_MAGIC = {b"%PDF": "pdf", b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"GIF8": "gif", b"\x1f\x8b": "gzip",
          b"Rar!": "rar", b"7z\xbc\xaf": "7z"}
_HTML = (b"<!doctype html", b"<html")


@dataclass
class Export:
    """One loaded file: the user's values as strings plus what was learned about the file.

    ``frame`` is indexed by the spreadsheet row number (1-based, header rows counted) so
    every message can point at the row a user would see in Excel. ``swallowed`` lists the cells
    of a text file that hold what look like further rows (see :func:`find_swallowed_rows`).
    ``question_groups`` names, for the columns that are rows of one question (a matrix), that
    question, as the survey tool's header tells it (see :mod:`analysis.formats`).
    """

    name: str
    format: str
    frame: pd.DataFrame
    questions: dict[str, str]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_rows: int = 1
    bad_rows: list[dict] = field(default_factory=list)
    duplicate_headers: dict[str, int] = field(default_factory=dict)
    swallowed: list[dict] = field(default_factory=list)
    question_groups: dict[str, str] = field(default_factory=dict)  # column -> the question it is a row of

    @property
    def rows(self) -> int:
        """Responses read: data rows, header rows excluded, unreadable rows included."""
        return len(self.frame) + len(self.bad_rows)


def load_export(source: str | Path | bytes, name: str | None = None, limits: Limits | None = None) -> Export:
    """Load a survey or feedback export from a path or raw bytes.

    Parameters
    ----------
    source : path or bytes
        The file. Bytes come from an upload; ``name`` then labels it in messages.
    name : str, optional
        Display name; defaults to the file name of ``source``.
    limits : Limits, optional
        What the file may hold; defaults to :func:`analysis.limits.limits` (the environment's).

    Returns
    -------
    Export
        The flattened table (values unaltered) and its detected format.

    Raises
    ------
    InputError
        When the file is empty, not a table, cannot be split into columns, or holds more than
        ``limits`` allow.
    """
    path = None
    if isinstance(source, (bytes, bytearray)):
        name = name or "upload"
        budget = Budget(limits or configured_limits(), name)
        budget.check_size(len(source))
        data = bytes(source)
    else:
        path = Path(source)
        name = name or path.name
        budget = Budget(limits or configured_limits(), name)
        data = _read_file(path, budget)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError("error.file.empty", file=name)

    encoding = delimiter = sheet = None
    bad_rows: list[dict] = []
    if data[:4] == b"PK\x03\x04":
        raw, sheet = _read_excel(data, budget)
        layout, frame = _split_header(raw, name)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raw, sheet = _read_excel(data, budget, legacy=True)
        layout, frame = _split_header(raw, name)
    else:
        _reject_binary(data, name)
        layout, frame, bad_rows, delimiter, encoding = _read_text(data, path, budget)
    columns, duplicates = _unique_names(layout.columns)
    frame.columns = columns
    frame = _drop_padding(frame, bad_rows, name)
    questions = dict(zip(columns, layout.questions))
    return Export(
        name=name, format=layout.format, frame=frame, questions=questions,
        question_groups=_shared_groups(dict(zip(columns, layout.groups)), frame.columns),
        encoding=encoding, delimiter=delimiter, sheet=sheet, header_rows=layout.header_rows,
        bad_rows=bad_rows, duplicate_headers=duplicates,
        swallowed=find_swallowed_rows(frame, delimiter) if delimiter else [],
    )


def _shared_groups(groups: dict[str, str], columns) -> dict[str, str]:
    """The question of each column that shares its question with another column of the table."""
    kept = {column: group for column, group in groups.items() if group and column in set(columns)}
    counts = pd.Series(list(kept.values()), dtype=object).value_counts()
    return {column: group for column, group in kept.items() if counts[group] >= 2}


def _read_file(path: Path, budget: Budget) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; devices, pipes and larger files are refused unread."""
    name = budget.file
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        with open(os.open(path, flags), "rb") as file:  # non-blocking: opening a pipe does not wait for a writer
            mode = os.fstat(file.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise InputError("error.file.is_folder", file=name)
            if not stat.S_ISREG(mode):
                raise InputError("error.file.not_regular", file=name)
            size = os.fstat(file.fileno()).st_size
            budget.check_size(size)
            data = file.read(size + 1)
            if len(data) > size:  # it grew meanwhile (or tells no size): read on, to one byte over the limit
                data += file.read(budget.limits.max_bytes + 1 - len(data))
    except FileNotFoundError:
        raise InputError("error.file.not_found", file=name) from None
    except IsADirectoryError:
        raise InputError("error.file.is_folder", file=name) from None
    except OSError as err:
        raise InputError("error.file.unreadable", file=name, reason=err.strerror) from None
    budget.check_size(len(data))
    return data


def _split_header(raw: pd.DataFrame, name: str) -> tuple[formats.Layout, pd.DataFrame]:
    """Split a sheet of strings into its header layout and its data rows (blanks as NaN).

    ``raw`` is indexed by sheet row number - 1; rows with no value may be left out. Empty rows
    above the header are skipped; rows keep their sheet row numbers.
    """
    raw = raw.fillna("").astype(str)
    filled = raw.apply(lambda col: col.str.strip() != "")
    top = raw.index[_first_filled(filled.any(axis=1).tolist(), name)]
    head = raw.reindex(range(top, min(top + 3, raw.index[-1] + 1)), fill_value="")  # as the sheet has them
    layout = formats.detect(head.reset_index(drop=True))
    start = top + layout.header_rows
    frame = raw.loc[start:].where(filled.loc[start:])
    frame.index = (frame.index + 1).rename("row")
    return layout, frame


def _first_filled(filled_rows: list[bool], name: str) -> int:
    """Position of the first row with any value: where the header starts."""
    if not any(filled_rows):
        raise InputError("error.file.no_rows", file=name)
    return filled_rows.index(True)


def _drop_padding(frame: pd.DataFrame, bad_rows: list[dict], name: str) -> pd.DataFrame:
    """Drop rows with no value at all and unnamed columns with no value at all."""
    frame = frame.dropna(how="all")
    if frame.empty and bad_rows:
        first = bad_rows[0]
        raise InputError("error.file.all_rows_too_wide", file=name, row=first["row"], fields=first["fields"],
                         width=first["width"])
    if frame.empty:
        raise InputError("error.file.header_only", file=name)
    unnamed_empty = [c for c in frame.columns if c.startswith("column_") and frame[c].isna().all()]
    return frame.drop(columns=unnamed_empty)


def _clean_utf8_head(data: bytes) -> bool:
    """True when the file starts as valid UTF-8 without NUL bytes (fast path: pandas reads it)."""
    head = data[:SAMPLE_BYTES]
    if b"\x00" in data or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start >= len(head) - 3  # only a character cut at the sample's end
    return True


def _reject_binary(data: bytes, name: str) -> None:
    """Refuse files that are plainly something else: images, archives, PDFs, web pages."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError("error.file.not_a_table", file=name, what=say(f"what.{what}"))
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_HTML):
        raise InputError("error.file.html", file=name)


def decode_text(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode bytes of a text export, returning ``(text, encoding)``.

    Tries UTF-8 (BOM or not), UTF-16 (BOM or the NUL pattern Excel's "Unicode text" has),
    then GB18030 and Big5 (kept only when nearly all the result is common Chinese text), then
    Windows-1252. Stray NUL bytes are dropped; a file that is mostly control bytes is refused.
    """
    head = data[:SAMPLE_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _clean(data.decode("utf-16"), name), "utf-16"
    if len(head) >= 4 and head[1::2].count(0) > 0.4 * len(head[1::2]) and head[0::2].count(0) < 0.1 * len(head[0::2]):
        return _clean(data.decode("utf-16-le", errors="replace"), name), "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > 0.4 * len(head[0::2]) and head[1::2].count(0) < 0.1 * len(head[1::2]):
        return _clean(data.decode("utf-16-be", errors="replace"), name), "utf-16-be"
    if data.count(0) > 0.1 * len(data):
        raise InputError("error.file.binary", file=name)
    data = data.replace(b"\x00", b"")
    try:
        return _clean(data.decode("utf-8-sig"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _common_chinese_share(text[:20000], encoding) > 0.9:
            return _clean(text, name), encoding
    return _clean(data.decode("cp1252", errors="replace"), name), "cp1252"


def _common_chinese_share(text: str, encoding: str) -> float:
    """Share of the non-ASCII characters that are common Chinese characters or punctuation.

    Bytes often decode without error in the wrong encoding (Big5 as GB18030, accented
    Windows-1252 letters as either), but then mostly into rare characters.
    """
    wide = [char for char in text if ord(char) > 127]
    leads, lowest_trail = _COMMON_CHINESE[encoding]
    codes = [char.encode(encoding) for char in wide]
    common = sum(1 for code in codes if len(code) == 2 and code[0] in leads and code[1] >= lowest_trail)
    return common / len(wide) if wide else 0.0


def _clean(text: str, name: str) -> str:
    """Drop a BOM and NUL characters; refuse text that is mostly control characters (binary)."""
    text = text.lstrip("\ufeff").replace("\x00", "")
    sample = text[:SAMPLE_BYTES]
    if len(_CONTROL.findall(sample)) > 0.02 * max(len(sample), 1):
        raise InputError("error.file.binary", file=name)
    return text


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter (`,` `;` tab `|`) that splits the first lines most consistently.

    On a tie the comma loses: it also turns up inside values (decimal commas, free text). One that
    leaves most lines whole is no delimiter: in a file of one column of comments, a `;` in a few of
    them (``&amp;``) would split those rows (the comma, read with quotes, keeps them whole).
    """
    best, best_score = ",", (0, 0, False)
    for delimiter in DELIMITERS:
        widths = _widths(text, delimiter)
        mode = max(set(widths), key=widths.count) if widths else 0
        if mode < 2:
            continue
        score = (widths.count(mode), mode, delimiter != ",")
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _widths(text: str, delimiter: str) -> list[int]:
    """How many fields ``delimiter`` splits each filled record of the first 50 lines of ``text`` into."""
    rows = csv.reader(text.splitlines()[:50], delimiter=delimiter)
    return [len(row) for row in rows if any(cell.strip() for cell in row)]


def _read_text(data: bytes, path: Path | None, budget: Budget):
    """Text exports (CSV/TSV/TXT/JSON): returns layout, frame, bad rows, delimiter, encoding.

    A file that starts as clean UTF-8 is parsed by pandas straight from ``path`` (or from the
    uploaded bytes), the fast route for large files; anything else is decoded first by
    :func:`decode_text`.
    """
    if _clean_utf8_head(data):
        try:
            sample = _clean(data[:SAMPLE_BYTES].decode("utf-8-sig", errors="ignore"), budget.file)
            source = path if path is not None else io.BytesIO(data)
            return _read_text_body(sample, data, lambda: data.decode("utf-8-sig"), source, budget) + ("utf-8",)
        except UnicodeDecodeError:  # the head was UTF-8 but the rest is not
            pass
    text, encoding = decode_text(data, budget.file)
    body = io.BytesIO(text.encode("utf-8"))
    return _read_text_body(text[:SAMPLE_BYTES], text, lambda: text, body, budget) + (encoding,)


def _read_text_body(sample: str, whole: str | bytes, full_text, source, budget: Budget):
    """Read text as JSON records when it is JSON, else as delimited rows.

    ``sample`` is the start of the decoded text (enough to tell JSON and the delimiter), ``whole``
    the text or its UTF-8 bytes (where the header rows are found, however long they are).
    """
    if sample.lstrip().startswith(("[", "{")):
        raw = _read_json(full_text(), budget)
        if raw is not None:
            layout, frame = _split_header(raw, budget.file)
            return layout, frame, [], None
    delimiter = sniff_delimiter(sample)
    if _lines_of_text(sample, delimiter):
        whole, added = _one_column(full_text())
        layout, frame, bad_rows = _parse_text(_head(whole, ",", budget), whole, lambda: whole, ",", budget,
                                              io.BytesIO(whole.encode("utf-8")))
        frame.index = frame.index - added  # numbered by the file's lines
        return layout, frame, bad_rows, ONE_TEXT_A_LINE
    head = _head(whole, delimiter, budget)
    layout, frame, bad_rows = _parse_text(head, whole, full_text, delimiter, budget, source)
    return layout, frame, bad_rows, delimiter


def _lines_of_text(sample: str, delimiter: str) -> bool:
    """Whether delimited text is one text a line (comments pasted into a .txt, one column of tweets) whose commas
    belong to the texts: no delimiter splits most lines (:func:`sniff_delimiter` fell back on the comma), yet the
    comma splits some, and either the first line is one field and the others do not share a width (not a title
    above a table), or most lines are one field. A one-column CSV whose commas are all quoted is not."""
    if delimiter != ",":
        return False
    widths = _widths(sample, ",")
    if len(widths) < 2 or max(widths) < 2:
        return False
    rest = widths[1:]
    mode = max(set(rest), key=rest.count)
    return mode == 1 or (widths[0] == 1 and rest.count(mode) < len(rest) / 2)


def _one_column(text: str) -> tuple[str, int]:
    """Lines of text as a one-column CSV: each line one value (a line that is one quoted CSV field, unquoted), under
    its first line when that is a column name (short, one field, not a sentence), else under ``text``; returns the
    CSV and 1 when the header was added (the file's line numbers are then one lower than the CSV's)."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    added = not _names_a_column(first)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if added:
        writer.writerow(["text"])
    for line in lines:
        if not line.strip():
            out.write("\n")
            continue
        fields = next(csv.reader([line]))
        writer.writerow([fields[0] if len(fields) == 1 else line])
    return out.getvalue(), int(added)


def _names_a_column(line: str) -> bool:
    """Whether the first line of a file of texts is a column name: one field of at most 40 characters that does not
    end as a sentence ends."""
    fields = next(csv.reader([line]), [])
    return len(fields) == 1 and len(fields[0].strip()) <= 40 and not fields[0].strip().endswith(tuple(".!?。！？…)"))


def _head(whole: str | bytes, delimiter: str, budget: Budget) -> str:
    """The first ``HEAD_ROWS`` records of delimited text, whole however long they are.

    Records are found as :mod:`csv` splits them (a line break inside quotes belongs to the
    record); a record with more fields than ``max_columns`` is refused before it is split.
    """
    end = len(codecs.BOM_UTF8) if isinstance(whole, bytes) and whole.startswith(codecs.BOM_UTF8) else 0
    for _ in range(HEAD_ROWS):
        if end >= len(whole):
            break
        end, fields = _record_end(whole, end, delimiter, cap=100 * budget.limits.max_columns)
        budget.check_columns(fields)
    head = whole[:end]
    return head.decode("utf-8-sig") if isinstance(head, bytes) else head


def _record_end(text: str | bytes, start: int, delimiter: str, cap: int) -> tuple[int, int]:
    """``(end, fields)`` of the delimited record at ``start``: the offset after its line break and
    how many fields it has, as :mod:`csv` reads them (fields are counted up to ``cap``, then it stops).
    """
    quoted, special = _record_patterns(type(text), delimiter)
    quote, stop = (b'"', delimiter.encode()) if isinstance(text, bytes) else ('"', delimiter)
    position, fields = start, 1
    while fields <= cap:
        if text[position:position + 1] == quote:
            match = quoted.match(text, position)
            if match is None:  # a quote never closed: the rest of the text is this record
                return len(text), fields
            position = match.end()
        found = special.search(text, position)
        if found is None:
            return len(text), fields
        if found.group() != stop:  # a line break
            return found.end(), fields
        fields += 1
        position = found.end()
    return len(text), fields


@functools.cache
def _record_patterns(kind: type, delimiter: str) -> tuple[re.Pattern, re.Pattern]:
    """Regexes for :func:`_record_end`: a quoted field (``""`` inside is a quote), and the next
    delimiter or line break (``\\r\\n``, ``\\r`` or ``\\n``), for text of ``kind`` (str or bytes)."""
    quoted, special = r'"[^"]*(?:""[^"]*)*"', "\r\n?|\n|" + re.escape(delimiter)
    if kind is bytes:
        return re.compile(quoted.encode()), re.compile(special.encode())
    return re.compile(quoted), re.compile(special)


def _parse_text(head: str, whole: str | bytes, full_text, delimiter: str, budget: Budget,
                source) -> tuple[formats.Layout, pd.DataFrame, list[dict]]:
    """Split text into the header layout and a frame of the data rows.

    The header is read from the first rows as text; the body is then parsed by pandas' C
    reader with its usual type inference (numbers stay fast), keeping ``N/A`` and the like
    as text so validation can report them. Rows wider than the header become ``bad_rows``.
    Blank lines above the header count towards row numbers; the C reader skips blank lines
    between responses (keeping integer columns integer), so rows after one are numbered one lower.
    No more rows are read than ``max_cells`` allows (counted up front from the line breaks of
    ``whole``: telling pandas how many rows to read at most would slow every read down).
    """
    records = list(itertools.islice(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), HEAD_ROWS))
    top = _first_filled([any(cell.strip() for cell in row) for row in records], budget.file)
    width = len(records[top])
    budget.check_columns(width)
    head_rows = pd.DataFrame([(row + [""] * width)[:width] for row in records[top:]])
    layout = formats.detect(head_rows)
    skip = top + layout.header_rows
    body = head_rows.iloc[layout.header_rows:]
    if any(len(row) > width for row in records[skip:]):  # pandas would make a wide first row's extra fields an index
        return layout, *_parse_ragged(full_text(), delimiter, skip, width, budget)
    decimal = "," if delimiter != "," and _uses_decimal_comma(body) else "."
    keep_text = {i: str for i in range(width) if _has_leading_zeros(body[i])}
    most_rows = budget.limits.max_cells // width
    at_most = {"nrows": most_rows + 1} if len(whole) // 2 + 1 - skip > most_rows and \
        _most_records(whole) - skip > most_rows else {}  # a row takes two characters at least
    try:
        frame = pd.read_csv(
            source, encoding="utf-8-sig", sep=delimiter, header=None, skiprows=skip, names=range(width),
            na_values=[""], keep_default_na=False, decimal=decimal, dtype=keep_text, engine="c", **at_most,
        )
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame(columns=range(width))
    except pd.errors.ParserError as err:
        _raise_for_broken_quote(str(err), budget.file)
        return layout, *_parse_ragged(full_text(), delimiter, skip, width, budget)
    budget.check_table(len(frame), width)
    frame.index = pd.RangeIndex(skip + 1, skip + 1 + len(frame), name="row")
    return layout, frame, []


def _most_records(whole: str | bytes) -> int:
    """The most records delimited text can hold: one per line break (``\\n`` or ``\\r``), plus the last."""
    if isinstance(whole, str):
        return whole.count("\n") + whole.count("\r") + 1
    return _count_byte(whole, ord("\n")) + (_count_byte(whole, ord("\r")) if b"\r" in whole else 0) + 1


def _count_byte(data: bytes, value: int) -> int:
    """How often the byte ``value`` occurs in ``data``: numpy, a slice at a time (4x faster than ``bytes.count``)."""
    found = 0
    for start in range(0, len(data), _COUNT_SLICE):
        piece = np.frombuffer(data, np.uint8, count=min(_COUNT_SLICE, len(data) - start), offset=start)
        found += int(np.count_nonzero(piece == value))
    return found


def _too_wide(row: list[str], width: int) -> bool:
    """True when a row has values beyond the header's last column (empty extra fields are fine)."""
    return len(row) > width and any(cell.strip() for cell in row[width:])


def _raise_for_broken_quote(message: str, name: str) -> None:
    """Turn pandas' "EOF inside string" error into a message that points at the line."""
    if "EOF inside string" in message:
        line = re.search(r"(?:line|row) (\d+)", message)
        if line:
            raise InputError("error.file.unclosed_quote", file=name, line=int(line.group(1)) + 1)
        raise InputError("error.file.unclosed_quote_somewhere", file=name)


def find_swallowed_rows(frame: pd.DataFrame, delimiter: str) -> list[dict]:
    """Cells of a delimited file that swallowed what look like further rows.

    A quote opened in a cell and closed only much later (or at the end of the file) makes the
    reader take every line in between as part of that one cell, without any error. Such a cell
    holds line breaks followed by lines with as many delimiters as the header has, each starting
    with a value shaped like the first column's (``r2`` like ``r1``; in files of five or more
    columns the delimiter count alone is telling). Returns one dict per cell: ``row``,
    ``column``, ``lines`` (how many row-like lines it holds) and ``first`` (the first of them).
    """
    width = frame.shape[1]
    if width < 2:
        return []
    first_shapes: set[str] = set()
    found = []
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        multi_line = values[values.astype("string").str.contains("\n", regex=False, na=False)]
        if len(multi_line) and not first_shapes:
            first_shapes = {_shape(str(value)) for value in frame.iloc[:, 0].dropna().unique()[:5000]}
        for row, cell in multi_line.items():
            lines = [line for line in str(cell).splitlines()[1:]
                     if _looks_like_a_row(line, delimiter, width, first_shapes)]
            if lines:
                found.append({"row": row, "column": column, "lines": len(lines), "first": lines[0]})
    return found


def _looks_like_a_row(line: str, delimiter: str, width: int, first_shapes: set[str]) -> bool:
    """True for a line with about as many delimiters as a row has, led by a value shaped like the first column's."""
    if abs(line.count(delimiter) - (width - 1)) > (width - 1) // 10:
        return False
    return width >= 5 or _shape(line.split(delimiter, 1)[0]) in first_shapes


def _shape(value: str) -> str:
    """A value's shape: runs of digits as 9 and of letters as a (``R-102`` -> ``a-9``)."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", value.strip()))


def _uses_decimal_comma(head: pd.DataFrame) -> bool:
    """True when the first rows write numbers as ``4,5`` and never as ``4.5``."""
    cells = pd.Series(head.to_numpy().ravel()).astype(str).str.strip()
    return bool(cells.str.fullmatch(r"-?\d+,\d+").any()) and not cells.str.fullmatch(r"-?\d+\.\d+").any()


def _has_leading_zeros(cells: pd.Series) -> bool:
    """True for codes such as ``01234`` that must stay text (zip codes, ids)."""
    return bool(cells.astype(str).str.fullmatch(r"0\d+").any())


def _parse_ragged(text: str, delimiter: str, skip: int, width: int,
                  budget: Budget) -> tuple[pd.DataFrame, list[dict]]:
    """Slow path for files whose rows have more fields than the header: keep the rest.

    Rows are read one at a time; each row's fields count towards ``max_cells``, and a row of
    more than ``max_columns`` fields is refused.
    """
    records = itertools.islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), skip, None)
    kept, numbers, bad = [], [], []
    for number, row in enumerate(records, start=skip + 1):
        budget.check_columns(len(row))
        budget.add_cells(max(len(row), width))
        if _too_wide(row, width):
            bad.append({"row": number, "fields": len(row), "width": width, "raw": delimiter.join(row)})
        elif any(cell.strip() for cell in row):
            kept.append([cell if cell.strip() else None for cell in row[:width]] + [None] * (width - len(row)))
            numbers.append(number)
    return pd.DataFrame(kept, columns=range(width), index=pd.Index(numbers, name="row"), dtype=object), bad


def _read_excel(data: bytes, budget: Budget, legacy: bool = False) -> tuple[pd.DataFrame, str]:
    """Read the sheet that holds the responses: the one with the most filled cells (see :mod:`analysis.workbooks`)."""
    sheets = workbooks.read_sheets(data, budget, legacy)
    filled = {sheet: int(frame.notna().to_numpy().sum()) for sheet, frame in sheets.items()}
    if not filled or max(filled.values()) == 0:
        raise InputError("error.file.empty_workbook", file=budget.file)
    sheet = max(filled, key=filled.get)
    return sheets[sheet], str(sheet)  # _split_header makes it text


def _read_json(text: str, budget: Budget) -> pd.DataFrame | None:
    """Records (a list of objects, or an object holding one) -> a string frame with a header row.

    Returns None when the text is not JSON at all (say, a CSV whose first cell starts with "[").
    Records with more keys than ``max_columns`` (nested keys counted as the columns they become)
    are refused before they are flattened, and so is JSON nested deeper than Python can follow.
    """
    name = budget.file
    try:
        data = json.loads(text)
    except ValueError:
        data = _json_lines(text)
        if data is None:
            return None
    except RecursionError:
        raise InputError("error.file.too_deep", file=name) from None
    if isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list) and value and isinstance(value[0], dict)]
        if lists:
            data = max(lists, key=len)
        elif data and all(isinstance(value, list) for value in data.values()) \
                and len({len(value) for value in data.values()}) == 1:  # columns of equal length
            data = pd.DataFrame(data).to_dict("records")
    if not isinstance(data, list) or not data or not all(isinstance(item, dict) for item in data):
        raise InputError("error.file.bad_json", file=name)
    _check_json_columns(data, budget)
    frame = pd.json_normalize(data)
    body = frame.astype(object).map(_json_cell)
    header = pd.DataFrame([list(frame.columns)], columns=frame.columns)
    raw = pd.concat([header, body], ignore_index=True)
    raw.columns = range(raw.shape[1])
    return raw


def _json_lines(text: str) -> list | None:
    """Newline-delimited JSON (one object per line, as BigQuery exports it) as a list of records; None when the
    text is not that."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or not all(line.lstrip().startswith("{") for line in lines):
        return None
    try:
        return [json.loads(line) for line in lines]
    except ValueError:
        return None


def _json_cell(value) -> str:
    """A flattened JSON value as text: lists and objects kept as JSON (GA4's ``event_params``), missing as ``""``."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _check_json_columns(records: list[dict], budget: Budget) -> None:
    """Refuse records that would flatten into more than ``max_columns`` columns, or too many cells."""
    columns: set[str] = set()
    try:
        for record in records:
            budget.check_columns(len(record))
            for column in _flat_keys(record):
                columns.add(column)
                if len(columns) > budget.limits.max_columns:
                    budget.check_columns(len(columns))
    except RecursionError:
        raise InputError("error.file.too_deep", file=budget.file) from None
    budget.check_table(len(records), len(columns))


def _flat_keys(record: dict, prefix: str = ""):
    """The column names ``pandas.json_normalize`` makes of a record's keys (nested ones as ``a.b``)."""
    for key, value in record.items():
        if isinstance(value, dict) and value:
            yield from _flat_keys(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


def _unique_names(names: list[str]) -> tuple[list[str], dict[str, int]]:
    """Make column names unique (`Q (2)`, `Q (3)`...); count how often each repeated name occurs.

    Blank names become `column_N` (N = position); a suffixed name never takes a name that the
    file itself uses. Linear in the number of names: each base remembers the last number it gave.
    """
    bases = [base or f"column_{position + 1}" for position, base in enumerate(names)]
    taken = set(bases)
    unique, seen, last_count = [], set(), {}
    for base in bases:
        name, count = base, 1
        if base in seen:
            count = last_count.get(base, 1)
            while name in seen or name in taken:
                count += 1
                name = f"{base} ({count})"
            last_count[base] = count
        seen.add(name)
        unique.append(name)
    counts = collections.Counter(bases)
    duplicates = {base: count for base, count in counts.items() if count > 1}
    return unique, duplicates
