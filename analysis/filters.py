"""Global filters (date range, channel, segments, touchpoints) applied to a prepared export.

Every page draws from ``apply_filters(prepared, filters)``, so one choice in the sidebar
narrows every number and chart. Filtering never touches the export itself: it returns a new
:class:`~analysis.prepare.Prepared` with fewer rows (and, for touchpoints, fewer columns).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from analysis.prepare import Prepared, columns_for
from analysis.segments import MAX_VALUES, is_banded, segment_labels, segment_order


@dataclass
class Filters:
    """What the analyst narrowed the data to; empty fields mean "everything"."""

    date_from: date | None = None
    date_to: date | None = None
    channels: list[str] = field(default_factory=list)
    segments: dict[str, list[str]] = field(default_factory=dict)
    touchpoints: list[str] = field(default_factory=list)
    rows: list = field(default_factory=list)  # response index labels to keep (a persona's members); empty: all

    @property
    def active(self) -> bool:
        """True when any filter narrows the data."""
        return bool(self.date_from or self.date_to or self.channels or any(self.segments.values())
                    or self.touchpoints or self.rows)


def filter_options(prepared: Prepared) -> dict:
    """What can be filtered: date bounds, channel values, segment columns and their segments, touchpoints.

    Segment columns are the attributes and the channel with 2 to 30 values, and numeric
    attributes with more (cut into quartile bands, see :mod:`analysis.segments`).
    """
    responses = prepared.responses
    stamps = responses["submitted_at"].dropna() if "submitted_at" in responses else pd.Series(dtype="datetime64[ns]")
    channel = prepared.columns("channel")
    segments = {}
    for column in prepared.columns("attribute") + channel:
        values = responses[column]
        if is_banded(values) or 1 < values.nunique() <= MAX_VALUES:
            order = segment_order(segment_labels(values), values)
            if len(order) > 1:
                segments[column] = order
    return {
        "dates": (stamps.min().date(), stamps.max().date()) if len(stamps) else None,
        "channels": segments.get(channel[0], []) if channel else [],
        "segments": segments,
        "touchpoints": prepared.columns("touchpoint"),
    }


def apply_filters(prepared: Prepared, filters: Filters) -> Prepared:
    """The rows (and touchpoints) that pass every filter, as a new Prepared."""
    if not filters.active:
        return prepared
    responses = prepared.responses
    keep = pd.Series(True, index=responses.index)
    if (filters.date_from or filters.date_to) and "submitted_at" in responses:
        day = responses["submitted_at"].dt.date
        if filters.date_from:
            keep &= day >= filters.date_from
        if filters.date_to:
            keep &= day <= filters.date_to
    channels = prepared.columns("channel")
    if filters.channels and channels:
        keep &= _text_in(responses[channels[0]], filters.channels)
    for column, chosen in filters.segments.items():
        if chosen and column in responses:
            keep &= _text_in(responses[column], chosen)
    if filters.rows:
        keep &= responses.index.isin(filters.rows)
    mapping, scores = prepared.mapping, prepared.scores
    if filters.touchpoints:
        dropped = (mapping["role"] == "touchpoint") & ~mapping["column"].isin(filters.touchpoints)
        mapping = mapping.assign(role=mapping["role"].where(~dropped, "ignore"))
        rated = set(columns_for(mapping, "touchpoint"))
        scores = scores[[c for c in scores.columns if c in rated]]
    feedback = prepared.feedback[keep.reindex(prepared.feedback.index, fill_value=False)] if prepared.feedback is not None else None
    return dataclasses.replace(prepared, responses=responses[keep], scores=scores[keep], mapping=mapping, feedback=feedback)


def carried_over(filters: Filters, prepared: Prepared) -> Filters:
    """The part of another file's filters that applies to ``prepared`` (feedback read beside a survey): the
    date range, the chosen channels when its channel column holds any of them, and the segment columns it
    has; never touchpoints."""
    channels = prepared.columns("channel")
    held = set(segment_labels(prepared.responses[channels[0]]).dropna()) if channels else set()
    return Filters(date_from=filters.date_from, date_to=filters.date_to,
                   channels=filters.channels if held & set(filters.channels) else [],
                   segments={column: chosen for column, chosen in filters.segments.items()
                             if column in prepared.responses})


def _text_in(values: pd.Series, chosen: list[str]) -> pd.Series:
    """Whether each row's segment (see :func:`analysis.segments.segment_labels`) is one of ``chosen``; blanks never are."""
    if is_banded(values):
        return segment_labels(values).isin(chosen).fillna(False).astype(bool)
    # Label each distinct value once, then spread the answer over the rows by their codes.
    codes, uniques = pd.factorize(values)
    hits = segment_labels(pd.Series(uniques, dtype=values.dtype)).isin(chosen).fillna(False).to_numpy(dtype=bool)
    return pd.Series((codes >= 0) & hits[np.maximum(codes, 0)], index=values.index)
