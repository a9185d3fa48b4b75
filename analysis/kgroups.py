"""Tests across three or more groups: an omnibus test per metric and its post-hoc pairs.

- Shares (0/1 flags): Pearson's chi-square test of the groups × (yes, no) table; post-hoc pairs by the
  two-proportion z test of :func:`analysis.significance.proportion_counts_test` (Newcombe interval),
  Holm-adjusted over the metric's pairs.
- NPS (0-10 answers): chi-square test of the groups × (promoter, passive, detractor) table, since NPS is
  made of those three categories and a difference in any of their shares is a difference in the answers;
  post-hoc pairs by the NPS z test of :func:`analysis.significance.nps_counts_test` (difference of the
  adjusted-Wald NPS with the multinomial variance), Holm-adjusted over the metric's pairs.
- Means (ratings, CES, any numeric metric): Welch's one-way ANOVA (Welch 1951), which does not assume equal
  variances; post-hoc pairs by Games-Howell (Welch's t per pair, with its own degrees of freedom, referred to
  the studentized range of all k groups, :mod:`analysis.studentized_range`), whose p-values and intervals are
  already simultaneous over the pairs.

A chi-square test switches to a Monte Carlo exact p-value (:func:`analysis.contingency.monte_carlo_p`,
``MONTE_CARLO_DRAWS`` tables, seed ``MONTE_CARLO_SEED``) when any expected count is below 5.

Weights: every group is reduced to a :class:`Group` (its answers' count, Kish's effective n and the weighted
shares or mean and variance), and the tests run on the effective n, as the weighted metrics' intervals do
(:mod:`analysis.metrics`): a chi-square table holds the weighted shares times each group's effective n (rounded
to whole answers for the Monte Carlo draws), and Welch's ANOVA and Games-Howell use the weighted mean, the
weighted variance (``Σw(x - m)² / Σw · n_eff / (n_eff - 1)``) and n_eff. Weights that are all equal are no
weights: the groups, and so every test, are exactly the unweighted ones.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from analysis import contingency, studentized_range
from analysis.significance import holm, nps_counts_test, proportion_counts_test

MONTE_CARLO_DRAWS = 20_000
MONTE_CARLO_SEED = 22
SMALL_EXPECTED = 5
MIN_ANSWERS = 2  # a group takes part in a metric's tests with at least this many answers


@dataclass(frozen=True)
class Group:
    """One group's answers to one metric, as the tests need them.

    ``n`` answers; ``size`` the n the tests use (Kish's effective n when weighted, else ``n``); ``mean`` and
    ``variance`` (ddof 1, at ``size``) of the values: for 0/1 flags the share; ``promoters`` and
    ``detractors`` the shares of 9-10 and 0-6 answers (NPS only).
    """

    n: int
    size: float
    mean: float
    variance: float
    promoters: float = math.nan
    detractors: float = math.nan


def group_of(values: np.ndarray, weights: np.ndarray | None = None, nps: bool = False) -> Group:
    """The :class:`Group` of one group's non-missing ``values`` (with their ``weights``, None: unweighted)."""
    n = len(values)
    if weights is not None and len(weights) and np.ptp(weights) == 0:
        weights = None  # equal weights carry no information: exactly the unweighted result
    if n == 0:
        return Group(0, 0.0, math.nan, math.nan)
    if weights is None:
        size, mean = float(n), float(values.mean())
        variance = float(values.var(ddof=1)) if n > 1 else math.nan
        promoters = float((values >= 9).mean()) if nps else math.nan
        detractors = float((values <= 6).mean()) if nps else math.nan
    else:
        total = float(weights.sum())
        size = total ** 2 / float((weights ** 2).sum())
        mean = float((weights * values).sum() / total)
        spread = float((weights * (values - mean) ** 2).sum() / total)
        variance = spread * size / (size - 1) if size > 1 + 1e-9 else math.nan
        promoters = float(weights[values >= 9].sum() / total) if nps else math.nan
        detractors = float(weights[values <= 6].sum() / total) if nps else math.nan
    return Group(n, size, mean, variance, promoters, detractors)


def chi_square_test(observed: np.ndarray) -> dict:
    """Pearson's chi-square test of a groups × answers table, exact by Monte Carlo when an expected count is below 5.

    Answers no group gave are dropped first. Returns ``statistic``, ``df``, ``p_value``, ``exact`` (True when the
    p-value is the Monte Carlo one) and ``draws`` (its number of tables, else None); with a single answer left
    there is nothing to test and p is 1.
    """
    observed = np.asarray(observed, dtype=float)
    observed = observed[:, observed.sum(axis=0) > 0]
    if observed.shape[1] < 2:
        return {"statistic": 0.0, "df": 0, "p_value": 1.0, "exact": False, "draws": None}
    statistic, dof, expected = contingency.pearson(observed)
    if expected.min() >= SMALL_EXPECTED:
        return {"statistic": statistic, "df": dof, "p_value": contingency.chi_square_p(statistic, dof),
                "exact": False, "draws": None}
    whole = np.rint(observed)  # weighted tables hold effective counts; the draws deal whole answers
    whole = whole[whole.sum(axis=1) > 0][:, whole.sum(axis=0) > 0]
    if whole.shape[0] < 2 or whole.shape[1] < 2:
        return {"statistic": statistic, "df": dof, "p_value": 1.0, "exact": True, "draws": None}
    whole_statistic, _, whole_expected = contingency.pearson(whole)
    p_value = contingency.monte_carlo_p(whole, whole_expected, whole_statistic, MONTE_CARLO_DRAWS, MONTE_CARLO_SEED)
    return {"statistic": statistic, "df": dof, "p_value": p_value, "exact": True, "draws": MONTE_CARLO_DRAWS}


def welch_anova(groups: list[Group]) -> dict:
    """Welch's one-way ANOVA of the groups' means: ``statistic`` F, ``df`` (k - 1) and ``df2``, ``p_value``.

    Each group is weighted by ``size / variance``. A group with no spread at all has an infinite weight; the
    test is then its limit as that variance goes to 0 (several such groups shrinking alike): their common mean
    is the weighted mean, and if they disagree among themselves the difference is certain (F infinite, p 0).
    Every group needs ``size > 1``.
    """
    sizes = np.array([group.size for group in groups])
    means = np.array([group.mean for group in groups])
    variances = np.array([group.variance for group in groups])
    k = len(groups)
    still = variances == 0
    if still.all() or (still.any() and np.ptp(means[still]) > 0):
        differ = np.ptp(means) > 0
        return {"statistic": math.inf if differ else 0.0, "df": k - 1, "df2": math.nan, "p_value": 0.0 if differ
                else 1.0}
    if still.any():
        centre = float(means[still][0])
        weights = np.where(still, 0.0, sizes / np.where(still, 1.0, variances))
        share = np.where(still, 1.0 / still.sum(), 0.0)  # the limit of weight / total weight
    else:
        weights = sizes / variances
        centre = float((weights * means).sum() / weights.sum())
        share = weights / weights.sum()
    between = float((weights * (means - centre) ** 2).sum()) / (k - 1)
    spread = float(((1 - share) ** 2 / (sizes - 1)).sum())
    correction = 1 + 2 * (k - 2) / (k * k - 1) * spread
    statistic = between / correction
    df2 = (k * k - 1) / (3 * spread)
    from scipy.special import fdtrc  # not scipy.stats, which takes over a second to import

    return {"statistic": statistic, "df": k - 1, "df2": df2, "p_value": float(fdtrc(k - 1, df2, statistic))}


def games_howell(groups: list[Group]) -> list[dict]:
    """Games-Howell post-hoc pairs of the groups' means, every pair (i, j) with i < j.

    For each pair: ``difference`` = mean i - mean j; Welch's standard error ``se`` = sqrt(v_i/n_i + v_j/n_j)
    and degrees of freedom; ``statistic`` q = |difference| / (se / sqrt 2) and ``p_adjusted`` = P(Q > q) for
    the studentized range of k groups on those df; the 95% interval difference ± q_0.95 · se / sqrt 2. Two
    groups with no spread at all: p is 1 for equal means, else 0, and the interval is the difference.
    """
    k = len(groups)
    pairs = [(i, j) for i in range(k) for j in range(i + 1, k)]
    terms = np.array([group.variance / group.size for group in groups])
    first, second = np.array([i for i, _ in pairs], dtype=int), np.array([j for _, j in pairs], dtype=int)
    difference = np.array([groups[i].mean - groups[j].mean for i, j in pairs])
    variance = terms[first] + terms[second]
    sizes = np.array([group.size for group in groups])
    with np.errstate(invalid="ignore", divide="ignore"):
        df = variance ** 2 / (terms[first] ** 2 / (sizes[first] - 1) + terms[second] ** 2 / (sizes[second] - 1))
        scale = np.sqrt(variance / 2)
        statistic = np.abs(difference) / scale
    spread = variance > 0
    p_value = np.where(difference == 0, 1.0, 0.0)
    half = np.zeros(len(pairs))
    if spread.any():
        p_value[spread] = studentized_range.sf(statistic[spread], k, df[spread])
        unique, where = np.unique(df[spread], return_inverse=True)
        half[spread] = studentized_range.ppf(0.95, k, unique)[where] * scale[spread]
    statistic = np.where(spread, statistic, np.where(difference == 0, 0.0, math.inf))
    return [{"a": i, "b": j, "difference": float(difference[p]), "low": float(difference[p] - half[p]),
             "high": float(difference[p] + half[p]), "statistic": float(statistic[p]),
             "df": float(df[p]) if spread[p] else math.nan, "p_value": float(p_value[p]),
             "p_adjusted": float(p_value[p])} for p, (i, j) in enumerate(pairs)]


def share_table(groups: list[Group]) -> np.ndarray:
    """The groups × (yes, no) table of effective counts."""
    return np.array([[group.mean * group.size, (1 - group.mean) * group.size] for group in groups])


def nps_table(groups: list[Group]) -> np.ndarray:
    """The groups × (promoter, passive, detractor) table of effective counts."""
    return np.array([[group.promoters * group.size, (1 - group.promoters - group.detractors) * group.size,
                      group.detractors * group.size] for group in groups])


def share_pairs(groups: list[Group]) -> list[dict]:
    """Every pair's two-proportion z test (in %), with ``p_adjusted`` Holm's over the pairs."""
    return _holm_pairs([(i, j, proportion_counts_test(a.mean * a.size, a.size, b.mean * b.size, b.size))
                        for i, j, a, b in _each_pair(groups)])


def nps_pairs(groups: list[Group]) -> list[dict]:
    """Every pair's NPS z test (adjusted Wald, in NPS points), with ``p_adjusted`` Holm's over the pairs."""
    return _holm_pairs([(i, j, nps_counts_test(a.promoters * a.size, a.detractors * a.size, a.size,
                                               b.promoters * b.size, b.detractors * b.size, b.size))
                        for i, j, a, b in _each_pair(groups)])


def _each_pair(groups: list[Group]):
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            yield i, j, groups[i], groups[j]


def _holm_pairs(results: list[tuple[int, int, dict]]) -> list[dict]:
    adjusted = holm(np.array([result["p_value"] for _, _, result in results], dtype=float))
    return [{"a": i, "b": j, "difference": result["difference"], "low": result["low"], "high": result["high"],
             "statistic": result["statistic"], "df": math.nan, "p_value": result["p_value"],
             "p_adjusted": float(p)} for (i, j, result), p in zip(results, adjusted)]


def omnibus(unit: str, groups: list[Group]) -> tuple[dict, list[dict]]:
    """The omnibus test of ``unit`` (``nps``, ``share``, or a mean: ``scale``, ``rate``) over ``groups`` and its
    post-hoc pairs; the omnibus dict carries its ``test`` code (``nps_chi_square``, ``chi_square``,
    ``welch_anova``; ``_exact`` appended for a Monte Carlo p-value) and the pairs' test code as ``pairs_test``."""
    if unit == "nps":
        result, pairs, pairs_test = chi_square_test(nps_table(groups)), nps_pairs(groups), "nps_z"
        code = "nps_chi_square"
    elif unit == "share":
        result, pairs, pairs_test = chi_square_test(share_table(groups)), share_pairs(groups), "two_proportion_z"
        code = "chi_square"
    else:
        result, pairs, pairs_test = welch_anova(groups), games_howell(groups), "games_howell"
        code = "welch_anova"
        result.update(exact=False, draws=None)
    if result.get("exact"):
        code += "_exact"
    return {**result, "test": code, "pairs_test": pairs_test}, pairs
