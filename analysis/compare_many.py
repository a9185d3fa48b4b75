"""Compare three or more groups of respondents on every metric: an omnibus test per metric, its post-hoc pairs,
and a sentence naming which groups differ.

The tests are :mod:`analysis.kgroups` (chi-square for shares and for NPS's promoter / passive / detractor
answers, exact by Monte Carlo when an expected count is below 5; Welch's ANOVA for means). As in the two-group
comparison (:mod:`analysis.compare`), many metrics are tested at once, so a metric's groups are said to differ
when its omnibus p-value, Holm-adjusted over every metric of the table, is below 0.05. Only then are its pairs
named, and a pair differs when its own adjusted p-value (Holm over the metric's pairs for shares and NPS;
Games-Howell's for means) is below 0.05 too.

A group with fewer than two answers to a metric is left out of that metric's tests and named in its finding.
Findings are :class:`analysis.messages.Message` objects, worded in the reader's language.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import kgroups, metrics
from analysis.compare import ALPHA, _group_labels, _measures, metric_name, to_records
from analysis.errors import InputError, quoted
from analysis.messages import Message, say
from analysis.metrics import format_p
from analysis.prepare import Prepared
from analysis.segments import segment_order
from analysis.significance import holm

OMNIBUS_COLUMNS = ["metric", "unit", "test", "groups", "n", "statistic", "df", "df2", "p_value", "p_holm",
                   "significant", "draws", "left_out", "finding"]
PAIR_COLUMNS = ["metric", "unit", "group_a", "value_a", "n_a", "group_b", "value_b", "n_b", "difference", "low",
                "high", "test", "statistic", "p_value", "p_adjusted", "differs"]
ESTIMATE_COLUMNS = ["metric", "unit", "group", "value", "low", "high", "n", "effective_n"]
NAMED_PAIRS = 3  # groups that do not differ are named pair by pair up to this many pairs, else counted


@dataclass
class ManyGroups:
    """A comparison of three or more groups: ``omnibus`` (one row per metric), ``pairs`` (every pair of groups
    per metric) and ``estimates`` (every group per metric, with its 95% interval); ``groups`` are the group
    labels in order, ``names`` words for labels that are codes (persona numbers), ``weighted`` whether survey
    weights were used."""

    by: str
    groups: list[str]
    omnibus: pd.DataFrame
    pairs: pd.DataFrame
    estimates: pd.DataFrame
    names: dict = field(default_factory=dict)
    weighted: bool = False
    formed_by: list[str] = field(default_factory=list)


def compare_many_groups(prepared: Prepared, by: str, edges=None, weights: pd.Series | None = None) -> ManyGroups:
    """Every group of ``by`` (three or more; a numeric column in bands, see :mod:`analysis.segments`) on every
    metric and touchpoint, weighted by ``weights`` (by the export's rows) when given.

    Raises ``InputError`` when ``by`` is not a column or has fewer than two groups.
    """
    labels = _group_labels(prepared, by, edges)
    order = segment_order(labels, prepared.responses[by], edges)
    if len(order) < 2:
        if order:
            raise InputError("error.compare.one_group", column=quoted(by), group=quoted(order[0]))
        raise InputError("error.compare.no_groups", column=quoted(by))
    measures = [measure[1:] for measure in _measures(prepared, by)]
    return compare_many_labels(labels, order, measures, by, metric_labels=prepared.labels,
                               weights=_aligned(weights, prepared))


def compare_many_personas(prepared: Prepared, assignments: pd.Series, names: list[str], formed_by=(),
                          weights: pd.Series | None = None) -> ManyGroups:
    """Every persona against every other on every metric (``assignments``, ``names`` and ``formed_by`` as in
    :func:`analysis.compare.compare_personas`); groups are coded ``"1"``, ``"2"``..."""
    persona = assignments.reindex(prepared.responses.index)
    labels = (persona + 1).astype("Int64").astype("string")
    order = [str(number) for number in range(1, len(names) + 1) if labels.eq(str(number)).any()]
    formed_by = set(formed_by)
    measures = list(_measures(prepared, ""))
    found = compare_many_labels(labels, order, [measure[1:] for measure in measures if measure[0] not in formed_by],
                                "persona", {str(i + 1): name for i, name in enumerate(names)}, prepared.labels,
                                _aligned(weights, prepared))
    found.formed_by = [measure[1] for measure in measures if measure[0] in formed_by]
    return found


def _aligned(weights: pd.Series | None, prepared: Prepared) -> np.ndarray | None:
    return None if weights is None else weights.reindex(prepared.responses.index).to_numpy(dtype=float)


def compare_many_labels(labels: pd.Series, order: list[str], measures, by: str, names: dict | None = None,
                        metric_labels: dict | None = None, weights: np.ndarray | None = None) -> ManyGroups:
    """The comparison of :func:`compare_many_groups` for any table: ``labels`` each row's group, ``order`` the
    groups in the order to show them, ``measures`` ``(metric, unit, span, values)`` per metric as
    :func:`analysis.compare.compare_labels` takes them, ``weights`` per row (None: unweighted; a row with a
    missing weight is left out)."""
    names = names or {}
    members = [labels.eq(group).fillna(False).to_numpy(dtype=bool) for group in order]
    omnibus, pairs, estimates = [], [], []
    for metric, unit, _span, values in measures:
        groups = [_group(values, member, weights, unit) for member in members]
        estimates += [_estimate(metric, unit, code, group) for code, group in zip(order, groups)]
        tested = [position for position, group in enumerate(groups) if group.n >= kgroups.MIN_ANSWERS]
        left_out = [order[position] for position, group in enumerate(groups) if group.n < kgroups.MIN_ANSWERS]
        row = {"metric": metric, "unit": unit, "groups": len(tested), "n": sum(groups[i].n for i in tested),
               "left_out": left_out, "test": _TEST_CODES.get(unit, "welch_anova")}
        if len(tested) >= 2:
            result, found = kgroups.omnibus(unit, [groups[i] for i in tested])
            row.update({key: result[key] for key in ("test", "statistic", "df", "p_value", "draws")},
                       df2=result.get("df2", math.nan))
            pairs += [_pair(metric, unit, result["pairs_test"], order[tested[pair["a"]]], groups[tested[pair["a"]]],
                            order[tested[pair["b"]]], groups[tested[pair["b"]]], pair) for pair in found]
        omnibus.append(row)
    table = pd.DataFrame(omnibus, columns=[c for c in OMNIBUS_COLUMNS if c not in ("p_holm", "significant",
                                                                                   "finding")])
    table["p_holm"] = holm(table["p_value"].to_numpy(dtype=float))
    table["significant"] = (table["p_holm"] < ALPHA).fillna(False).astype(bool)
    pair_table = pd.DataFrame(pairs, columns=[c for c in PAIR_COLUMNS if c != "differs"])
    significant = dict(zip(table["metric"], table["significant"]))
    pair_table["differs"] = (pair_table["metric"].map(significant).fillna(False).astype(bool)
                             & (pair_table["p_adjusted"] < ALPHA))
    estimate_table = pd.DataFrame(estimates, columns=ESTIMATE_COLUMNS)
    table["finding"] = [finding(row, pair_table[pair_table["metric"] == row["metric"]],
                                estimate_table[estimate_table["metric"] == row["metric"]], names, metric_labels)
                        for row in table.to_dict("records")]
    return ManyGroups(by, list(order), table[OMNIBUS_COLUMNS], pair_table[PAIR_COLUMNS], estimate_table, names,
                      weights is not None)


_TEST_CODES = {"nps": "nps_chi_square", "share": "chi_square"}


def _group(values: np.ndarray, member: np.ndarray, weights: np.ndarray | None, unit: str) -> kgroups.Group:
    keep = member & ~np.isnan(values)
    if weights is not None:
        keep &= ~np.isnan(weights)
    return kgroups.group_of(values[keep], None if weights is None else weights[keep], nps=unit == "nps")


def _estimate(metric: str, unit: str, code: str, group: kgroups.Group) -> dict:
    """One group's value of the metric with the 95% interval of its headline definition (at the effective n)."""
    row = {"metric": metric, "unit": unit, "group": code, "n": group.n, "effective_n": group.size,
           "value": math.nan, "low": math.nan, "high": math.nan}
    if group.n == 0:
        return row
    if unit == "nps":
        low, high = metrics.nps_bounds(group.promoters * group.size, group.detractors * group.size, group.size)
        row.update(value=100 * (group.promoters - group.detractors), low=float(low), high=float(high))
    elif unit == "share":
        low, high = metrics.wilson_bounds(group.mean * group.size, group.size)
        row.update(value=100 * group.mean, low=100 * float(low), high=100 * float(high))
    else:
        low, high = metrics.t_bounds(group.mean, math.sqrt(group.variance) if group.n > 1 else math.nan, group.size)
        row.update(value=group.mean, low=float(low), high=float(high))
    return row


def _pair(metric: str, unit: str, test: str, a: str, group_a: kgroups.Group, b: str, group_b: kgroups.Group,
          found: dict) -> dict:
    scale = 100 if unit in ("nps", "share") else 1
    value_a, value_b = (scale * (group.promoters - group.detractors if unit == "nps" else group.mean)
                        for group in (group_a, group_b))
    return {"metric": metric, "unit": unit, "group_a": a, "value_a": value_a, "n_a": group_a.n, "group_b": b,
            "value_b": value_b, "n_b": group_b.n, "test": test,
            **{key: found[key] for key in ("difference", "low", "high", "statistic", "p_value", "p_adjusted")}}


# Words -------------------------------------------------------------------------------------------------------

def finding(row: dict, pairs: pd.DataFrame, estimates: pd.DataFrame, names: dict | None = None,
            labels: dict | None = None) -> Message:
    """One metric across the groups in words: which groups are higher than which, which do not differ, the test
    and its p-values, and any group left out for too few answers."""
    names = names or {}
    metric = metric_name(row["metric"], labels)

    def group(code):
        return quoted(names.get(code, code))

    if pd.isna(row["p_value"]):
        sentence = say("kfinding.untestable", metric=metric)
    else:
        test = {"test": say(f"test.{row['test']}"), "p": format_p(row["p_value"]), "p_holm": format_p(row["p_holm"])}
        differ = pairs[pairs["differs"]]
        if not row["significant"]:
            sentence = say("kfinding.none", metric=metric, count=row["groups"], **test)
        elif differ.empty:
            sentence = say("kfinding.overall_only", metric=metric, count=row["groups"], **test)
        else:
            statements, alike = _clauses(_higher(differ, estimates, group)), pairs[~pairs["differs"]]
            sentence = say("kfinding.differ", metric=metric, statements=statements, rest=_alike(alike, group),
                           **test) if len(alike) else say("kfinding.differ_all", metric=metric, statements=statements,
                                                          **test)
    if row["left_out"]:
        sentence = say("kfinding.with_note", finding=sentence, note=say(
            "kfinding.left_out", groups=[group(code) for code in row["left_out"]], minimum=kgroups.MIN_ANSWERS))
    return sentence


def _higher(differ: pd.DataFrame, estimates: pd.DataFrame, group) -> list[Message]:
    """"A is higher than B and C", one clause per group that is higher than another, highest first."""
    value = dict(zip(estimates["group"], estimates["value"]))
    below: dict[str, list[str]] = {}
    for a, b, difference in zip(differ["group_a"], differ["group_b"], differ["difference"]):
        high, low = (a, b) if difference > 0 else (b, a)
        below.setdefault(high, []).append(low)
    return [say("kfinding.higher", group=group(high), others=_and([group(low) for low in
                                                                  sorted(below[high], key=lambda g: -value[g])]))
            for high in sorted(below, key=lambda g: -value[g])]


def _alike(alike: pd.DataFrame, group) -> Message:
    """The pairs that do not differ: named when few, else counted."""
    if len(alike) > NAMED_PAIRS:
        return say("kfinding.others_alike", count=len(alike))
    return _clauses([say("kfinding.pair_alike", a=group(a), b=group(b))
                     for a, b in zip(alike["group_a"], alike["group_b"])])


def _and(items: list) -> Message | object:
    """Items joined as a list ending in "and"."""
    if len(items) == 1:
        return items[0]
    return say("kfinding.and", first=items[:-1], last=items[-1])


def _clauses(clauses: list[Message]) -> Message:
    """Clauses joined by semicolons."""
    joined = clauses[0]
    for clause in clauses[1:]:
        joined = say("kfinding.then", first=joined, next=clause)
    return joined


def summary(found: ManyGroups) -> Message:
    """The comparison as a whole: on how many of the tested metrics the groups differ (Holm)."""
    table = found.omnibus
    tested = int(table["p_value"].notna().sum())
    by = quoted(found.by) if found.by != "persona" else say("kcompare.personas")
    if tested == 0:
        if len(table):
            return say("kcompare.summary_untestable", by=by, minimum=kgroups.MIN_ANSWERS)
        return say("compare.summary_all_formed") if found.formed_by else say("compare.summary_empty")
    count = int(table["significant"].sum())
    if count == 0:
        return say("kcompare.summary_none", total=tested, groups=len(found.groups), by=by)
    return say("kcompare.summary", count=count, total=tested, groups=len(found.groups), by=by)


def many_records(found: ManyGroups, lang: str = "en") -> dict:
    """The comparison as JSON-ready dicts: ``omnibus`` (each metric's test, with its finding as ``sentence``),
    ``pairs`` and ``estimates`` (NaN as None; persona codes stay codes, ``names`` words them)."""
    estimates = [{key: value for key, value in record.items() if key != "p_text"}
                 for record in to_records(found.estimates, lang)]
    return {"groups": found.groups, "names": {code: str(name) for code, name in found.names.items()},
            "weighted": found.weighted, "summary": summary(found).text(lang),
            "omnibus": to_records(found.omnibus, lang), "pairs": to_records(found.pairs, lang), "estimates": estimates}
