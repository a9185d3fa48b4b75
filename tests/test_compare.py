"""Group comparisons: each test checked against scipy.stats or pandas by hand."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from statsmodels.stats.multitest import multipletests

from analysis.compare import Thresholds, compare_groups, compare_personas, default_groups, group_options, summary, to_records
from analysis.messages import render
from analysis.metrics import format_p
from analysis.errors import InputError
from analysis.filters import Filters, apply_filters
from analysis.io import Export
from analysis.prepare import prepare
from tests.tables import prepared_from

ROOT = Path(__file__).resolve().parents[1]
AIRLINE = "airline_passenger_satisfaction_sample.csv"


@pytest.fixture(scope="module")
def survey():
    """Two segments that differ on NPS, CSAT and one touchpoint, plus a small third segment."""
    rng = np.random.default_rng(11)
    sizes = {"online": 400, "store": 250, "phone": 12}
    frames = []
    for segment, n in sizes.items():
        shift = {"online": 1.0, "store": 0.0, "phone": 0.5}[segment]
        frames.append(pd.DataFrame({
            "segment": segment,
            "recommend": np.clip(np.round(rng.normal(7 + 0.4 * shift, 2.2, size=n)), 0, 10),
            "csat": np.clip(np.round(rng.normal(3.4 + 0.4 * shift, 1.0, size=n)), 1, 5),
            "ces": np.clip(np.round(rng.normal(4.0, 1.2, size=n)), 1, 7),
            "delivery": np.clip(np.round(rng.normal(3.0 + 0.5 * shift, 1.0, size=n)), 1, 5),
            "packaging": np.clip(np.round(rng.normal(3.5, 1.0, size=n)), 1, 5),
        }))
    frame = pd.concat(frames, ignore_index=True)
    frame.loc[frame.index[::7], "delivery"] = np.nan  # some N/A answers
    roles = {"recommend": "nps", "csat": "csat", "ces": "ces", "delivery": "touchpoint", "packaging": "touchpoint"}
    return frame, prepared_from(frame, roles)


def test_rows_and_default_groups(survey):
    _, prepared = survey
    table = compare_groups(prepared, "segment")
    assert table["metric"].tolist() == ["nps", "csat", "ces", "delivery", "packaging"]
    assert (table["group_a"] == "online").all() and (table["group_b"] == "store").all()
    assert table.attrs["by"] == "segment" and table.attrs["groups"] == ["online", "store"]
    assert default_groups(prepared, "segment") == ("online", "store")
    assert table["significant"].dtype == bool
    assert (table["raw_difference"] == table["value_a"] - table["value_b"]).all()
    assert (table["difference"] == table["raw_difference"])[table["metric"] != "nps"].all()
    assert ((table["low"] <= table["difference"]) & (table["difference"] <= table["high"])).all()


def test_welch_t_equals_scipy(survey):
    frame, prepared = survey
    row = compare_groups(prepared, "segment").set_index("metric").loc["delivery"]
    a = frame.loc[frame["segment"] == "online", "delivery"].dropna()
    b = frame.loc[frame["segment"] == "store", "delivery"].dropna()
    reference = stats.ttest_ind(a, b, equal_var=False)
    interval = reference.confidence_interval(0.95)
    assert (row["n_a"], row["n_b"]) == (len(a), len(b))
    assert row["value_a"] == pytest.approx(a.mean()) and row["value_b"] == pytest.approx(b.mean())
    assert row["statistic"] == pytest.approx(reference.statistic, rel=1e-9)
    assert row["p_value"] == pytest.approx(reference.pvalue, rel=1e-6)
    assert (row["low"], row["high"]) == pytest.approx((interval.low, interval.high), rel=1e-9)
    pooled = np.sqrt(((len(a) - 1) * a.var() + (len(b) - 1) * b.var()) / (len(a) + len(b) - 2))
    hedges = (a.mean() - b.mean()) / pooled * (1 - 3 / (4 * (len(a) + len(b)) - 9))
    assert row["effect_size"] == pytest.approx(hedges, rel=1e-9)
    assert row["test"] == "welch_t"


def test_a_persona_against_everyone_else_and_against_another(survey):
    frame, prepared = survey
    persona = pd.Series(frame["segment"].map({"online": 0, "store": 1, "phone": 2}).to_numpy(dtype=float))
    persona.iloc[:5] = np.nan  # rows without a persona belong to neither group
    persona.index = prepared.responses.index  # assignments are indexed like the responses
    table = compare_personas(prepared, persona, ["Online", "In store", "Phone"], 0).set_index("metric")
    persona = persona.set_axis(frame.index)
    a = frame.loc[persona.eq(0), "delivery"].dropna()
    rest = frame.loc[persona.notna() & persona.ne(0), "delivery"].dropna()
    reference = stats.ttest_ind(a, rest, equal_var=False)
    row = table.loc["delivery"]
    assert (row["n_a"], row["n_b"]) == (len(a), len(rest))
    assert row["p_value"] == pytest.approx(reference.pvalue, rel=1e-6)
    assert table.attrs["groups"] == ["1", "rest"]
    assert "Online" in render(summary(table), "en")
    assert "everyone else" in render(row["finding"], "en") and "其他所有人" in render(row["finding"], "zh")
    pair = compare_personas(prepared, persona.set_axis(prepared.responses.index), ["Online", "In store", "Phone"], 2, 1).set_index("metric")
    b = frame.loc[persona.eq(1), "delivery"].dropna()
    c = frame.loc[persona.eq(2), "delivery"].dropna()
    assert (pair.loc["delivery", "n_a"], pair.loc["delivery", "n_b"]) == (len(c), len(b))
    assert pair.loc["delivery", "p_value"] == pytest.approx(stats.ttest_ind(c, b, equal_var=False).pvalue, rel=1e-6)
    narrowed = apply_filters(prepared, Filters(rows=prepared.responses.index[100:].tolist()))  # a filter left fewer
    by_response = persona.set_axis(prepared.responses.index)
    kept = frame.index >= 100
    narrowed_row = compare_personas(narrowed, by_response, ["Online", "In store", "Phone"], 0).set_index("metric").loc[
        "delivery"]
    assert narrowed_row["n_a"] == frame.loc[kept & persona.eq(0), "delivery"].notna().sum()
    assert narrowed_row["n_b"] == frame.loc[kept & persona.isin([1, 2]), "delivery"].notna().sum()


def test_two_proportion_z_equals_scipy(survey):
    frame, prepared = survey
    row = compare_groups(prepared, "segment").set_index("metric").loc["csat"]
    top2 = frame["csat"] >= 4
    a, b = top2[frame["segment"] == "online"], top2[frame["segment"] == "store"]
    table = [[a.sum(), len(a) - a.sum()], [b.sum(), len(b) - b.sum()]]
    chi2, p_value, _, _ = stats.chi2_contingency(table, correction=False)
    assert row["value_a"] == pytest.approx(100 * a.mean()) and row["value_b"] == pytest.approx(100 * b.mean())
    assert row["statistic"] ** 2 == pytest.approx(chi2, rel=1e-9)  # the z test is the 2x2 chi-square
    assert np.sign(row["statistic"]) == np.sign(a.mean() - b.mean())
    assert row["p_value"] == pytest.approx(p_value, rel=1e-6)
    # Newcombe's hybrid score interval, from scipy's Wilson intervals of each share
    wa = stats.binomtest(int(a.sum()), len(a)).proportion_ci(method="wilson")
    wb = stats.binomtest(int(b.sum()), len(b)).proportion_ci(method="wilson")
    d = a.mean() - b.mean()
    low = d - np.hypot(a.mean() - wa.low, wb.high - b.mean())
    high = d + np.hypot(wa.high - a.mean(), b.mean() - wb.low)
    assert (row["low"], row["high"]) == pytest.approx((100 * low, 100 * high), rel=1e-9)
    h = 2 * np.arcsin(np.sqrt(a.mean())) - 2 * np.arcsin(np.sqrt(b.mean()))
    assert row["effect_size"] == pytest.approx(h, rel=1e-9)


def nps_of(scores) -> float:
    return 100 * ((scores >= 9).mean() - (scores <= 6).mean())


def adjusted_wald(scores):
    """The adjusted-Wald NPS share and its variance, written out by hand (3/4 added to promoters and detractors)."""
    n = len(scores) + 3
    plus, minus = ((scores >= 9).sum() + 0.75) / n, ((scores <= 6).sum() + 0.75) / n
    return plus - minus, (plus + minus - (plus - minus) ** 2) / n


def test_nps_difference_is_an_analytic_z_test_on_adjusted_wald(survey):
    frame, prepared = survey
    row = compare_groups(prepared, "segment").set_index("metric").loc["nps"]
    a = frame.loc[frame["segment"] == "online", "recommend"].to_numpy()
    b = frame.loc[frame["segment"] == "store", "recommend"].to_numpy()
    (centre_a, var_a), (centre_b, var_b) = adjusted_wald(a), adjusted_wald(b)
    se = np.sqrt(var_a + var_b)
    z = (centre_a - centre_b) / se
    assert row["test"] == "nps_z"
    assert row["value_a"] == pytest.approx(nps_of(a)) and row["value_b"] == pytest.approx(nps_of(b))
    assert row["statistic"] == pytest.approx(z, rel=1e-12)
    assert row["p_value"] == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-9)
    assert (row["low"], row["high"]) == pytest.approx((100 * (centre_a - centre_b - 1.959964 * se),
                                                       100 * (centre_a - centre_b + 1.959964 * se)), rel=1e-6)
    assert (row["p_value"] < 0.05) == (row["low"] > 0 or row["high"] < 0)  # test and interval agree
    assert row["difference"] == pytest.approx(100 * (centre_a - centre_b), rel=1e-12)
    assert row["raw_difference"] == pytest.approx(nps_of(a) - nps_of(b))


def test_nps_difference_is_the_adjusted_centre_of_its_interval_five_promoters_against_five_detractors():
    """Measured, 5 promoters against 5 detractors differ by 200; the interval [61.3, 188.7] is centred on the
    adjusted difference, which is what the table and the finding show, the raw 200 beside it."""
    frame = pd.DataFrame({"group": ["a"] * 5 + ["b"] * 5, "nps": [10.0] * 5 + [0.0] * 5})
    table = compare_groups(prepared_from(frame, {"nps": "nps"}), "group")
    row = table.set_index("metric").loc["nps"]
    # by hand: each group has 5 + 3 = 8 adjusted answers; a: 5.75 promoters, 0.75 detractors; b the mirror
    plus, minus = 5.75 / 8, 0.75 / 8
    centre = (plus - minus) - (minus - plus)  # 1.25
    variance = 2 * (plus + minus - (plus - minus) ** 2) / 8
    half = stats.norm.ppf(0.975) * np.sqrt(variance)
    assert (row["value_a"], row["value_b"], row["raw_difference"]) == (100.0, -100.0, 200.0)
    assert row["difference"] == pytest.approx(100 * centre) == pytest.approx(125.0)
    assert (row["low"], row["high"]) == pytest.approx((100 * (centre - half), 100 * (centre + half)), rel=1e-9)
    assert row["low"] + row["high"] == pytest.approx(2 * row["difference"])  # the interval's own centre
    assert round(row["low"], 1) == 61.3 and round(row["high"], 1) == 188.7
    sentence = row["finding"].text("en")
    assert "is 125.0 NPS points (adjusted-Wald estimate" in sentence and "as measured 200.0" in sentence
    assert "125.0" in row["finding"].text("zh") and "200.0" in row["finding"].text("zh")


def test_nps_difference_can_be_far_below_the_old_resampling_floor():
    """2,000 permutations could never give p below 0.0005, so NPS never survived Holm over many metrics."""
    frame = pd.DataFrame({"group": ["a"] * 400 + ["b"] * 400,
                          "nps": [10.0] * 300 + [3.0] * 100 + [10.0] * 150 + [3.0] * 250})
    for i in range(40):
        frame[f"t{i}"] = np.tile([1.0, 2.0, 3.0, 4.0, 5.0], 160)
    roles = {"nps": "nps"} | {f"t{i}": "touchpoint" for i in range(40)}
    row = compare_groups(prepared_from(frame, roles), "group").set_index("metric").loc["nps"]
    assert row["p_value"] < 1e-20 and row["p_holm"] < 1e-18 and row["significant"]


@pytest.mark.parametrize("shares, sizes", [
    ((0.5, 0.3, 0.2), (10, 10)), ((0.5, 0.3, 0.2), (30, 30)), ((0.8, 0.15, 0.05), (15, 60)),
    ((0.9, 0.08, 0.02), (30, 30)), ((0.33, 0.34, 0.33), (100, 100)), ((0.2, 0.3, 0.5), (300, 1000)),
])
def test_nps_z_test_keeps_its_size_when_nothing_differs(shares, sizes):
    """Simulated: two groups from the same population are called different at most about 5% of the time."""
    from analysis.significance import nps_test as _nps_test

    rng = np.random.default_rng(sum(sizes))
    values = np.array([10.0, 8.0, 3.0])
    rejections = 0
    runs = 4000
    for _ in range(runs):
        a = rng.choice(values, size=sizes[0], p=shares)
        b = rng.choice(values, size=sizes[1], p=shares)
        rejections += _nps_test(a, b)["p_value"] < 0.05
    assert rejections / runs <= 0.05 + 2.5 * np.sqrt(0.05 * 0.95 / runs)


def test_csat_comparison_honours_a_reversed_scale():
    frame = pd.DataFrame({"group": ["a"] * 6 + ["b"] * 6, "csat": [1, 1, 2, 5, 3, 1, 5, 5, 4, 4, 3, 1.0]})
    rows = [{"column": "group", "role": "attribute", "scale_min": np.nan, "scale_max": np.nan, "reverse": False},
            {"column": "csat", "role": "csat", "scale_min": 1.0, "scale_max": 5.0, "reverse": True}]
    frame.index = frame.index + 2
    prepared = prepare(Export(name="reversed.csv", format="generic", frame=frame, questions={}), pd.DataFrame(rows))
    row = compare_groups(prepared, "group").set_index("metric").loc["csat"]
    assert row["value_a"] == pytest.approx(100 * 4 / 6)   # 1,1,2,1 are satisfied on a reversed 1-5 scale
    assert row["value_b"] == pytest.approx(100 * 1 / 6)


def test_conversion_is_compared(shared_data, prepared_file):
    path = shared_data / "online_shoppers_intention_sample.csv"
    raw = pd.read_csv(path)
    table = compare_groups(prepared_file(path), "VisitorType").set_index("metric")
    row = table.loc["conversion"]
    converted = raw["Revenue"].astype(bool)
    a, b = (converted[raw["VisitorType"] == group] for group in ("Returning_Visitor", "New_Visitor"))
    chi2, p_value, _, _ = stats.chi2_contingency([[a.sum(), len(a) - a.sum()], [b.sum(), len(b) - b.sum()]],
                                                 correction=False)
    assert (row["group_a"], row["group_b"]) == ("Returning_Visitor", "New_Visitor")
    assert (row["n_a"], row["n_b"]) == (len(a), len(b))
    assert row["value_a"] == pytest.approx(100 * a.mean()) and row["value_b"] == pytest.approx(100 * b.mean())
    assert row["p_value"] == pytest.approx(p_value, rel=1e-9) and row["test"] == "two_proportion_z"


def test_the_verdict_uses_the_holm_adjusted_p():
    """With many metrics and no real difference, a raw p below 0.05 is not called a difference."""
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"group": np.repeat(["x", "y"], 200)})
    for i in range(30):
        frame[f"t{i}"] = rng.integers(1, 6, size=400).astype(float)
    table = compare_groups(prepared_from(frame, {f"t{i}": "touchpoint" for i in range(30)}), "group")
    np.testing.assert_allclose(table["p_holm"], multipletests(table["p_value"], method="holm")[1])
    raw_hits = table[table["p_value"] < 0.05]
    assert len(raw_hits) == 4, "the seed is chosen so that chance alone gives raw p-values below 0.05"
    assert not table["significant"].any()
    assert summary(table).text() == ("None of the 30 metrics differs significantly between 'x' and 'y' "
                                     "(Holm-adjusted p < 0.05).")
    assert "Within noise" in raw_hits["finding"].iloc[0].text()


def test_practical_importance_is_judged_in_the_metrics_own_unit():
    """A 14.8-point NPS gap with Hedges' g below 0.2 ("negligible" to Cohen) clears the 5-point NPS threshold."""
    rng = np.random.default_rng(5)
    n = 6000
    a = rng.choice([10.0, 8.0, 3.0], size=n, p=[0.448, 0.20, 0.352])
    b = rng.choice([10.0, 8.0, 3.0], size=n, p=[0.40, 0.20, 0.40])
    frame = pd.DataFrame({"group": ["a"] * n + ["b"] * n, "nps": np.concatenate([a, b]),
                          "service": np.concatenate([rng.normal(3.05, 1, n), rng.normal(3.0, 1, n)]).round().clip(1, 5)})
    prepared = prepared_from(frame, {"nps": "nps", "service": "touchpoint"})
    table = compare_groups(prepared, "group").set_index("metric")
    nps = table.loc["nps"]
    assert nps["raw_difference"] == pytest.approx(nps_of(a) - nps_of(b)) and 9 < nps["difference"] < 20
    assert abs(nps["effect_size"]) < 0.2
    assert nps["threshold"] == 5.0 and nps["matters"] and nps["significant"]
    assert "large enough to matter (threshold: 5.0 NPS points)" in nps["finding"].text()
    service = table.loc["service"]
    assert service["threshold"] == pytest.approx(0.05 * 4)  # 0.2 points on a 1-5 scale
    strict = compare_groups(prepared, "group", thresholds=Thresholds(nps=20.0)).set_index("metric").loc["nps"]
    assert strict["threshold"] == 20.0 and not strict["matters"]
    assert "below the 20.0 NPS points that would matter" in strict["finding"].text()


