"""Three or more groups: Welch's ANOVA against statsmodels, Games-Howell against a hand computation with scipy's
studentized range, chi-square against scipy, the Monte Carlo exact p against exact enumeration and scipy, NPS on
its promoter / passive / detractor table, Holm against statsmodels, weights, sentences and edge cases."""
from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.oneway import anova_generic, anova_oneway
from statsmodels.stats.weightstats import DescrStatsW

from analysis import kgroups, studentized_range
from analysis.compare import compare_personas
from analysis.compare_many import compare_many_groups, compare_many_personas, many_records, summary
from analysis.errors import InputError
from analysis.kgroups import chi_square_test, games_howell, group_of, welch_anova
from analysis.significance import nps_counts_test, nps_test
from tests.tables import prepared_from

AIRLINE = "airline_passenger_satisfaction_sample.csv"


def groups_of(samples, nps=False):
    return [group_of(np.asarray(sample, dtype=float), nps=nps) for sample in samples]


@pytest.fixture(scope="module")
def airline(shared_data, prepared_file):
    path = shared_data / AIRLINE
    return pd.read_csv(path), prepared_file(path)


@pytest.fixture(scope="module")
def by_class(airline):
    return compare_many_groups(airline[1], "Class")


# The studentized range ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("k", [2, 3, 5, 12, 30])
def test_studentized_range_matches_scipy(k):
    df = np.array([2, 3.5, 10, 57.3, 400, 5000, 50_000])
    for q in (0.5, 2.0, 3.5, 5.0, 8.0):
        assert studentized_range.sf(q, k, df) == pytest.approx(stats.studentized_range.sf(q, k, df), abs=1e-8)
    assert studentized_range.ppf(0.95, k, df) == pytest.approx(
        [stats.studentized_range.ppf(0.95, k, d) for d in df], rel=1e-7)


def test_studentized_range_at_one_degree_of_freedom_is_close_to_scipy():
    """n = 2 in a group gives Games-Howell df near 1, where the integrand is hardest."""
    for k in (3, 12):
        assert studentized_range.sf([1.5, 6.0, 20.0], k, 1.0) == pytest.approx(
            stats.studentized_range.sf([1.5, 6.0, 20.0], k, 1.0), abs=1e-6)
        assert float(studentized_range.ppf(0.95, k, np.array([1.0]))[0]) == pytest.approx(
            stats.studentized_range.ppf(0.95, k, 1.0), rel=1e-5)


# Welch's ANOVA and Games-Howell -------------------------------------------------------------------------------

def unequal_samples(seed=3):
    rng = np.random.default_rng(seed)
    return [rng.normal(3.0, 0.6, 14), rng.normal(3.4, 1.4, 40), rng.normal(3.1, 1.0, 9), rng.normal(3.9, 2.0, 25)]


def test_welch_anova_matches_statsmodels():
    samples = unequal_samples()
    result = welch_anova(groups_of(samples))
    reference = anova_oneway(samples, use_var="unequal")
    assert result["statistic"] == pytest.approx(reference.statistic, rel=1e-12)
    assert (result["df"], result["df2"]) == pytest.approx(tuple(reference.df), rel=1e-12)
    assert result["p_value"] == pytest.approx(reference.pvalue, rel=1e-10)


def test_welch_anova_on_the_airline_classes_matches_statsmodels(airline, by_class):
    raw, _ = airline
    row = by_class.omnibus.set_index("metric").loc["Seat comfort"]
    samples = [raw.loc[raw["Class"] == group, "Seat comfort"].to_numpy(float) for group in ("Business", "Eco",
                                                                                          "Eco Plus")]
    reference = anova_oneway(samples, use_var="unequal")
    assert row["test"] == "welch_anova" and row["statistic"] == pytest.approx(reference.statistic, rel=1e-10)
    assert row["p_value"] == pytest.approx(reference.pvalue, rel=1e-6)


