"""Pins of the insight notebook: a chart (a Vega-Lite spec with its data inline) or a table, with a
title and the analyst's note. The store keeps them per project; :mod:`analysis.report` prints them."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

KINDS = ("chart", "table")


@dataclass(frozen=True)
class Pin:
    """One pinned result.

    ``payload`` is the Vega-Lite spec (data inline, ``data.values``) of a chart, or
    ``{"columns": [...], "records": [{column: value}, ...]}`` of a table (see :func:`table_payload`).
    ``id``, ``position``, ``created`` and ``updated`` are set by the store.
    """

    kind: str
    title: str
    payload: dict
    note: str = ""
    page: str = ""
    lang: str = "en"
    id: int | None = None
    position: int | None = None
    created: datetime | None = None
    updated: datetime | None = None


def table_payload(frame: pd.DataFrame) -> dict:
    """The payload of a table pin: column names in order and JSON-safe records (NaN as null, times as ISO text)."""
    records = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    return {"columns": [str(column) for column in frame.columns], "records": records}


def chart_payload(spec: dict, datasets: dict[str, pd.DataFrame] | None = None) -> dict:
    """The payload of a chart pin: ``spec`` with the named ``datasets`` it reads put inline as records."""
    if not datasets:
        return dict(spec)
    return {**spec, "datasets": {name: json.loads(frame.to_json(orient="records", date_format="iso"))
                                 for name, frame in datasets.items()}}
