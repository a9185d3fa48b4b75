"""Mapping templates: the reading of a survey's columns, saved by column name and applied to its next wave.

A template keeps, for each column name, what the analyst decided: role, label, scale, direction, 0-handling
and answer words (:data:`FIELDS`). :func:`make_template` writes one from a mapping, :func:`template_json` and
:func:`read_template` turn it into JSON and back (checking it), and :func:`apply_template` lays it over the
mapping detected for another file: columns are matched by name (exactly, else ignoring case, accents and
spacing), the rest keep their detected reading, and :class:`Fit` says which names matched and which did not.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

import pandas as pd

from analysis.answers import fold
from analysis.errors import InputError, quoted
from analysis.schema import NOTE_SEPARATOR, ROLES, note_codes

KIND = "journey-lens mapping template"
VERSION = 1
FIELDS = ["role", "label", "scale_min", "scale_max", "reverse", "zero_is_na", "words"]
NAME_LENGTH = 80


@dataclass(frozen=True)
class Fit:
    """How a template met a file: the columns it set, its columns the file lacks, the file's columns it lacks."""

    matched: list[str]
    not_in_file: list[str]
    not_in_template: list[str]


def make_template(mapping: pd.DataFrame, name: str) -> dict:
    """A template named ``name`` holding every column's :data:`FIELDS` from ``mapping``, by column name."""
    columns = {}
    for row in mapping.itertuples(index=False):
        columns[str(row.column)] = {field: _plain(getattr(row, field)) for field in FIELDS}
    return {"kind": KIND, "version": VERSION, "name": template_name(name), "columns": columns}


def template_name(name) -> str:
    """A template's name as kept: trimmed, at most ``NAME_LENGTH`` characters; raises InputError when blank."""
    text = " ".join(str(name or "").split())[:NAME_LENGTH]
    if not text:
        raise InputError("error.template.no_name")
    return text


def template_json(template: dict) -> bytes:
    """The template as the JSON file the analyst downloads (UTF-8, readable)."""
    return json.dumps(template, ensure_ascii=False, indent=2).encode("utf-8")


def read_template(data, file: str = "template.json") -> dict:
    """A template read from JSON bytes or text (or an already parsed dict) and checked; raises InputError
    naming ``file`` and what is wrong (not JSON, not a template, an unknown role, a field of the wrong kind)."""
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise InputError("error.template.not_json", file=quoted(file)) from None
    if not isinstance(data, dict) or data.get("kind") != KIND or not isinstance(data.get("columns"), dict):
        raise InputError("error.template.not_template", file=quoted(file))
    columns = {}
    for column, spec in data["columns"].items():
        if not isinstance(spec, dict) or spec.get("role") not in ROLES:
            raise InputError("error.template.bad_column", file=quoted(file), column=quoted(column))
        columns[str(column)] = {field: _checked(spec.get(field), field, file, column) for field in FIELDS}
    return {"kind": KIND, "version": VERSION, "name": template_name(data.get("name") or file), "columns": columns}


def apply_template(template: dict, detected: pd.DataFrame) -> tuple[pd.DataFrame, Fit]:
    """``detected`` (a file's mapping) with the template's reading for each column it names, and the :class:`Fit`.

    A column is matched by its exact name, else by its name ignoring case, accents and spacing. Matched
    rows take every field of the template and the note ``from_template``; a blank scale is inferred again
    when the mapping is completed (:func:`analysis.schema.complete_mapping`).
    """
    mapping = detected.copy()
    by_fold = {}
    for name in template["columns"]:
        by_fold.setdefault(fold(name), name)
    matched, used = [], set()
    for i in mapping.index:
        column = str(mapping.at[i, "column"])
        name = column if column in template["columns"] else by_fold.get(fold(column))
        if name is None or name in used:
            continue
        used.add(name)
        matched.append(column)
        for field, value in template["columns"][name].items():
            mapping.at[i, field] = _blank(value, field)
        mapping.at[i, "note"] = NOTE_SEPARATOR.join([*note_codes(mapping.at[i, "note"]), "from_template"])
    fit = Fit(matched=matched, not_in_file=[name for name in template["columns"] if name not in used],
              not_in_template=[str(column) for column in mapping["column"] if str(column) not in matched])
    return mapping, fit


def _plain(value):
    """A mapping value as JSON keeps it: numbers as numbers, NaN as null, booleans as booleans."""
    if isinstance(value, bool) or value is None:
        return value
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _checked(value, field: str, file: str, column: str):
    """One field of a template column, or InputError when it has the wrong kind."""
    if field in ("scale_min", "scale_max"):
        ok = value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))
    elif field in ("reverse", "zero_is_na"):
        ok = value is None or isinstance(value, bool)
    else:
        ok = value is None or isinstance(value, str)
    if not ok:
        raise InputError("error.template.bad_field", file=quoted(file), column=quoted(column), field=field)
    return value


def _blank(value, field: str):
    """A template value as the mapping holds it (a missing scale is NaN, a missing flag False, missing text '')."""
    if value is not None:
        return float(value) if field in ("scale_min", "scale_max") else value
    return {"scale_min": math.nan, "scale_max": math.nan, "reverse": False, "zero_is_na": False}.get(field, "")
