"""How much one file may hold: the limits :func:`analysis.io.load_export` reads within.

Crafted files can be tiny on disk and huge once read (a workbook that declares a million rows,
one long text shared by a hundred thousand cells). Every file is read within these limits, and
the first one exceeded ends the read with an :class:`~analysis.errors.InputError` that names the
limit and the environment variable that raises it. The defaults are far above any real survey
export; each can be changed per deployment with an environment variable:

- ``max_bytes``: 200 MB, the app's upload limit (``server.maxUploadSize``); ``JOURNEY_LENS_MAX_MB``
- ``max_columns``: 5,000 columns; ``JOURNEY_LENS_MAX_COLUMNS``
- ``max_cells``: 50 million cells; ``JOURNEY_LENS_MAX_CELLS``
- ``max_text_bytes``: 1 GB of text in the cells; ``JOURNEY_LENS_MAX_TEXT_MB``

MB means 1024 × 1024 bytes, as Streamlit counts ``server.maxUploadSize``.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Mapping

from analysis.errors import InputError, quoted

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The most one file may hold; the first limit exceeded stops the read.

    Attributes
    ----------
    max_bytes : int
        Size of the file itself, in bytes (the app's upload limit, ``server.maxUploadSize``).
    max_columns : int
        Columns of the table (header width, JSON keys, the last column a workbook uses).
        Real survey exports stay in the hundreds; detecting roles stays quick up to this.
    max_cells : int
        Rows × columns of the table; for workbooks also every cell the sheets store.
    max_text_bytes : int
        Text held in the cells, in UTF-8 bytes: a workbook's shared text counts in every cell that
        shows it (and once more as it is unpacked). A text file's cells hold no more than the file.
    """

    max_bytes: int = 200 * MB
    max_columns: int = 5_000
    max_cells: int = 50_000_000
    max_text_bytes: int = 1024 * MB


# field -> (environment variable, bytes per unit of the variable's value)
ENVIRONMENT = {
    "max_bytes": ("JOURNEY_LENS_MAX_MB", MB),
    "max_columns": ("JOURNEY_LENS_MAX_COLUMNS", 1),
    "max_cells": ("JOURNEY_LENS_MAX_CELLS", 1),
    "max_text_bytes": ("JOURNEY_LENS_MAX_TEXT_MB", MB),
}


def from_environment(environ: Mapping[str, str]) -> Limits:
    """The defaults with every limit set in ``environ`` (a positive whole number) in their place."""
    values = {}
    for field, (variable, unit) in ENVIRONMENT.items():
        given = environ.get(variable, "").strip()
        if given:
            values[field] = _positive_whole_number(variable, given) * unit
    return Limits(**values)


@functools.cache
def limits() -> Limits:
    """The limits of this process: the defaults, or the environment variables read on first use."""
    return from_environment(os.environ)


def variable(field: str) -> str:
    """The environment variable that sets ``field`` (``"max_columns"`` -> ``JOURNEY_LENS_MAX_COLUMNS``)."""
    return ENVIRONMENT[field][0]


def _positive_whole_number(variable: str, given: str) -> int:
    """``given`` (digits, ``_`` or ``,`` allowed between them) as an int; an InputError naming ``variable`` otherwise."""
    digits = given.replace("_", "").replace(",", "")
    if not (digits.isascii() and digits.isdigit()) or int(digits) < 1:
        raise InputError("error.limit.setting", variable=variable, value=quoted(given))
    return int(digits)


class Budget:
    """What one file has used of its limits while it is read; each check raises the limit's InputError.

    ``cells`` and ``text_bytes`` add up as a reader goes (every cell a workbook stores, the text of
    its cells); :meth:`check_columns` and :meth:`check_table` look at one table's shape.
    """

    def __init__(self, limits: Limits, file: str):
        self.limits, self.file = limits, file
        self.cells = self.text_bytes = 0

    def check_size(self, size: int) -> None:
        """Refuse a file of more than ``max_bytes`` bytes."""
        if size > self.limits.max_bytes:
            raise InputError("error.limit.bytes", file=self.file, found=megabytes(size),
                             limit=megabytes(self.limits.max_bytes), variable=variable("max_bytes"))

    def check_columns(self, columns: int) -> None:
        """Refuse a table of more than ``max_columns`` columns (``columns`` is how many were found, at least)."""
        if columns > self.limits.max_columns:
            raise InputError("error.limit.columns", file=self.file, found=f"{columns:,}",
                             limit=f"{self.limits.max_columns:,}", variable=variable("max_columns"))

    def check_table(self, rows: int, columns: int) -> None:
        """Refuse a table of more than ``max_cells`` cells (rows × columns)."""
        self._check_cells(rows * columns)

    def add_cells(self, count: int) -> None:
        """Count ``count`` more cells read; refuse when the file's cells pass ``max_cells``."""
        self.cells += count
        self._check_cells(self.cells)

    def add_text(self, size: int) -> None:
        """Count ``size`` more bytes of text; refuse when the file's text passes ``max_text_bytes``."""
        self.text_bytes += size
        if self.text_bytes > self.limits.max_text_bytes:
            raise InputError("error.limit.text", file=self.file, found=megabytes(self.text_bytes),
                             limit=megabytes(self.limits.max_text_bytes), variable=variable("max_text_bytes"))

    def _check_cells(self, cells: int) -> None:
        if cells > self.limits.max_cells:
            raise InputError("error.limit.cells", file=self.file, found=f"{cells:,}",
                             limit=f"{self.limits.max_cells:,}", variable=variable("max_cells"))


def text_size(value: str) -> int:
    """Bytes of ``value`` in UTF-8 (ASCII text is counted without encoding it)."""
    return len(value) if value.isascii() else len(value.encode("utf-8", errors="replace"))


def megabytes(size: int) -> str:
    """``size`` bytes in MB for a message: ``200``, ``0.5``, ``1,024``, ``0.0012``."""
    value = size / MB
    return f"{value:,.1f}".removesuffix(".0") if value >= 0.1 else f"{value:.2g}"
