"""Compare two groups of respondents on every metric, with a significance test and practical importance.

:func:`compare_groups` answers "do these two groups really differ, and by enough to matter?" for
every headline metric of :data:`analysis.metric_registry.METRICS` and every touchpoint (the tests are
:mod:`analysis.significance`):

- NPS: z test on the adjusted-Wald NPS of each group (3/4 of a respondent added to promoters
  and to detractors) with the multinomial variance of the difference; its interval is the
  matching Wald interval, so the test rejects exactly when the interval excludes 0. Below
  nominal size at small n rather than above it (``tests/test_compare.py`` simulates it).
- CSAT (share in the top boxes), satisfied share and conversion: two-proportion z test (pooled),
  Newcombe's hybrid score interval for the difference, effect size Cohen's h.
- CES and touchpoint means: Welch's t test and interval, effect size Hedges' g.
- Customer value and order value (money, heavily skewed): bootstrap test with the BCa interval of the
  difference of means, effect size Hedges' g.

Many metrics are tested at once, so the verdict (``significant``, "k of n metrics differ") uses
Holm's step-down adjusted p-value over the whole table; the raw p-value is kept alongside.
Whether a difference matters is judged in the metric's own unit against :class:`Thresholds`
(NPS points, percentage points, a share of the rating scale), documented and overridable; the
standardised effect size (g or h) is reported as a number only.

Findings are :class:`analysis.messages.Message` objects, so the CLI and the app word them in
the reader's language from one table.
"""
from __future__ import annotations

import math
from dataclasses import asdict

import numpy as np
import pandas as pd

from analysis.errors import InputError, quoted
from analysis.messages import Message, Quoted, first_of, say
from analysis.metric_registry import CUSTOMER_BY_NAME, CUSTOMER_METRICS, NAMES, Thresholds, answers_of
from analysis.metrics import SMALL_SAMPLE, format_p
from analysis.significance import TESTS, holm, weighted_test
from analysis.prepare import Prepared
from analysis.segments import segment_labels, segment_order
from analysis.transactions import SEGMENTS

ALPHA = 0.05
COMPARE_COLUMNS = ["metric", "unit", "group_a", "value_a", "n_a", "group_b", "value_b", "n_b", "difference", "low",
                   "high", "raw_difference", "test", "statistic", "p_value", "p_holm", "significant", "effect_size", "threshold",
                   "matters", "finding"]
NAMED = (*NAMES, *CUSTOMER_BY_NAME)  # metrics with words of their own