def test_nps_without_a_real_difference_is_within_noise():
    rng = np.random.default_rng(12)
    frame = pd.DataFrame({"group": np.repeat(["x", "y"], 300), "nps": rng.integers(0, 11, size=600).astype(float),
                          "service": rng.integers(1, 6, size=600).astype(float)})
    table = compare_groups(prepared_from(frame, {"nps": "nps", "service": "touchpoint"}), "group")
    row = table.set_index("metric").loc["nps"]
    assert row["p_value"] > 0.05 and not row["significant"]
    assert "Within noise" in row["finding"].text()
    assert "随机波动" in row["finding"].text("zh")


def test_named_groups_small_sample_flag_and_sentences(survey):
    _, prepared = survey
    table = compare_groups(prepared, "segment", ("phone", "store")).set_index("metric")
    assert (table["group_a"] == "phone").all() and (table["n_a"] <= 12).all()
    assert all("Small sample: 'phone' (n = " in finding.text() for finding in table["finding"])
    full = compare_groups(prepared, "segment").set_index("metric")
    delivery = full.loc["delivery"]
    assert delivery["significant"] and delivery["matters"]
    assert delivery["finding"].text().startswith(
        f"'Delivery' is {delivery['difference']:.2f} points higher among 'online' than among 'store' "
        "(Welch t test, p < 0.001; Holm-adjusted p < 0.001). A real difference, large enough to matter")
    assert "Small sample" not in delivery["finding"].text()


