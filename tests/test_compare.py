"""Group comparisons: each test checked against scipy.stats or pandas by hand."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.compare import compare_groups, default_groups, effect_label, format_p
from analysis.errors import InputError
from analysis.io import Export, load_export
from analysis.prepare import prepare
from analysis.schema import detect_roles

ROOT = Path(__file__).resolve().parents[1]
AIRLINE = "airline_passenger_satisfaction_sample.csv"


def prepared_from(frame: pd.DataFrame, roles: dict[str, str]):
    """Prepare a hand-made table: NPS on 0..10, CES on 1..7, CSAT and touchpoints on 1..5."""
    scales = {"nps": (0.0, 10.0), "ces": (1.0, 7.0), "csat": (1.0, 5.0), "touchpoint": (1.0, 5.0)}

    def scale_of(column):
        return scales.get(roles.get(column), (np.nan, np.nan))

    rows = [{"column": column, "role": roles.get(column, "attribute"), "scale_min": scale_of(column)[0],
             "scale_max": scale_of(column)[1]} for column in frame.columns]
    frame = frame.copy()
    frame.index = frame.index + 2
    return prepare(Export(name="hand.csv", format="generic", frame=frame, questions={}), pd.DataFrame(rows))


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
    assert table.attrs == {"by": "segment", "groups": ["online", "store"]}
    assert default_groups(prepared, "segment") == ("online", "store")
    assert table["significant"].dtype == bool
    assert (table["difference"] == table["value_a"] - table["value_b"]).all()
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
    assert row["test"] == "Welch t" and row["significant"] == (reference.pvalue < 0.05)


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


def test_nps_bootstrap_is_deterministic_and_brackets_the_difference(survey):
    frame, prepared = survey
    first = compare_groups(prepared, "segment").set_index("metric").loc["nps"]
    second = compare_groups(prepared, "segment").set_index("metric").loc["nps"]
    pd.testing.assert_series_equal(first, second)

    def nps(scores):
        return 100 * ((scores >= 9).mean() - (scores <= 6).mean())

    a = frame.loc[frame["segment"] == "online", "recommend"].to_numpy()
    b = frame.loc[frame["segment"] == "store", "recommend"].to_numpy()
    assert first["value_a"] == pytest.approx(nps(a)) and first["value_b"] == pytest.approx(nps(b))
    assert first["low"] < first["difference"] < first["high"]
    # the multinomial shortcut gives the same interval as resampling respondents one by one
    rng = np.random.default_rng(123)
    naive = [nps(rng.choice(a, len(a))) - nps(rng.choice(b, len(b))) for _ in range(2000)]
    assert first["low"] == pytest.approx(np.percentile(naive, 2.5), abs=2.0)
    assert first["high"] == pytest.approx(np.percentile(naive, 97.5), abs=2.0)
    # and a permutation p-value close to the normal approximation with the multinomial variances
    def variance(scores):
        promoters, detractors = (scores >= 9).mean(), (scores <= 6).mean()
        return (promoters + detractors - (promoters - detractors) ** 2) / len(scores)

    z = (nps(a) - nps(b)) / 100 / np.sqrt(variance(a) + variance(b))
    assert 0.005 < first["p_value"] < 0.05  # a moderate difference, where the p-value matters
    assert first["p_value"] == pytest.approx(2 * stats.norm.sf(abs(z)), abs=0.01)
    pooled = np.concatenate([a, b])
    shuffled = [rng.permutation(pooled) for _ in range(2000)]
    permuted = np.array([nps(s[:len(a)]) - nps(s[len(a):]) for s in shuffled])
    assert first["p_value"] == pytest.approx((np.abs(permuted) >= abs(nps(a) - nps(b))).mean(), abs=0.01)
    assert first["test"] == "bootstrap" and 1 / 2001 <= first["p_value"] <= 1


def test_nps_without_a_real_difference_is_within_noise():
    rng = np.random.default_rng(12)
    frame = pd.DataFrame({"group": np.repeat(["x", "y"], 300), "nps": rng.integers(0, 11, size=600).astype(float),
                          "service": rng.integers(1, 6, size=600).astype(float)})
    table = compare_groups(prepared_from(frame, {"nps": "nps", "service": "touchpoint"}), "group")
    row = table.set_index("metric").loc["nps"]
    assert row["p_value"] > 0.05 and not row["significant"]
    assert "within noise" in row["sentence"]


def test_named_groups_small_sample_flag_and_sentences(survey):
    _, prepared = survey
    table = compare_groups(prepared, "segment", ("phone", "store")).set_index("metric")
    assert (table["group_a"] == "phone").all() and (table["n_a"] <= 12).all()
    assert all("Small sample: phone (n = " in sentence for sentence in table["sentence"])
    full = compare_groups(prepared, "segment").set_index("metric")
    delivery = full.loc["delivery"]
    assert delivery["significant"]
    assert delivery["sentence"].startswith(f"delivery is rated {delivery['difference']:.2f} points higher by online "
                                           "than by store (Welch t, p < 0.001")
    assert delivery["sentence"].endswith("a real difference.")
    assert "Small sample" not in delivery["sentence"]


def test_blank_and_numeric_group_values():
    rng = np.random.default_rng(14)
    frame = pd.DataFrame({"floor": rng.choice([1.0, 2.0, np.nan], size=300),
                          "service": rng.integers(1, 6, size=300).astype(float)})
    frame.loc[frame.index[:5], "floor"] = np.nan
    table = compare_groups(prepared_from(frame, {"service": "touchpoint"}), "floor", ("2", "1"))
    row = table.iloc[0]
    assert (row["group_a"], row["group_b"]) == ("2", "1")
    assert (row["n_a"], row["n_b"]) == ((frame["floor"] == 2).sum(), (frame["floor"] == 1).sum())


def test_effect_labels_and_p_formatting():
    assert [effect_label(v) for v in (0.1, -0.3, 0.6, -1.2, float("nan"))] == \
        ["negligible", "small", "medium", "large", None]
    assert [format_p(p) for p in (0.0001, 0.004, 0.41, 0.0503, 0.0449)] == \
        ["p < 0.001", "p = 0.004", "p = 0.41", "p = 0.050", "p = 0.045"]


def test_errors_name_the_problem(survey):
    _, prepared = survey
    with pytest.raises(InputError, match="'region' is not a column"):
        compare_groups(prepared, "region")
    with pytest.raises(InputError, match="no group 'web'.*'online', 'store', 'phone'"):
        compare_groups(prepared, "segment", ("online", "web"))
    single = pd.DataFrame({"segment": ["a"] * 40, "delivery": [3.0] * 40})
    with pytest.raises(InputError, match="only 'a'"):
        compare_groups(prepared_from(single, {"delivery": "touchpoint"}), "segment")
    with pytest.raises(InputError, match="only 'a'"):
        default_groups(prepared_from(single, {"delivery": "touchpoint"}), "segment")


def test_fast_on_130k_rows():
    rng = np.random.default_rng(13)
    n = 130_000
    frame = pd.DataFrame({"group": rng.choice(["a", "b", "c"], size=n), "nps": rng.integers(0, 11, size=n)})
    for i in range(14):
        frame[f"touchpoint {i}"] = rng.integers(1, 6, size=n)
    frame = frame.astype({column: float for column in frame.columns[1:]})
    prepared = prepared_from(frame, {"nps": "nps"} | {f"touchpoint {i}": "touchpoint" for i in range(14)})
    compare_groups(prepared, "group")  # warm-up: first scipy import
    start = time.perf_counter()
    table = compare_groups(prepared, "group")
    assert time.perf_counter() - start < 1.0
    assert len(table) == 15


@pytest.fixture(scope="module")
def airline(shared_data):
    path = shared_data / AIRLINE
    export = load_export(path)
    return path, pd.read_csv(path), prepare(export, detect_roles(export))


def test_airline_business_vs_personal_satisfied_share(airline):
    _, raw, prepared = airline
    table = compare_groups(prepared, "Type of Travel").set_index("metric")
    row = table.loc["satisfied"]
    assert (row["group_a"], row["group_b"]) == ("Business travel", "Personal Travel")
    share = (raw["satisfaction"] == "satisfied").groupby(raw["Type of Travel"]).mean() * 100
    counts = raw["Type of Travel"].value_counts()
    assert row["difference"] == pytest.approx(share["Business travel"] - share["Personal Travel"], abs=1e-9)
    assert (row["n_a"], row["n_b"]) == (counts["Business travel"], counts["Personal Travel"])
    assert row["significant"] and row["effect_label"] == "large"
    assert len(table) == 1 + 14  # satisfied share and every touchpoint
    wifi = table.loc["Inflight wifi service"]
    valid = raw[raw["Inflight wifi service"] > 0]
    assert wifi["n_a"] == (valid["Type of Travel"] == "Business travel").sum()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", "compare", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_cli_compare_prints_json(airline):
    path, _, _ = airline
    run = run_cli(str(path), "--by", "Type of Travel", "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["file"] == AIRLINE and result["by"] == "Type of Travel"
    assert result["groups"] == ["Business travel", "Personal Travel"]
    assert len(result["comparisons"]) == 15
    first = result["comparisons"][0]
    assert first["metric"] == "satisfied" and isinstance(first["significant"], bool)
    assert set(first) >= {"metric", "group_a", "value_a", "n_a", "group_b", "value_b", "n_b", "difference", "low",
                          "high", "test", "statistic", "p_value", "effect_size", "effect_label", "significant",
                          "sentence"}
    named = run_cli(str(path), "--by", "Class", "--groups", "Eco Plus,Business", "--json")
    assert named.returncode == 0, named.stderr
    assert json.loads(named.stdout)["groups"] == ["Eco Plus", "Business"]


@pytest.mark.parametrize("args, words", [
    (["--by", "Nope"], "'Nope' is not a column"),
    (["--by", "Class", "--groups", "Eco,First"], "no group 'First'"),
    (["--by", "Class", "--groups", "Eco"], "--groups takes two group names"),
])
def test_cli_compare_errors_exit_2_with_one_line(airline, args, words):
    path, _, _ = airline
    run = run_cli(str(path), *args, "--json")
    assert run.returncode == 2 and run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0]


def test_holm_adjustment_matches_hand_computation():
    from analysis.compare import holm
    p = np.array([0.01, 0.04, np.nan, 0.03, 0.5])
    # sorted 0.01, 0.03, 0.04, 0.5 with multipliers 4, 3, 2, 1 and running maximum
    expected = [0.04, 0.09, np.nan, 0.09, 0.5]
    np.testing.assert_allclose(holm(p), expected)
