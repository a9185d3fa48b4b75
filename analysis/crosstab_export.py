"""A banner table laid out for people: the grid the app shows, the formatted workbook and the CSV.

The layout follows survey software: one Total column first (Total is the same in every banner), then each
banner's categories with their letters; per question a base row (and, weighted, an effective-base row), then its
measures. In the workbook and the CSV each column has two sub-columns, the value and its letters (``sig.``); the
base rows carry ``*`` in the letters sub-column where the base is low. The footnotes (letters, tests, correction,
weights, low bases) follow the table. Every text cell is made inert (:mod:`analysis.export`): a question, an
answer or a category that starts with ``=`` stays text.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd

from analysis.crosstab import TOTAL, Crosstab
from analysis.export import csv_bytes, workbook_cell
from analysis.messages import text

LOW_MARK = "*"
FORMATS = {"share": (".1f", "0.0"), "mean": (".2f", "0.00"), "nps": ("+.0f", "+0;-0;0")}


@dataclass(frozen=True)
class Line:
    """One line of the laid-out table: the question's label, the measure in words, the kind of value
    (``base``, ``effective``, ``share``, ``mean``, ``nps``) and per column (Total, then each banner's
    categories) the value, its letters and whether its base is low."""

    question: str
    measure: str
    kind: str
    values: list
    letters: list[str]
    low: list[bool]


@dataclass(frozen=True)
class Column:
    """A column of the laid-out table: its banner (None for Total), category as written and letter."""

    banner: str | None
    category: str
    letter: str | None


def columns(table: Crosstab) -> list[Column]:
    """Total, then every banner's categories in order."""
    return [Column(None, TOTAL, None), *(Column(banner.name, category, letter) for banner in table.banners
                                           for category, letter in zip(banner.order, banner.letters))]


def header(column: Column, lang: str) -> str:
    """A column's heading in one line: ``Total``, or ``Class: Business (A)``."""
    if column.banner is None:
        return text("crosstab.total", lang)
    return f"{column.banner}: {column.category} ({column.letter})"


def lines(table: Crosstab, lang: str) -> list[Line]:
    """The table's lines, question by question: base (and effective base), then each measure."""
    cells = table.cells
    first_banner = table.banners[0].name
    keyed = {(cell.row, cell.kind, _answer(cell.answer), cell.banner if cell.column != TOTAL else None, cell.column):
             cell for cell in cells.itertuples() if cell.column != TOTAL or cell.banner == first_banner}
    layout = columns(table)
    found = []
    for column, rows in cells.groupby("row", sort=False):
        measures = list(dict.fromkeys(zip(rows["kind"], rows["answer"].map(_answer))))
        label = table.labels.get(column, column)

        def at(kind, answer, column=column):
            return [keyed.get((column, kind, answer, place.banner, place.category)) for place in layout]

        base = at(*measures[0])
        found.append(Line(label, text("crosstab.base", lang), "base", [_count(cell, "base") for cell in base],
                          [LOW_MARK if _low(cell) and not table.weighted else "" for cell in base],
                          [_low(cell) for cell in base]))
        if table.weighted:
            found.append(Line(label, text("crosstab.effective_base", lang), "effective",
                              [_count(cell, "effective_base") for cell in base],
                              [LOW_MARK if _low(cell) else "" for cell in base], [_low(cell) for cell in base]))
        for kind, answer in measures:
            row = at(kind, answer)
            found.append(Line(label, _measure(table, column, kind, answer, lang), _unit(kind),
                              [None if cell is None or pd.isna(cell.value) else float(cell.value) for cell in row],
                              ["".join(cell.higher_than) if cell is not None else "" for cell in row],
                              [_low(cell) for cell in row]))
    return found


def _answer(answer):
    return None if answer is None or (not isinstance(answer, str) and pd.isna(answer)) else answer


def _count(cell, field: str):
    return None if cell is None else round(float(getattr(cell, field)), 1 if field == "effective_base" else None)


def _low(cell) -> bool:
    return bool(cell is not None and cell.low_base)


def _unit(kind: str) -> str:
    return kind if kind in ("mean", "nps") else "share"


def _measure(table: Crosstab, column: str, kind: str, answer, lang: str) -> str:
    boxes, reverse = table.scales.get(column, (2, False))
    if kind in ("answer", "option"):
        return text("crosstab.measure.answer", lang, answer=answer)
    if kind == "top_box":
        return text("crosstab.measure.top_box_2" if boxes == 2 else "crosstab.measure.top_box_1", lang)
    if kind == "mean":
        return text("crosstab.measure.mean_reversed" if reverse else "crosstab.measure.mean", lang)
    return text("crosstab.measure.nps", lang)


def value_text(value, unit: str) -> str:
    """A value as the table writes it: ``43.2%``, ``3.41``, ``+12``; ``—`` when there is none."""
    if value is None:
        return "—"
    return format(value, FORMATS[unit][0]) + ("%" if unit == "share" else "")


