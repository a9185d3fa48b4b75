"""Conversion rate overall and per group, with Wilson intervals and a test of independence."""
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.stats.contingency import expected_freq

from analysis.errors import InputError
from analysis.funnel import (BY_COLUMNS, MONTE_CARLO_DRAWS, conversion_by, conversion_rate, independence_test,
                             to_flags)
from analysis.io import load_export

SHOPPERS = "online_shoppers_intention_sample.csv"
Z = 1.959963984540054


def wilson_by_hand(k: int, n: int) -> tuple[float, float]:
    """Wilson score interval written out from the textbook formula, in %."""
    p = k / n
    centre = p + Z * Z / (2 * n)
    spread = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    denominator = 1 + Z * Z / n
    return 100 * max(0.0, (centre - spread) / denominator), 100 * min(1.0, (centre + spread) / denominator)


@pytest.fixture(scope="module")
def shoppers(shared_data):
    return load_export(shared_data / SHOPPERS).frame, pd.read_csv(shared_data / SHOPPERS)


@pytest.mark.parametrize("flags", [
    [True, False, True, True],
    [1, 0, 1, 1],
    ["TRUE", "FALSE", "true", "True"],
    ["yes", "no", "Y", " Yes "],
    ["是", "否", "是", "是"],
])
def test_flag_spellings_give_the_same_rate(flags):
    result = conversion_rate(flags)
    assert (result.n, result.extra["converted"], result.value) == (4, 3, 75.0)
    assert (result.low, result.high) == pytest.approx(wilson_by_hand(3, 4))
    assert result.small_sample


def test_blanks_are_left_out_of_exposed():
    result = conversion_rate(pd.Series(["TRUE", None, "", "FALSE", float("nan")]))
    assert (result.n, result.extra["converted"], result.value) == (2, 1, 50.0)
    assert to_flags(pd.Series([1.0, None, 0.0])).tolist() == [True, pd.NA, False]


def test_unreadable_flags_are_an_input_error_naming_the_column():
    with pytest.raises(InputError, match="'Bought'.*maybe"):
        conversion_by(pd.DataFrame({"Bought": ["yes", "maybe"], "g": ["a", "b"]}), "Bought", "g")
    with pytest.raises(InputError):
        to_flags(pd.Series([0, 1, 2]))


def test_no_flags_gives_an_empty_metric():
    result = conversion_rate(pd.Series([None, None], dtype=object))
    assert (result.value, result.low, result.high, result.n) == (None, None, None, 0)


def test_overall_rate_on_the_shoppers_sample(shoppers):
    frame, raw = shoppers
    result = conversion_rate(frame["Revenue"])
    converted = int(raw["Revenue"].sum())
    assert (result.n, result.extra["converted"]) == (len(raw), converted) == (1000, 171)
    assert result.value == pytest.approx(100 * converted / len(raw))
    assert (result.low, result.high) == pytest.approx(wilson_by_hand(converted, len(raw)))
    assert result.to_dict()["converted"] == 171


def test_rate_by_visitor_type_matches_a_groupby(shoppers):
    frame, raw = shoppers
    table = conversion_by(frame, "Revenue", "VisitorType")
    assert table.columns.tolist() == BY_COLUMNS
    reference = raw.groupby("VisitorType")["Revenue"].agg(["sum", "size"])
    assert sorted(table["group"]) == sorted(reference.index)
    assert table["exposed"].tolist() == sorted(table["exposed"], reverse=True)  # largest group first
    for row in table.itertuples():
        k, n = int(reference.loc[row.group, "sum"]), int(reference.loc[row.group, "size"])
        assert (row.converted, row.exposed, row.n) == (k, n, n)
        assert row.rate == pytest.approx(100 * k / n)
        assert (row.low, row.high) == pytest.approx(wilson_by_hand(k, n))
        assert row.small_sample == (n < 30)
    assert table["exposed"].sum() == len(raw)


