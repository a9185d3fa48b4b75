"""The Google Analytics 4 export schema, read as any other event log.

GA4's BigQuery export has one row per event: ``event_name``, ``event_timestamp`` (microseconds since the epoch,
UTC), ``user_pseudo_id`` (the browser's visitor id) and ``event_params``, a list of ``{key, value: {string_value,
int_value, float_value, double_value}}`` records holding, among others, ``ga_session_id`` (the session's number,
unique per visitor), ``page_location`` (the page's URL) and ``page_referrer``. The export comes:

- as newline-delimited JSON (BigQuery's JSON export; :mod:`analysis.io` reads it, lists kept as JSON text) or
  Parquet, with ``event_params`` nested: :func:`flatten` (pandas) and :func:`sql_columns` (DuckDB) take the three
  parameters out as columns of those names;
- as CSV flattened by a query (``UNNEST(event_params)``), with ``ga_session_id`` and ``page_location`` already
  columns (also as ``event_params.page_location``): nothing to do.

The columns are then found by their names (:mod:`analysis.behaviour.columns`): visitor ``user_pseudo_id``, time
``event_timestamp`` (microseconds, :func:`analysis.behaviour.events.read_times`), session ``ga_session_id``,
page ``page_location``, referrer ``page_referrer``; GA4's ``session_start`` events are markers, set aside.
"""
from __future__ import annotations

import json

import pandas as pd

from analysis.behaviour.columns import normalised

PARAMS = ("ga_session_id", "page_location", "page_referrer")  # taken out of event_params, in this order
VALUE_FIELDS = ("string_value", "int_value", "double_value", "float_value")
_REQUIRED = {"eventname", "eventtimestamp", "userpseudoid", "eventparams"}


def is_ga4(columns) -> bool:
    """True when the column names are GA4's (``event_name``, ``event_timestamp``, ``user_pseudo_id``,
    ``event_params``; compared as :func:`analysis.behaviour.columns.normalised` compares headers)."""
    return _REQUIRED <= {normalised(column) for column in columns}


def missing_params(columns) -> list[str]:
    """The parameters of :data:`PARAMS` a GA4 file does not already hold as columns (none for other files)."""
    if not is_ga4(columns):
        return []
    names = {normalised(column) for column in columns}
    return [key for key in PARAMS if normalised(key) not in names and normalised(f"event_params.{key}") not in names]


def param(params, key: str) -> str | None:
    """The value of parameter ``key`` in one row's ``event_params`` (a list of records, or its JSON text), as
    text: the first filled of string, int, double and float values; None when absent or unreadable."""
    if isinstance(params, str):
        try:
            params = json.loads(params)
        except ValueError:
            return None
    if params is None or isinstance(params, float) or not hasattr(params, "__iter__"):
        return None
    for item in params:
        if isinstance(item, dict) and item.get("key") == key:
            value = item.get("value") or {}
            for field in VALUE_FIELDS:
                if value.get(field) is not None and not (isinstance(value[field], float) and pd.isna(value[field])):
                    return str(value[field])
            return None
    return None


def flatten(frame: pd.DataFrame) -> pd.DataFrame:
    """A GA4 export with ``event_params`` nested, with ``ga_session_id``, ``page_location`` and ``page_referrer``
    added as columns (a new frame; other frames are returned as they are)."""
    missing = missing_params(frame.columns)
    if not missing:
        return frame
    column = next(name for name in frame.columns if normalised(name) == "eventparams")
    params = frame[column].tolist()
    return frame.assign(**{key: pd.array([param(row, key) for row in params], dtype="string") for key in missing})


def sql_columns(params: str, type_name: str, missing: list[str]) -> str:
    """SQL adding the ``missing`` parameters as text columns, from the ``event_params`` column ``params`` (quoted)
    of DuckDB type ``type_name``: a list of structs (Parquet; the value fields it has are used) or text holding
    their JSON (CSV)."""
    nested = type_name.upper().startswith("STRUCT")
    fields = [field for field in VALUE_FIELDS if not nested or field in type_name] or ["string_value"]
    shape = ", ".join(f'"{field}": "VARCHAR"' for field in VALUE_FIELDS)
    source = params if nested else f"from_json({params}, '[{{\"key\": \"VARCHAR\", \"value\": {{{shape}}}}}]')"
    parts = []
    for key in missing:
        found = f"list_filter({source}, lambda p: p.key = '{key}')[1].value"
        values = ", ".join(f"CAST({found}.{field} AS VARCHAR)" for field in fields)
        parts.append(f"coalesce({values}) AS {key}")
    return ", ".join(parts)
