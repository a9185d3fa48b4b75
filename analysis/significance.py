"""Two-group tests and multiple-testing adjustment, shared by every comparison in the library.

- :func:`nps_test`: z test on the adjusted-Wald NPS of each group (3/4 of a respondent added to
  promoters and to detractors) with the multinomial variance of the difference; its interval is the
  matching Wald interval, so the test rejects exactly when the interval excludes 0.
- :func:`proportion_test`: two-proportion z test (pooled), Newcombe's hybrid score interval for the
  difference, effect size Cohen's h.
- :func:`welch_test`: Welch's t test and interval for a difference of means, effect size Hedges' g.
- :func:`bootstrap_test`: for means of money (customer value, order value), which are heavily skewed:
  the BCa bootstrap interval of the difference of means (customers resampled within each group) and
  the p-value that agrees with it; effect size Hedges' g.
- :func:`holm`: Holm's step-down adjusted p-values of a family of tests; :data:`CORRECTIONS` also offers
  Bonferroni, Benjamini-Hochberg (false discovery rate) and none, by name.

The two-proportion, Welch and NPS tests also take each group's summaries (:func:`proportion_counts_test`,
:func:`welch_moments_test`, :func:`nps_counts_test`); the sizes may then be Kish's effective sample sizes of
weighted groups (fractional), the counts the weighted shares times those sizes.
- :func:`corrected_resampled_t`: Nadeau and Bengio's corrected resampled t test of paired differences
  from repeated cross-validation (two models scored on the same folds).

Each test returns the fields of a comparison row: both groups' values and sizes, the difference (the
estimate its 95% interval is centred on and the test tests; for NPS the adjusted-Wald one) and that
interval, the raw difference of the two values, the test's code, statistic, two-sided p-value and effect size.
"""
from __future__ import annotations

import math

import numpy as np

from analysis.metrics import BOOTSTRAP_SEED, bca_bounds, bca_p_value, mean_draws, nps_adjusted, wilson


def holm(p_values: np.ndarray) -> np.ndarray:
    """Holm's step-down adjustment of a family of p-values (NaN stays NaN and is not counted)."""
    adjusted = np.full(len(p_values), np.nan)
    tested = np.flatnonzero(~np.isnan(p_values))
    order = tested[np.argsort(p_values[tested], kind="stable")]
    running = 0.0
    for rank, position in enumerate(order):
        running = max(running, min(1.0, (len(order) - rank) * p_values[position]))
        adjusted[position] = running
    return adjusted


def bonferroni(p_values: np.ndarray) -> np.ndarray:
    """Bonferroni's adjustment: each p-value times the number of tests, at most 1 (NaN stays NaN, not counted)."""
    tested = np.count_nonzero(~np.isnan(p_values))
    return np.minimum(1.0, np.asarray(p_values, dtype=float) * tested)


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Benjamini and Hochberg's step-up adjustment (false discovery rate; NaN stays NaN and is not counted)."""
    adjusted = np.full(len(p_values), np.nan)
    tested = np.flatnonzero(~np.isnan(p_values))
    order = tested[np.argsort(p_values[tested], kind="stable")]
    running = 1.0
    for rank in range(len(order) - 1, -1, -1):
        running = min(running, len(order) * p_values[order[rank]] / (rank + 1))
        adjusted[order[rank]] = running
    return adjusted


CORRECTIONS = {"holm": holm, "bonferroni": bonferroni, "bh": benjamini_hochberg,
               "none": lambda p_values: np.asarray(p_values, dtype=float).copy()}
"""The adjustments of a family of p-values, by the name the command line and the app use."""


def _empty_result(n_a: float, n_b: float, value_a: float, value_b: float, test: str) -> dict:
    return {"value_a": value_a, "n_a": n_a, "value_b": value_b, "n_b": n_b,
            "difference": value_a - value_b, "raw_difference": value_a - value_b, "low": math.nan, "high": math.nan, "test": test,
            "statistic": math.nan, "p_value": math.nan, "effect_size": math.nan}


def _ratio(difference: float, se: float) -> float:
    """A test statistic; a difference with no sampling noise at all is infinitely significant."""
    if se > 0:
        return difference / se
    return 0.0 if difference == 0 else math.copysign(math.inf, difference)


def _two_sided_normal(statistic: float) -> float:
    from scipy.special import ndtr  # scipy.stats would add a second to CLI start-up

    return 1.0 if statistic == 0 else float(2 * ndtr(-abs(statistic)))