def test_months_come_in_calendar_order_with_a_chi_square_test(shoppers):
    frame, raw = shoppers
    table = conversion_by(frame, "Revenue", "Month")
    assert table["group"].tolist() == [m for m in ["Jan", "Feb", "Mar", "Apr", "May", "June", "Jul", "Aug",
                                                   "Sep", "Oct", "Nov", "Dec"] if m in set(raw["Month"])]
    feb = table.set_index("group").loc["Feb"]
    assert feb["converted"] == raw.loc[raw["Month"] == "Feb", "Revenue"].sum() and feb["small_sample"]
    from scipy.stats import chi2_contingency

    crosstab = pd.crosstab(raw["Month"], raw["Revenue"])
    statistic, p_value, dof, _ = chi2_contingency(crosstab, correction=False)
    test = table.attrs["test"]
    assert test["statistic"] == pytest.approx(statistic) and test["dof"] == dof == len(table) - 1
    assert test["p_value"] == pytest.approx(p_value) and test["p_value"] < 0.05
    # Cochran's rule holds (smallest expected 2.7, 10% of cells below 5), so chi-square is trusted
    expected = expected_freq(crosstab.to_numpy())
    assert test["min_expected"] == pytest.approx(expected.min()) and expected.min() >= 1
    assert test["small_expected_share"] == pytest.approx((expected < 5).mean()) == 0.1
    assert (test["test"], test["reason"], test["draws"]) == ("chi_square", None, None)


def test_rate_by_two_columns_and_blank_groups():
    frame = pd.DataFrame({"converted": ["是", "否", "是", "否", "是"],
                          "channel": ["app", "app", "web", None, "web"],
                          "new": [True, True, False, False, False]})
    table = conversion_by(frame, "converted", ["channel", "new"]).set_index("group")
    assert table.loc["web / False", ["converted", "exposed"]].tolist() == [2, 2]
    assert table.loc["app / True", ["converted", "exposed"]].tolist() == [1, 2]
    assert table.loc["(blank) / False", ["converted", "exposed"]].tolist() == [0, 1]


def test_missing_column_is_an_input_error():
    with pytest.raises(InputError, match="'Region'"):
        conversion_by(pd.DataFrame({"Revenue": [True]}), "Revenue", "Region")


# ---- small expected counts: Cochran's rule and the exact tests ------------------------------

def table_of(converted: list[int], exposed: list[int]) -> pd.DataFrame:
    """One row per unit: group g<i> with converted[i] of exposed[i] units converted."""
    groups = np.repeat([f"g{i}" for i in range(len(exposed))], exposed)
    flags = np.concatenate([np.arange(n) < k for k, n in zip(converted, exposed)])
    return pd.DataFrame({"group": groups, "converted": flags})


def exact_permutation_p(converted: list[int], exposed: list[int]) -> float:
    """Exact p of the chi-square statistic under random group labels, by enumerating every table.

    With the group sizes and the total converted fixed, the converted counts per group follow a
    multivariate hypergeometric distribution: P(k) = prod C(n_i, k_i) / C(N, K).
    """
    exposed_total, total = sum(exposed), sum(converted)
    observed = stats.chi2_contingency(np.column_stack([converted, np.subtract(exposed, converted)]),
                                      correction=False).statistic
    p = 0.0
    for counts in itertools.product(*(range(n + 1) for n in exposed)):
        if sum(counts) != total:
            continue
        table = np.column_stack([counts, np.subtract(exposed, counts)])
        statistic = stats.chi2_contingency(table, correction=False).statistic
        if statistic >= observed - 1e-9:
            p += math.prod(math.comb(n, k) for n, k in zip(exposed, counts)) / math.comb(exposed_total, total)
    return p


def test_two_small_groups_use_fishers_exact_test():
    converted, exposed = [7, 1], [9, 8]  # expected converted 4.2 and 3.8: cells below 5
    test = conversion_by(table_of(converted, exposed), "converted", "group").attrs["test"]
    observed = np.array([[7, 2], [1, 7]])
    assert (test["test"], test["reason"]) == ("fisher_exact", "small_expected")
    assert test["p_value"] == pytest.approx(stats.fisher_exact(observed).pvalue, rel=1e-12)
    # the statistic is still Pearson's, uncorrected, for reference
    reference = stats.chi2_contingency(observed, correction=False)
    assert test["statistic"] == pytest.approx(reference.statistic) and test["dof"] == 1
    assert test["p_value"] > reference.pvalue  # chi-square overstates the evidence here