def test_a_file_without_metrics_gives_an_empty_table_and_says_so():
    frame = pd.DataFrame({"group": ["a", "b"] * 20, "comment": ["fine"] * 40})
    table = compare_groups(prepared_from(frame, {"comment": "text"}), "group")
    assert table.empty and list(table.columns)[:3] == ["metric", "unit", "group_a"]
    assert summary(table).code == "compare.summary_empty"


def test_untestable_metrics_say_so_without_nan():
    frame = pd.DataFrame({"group": ["a"] * 30 + ["b"], "service": [3.0] * 15 + [4.0] * 15 + [5.0]})
    table = compare_groups(prepared_from(frame, {"service": "touchpoint"}), "group")
    sentence = table["finding"].iloc[0].text()
    # touchpoints are named by their short label (derived from the header, editable in the mapping)
    assert sentence == "'Service' can't be compared between 'a' and 'b': too few answers ('a': n = 30, 'b': n = 1)."
    assert summary(table).code == "compare.summary_untestable"
    assert "nan" not in json.dumps(to_records(table)).lower()


def test_blank_and_numeric_group_values():
    rng = np.random.default_rng(14)
    frame = pd.DataFrame({"floor": rng.choice([0.0, 1.0, np.nan], size=300),
                          "service": rng.integers(1, 6, size=300).astype(float)})
    frame.loc[frame.index[:5], "floor"] = np.nan
    prepared = prepared_from(frame, {"service": "touchpoint"})
    assert group_options(prepared, "floor") == ["0", "1"]
    table = compare_groups(prepared, "floor", ("1", "0"))
    row = table.iloc[0]
    assert (row["group_a"], row["group_b"]) == ("1", "0")
    assert (row["n_a"], row["n_b"]) == ((frame["floor"] == 1).sum(), (frame["floor"] == 0).sum())


