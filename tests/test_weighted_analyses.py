"""Weights beyond the headline metrics: the journey map's stage pooling, key drivers (weighted least squares),
Compare's two-group tests at the effective n, trends, the segment heatmap and the persona cards, each against
a hand computation or statsmodels."""
from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

from analysis import metrics
from analysis.compare import compare_groups
from analysis.drivers import key_drivers
from analysis.journey import journey_map, touchpoint_summary
from analysis.metric_registry import headline_metrics
from analysis.personas.cards import describe
from analysis.significance import proportion_test, weighted_test, welch_test
from analysis.trends import metric_trend, segment_heatmap
from analysis.weighting import Target, rake

AIRLINE = "airline_passenger_satisfaction_sample.csv"


@pytest.fixture(scope="module")
def airline(shared_data, prepared_file):
    """The airline survey prepared as the app does, and raked weights (genders even, classes 40/45/15%)."""
    prepared = prepared_file(shared_data / AIRLINE)
    weights = rake(prepared.responses, [Target("Gender", {"Female": 0.5, "Male": 0.5}),
                                        Target("Class", {"Business": 0.4, "Eco": 0.45, "Eco Plus": 0.15})])
    return prepared, weights.values


# The journey map ---------------------------------------------------------------------------------------------

def test_weighted_stage_pools_every_rating_by_its_weight():
    scores = pd.DataFrame({"Seat": [4.0, 5.0, None, 3.0, 1.0], "Food": [2.0, None, None, 3.0, 5.0],
                           "Wifi": [None] * 5})
    mapping = pd.DataFrame({"column": list(scores), "role": "touchpoint", "scale_min": 1.0, "scale_max": 5.0,
                            "reverse": False, "zero_is_na": False})
    weights = pd.Series([2.0, 1.0, 3.0, 0.5, np.nan])  # the last respondent has no weight: left out
    summary = touchpoint_summary(scores, mapping, weights=weights)
    stage = journey_map(summary, scores, weights).set_index("stage").loc["experience"]
    # by hand: every (respondent, rating) pair of the stage with its respondent's weight
    pairs = [(2.0, 4.0), (2.0, 2.0), (1.0, 5.0), (0.5, 3.0), (0.5, 3.0)]
    total = sum(w for w, _ in pairs)
    assert stage["score"] == pytest.approx(sum(w * (r - 1) / 4 for w, r in pairs) / total)
    assert stage["top2"] == pytest.approx(100 * sum(w for w, r in pairs if r >= 4) / total)
    assert stage["bottom2"] == pytest.approx(100 * sum(w for w, r in pairs if r <= 2) / total)
    assert (stage["n"], stage["ratings"]) == (3, 5)  # answers with a weight
    respondents = np.array([2.0, 1.0, 0.5])  # those who rated the stage and have a weight
    assert stage["effective_n"] == pytest.approx(respondents.sum() ** 2 / (respondents ** 2).sum())
    unweighted = journey_map(touchpoint_summary(scores, mapping), scores)
    assert "effective_n" not in unweighted.columns
    assert unweighted.set_index("stage").loc["experience", "score"] != pytest.approx(stage["score"])


def test_equal_weights_give_the_unweighted_journey_map(airline):
    prepared, _ = airline
    ones = pd.Series(1.0, index=prepared.scores.index)
    plain = journey_map(touchpoint_summary(prepared.scores, prepared.mapping), prepared.scores)
    weighted = journey_map(touchpoint_summary(prepared.scores, prepared.mapping, weights=ones), prepared.scores, ones)
    pd.testing.assert_frame_equal(plain, weighted.drop(columns="effective_n"))
    assert (weighted["effective_n"] == weighted["n"]).all()


def test_airline_weighted_stage_matches_pandas(airline):
    prepared, weights = airline
    summary = touchpoint_summary(prepared.scores, prepared.mapping, weights=weights)
    stage = journey_map(summary, prepared.scores, weights).set_index("stage").loc["experience"]
    columns = summary.loc[summary["stage"] == "experience", "touchpoint"].tolist()
    long = prepared.scores[columns].stack().dropna().rename("rating").reset_index(level=1, drop=True).to_frame()
    long["w"] = weights.reindex(long.index).to_numpy()
    assert stage["score"] == pytest.approx(float(np.average((long["rating"] - 1) / 4, weights=long["w"])))


# Key drivers -------------------------------------------------------------------------------------------------

