"""One-call summary of an export: format, counts, roles, validation, metrics, touchpoints.

This is what ``python -m analysis summarize FILE --json`` prints, and what the Data page
shows at a glance.
"""
from __future__ import annotations

import pandas as pd

from analysis import journey, metrics
from analysis.customers import customer_summary, customers
from analysis.drivers import key_drivers
from analysis.errors import InputError
from analysis.io import Export
from analysis.metric_registry import headline_metrics
from analysis.prepare import Prepared, prepare
from analysis.schema import detect_roles
from analysis.weighting import Weights, without_weight_column


def customer_value(export: Export) -> dict | None:
    """Historic CLV summary of a transaction export (:func:`analysis.customers.customer_summary`), or None
    when its columns cannot be found."""
    try:
        return customer_summary(customers(export.frame))
    except InputError:
        return None


WEIGHT_FIGURES = ("source", "rows_weighted", "effective_n", "design_effect", "efficiency", "min_weight", "max_weight",
                  "excluded")


def summarize(export: Export, mapping: pd.DataFrame | None = None, weights: Weights | None = None) -> dict:
    """The summary dict of an export under ``mapping`` (detected when not given), weighted by ``weights`` when
    given (a weight column of the file is then left out of the mapping: it is no rating or attribute)."""
    mapping = detect_roles(export) if mapping is None else mapping
    return summary_of(export, prepare(export, without_weight_column(mapping, weights)), weights)


def summary_of(export: Export, prepared: Prepared, weights: Weights | None = None) -> dict:
    """The summary dict of an already prepared export; weighted (see :func:`summarize`) when ``weights`` are
    given: every metric and touchpoint figure is the weighted one with its ``effective_n``, ``weights`` says
    what the weights cost and which rows they leave out, and key drivers are weighted least squares."""
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
    values = None if weights is None else weights.values
    if weights is not None:
        figures = weights.to_dict()
        result["weights"] = {key: figures[key] for key in WEIGHT_FIGURES}
    result["metrics"] = {name: metric.to_dict() for name, metric in headline_metrics(prepared, values).items()}
    if prepared.kind == "transactions":
        value = customer_value(export)
        if value:
            result["customer_value"] = value
    table = journey.touchpoint_summary(prepared.scores, prepared.mapping, weights=values)
    shown = ["touchpoint", "stage", "mean", "top2", "bottom2", "low", "high", "n",
             *(["effective_n"] if weights is not None else []), "zero_is_na", "small_sample"]
    result["touchpoints"] = [
        {key: (None if pd.isna(value) else round(value, 4) if isinstance(value, float) else value)
         for key, value in row.items()}
        for row in table[shown].to_dict("records")
    ]
    drivers = touchpoint_drivers(prepared, values)
    if drivers is not None:
        result["drivers"] = drivers
    return result


def touchpoint_drivers(prepared: Prepared, weights: pd.Series | None = None) -> list[dict] | None:
    """Key drivers of the outcome as {touchpoint, importance, direction, p_value, p_text}, or None without an outcome
    (weighted least squares with survey ``weights``, see :func:`analysis.drivers.key_drivers`).

    ``p_value`` keeps three significant digits and is never 0 (a p-value too small for a float
    is the smallest positive one); ``p_text`` is how people read it (``p < 0.001``).
    """
    if prepared.kind != "survey" or len(prepared.columns("touchpoint")) < 2:
        return None
    try:
        drivers = key_drivers(prepared, weights=weights)
    except InputError:  # no outcome, too few touchpoints or complete rows
        return None
    return [{"touchpoint": row.touchpoint, "importance": round(float(row.importance), 4), "direction": row.direction,
             "p_value": None if pd.isna(row.p_value) else float(f"{row.p_value:.3g}"),
             "p_text": None if pd.isna(row.p_value) else metrics.format_p(row.p_value)}
            for row in drivers.itertuples(index=False)]