def test_a_numeric_column_is_compared_by_bands():
    rng = np.random.default_rng(15)
    age = rng.integers(18, 80, size=400).astype(float)
    frame = pd.DataFrame({"Age": age, "service": rng.integers(1, 6, size=400).astype(float)})
    prepared = prepared_from(frame, {"service": "touchpoint"})
    quartiles = np.ceil(np.quantile(age, [0.25, 0.5, 0.75]))
    options = group_options(prepared, "Age")
    assert options[0] == f"18–{quartiles[0] - 1:.0f}" and len(options) == 4
    table = compare_groups(prepared, "Age", (options[0], options[-1]))
    assert table.iloc[0]["n_a"] == ((age >= 18) & (age < quartiles[0])).sum()
    assert table.iloc[0]["n_b"] == (age >= quartiles[2]).sum()


def test_p_formatting():
    assert [format_p(p) for p in (0.0001, 0.004, 0.41, 0.0503, 0.0449)] == \
        ["p < 0.001", "p = 0.004", "p = 0.41", "p = 0.050", "p = 0.045"]


def test_errors_name_the_problem(survey):
    _, prepared = survey
    with pytest.raises(InputError, match="'region' is not a column"):
        compare_groups(prepared, "region")
    with pytest.raises(InputError, match="no group 'web'.*'online', 'phone', 'store'"):
        compare_groups(prepared, "segment", ("online", "web"))
    single = pd.DataFrame({"segment": ["a"] * 40, "delivery": [3.0] * 40})
    with pytest.raises(InputError, match="only 'a'"):
        compare_groups(prepared_from(single, {"delivery": "touchpoint"}), "segment")
    with pytest.raises(InputError, match="only 'a'") as err:
        default_groups(prepared_from(single, {"delivery": "touchpoint"}), "segment")
    assert err.value.text("zh") == "列 “segment” 只有 “a” 一个组，无法对比两个组；请换一列。"