def shown(table: Crosstab, lang: str) -> pd.DataFrame:
    """The table as the app shows it: the question, the measure and one text column per Total and category,
    each cell its value and letters (``69.4% BC``), ``*`` after a low base, bases with thousands separators."""
    layout = columns(table)
    rows = []
    for line in lines(table, lang):
        cells = []
        for value, letters, low in zip(line.values, line.letters, line.low):
            if line.kind in ("base", "effective"):
                cell = "—" if value is None else f"{value:,.{1 if line.kind == 'effective' else 0}f}"
                cells.append(cell + (f" {LOW_MARK}" if low else ""))
            else:
                cells.append(" ".join(part for part in (value_text(value, line.kind), letters,
                                                         LOW_MARK if low else "") if part))
        rows.append([line.question, line.measure, *cells])
    return pd.DataFrame(rows, columns=[text("crosstab.question", lang), text("crosstab.measure", lang),
                                       *(header(column, lang) for column in layout)])


def sheet(table: Crosstab, lang: str) -> pd.DataFrame:
    """The table for a CSV: question, measure, then per column its value and its letters (``sig.``); the
    footnotes follow in the question column."""
    sig = text("crosstab.letters", lang)
    names = [text("crosstab.question", lang), text("crosstab.measure", lang)]
    for column in columns(table):
        names += [header(column, lang), f"{header(column, lang)} {sig}"]
    rows = [[line.question, line.measure, *(part for value, letters in zip(line.values, line.letters)
                                            for part in (None if value is None else round(value, 4), letters))]
            for line in lines(table, lang)]
    rows += [[None] * len(names)] + [[note.text(lang)] + [None] * (len(names) - 1) for note in table.footnotes()]
    return pd.DataFrame(rows, columns=names)


def csv(table: Crosstab, lang: str = "en") -> bytes:
    """The table as CSV (see :func:`sheet`), formulas made inert."""
    return csv_bytes(sheet(table, lang))


def xlsx(table: Crosstab, lang: str = "en", title: str = "") -> bytes:
    """The table as a formatted workbook: a heading row of banners, a row of categories, a row of letters, then
    each question's bases and measures with values and letters in sub-columns, low bases marked, footnotes below."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = "banner table"
    layout = columns(table)
    top = 1
    if title:
        ws.cell(1, 1, workbook_cell(title)).font = Font(bold=True, size=13)
        top = 3
    bold, muted, low_fill = Font(bold=True), Font(italic=True, color="808080"), PatternFill("solid", fgColor="FCE4D6")
    ws.cell(top, 1, workbook_cell(text("crosstab.question", lang))).font = bold
    ws.cell(top, 2, workbook_cell(text("crosstab.measure", lang))).font = bold
    for position, column in enumerate(layout):
        first = 3 + 2 * position
        banner = text("crosstab.total", lang) if column.banner is None else column.banner
        if position == 0 or column.banner != layout[position - 1].banner:
            ws.cell(top, first, workbook_cell(banner)).font = bold
        ws.cell(top + 1, first, workbook_cell(text("crosstab.total", lang) if column.banner is None
                                              else column.category)).font = bold
        ws.merge_cells(start_row=top + 1, start_column=first, end_row=top + 1, end_column=first + 1)
        ws.cell(top + 2, first, f"({column.letter})" if column.letter else None)
        ws.cell(top + 2, first + 1, workbook_cell(text("crosstab.letters", lang))).font = muted
        ws.column_dimensions[get_column_letter(first)].width = 11
        ws.column_dimensions[get_column_letter(first + 1)].width = 6
    _merge_banners(ws, top, layout)
    row = top + 3
    previous = None
    for line in lines(table, lang):
        if line.question != previous:
            ws.cell(row, 1, workbook_cell(line.question)).font = bold
            previous = line.question
        ws.cell(row, 2, workbook_cell(line.measure)).font = muted if line.kind in ("base", "effective") else Font()
        for position, (value, letters, low) in enumerate(zip(line.values, line.letters, line.low)):
            cell = ws.cell(row, 3 + 2 * position, value)
            cell.number_format = "#,##0" if line.kind == "base" else "#,##0.0" if line.kind == "effective"                 else FORMATS[line.kind][1]
            if line.kind in ("base", "effective"):
                cell.font = muted
                if low:
                    cell.fill = low_fill
            elif low:
                cell.font = muted
            ws.cell(row, 4 + 2 * position, letters or None).font = Font(bold=True, color="1F4E79")
        row += 1
    row += 1
    for note in table.footnotes():
        ws.cell(row, 1, workbook_cell(note.text(lang))).alignment = Alignment(wrap_text=False)
        row += 1
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 24
    ws.freeze_panes = ws.cell(top + 3, 3)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _merge_banners(ws, top: int, layout: list[Column]) -> None:
    """Merge each banner's heading over its categories' sub-columns."""
    start = 0
    for position in range(1, len(layout) + 1):
        if position == len(layout) or layout[position].banner != layout[start].banner:
            ws.merge_cells(start_row=top, start_column=3 + 2 * start, end_row=top, end_column=2 + 2 * position)
            start = position
