"""Headline metrics (NPS, CSAT, CES, satisfied share) with n and a 95% interval.

Definitions follow the design notes: NPS = %promoters (9-10) - %detractors (0-6) with the
multinomial variance; CSAT = share in the top two boxes of its scale (Wilson interval) plus
the mean; CES = mean effort on its scale (t interval) plus the share in the "easy" boxes.
Every function takes the valid numeric scores only (NaN is dropped) and returns a
:class:`Metric`; with no scores the value and interval are None.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

Z95 = 1.959963984540054
SMALL_SAMPLE = 30


@dataclass
class Metric:
    """A headline number with its 95% interval and sample size."""

    value: float | None
    low: float | None
    high: float | None
    n: int
    extra: dict = field(default_factory=dict)

    @property
    def small_sample(self) -> bool:
        """True when n < 30: the number is shown but flagged as unreliable."""
        return self.n < SMALL_SAMPLE

    def to_dict(self) -> dict:
        """Plain dict for JSON: value, low, high, n, small_sample and any extra figures."""
        data = asdict(self)
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


def _valid(values) -> np.ndarray:
    """The non-missing values as a float array."""
    array = np.asarray(values, dtype=float)
    return array[~np.isnan(array)]


def _between(values: np.ndarray, low: float, high: float) -> np.ndarray:
    return (values >= low) & (values <= high)


def _empty(n: int = 0) -> Metric:
    return Metric(None, None, None, n)


def nps(scores: pd.Series) -> Metric:
    """Net Promoter Score from 0-10 answers, -100..100, with the multinomial interval."""
    scores = _valid(scores)
    n = len(scores)
    if n == 0:
        return _empty()
    promoters = float((scores >= 9).mean())
    detractors = float((scores <= 6).mean())
    value = 100 * (promoters - detractors)
    variance = (promoters + detractors - (promoters - detractors) ** 2) / n
    half = 100 * Z95 * math.sqrt(max(variance, 0.0))
    return Metric(value, max(-100.0, value - half), min(100.0, value + half), n,
                  {"promoters": 100 * promoters, "passives": 100 * (1 - promoters - detractors),
                   "detractors": 100 * detractors})


def top_boxes(scale_min: float, scale_max: float, reverse: bool = False, boxes: int = 2) -> tuple[float, float]:
    """The score range of the best ``boxes`` answers of a scale (the lowest when reversed)."""
    if reverse:
        return (scale_min, scale_min + boxes - 1)
    return (scale_max - boxes + 1, scale_max)


def csat(scores: pd.Series, scale_min: float = 1, scale_max: float = 5) -> Metric:
    """CSAT: % of answers in the top two boxes of the scale (Wilson interval), plus the mean."""
    scores = _valid(scores)
    n = len(scores)
    if n == 0:
        return _empty()
    low_box, high_box = top_boxes(scale_min, scale_max)
    satisfied = int(_between(scores, low_box, high_box).sum())
    low, high = wilson(satisfied, n)
    return Metric(100 * satisfied / n, 100 * low, 100 * high, n,
                  {"mean": float(scores.mean()), "scale_min": scale_min, "scale_max": scale_max})


def ces(scores: pd.Series, scale_min: float = 1, scale_max: float = 7, reverse: bool = False) -> Metric:
    """CES: mean effort score on its scale (t interval) plus % "easy" (top boxes after direction).

    ``reverse`` means a higher score is more effort (worse), so the easy boxes are the lowest.
    """
    result = rating(scores, scale_min, scale_max, reverse)
    if result.n:
        result.extra = {"share_easy": result.extra["top2"], "scale_min": scale_min,
                        "scale_max": scale_max, "higher_is_better": not reverse}
    return result


def share(flags: pd.Series) -> Metric:
    """% of True among non-missing flags (e.g. satisfied, converted), with a Wilson interval."""
    flags = pd.Series(flags).dropna().astype(bool)
    n = len(flags)
    if n == 0:
        return _empty()
    hits = int(flags.sum())
    low, high = wilson(hits, n)
    return Metric(100 * hits / n, 100 * low, 100 * high, n)


def rating(scores: pd.Series, scale_min: float, scale_max: float, reverse: bool = False) -> Metric:
    """A touchpoint rating: mean with t interval, plus % top-two-box and the 0-1 normalised mean."""
    scores = _valid(scores)
    n = len(scores)
    if n == 0:
        return _empty()
    mean, low, high = mean_interval(scores)
    low_box, high_box = top_boxes(scale_min, scale_max, reverse)
    normalised = (mean - scale_min) / (scale_max - scale_min) if scale_max > scale_min else np.nan
    return Metric(mean, low, high, n, {"top2": 100 * float(_between(scores, low_box, high_box).mean()),
                                       "score": 1 - normalised if reverse else normalised})