def test_works_on_130k_rows():
    """The size of the full airline survey (its speed is measured by bench/, not here)."""
    rng = np.random.default_rng(13)
    n = 130_000
    frame = pd.DataFrame({"group": rng.choice(["a", "b", "c"], size=n), "nps": rng.integers(0, 11, size=n)})
    for i in range(14):
        frame[f"touchpoint {i}"] = rng.integers(1, 6, size=n)
    frame = frame.astype({column: float for column in frame.columns[1:]})
    prepared = prepared_from(frame, {"nps": "nps"} | {f"touchpoint {i}": "touchpoint" for i in range(14)})
    table = compare_groups(prepared, "group")
    assert len(table) == 15


@pytest.fixture(scope="module")
def airline(shared_data, prepared_file):
    path = shared_data / AIRLINE
    return path, pd.read_csv(path), prepared_file(path)


def test_airline_business_vs_personal_satisfied_share(airline):
    _, raw, prepared = airline
    table = compare_groups(prepared, "Type of Travel").set_index("metric")
    row = table.loc["satisfied"]
    assert (row["group_a"], row["group_b"]) == ("Business travel", "Personal Travel")
    share = (raw["satisfaction"] == "satisfied").groupby(raw["Type of Travel"]).mean() * 100
    counts = raw["Type of Travel"].value_counts()
    assert row["difference"] == pytest.approx(share["Business travel"] - share["Personal Travel"], abs=1e-9)
    assert (row["n_a"], row["n_b"]) == (counts["Business travel"], counts["Personal Travel"])
    assert row["significant"] and row["matters"]
    assert len(table) == 1 + 14  # satisfied share and every touchpoint
    wifi = table.loc["Inflight wifi service"]
    valid = raw[raw["Inflight wifi service"] > 0]
    assert wifi["n_a"] == (valid["Type of Travel"] == "Business travel").sum()


