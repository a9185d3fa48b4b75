"""Tables in and out of the store as Parquet bytes, and the loaded export rebuilt from them."""
from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd

from analysis.io import Export

_EXPORT_FIELDS = ("format", "questions", "encoding", "delimiter", "sheet", "header_rows", "bad_rows",
                  "duplicate_headers", "swallowed", "question_groups")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` (index included) as Parquet bytes."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, engine="pyarrow")
    return buffer.getvalue()


def frame_from(data: bytes) -> pd.DataFrame:
    """A new DataFrame read from Parquet bytes."""
    return pd.read_parquet(io.BytesIO(data), engine="pyarrow")


def export_details(export: Export) -> dict:
    """What, besides its table, rebuilds a loaded export: format, questions, encoding, rows set aside..."""
    return json.loads(json.dumps({name: getattr(export, name) for name in _EXPORT_FIELDS}, default=_plain))


def rebuild_export(frame: pd.DataFrame, details: dict, name: str) -> Export:
    """The export a file was loaded as, from its stored table and :func:`export_details`."""
    known = {"format": "generic", "questions": {}, **details}
    return Export(name=name, frame=frame, **{key: known[key] for key in _EXPORT_FIELDS if key in known})


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    return str(value)