def hand_games_howell(samples, intervals=True):
    """Games-Howell by hand: Welch's t per pair, df by Welch-Satterthwaite, scipy's studentized range."""
    k, rows = len(samples), []
    for a, b in itertools.combinations(range(k), 2):
        x, y = samples[a], samples[b]
        va, vb = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
        df = (va + vb) ** 2 / (va ** 2 / (len(x) - 1) + vb ** 2 / (len(y) - 1))
        q = abs(x.mean() - y.mean()) / math.sqrt((va + vb) / 2)
        half = stats.studentized_range.ppf(0.95, k, df) / math.sqrt(2) * math.sqrt(va + vb) if intervals else None
        rows.append((x.mean() - y.mean(), q, df, stats.studentized_range.sf(q, k, df), half))
    return rows


def test_games_howell_matches_a_hand_computation():
    samples = unequal_samples()
    found = games_howell(groups_of(samples))
    assert [(pair["a"], pair["b"]) for pair in found] == list(itertools.combinations(range(4), 2))
    for pair, (difference, q, df, p, half) in zip(found, hand_games_howell(samples)):
        assert pair["difference"] == pytest.approx(difference, rel=1e-12)
        assert (pair["statistic"], pair["df"]) == pytest.approx((q, df), rel=1e-12)
        assert pair["p_adjusted"] == pytest.approx(p, abs=1e-8)
        assert (pair["low"], pair["high"]) == pytest.approx((difference - half, difference + half), rel=1e-7)


# Chi-square, exact by Monte Carlo when small ------------------------------------------------------------------

def test_chi_square_of_shares_and_of_nps_matches_scipy():
    table = np.array([[120, 80], [60, 90], [30, 45]])
    result = chi_square_test(table)
    reference = stats.chi2_contingency(table, correction=False)
    assert (result["statistic"], result["df"], result["exact"]) == (pytest.approx(reference.statistic), 2, False)
    assert result["p_value"] == pytest.approx(reference.pvalue, rel=1e-10)
    nps = np.array([[50, 30, 20], [30, 30, 40], [25, 20, 30], [40, 10, 12]])
    assert chi_square_test(nps)["p_value"] == pytest.approx(stats.chi2_contingency(nps).pvalue, rel=1e-10)
    assert chi_square_test(nps)["df"] == 6


def exact_chi_square_p(table: np.ndarray) -> float:
    """Exact p of the chi-square statistic of a 2×2 table given its margins, by enumerating its first cell."""
    rows, columns = table.sum(axis=1), table.sum(axis=0)
    observed = stats.chi2_contingency(table, correction=False).statistic
    p = 0.0
    for first in range(max(0, columns[0] - rows[1]), min(rows[0], columns[0]) + 1):
        other = np.array([[first, rows[0] - first], [columns[0] - first, rows[1] - columns[0] + first]])
        if stats.chi2_contingency(other, correction=False).statistic >= observed - 1e-9:
            p += stats.hypergeom.pmf(first, table.sum(), rows[0], columns[0])
    return p


@pytest.mark.parametrize("table", [np.array([[2, 8], [7, 3]]), np.array([[1, 9], [5, 5]]), np.array([[0, 6], [4, 3]])])
def test_monte_carlo_p_is_close_to_the_exact_p_and_reproducible(table):
    result = chi_square_test(table)
    assert result["exact"] and result["draws"] == kgroups.MONTE_CARLO_DRAWS
    exact = exact_chi_square_p(table)
    se = math.sqrt(exact * (1 - exact) / kgroups.MONTE_CARLO_DRAWS)
    assert abs(result["p_value"] - exact) < 4 * se + 1 / kgroups.MONTE_CARLO_DRAWS
    extreme = result["p_value"] * (kgroups.MONTE_CARLO_DRAWS + 1) - 1
    assert extreme == pytest.approx(round(extreme), abs=1e-6)
    assert chi_square_test(table) == result