def hedges_g(a: np.ndarray, b: np.ndarray) -> float:
    """Hedges' g: the difference of means over the pooled SD, corrected for small samples."""
    if len(a) < 2 or len(b) < 2:
        return math.nan
    return _hedges_g(len(a), float(a.mean()), float(a.var(ddof=1)), len(b), float(b.mean()), float(b.var(ddof=1)))


def _hedges_g(n_a: int, mean_a: float, var_a: float, n_b: int, mean_b: float, var_b: float) -> float:
    pooled = math.sqrt(((n_a - 1) * var_a + (n_b - 1) * var_b) / (n_a + n_b - 2))
    correction = 1 - 3 / (4 * (n_a + n_b) - 9)
    return correction * _ratio(mean_a - mean_b, pooled)


def welch_test(a: np.ndarray, b: np.ndarray) -> dict:
    """Welch's t test and interval for a difference of means."""
    return welch_moments_test(len(a), float(a.mean()) if len(a) else math.nan,
                              float(a.var(ddof=1)) if len(a) > 1 else math.nan,
                              len(b), float(b.mean()) if len(b) else math.nan,
                              float(b.var(ddof=1)) if len(b) > 1 else math.nan)


def welch_moments_test(n_a: int, mean_a: float, var_a: float, n_b: int, mean_b: float, var_b: float) -> dict:
    """:func:`welch_test` from each group's size, mean and sample variance (ddof 1)."""
    from scipy.special import stdtr, stdtrit  # scipy.stats would add a second to CLI start-up

    result = _empty_result(n_a, n_b, mean_a, mean_b, "welch_t")
    if n_a < 2 or n_b < 2:
        return result
    se_a, se_b = var_a / n_a, var_b / n_b
    se = math.sqrt(se_a + se_b)
    difference = mean_a - mean_b
    t = _ratio(difference, se)
    if se > 0:
        df = (se_a + se_b) ** 2 / (se_a**2 / (n_a - 1) + se_b**2 / (n_b - 1))
        half = float(stdtrit(df, 0.975)) * se
        p_value = float(2 * stdtr(df, -abs(t)))
    else:
        half, p_value = 0.0, (1.0 if difference == 0 else 0.0)
    result.update(low=difference - half, high=difference + half, statistic=t, p_value=p_value,
                  effect_size=_hedges_g(n_a, mean_a, var_a, n_b, mean_b, var_b))
    return result


def bootstrap_test(a: np.ndarray, b: np.ndarray, seed: int = BOOTSTRAP_SEED) -> dict:
    """Difference of two means of skewed values: BCa bootstrap interval and the p-value that agrees with it.

    Each group is resampled on its own (seeded, so the same values in any order give the same result);
    the interval is :func:`analysis.metrics.bca_bounds` of the differences of the resampled means
    and the p-value :func:`analysis.metrics.bca_p_value` of a zero difference, so the test rejects
    when the interval excludes 0. ``statistic`` is the normal quantile of that p-value, signed as
    the difference. Effect size Hedges' g.
    """
    result = _empty_result(len(a), len(b), float(a.mean()) if len(a) else math.nan, float(b.mean()) if len(b) else math.nan,
                           "bootstrap_bca")
    if len(a) < 2 or len(b) < 2:
        return result
    from scipy.special import ndtri  # scipy.stats would add a second to CLI start-up

    rng = np.random.default_rng(seed)
    draws = mean_draws(np.sort(a), rng) - mean_draws(np.sort(b), rng)  # sorted: the order of rows does not matter
    difference = result["difference"]
    influences = [a - a.mean(), b.mean() - b]
    low, high = bca_bounds(difference, draws, influences)
    p_value = bca_p_value(difference, draws, influences)
    statistic = math.copysign(float(-ndtri(p_value / 2)), difference) if p_value < 1 else 0.0
    result.update(low=low, high=high, statistic=statistic, p_value=p_value, effect_size=hedges_g(a, b))
    return result


def proportion_test(a: np.ndarray, b: np.ndarray) -> dict:
    """Two-proportion z test (pooled), Newcombe hybrid score interval and Cohen's h, in %.

    ``a`` and ``b`` hold 0/1 flags of the two groups. Returns the fields of a comparison row
    (values, n, difference, interval, test code, statistic, p-value, effect size).
    """
    return proportion_counts_test(int(a.sum()), len(a), int(b.sum()), len(b))


