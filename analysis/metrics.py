"""Headline metrics (NPS, CSAT, CES, satisfied share) with n and a 95% interval.

Definitions follow the design notes: NPS = %promoters (9-10) - %detractors (0-6), with an
adjusted-Wald interval from the multinomial variance; CSAT = share in the top boxes of its
scale (Wilson interval) plus the mean; CES = mean effort on its scale (t interval) plus the
share in the "easy" boxes. Means of money values (customer value), which are heavily skewed, get a
BCa bootstrap interval instead of the t interval (:func:`mean_interval_bca`). "Top boxes" are the
best two answers of a scale with four or more points and the single best answer of a scale with
three or fewer (on a 1-3 scale the middle answer would otherwise be both top-two and bottom-two).
Every function takes the valid numeric scores only (NaN is dropped) and returns a :class:`Metric`;
with no scores the value and interval are None.

Survey weights: :func:`nps`, :func:`csat`, :func:`ces`, :func:`share` and :func:`rating` take optional
``weights`` (one per score, in the same order; a row whose score or weight is missing is left out). The
estimate is then the weighted one, and its interval is the unweighted formula applied at Kish's effective
sample size ``n_eff = (Σw)² / Σw²`` (:func:`effective_n`): the Wilson interval of the weighted share at
``n_eff``; the adjusted-Wald NPS interval of the weighted promoter and detractor shares at ``n_eff``; the t
interval of the weighted mean with standard error ``sqrt(Σw(x - x̄)² / Σw / (n_eff - 1))`` on ``n_eff - 1``
degrees of freedom (statsmodels' ``DescrStatsW`` with the weights scaled to sum to ``n_eff``). ``n`` stays the
number of answers; ``effective_n`` is reported beside it and decides :attr:`Metric.small_sample`. Weights
all equal give the unweighted results.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from analysis.errors import InputError

Z95 = 1.959963984540054
SMALL_SAMPLE = 30
NPS_PSEUDO = 0.75  # adjusted Wald: 3/4 of a respondent added to promoters and to detractors, 3 to n
BOOTSTRAP_RESAMPLES = 5000  # the 99.6% percentile BCa reaches on the retail CLV varies by 1.5% of the width
BOOTSTRAP_SEED = 0  # fixed, so the same values always give the same interval
_DRAWS_AT_ONCE = 1_000_000  # resampled values held in memory at a time


@dataclass
class Metric:
    """A headline number with its 95% interval and sample size."""

    value: float | None
    low: float | None
    high: float | None
    n: int
    extra: dict = field(default_factory=dict)
    effective_n: float | None = None  # Kish's effective sample size, for a weighted estimate only

    @property
    def small_sample(self) -> bool:
        """True when n (the effective n of a weighted estimate) < 30: the number is shown but flagged as unreliable."""
        return (self.n if self.effective_n is None else self.effective_n) < SMALL_SAMPLE

    def to_dict(self) -> dict:
        """Plain dict for JSON: value, low, high, n (and effective_n when weighted), small_sample and any extra figures."""
        data = asdict(self)
        if self.effective_n is None:
            del data["effective_n"]
        extra = data.pop("extra")
        data = {key: _round(value) for key, value in data.items()}
        data.update({key: _round(value) for key, value in extra.items()})
        data["small_sample"] = self.small_sample
        return data


def _round(value):
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    return value


def wilson(successes: int, n: int) -> tuple[float, float]:
    """Wilson score 95% interval for a proportion, as shares in 0..1."""
    if n == 0:
        return (math.nan, math.nan)
    low, high = wilson_bounds(successes, n)
    return (float(low), float(high))


def wilson_bounds(successes: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score 95% intervals of many proportions at once, as shares in 0..1 (n > 0)."""
    successes, n = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    p = successes / n
    z2 = Z95 ** 2
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = Z95 * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return np.maximum(0.0, centre - half), np.minimum(1.0, centre + half)


