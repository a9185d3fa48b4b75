"""Headline metrics against hand-computed answers."""
import math

import numpy as np
import pandas as pd
import pytest

from analysis import metrics


def test_nps_counts_promoters_minus_detractors_with_multinomial_interval():
    scores = pd.Series([10] * 7 + [5] * 3)
    result = metrics.nps(scores)
    assert result.value == pytest.approx(40.0)
    half = 100 * 1.959964 * math.sqrt((0.7 + 0.3 - 0.4**2) / 10)
    assert result.low == pytest.approx(40 - half, abs=1e-3)
    assert result.high == pytest.approx(min(100, 40 + half), abs=1e-3)
    assert result.n == 10 and result.small_sample


def test_nps_boundaries_and_missing_values():
    result = metrics.nps(pd.Series([9, 10, 7, 8, 6, 0, np.nan]))
    assert result.n == 6
    assert result.value == pytest.approx(0.0)
    assert result.extra["passives"] == pytest.approx(100 * 2 / 6)
    assert metrics.nps(pd.Series([], dtype=float)).value is None


def test_wilson_matches_published_interval():
    low, high = metrics.wilson(2, 5)
    assert (round(low, 4), round(high, 4)) == (0.1176, 0.7693)
    assert metrics.wilson(0, 10)[0] == 0.0


def test_csat_is_scale_aware_top_two_box():
    five = metrics.csat(pd.Series([5, 4, 3, 2, 1]), 1, 5)
    assert five.value == pytest.approx(40.0)
    assert five.extra["mean"] == pytest.approx(3.0)
    seven = metrics.csat(pd.Series([7, 6, 5, 5]), 1, 7)
    assert seven.value == pytest.approx(50.0)
    ten = metrics.csat(pd.Series([10, 9, 8]), 0, 10)
    assert ten.value == pytest.approx(100 * 2 / 3)


def test_ces_direction_decides_which_boxes_are_easy():
    scores = pd.Series([1, 2, 6, 7, 7])
    easy_high = metrics.ces(scores, 1, 7, reverse=False)
    effort_high = metrics.ces(scores, 1, 7, reverse=True)
    assert easy_high.value == effort_high.value == pytest.approx(4.6)
    assert easy_high.extra["share_easy"] == pytest.approx(60.0)
    assert effort_high.extra["share_easy"] == pytest.approx(40.0)
    sd = scores.std(ddof=1)
    assert easy_high.high - easy_high.value == pytest.approx(2.776445 * sd / math.sqrt(5), rel=1e-5)


def test_share_and_rating():
    result = metrics.share(pd.Series([True, False, True, None]))
    assert result.value == pytest.approx(100 * 2 / 3) and result.n == 3
    rating = metrics.rating(pd.Series([1, 5, 5, np.nan]), 1, 5)
    assert rating.value == pytest.approx(11 / 3)
    assert rating.extra["top2"] == pytest.approx(100 * 2 / 3)
    assert rating.extra["score"] == pytest.approx((11 / 3 - 1) / 4)


def test_metric_to_dict_rounds_and_flags_small_samples():
    data = metrics.nps(pd.Series([10, 0, 9])).to_dict()
    assert set(data) >= {"value", "low", "high", "n", "small_sample"}
    assert data["small_sample"] is True and data["n"] == 3
