"""Survey weights: raking against a hand-written IPF and the closed form of post-stratification, trimming,
every error, a weight column from the file, and every weighted metric against statsmodels and hand formulas."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

from analysis import metrics
from analysis.errors import InputError
from analysis.funnel import conversion_rate
from analysis.io import load_export
from analysis.journey import touchpoint_summary
from analysis.metric_registry import answers_of, headline_metrics
from analysis.metrics import Z95
from analysis.prepare import prepare
from analysis.schema import detect_roles
from analysis.weighting import Target, column_weights, parse_target, parse_trim, rake
from tests.tables import prepared_from

AIRLINE = "airline_passenger_satisfaction_sample.csv"
GENDER = Target("Gender", {"Female": 0.5, "Male": 0.5})
CLASS = Target("Class", {"Business": 0.4, "Eco": 0.45, "Eco Plus": 0.15})
LOYALTY = Target("Customer Type", {"Loyal Customer": 0.7, "disloyal Customer": 0.3})


@pytest.fixture(scope="module")
def airline(shared_data):
    return load_export(shared_data / AIRLINE)


def hand_ipf(frame: pd.DataFrame, targets: dict[str, dict[str, float]], passes: int = 500) -> np.ndarray:
    """Textbook raking, written apart from the library: per pass, each column's categories scaled to their target
    totals (share x n) by pandas group sums, until nothing moves."""
    weights = pd.Series(1.0, index=frame.index)
    for _ in range(passes):
        before = weights.copy()
        for column, shares in targets.items():
            sums = weights.groupby(frame[column]).sum()
            weights = weights * frame[column].map({key: shares[key] * len(frame) / sums[key] for key in shares})
        if (weights - before).abs().max() < 1e-13:
            break
    return weights.to_numpy()


def weighted_shares(frame: pd.DataFrame, column: str, weights) -> pd.Series:
    weights = pd.Series(np.asarray(weights), index=frame.index)
    return weights.groupby(frame[column]).sum() / weights.sum()


def raises(code: str, call, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    assert caught.value.message.code == code, caught.value
    return caught.value


# Raking --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("targets", [[GENDER, CLASS], [GENDER, CLASS, LOYALTY]], ids=["two", "three"])
def test_raking_a_real_survey_matches_a_hand_written_ipf(airline, targets):
    frame = airline.frame
    weights = rake(frame, targets)
    expected = hand_ipf(frame, {target.column: target.shares for target in targets})
    np.testing.assert_allclose(weights.values.to_numpy(), expected, atol=1e-6)
    for target in targets:
        shares = weighted_shares(frame, target.column, weights.values)
        for category, share in target.shares.items():
            assert shares[category] == pytest.approx(share, abs=1e-6)
            assert weights.margins[target.column][category]["after"] == pytest.approx(share, abs=1e-8)
            assert weights.margins[target.column][category]["before"] == pytest.approx(
                (frame[target.column] == category).mean(), abs=1e-12)
    assert weights.converged and weights.targets_met and weights.iterations >= 2
    assert weights.values.sum() == pytest.approx(len(frame))
    assert weights.values.index.equals(frame.index)


def test_one_column_is_post_stratification_in_closed_form(airline):
    frame = airline.frame
    weights = rake(frame, [CLASS]).values
    counts = frame["Class"].value_counts()
    closed = frame["Class"].map({key: share * len(frame) / counts[key] for key, share in CLASS.shares.items()})
    np.testing.assert_allclose(weights.to_numpy(), closed.to_numpy(), rtol=1e-12)
    assert rake(frame, [CLASS]).iterations == 1


def test_diagnostics_follow_kish(airline):
    weights = rake(airline.frame, [GENDER, CLASS])
    w = weights.values.to_numpy()
    n_eff = w.sum() ** 2 / (w ** 2).sum()
    assert weights.effective_n == pytest.approx(n_eff, rel=1e-12)
    assert weights.efficiency == pytest.approx(n_eff / len(w), rel=1e-12)
    assert weights.design_effect == pytest.approx(len(w) / n_eff, rel=1e-12)
    # Kish's deff from the weights' coefficient of variation: 1 + CV² (population variance)
    assert weights.design_effect == pytest.approx(1 + w.var() / w.mean() ** 2, rel=1e-12)
    figures = weights.to_dict()
    assert figures["min_weight"] == pytest.approx(w.min(), abs=1e-6)
    assert figures["max_weight"] == pytest.approx(w.max(), abs=1e-6)
    assert set(figures) >= {"effective_n", "design_effect", "efficiency", "min_weight", "max_weight", "iterations",
                            "converged", "margins"}


def test_targets_equal_to_the_sample_give_weights_of_one(airline):
    frame = airline.frame
    shares = frame["Class"].value_counts(normalize=True).to_dict()
    weights = rake(frame, [Target("Class", shares)])
    np.testing.assert_allclose(weights.values.to_numpy(), 1.0, rtol=1e-12)
    assert weights.effective_n == pytest.approx(len(frame))
    assert weights.design_effect == pytest.approx(1.0)


def test_shares_as_percentages_and_rounded_census_margins():
    frame = pd.DataFrame({"region": ["N", "S", "E"] * 10})
    weights = rake(frame, [parse_target("region=N:33%,S:33%,E:33%")])
    np.testing.assert_allclose(weighted_shares(frame, "region", weights.values).to_numpy(), 1 / 3, atol=1e-9)
    assert weights.margins["region"]["N"]["target"] == pytest.approx(1 / 3)


def test_numeric_categories_match_as_written():
    frame = pd.DataFrame({"region": [1.0, 2.0, 2.0, np.nan, 1.0, 2.0]})
    weights = rake(frame, [parse_target("region=1:0.5,2:0.5")])
    assert weights.missing == {"region": 1}
    assert weighted_shares(frame.dropna(), "region", weights.values.dropna().drop(index=3, errors="ignore")
                           ).to_dict() == pytest.approx({1.0: 0.5, 2.0: 0.5})


def test_numeric_bands_match_a_hand_banding(airline):
    frame = airline.frame
    target = parse_target("Age=..30:0.3,30..50:0.4,50..:0.3")
    weights = rake(frame, [GENDER, target])
    banded = pd.cut(frame["Age"], [-np.inf, 30, 50, np.inf], right=False, labels=["..30", "30..50", "50.."])
    expected = hand_ipf(frame.assign(Age=banded.astype(str)), {"Gender": GENDER.shares, "Age": target.shares})
    np.testing.assert_allclose(weights.values.to_numpy(), expected, atol=1e-6)
    assert {category: row["n"] for category, row in weights.margins["Age"].items()} == \
        banded.value_counts().to_dict()


def test_bands_from_edges():
    target = Target.from_edges("age", [-math.inf, 18, 35.5, math.inf], [0.2, 0.5, 0.3])
    assert target.shares == {"..18": 0.2, "18..35.5": 0.5, "35.5..": 0.3}
    frame = pd.DataFrame({"age": [10, 18, 35.4, 35.5, 70, 20]})
    weights = rake(frame, [target])
    assert [row["n"] for row in weights.margins["age"].values()] == [1, 3, 2]


def test_missing_values_keep_their_weight_on_that_column():
    """A row without a gender is raked on age only; the gender margin is met among those who gave one."""
    frame = pd.DataFrame({"gender": ["f", "f", "f", "m", None, "m", "f", None],
                          "age": ["y", "o", "y", "o", "y", "o", "o", "y"]})
    weights = rake(frame, [Target("gender", {"f": 0.5, "m": 0.5}), Target("age", {"y": 0.5, "o": 0.5})])
    known = frame["gender"].notna()
    assert weighted_shares(frame[known], "gender", weights.values[known]).to_dict() == \
        pytest.approx({"f": 0.5, "m": 0.5}, abs=1e-8)
    assert weighted_shares(frame, "age", weights.values).to_dict() == pytest.approx({"y": 0.5, "o": 0.5}, abs=1e-8)
    assert weights.missing == {"gender": 2, "age": 0}
    assert weights.values.notna().all()
    # the independent IPF, with gender's step over the rows that have one
    w = pd.Series(1.0, index=frame.index)
    for _ in range(500):
        part = w[known].groupby(frame["gender"][known]).sum()
        w[known] = w[known] * frame["gender"][known].map(0.5 * part.sum() / part)
        part = w.groupby(frame["age"]).sum()
        w = w * frame["age"].map(0.5 * part.sum() / part)
    np.testing.assert_allclose(weights.values.to_numpy(), w.to_numpy(), atol=1e-9)


def test_tiny_sample():
    frame = pd.DataFrame({"sex": ["f", "m"]})
    weights = rake(frame, [Target("sex", {"f": 0.8, "m": 0.2})])
    np.testing.assert_allclose(weights.values.to_numpy(), [1.6, 0.4])
    assert weights.effective_n == pytest.approx(4 / (1.6 ** 2 + 0.4 ** 2))


# Trimming ------------------------------------------------------------------------------------------------------

def test_trimming_holds_the_bounds_and_says_when_targets_are_missed(airline):
    frame = airline.frame
    plain = rake(frame, [GENDER, CLASS])
    trimmed = rake(frame, [GENDER, CLASS], trim=(0.9, 1.8))
    w = trimmed.values.to_numpy()
    assert plain.values.max() > 1.8
    assert w.min() >= 0.9 - 1e-9 and w.max() <= 1.8 + 1e-9
    assert w.mean() == pytest.approx(1.0)
    assert not trimmed.targets_met and trimmed.max_margin_error > 1e-4
    share = weighted_shares(frame, "Class", w)["Eco Plus"]
    assert abs(share - 0.15) == pytest.approx(abs(trimmed.margins["Class"]["Eco Plus"]["after"] - 0.15), abs=1e-12)
    assert [note.code for note in trimmed.notes] == ["note.weight.trim_misses_targets"]
    assert trimmed.effective_n > plain.effective_n  # trimming buys precision with bias


def test_trimming_that_does_not_bind_changes_nothing(airline):
    plain = rake(airline.frame, [GENDER, CLASS])
    loose = rake(airline.frame, [GENDER, CLASS], trim=(0.1, 10))
    np.testing.assert_allclose(loose.values.to_numpy(), plain.values.to_numpy(), atol=1e-9)
    assert loose.targets_met and loose.notes == ()


# Errors --------------------------------------------------------------------------------------------------------

def test_targets_that_cannot_be_met_together_do_not_converge():
    """Every 'a' is an 'x': the two columns split the same respondents, given different shares."""
    frame = pd.DataFrame({"first": ["a"] * 6 + ["b"] * 4, "second": ["x"] * 6 + ["y"] * 4})
    err = raises("error.weight.no_convergence", rake, frame,
                 [Target("first", {"a": 0.5, "b": 0.5}), Target("second", {"x": 0.3, "y": 0.7})], max_iterations=50)
    assert "50" in err.text() and "percentage points" in err.text()


def test_every_input_error_is_a_clear_code(airline):
    frame = airline.frame
    raises("error.weight.column_not_found", rake, frame, [Target("gender", {"Female": 0.5, "Male": 0.5})])
    err = raises("error.weight.shares_sum", rake, frame, [Target("Gender", {"Female": 0.6, "Male": 0.5})])
    assert "1.1" in err.text()
    err = raises("error.weight.unlisted_category", rake, frame, [Target("Class", {"Business": 0.5, "Eco": 0.5})])
    assert "325" in err.text() and "'Eco Plus'" in err.text()
    assert f"row {frame.index[frame['Class'] == 'Eco Plus'][0]}" in err.text()
    err = raises("error.weight.empty_category", rake, frame,
                 [Target("Gender", {"Female": 0.5, "Male": 0.4, "Other": 0.1})])
    assert "'Other'" in err.text()
    err = raises("error.weight.share_not_positive", rake, frame,
                 [Target("Gender", {"Female": 1.0, "Male": 0.0})])
    assert "'Male'" in err.text()
    raises("error.weight.share_not_positive", rake, frame, [Target("Gender", {"Female": 1.2, "Male": -0.2})])
    raises("error.weight.duplicate_target", rake, frame, [GENDER, GENDER])
    raises("error.weight.no_targets", rake, frame, [])
    for trim in [(1.2, 3), (0.5, 0.9), (-1, 2)]:
        raises("error.weight.trim", rake, frame, [GENDER], trim=trim)
    raises("error.weight.band_syntax", rake, frame, [Target("Age", {"..30": 0.5, "old": 0.5})])
    raises("error.weight.band_syntax", rake, frame, [Target("Age", {"..30": 0.5, "50..30": 0.5})])
    raises("error.weight.bands_overlap", rake, frame, [Target("Age", {"..40": 0.5, "30..": 0.5})])
    err = raises("error.weight.unlisted_category", rake, frame, [Target("Age", {"..30": 0.5, "40..": 0.5})])
    assert f"{((frame['Age'] >= 30) & (frame['Age'] < 40)).sum():,} rows" in err.text()
    raises("error.weight.edges", Target.from_edges, "Age", [0, 30, 60], [1.0])


@pytest.mark.parametrize("given, code", [
    ("Gender", "error.weight.target_syntax"),
    ("=Female:0.5", "error.weight.target_syntax"),
    ("Gender=Female", "error.weight.target_syntax"),
    ("Gender=Female:half,Male:0.5", "error.weight.share_not_number"),
    ("Gender=Female:0.5,Female:0.5", "error.weight.duplicate_category"),
])
def test_targets_as_typed(given, code):
    raises(code, parse_target, given)


def test_parsing_targets_and_trim():
    assert parse_target(" Type of Travel = Business travel:0.6, Personal Travel:40% ") == \
        Target("Type of Travel", {"Business travel": 0.6, "Personal Travel": 0.4})
    assert parse_target("time=09:00:0.5,10:00:0.5").shares == {"09:00": 0.5, "10:00": 0.5}
    assert parse_trim("0.3,3") == (0.3, 3.0)
    for given in ("3", "a,b", "1,2,3"):
        raises("error.weight.trim", parse_trim, given)


def test_errors_read_in_chinese(airline):
    err = raises("error.weight.shares_sum", rake, airline.frame, [Target("Gender", {"Female": 0.6, "Male": 0.5})])
    assert "“Gender”" in err.text("zh") and "1.1" in err.text("zh")


# A weight column from the file ---------------------------------------------------------------------------------

def test_a_weight_column_is_checked_and_its_bad_rows_counted():
    frame = pd.DataFrame({"w": [1.5, "", "abc", "inf", -2, 0, 0.5, None, 2]}, index=range(2, 11))
    weights = column_weights(frame, "w")
    assert weights.excluded == {"weight_missing": 2, "weight_not_number": 1, "weight_not_finite": 1,
                                "weight_not_positive": 2}
    assert weights.values.dropna().to_dict() == {2: 1.5, 8: 0.5, 10: 2.0}
    assert weights.source == "w" and weights.effective_n == pytest.approx(16 / 6.5)
    raises("error.weight.column_not_found", column_weights, frame, "W")
    raises("error.weight.no_valid_weights", column_weights, pd.DataFrame({"w": ["x", 0, None]}), "w")


# Weighted metrics ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample():
    rng = np.random.default_rng(22)
    n = 300
    return rng.integers(1, 8, n).astype(float), rng.gamma(2.0, 0.5, n), rng.integers(0, 11, n).astype(float)


def test_effective_n_is_kish():
    w = np.array([1.0, 2.0, 3.0, 0.5])
    assert metrics.effective_n(w) == pytest.approx(6.5 ** 2 / 14.25)
    assert metrics.effective_n(np.full(7, 3.3)) == pytest.approx(7)


def test_weighted_mean_and_interval_match_statsmodels(sample):
    scores, weights, _ = sample
    n_eff = weights.sum() ** 2 / (weights ** 2).sum()
    reference = DescrStatsW(scores, weights=weights * n_eff / weights.sum())  # weights summing to n_eff
    result = metrics.rating(pd.Series(scores), 1, 7, weights=weights)
    assert result.value == pytest.approx(reference.mean, rel=1e-12)
    low, high = reference.tconfint_mean()
    assert (result.low, result.high) == pytest.approx((low, high), rel=1e-12)
    assert result.effective_n == pytest.approx(n_eff)
    assert result.n == len(scores)
    # the standard error is the weighted (population) variance over n_eff - 1
    plain = DescrStatsW(scores, weights=weights)
    assert (result.high - result.low) / 2 == pytest.approx(
        reference.tconfint_mean()[1] - reference.mean, rel=1e-12)
    assert plain.var == pytest.approx(reference.var, rel=1e-12)
    ces = metrics.ces(pd.Series(scores), 1, 7, weights=weights)
    assert (ces.value, ces.low, ces.high) == pytest.approx((result.value, result.low, result.high))


def test_weighted_shares_match_wilson_at_effective_n(sample):
    scores, weights, _ = sample
    flags = (scores >= 6).astype(float)
    n_eff = weights.sum() ** 2 / (weights ** 2).sum()
    p = (weights * flags).sum() / weights.sum()
    low, high = proportion_confint(p * n_eff, n_eff, alpha=0.05, method="wilson")
    for result in (metrics.share(pd.Series(flags), weights), metrics.csat(pd.Series(scores), 1, 7, weights=weights),
                   conversion_rate(pd.Series(np.where(flags == 1, "yes", "no")), weights)):
        assert (result.value, result.low, result.high) == pytest.approx((100 * p, 100 * low, 100 * high), rel=1e-12)
        assert result.effective_n == pytest.approx(n_eff)


def test_weighted_nps_by_hand(sample):
    _, weights, scores = sample
    total = weights.sum()
    promoters, detractors = weights[scores >= 9].sum() / total, weights[scores <= 6].sum() / total
    n_eff = total ** 2 / (weights ** 2).sum()
    result = metrics.nps(pd.Series(scores), weights)
    assert result.value == pytest.approx(100 * (promoters - detractors), rel=1e-12)
    # adjusted Wald at the effective n: 3/4 of a respondent added to promoters and detractors, 3 to n
    big_n = n_eff + 3
    p_plus, p_minus = (promoters * n_eff + 0.75) / big_n, (detractors * n_eff + 0.75) / big_n
    centre = p_plus - p_minus
    half = Z95 * math.sqrt((p_plus + p_minus - centre ** 2) / big_n)
    assert (result.low, result.high) == pytest.approx((100 * (centre - half), 100 * (centre + half)), rel=1e-12)
    assert result.extra["promoters"] == pytest.approx(100 * promoters)
    assert result.to_dict()["effective_n"] == pytest.approx(n_eff, abs=1e-4)


def test_equal_weights_give_the_unweighted_results(sample):
    scores, _, nps_scores = sample
    same = np.full(len(scores), 2.5)
    pairs = [(metrics.nps(pd.Series(nps_scores)), metrics.nps(pd.Series(nps_scores), same)),
             (metrics.csat(pd.Series(scores), 1, 7), metrics.csat(pd.Series(scores), 1, 7, weights=same)),
             (metrics.ces(pd.Series(scores), 1, 7, True), metrics.ces(pd.Series(scores), 1, 7, True, same)),
             (metrics.rating(pd.Series(scores), 1, 7), metrics.rating(pd.Series(scores), 1, 7, weights=same)),
             (metrics.share(pd.Series(scores > 4)), metrics.share(pd.Series(scores > 4), same))]
    for plain, weighted in pairs:
        assert (weighted.value, weighted.low, weighted.high) == pytest.approx(
            (plain.value, plain.low, plain.high), rel=1e-12, abs=1e-12)
        assert weighted.n == plain.n and weighted.effective_n == pytest.approx(plain.n, rel=1e-12)
        assert {key: pytest.approx(value) for key, value in plain.extra.items()} == weighted.extra


def test_tiny_and_missing_weighted_samples():
    one = metrics.rating(pd.Series([4.0]), 1, 5, weights=[2.0])
    assert one.value == 4.0 and math.isnan(one.low) and one.small_sample
    two = metrics.rating(pd.Series([2.0, 4.0, np.nan, 5.0]), 1, 5, weights=[1.0, 3.0, 1.0, np.nan])
    assert two.n == 2 and two.value == pytest.approx(3.5) and two.effective_n == pytest.approx(1.6)
    assert metrics.nps(pd.Series([np.nan]), [1.0]).value is None
    assert metrics.share(pd.Series([1.0]), [np.nan]).n == 0


def test_reversed_scales_weight_the_lowest_boxes():
    scores, weights = pd.Series([1.0, 2.0, 5.0, 4.0]), np.array([3.0, 1.0, 1.0, 1.0])
    csat = metrics.csat(scores, 1, 5, reverse=True, weights=weights)
    assert csat.value == pytest.approx(100 * 4 / 6)
    ces = metrics.ces(scores, 1, 5, reverse=True, weights=weights)
    assert ces.extra["share_easy"] == pytest.approx(100 * 4 / 6)
    assert metrics.rating(scores, 1, 5, True, weights).extra["score"] == pytest.approx(1 - ((3 + 2 + 5 + 4) / 6 - 1) / 4)


def test_heavy_weights_flag_a_small_effective_sample():
    weights = np.r_[np.full(40, 0.01), [50.0]]
    result = metrics.share(pd.Series(np.r_[np.zeros(40), [1.0]]), weights)
    assert result.n == 41 and result.effective_n < 30 and result.small_sample


# Through the registry, on a survey -------------------------------------------------------------------------------

ROLES = {"nps": "nps", "csat": "csat", "effort": "ces", "satisfied": "outcome", "bought": "behaviour",
         "seat": "touchpoint", "group": "attribute"}


def test_every_registry_metric_is_weighted():
    rng = np.random.default_rng(5)
    n = 240
    frame = pd.DataFrame({"nps": rng.integers(0, 11, n).astype(float), "csat": rng.integers(1, 6, n).astype(float),
                          "effort": rng.integers(1, 8, n).astype(float),
                          "satisfied": rng.choice(["yes", "no"], n), "bought": rng.choice(["TRUE", "FALSE"], n),
                          "seat": rng.integers(1, 6, n).astype(float), "group": rng.choice(["a", "b", "c"], n)})
    frame.loc[:9, "nps"] = np.nan
    prepared = prepared_from(frame, ROLES, reverse=("effort",))
    raked = rake(prepared.responses, [Target("group", {"a": 0.2, "b": 0.3, "c": 0.5})]).values
    found = headline_metrics(prepared, raked)
    assert list(found) == ["nps", "csat", "ces", "satisfied", "conversion"]
    w = raked.to_numpy()
    expect = {"nps": metrics.nps(frame["nps"], w).value,
              "csat": 100 * (w * (frame["csat"] >= 4)).sum() / w.sum(),
              "ces": (w * frame["effort"]).sum() / w.sum(),
              "satisfied": 100 * (w * (frame["satisfied"] == "yes")).sum() / w.sum(),
              "conversion": 100 * (w * (frame["bought"] == "TRUE")).sum() / w.sum()}
    known = frame["nps"].notna()
    nps_total = w[known].sum()
    expect["nps"] = 100 * (w[known & (frame["nps"] >= 9)].sum() - w[known & (frame["nps"] <= 6)].sum()) / nps_total
    for name, metric in found.items():
        assert metric.value == pytest.approx(expect[name], rel=1e-12), name
        weights_used = w[known] if name == "nps" else w
        assert metric.effective_n == pytest.approx(metrics.effective_n(weights_used)), name
    assert headline_metrics(prepared)["nps"].effective_n is None  # unweighted stays as it was


def test_raked_airline_satisfied_share_and_touchpoint_mean_by_hand(airline):
    prepared = prepare(airline, detect_roles(airline))
    weights = rake(airline.frame.loc[prepared.responses.index], [GENDER, CLASS]).values
    satisfied = headline_metrics(prepared, weights)["satisfied"]
    w = weights.to_numpy()
    hits = (airline.frame["satisfaction"] == "satisfied").to_numpy()
    assert satisfied.value == pytest.approx(100 * (w * hits).sum() / w.sum(), rel=1e-12)
    assert satisfied.effective_n == pytest.approx(w.sum() ** 2 / (w ** 2).sum())
    table = touchpoint_summary(prepared.scores, prepared.mapping, weights=weights).set_index("touchpoint")
    seat = prepared.scores["Seat comfort"]
    known = seat.notna().to_numpy()
    assert table.loc["Seat comfort", "mean"] == pytest.approx((w[known] * seat[known]).sum() / w[known].sum())
    assert table.loc["Seat comfort", "effective_n"] == pytest.approx(metrics.effective_n(w[known]))
    assert "effective_n" not in touchpoint_summary(prepared.scores, prepared.mapping).columns


def test_every_metric_per_period_is_weighted_as_overall():
    """Trends: each period's weighted estimate, interval and effective n equal the overall estimate of its rows."""
    rng = np.random.default_rng(9)
    n = 180
    frame = pd.DataFrame({"nps": rng.integers(0, 11, n).astype(float), "csat": rng.integers(1, 6, n).astype(float),
                          "effort": rng.integers(1, 8, n).astype(float), "satisfied": rng.choice(["yes", "no"], n),
                          "bought": rng.choice(["TRUE", "FALSE"], n), "group": rng.choice(["a", "b"], n)})
    frame.loc[:4, "effort"] = np.nan
    prepared = prepared_from(frame, ROLES, reverse=("effort",))
    weights = pd.Series(rng.gamma(2.0, 0.5, n), index=prepared.responses.index)
    period = pd.Series(np.where(np.arange(n) < 70, "2024-01", "2024-02"), index=prepared.responses.index)

    def by_name(prepared, weights=None):
        return {metric.name: (metric, answers) for metric, answers in answers_of(prepared, weights=weights)}

    plain = by_name(prepared)
    for name, (metric, answers) in by_name(prepared, weights).items():
        table = metric.by_period(answers, period).set_index("period")
        assert "effective_n" in table.columns and "effective_n" not in metric.by_period(plain[name][1], period)
        for month, rows in period.groupby(period).groups.items():
            alone = prepared_from(frame.loc[rows - 2], ROLES, reverse=("effort",))  # prepared_from adds 2 to the index
            part = metric.estimate(by_name(alone, weights)[name][1])
            row = table.loc[month]
            assert (row["value"], row["low"], row["high"]) == pytest.approx(
                (part.value, part.low, part.high), rel=1e-9), (name, month)
            assert row["n"] == part.n and row["effective_n"] == pytest.approx(part.effective_n)
