"""Segments: which group each respondent is in for one column, shared by the filters, Compare and the heatmap.

A column with a few values (class, region, a 0/1 code) is segmented by its values, written as
text (``value_labels``: ``3``, not ``3.0``). A numeric column with many values (age, distance,
spend) is cut into bands: at its quartiles by default, or at edges the analyst gives. Each band
holds its lower edge and not its upper one; whole-number data is labelled ``18–29``, ``30–44``,
``45–80``, other data ``< 2.5``, ``2.5 – < 7``, ``≥ 7``.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.schema import value_labels

MAX_VALUES = 30   # more distinct numbers than this, and a numeric column is banded
QUANTILES = (0.25, 0.5, 0.75)


def is_banded(values: pd.Series) -> bool:
    """True for a numeric column with more than ``MAX_VALUES`` distinct values (cut into bands)."""
    return (pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
            and values.nunique() > MAX_VALUES)


def band_edges(values: pd.Series, edges=None) -> list[float]:
    """The inner edges of the bands: ``edges`` (sorted, unique, inside the data's range), else the quartiles."""
    valid = values.dropna().astype(float)
    if valid.empty:
        return []
    if edges is None:
        edges = valid.quantile(list(QUANTILES)).tolist()
        if _whole(valid):
            edges = [float(np.ceil(edge)) for edge in edges]
    low, high = valid.min(), valid.max()
    return sorted({float(edge) for edge in edges if low < float(edge) <= high})


def segment_labels(values: pd.Series, edges=None) -> pd.Series:
    """The segment of every row as text (NA where blank): its value, or its band for a banded column.

    ``edges`` sets the band edges of a banded column (see :func:`band_edges`); it is ignored
    for a column that is not banded unless given, so an analyst can band any numeric column.
    """
    if not (is_banded(values) or (edges is not None and pd.api.types.is_numeric_dtype(values))):
        return value_labels(values)
    inner = band_edges(values, edges)
    labels = band_labels(values, inner)
    position = np.searchsorted(np.asarray(inner, dtype=float), values.to_numpy(dtype=float), side="right")
    text = np.asarray(labels, dtype=object)[np.minimum(position, len(labels) - 1)]
    return pd.Series(text, index=values.index, dtype="string").where(values.notna())


def band_labels(values: pd.Series, inner: list[float]) -> list[str]:
    """Labels of the bands between the inner edges, in order (see the module docstring)."""
    valid = values.dropna().astype(float)
    if valid.empty:
        return []
    bounds = [float(valid.min()), *inner, float(valid.max())]
    if _whole(valid) and all(float(edge).is_integer() for edge in inner):
        uppers = [edge - 1 for edge in inner] + [bounds[-1]]
        return [_number(low) if low == high else f"{_number(low)}–{_number(high)}"
                for low, high in zip(bounds[:-1], uppers)]
    if not inner:
        return [f"{_number(bounds[0])}–{_number(bounds[-1])}"]
    middle = [f"{_number(low)} – < {_number(high)}" for low, high in zip(inner[:-1], inner[1:])]
    return [f"< {_number(inner[0])}", *middle, f"≥ {_number(inner[-1])}"]


def segment_order(labels: pd.Series, values: pd.Series, edges=None) -> list[str]:
    """The distinct segments of a column in a sensible order: bands low to high, values sorted as text."""
    present = set(labels.dropna().unique())
    if is_banded(values) or (edges is not None and pd.api.types.is_numeric_dtype(values)):
        return [label for label in band_labels(values, band_edges(values, edges)) if label in present]
    return sorted(present)


def parse_edges(text: str | None) -> tuple[float, ...] | None:
    """Band edges typed by an analyst ("25, 35, 50" or "25 35 50"), sorted; None when nothing readable is typed."""
    numbers = []
    for part in re.split(r"[,;，；\s]+", text or ""):
        try:
            numbers.append(float(part))
        except ValueError:
            continue
    finite = sorted({number for number in numbers if np.isfinite(number)})
    return tuple(finite) or None


def _whole(values: pd.Series) -> bool:
    return bool((values % 1 == 0).all())


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
