"""The metric registry: each headline metric against an independent computation (numpy, scipy, statsmodels),
overall, per period and per group, and every place that shows metrics following the registry's one order."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from analysis.compare import compare_groups
from analysis.metric_registry import (BY_NAME, METRICS, NAMES, UNITS, Thresholds, answers_of, driver_outcomes,
                                      headline_metrics)
from analysis.significance import TESTS
from analysis.summary import summary_of
from analysis.trends import metric_trend
from tests.tables import prepared_from

ROLES = {"nps": "nps", "csat": "csat", "effort": "ces", "satisfied": "outcome", "bought": "behaviour",
         "seat": "touchpoint", "when": "timestamp", "group": "attribute"}


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    """400 responses over two months in two groups, with every headline metric (CES worded as effort: 1 = easy)
    and some answers missing."""
    rng = np.random.default_rng(7)
    n = 400
    frame = pd.DataFrame({
        "nps": rng.integers(0, 11, n).astype(float),
        "csat": rng.integers(1, 6, n).astype(float),
        "effort": rng.integers(1, 8, n).astype(float),
        "satisfied": rng.choice(["yes", "no"], n, p=[0.6, 0.4]),
        "bought": rng.choice(["TRUE", "FALSE"], n, p=[0.3, 0.7]),
        "seat": rng.integers(1, 6, n).astype(float),
        "when": pd.date_range("2024-01-01", periods=n, freq="3h").strftime("%Y-%m-%d %H:%M"),
        "group": rng.choice(["A", "B"], n),
    })
    for column in ("nps", "csat", "effort"):
        frame.loc[rng.choice(n, 20, replace=False), column] = np.nan
    return frame


@pytest.fixture(scope="module")
def prepared(survey):
    return prepared_from(survey, ROLES, reverse=("effort",))


def wilson(hits: int, n: int) -> tuple[float, float]:
    low, high = proportion_confint(hits, n, alpha=0.05, method="wilson")
    return 100 * low, 100 * high


def expected(frame: pd.DataFrame) -> dict[str, tuple[float, float, float, int]]:
    """Every headline metric of ``frame`` computed apart: (value, low, high, n)."""
    found = {}
    nps = frame["nps"].dropna()
    p, d, n = (nps >= 9).sum(), (nps <= 6).sum(), len(nps)
    adjusted = n + 3
    plus, minus = (p + 0.75) / adjusted, (d + 0.75) / adjusted
    half = stats.norm.ppf(0.975) * math.sqrt((plus + minus - (plus - minus) ** 2) / adjusted)
    found["nps"] = (100 * (p - d) / n, max(-100, 100 * (plus - minus - half)), min(100, 100 * (plus - minus + half)), n)
    csat = frame["csat"].dropna()
    top = int((csat >= 4).sum())
    found["csat"] = (100 * top / len(csat), *wilson(top, len(csat)), len(csat))
    effort = frame["effort"].dropna()
    low, high = stats.t.interval(0.95, len(effort) - 1, loc=effort.mean(), scale=stats.sem(effort))
    found["ces"] = (effort.mean(), low, high, len(effort))
    for name, column, yes in (("satisfied", "satisfied", "yes"), ("conversion", "bought", "TRUE")):
        flags = frame[column] == yes
        found[name] = (100 * flags.mean(), *wilson(int(flags.sum()), len(flags)), len(flags))
    return found


def test_every_metric_equals_its_independent_computation(survey, prepared):
    found = headline_metrics(prepared)
    assert list(found) == list(NAMES)
    for name, (value, low, high, n) in expected(survey).items():
        metric = found[name]
        assert (metric.value, metric.low, metric.high, metric.n) == pytest.approx((value, low, high, n), abs=1e-9), name


def test_a_reversed_effort_scale_counts_the_low_answers_as_easy(survey, prepared):
    effort = survey["effort"].dropna()
    assert headline_metrics(prepared)["ces"].extra["share_easy"] == pytest.approx(100 * (effort <= 2).mean())


def test_per_period_estimates_equal_the_estimate_of_each_period(survey, prepared):
    """A month's row of every metric is the overall estimate of that month's responses alone."""
    trend = metric_trend(prepared, "month")
    months = pd.to_datetime(survey["when"]).dt.to_period("M")
    for month in months.unique():
        part = survey[(months == month).to_numpy()]
        rows = trend[trend["period"] == month.start_time].set_index("metric")
        for name, (value, low, high, n) in expected(part).items():
            row = rows.loc[name]
            assert (row["value"], row["low"], row["high"], row["n"]) == pytest.approx((value, low, high, n),
                                                                                      abs=1e-9), (month, name)


def test_groups_are_compared_on_the_registry_s_definitions(survey, prepared):
    table = compare_groups(prepared, "group", ("A", "B")).set_index("metric")
    for group, side in (("A", "a"), ("B", "b")):
        for name, (value, _, _, n) in expected(survey[survey["group"] == group]).items():
            assert (table.loc[name, f"value_{side}"], table.loc[name, f"n_{side}"]) == pytest.approx((value, n)), name
    welch = stats.ttest_ind(survey.loc[survey["group"] == "A", "effort"].dropna(),
                            survey.loc[survey["group"] == "B", "effort"].dropna(), equal_var=False)
    assert table.loc["ces", "p_value"] == pytest.approx(welch.pvalue)


def test_every_place_follows_the_registry_s_order(survey, prepared):
    order = list(NAMES)
    assert list(summary_of(prepared_export(survey), prepared)["metrics"]) == order
    assert list(dict.fromkeys(metric_trend(prepared, "month")["metric"]))[:len(order)] == order
    assert compare_groups(prepared, "group")["metric"].tolist()[:len(order)] == order


def prepared_export(frame: pd.DataFrame):
    from analysis.io import Export

    return Export(name="hand.csv", format="generic", frame=frame, questions={})


def test_a_metric_is_left_out_where_the_file_has_no_answers_for_it(survey):
    only = prepared_from(survey[["csat", "seat"]], ROLES)
    assert [metric.name for metric, _ in answers_of(only)] == ["csat"]
    assert list(headline_metrics(only)) == ["csat"]
    assert driver_outcomes(only) == {"csat": "csat"}


def test_every_unit_has_a_period_estimate_a_test_and_a_threshold():
    thresholds = Thresholds(nps=7, share=4, scale=0.1)
    for metric in METRICS:
        assert metric.unit in UNITS and metric.unit in TESTS
    assert (thresholds.of("nps", 10), thresholds.of("share", 1), thresholds.of("scale", 6)) == pytest.approx((7, 4, 0.6))


def test_values_are_written_in_each_metric_s_own_format():
    assert (BY_NAME["nps"].text(12.4), BY_NAME["csat"].text(43.21), BY_NAME["ces"].text(3.456)) == (
        "+12", "43.2%", "3.46")
    assert BY_NAME["nps"].half_text(-2.0, 10.0) == "± 6" and BY_NAME["ces"].half_text(3.0, 3.5) == "± 0.25"
    assert BY_NAME["conversion"].half_text(None, 3.0) is None


def test_no_two_metrics_with_different_definitions_share_a_display_name():
    """One name, one definition: every survey and customer metric is worded differently in each language."""
    from analysis.messages import text
    from analysis.metric_registry import CUSTOMER_METRICS

    names = [metric.name for metric in METRICS] + [metric.name for metric in CUSTOMER_METRICS]
    assert len(set(names)) == len(names)
    for lang in ("en", "zh"):
        shown = [text(f"metric.{name}", lang) for name in names]
        assert len(set(shown)) == len(shown), lang
    definitions = {metric.name: metric.definition for metric in CUSTOMER_METRICS}
    assert definitions["aov"] != definitions["mean_customer_aov"]


def test_average_order_value_is_total_revenue_over_total_orders_and_compare_names_the_other(shared_data):
    """The headline order value by hand in pandas (sale lines, returns netted per customer and floored at 0)."""
    import pandas as pd

    from analysis.compare import compare_customers
    from analysis.customers import customer_summary, customers
    from analysis.io import load_export

    path = shared_data / "online_retail_200_customers.csv"
    raw = pd.read_csv(path).drop_duplicates()
    raw = raw[(raw["UnitPrice"] > 0) & (raw["Quantity"] != 0) & raw["CustomerID"].notna()]
    returned = raw["InvoiceNo"].astype(str).str.startswith("C") | (raw["Quantity"] < 0)
    revenue = (raw["Quantity"].abs() * raw["UnitPrice"]).where(~returned, -(raw["Quantity"].abs() * raw["UnitPrice"]))
    per_customer = pd.DataFrame({"net": revenue.groupby(raw["CustomerID"]).sum().clip(lower=0),
                                 "orders": raw["InvoiceNo"][~returned].groupby(raw["CustomerID"][~returned]).nunique()})
    per_customer = per_customer[per_customer["orders"] > 0]
    found = customers(load_export(path).frame)
    headline = customer_summary(found)["aov"]
    assert headline == pytest.approx(per_customer["net"].sum() / per_customer["orders"].sum(), abs=1e-4)
    assert round(headline, 2) == 463.82
    row = compare_customers(found, "segment").set_index("metric")
    assert "aov" not in row.index and row.loc["mean_customer_aov", "finding"].text("en").startswith(
        "Mean customer order value")