def test_monte_carlo_p_of_a_symmetric_two_by_two_is_fishers():
    """With equal margins both tails are mirror images, so ordering by chi-square is ordering by probability."""
    table = np.array([[7, 1], [1, 7]])
    exact = stats.fisher_exact(table).pvalue
    result = chi_square_test(table)
    assert result["exact"] and abs(result["p_value"] - exact) < 4 * math.sqrt(exact * (1 - exact) / kgroups.MONTE_CARLO_DRAWS)


def test_monte_carlo_p_of_a_small_nps_table_agrees_with_scipy():
    table = np.array([[5, 2, 1], [1, 3, 4], [2, 2, 2]])
    result = chi_square_test(table)
    reference = stats.chi2_contingency(table, correction=False,
                                       method=stats.MonteCarloMethod(n_resamples=20_000, rng=5))
    se = math.sqrt(reference.pvalue * (1 - reference.pvalue) * (2 / 20_000))
    assert result["exact"] and abs(result["p_value"] - reference.pvalue) < 4 * se


def test_an_answer_nobody_gave_is_dropped_and_one_answer_left_is_nothing_to_test():
    assert chi_square_test(np.array([[5, 0, 5], [9, 0, 1], [6, 0, 6]]))["df"] == 2
    assert chi_square_test(np.array([[5, 0], [9, 0], [6, 0]]))["p_value"] == 1.0


# NPS -----------------------------------------------------------------------------------------------------------

def test_nps_is_tested_on_its_promoter_passive_detractor_table_and_pairs_by_the_nps_z_test():
    rng = np.random.default_rng(8)
    samples = [rng.integers(0, 11, 80), np.clip(rng.integers(3, 12, 70), 0, 10), rng.integers(5, 11, 60)]
    groups = groups_of(samples, nps=True)
    table = kgroups.nps_table(groups)
    expected = np.array([[(s >= 9).sum(), ((s >= 7) & (s <= 8)).sum(), (s <= 6).sum()] for s in samples])
    np.testing.assert_allclose(table, expected, atol=1e-12)
    result, pairs = kgroups.omnibus("nps", groups)
    assert result["test"] == "nps_chi_square"
    assert result["p_value"] == pytest.approx(stats.chi2_contingency(expected).pvalue, rel=1e-10)
    raw = [nps_test(samples[a].astype(float), samples[b].astype(float)) for a, b in itertools.combinations(range(3), 2)]
    for pair, reference in zip(pairs, raw):
        assert pair["difference"] == pytest.approx(reference["difference"], rel=1e-12)
        assert pair["p_value"] == pytest.approx(reference["p_value"], rel=1e-12)
    holm = multipletests([reference["p_value"] for reference in raw], method="holm")[1]
    assert [pair["p_adjusted"] for pair in pairs] == pytest.approx(list(holm), rel=1e-12)


def test_nps_counts_test_is_the_nps_test():
    a, b = np.array([10, 9, 9, 7, 3, 0, 10.0]), np.array([6, 6, 8, 9, 2.0])
    by_counts, by_answers = nps_counts_test(4, 2, 7, 1, 3, 5), nps_test(a, b)
    assert by_counts.keys() == by_answers.keys() and by_counts["test"] == "nps_z"
    for key in ("value_a", "n_a", "value_b", "n_b", "difference", "raw_difference", "low", "high", "statistic",
                "p_value", "effect_size"):
        assert by_counts[key] == pytest.approx(by_answers[key], rel=1e-12), key


# Holm across metrics and pairs --------------------------------------------------------------------------------

def test_holm_across_metrics_and_within_share_pairs_match_statsmodels(by_class):
    omnibus = by_class.omnibus
    assert omnibus["p_holm"].tolist() == pytest.approx(list(multipletests(omnibus["p_value"], method="holm")[1]))
    shares = by_class.pairs[by_class.pairs["metric"] == "satisfied"]
    assert shares["p_adjusted"].tolist() == pytest.approx(list(multipletests(shares["p_value"], method="holm")[1]))