def compare_groups(prepared: Prepared, by: str, groups: tuple[str, str] | None = None,
                   thresholds: Thresholds = Thresholds(), edges=None, weights: pd.Series | None = None) -> pd.DataFrame:
    """Compare two groups of respondents on every metric and touchpoint present.

    Parameters
    ----------
    prepared : Prepared
        A prepared survey export.
    by : str
        The column that defines the groups (for example ``Type of Travel``). A numeric column
        with many values is cut into bands (see :mod:`analysis.segments`).
    groups : tuple of two str, optional
        The two groups to compare, as :func:`analysis.segments.segment_labels` writes them. By
        default the two largest groups (ties broken alphabetically), the larger one first.
    thresholds : Thresholds
        The smallest differences that matter in practice.
    edges : list of float, optional
        Band edges for a numeric ``by`` column (default: its quartiles).
    weights : pandas.Series, optional
        Survey weights by the export's rows: every value and test is then the weighted one at each
        group's Kish effective n (:func:`analysis.significance.weighted_test`), given in
        ``effective_n_a`` and ``effective_n_b`` columns at the end; ``n_a`` and ``n_b`` stay the answers.

    Returns
    -------
    pandas.DataFrame
        One row per metric: ``nps``, ``csat``, ``ces``, ``satisfied``, ``conversion`` (first
        column of each present; :data:`analysis.metric_registry.METRICS`) and then every touchpoint, by
        its column name. Columns:

        - ``metric``; ``unit``: ``nps`` (points), ``share`` (%, differences in percentage points)
          or ``scale`` (the mean on the rating scale);
        - ``group_a``, ``value_a``, ``n_a``, ``group_b``, ``value_b``, ``n_b``: the metric in each
          group and its number of valid answers;
        - ``difference``: the estimate the 95% interval ``low``, ``high`` belongs to and the test
          tests: ``value_a - value_b``, except for NPS, where it is the difference of the
          adjusted-Wald NPS (shrunk towards 0 at small n); ``raw_difference`` = ``value_a - value_b``;
        - ``test`` (a code: ``nps_z``, ``two_proportion_z``, ``welch_t``), ``statistic``, ``p_value``
          (two-sided, unadjusted) and ``p_holm`` (Holm-adjusted over the whole table);
        - ``significant``: ``p_holm < 0.05``;
        - ``effect_size``: Hedges' g (means, NPS on its -1/0/+1 scores) or Cohen's h (shares);
        - ``threshold``: the difference that matters for this metric, in its unit;
          ``matters``: whether ``|difference| >= threshold`` (NA when untestable);
        - ``finding``: the result as a :class:`~analysis.messages.Message`.

        A metric that cannot be tested (fewer than two answers in a group) has NaN statistics.
        Empty (no rows) when the file has no metric at all. ``df.attrs`` holds ``by``,
        ``groups`` and ``thresholds``.

    Raises
    ------
    InputError
        When ``by`` is not a column, has fewer than two groups, or a named group is missing.
    """
    labels = _group_labels(prepared, by, edges)
    measures = (measure[1:] for measure in _measures(prepared, by))
    return compare_labels(labels, prepared.responses[by], measures, by, groups, thresholds, edges,
                          metric_labels=prepared.labels, weights=_aligned(weights, prepared))


def compare_labels(labels: pd.Series, values: pd.Series, measures, by: str, groups=None,
                   thresholds: Thresholds = Thresholds(), edges=None, names: dict | None = None,
                   metric_labels: dict | None = None, weights: np.ndarray | None = None) -> pd.DataFrame:
    """The comparison of :func:`compare_groups` for any table: rows labelled by group, and the measures to test.

    ``labels`` holds each row's group (text, NA for none) and ``values`` the column they came
    from; ``measures`` yields ``(metric, unit, span, values)`` per metric, where ``unit`` is
    ``nps``, ``share`` (0/1 flags), ``scale`` (a rating; ``span`` its range), ``money`` or
    ``rate`` (``span`` the mean over every row, for the relative threshold), and ``values`` a
    float array aligned with ``labels`` (NaN where missing). ``names`` gives groups whose labels
    are codes their words (a Message) for the findings; ``metric_labels`` the short label of each
    metric column (touchpoints are named by it in the findings); ``weights`` each row's survey weight
    (aligned with ``labels``; NaN leaves a row out), for weighted tests at the effective n.
    """
    group_a, group_b = _choose_groups(labels, values, by, groups, edges)
    in_a = labels.eq(group_a).fillna(False).to_numpy(dtype=bool)
    in_b = labels.eq(group_b).fillna(False).to_numpy(dtype=bool)
    rows = []
    for metric, unit, span, numbers in measures:
        if weights is None:
            result = TESTS[unit](_valid(numbers, in_a), _valid(numbers, in_b))
        else:
            result = weighted_test(unit, *_weighted_valid(numbers, weights, in_a), *_weighted_valid(numbers, weights, in_b))
        rows.append({"metric": metric, "unit": unit, **result, "threshold": thresholds.of(unit, span)})
    extra = [] if weights is None else ["effective_n_a", "effective_n_b"]
    table = pd.DataFrame(rows, columns=[c for c in COMPARE_COLUMNS if c not in ("group_a", "group_b")] + extra)
    table.insert(2, "group_a", group_a)
    table.insert(5, "group_b", group_b)
    table["p_holm"] = holm(table["p_value"].to_numpy(dtype=float))
    table["significant"] = (table["p_holm"] < ALPHA).fillna(False).astype(bool)
    tested = table["p_value"].notna()
    table["matters"] = (table["difference"].abs() >= table["threshold"]).astype("boolean").where(tested, pd.NA)
    table["finding"] = [finding(row, len(table), names, metric_labels) for row in table.to_dict("records")]
    table = table[COMPARE_COLUMNS + extra]
    table.attrs = {"by": by, "groups": [group_a, group_b], "thresholds": asdict(thresholds), "names": names or {},
                   "weighted": weights is not None}
    return table


