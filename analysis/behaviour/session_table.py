"""Session-level tables (UCI Online Shoppers style): one row per session with bounce and exit rates.

Such a file has no events to sessionise: each row already carries the session's average
``BounceRates`` and ``ExitRates`` (of the pages it viewed, as fractions 0-1 or percentages)
and whether it converted (``Revenue``). Figures are given overall and per visitor type and
month: mean bounce and exit rates in % with t intervals, conversion in % with Wilson intervals.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.behaviour.columns import looks_like_event_log, normalised
from analysis.errors import InputError
from analysis.funnel import BLANK_GROUP, conversion_by, conversion_rate
from analysis.io import Export
from analysis.schema import value_labels

BY_COLUMNS = ["group", "sessions", "bounce_rate", "bounce_low", "bounce_high", "exit_rate", "exit_low", "exit_high",
              "conversions", "conversion_rate", "conversion_low", "conversion_high", "small_sample"]
_FIELDS = {"bounce": ("bouncerate",), "exit": ("exitrate",), "converted": ("revenue", "converted", "conversion",
                                                                           "purchased", "transaction"),
           "visitor_type": ("visitortype", "newreturning", "usertype"), "month": ("month",)}


def session_table_columns(frame: pd.DataFrame) -> dict[str, str]:
    """The bounce, exit, conversion, visitor-type and month columns found by header (those present)."""
    found = {}
    for field, names in _FIELDS.items():
        for column in frame.columns:
            key = normalised(column)
            if any(key.startswith(name) for name in names) and column not in found.values():
                found[field] = column
                break
    return found


def is_session_table(frame: pd.DataFrame) -> bool:
    """True when ``frame`` has bounce-rate and exit-rate columns (one row per session)."""
    found = session_table_columns(frame)
    return "bounce" in found and "exit" in found


def session_table_export(exports: list[Export]) -> Export | None:
    """The one session-level table among loaded files (:class:`analysis.io.Export`), or None for event logs.

    A file counts as a session table when it has bounce- and exit-rate columns and does not also look
    like an event log (:func:`analysis.behaviour.columns.looks_like_event_log`).

    Raises
    ------
    InputError
        When a session table comes with other files (``error.behaviour.mixed_files``): it is read alone.
    """
    tables = [export for export in exports if is_session_table(export.frame) and not looks_like_event_log(export.frame)]
    if tables and len(exports) > 1:
        raise InputError("error.behaviour.mixed_files", file=tables[0].name)
    return tables[0] if tables else None


def _percent(values: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    return 100 * numbers if numbers.max() <= 1 else numbers


def session_table_summary(frame: pd.DataFrame, name: str = "file") -> dict:
    """Bounce, exit and conversion of a session table, overall and per visitor type and month.

    Returns
    -------
    dict
        ``sessions``; ``bounce_rate`` and ``exit_rate``: mean rates in % with t intervals,
        ``conversion``: % converted with a Wilson interval (:class:`analysis.metrics.Metric`,
        None without a conversion column); ``by``: ``{column: DataFrame}`` for the visitor-type
        and month columns present, columns :data:`BY_COLUMNS` (months in calendar order, other
        groups largest first; ``attrs["test"]`` tests conversion across groups); ``columns``:
        which column held what.

    Raises
    ------
    InputError
        When the table has no bounce-rate or exit-rate column.
    """
    found = session_table_columns(frame)
    if "bounce" not in found or "exit" not in found:
        raise InputError("error.behaviour.not_session_table", file=name)
    bounce, exit_ = _percent(frame[found["bounce"]]), _percent(frame[found["exit"]])
    result = {"sessions": len(frame), "bounce_rate": _mean_metric(bounce), "exit_rate": _mean_metric(exit_),
              "conversion": conversion_rate(frame[found["converted"]]) if "converted" in found else None,
              "by": {}, "columns": found}
    for field in ("visitor_type", "month"):
        if field in found:
            result["by"][found[field]] = _by(frame, found, found[field], bounce, exit_)
    return result


def _mean_metric(values: pd.Series) -> metrics.Metric:
    mean, low, high = metrics.mean_interval(values)
    return metrics.Metric(mean, low, high, int(values.notna().sum()))


def _by(frame: pd.DataFrame, found: dict, column: str, bounce: pd.Series, exit_: pd.Series) -> pd.DataFrame:
    """Mean bounce and exit rates (t intervals) and conversion (Wilson) per value of ``column``."""
    group = value_labels(frame[column]).fillna(BLANK_GROUP).astype(object)
    rates = pd.DataFrame({"group": group.to_numpy(), "bounce": bounce.to_numpy(), "exit": exit_.to_numpy()})
    grouped = rates.groupby("group", sort=False)
    table = grouped.size().rename("sessions").to_frame()
    for name in ("bounce", "exit"):
        mean, std, n = grouped[name].mean(), grouped[name].std(), grouped[name].count()
        low, high = metrics.t_bounds(mean, std, n)
        table[f"{name}_rate"], table[f"{name}_low"], table[f"{name}_high"] = mean, low, high
    table = table.reset_index()
    if "converted" in found:
        conversion = conversion_by(frame, found["converted"], column)
        merged = conversion[["group", "converted", "rate", "low", "high"]].merge(table, on="group", how="left")
        merged = pd.concat([merged, table[~table["group"].isin(merged["group"])]], ignore_index=True)
        merged.attrs["test"] = conversion.attrs["test"]
    else:
        merged = table.assign(converted=np.nan, rate=np.nan, low=np.nan, high=np.nan)
        merged.attrs["test"] = None
    merged = merged.rename(columns={"converted": "conversions", "rate": "conversion_rate", "low": "conversion_low",
                                    "high": "conversion_high"})
    merged["small_sample"] = merged["sessions"] < metrics.SMALL_SAMPLE
    return merged[BY_COLUMNS]


def to_dict(summary: dict) -> dict:
    """:func:`session_table_summary` as JSON-ready values: Metric dicts, and per column a list of row dicts."""
    def plain(value):
        return None if pd.isna(value) else (round(float(value), 4) if isinstance(value, float) else value)

    return {"sessions": summary["sessions"],
            **{key: None if summary[key] is None else summary[key].to_dict()
               for key in ("bounce_rate", "exit_rate", "conversion")},
            "columns": summary["columns"],
            "by": {column: [{key: plain(value) for key, value in row.items()} for row in table.to_dict("records")]
                   for column, table in summary["by"].items()}}