def proportion_counts_test(x_a: float, n_a: float, x_b: float, n_b: float) -> dict:
    """:func:`proportion_test` from counts: ``x_a`` of ``n_a`` against ``x_b`` of ``n_b`` (weighted groups:
    the weighted share times the effective n, of the effective n)."""
    share_a = x_a / n_a if n_a else math.nan
    share_b = x_b / n_b if n_b else math.nan
    result = _empty_result(n_a, n_b, 100 * share_a, 100 * share_b, "two_proportion_z")
    if n_a == 0 or n_b == 0:
        return result
    pooled = (x_a + x_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    difference = share_a - share_b
    z = _ratio(difference, se)
    p_value = _two_sided_normal(z) if se > 0 else (1.0 if difference == 0 else 0.0)
    low_a, high_a = wilson(x_a, n_a)
    low_b, high_b = wilson(x_b, n_b)
    low = difference - math.sqrt((share_a - low_a) ** 2 + (high_b - share_b) ** 2)
    high = difference + math.sqrt((high_a - share_a) ** 2 + (share_b - low_b) ** 2)
    h = 2 * math.asin(math.sqrt(share_a)) - 2 * math.asin(math.sqrt(share_b))
    result.update(low=100 * low, high=100 * high, statistic=z, p_value=p_value, effect_size=h)
    return result


def nps_test(a: np.ndarray, b: np.ndarray) -> dict:
    """NPS difference: z test and Wald interval on the adjusted-Wald NPS of each group; Hedges' g.

    ``value_a``/``value_b`` are each group's NPS as measured; ``difference`` is the difference of the
    adjusted NPS, the centre of the interval and what the z test tests (it is shrunk towards 0 at
    small n: 5 promoters against 5 detractors differ by 200 as measured, by 125 adjusted);
    ``raw_difference`` is ``value_a - value_b``.
    """
    score_a, score_b = nps_scores(a), nps_scores(b)
    return nps_counts_test((score_a == 1).sum(), (score_a == -1).sum(), len(a),
                           (score_b == 1).sum(), (score_b == -1).sum(), len(b))


def nps_counts_test(promoters_a: float, detractors_a: float, n_a: float,
                    promoters_b: float, detractors_b: float, n_b: float) -> dict:
    """:func:`nps_test` from each group's promoters, detractors and answers (weighted groups: the weighted
    shares times the effective n, and the effective n); Hedges' g of the -1/0/+1 scores from the same counts."""
    value_a = 100 * float(promoters_a - detractors_a) / n_a if n_a else math.nan
    value_b = 100 * float(promoters_b - detractors_b) / n_b if n_b else math.nan
    result = _empty_result(n_a, n_b, value_a, value_b, "nps_z")
    if n_a < 2 or n_b < 2:
        return result
    centre_a, variance_a = nps_adjusted(promoters_a, detractors_a, n_a)
    centre_b, variance_b = nps_adjusted(promoters_b, detractors_b, n_b)
    centre, se = float(centre_a - centre_b), math.sqrt(float(variance_a + variance_b))
    z = centre / se  # se > 0: the pseudo-counts keep every adjusted share away from 0 and 1
    half = 1.959963984540054 * se
    moments = [(n, (p - d) / n, (p + d - (p - d) ** 2 / n) / (n - 1))
               for p, d, n in ((promoters_a, detractors_a, n_a), (promoters_b, detractors_b, n_b))]
    result.update(difference=100 * centre, low=100 * (centre - half), high=100 * (centre + half), statistic=z,
                  p_value=_two_sided_normal(z), effect_size=_hedges_g(*moments[0], *moments[1]))
    return result


def _weighted_moments(values: np.ndarray, weights: np.ndarray) -> tuple[float, float, float]:
    """Kish's effective n, the weighted mean and the weighted sample variance at the effective n
    (``Σw(x - mean)² / Σw · n_eff / (n_eff - 1)``; NaN when n_eff is 1 or less)."""
    if len(values) == 0:
        return 0.0, math.nan, math.nan
    total = float(np.sum(weights))
    n_eff = total ** 2 / float(np.sum(weights ** 2))
    mean = float(np.sum(weights * values) / total)
    spread = float(np.sum(weights * (values - mean) ** 2) / total)
    return n_eff, mean, spread * n_eff / (n_eff - 1) if n_eff > 1 + 1e-9 else math.nan


def weighted_test(unit: str, a: np.ndarray, weights_a: np.ndarray, b: np.ndarray, weights_b: np.ndarray) -> dict:
    """The two-group test of ``unit`` (nps, share or scale) on weighted answers, at each group's Kish effective n.

    The unweighted test is run on the weighted estimates with the effective n in place of n: a share's
    successes are ``p·n_eff`` of ``n_eff`` (two-proportion z, Newcombe interval, Cohen's h), NPS's
    promoters and detractors ``p+·n_eff`` and ``p-·n_eff`` (adjusted-Wald z), a mean's variance the
    weighted one at n_eff (Welch's t with Welch-Satterthwaite df from the effective n's; Hedges' g).
    ``n_a``/``n_b`` are the answers, ``effective_n_a``/``effective_n_b`` the effective n's.
    """
    (n_a, mean_a, var_a), (n_b, mean_b, var_b) = _weighted_moments(a, weights_a), _weighted_moments(b, weights_b)
    if unit == "share":
        result = proportion_counts_test(mean_a * n_a if n_a else 0.0, n_a, mean_b * n_b if n_b else 0.0, n_b)
    elif unit == "scale":
        result = welch_moments_test(n_a, mean_a, var_a, n_b, mean_b, var_b)
    elif unit == "nps":
        result = _weighted_nps_test(a, weights_a, b, weights_b)
    else:
        raise ValueError(f"no weighted test for {unit}")
    return result | {"n_a": len(a), "n_b": len(b), "effective_n_a": n_a, "effective_n_b": n_b}


def _weighted_nps_test(a: np.ndarray, weights_a: np.ndarray, b: np.ndarray, weights_b: np.ndarray) -> dict:
    """:func:`nps_counts_test` on weighted answers: promoters and detractors as weighted shares of the effective n."""
    counts = []
    for values, weights in ((a, weights_a), (b, weights_b)):
        scores, total = nps_scores(values), float(np.sum(weights))
        n_eff = _weighted_moments(scores, weights)[0]
        counts += [float(np.sum(weights[scores == side])) / total * n_eff if total else 0.0 for side in (1, -1)]
        counts.append(n_eff)
    return nps_counts_test(*counts)


def corrected_resampled_t(differences: np.ndarray, test_to_train: float) -> dict:
    """Nadeau and Bengio's corrected resampled t test of the mean of paired cross-validation differences.

    ``differences`` holds one difference per test fold (model A's score minus model B's on the same fold,
    every fold of every repetition: J in all); ``test_to_train`` is a test fold's size over its training
    part's (1/(k-1) for k folds). The folds share training texts, so their differences are correlated and
    the plain paired t test's variance s²/J is far too small; the corrected one is (1/J + test_to_train)·s²
    (Nadeau & Bengio 2003, as used on repeated k-fold by Bouckaert & Frank 2004), with J - 1 degrees of
    freedom. Returns the mean difference, its corrected standard error ``se``, its 95% interval, the statistic,
    df and the two-sided p-value (NaN when there are fewer than two folds; with no spread at all, p is 1 for a
    zero mean and 0 otherwise).
    """
    from scipy.special import stdtr, stdtrit  # scipy.stats would add a second to CLI start-up

    values = np.asarray(differences, dtype=float)
    mean = float(values.mean()) if len(values) else math.nan
    result = {"difference": mean, "se": math.nan, "low": math.nan, "high": math.nan,
              "test": "corrected_resampled_t", "statistic": math.nan, "df": len(values) - 1, "p_value": math.nan}
    if len(values) < 2:
        return result
    se = math.sqrt((1 / len(values) + test_to_train) * float(values.var(ddof=1)))
    t = _ratio(mean, se)
    if se > 0:
        half, p_value = float(stdtrit(len(values) - 1, 0.975)) * se, float(2 * stdtr(len(values) - 1, -abs(t)))
    else:
        half, p_value = 0.0, (1.0 if mean == 0 else 0.0)
    result.update(se=se, low=mean - half, high=mean + half, statistic=t, p_value=p_value)
    return result


def nps_scores(values: np.ndarray) -> np.ndarray:
    """+1 for promoters (9-10), -1 for detractors (0-6), 0 for passives."""
    return np.where(values >= 9, 1.0, np.where(values <= 6, -1.0, 0.0))


TESTS = {"nps": nps_test, "share": proportion_test, "scale": welch_test, "money": bootstrap_test,
         "rate": welch_test}
"""The test of each unit a metric can have (see :data:`analysis.metric_registry.UNITS`)."""
