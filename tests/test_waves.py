"""Waves: matching a new export's columns to the survey's, stacking them, every metric per wave and its change,
each test checked against statsmodels / scipy or a hand computation."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from analysis.errors import InputError
from analysis.io import Export, load_export
from analysis.prepare import prepare
from analysis.schema import detect_roles
from analysis.waves import (
    match_columns,
    panel_ids,
    stack_waves,
    stacked_export,
    wave_column_name,
    wave_metrics,
)
from tests.tables import prepared_from

AIRLINE = "airline_passenger_satisfaction_sample.csv"
RENAMED = {"Seat comfort": "Seat Comfort!", "Gate location": "gate_location",
           "Inflight wifi service": "In-flight wifi service", "Cleanliness": "Cleanliness of the cabin"}


@pytest.fixture(scope="module")
def airline_waves(shared_data):
    """The airline survey split in two waves: the second with renamed, reordered columns, slightly different
    wording and one question ("Food and drink") dropped."""
    raw = pd.read_csv(shared_data / AIRLINE, dtype=str, keep_default_na=False)
    first, second = raw.iloc[:2000], raw.iloc[2000:].rename(columns=RENAMED).drop(columns="Food and drink")
    second = second[list(reversed(second.columns))]
    return (load_export(first.to_csv(index=False).encode(), name="wave1.csv"),
            load_export(second.to_csv(index=False).encode(), name="wave2.csv"))


def test_matching_a_real_export_by_header_question_label_and_similar_wording(airline_waves):
    base, wave = airline_waves
    table = match_columns(base, wave).set_index("wave_column")
    assert len(table) == len(wave.frame.columns)
    assert table.loc["Class", ["base_column", "rule"]].tolist() == ["Class", "header"]
    assert table.loc["Seat Comfort!", ["base_column", "rule"]].tolist() == ["Seat comfort", "question"]
    assert table.loc["gate_location", ["base_column", "rule"]].tolist() == ["Gate location", "label"]
    assert table.loc["In-flight wifi service", ["base_column", "rule"]].tolist() == ["Inflight wifi service", "similar"]
    assert table.loc["In-flight wifi service", "similarity"] >= 0.85
    # "Cleanliness of the cabin" is too far from "Cleanliness" (ratio 0.63): the researcher matches it by hand
    assert pd.isna(table.loc["Cleanliness of the cabin", "base_column"])
    assert table.attrs["missing"] == ["Food and drink", "Cleanliness"]
    assert table["base_column"].dropna().is_unique  # one to one
    assert table.loc[table["rule"] == "header"].index.tolist() == \
        [column for column in wave.frame.columns if column in base.frame.columns]


def _export(columns: dict[str, str], rows: int = 3) -> Export:
    """An export whose columns (keys) carry questions (values), as a Qualtrics export's second header row does."""
    frame = pd.DataFrame({column: ["1"] * rows for column in columns})
    return Export(name="x.csv", format="qualtrics", frame=frame, questions=dict(columns))


def test_a_renumbered_question_matches_by_its_short_label_and_ambiguous_texts_match_nothing():
    base = _export({"Q5": "Q5. How satisfied were you with the check-in process?",
                    "Q6_1": "How would you rate the following? - Food", "Q6_2": "How would you rate the following? - Food",
                    "Q9": "Anything else?"})
    wave = _export({"Q7": "Q7. How satisfied were you with the check-in process?",
                    "Q8_1": "How would you rate the following? - Food", "Q10": "Anything else? "})
    table = match_columns(base, wave).set_index("wave_column")
    assert table.loc["Q7", ["base_column", "rule"]].tolist() == ["Q5", "label"]
    assert pd.isna(table.loc["Q8_1", "base_column"])  # two base columns ask it: the researcher chooses
    assert table.loc["Q10", ["base_column", "rule"]].tolist() == ["Q9", "question"]
    assert table.attrs["missing"] == ["Q6_1", "Q6_2"]


