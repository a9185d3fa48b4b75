"""Headline metrics over time and touchpoint scores per segment.

:func:`metric_trend` gives, per day, week or month, every headline metric the export has
(NPS, CSAT, CES, satisfied share, conversion) and each touchpoint's 0-1 score, each with its 95% interval
and n. :func:`segment_heatmap` gives each touchpoint's mean per value of an attribute (class,
region, customer type...). Both return long-form tables ready for Altair, and both use the
same definitions as :mod:`analysis.metrics`, computed per group in one pass so that they stay
fast on large files.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.errors import InputError, quoted
from analysis.metric_registry import answers_of, mean_by
from analysis.prepare import Prepared
from analysis.schema import value_labels
from analysis.segments import is_banded, segment_labels, segment_order

TREND_COLUMNS = ["period", "metric", "kind", "value", "low", "high", "n", "small_sample"]
HEATMAP_COLUMNS = ["segment", "touchpoint", "mean", "score", "n", "small_sample"]
FREQUENCIES = {"day": "D", "week": "W", "month": "M", "quarter": "Q"}
MAX_SEGMENTS = 20
OTHER = "Other"
BLANK = "(blank)"


def metric_trend(prepared: Prepared, freq: str = "auto", weights: pd.Series | None = None) -> pd.DataFrame:
    """Headline metrics and touchpoint scores per period, with 95% intervals.

    Parameters
    ----------
    prepared : Prepared
        A prepared export with a column mapped to the ``timestamp`` role.
    freq : {'auto', 'day', 'week', 'month', 'quarter'}
        Period length. ``auto`` picks day when the responses span less than two months,
        week when they span less than a year, month otherwise.
    weights : Series, optional
        Survey weights by the export's rows (:attr:`analysis.weighting.Weights.values`): every value and
        interval is then the weighted one at each period's effective n, given in an ``effective_n``
        column after ``small_sample`` (which still reads the answers, n).

    Returns
    -------
    DataFrame
        Long form, one row per period and metric: ``period`` (start of the period: the day,
        the Monday of the week, the first of the month or quarter), ``metric``, ``kind``,
        ``value``, ``low``, ``high``, ``n``, ``small_sample`` (n < 30). Metrics, in the order of
        :data:`analysis.metric_registry.METRICS`, those the export has (first column of each role):

        - ``nps``: NPS, -100..100, adjusted-Wald interval (:func:`analysis.metrics.nps_bounds`);
        - ``csat``: CSAT top-box share in % (reversed scales honoured), Wilson interval;
        - ``ces``: mean effort score on its own scale, t interval (kept within the scale);
        - ``satisfied``: share of positive outcomes in %, Wilson interval;
        - ``conversion``: share of converted responses in %, Wilson interval;
        - one row per touchpoint (metric = the touchpoint's column, kind ``touchpoint``): mean
          0-1 score (0 = worst, 1 = best answer, reversed scales flipped), t interval (kept within 0-1).

        ``kind`` is ``headline`` or ``touchpoint``. A period without valid answers for a
        metric has no row for it (gaps are not filled). Responses without a readable date
        are left out.

    Raises
    ------
    InputError
        When no column is mapped as the timestamp, none of its dates could be read, or
        ``freq`` is unknown.
    """
    stamps = _timestamps(prepared)
    rule = period_rule(stamps, freq)
    period = pd.Series(stamps.dt.to_period(rule).dt.start_time, index=stamps.index, name="period")
    parts = [_headline_trends(prepared, period, weights), _touchpoint_trends(prepared, period, weights)]
    parts = [part for part in parts if not part.empty]
    if not parts:
        return pd.DataFrame(columns=TREND_COLUMNS)
    table = pd.concat(parts, ignore_index=True)
    table["small_sample"] = table["n"] < metrics.SMALL_SAMPLE
    order = {name: i for i, name in enumerate(dict.fromkeys(table["metric"]))}
    table = table.assign(_order=table["metric"].map(order)).sort_values(["_order", "period"], kind="stable")
    return table[TREND_COLUMNS + (["effective_n"] if weights is not None else [])].reset_index(drop=True)


def _timestamps(prepared: Prepared) -> pd.Series:
    """The submission times that could be read; InputError when there are none."""
    if "submitted_at" not in prepared.responses:
        raise InputError("error.trend.no_timestamp")
    stamps = prepared.responses["submitted_at"].dropna()
    if stamps.empty:
        raise InputError("error.trend.no_dates")
    return stamps


def period_rule(stamps: pd.Series, freq: str) -> str:
    """The pandas period of a trend: ``freq`` (day, week, month...) or, for ``auto``, days over less than two
    months, weeks over less than a year, months beyond."""
    if freq == "auto":
        first, last = stamps.min(), stamps.max()
        if last < first + pd.DateOffset(months=2):
            return "D"
        return "W" if last < first + pd.DateOffset(years=1) else "M"
    if freq not in FREQUENCIES:
        raise InputError("error.trend.bad_period", given=quoted(freq))
    return FREQUENCIES[freq]


def _headline_trends(prepared: Prepared, period: pd.Series, weights: pd.Series | None) -> pd.DataFrame:
    parts = [metric.by_period(answers, period).assign(metric=metric.name)
             for metric, answers in answers_of(prepared, weights=weights)]
    if not parts:
        return pd.DataFrame()
    return pd.concat(parts, ignore_index=True).assign(kind="headline")


def _touchpoint_trends(prepared: Prepared, period: pd.Series, weights: pd.Series | None) -> pd.DataFrame:
    scores = prepared.normalised.loc[period.index]
    aligned = None if weights is None else weights.reindex(period.index)
    parts = [mean_by(scores[column], period, (0.0, 1.0), aligned).assign(metric=column) for column in scores.columns]
    if not parts:
        return pd.DataFrame()
    return pd.concat(parts, ignore_index=True).assign(kind="touchpoint")


def segment_heatmap(prepared: Prepared, by: str, weights: pd.Series | None = None) -> pd.DataFrame:
    """Each touchpoint's mean rating per segment of one attribute.

    Parameters
    ----------
    prepared : Prepared
        A prepared export.
    by : str
        Any column of ``prepared.responses`` (an attribute, the channel, the outcome...).
    weights : Series, optional
        Survey weights by the export's rows: the means and scores are then weighted (``n`` stays the
        number of ratings; a row with no weight is left out).

    Returns
    -------
    DataFrame
        Long form ``segment, touchpoint, mean, score, n, small_sample``: ``mean`` of the valid
        ratings on the touchpoint's own scale, ``score`` the same mean on 0-1 (reversed
        scales flipped, so higher is always better), ``n`` valid ratings, ``small_sample``
        (n < 30; shown, never hidden). The 20 largest segments (by respondents) are kept, in
        that order; all smaller ones are pooled as "Other", listed last. A blank value is its
        own segment, "(blank)". Touchpoints follow the mapping's order; a segment with no
        valid rating for a touchpoint has n = 0 and NaN mean. Empty when nothing is mapped
        as a touchpoint.

    Raises
    ------
    InputError
        When ``by`` is not a column of the prepared responses.
    """
    if by not in prepared.responses.columns or by in ("respondent_id", "submitted_at"):
        raise InputError("error.segment.not_a_column", column=quoted(by))
    touchpoints = prepared.columns("touchpoint")
    if not touchpoints:
        return pd.DataFrame(columns=HEATMAP_COLUMNS)
    segment = _segments(prepared.responses[by])
    raw = prepared.scores[touchpoints].astype(float)
    normalised = prepared.normalised[touchpoints]
    if weights is None:
        grouped = raw.groupby(segment, sort=False)
        means, counts = grouped.mean(), grouped.count()
        scores = normalised.groupby(segment, sort=False).mean()
    else:
        aligned = weights.reindex(raw.index).astype(float)
        raw, normalised = raw[aligned.notna()], normalised[aligned.notna()]
        segment, aligned = segment[aligned.notna()], aligned[aligned.notna()]
        means, scores = (_weighted_means(table, aligned, segment) for table in (raw, normalised))
        counts = raw.groupby(segment, sort=False).count()
    order = list(segment.cat.categories)
    table = pd.DataFrame({
        "segment": np.repeat(order, len(touchpoints)),
        "touchpoint": touchpoints * len(order),
        "mean": means.reindex(order).to_numpy().ravel(),
        "score": scores.reindex(order).to_numpy().ravel(),
        "n": counts.reindex(order).fillna(0).to_numpy().ravel().astype(int),
    })
    table["small_sample"] = table["n"] < metrics.SMALL_SAMPLE
    return table[HEATMAP_COLUMNS]


def _weighted_means(table: pd.DataFrame, weights: pd.Series, segment: pd.Series) -> pd.DataFrame:
    """Each column's weighted mean per segment, over the rows with a value."""
    answered = table.notna().mul(weights, axis=0)
    totals = table.fillna(0.0).mul(weights, axis=0).groupby(segment, sort=False).sum()
    return totals / answered.groupby(segment, sort=False).sum().replace(0.0, np.nan)


def _segments(values: pd.Series) -> pd.Series:
    """Segment labels as an ordered categorical: bands low to high for a banded numeric column, else the 20
    largest values, then "Other"."""
    if is_banded(values):
        labels = segment_labels(values).fillna(BLANK)
        order = segment_order(labels, values) + ([BLANK] if (labels == BLANK).any() else [])
        return pd.Series(pd.Categorical(labels, categories=order), index=values.index)
    # Label each distinct value once and carry rows through their codes (fast on big exports).
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    labels = value_labels(pd.Series(uniques, dtype=values.dtype)).fillna(BLANK).astype(object).to_numpy()
    sizes = pd.Series(np.bincount(codes, minlength=len(uniques)), index=labels).groupby(level=0).sum()
    ranked = sizes.sort_values(ascending=False, kind="stable").index.tolist()
    categories = ranked[:MAX_SEGMENTS]
    if len(ranked) > MAX_SEGMENTS and OTHER not in categories:
        categories.append(OTHER)
    position = pd.Index(categories).get_indexer(labels)
    if len(ranked) > MAX_SEGMENTS:
        position[position < 0] = categories.index(OTHER)
    return pd.Series(pd.Categorical.from_codes(position[codes], categories=categories), index=values.index)

