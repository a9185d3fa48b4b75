"""One definition per headline metric: what it reads, how it is estimated overall, per period and per group,
how two groups are tested, from what difference it matters, and how it is written.

Every place that shows, trends or tests a headline metric loops over :data:`METRICS`, in this order: the
summary (:func:`headline_metrics`), trends, Compare, the persona cards, and the app's tiles, trend picker
and key-driver outcomes. Adding a metric is one :class:`MetricDef` here, its words (``metric.<name>`` in
:mod:`analysis.messages`, ``metric_help.<name>`` in the app's table) and its tests. Every computation
receives the :class:`Answers` of one metric, which is where survey weights enter: :func:`answers_of` and
:func:`headline_metrics` take the weights of the rows (:attr:`analysis.weighting.Weights.values`), and every
estimate is then the weighted one with its interval at Kish's effective n (see :mod:`analysis.metrics`).

Units decide the rest (:data:`UNITS`): a metric's per-period estimate, its two-group test and the
:class:`Thresholds` field that says from what difference it matters.

- ``nps``: 0-10 answers; NPS = % promoters (9-10) - % detractors (0-6) with the adjusted-Wald interval;
  tested with the NPS z test; matters from ``Thresholds.nps`` points.
- ``share``: 0/1 flags (CSAT's top boxes, the satisfied outcome, conversion); % with the Wilson interval;
  two-proportion z test; matters from ``Thresholds.share`` percentage points.
- ``scale``: a rating (CES); mean with the t interval, kept within the scale; Welch's t test; matters from
  ``Thresholds.scale`` times the scale's range.

The figures of a transaction export's customers are defined in :data:`CUSTOMER_METRICS`. One name, one
definition: "average order value" is total net revenue / total orders wherever it is shown; the mean of
the customers' own order values, which Compare tests customer by customer, is "mean customer order value".
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.funnel import conversion_flags, conversion_rate
from analysis.prepare import Prepared


@dataclass(frozen=True)
class Answers:
    """What one metric is computed from: ``values`` per response (NaN where missing; 0-10 for NPS, the
    rating for CSAT and CES, 0/1 for the satisfied and conversion flags), the column they come from and its
    scale (``reverse``: a lower number is better), and the survey ``weights`` of the same responses (None:
    unweighted; NaN: a response left out)."""

    column: str
    values: pd.Series
    scale_min: float = 0.0
    scale_max: float = 1.0
    reverse: bool = False
    weights: pd.Series | None = None

    def weighted(self, weights: pd.Series | None) -> Answers:
        """These answers with the weights of their rows (``weights`` indexed like the export's rows)."""
        return self if weights is None else replace(self, weights=weights.reindex(self.values.index))

    @property
    def span(self) -> float:
        """The range of the scale (10 for NPS, 1 for flags)."""
        return float(self.scale_max - self.scale_min)


@dataclass(frozen=True)
class Thresholds:
    """The smallest difference that matters in practice, per unit, in the metric's own unit.

    Parameters
    ----------
    nps : float, default 5
        NPS points (NPS runs from -100 to 100).
    share : float, default 5
        Percentage points, for CSAT, the satisfied share and conversion.
    scale : float, default 0.05
        A share of a rating scale's range, for CES and touchpoint means: 0.2 points on a 1-5
        scale, 0.3 on 1-7, 0.5 on 0-10.
    relative : float, default 0.10
        A share of the mean over everyone, for money and rates (customer value, order value,
        orders a year): 10% of the average customer's value.
    """

    nps: float = 5.0
    share: float = 5.0
    scale: float = 0.05
    relative: float = 0.10

    def of(self, unit: str, span: float) -> float:
        """The threshold for a metric in ``unit``: nps and share fixed; scale a share of the scale's ``span``;
        money and rate a share of their mean (``span``)."""
        if unit in ("nps", "share"):
            return self.nps if unit == "nps" else self.share
        return (self.scale if unit == "scale" else self.relative) * span


@dataclass(frozen=True)
class MetricDef:
    """One headline metric (see the module docstring for what its ``unit`` decides).

    ``role`` is the column role it reads (None: found another way, as conversion is); ``read`` finds its
    answers in a prepared export (None when the export has none), leaving out one column (the one Compare
    groups by); ``estimate`` gives the overall :class:`~analysis.metrics.Metric`;
    ``tested`` the per-response values two groups are compared on; ``drives`` whether it can be the
    outcome of a key-driver analysis; ``fmt`` how its value is written (``percent``: with a % sign).
    """

    name: str
    unit: str
    role: str | None
    read: Callable[[Prepared, str], "Answers | None"]
    estimate: Callable[[Answers], metrics.Metric]
    tested: Callable[[Answers], np.ndarray]
    fmt: str
    percent: bool = False
    drives: bool = False

    def by_period(self, answers: Answers, period: pd.Series) -> pd.DataFrame:
        """``period, value, low, high, n`` per period (the start of each, as in ``period``), with the same
        definition and interval as :attr:`estimate` (weighted answers: weighted, and ``effective_n`` added)."""
        return UNITS[self.unit](self, answers, period)

    def text(self, value: float) -> str:
        """The value as people read it: ``+12`` (NPS), ``43.2%`` (shares), ``3.41`` (means)."""
        return format(value, self.fmt) + ("%" if self.percent else "")

    def half_text(self, low: float | None, high: float | None) -> str | None:
        """``± half`` of a 95% interval in the value's precision (None when unknown)."""
        if low is None or high is None or pd.isna(low) or pd.isna(high):
            return None
        return "± " + format((high - low) / 2, self.fmt.lstrip("+"))


# Reading the answers -------------------------------------------------------------------------------------

def _first(prepared: Prepared, role: str, exclude: str) -> str | None:
    columns = [column for column in prepared.columns(role) if column != exclude]
    return columns[0] if columns else None


def _rating(role: str):
    """The answers of the first column of ``role`` on its own scale."""
    def read(prepared: Prepared, exclude: str = "") -> Answers | None:
        column = _first(prepared, role, exclude)
        return None if column is None else _rating_of(prepared, column)
    return read


def _rating_of(prepared: Prepared, column: str) -> Answers:
    spec = prepared.spec(column)
    return Answers(column, prepared.responses[column].astype(float), float(spec.scale_min), float(spec.scale_max),
                   bool(spec.reverse))


def _nps_answers(prepared: Prepared, exclude: str = "") -> Answers | None:
    column = _first(prepared, "nps", exclude)
    return None if column is None else _nps_of(prepared, column)


def _nps_of(prepared: Prepared, column: str) -> Answers:
    return Answers(column, prepared.responses[column].astype(float), 0.0, 10.0)


def _outcome(prepared: Prepared, exclude: str = "") -> Answers | None:
    """The first yes/no outcome (satisfied) as 1/0."""
    column = _first(prepared, "outcome", exclude)
    return None if column is None else _outcome_of(prepared, column)


def _outcome_of(prepared: Prepared, column: str) -> Answers:
    flags = pd.to_numeric(prepared.responses[column].map({True: 1.0, False: 0.0}), errors="coerce")
    return Answers(column, flags.astype(float))


def _conversion(prepared: Prepared, exclude: str = "") -> Answers | None:
    """The first behaviour column that reads as conversion flags, as 1/0."""
    flags = conversion_flags(prepared)
    if flags is None or flags.name == exclude:
        return None
    return Answers(str(flags.name), flags.astype("Float64").astype(float))


# Estimates ----------------------------------------------------------------------------------------------

def _top_box(answers: Answers) -> np.ndarray:
    """1 where the answer is in the satisfied top boxes of its scale (the lowest when reversed), else 0."""
    return metrics.in_boxes(answers.values.to_numpy(dtype=float),
                            metrics.top_boxes(answers.scale_min, answers.scale_max, answers.reverse))


def _values(answers: Answers) -> np.ndarray:
    return answers.values.to_numpy(dtype=float)


def _share(answers: Answers) -> metrics.Metric:
    if answers.weights is not None:
        return metrics.share(answers.values, answers.weights)
    return metrics.share(answers.values.dropna().astype(bool))


METRICS: tuple[MetricDef, ...] = (
    MetricDef("nps", "nps", "nps", _nps_answers, lambda a: metrics.nps(a.values, a.weights), _values, "+.0f",
              drives=True),
    MetricDef("csat", "share", "csat", _rating("csat"),
              lambda a: metrics.csat(a.values, a.scale_min, a.scale_max, a.reverse, a.weights), _top_box, ".1f",
              percent=True, drives=True),
    MetricDef("ces", "scale", "ces", _rating("ces"),
              lambda a: metrics.ces(a.values, a.scale_min, a.scale_max, a.reverse, a.weights), _values, ".2f"),
    MetricDef("satisfied", "share", "outcome", _outcome, _share, _values, ".1f", percent=True, drives=True),
    MetricDef("conversion", "share", None, _conversion, lambda a: conversion_rate(a.values, a.weights), _values,
              ".1f", percent=True),
)
BY_NAME = {metric.name: metric for metric in METRICS}
NAMES = tuple(BY_NAME)


def answers_of(prepared: Prepared, exclude: str = "", weights: pd.Series | None = None) -> list[tuple[MetricDef, Answers]]:
    """Every metric the export has, in :data:`METRICS` order, with its answers (``exclude``: a column that
    must not be used, such as the one groups are made from; ``weights``: survey weights by the export's
    rows, None for unweighted)."""
    found = []
    for metric in METRICS:
        answers = metric.read(prepared, exclude)
        if answers is not None:
            found.append((metric, answers.weighted(weights)))
    return found


COLUMN_METRICS = {"nps": ("nps", _nps_of), "csat": ("csat", _rating_of), "ces": ("ces", _rating_of),
                  "touchpoint": ("csat", _rating_of), "outcome": ("satisfied", _outcome_of)}
"""For a column of each role that a metric reads: the metric it is read as, and how its answers are read."""


def column_answers(prepared: Prepared, column: str, weights: pd.Series | None = None) -> tuple[MetricDef, Answers]:
    """Any one column read as the metric of its role (:data:`COLUMN_METRICS`: an NPS column as NPS, a rating -- CSAT,
    CES or a touchpoint -- on its own scale with CSAT's top boxes, a yes/no outcome as 1/0), weighted by ``weights``
    (by the export's rows) when given. Raises KeyError for a column of another role."""
    name, read = COLUMN_METRICS[prepared.spec(column)["role"]]
    return BY_NAME[name], read(prepared, column).weighted(weights)


def headline_metrics(prepared: Prepared, weights: pd.Series | None = None) -> dict[str, metrics.Metric]:
    """Every headline metric the export has (the first column of each role), by name, in :data:`METRICS`
    order: NPS, CSAT, CES, satisfied share, conversion; weighted by ``weights`` (by the export's rows) when
    given, each with its ``effective_n``."""
    return {metric.name: metric.estimate(answers) for metric, answers in answers_of(prepared, weights=weights)}


def driver_outcomes(prepared: Prepared) -> dict[str, str]:
    """Columns a key-driver analysis can explain (every column of the role of a metric that drives, in
    :data:`METRICS` order), with that role."""
    return {column: metric.role for metric in METRICS if metric.drives for column in prepared.columns(metric.role)}


# Customers of a transaction export -------------------------------------------------------------------------

@dataclass(frozen=True)
class CustomerMetricDef:
    """A figure of a transaction export's customers, from :func:`analysis.transactions.customer_value`'s table.

    ``name`` (worded by ``metric.<name>``), ``unit`` (its two-group test is
    :data:`analysis.significance.TESTS`), the ``definition`` in words, ``of`` the figure over a table of
    customers, and ``per_customer`` the value of each customer that two groups are compared on (None:
    not compared customer by customer).
    """

    name: str
    unit: str
    definition: str
    of: Callable[[pd.DataFrame], float]
    per_customer: Callable[[pd.DataFrame], np.ndarray] | None = None


def _column(name: str) -> Callable[[pd.DataFrame], np.ndarray]:
    return lambda values: values[name].to_numpy(dtype=float)


def _repeat_flags(values: pd.DataFrame) -> np.ndarray:
    return (values["orders"] >= 2).to_numpy(dtype=float)


CUSTOMER_METRICS: tuple[CustomerMetricDef, ...] = (
    CustomerMetricDef("clv", "money", "mean over customers of average order value x orders a year x lifespan x "
                      "margin (each customer's own), with its BCa bootstrap interval",
                      lambda values: float(values["clv"].mean()), _column("clv")),
    CustomerMetricDef("aov", "money", "total net revenue / total orders",
                      lambda values: float(values["revenue"].sum() / values["orders"].sum())),
    CustomerMetricDef("mean_customer_aov", "money", "mean over customers of their net revenue / their orders",
                      lambda values: float(values["aov"].mean()), _column("aov")),
    CustomerMetricDef("frequency", "rate", "mean over customers of orders a year",
                      lambda values: float(values["frequency"].mean()), _column("frequency")),
    CustomerMetricDef("repeat_buyers", "share", "% of customers with two orders or more",
                      lambda values: float(100 * _repeat_flags(values).mean()), _repeat_flags),
)
CUSTOMER_BY_NAME = {metric.name: metric for metric in CUSTOMER_METRICS}


# Per period ----------------------------------------------------------------------------------------------

def _rows(period, value, low, high, n, effective_n=None) -> pd.DataFrame:
    rows = pd.DataFrame({"period": np.asarray(period), "value": np.asarray(value, dtype=float),
                         "low": np.asarray(low, dtype=float), "high": np.asarray(high, dtype=float),
                         "n": np.asarray(n, dtype=int)})
    return rows if effective_n is None else rows.assign(effective_n=np.asarray(effective_n, dtype=float))


def _weighted_sums(values: pd.Series, weights: pd.Series, period: pd.Series) -> pd.DataFrame:
    """Per period, over the rows with a value and a weight: n, Σw, Σwx, Σwx², Σw² and the effective n."""
    known = values.notna() & weights.notna()
    x, w = values[known].astype(float), weights[known].astype(float)
    sums = pd.DataFrame({"n": 1, "w": w, "wx": w * x, "wxx": w * x * x, "ww": w * w}).groupby(period[known]).sum()
    return sums.assign(effective_n=sums["w"] ** 2 / sums["ww"])


def nps_by(scores: pd.Series, period: pd.Series, weights: pd.Series | None = None) -> pd.DataFrame:
    """NPS per period with the adjusted-Wald interval of :func:`analysis.metrics.nps` (weighted by ``weights``
    when given, with an ``effective_n`` column)."""
    if weights is not None:
        promoters = _weighted_sums((scores >= 9).astype(float).where(scores.notna()), weights, period)
        detractors = _weighted_sums((scores <= 6).astype(float).where(scores.notna()), weights, period)
        p, d, n_eff = promoters["wx"] / promoters["w"], detractors["wx"] / detractors["w"], promoters["effective_n"]
        low, high = metrics.nps_bounds(p * n_eff, d * n_eff, n_eff)
        return _rows(promoters.index, 100 * (p - d), low, high, promoters["n"], n_eff)
    valid = scores.notna()
    parts = pd.DataFrame({"promoter": scores[valid] >= 9, "detractor": scores[valid] <= 6, "period": period[valid]})
    grouped = parts.groupby("period").agg(p=("promoter", "sum"), d=("detractor", "sum"), n=("promoter", "size"))
    low, high = metrics.nps_bounds(grouped["p"], grouped["d"], grouped["n"])
    return _rows(grouped.index, 100 * (grouped["p"] - grouped["d"]) / grouped["n"], low, high, grouped["n"])


def share_by(flags: pd.Series, period: pd.Series, weights: pd.Series | None = None) -> pd.DataFrame:
    """% of 1s among non-missing 0/1 values per period, with the Wilson interval (weighted: at the effective n)."""
    if weights is not None:
        sums = _weighted_sums(flags, weights, period)
        p = sums["wx"] / sums["w"]
        low, high = metrics.wilson_bounds(p * sums["effective_n"], sums["effective_n"])
        return _rows(sums.index, 100 * p, 100 * low, 100 * high, sums["n"], sums["effective_n"])
    valid = flags.notna()
    grouped = flags[valid].astype(float).groupby(period[valid]).agg(["sum", "size"])
    low, high = metrics.wilson_bounds(grouped["sum"].to_numpy(), grouped["size"].to_numpy())
    return _rows(grouped.index, 100 * grouped["sum"] / grouped["size"], 100 * low, 100 * high, grouped["size"])


def mean_by(values: pd.Series, period: pd.Series, bounds: tuple[float, float],
            weights: pd.Series | None = None) -> pd.DataFrame:
    """Mean per period with the t interval of :func:`analysis.metrics.mean_interval` (weighted: of
    :func:`analysis.metrics.weighted_mean_interval`), kept within the scale's ``bounds`` (a mean of a few
    answers can have a t interval reaching past the ends of the scale)."""
    if weights is not None:
        sums = _weighted_sums(values, weights, period)
        mean, n_eff = sums["wx"] / sums["w"], sums["effective_n"]
        spread = np.maximum(sums["wxx"] / sums["w"] - mean ** 2, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            low, high = metrics.t_bounds(mean, np.sqrt(spread * n_eff / (n_eff - 1)), n_eff)
        return _rows(sums.index, mean, np.maximum(low, bounds[0]), np.minimum(high, bounds[1]), sums["n"], n_eff)
    valid = values.notna()
    grouped = values[valid].groupby(period[valid]).agg(["mean", "std", "size"])
    low, high = metrics.t_bounds(grouped["mean"].to_numpy(), grouped["std"].to_numpy(), grouped["size"].to_numpy())
    return _rows(grouped.index, grouped["mean"], np.maximum(low, bounds[0]), np.minimum(high, bounds[1]),
                 grouped["size"])


def _in_period(answers: Answers, period: pd.Series) -> pd.Series:
    return answers.values.loc[period.index]


def _weights_in(answers: Answers, period: pd.Series) -> pd.Series | None:
    return None if answers.weights is None else answers.weights.loc[period.index]


UNITS: dict[str, Callable[[MetricDef, Answers, pd.Series], pd.DataFrame]] = {
    "nps": lambda metric, answers, period: nps_by(_in_period(answers, period), period, _weights_in(answers, period)),
    "share": lambda metric, answers, period: share_by(
        pd.Series(metric.tested(answers), index=answers.values.index).loc[period.index], period,
        _weights_in(answers, period)),
    "scale": lambda metric, answers, period: mean_by(_in_period(answers, period), period,
                                                     (answers.scale_min, answers.scale_max),
                                                     _weights_in(answers, period)),
}
"""How a metric of each unit is estimated per period (its test is :data:`analysis.significance.TESTS`, its
threshold :meth:`Thresholds.of`)."""