def test_satisfied_share_across_classes_matches_scipy_and_reads_as_a_sentence(airline, by_class):
    raw, _ = airline
    row = by_class.omnibus.set_index("metric").loc["satisfied"]
    crosstab = pd.crosstab(raw["Class"], raw["satisfaction"] == "satisfied")
    assert row["test"] == "chi_square"
    assert row["statistic"] == pytest.approx(stats.chi2_contingency(crosstab, correction=False).statistic)
    estimates = by_class.estimates[by_class.estimates["metric"] == "satisfied"].set_index("group")
    share = (raw["satisfaction"] == "satisfied").groupby(raw["Class"]).mean() * 100
    assert estimates["value"].to_dict() == pytest.approx(share.to_dict())
    assert row["finding"].text("en") == (
        "On Satisfied share, 'Business' is higher than 'Eco Plus' and 'Eco'; 'Eco' and 'Eco Plus' do not differ "
        "(chi-square test, p < 0.001; Holm-adjusted p < 0.001).")
    assert row["finding"].text("zh").startswith("在满意占比上，“Business”高于“Eco Plus”和“Eco”；")
    assert summary(by_class).text("en") == ("Across 'Class' (3 groups), 14 of 15 metrics differ significantly "
                                            "(Holm-adjusted p < 0.05).")


# Edge cases ------------------------------------------------------------------------------------------------------

def frame_of(groups: dict[str, list[float]], column="rating") -> pd.DataFrame:
    return pd.DataFrame([{"group": name, column: value} for name, values in groups.items() for value in values])


def test_a_group_with_one_answer_is_left_out_and_named():
    frame = frame_of({"a": [1, 2, 3, 4, 5, 4], "b": [3, 3, 4, 5, 5, 4], "c": [2]})
    found = compare_many_groups(prepared_from(frame, {"rating": "touchpoint"}), "group")
    row = found.omnibus.iloc[0]
    assert (row["groups"], row["left_out"]) == (2, ["c"])
    assert "Left out for fewer than 2 answers: 'c'." in row["finding"].text("en")
    assert len(found.pairs) == 1


def test_tiny_groups_of_two_answers_are_tested():
    frame = frame_of({"a": [1, 2], "b": [4, 5], "c": [2, 4]})
    found = compare_many_groups(prepared_from(frame, {"rating": "touchpoint"}), "group")
    samples = [np.array(v, dtype=float) for v in ([1, 2], [4, 5], [2, 4])]
    assert found.omnibus.iloc[0]["p_value"] == pytest.approx(anova_oneway(samples, use_var="unequal").pvalue)
    assert found.pairs["p_adjusted"].tolist() == pytest.approx([row[3] for row in hand_games_howell(samples)],
                                                               abs=1e-6)


def test_a_group_with_no_spread_is_the_limit_of_a_tiny_spread():
    still = [np.array([4.0] * 9), np.array([2, 3, 4, 5, 3, 2, 4.0]), np.array([1, 3, 2, 2, 5, 1.0])]
    almost = [still[0] + np.r_[np.zeros(8), 1e-7], still[1], still[2]]
    result = welch_anova(groups_of(still))
    reference = anova_oneway(almost, use_var="unequal")
    assert result["statistic"] == pytest.approx(reference.statistic, rel=1e-4)
    assert result["p_value"] == pytest.approx(reference.pvalue, rel=1e-4)
    pairs = games_howell(groups_of(still))
    assert [pair["df"] for pair in pairs[:2]] == pytest.approx([6, 5])  # only the other group's spread is left