EVERYONE_ELSE = "rest"  # the group code of "everyone else" in a persona comparison


def compare_personas(prepared: Prepared, assignments: pd.Series, names: list[str], a: int, b: int | None = None,
                     thresholds: Thresholds = Thresholds(), formed_by=(), weights: pd.Series | None = None) -> pd.DataFrame:
    """Compare persona ``a`` with persona ``b``, or with everyone else (``b=None``), on every metric.

    ``assignments`` holds each response's persona (0-based, indexed like the responses the
    personas were found on; responses ``prepared`` no longer holds are ignored, and responses
    without a persona are in no group), ``names`` the personas' names. Groups are coded ``"1"``,
    ``"2"``... (persona number) and ``"rest"``; ``attrs["names"]`` words them. The columns and
    tests are those of :func:`compare_groups`.

    ``formed_by`` are the columns the personas were formed on. A metric read from one of them differs
    between personas by construction, so it is left out of the table (and of the Holm family and the
    "k of n differ" count); ``attrs["formed_by"]`` lists the metrics left out. ``weights``: survey weights
    by the export's rows, as in :func:`compare_groups`.
    """
    persona = assignments.reindex(prepared.responses.index)
    labels = (persona + 1).astype("Int64").astype("string")
    if b is None:
        labels = labels.where(persona.eq(a).fillna(False), EVERYONE_ELSE).where(persona.notna())
    words = {str(i + 1): name for i, name in enumerate(names)} | {EVERYONE_ELSE: say("compare.everyone_else")}
    groups = (str(a + 1), EVERYONE_ELSE if b is None else str(b + 1))
    formed_by = set(formed_by)
    measures = list(_measures(prepared, ""))
    table = compare_labels(labels, labels, [measure[1:] for measure in measures if measure[0] not in formed_by],
                           "persona", groups, thresholds, names=words, metric_labels=prepared.labels,
                           weights=_aligned(weights, prepared))
    table.attrs["formed_by"] = [measure[1] for measure in measures if measure[0] in formed_by]
    return table


def compare_customers(found, by: str, groups: tuple[str, str] | None = None,
                      thresholds: Thresholds = Thresholds(), edges=None) -> pd.DataFrame:
    """Compare two groups of customers of a transaction export (:class:`analysis.customers.Customers`).

    Groups come from one of ``found.attributes`` (a country, a channel, the buying segment...).
    Metrics (:data:`analysis.metric_registry.CUSTOMER_METRICS`): ``clv`` and ``mean_customer_aov``, the
    mean of the customers' own average order values (money: bootstrap test with the BCa interval, as
    the headline CLV), ``frequency`` (orders a year, Welch t) and ``repeat_buyers`` (share of
    customers with two orders or more, two-proportion z). Money and rates matter from
    ``thresholds.relative`` of their mean over every customer. The columns are those of
    :func:`compare_groups`.
    """
    table = found.values
    if by not in found.attributes:
        raise InputError("error.compare.not_a_column", column=quoted(by))
    labels = segment_labels(table[by], edges)
    measures = [(metric.name, metric.unit, metric.of(table), metric.per_customer(table))
                for metric in CUSTOMER_METRICS if metric.per_customer is not None]
    names = {segment: say(f"segment.{segment}") for segment in SEGMENTS} if by == "segment" else None
    return compare_labels(labels, table[by], measures, by, groups, thresholds, edges, names)