def test_weighted_key_drivers_match_statsmodels_wls(airline):
    prepared, weights = airline
    table = key_drivers(prepared, weights=weights)
    outcome = table.attrs["outcome"]
    predictors = table["touchpoint"].tolist()
    y = prepared.responses[outcome].map({True: 1.0, False: 0.0}).astype(float)
    x = prepared.scores[predictors].astype(float)
    complete = y.notna() & x.notna().all(axis=1) & weights.notna()
    w = weights[complete].to_numpy()

    def standardised(values: np.ndarray) -> np.ndarray:
        mean = np.average(values, axis=0, weights=w)
        return (values - mean) / np.sqrt(np.average((values - mean) ** 2, axis=0, weights=w))

    model = sm.WLS(standardised(y[complete].to_numpy()), sm.add_constant(standardised(x[complete].to_numpy())),
                   weights=w).fit()
    found = table.set_index("touchpoint").loc[predictors]
    assert found["beta"].to_numpy() == pytest.approx(model.params[1:], abs=1e-9)
    assert found["p_value"].to_numpy() == pytest.approx(np.maximum(model.pvalues[1:], math.ulp(0.0)), rel=1e-6)
    assert table.attrs["r2"] == pytest.approx(model.rsquared, abs=1e-9)
    assert table["importance"].sum() == pytest.approx(model.rsquared, abs=1e-9)
    assert table.attrs["effective_n"] == pytest.approx(metrics.effective_n(w))
    seat = prepared.scores["Seat comfort"]
    rated = seat.notna() & weights.notna()
    assert found.loc["Seat comfort", "performance"] == pytest.approx(
        (np.average(seat[rated], weights=weights[rated]) - 1) / 4)
    assert table.attrs["r2"] != pytest.approx(key_drivers(prepared).attrs["r2"], abs=1e-6)


# Compare: two groups at their effective n ----------------------------------------------------------------------

def _kish(w: np.ndarray) -> float:
    return w.sum() ** 2 / (w ** 2).sum()


def test_weighted_share_test_is_the_pooled_z_at_effective_n():
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, 2, 80).astype(float), rng.integers(0, 2, 60).astype(float)
    wa, wb = rng.uniform(0.3, 3, 80), rng.uniform(0.3, 3, 60)
    found = weighted_test("share", a, wa, b, wb)
    n_a, n_b = _kish(wa), _kish(wb)
    p_a, p_b = np.average(a, weights=wa), np.average(b, weights=wb)
    pooled = (p_a * n_a + p_b * n_b) / (n_a + n_b)
    z = (p_a - p_b) / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    assert found["statistic"] == pytest.approx(z)
    assert found["p_value"] == pytest.approx(2 * stats.norm.sf(abs(z)))
    assert (found["value_a"], found["value_b"]) == pytest.approx((100 * p_a, 100 * p_b))
    assert (found["n_a"], found["n_b"]) == (80, 60)
    assert (found["effective_n_a"], found["effective_n_b"]) == pytest.approx((n_a, n_b))
    assert n_a < 80 and n_b < 60


def test_weighted_mean_test_is_welch_at_effective_n():
    rng = np.random.default_rng(4)
    a, b = rng.integers(1, 6, 50).astype(float), rng.integers(1, 6, 12).astype(float)  # a tiny group too
    wa, wb = rng.uniform(0.5, 2, 50), rng.uniform(0.5, 4, 12)
    found = weighted_test("scale", a, wa, b, wb)
    moments = []
    for values, w in ((a, wa), (b, wb)):
        n, mean = _kish(w), np.average(values, weights=w)
        moments.append((n, mean, np.average((values - mean) ** 2, weights=w) * n / (n - 1)))
    (n_a, m_a, v_a), (n_b, m_b, v_b) = moments
    se2 = v_a / n_a + v_b / n_b
    t = (m_a - m_b) / math.sqrt(se2)
    df = se2 ** 2 / ((v_a / n_a) ** 2 / (n_a - 1) + (v_b / n_b) ** 2 / (n_b - 1))
    assert found["statistic"] == pytest.approx(t)
    assert found["p_value"] == pytest.approx(2 * stats.t.sf(abs(t), df))
    assert found["high"] - found["difference"] == pytest.approx(stats.t.ppf(0.975, df) * math.sqrt(se2))


