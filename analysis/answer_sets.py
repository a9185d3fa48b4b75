"""Columns that share their answers: one word list for every question asked on the same scale.

A survey asks many questions on one scale ("Sehr zufrieden" ... "Sehr unzufrieden"). When the analyst
writes the words of one of them, :func:`like_columns` finds the others answered with the same labels and
:func:`share_words` gives them the same reading (role, scale, direction and words). Labels are compared as
:func:`analysis.answers.fold` writes them; numbers and "not applicable" answers are not labels.
"""
from __future__ import annotations

import pandas as pd

from analysis.answers import NOT_APPLICABLE, fold
from analysis.schema import NOTE_SEPARATOR, NUMERIC_ROLES, note_codes, to_number

MAX_LABELS = 50  # a column with more different answers is free text or ids, not a scale
SHARED = ["role", "scale_min", "scale_max", "reverse", "zero_is_na", "words"]


def answer_labels(values: pd.Series) -> frozenset[str]:
    """The word answers of a column (folded), without numbers, blanks and "not applicable"; empty for a column of
    more than ``MAX_LABELS`` different answers."""
    distinct = pd.Series(values.dropna().unique())
    if len(distinct) > MAX_LABELS or distinct.empty:
        return frozenset()
    words = distinct[to_number(distinct)[1].to_numpy()].astype(str)
    return frozenset(fold(word) for word in words if fold(word) and word.strip().lower() not in NOT_APPLICABLE)


def answer_label_sets(frame: pd.DataFrame) -> dict[str, frozenset[str]]:
    """:func:`answer_labels` of every column of ``frame``."""
    return {column: answer_labels(frame[column]) for column in frame.columns}


def like_columns(labels: dict[str, frozenset[str]], column: str) -> list[str]:
    """The other columns answered with the labels of ``column``: each has at least two of them (one, when
    ``column`` has only one) and no label ``column`` lacks. In file order; [] when ``column`` has no labels."""
    own = labels.get(column, frozenset())
    if not own:
        return []
    least = min(2, len(own))
    return [other for other, found in labels.items()
            if other != column and len(found) >= least and found <= own]


def share_words(mapping: pd.DataFrame, column: str, columns: list[str]) -> pd.DataFrame:
    """``mapping`` with ``columns`` read as ``column`` is: its role (when it is a rating), scale, direction,
    0-handling and words; their notes say the words were shared. A new DataFrame."""
    mapping = mapping.copy()
    source = mapping.loc[mapping["column"] == column].iloc[0]
    fields = SHARED if source["role"] in NUMERIC_ROLES else ["words"]
    chosen = mapping["column"].isin(columns) & (mapping["column"] != column)
    for field in fields:
        mapping.loc[chosen, field] = source[field]
    mapping.loc[chosen, "note"] = [NOTE_SEPARATOR.join([*(code for code in note_codes(note) if code != "words_read"),
                                                        "words_shared"]) for note in mapping.loc[chosen, "note"]]
    return mapping


def columns_to_share(mapping: pd.DataFrame, labels: dict[str, frozenset[str]], column: str) -> list[str]:
    """The columns like ``column`` (see :func:`like_columns`) whose reading differs from its own: those
    :func:`share_words` would change."""
    by_column = mapping.set_index("column")
    if column not in by_column.index:
        return []
    source = by_column.loc[column, SHARED].astype(str)
    return [other for other in like_columns(labels, column)
            if other in by_column.index and not by_column.loc[other, SHARED].astype(str).equals(source)]