def t_bounds(mean: np.ndarray, std: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """95% t intervals of many means at once (NaN where n < 2)."""
    from scipy.special import stdtrit  # imported here: scipy.stats would add a second to CLI start-up

    mean, std, n = (np.asarray(a, dtype=float) for a in (mean, std, n))
    with np.errstate(invalid="ignore", divide="ignore"):
        half = np.where(n > 1, stdtrit(np.maximum(n - 1, 1), 0.975) * std / np.sqrt(n), np.nan)
    return mean - half, mean + half


def mean_interval(values) -> tuple[float, float, float]:
    """Mean and its 95% t interval (NaN ignored)."""
    values = _valid(values)
    n = len(values)
    if n == 0:
        return (math.nan, math.nan, math.nan)
    mean = float(values.mean())
    if n == 1:
        return (mean, math.nan, math.nan)
    from scipy.special import stdtrit  # imported here: scipy.stats would add a second to CLI start-up

    half = float(stdtrit(n - 1, 0.975)) * float(values.std(ddof=1)) / math.sqrt(n)
    return (mean, mean - half, mean + half)


def mean_interval_bca(values, seed: int = BOOTSTRAP_SEED) -> tuple[float, float, float]:
    """Mean and its 95% BCa bootstrap interval (NaN ignored): the interval of every mean of money values.

    Customer value is heavily skewed (on the retail sample a few customers hold a third of it), and
    there the symmetric t interval misses low. The values are resampled with replacement
    :data:`BOOTSTRAP_RESAMPLES` times with a fixed ``seed`` (the same values always give the same
    interval) and the bounds are the bias-corrected and accelerated percentiles of the resampled
    means (:func:`bca_bounds`), so the interval is longer on the side of the few large values.
    ``tests/test_metrics.py`` measures its coverage on resampled retail customers. One value has no
    interval (NaN bounds); values all equal give [mean, mean].
    """
    values = np.sort(_valid(values))  # sorted: the same values in any order give the same interval
    if len(values) == 0:
        return (math.nan, math.nan, math.nan)
    mean = float(values.mean())
    if len(values) == 1:
        return (mean, math.nan, math.nan)
    low, high = bca_bounds(mean, mean_draws(values, np.random.default_rng(seed)), [values - mean])
    return (mean, low, high)


def mean_draws(values: np.ndarray, rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES) -> np.ndarray:
    """Bootstrap replicates of the mean of ``values``: the values resampled with replacement ``resamples`` times.

    Drawn a block of resamples at a time, so memory stays bounded for any number of values.
    """
    n = len(values)
    draws = np.empty(resamples)
    block = max(1, _DRAWS_AT_ONCE // n)
    for start in range(0, resamples, block):
        picked = rng.integers(0, n, size=(min(block, resamples - start), n))
        draws[start:start + len(picked)] = values[picked].mean(axis=1)
    return draws


def _bca_corrections(estimate: float, draws: np.ndarray, influences: list[np.ndarray]) -> tuple[float, float]:
    """BCa's bias correction z0 (from the share of replicates below ``estimate``, ties counting half) and its
    acceleration a (from the jackknife influences of each independent sample; Efron & Tibshirani 1993, 14.3)."""
    from scipy.special import ndtri  # scipy.stats would add a second to CLI start-up

    below = (np.count_nonzero(draws < estimate) + np.count_nonzero(draws <= estimate)) / (2 * len(draws))
    cubes = sum(float(np.sum(u ** 3)) / len(u) ** 3 for u in influences)
    squares = sum(float(np.sum(u ** 2)) / len(u) ** 2 for u in influences)
    return float(ndtri(below)), cubes / (6 * squares ** 1.5)


def _flat(estimate: float, draws: np.ndarray) -> bool:
    """True when the replicates do not vary (values all equal): there is no sampling noise to bound."""
    return float(np.ptp(draws)) <= 1e-12 * max(1.0, abs(estimate))


def bca_bounds(estimate: float, draws: np.ndarray, influences: list[np.ndarray]) -> tuple[float, float]:
    """The 95% BCa interval of ``estimate`` from its bootstrap replicates (``draws``).

    ``influences`` holds the jackknife influence of each row of each independently resampled sample
    (``x - mean`` for a mean; for a difference of two means, the second group's negated). The bounds
    are the replicates' percentiles at ``ndtr(z0 + (z0 + z) / (1 - a (z0 + z)))`` for ``z = ±1.96``,
    as ``scipy.stats.bootstrap(method="BCa")`` takes them. Replicates that do not vary give
    ``(estimate, estimate)``.
    """
    from scipy.special import ndtr  # scipy.stats would add a second to CLI start-up

    if _flat(estimate, draws):
        return (estimate, estimate)
    z0, a = _bca_corrections(estimate, draws, influences)
    z = np.array([-Z95, Z95])
    low, high = np.quantile(draws, ndtr(z0 + (z0 + z) / (1 - a * (z0 + z))))
    return (float(low), float(high))


def bca_p_value(estimate: float, draws: np.ndarray, influences: list[np.ndarray], null: float = 0.0) -> float:
    """Two-sided p-value of ``null`` that agrees with :func:`bca_bounds`: below 0.05 exactly when ``null`` is
    outside the 95% BCa interval (up to the interpolation between replicates).

    It is ``1 -`` the confidence of the BCa interval with ``null`` as a bound, found by inverting the
    BCa percentile formula at the share of replicates below ``null``. A ``null`` that no BCa interval
    reaches (beyond every replicate, or past the percentile the acceleration lets the bounds go), and
    any smaller p-value, gives ``1 / len(draws)``: the resamples cannot show less (0.0002 with 5,000).
    Replicates that do not vary give 1 when ``estimate == null``, else 0.
    """
    from scipy.special import ndtr, ndtri  # scipy.stats would add a second to CLI start-up

    if _flat(estimate, draws):
        return 1.0 if estimate == null else 0.0
    least = 1 / len(draws)
    share = (np.count_nonzero(draws < null) + np.count_nonzero(draws <= null)) / (2 * len(draws))
    if share in (0.0, 1.0):
        return least
    z0, a = _bca_corrections(estimate, draws, influences)
    w = float(ndtri(share)) - z0
    if 1 + a * w <= 0:
        return least
    return max(least, float(2 * ndtr(-abs(w / (1 + a * w) - z0))))


def _valid(values) -> np.ndarray:
    """The non-missing values as a float array."""
    array = np.asarray(values, dtype=float)
    return array[~np.isnan(array)]


def _empty(n: int = 0) -> Metric:
    return Metric(None, None, None, n)


def effective_n(weights) -> float:
    """Kish's effective sample size of ``weights``: ``(Σw)² / Σw²`` (0 for none; n when all are equal)."""
    weights = np.asarray(weights, dtype=float)
    squares = float(np.sum(weights ** 2))
    return float(np.sum(weights)) ** 2 / squares if squares > 0 else 0.0


def paired(values, weights) -> tuple[np.ndarray, np.ndarray]:
    """The values and their weights where both are known, as float arrays (given in the same order)."""
    values, weights = _floats(values), _floats(weights)
    if len(values) != len(weights):
        raise ValueError(f"{len(values)} values but {len(weights)} weights")
    known = ~(np.isnan(values) | np.isnan(weights))
    return values[known], weights[known]


def _floats(values) -> np.ndarray:
    """Any numbers (nullable pandas types and booleans too) as a float array, NaN where missing."""
    if isinstance(values, pd.Series):
        return values.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    return np.asarray(values, dtype=float)


def _weighted_share(hits: np.ndarray, weights: np.ndarray) -> tuple[float, float, float]:
    """The weighted share of ``hits`` (0/1) as a share in 0..1, with its Wilson 95% interval at the effective n."""
    n_eff = effective_n(weights)
    p = float(np.sum(weights * hits) / np.sum(weights))
    low, high = wilson_bounds(p * n_eff, n_eff)
    return p, float(low), float(high)


def weighted_mean_interval(values, weights) -> tuple[float, float, float, float]:
    """Weighted mean, its 95% t interval at the effective n (see the module docstring) and the effective n.

    The rows where a value or a weight is missing are left out; an effective n of 1 or less has no interval.
    """
    values, weights = paired(values, weights)
    if len(values) == 0:
        return (math.nan, math.nan, math.nan, 0.0)
    n_eff = effective_n(weights)
    mean = float(np.sum(weights * values) / np.sum(weights))
    if n_eff <= 1 + 1e-9:
        return (mean, math.nan, math.nan, n_eff)
    from scipy.special import stdtrit  # imported here: scipy.stats would add a second to CLI start-up

    spread = float(np.sum(weights * (values - mean) ** 2) / np.sum(weights))
    half = float(stdtrit(n_eff - 1, 0.975)) * math.sqrt(spread / (n_eff - 1))
    return (mean, mean - half, mean + half, n_eff)


def nps_adjusted(promoters, detractors, n) -> tuple[np.ndarray, np.ndarray]:
    """The adjusted-Wald NPS (as a share, -1..1) and its variance, from counts (arrays welcome).

    3/4 of a respondent is added to the promoters and to the detractors (so 3 to ``n``); the
    variance is the multinomial one, ``(p+ + p- - (p+ - p-)²) / n``, on the adjusted counts.
    """
    promoters, detractors, n = (np.asarray(a, dtype=float) for a in (promoters, detractors, n))
    adjusted_n = n + 4 * NPS_PSEUDO
    p_plus, p_minus = (promoters + NPS_PSEUDO) / adjusted_n, (detractors + NPS_PSEUDO) / adjusted_n
    centre = p_plus - p_minus
    return centre, (p_plus + p_minus - centre ** 2) / adjusted_n


def nps_bounds(promoters, detractors, n) -> tuple[np.ndarray, np.ndarray]:
    """Adjusted-Wald 95% intervals of NPS, in points (-100..100), from counts of promoters, detractors and answers.

    The Wald interval of the adjusted NPS (:func:`nps_adjusted`), clipped to -100..100 (Rocks
    2016, *The American Statistician* 70(4)). The plain Wald interval collapses to [100, 100]
    when every answer is a promoter and covers about 84% at n = 30 near NPS 88; this one stays
    near 95% down to n = 10 (``tests/test_metrics.py`` simulates it). ``n`` must be positive.
    """
    centre, variance = nps_adjusted(promoters, detractors, n)
    half = Z95 * np.sqrt(variance)
    return np.maximum(-100.0, 100 * (centre - half)), np.minimum(100.0, 100 * (centre + half))


def nps(scores: pd.Series, weights=None) -> Metric:
    """Net Promoter Score from 0-10 answers, -100..100, with the adjusted-Wald interval (weighted: of the
    weighted shares at the effective n).

    Raises
    ------
    InputError
        When an answer is not a whole number from 0 to 10 (``prepare`` sets such answers aside
        with a reason before they get here).
    """
    if weights is not None:
        scores, weights = paired(scores, weights)
    scores = _valid(scores)
    bad = scores[(scores < 0) | (scores > 10) | (scores % 1 != 0)]
    if len(bad):
        raise InputError("error.nps.not_0_to_10", value=f"{bad[0]:g}")
    n = len(scores)
    if n == 0:
        return _empty()
    if weights is not None:
        return _weighted_nps(scores, weights)
    promoters, detractors = int((scores >= 9).sum()), int((scores <= 6).sum())
    low, high = nps_bounds(promoters, detractors, n)
    return Metric(100 * (promoters - detractors) / n, float(low), float(high), n,
                  {"promoters": 100 * promoters / n, "passives": 100 * (n - promoters - detractors) / n,
                   "detractors": 100 * detractors / n})


def _weighted_nps(scores: np.ndarray, weights: np.ndarray) -> Metric:
    total, n_eff = float(np.sum(weights)), effective_n(weights)
    promoters, detractors = float(np.sum(weights[scores >= 9])) / total, float(np.sum(weights[scores <= 6])) / total
    low, high = nps_bounds(promoters * n_eff, detractors * n_eff, n_eff)
    return Metric(100 * (promoters - detractors), float(low), float(high), len(scores),
                  {"promoters": 100 * promoters, "passives": 100 * (1 - promoters - detractors),
                   "detractors": 100 * detractors}, effective_n=n_eff)


def box_count(scale_min: float, scale_max: float) -> int:
    """How many answers count as the top (or bottom) boxes: two, or one on a scale of three points or fewer."""
    return 2 if scale_max - scale_min + 1 > 3 else 1


def top_boxes(scale_min: float, scale_max: float, reverse: bool = False) -> tuple[float, float]:
    """The score range of the best answers of a scale (:func:`box_count` of them; the lowest when reversed)."""
    boxes = box_count(scale_min, scale_max)
    if reverse:
        return (scale_min, scale_min + boxes - 1)
    return (scale_max - boxes + 1, scale_max)


def bottom_boxes(scale_min: float, scale_max: float, reverse: bool = False) -> tuple[float, float]:
    """The score range of the worst answers of a scale (the highest when reversed)."""
    return top_boxes(scale_min, scale_max, not reverse)


def in_boxes(scores, boxes: tuple[float, float]):
    """1.0 where a score lies in ``boxes`` (a low, high range), 0.0 where not, NaN where missing.

    Takes and returns an array, or a Series (keeping its index).
    """
    values = np.asarray(scores, dtype=float)
    flags = np.where(np.isnan(values), np.nan, (values >= boxes[0]) & (values <= boxes[1]))
    return pd.Series(flags, index=scores.index) if isinstance(scores, pd.Series) else flags


def csat(scores: pd.Series, scale_min: float = 1, scale_max: float = 5, reverse: bool = False,
         weights=None) -> Metric:
    """CSAT: % of answers in the top boxes of the scale (Wilson interval), plus the mean.

    ``reverse`` means a lower number is better (1 = very satisfied), so the satisfied boxes
    are the lowest.
    """
    if weights is not None:
        scores, weights = paired(scores, weights)
        if len(scores) == 0:
            return _empty()
        top, low, high = _weighted_share(in_boxes(scores, top_boxes(scale_min, scale_max, reverse)), weights)
        return Metric(100 * top, 100 * low, 100 * high, len(scores),
                      {"mean": float(np.sum(weights * scores) / np.sum(weights)), "scale_min": scale_min,
                       "scale_max": scale_max, "higher_is_better": not reverse,
                       "boxes": box_count(scale_min, scale_max)}, effective_n=effective_n(weights))
    scores = _valid(scores)
    n = len(scores)
    if n == 0:
        return _empty()
    satisfied = int(in_boxes(scores, top_boxes(scale_min, scale_max, reverse)).sum())
    low, high = wilson(satisfied, n)
    return Metric(100 * satisfied / n, 100 * low, 100 * high, n,
                  {"mean": float(scores.mean()), "scale_min": scale_min, "scale_max": scale_max,
                   "higher_is_better": not reverse, "boxes": box_count(scale_min, scale_max)})


def ces(scores: pd.Series, scale_min: float = 1, scale_max: float = 7, reverse: bool = False,
        weights=None) -> Metric:
    """CES: mean effort score on its scale (t interval) plus % "easy" (top boxes after direction).

    ``reverse`` means a higher score is more effort (worse), so the easy boxes are the lowest.
    """
    result = rating(scores, scale_min, scale_max, reverse, weights)
    if result.n:
        result.extra = {"share_easy": result.extra["top2"], "scale_min": scale_min,
                        "scale_max": scale_max, "higher_is_better": not reverse}
    return result


def share(flags: pd.Series, weights=None) -> Metric:
    """% of True among non-missing flags (e.g. satisfied, converted), with a Wilson interval (weighted: the
    weighted share, its Wilson interval at the effective n)."""
    if weights is not None:
        hits, weights = paired(flags, weights)
        if len(hits) == 0:
            return _empty()
        value, low, high = _weighted_share(hits != 0, weights)
        return Metric(100 * value, 100 * low, 100 * high, len(hits), effective_n=effective_n(weights))
    flags = pd.Series(flags).dropna().astype(bool)
    n = len(flags)
    if n == 0:
        return _empty()
    hits = int(flags.sum())
    low, high = wilson(hits, n)
    return Metric(100 * hits / n, 100 * low, 100 * high, n)


def rating(scores: pd.Series, scale_min: float, scale_max: float, reverse: bool = False, weights=None) -> Metric:
    """A touchpoint rating: mean with t interval, plus % in the top boxes and the 0-1 normalised mean (weighted:
    the weighted mean with its interval at the effective n, and the weighted top-box share)."""
    if weights is not None:
        scores, weights = paired(scores, weights)
    scores = _valid(scores)
    n = len(scores)
    if n == 0:
        return _empty()
    boxed = in_boxes(scores, top_boxes(scale_min, scale_max, reverse))
    if weights is None:
        (mean, low, high), top, n_eff = mean_interval(scores), float(boxed.mean()), None
    else:
        mean, low, high, n_eff = weighted_mean_interval(scores, weights)
        top = float(np.sum(weights * boxed) / np.sum(weights))
    normalised = (mean - scale_min) / (scale_max - scale_min) if scale_max > scale_min else np.nan
    return Metric(mean, low, high, n, {"top2": 100 * top, "score": 1 - normalised if reverse else normalised},
                  effective_n=n_eff)


def format_p(p_value: float) -> str:
    """'p < 0.001', 'p = 0.004', 'p = 0.41'; three decimals near 0.05, so 0.0503 is not shown as 0.05."""
    if p_value < 0.001:
        return "p < 0.001"
    return f"p = {p_value:.3f}" if p_value < 0.01 or 0.04 <= p_value < 0.06 else f"p = {p_value:.2f}"