def test_weighted_nps_test_uses_weighted_shares_at_effective_n():
    rng = np.random.default_rng(5)
    a, b = rng.integers(0, 11, 120).astype(float), rng.integers(0, 11, 90).astype(float)
    wa, wb = rng.uniform(0.2, 2.5, 120), rng.uniform(0.2, 2.5, 90)
    found = weighted_test("nps", a, wa, b, wb)
    centres, variances = [], []
    for values, w in ((a, wa), (b, wb)):
        n = _kish(w)
        promoters, detractors = np.average(values >= 9, weights=w) * n, np.average(values <= 6, weights=w) * n
        plus, minus = (promoters + 0.75) / (n + 3), (detractors + 0.75) / (n + 3)
        centres.append(plus - minus)
        variances.append((plus + minus - (plus - minus) ** 2) / (n + 3))
    z = (centres[0] - centres[1]) / math.sqrt(sum(variances))
    assert found["statistic"] == pytest.approx(z)
    assert found["difference"] == pytest.approx(100 * (centres[0] - centres[1]))
    nps_a = 100 * (np.average(a >= 9, weights=wa) - np.average(a <= 6, weights=wa))
    assert found["value_a"] == pytest.approx(nps_a)


def test_equal_weights_give_the_unweighted_tests():
    rng = np.random.default_rng(6)
    a, b = rng.integers(0, 2, 40).astype(float), rng.integers(0, 2, 45).astype(float)
    same = weighted_test("share", a, np.full(40, 2.0), b, np.full(45, 2.0))
    plain = proportion_test(a, b)
    for key in ("value_a", "value_b", "statistic", "p_value", "low", "high", "effect_size"):
        assert same[key] == pytest.approx(plain[key])
    c, d = rng.normal(3, 1, 30), rng.normal(3, 1, 5)
    same, plain = weighted_test("scale", c, np.ones(30), d, np.ones(5)), welch_test(c, d)
    for key in ("statistic", "p_value", "low", "high", "effect_size"):
        assert same[key] == pytest.approx(plain[key])


def test_weighted_compare_on_the_airline_survey(airline):
    prepared, weights = airline
    table = compare_groups(prepared, "Type of Travel", weights=weights).set_index("metric")
    business = prepared.responses["Type of Travel"].eq("Business travel")
    personal = prepared.responses["Type of Travel"].eq("Personal Travel")
    flags = prepared.responses["satisfaction"].map({True: 1.0, False: 0.0}).astype(float)
    row = table.loc["satisfied"]
    for group, value, effective in ((business, row["value_a"], row["effective_n_a"]),
                                    (personal, row["value_b"], row["effective_n_b"])):
        known = group & flags.notna() & weights.notna()
        assert value == pytest.approx(100 * np.average(flags[known], weights=weights[known]))
        assert effective == pytest.approx(_kish(weights[known].to_numpy()))
    assert table.attrs["weighted"] is True
    assert "effective_n_a" not in compare_groups(prepared, "Type of Travel").columns


# Trends, heatmap, persona cards ---------------------------------------------------------------------------

def test_weighted_trend_per_period_is_the_weighted_headline_of_its_rows(airline):
    prepared, weights = airline
    shifted = prepared.responses.assign(
        submitted_at=pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(prepared.rows_used) % 90, unit="D"))
    dated = dataclasses.replace(prepared, responses=shifted)
    table = metric_trend(dated, "month", weights)
    assert "effective_n" in table.columns
    january = shifted["submitted_at"].dt.month.eq(1)
    expected = headline_metrics(_subset(dated, january), weights)["satisfied"]
    row = table[(table["metric"] == "satisfied") & (table["period"] == pd.Timestamp("2024-01-01"))].iloc[0]
    assert row["value"] == pytest.approx(expected.value)
    assert row["effective_n"] == pytest.approx(expected.effective_n)


def _subset(prepared, mask):
    from analysis.personas.cards import subset

    return subset(prepared, prepared.responses.index[mask])


def test_weighted_heatmap_means_are_weighted_per_segment(airline):
    prepared, weights = airline
    table = segment_heatmap(prepared, "Class", weights).set_index(["segment", "touchpoint"])
    eco = prepared.responses["Class"].eq("Eco") & prepared.scores["Seat comfort"].notna()
    assert table.loc[("Eco", "Seat comfort"), "mean"] == pytest.approx(
        np.average(prepared.scores.loc[eco, "Seat comfort"], weights=weights[eco]))
    assert table.loc[("Eco", "Seat comfort"), "n"] == int(eco.sum())


def test_persona_cards_carry_weighted_metrics(airline):
    prepared, weights = airline
    frame = prepared.responses
    labels = (frame["Class"] == "Business").to_numpy(dtype=int)
    cards = describe(prepared, frame, labels, ["Seat comfort"], [], weights=weights)
    members = frame.index[labels == 1]
    expected = headline_metrics(_subset(prepared, frame.index.isin(members)), weights)
    assert cards[1].metrics["satisfied"]["value"] == pytest.approx(expected["satisfied"].value)
    assert cards[1].metrics["satisfied"]["effective_n"] == pytest.approx(expected["satisfied"].effective_n)