def test_groups_with_no_spread_at_all():
    assert welch_anova(groups_of([[3, 3], [3, 3, 3], [3, 3]]))["p_value"] == 1.0
    assert welch_anova(groups_of([[3, 3], [4, 4, 4], [1, 2, 3]]))["p_value"] == 0.0
    pairs = games_howell(groups_of([[3, 3], [4, 4, 4], [3, 3]]))
    assert [pair["p_adjusted"] for pair in pairs] == [0.0, 1.0, 0.0]
    assert pairs[0]["low"] == pairs[0]["high"] == -1.0


def test_nothing_significant_says_so():
    rng = np.random.default_rng(4)
    frame = pd.DataFrame({"group": np.repeat(["x", "y", "z"], 60), "rating": rng.integers(1, 6, 180).astype(float)})
    found = compare_many_groups(prepared_from(frame, {"rating": "touchpoint"}), "group")
    assert not found.omnibus["significant"].any() and not found.pairs["differs"].any()
    assert found.omnibus.iloc[0]["finding"].text("en").startswith(
        "'Rating' does not differ significantly between the 3 groups (Welch's ANOVA, p = ")
    assert summary(found).text("en").startswith("Across 'group' (3 groups), none of the 1 metrics")


def test_a_reversed_scale_counts_its_lowest_boxes_as_satisfied():
    frame = frame_of({"a": [1, 1, 2, 1, 4, 5] * 5, "b": [4, 5, 5, 3, 1, 5] * 5, "c": [2, 2, 3, 4, 1, 1] * 5},
                     column="csat")
    prepared = prepared_from(frame, {"csat": "csat"}, reverse=("csat",))
    found = compare_many_groups(prepared, "group")
    satisfied = frame.assign(top=frame["csat"] <= 2)
    crosstab = pd.crosstab(satisfied["group"], satisfied["top"])
    row = found.omnibus.iloc[0]
    assert row["statistic"] == pytest.approx(stats.chi2_contingency(crosstab, correction=False).statistic)
    values = found.estimates.set_index("group")["value"]
    assert values.to_dict() == pytest.approx((satisfied.groupby("group")["top"].mean() * 100).to_dict())


def test_twelve_groups():
    rng = np.random.default_rng(12)
    names = [f"g{i:02d}" for i in range(12)]
    frame = pd.DataFrame({"group": np.repeat(names, 40),
                          "rating": np.clip(np.round(rng.normal(np.repeat(np.linspace(2, 4, 12), 40), 1)), 1, 5),
                          "recommend": rng.integers(0, 11, 480).astype(float)})
    found = compare_many_groups(prepared_from(frame, {"rating": "touchpoint", "recommend": "nps"}), "group")
    assert found.groups == names and len(found.pairs) == 2 * 66
    samples = [frame.loc[frame["group"] == name, "rating"].to_numpy() for name in names]
    row = found.omnibus.set_index("metric").loc["rating"]
    assert row["p_value"] == pytest.approx(anova_oneway(samples, use_var="unequal").pvalue, rel=1e-8)
    gh = found.pairs[found.pairs["metric"] == "rating"]["p_adjusted"].to_numpy()
    assert gh == pytest.approx([p for *_, p, _ in hand_games_howell(samples, intervals=False)], abs=1e-7)
    assert "pairs do not differ clearly" in row["finding"].text("en")


def test_one_group_is_refused():
    frame = frame_of({"a": [1, 2, 3]})
    with pytest.raises(InputError):
        compare_many_groups(prepared_from(frame, {"rating": "touchpoint"}), "group")


# Weights ---------------------------------------------------------------------------------------------------------

def test_equal_weights_give_exactly_the_unweighted_result(airline):
    _, prepared = airline
    plain = compare_many_groups(prepared, "Class")
    weighted = compare_many_groups(prepared, "Class", weights=pd.Series(2.5, index=prepared.responses.index))
    assert weighted.weighted
    pd.testing.assert_frame_equal(plain.omnibus.drop(columns="finding"), weighted.omnibus.drop(columns="finding"))
    pd.testing.assert_frame_equal(plain.pairs, weighted.pairs)
    pd.testing.assert_frame_equal(plain.estimates, weighted.estimates)


