"""Survey-tool export layouts: detect which tool wrote a table and flatten its header rows.

Each tool puts its header in its own shape. :func:`detect` looks at the first raw rows
(strings, no header applied) and returns a :class:`Layout`: the format name, how many rows
are header, one column name per column and the full question text kept as metadata, and, where
the tool says so, which question each column belongs to (the rows of one matrix question share
one answer scale): the question a SurveyMonkey column sits under, the question id of a Qualtrics
ImportId (``QID5`` of ``QID5_1``, ``QID6#1`` of ``QID6#1-2``). Neither tool's export says in what
order a question's answer labels run.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pandas as pd

FORMATS = ("qualtrics", "surveymonkey", "typeform", "google_forms", "generic")

GOOGLE_TIMESTAMP = {"timestamp", "marca temporal", "horodateur", "zeitstempel", "carimbo de data/hora",
                    "时间戳记", "時間戳記", "タイムスタンプ", "informazioni cronologiche", "tijdstempel"}
SURVEYMONKEY_IDS = {"respondent id", "respondentid"}
SURVEYMONKEY_SUBHEADS = {"response", "open-ended response", ""}
TYPEFORM_META = {"submit date (utc)", "start date (utc)", "network id", "stage date (utc)"}
_TAG = re.compile(r"<[^>]+>")
_IMPORT_ID = re.compile(r"""importid['"]\s*:\s*['"](QID\d+(?:#\d+)?)[-_]""", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@dataclass
class Layout:
    """How a raw table's header is laid out."""

    format: str
    header_rows: int
    columns: list[str]
    questions: list[str]
    groups: list[str] = field(default_factory=list)  # the question each column belongs to ('' when not told)


def clean_header(text: str) -> str:
    """Strip HTML tags and entities, NUL bytes and padding; fold runs of white space."""
    text = html.unescape(_TAG.sub(" ", str(text).replace("\x00", "")))
    return _SPACE.sub(" ", text).strip()


def detect(raw: pd.DataFrame) -> Layout:
    """Recognise the export's tool from its first rows and flatten the header."""
    rows = [[clean_header(cell) for cell in raw.iloc[i].tolist()] for i in range(min(3, len(raw)))]
    first = rows[0]
    lowered = [cell.lower() for cell in first]
    if len(rows) >= 3 and _share(rows[2], lambda c: c.startswith(("{'importid'", '{"importid"'))) > 0.5:
        return Layout("qualtrics", 3, first, _questions(rows[1], first), [_import_group(cell) for cell in rows[2]])
    if len(rows) >= 2 and first[:3] == ["V1", "V2", "V3"]:
        columns = [q if re.fullmatch(r"V\d+", v) and q else v for v, q in zip(first, rows[1])]
        return Layout("qualtrics", 2, columns, _questions(rows[1], columns))
    if lowered and lowered[0] in SURVEYMONKEY_IDS and len(rows) >= 2 and _is_surveymonkey_subhead(rows[1]):
        return _surveymonkey(first, rows[1])
    if lowered and lowered[0] == "#" and (TYPEFORM_META & set(lowered) or any("<" in str(c) for c in raw.iloc[0])):
        return Layout("typeform", 1, first, first)
    if lowered and lowered[0] in GOOGLE_TIMESTAMP:
        return Layout("google_forms", 1, first, first)
    if _share(first, _is_number) == 1.0 and len(raw) > 1:
        names = [f"column_{i + 1}" for i in range(len(first))]
        return Layout("generic", 0, names, names)
    return Layout("generic", 1, first, first)


def _surveymonkey(first: list[str], second: list[str]) -> Layout:
    """Forward-fill question text over multi-column questions; name options `question - option`."""
    columns, questions, question = [], [], ""
    for top, sub in zip(first, second):
        question = top or question
        columns.append(question if sub.lower() in SURVEYMONKEY_SUBHEADS or not question else f"{question} - {sub}")
        questions.append(question)
    groups = [question if sub.lower() not in SURVEYMONKEY_SUBHEADS else "" for question, sub in zip(questions, second)]
    return Layout("surveymonkey", 2, columns, questions, groups)


def _import_group(cell: str) -> str:
    """The question id of a Qualtrics ImportId cell that names a row or choice of a question, else ''."""
    found = _IMPORT_ID.search(cell)
    return found.group(1) if found else ""


def _is_surveymonkey_subhead(row: list[str]) -> bool:
    return any(cell and cell.lower() in SURVEYMONKEY_SUBHEADS for cell in row)


def _questions(texts: list[str], fallback: list[str]) -> list[str]:
    return [text or name for text, name in zip(texts, fallback)]


def _share(cells: list[str], test) -> float:
    filled = [cell for cell in cells if cell]
    return sum(1 for cell in filled if test(cell.lower())) / len(filled) if filled else 0.0


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True