def test_stacking_counts_every_row_and_every_column_left_out_and_changes_no_input(airline_waves):
    base, wave = airline_waves
    match = dict(zip(*match_columns(base, wave)[["wave_column", "base_column"]].T.to_numpy()))
    match["Cleanliness of the cabin"] = "Cleanliness"  # the researcher's correction
    match["Class"] = None  # and a column left out on purpose
    match["Age"] = "Gender"  # and a second column pointing where another already goes: in the wave's (reversed)
    match["Gender"] = "Gender"  # column order Age comes first, so the wave's own Gender column is left out
    before = [base.frame.copy(), wave.frame.copy()]
    stacked = stack_waves([base.frame, wave.frame], [match], ["2024", "2025"])
    pd.testing.assert_frame_equal(base.frame, before[0])
    pd.testing.assert_frame_equal(wave.frame, before[1])
    assert stacked.rows == {"2024": 2000, "2025": 3000}
    assert len(stacked.frame) == 5000 and stacked.frame.index.tolist() == list(range(1, 5001))
    assert list(stacked.frame.columns) == [*base.frame.columns, "wave"]
    assert stacked.frame["wave"].cat.ordered and list(stacked.frame["wave"].cat.categories) == ["2024", "2025"]
    reasons = {(row.column, row.reason) for row in stacked.report.itertuples()}
    assert reasons == {("Class", "not_used"), ("Gender", "same_column"), ("Food and drink", "not_in_wave"),
                       ("Class", "not_in_wave"), ("Age", "not_in_wave")}
    second = stacked.frame[stacked.frame["wave"] == "2025"]
    assert second["Food and drink"].isna().all() and second["Class"].isna().all()
    assert second["Cleanliness"].tolist() == wave.frame["Cleanliness of the cabin"].tolist()
    assert second["Gender"].tolist() == wave.frame["Age"].tolist()
    assert second["Seat comfort"].tolist() == wave.frame["Seat Comfort!"].tolist()
    assert stacked.frame.loc[stacked.frame["wave"] == "2024", "Class"].tolist() == base.frame["Class"].tolist()


def test_stacking_refuses_blank_or_repeated_labels_and_unknown_columns(airline_waves):
    base, wave = airline_waves
    with pytest.raises(InputError, match="own label"):
        stack_waves([base.frame, wave.frame], [{}], ["Wave 1", "Wave 1"])
    with pytest.raises(InputError, match="own label"):
        stack_waves([base.frame, wave.frame], [{}], ["Wave 1", " "])
    with pytest.raises(InputError, match="'Nope', which is not a column of the first wave"):
        stack_waves([base.frame, wave.frame], [{"Class": "Nope"}], ["Wave 1", "Wave 2"])
    with pytest.raises(InputError, match="one label per file"):
        stack_waves([base.frame, wave.frame], [{}], ["Wave 1"])


def test_the_wave_column_never_takes_an_existing_name():
    assert wave_column_name(["id", "score"]) == "wave"
    assert wave_column_name(["wave", "wave (2)"]) == "wave (3)"


def test_a_panel_repeats_ids_across_waves_not_within_one():
    frame = pd.DataFrame({"id": ["a", "b", "a", "c", "c"], "wave": ["1", "1", "2", "2", "2"]})
    assert panel_ids(frame, "id", "wave") == 1  # "a" in both waves; "c" twice in one wave is not a panel


# Metrics per wave ------------------------------------------------------------------------------------------

def _waves(frames: dict[str, pd.DataFrame], reverse=()) -> tuple[pd.DataFrame, object]:
    frame = pd.concat([part.assign(wave=label) for label, part in frames.items()], ignore_index=True)
    roles = {"recommend": "nps", "csat": "csat", "ces": "ces", "delivery": "touchpoint", "packaging": "touchpoint"}
    return frame, prepared_from(frame, {column: role for column, role in roles.items() if column in frame},
                                reverse=reverse)


def _survey(rng, n: int, shift: float = 0.0) -> pd.DataFrame:
    return pd.DataFrame({
        "recommend": np.clip(np.round(rng.normal(7 + shift, 2.2, size=n)), 0, 10),
        "csat": np.clip(np.round(rng.normal(3.4 + shift / 2, 1.0, size=n)), 1, 5),
        "ces": np.clip(np.round(rng.normal(4.0, 1.2, size=n)), 1, 7),
        "delivery": np.clip(np.round(rng.normal(3.0 + shift / 2, 1.0, size=n)), 1, 5),
    })