def test_cli_compare_prints_json(airline, run_cli):
    path, _, _ = airline
    run = run_cli("compare", str(path), "--by", "Type of Travel", "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["file"] == AIRLINE and result["by"] == "Type of Travel"
    assert result["groups"] == ["Business travel", "Personal Travel"]
    assert len(result["comparisons"]) == 15
    first = result["comparisons"][0]
    assert first["metric"] == "satisfied" and isinstance(first["significant"], bool)
    assert set(first) >= {"metric", "unit", "group_a", "value_a", "n_a", "group_b", "value_b", "n_b", "difference",
                          "low", "high", "test", "statistic", "p_value", "p_holm", "p_text", "effect_size",
                          "threshold", "matters", "significant", "sentence"}
    assert result["summary"].startswith("15 of 15 metrics differ significantly") or "of 15 metrics" in result["summary"]
    chinese = run_cli("compare", str(path), "--by", "Type of Travel", "--json", "--lang", "zh")
    assert "显著差异" in json.loads(chinese.stdout)["summary"]
    named = run_cli("compare", str(path), "--by", "Class", "--groups", "Eco Plus,Business", "--json")
    assert named.returncode == 0, named.stderr
    assert json.loads(named.stdout)["groups"] == ["Eco Plus", "Business"]


@pytest.mark.parametrize("args, words", [
    (["--by", "Nope"], "'Nope' is not a column"),
    (["--by", "Class", "--groups", "Eco,First"], "no group 'First'"),
    (["--by", "Class", "--groups", "Eco"], "--groups takes two group names"),
])
def test_cli_compare_errors_exit_2_with_one_line(airline, args, words, run_cli):
    path, _, _ = airline
    run = run_cli("compare", str(path), *args, "--json")
    assert run.returncode == 2 and run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0]


def test_holm_adjustment_matches_hand_computation():
    from analysis.significance import holm
    p = np.array([0.01, 0.04, np.nan, 0.03, 0.5])
    # sorted 0.01, 0.03, 0.04, 0.5 with multipliers 4, 3, 2, 1 and running maximum
    expected = [0.04, 0.09, np.nan, 0.09, 0.5]
    np.testing.assert_allclose(holm(p), expected)
