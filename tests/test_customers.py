"""Customers of a transaction export: attributes per customer, buying segments, and comparisons of customer groups."""
import pandas as pd
import pytest
from scipy import stats

from analysis.compare import Thresholds, compare_customers, summary
from analysis.customers import customer_summary, customers, segment_table
from analysis.io import load_export

RETAIL = "online_retail_200_customers.csv"


@pytest.fixture(scope="module")
def retail(shared_data):
    path = shared_data / RETAIL
    return pd.read_csv(path), customers(load_export(path).frame)


def test_each_customer_carries_their_most_frequent_country(retail):
    raw, found = retail
    assert found.attributes == ["Country", "segment"]
    expected = raw.groupby("CustomerID")["Country"].agg(lambda values: values.value_counts().sort_index()
                                                        .sort_values(ascending=False, kind="stable").index[0])
    by_customer = found.values.set_index("customer")["Country"]
    assert len(by_customer) == 198
    assert all(by_customer[customer] == expected[customer] for customer in by_customer.index)


def test_segment_table_counts_customers_and_revenue(retail):
    _, found = retail
    table = segment_table(found.values).set_index("segment")
    values = found.values
    assert table["customers"].sum() == len(values) == 198
    for segment in ("one-time", "occasional", "frequent"):
        part = values[values["segment"] == segment]
        assert table.loc[segment, "share"] == pytest.approx(100 * len(part) / len(values))
        assert table.loc[segment, "revenue_share"] == pytest.approx(100 * part["revenue"].sum() / values["revenue"].sum())
        ci = stats.binomtest(len(part), len(values)).proportion_ci(method="wilson")
        assert (table.loc[segment, "low"], table.loc[segment, "high"]) == pytest.approx((100 * ci.low, 100 * ci.high))
    assert table["revenue_share"].sum() == pytest.approx(100)


def test_customer_groups_are_compared_with_bootstrap_welch_and_two_proportion_tests(retail):
    _, found = retail
    table = compare_customers(found, "segment", ("frequent", "occasional")).set_index("metric")
    values = found.values
    a, b = values[values["segment"] == "frequent"], values[values["segment"] == "occasional"]
    # money: the BCa bootstrap interval of the difference of means, as scipy computes it with 4x the resamples
    reference = stats.bootstrap((a["clv"].to_numpy(), b["clv"].to_numpy()),
                                lambda x, y, axis: x.mean(axis) - y.mean(axis), method="BCa", n_resamples=20_000,
                                random_state=1, vectorized=True).confidence_interval
    row = table.loc["clv"]
    assert row["test"] == "bootstrap_bca" and row["difference"] == pytest.approx(a["clv"].mean() - b["clv"].mean())
    width = reference.high - reference.low
    assert abs(row["low"] - reference.low) < 0.05 * width and abs(row["high"] - reference.high) < 0.05 * width
    assert row["p_value"] < 0.05 and row["low"] > 0  # the test and the interval agree
    assert table.loc["mean_customer_aov", "value_a"] == pytest.approx(a["aov"].mean())
    welch = stats.ttest_ind(a["frequency"], b["frequency"], equal_var=False)
    assert table.loc["frequency", "p_value"] == pytest.approx(welch.pvalue, rel=1e-6)
    assert table.loc["clv", "threshold"] == pytest.approx(0.10 * values["clv"].mean())
    assert table.loc["repeat_buyers", "value_a"] == 100.0  # frequent buyers all bought twice or more
    assert list(table.index) == ["clv", "mean_customer_aov", "frequency", "repeat_buyers"]
    words = table.loc["clv", "finding"].text("zh")
    assert words.startswith("“频繁购买客户”的客户价值（CLV）比“偶尔购买客户”高")
    assert "frequent" not in summary(compare_customers(found, "segment", ("frequent", "occasional"))).text("zh")


def test_relative_threshold_can_be_overridden(retail):
    _, found = retail
    strict = compare_customers(found, "segment", ("frequent", "occasional"), Thresholds(relative=10.0))
    row = strict.set_index("metric").loc["clv"]
    assert row["significant"] and not row["matters"]


def test_summary_lists_lines_set_aside_by_reason(retail):
    raw, found = retail
    result = customer_summary(found)
    assert result["lines_set_aside"]["duplicate_line"] == int(raw.duplicated().sum())
    assert result["customers"] == 198