def _adjusted_wald(scores):
    n = len(scores) + 3
    plus, minus = ((scores >= 9).sum() + 0.75) / n, ((scores <= 6).sum() + 0.75) / n
    return plus - minus, (plus + minus - (plus - minus) ** 2) / n


def test_per_wave_metrics_and_changes_match_statsmodels_and_scipy():
    rng = np.random.default_rng(7)
    frame, prepared = _waves({"W1": _survey(rng, 500), "W2": _survey(rng, 450, shift=0.6)})
    table = wave_metrics(prepared, "wave")
    assert table.attrs["waves"] == ["W1", "W2"]
    one, two = (frame[frame["wave"] == label] for label in ("W1", "W2"))
    rows = table.set_index(["metric", "wave"])
    # CSAT: top-2 boxes, Wilson interval per wave; change by the pooled two-proportion z test
    top_1, top_2 = (part["csat"] >= 4 for part in (one, two))
    low, high = (100 * bound for bound in proportion_confint(top_2.sum(), len(two), method="wilson"))
    assert rows.loc[("csat", "W2"), ["value", "low", "high", "n"]].tolist() == \
        pytest.approx([100 * top_2.mean(), low, high, len(two)])
    z, p = proportions_ztest([top_2.sum(), top_1.sum()], [len(two), len(one)])
    assert rows.loc[("csat", "W2"), "p_value"] == pytest.approx(p, rel=1e-9)
    assert rows.loc[("csat", "W2"), "change"] == pytest.approx(100 * (top_2.mean() - top_1.mean()))
    # touchpoint and CES means: Welch's t test
    for column in ("delivery", "ces"):
        welch = stats.ttest_ind(two[column].dropna(), one[column].dropna(), equal_var=False)
        assert rows.loc[(column, "W2"), "p_value"] == pytest.approx(welch.pvalue, rel=1e-9)
        assert rows.loc[(column, "W2"), "value"] == pytest.approx(two[column].mean())
    # NPS: z test on the adjusted-Wald NPS of each wave
    (centre_2, var_2), (centre_1, var_1) = _adjusted_wald(two["recommend"]), _adjusted_wald(one["recommend"])
    z = (centre_2 - centre_1) / np.sqrt(var_1 + var_2)
    assert rows.loc[("nps", "W2"), "p_value"] == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-9)
    # Holm over the metrics of the pair of waves
    tested = table[table["wave"] == "W2"]
    expected = multipletests(tested["p_value"], method="holm")[1]
    assert tested["p_holm"].to_numpy() == pytest.approx(expected)
    assert tested["significant"].tolist() == (expected < 0.05).tolist()
    assert tested.set_index("metric").loc[["nps", "csat", "delivery"], "significant"].all()
    assert table[table["wave"] == "W1"]["p_value"].isna().all()  # the first wave has nothing before it


def test_identical_waves_change_nothing_and_nothing_is_significant():
    part = _survey(np.random.default_rng(3), 300)
    _, prepared = _waves({"A": part, "B": part.copy()})
    changed = wave_metrics(prepared, "wave").query("wave == 'B'")
    assert changed["change"].abs().max() == pytest.approx(0)
    assert changed["p_value"].min() == pytest.approx(1.0) and not changed["significant"].any()


def test_a_tiny_wave_is_shown_flagged_and_untested_where_its_test_needs_two_answers():
    rng = np.random.default_rng(5)
    frame, prepared = _waves({"big": _survey(rng, 200), "tiny": _survey(rng, 1), "small": _survey(rng, 4)})
    table = wave_metrics(prepared, "wave").set_index(["metric", "wave"])
    assert table.loc[("delivery", "tiny"), "n"] == 1 and table.loc[("delivery", "tiny"), "small_sample"]
    for label in ("tiny", "small"):  # Welch's t needs two answers on each side: one answer cannot be tested
        assert np.isnan(table.loc[("delivery", label), "p_value"]) and not table.loc[("delivery", label), "significant"]
    top = {label: (frame.loc[frame["wave"] == label, "csat"] >= 4).sum() for label in ("big", "tiny")}
    assert table.loc[("csat", "tiny"), "p_value"] == pytest.approx(
        proportions_ztest([top["tiny"], top["big"]], [1, 200])[1], rel=1e-9)