def test_weighted_welch_anova_uses_the_weighted_moments_at_the_effective_n():
    rng = np.random.default_rng(21)
    frame = pd.DataFrame({"group": np.repeat(["a", "b", "c"], [50, 70, 40]),
                          "rating": rng.integers(1, 6, 160).astype(float)})
    weights = pd.Series(rng.uniform(0.3, 3.0, 160))
    prepared = prepared_from(frame, {"rating": "touchpoint"})
    weights.index = prepared.responses.index
    found = compare_many_groups(prepared, "group", weights=weights)
    means, variances, sizes = [], [], []
    for name in ("a", "b", "c"):
        x, w = frame.loc[frame["group"] == name, "rating"].to_numpy(), weights[(frame["group"] == name).to_numpy()]
        n_eff = w.sum() ** 2 / (w ** 2).sum()
        described = DescrStatsW(x, weights=w.to_numpy() * n_eff / w.sum(), ddof=1)
        means.append(described.mean), variances.append(described.var), sizes.append(n_eff)
    reference = anova_generic(np.array(means), np.array(variances), np.array(sizes), use_var="unequal")
    assert found.omnibus.iloc[0]["p_value"] == pytest.approx(reference.pvalue, rel=1e-8)
    assert found.estimates["effective_n"].tolist() == pytest.approx(sizes)


# Personas ----------------------------------------------------------------------------------------------------------

def test_three_personas_including_a_small_one_are_compared_on_every_metric(airline):
    _, prepared = airline
    index = prepared.responses.index
    assignments = pd.Series(np.where(np.arange(len(index)) < 290, 2, np.arange(len(index)) % 2), index=index)
    found = compare_many_personas(prepared, assignments, ["Loyal", "Price-led", "Small"],
                                  formed_by=("Seat comfort",))
    assert found.groups == ["1", "2", "3"] and found.formed_by == ["Seat comfort"]
    assert found.omnibus["p_value"].notna().all() and found.estimates["value"].notna().all()
    assert (found.estimates[found.estimates["group"] == "3"]["n"] > 250).all()
    assert "Seat comfort" not in set(found.omnibus["metric"])
    two = compare_personas(prepared, assignments, ["Loyal", "Price-led", "Small"], 2)
    assert two["p_value"].notna().all() and two["n_a"].min() > 250
    record = many_records(found, "zh")
    assert record["names"]["3"] == "Small" and record["summary"].startswith("在用户画像的 3 个组之间")



# Command line ------------------------------------------------------------------------------------------------------

def test_cli_compares_all_groups_in_json_and_words(shared_data, run_cli, by_class):
    path = shared_data / AIRLINE
    done = run_cli("compare", path, "--by", "Class", "--groups", "all", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["by"], result["groups"], result["all_groups"]) == ("Class", ["Business", "Eco", "Eco Plus"], True)
    assert result["summary"] == summary(by_class).text("en")
    assert [row["p_holm"] for row in result["omnibus"]] == pytest.approx(by_class.omnibus["p_holm"].tolist())
    assert [row["sentence"] for row in result["omnibus"]] == [f.text("en") for f in by_class.omnibus["finding"]]
    assert len(result["pairs"]) == 3 * 15 and len(result["estimates"]) == 3 * 15
    pair = result["pairs"][0]
    assert (pair["group_a"], pair["group_b"], pair["test"], pair["differs"]) == ("Business", "Eco", "two_proportion_z",
                                                                                 True)
    words = run_cli("compare", path, "--by", "Class", "--groups", "all", "--lang", "zh")
    assert words.returncode == 0 and words.stdout.splitlines()[0].endswith("“Class” 的全部 3 个组")
    assert summary(by_class).text("zh") in words.stdout