def _measures(prepared: Prepared, by: str):
    """``(column, metric, unit, scale span, values as floats)`` for every metric the export has, in table order:
    the headline metrics of :data:`analysis.metric_registry.METRICS`, then every touchpoint."""
    for metric, answers in answers_of(prepared, exclude=by):
        yield answers.column, metric.name, metric.unit, answers.span, metric.tested(answers)
    for column in prepared.columns("touchpoint"):
        if column != by:
            spec = prepared.spec(column)
            yield (column, column, "scale", float(spec.scale_max - spec.scale_min),
                   prepared.scores[column].to_numpy(dtype=float))


def _group_labels(prepared: Prepared, by: str, edges=None) -> pd.Series:
    """The group of every response as text (NA where the column is blank)."""
    if by not in set(prepared.mapping["column"]):
        raise InputError("error.compare.not_a_column", column=quoted(by))
    if by not in prepared.responses.columns:
        raise InputError("error.compare.ignored_column", column=quoted(by))
    return segment_labels(prepared.responses[by], edges)


def default_groups(prepared: Prepared, by: str, edges=None) -> tuple[str, str]:
    """The two groups :func:`compare_groups` compares when none are named: the two largest of ``by``.

    Raises the same ``InputError`` as :func:`compare_groups` when ``by`` has no two groups.
    """
    return _choose_groups(_group_labels(prepared, by, edges), prepared.responses[by], by, None, edges)


def group_options(prepared: Prepared, by: str, edges=None) -> list[str]:
    """Every group of ``by`` that can be compared, in a sensible order (bands low to high, values sorted)."""
    values = prepared.responses[by]
    return segment_order(_group_labels(prepared, by, edges), values, edges)


def _choose_groups(labels: pd.Series, values: pd.Series, by: str, groups, edges) -> tuple[str, str]:
    """The two groups to compare: the named ones, or the two largest."""
    counts = labels.value_counts()
    order = sorted(counts.index, key=lambda label: (-counts[label], label))
    if len(order) < 2:
        if order:
            raise InputError("error.compare.one_group", column=quoted(by), group=quoted(order[0]))
        raise InputError("error.compare.no_groups", column=quoted(by))
    if groups is None:
        return order[0], order[1]
    if len(groups) != 2 or groups[0] == groups[1]:
        raise InputError("error.compare.same_groups", column=quoted(by), first=quoted(order[0]),
                         second=quoted(order[1]))
    chosen = tuple(str(group).strip() for group in groups)
    missing = [group for group in chosen if group not in counts.index]
    if missing:
        listed = segment_order(labels, values, edges)
        raise InputError("error.compare.unknown_group", column=quoted(by), group=quoted(missing[0]),
                         groups=first_of([quoted(label) for label in listed]))
    return chosen


def _aligned(weights: pd.Series | None, prepared: Prepared) -> np.ndarray | None:
    """Survey weights in the order of the prepared responses (None: unweighted)."""
    return None if weights is None else weights.reindex(prepared.responses.index).to_numpy(dtype=float)