def test_three_waves_test_each_against_the_one_before_with_holm_per_pair():
    rng = np.random.default_rng(9)
    frame, prepared = _waves({"Q1": _survey(rng, 300), "Q2": _survey(rng, 300, 0.8), "Q3": _survey(rng, 300, 0.8)})
    table = wave_metrics(prepared, "wave")
    q3 = table[table["wave"] == "Q3"].set_index("metric")
    two, three = (frame[frame["wave"] == label] for label in ("Q2", "Q3"))
    welch = stats.ttest_ind(three["delivery"], two["delivery"], equal_var=False)
    assert q3.loc["delivery", "p_value"] == pytest.approx(welch.pvalue, rel=1e-9)
    for label in ("Q2", "Q3"):
        pair = table[table["wave"] == label]
        assert pair["p_holm"].to_numpy() == pytest.approx(multipletests(pair["p_value"], method="holm")[1])
    assert table[table["wave"] == "Q2"]["significant"].any()


def test_a_reversed_scale_counts_its_low_answers_as_satisfied():
    one = pd.DataFrame({"csat": [1, 1, 2, 5, 3, 1.0]})
    two = pd.DataFrame({"csat": [5, 5, 4, 4, 3, 1.0]})
    _, prepared = _waves({"A": one, "B": two}, reverse=("csat",))
    rows = wave_metrics(prepared, "wave").set_index(["metric", "wave"])
    assert rows.loc[("csat", "A"), "value"] == pytest.approx(100 * 4 / 6)
    assert rows.loc[("csat", "B"), "value"] == pytest.approx(100 * 1 / 6)
    assert rows.loc[("csat", "B"), "p_value"] == pytest.approx(proportions_ztest([1, 4], [6, 6])[1])


def test_equal_weights_give_the_unweighted_waves():
    rng = np.random.default_rng(2)
    _, prepared = _waves({"A": _survey(rng, 250), "B": _survey(rng, 250, 0.4)})
    plain = wave_metrics(prepared, "wave")
    weighted = wave_metrics(prepared, "wave", weights=pd.Series(2.0, index=prepared.responses.index))
    for column in ("value", "low", "high", "change"):
        assert weighted[column].to_numpy() == pytest.approx(plain[column].to_numpy(), nan_ok=True)
    assert weighted["effective_n"].to_numpy() == pytest.approx(plain["n"].to_numpy())
    assert weighted["p_value"].to_numpy() == pytest.approx(plain["p_value"].to_numpy(), nan_ok=True, rel=1e-9)


def test_unequal_weights_move_the_estimate_and_shrink_the_effective_n():
    frame = pd.DataFrame({"csat": [5, 5, 1, 1, 5, 1, 1, 1.0], "wave": ["A"] * 4 + ["B"] * 4})
    prepared = prepared_from(frame, {"csat": "csat"})
    weights = pd.Series([3, 1, 1, 1, 1, 1, 1, 1.0], index=prepared.responses.index)
    row = wave_metrics(prepared, "wave", weights=weights).set_index(["metric", "wave"]).loc[("csat", "A")]
    assert row["value"] == pytest.approx(100 * 4 / 6)  # (3 + 1) of 6 weighted answers in the top boxes
    assert row["effective_n"] == pytest.approx(6 ** 2 / 12)  # Kish: (Σw)² / Σw²


def test_stacked_airline_waves_give_every_metric_per_wave(airline_waves):
    base, wave = airline_waves
    match = dict(zip(*match_columns(base, wave)[["wave_column", "base_column"]].T.to_numpy()))
    export, stacked = stacked_export([base, wave], [match], ["Wave 1", "Wave 2"])
    prepared = prepare(export, detect_roles(export))
    table = wave_metrics(prepared, stacked.column)
    satisfied = table[table["metric"] == "satisfied"].set_index("wave")
    first = (base.frame["satisfaction"] == "satisfied").mean()
    second = (wave.frame["satisfaction"] == "satisfied").mean()
    assert satisfied.loc["Wave 1", "value"] == pytest.approx(100 * first)
    assert satisfied.loc["Wave 2", "value"] == pytest.approx(100 * second)
    food = table[table["metric"] == "Food and drink"]
    assert food["wave"].astype(str).tolist() == ["Wave 1"]  # the second wave did not ask it
    with pytest.raises(InputError, match="holding the waves"):
        wave_metrics(prepared, "no such column")
