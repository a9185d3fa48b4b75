"""One-call summary of an export: format, counts, roles, validation, metrics, touchpoints.

This is what ``python -m analysis summarize FILE --json`` prints, and what the Data page
shows at a glance.
"""
from __future__ import annotations

import pandas as pd

from analysis import funnel, journey, metrics, transactions
from analysis.drivers import key_drivers
from analysis.errors import InputError
from analysis.io import Export
from analysis.prepare import Prepared, prepare
from analysis.schema import detect_roles


def headline_metrics(prepared: Prepared) -> dict[str, metrics.Metric]:
    """NPS, CSAT, CES and satisfied share from the first column of each role present."""
    found = {}
    for role in ("nps", "csat", "ces"):
        columns = prepared.columns(role)
        if not columns:
            continue
        spec = prepared.spec(columns[0])
        values = prepared.responses[columns[0]]
        if role == "nps":
            found[role] = metrics.nps(values)
        elif role == "csat":
            found[role] = metrics.csat(values, spec.scale_min, spec.scale_max)
        else:
            found[role] = metrics.ces(values, spec.scale_min, spec.scale_max, bool(spec.reverse))
    outcomes = prepared.columns("outcome")
    if outcomes:
        found["satisfied"] = metrics.share(prepared.responses[outcomes[0]])
    flags = conversion_flags(prepared)
    if flags is not None:
        found["conversion"] = funnel.conversion_rate(flags)
    return found


def conversion_flags(prepared: Prepared) -> pd.Series | None:
    """The first behaviour column that is a yes/no flag (converted, purchased, Revenue TRUE/FALSE), read as flags."""
    for column in prepared.columns("behaviour"):
        try:
            flags = funnel.to_flags(prepared.responses[column], column)
        except InputError:
            continue
        if flags.notna().any():
            return flags
    return None


def customer_value(export: Export) -> dict | None:
    """Historic CLV summary of a transaction export, or None when its columns cannot be found."""
    try:
        columns = transactions.guess_transaction_columns(export.frame)
        clean, _ = transactions.clean_transactions(export.frame, columns)
        return transactions.clv_summary(transactions.customer_value(clean, columns))
    except InputError:
        return None


def summarize(export: Export, mapping: pd.DataFrame | None = None) -> dict:
    """The summary dict of an export under ``mapping`` (detected when not given)."""
    prepared = prepare(export, detect_roles(export) if mapping is None else mapping)
    return summary_of(export, prepared)


def summary_of(export: Export, prepared: Prepared) -> dict:
    """The summary dict of an already prepared export."""
    result = {
        "file": export.name,
        "format": export.format,
        "kind": prepared.kind,
        "rows": prepared.rows,
        "rows_used": prepared.rows_used,
        "columns": dict(zip(prepared.mapping["column"], prepared.mapping["role"])),
        "validation": [
            {key: (int(value) if key == "count" else value) for key, value in issue.items()}
            for issue in prepared.issues.to_dict("records")
        ],
        "unanswered": [{"column": row["column"], "count": int(row["count"])}
                       for row in prepared.unanswered.to_dict("records")],
    }
    result["metrics"] = {name: metric.to_dict() for name, metric in headline_metrics(prepared).items()}
    if prepared.kind == "transactions":
        value = customer_value(export)
        if value:
            result["customer_value"] = value
    table = journey.touchpoint_summary(prepared.scores, prepared.mapping)
    result["touchpoints"] = [
        {key: (None if pd.isna(value) else round(value, 4) if isinstance(value, float) else value)
         for key, value in row.items()}
        for row in table[["touchpoint", "stage", "mean", "top2", "bottom2", "low", "high", "n", "zero_is_na",
                          "small_sample"]].to_dict("records")
    ]
    drivers = touchpoint_drivers(prepared)
    if drivers is not None:
        result["drivers"] = drivers
    return result


def touchpoint_drivers(prepared: Prepared) -> list[dict] | None:
    """Key drivers of the outcome as {touchpoint, importance, p_value}, or None without an outcome."""
    if prepared.kind != "survey" or len(prepared.columns("touchpoint")) < 2:
        return None
    try:
        drivers = key_drivers(prepared)
    except InputError:  # no outcome, too few touchpoints or complete rows
        return None
    return [{"touchpoint": row.touchpoint, "importance": round(float(row.importance), 4),
             "p_value": None if pd.isna(row.p_value) else float(f"{row.p_value:.3g}")}
            for row in drivers.itertuples(index=False)]