def _weighted_valid(values: np.ndarray, weights: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The values of one group and their weights where both are known."""
    chosen, used = values[mask], weights[mask]
    known = ~(np.isnan(chosen) | np.isnan(used))
    return chosen[known], used[known]


def _valid(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The non-missing values of one group."""
    chosen = values[mask]
    return chosen[~np.isnan(chosen)]


def metric_name(metric: str, labels: dict | None = None) -> Message | Quoted:
    """How a metric is named in a sentence: a headline metric by its code's words, a touchpoint by its label, quoted."""
    return say(f"metric.{metric}") if metric in NAMED else quoted((labels or {}).get(metric, metric))


def amount(value: float, unit: str) -> str:
    """A difference or threshold as written in findings: 2 decimals on rating scales, else 1."""
    decimals = 2 if unit in ("scale", "money", "rate") else 1
    return f"{value:.{decimals}f}" if round(value, decimals) > 0 or value == 0 else f"{value:.2g}"


def finding(row: dict, total: int, names: dict | None = None, labels: dict | None = None) -> Message:
    """One comparison in words: the difference, the test, the verdict and any small-sample caution.

    ``names`` maps group labels that are codes to their words, ``labels`` metric columns to their short labels.
    """
    names = names or {}
    metric = metric_name(row["metric"], labels)
    a, b = (quoted(names.get(row[side], row[side])) for side in ("group_a", "group_b"))
    if pd.isna(row["p_value"]):
        return say("finding.untestable", metric=metric, a=a, b=b, n_a=f"{row['n_a']:,}", n_b=f"{row['n_b']:,}")
    unit = say(f"unit.{row['unit']}")
    size_unit = unit
    if row["unit"] == "nps":  # say the size is the adjusted estimate, and what was measured
        size_unit = say("unit.nps_adjusted", raw=amount(row["raw_difference"], "nps"))
    values = dict(metric=metric, a=a, b=b, size=amount(abs(row["difference"]), row["unit"]), unit=size_unit,
                  test=say(f"test.{row['test']}"), p=format_p(row["p_value"]), p_holm=format_p(row["p_holm"]))
    direction = "same" if row["difference"] == 0 else "higher" if row["difference"] > 0 else "lower"
    threshold = dict(threshold=amount(row["threshold"], row["unit"]), unit=unit, total=total)
    if not row["significant"]:
        verdict = say("verdict.noise", **threshold)
    elif row["difference"] != 0 and abs(row["difference"]) >= row["threshold"]:
        verdict = say("verdict.matters", **threshold)
    else:
        verdict = say("verdict.too_small", **threshold)
    small = [say("finding.group_n", group=group, n=f"{n:,}")
             for group, n in ((a, row["n_a"]), (b, row["n_b"])) if n < SMALL_SAMPLE]
    lead = say(f"finding.{direction}", **values)
    if small:
        return say("finding.sentence_caution", lead=lead, verdict=verdict,
                   caution=say("finding.small_sample", groups=small))
    return say("finding.sentence", lead=lead, verdict=verdict)


def summary(table: pd.DataFrame) -> Message:
    """The comparison as a whole: how many metrics differ (Holm), and how many of those by enough to matter."""
    names = table.attrs.get("names") or {}
    a, b = (quoted(names.get(group, group)) for group in table.attrs.get("groups", ["", ""]))
    tested = int(table["p_value"].notna().sum())
    if tested == 0:
        if len(table):
            return say("compare.summary_untestable", a=a, b=b)
        return say("compare.summary_all_formed") if table.attrs.get("formed_by") else say("compare.summary_empty")
    significant = table[table["significant"]]
    if significant.empty:
        return say("compare.summary_none", total=tested, a=a, b=b)
    matters = int(significant["matters"].fillna(False).astype(bool).sum())
    return say("compare.summary", count=len(significant), total=tested, a=a, b=b, matters=matters)


def to_records(df: pd.DataFrame, lang: str = "en") -> list[dict]:
    """The rows of a :func:`compare_groups` result as JSON-ready dicts, with the finding as ``sentence`` in ``lang``.

    NaN, NA and infinite numbers become None, numpy scalars Python numbers, and ``p_text`` gives
    the p-value as written for people (``p < 0.001``; a p-value too small for a float is never 0).
    """
    records = []
    for row in df.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, Message):
                clean["sentence"] = value.text(lang)
                continue
            if value is pd.NA:
                value = None
            elif isinstance(value, (np.bool_, bool)):
                value = bool(value)
            elif isinstance(value, (np.integer, int)):
                value = int(value)
            elif isinstance(value, (np.floating, float)):
                value = float(value) if math.isfinite(value) else None
            clean[key] = value
        if clean.get("p_value") is not None:
            clean["p_value"] = max(clean["p_value"], math.ulp(0.0))
        clean["p_text"] = format_p(clean["p_value"]) if clean.get("p_value") is not None else None
        records.append(clean)
    return records