def test_many_small_groups_use_a_monte_carlo_exact_test_close_to_the_exact_p():
    converted, exposed = [0, 1, 4, 3], [4, 5, 6, 4]
    test = independence_test(converted, exposed)
    assert (test["test"], test["reason"], test["draws"]) == ("monte_carlo_exact", "small_expected", 10_000)
    assert MONTE_CARLO_DRAWS >= 10_000
    exact = exact_permutation_p(converted, exposed)
    se = math.sqrt(exact * (1 - exact) / MONTE_CARLO_DRAWS)
    assert abs(test["p_value"] - exact) < 4 * se
    # p = (extreme + 1) / (draws + 1), reproducible with the fixed seed
    extreme = test["p_value"] * (MONTE_CARLO_DRAWS + 1) - 1
    assert extreme == pytest.approx(round(extreme), abs=1e-6)
    assert independence_test(converted, exposed) == test
    assert test["statistic"] == pytest.approx(stats.chi2_contingency(
        np.column_stack([converted, np.subtract(exposed, converted)]), correction=False).statistic)


def test_monte_carlo_test_on_the_shoppers_browsers_agrees_with_scipy(shoppers):
    frame, raw = shoppers
    test = conversion_by(frame, "Revenue", "Browser").attrs["test"]
    crosstab = pd.crosstab(raw["Browser"], raw["Revenue"]).to_numpy()
    expected = expected_freq(crosstab)
    assert expected.min() < 1 and (expected < 5).mean() > 0.2  # Cochran's rule fails twice over
    assert test["test"] == "monte_carlo_exact"
    reference = stats.chi2_contingency(crosstab, correction=False,
                                       method=stats.MonteCarloMethod(n_resamples=20_000, rng=1))
    se = math.sqrt(reference.pvalue * (1 - reference.pvalue) * (1 / MONTE_CARLO_DRAWS + 1 / 20_000))
    assert abs(test["p_value"] - reference.pvalue) < 4 * se
    assert test["statistic"] == pytest.approx(reference.statistic)


@pytest.mark.parametrize("exposed, expected_test", [
    ([10, 10, 100, 100, 100], "chi_square"),          # 2 of 10 cells below 5: exactly 20%, allowed
    ([10, 10, 10, 100, 100], "monte_carlo_exact"),    # 3 of 10 cells below 5: more than 20%
    ([2] + [100] * 9, "monte_carlo_exact"),           # 2 of 20 cells below 5, but one below 1
    ([20, 20], "chi_square"),                         # 2 x 2 with every expected count at least 5
])
def test_cochrans_rule_decides_the_test(exposed, expected_test):
    converted = [round(0.3 * n) for n in exposed]
    converted[-1] += 4  # some association to test
    cells = expected_freq(np.column_stack([converted, np.subtract(exposed, converted)]))
    test = independence_test(converted, exposed)
    assert test["min_expected"] == pytest.approx(cells.min())
    assert test["small_expected_share"] == pytest.approx((cells < 5).mean())
    broken = cells.min() < 1 or (cells < 5).mean() > 0.2
    assert test["test"] == expected_test == ("monte_carlo_exact" if broken else "chi_square")
    if expected_test == "chi_square":
        reference = stats.chi2_contingency(np.column_stack([converted, np.subtract(exposed, converted)]),
                                           correction=False)
        assert test["p_value"] == pytest.approx(reference.pvalue) and test["reason"] is None


def test_nothing_to_test_without_two_groups_or_without_both_outcomes():
    assert independence_test([3], [10]) is None
    assert independence_test([0, 0], [5, 6]) is None
    assert independence_test([5, 6], [5, 6]) is None
