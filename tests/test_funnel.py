"""Conversion rate overall and per group, with Wilson intervals."""
import math

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.funnel import BY_COLUMNS, conversion_by, conversion_rate, to_flags
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
