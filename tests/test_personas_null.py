"""Personas that can say "no clear groups": the null reference, stability with its spread, the overall rating
level, traits checked on held-out rows, bookkeeping columns, and Compare leaving out what formed the personas.
Checked against scikit-learn, scipy and hand computations."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.metrics import adjusted_rand_score, roc_auc_score
from statsmodels.stats.multitest import multipletests

from analysis import cli
from analysis.compare import compare_personas, summary
from analysis.personas.build import LEVEL_DRIVEN, build_personas, held_out_labels, persona_features
from analysis.personas.choose_k import MIN_GAP, NULL_SPREADS, recommend, sample_rows
from analysis.personas.features import default_features, level_share, rating_features
from analysis.personas.model import PersonaModel

TOUCHPOINTS = ["Booking", "Check-in", "Boarding", "Seat", "Meal", "Baggage"]


def ratings_csv(tmp_path, values: np.ndarray, name: str = "ratings.csv", **extra) -> str:
    """A survey of 1-5 ratings (one column per touchpoint) written as a CSV; ``extra`` columns added as given."""
    columns = [f"Rating of {TOUCHPOINTS[i % 6]} {i // 6 + 1}" for i in range(values.shape[1])]
    frame = pd.DataFrame(np.clip(np.rint(values), 1, 5).astype(int), columns=columns).assign(**extra)
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return str(path)


def planted(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Three groups of respondents with different profiles (same average level): each rates its own three
    touchpoints of nine high."""
    rng = np.random.default_rng(seed)
    group = np.repeat([0, 1, 2], [160, 120, 80])
    profiles = np.where(np.arange(9) // 3 == np.arange(3)[:, None], 5.0, 2.0)
    return profiles[group] + rng.normal(0, 0.6, (len(group), 9)), group


def personas_json(path: str, capsys, *args: str) -> dict:
    assert cli.main(["personas", path, "--k", "auto", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


# No clear groups ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("rows, columns, seed, skewed", [(300, 8, 1, False), (60, 6, 2, False), (1500, 6, 3, True)])
def test_structureless_ratings_have_no_clear_groups(tmp_path, capsys, rows, columns, seed, skewed):
    rng = np.random.default_rng(seed)
    if skewed:  # independent columns, most answers 4 or 5: shuffling keeps each column's own distribution
        values = rng.choice([1, 2, 3, 4, 5], size=(rows, columns), p=[0.05, 0.05, 0.15, 0.35, 0.4])
    else:
        values = rng.integers(1, 6, size=(rows, columns))
    found = personas_json(ratings_csv(tmp_path, values.astype(float)), capsys)
    assert found["k"] == 1 and found["silhouette"] is None
    assert len(found["personas"]) == 1
    everyone = found["personas"][0]
    assert everyone["size"] == rows == found["rows_used"] and everyone["share"] == 1
    assert everyone["name"] == "Everyone" and everyone["traits"] == [] and everyone["traits_unconfirmed"] == []
    assert found["k_reason"].startswith("No clear groups")
    table = pd.DataFrame(found["k_table"])
    assert not table["clear"].any()
    assert (table["silhouette"] - table["null_silhouette"] < np.maximum(MIN_GAP, NULL_SPREADS * table["null_spread"])
            + 1e-4).all()


def test_planted_groups_are_still_found(tmp_path, prepared_file):
    values, group = planted()
    prepared = prepared_file(ratings_csv(tmp_path, values))
    result = build_personas(prepared)
    assert result.k == 3 and result.choice.reason == "best_stable"
    assert adjusted_rand_score(group, result.assignments.to_numpy()) > 0.8
    table = result.choice.table.set_index("k")
    assert table.loc[3, "clear"] and table.loc[3, "stability_low"] >= 0.9
    assert (table["stability_low"] <= table["stability"] + 1e-12).all()
    assert (table["stability"] <= table["stability_high"] + 1e-12).all()
    assert result.level < 0.2 and result.level_note() is None  # the groups differ in shape, not level
    assert all(persona.traits for persona in result.personas)  # every planted difference replicates


def test_the_table_says_which_k_are_clear_and_the_rule_picks_from_them():
    table = pd.DataFrame({"k": [2, 3, 4], "silhouette": [0.30, 0.35, 0.20], "null_silhouette": [0.10, 0.34, 0.10],
                          "null_spread": [0.01, 0.01, 0.02], "stability": [0.9, 0.95, 0.5]})
    table["clear"] = table["silhouette"] - table["null_silhouette"] >= np.maximum(MIN_GAP,
                                                                                  NULL_SPREADS * table["null_spread"])
    assert table["clear"].tolist() == [True, False, True]  # k = 3 beats the shuffled answers by less than 0.02
    assert recommend(table) == (2, "best_stable")
    assert recommend(table.assign(stability=[0.5, 0.95, 0.6])) == (4, "most_stable")
    assert recommend(table.assign(clear=False)) == (1, "no_clear_groups")


def test_a_k_chosen_by_hand_on_structureless_data_says_it_is_a_description(tmp_path, prepared_file):
    rng = np.random.default_rng(7)
    prepared = prepared_file(ratings_csv(tmp_path, rng.integers(1, 6, size=(300, 6)).astype(float)))
    auto = build_personas(prepared)
    assert auto.k == 1 and auto.traits_note().code == "persona.traits_everyone"
    forced = build_personas(prepared, k=3, choice=auto.choice)
    assert forced.k == 3 and forced.k_reason().code == "persona.k.chosen_not_clear"
    # on the fitted rows the groups differ by construction; on held-out rows some of those differences vanish
    assert sum(len(persona.unconfirmed) for persona in forced.personas) > 0


# Overall rating level ---------------------------------------------------------------------------------------

def level_share_by_hand(frame: pd.DataFrame, labels: np.ndarray, ratings: list[str]) -> float:
    """The level share through each respondent's mean standardised rating (elevation), then groups."""
    standard = (frame[ratings] - frame[ratings].mean()) / frame[ratings].std(ddof=0)
    standard = standard.fillna(0.0)
    by_group = standard.groupby(labels)
    sizes = by_group.size()
    between = (sizes * (by_group.mean() ** 2).sum(axis=1)).sum()
    elevation = standard.mean(axis=1).groupby(labels).mean()  # a group's mean of its members' own levels
    return float((sizes * len(ratings) * elevation ** 2).sum() / between)


def test_the_airline_split_is_generous_against_harsh_raters_and_can_be_adjusted(shared_data, prepared_file):
    airline = prepared_file(shared_data / "airline_passenger_satisfaction_sample.csv")
    result = build_personas(airline)
    ratings = rating_features(airline.mapping, result.numeric)
    labels = result.assignments.to_numpy()
    assert result.k == 2 and len(ratings) == 14
    assert result.level == pytest.approx(level_share_by_hand(airline.responses, labels, ratings), rel=1e-9)
    assert result.level >= LEVEL_DRIVEN and result.level_driven
    own_level = airline.responses[ratings].mean(axis=1)
    auc = roc_auc_score(labels == 0, own_level)
    assert max(auc, 1 - auc) >= 0.9  # a respondent's mean rating alone tells the two personas apart
    note = result.to_dict(airline.labels)["level_note"]
    assert note.startswith("These personas differ mainly in how high they rate everything")
    assert f"{100 * result.level:.0f}%" in note

    adjusted = build_personas(airline, k=2, level_adjusted=True)
    assert adjusted.level_adjusted and adjusted.to_dict(airline.labels)["level_adjusted"] is True
    adjusted_auc = roc_auc_score(adjusted.assignments.to_numpy() == 0, own_level)
    assert max(adjusted_auc, 1 - adjusted_auc) < max(auc, 1 - auc) - 0.1
    assert adjusted.level < result.level
    assert not airline.responses.equals(airline.responses.assign(**{ratings[0]: 0}))  # the user's data untouched


def test_level_share_is_all_level_or_no_level():
    ratings = ["a", "b", "c"]
    high_low = pd.DataFrame({"a": [5, 5, 1, 1], "b": [4, 4, 2, 2], "c": [5, 5, 1, 1]}, dtype=float)
    assert level_share(high_low, np.array([0, 0, 1, 1]), ratings) == pytest.approx(
        level_share_by_hand(high_low, np.array([0, 0, 1, 1]), ratings))
    assert level_share(high_low, np.array([0, 0, 1, 1]), ratings) == pytest.approx(1.0)
    mirrored = pd.DataFrame({"a": [5, 5, 1, 1], "b": [1, 1, 5, 5], "c": [3, 3, 3, 3.0]})
    assert level_share(mirrored, np.array([0, 0, 1, 1]), ratings) == pytest.approx(0.0, abs=1e-12)
    assert np.isnan(level_share(mirrored, np.array([0, 0, 0, 0]), ratings))


# Traits on held-out rows -------------------------------------------------------------------------------------

def test_confirmed_traits_are_significant_on_rows_the_model_never_saw(tmp_path, prepared_file):
    values, _ = planted(1)
    prepared = prepared_file(ratings_csv(tmp_path, values))
    result = build_personas(prepared, k=3)
    _, numeric, categorical = persona_features(prepared)
    sample = sample_rows(len(prepared.responses))
    labels = result.assignments.to_numpy()
    rest, again = held_out_labels(prepared.responses, PersonaModel(numeric, categorical, "kmeans", 3), labels,
                                  sample.fit)
    assert result.held_out_rows == len(rest) == len(prepared.responses) - len(prepared.responses) // 2
    held = prepared.responses.iloc[rest]
    for persona in result.personas:
        member = again == persona.id
        p_values = {column: stats.ttest_ind(held[column][member], held[column][~member], equal_var=False).pvalue
                    for column in numeric}
        holm = dict(zip(p_values, multipletests(list(p_values.values()), method="holm")[1]))
        for trait in persona.traits:
            assert trait.p_held_out < 0.05 and holm[trait.column] < 0.05
            assert (held[trait.column][member].mean() > held[trait.column][~member].mean()) == \
                (trait.direction == "higher")


# Bookkeeping columns ----------------------------------------------------------------------------------------

def test_a_train_test_split_or_fold_column_is_not_a_default_feature(tmp_path, prepared_file):
    values, _ = planted(2)
    rng = np.random.default_rng(2)
    path = ratings_csv(tmp_path, values, split=rng.choice(["train", "test"], len(values)),
                       fold=rng.integers(1, 6, len(values)), Gender=rng.choice(["F", "M"], len(values)))
    prepared = prepared_file(path)
    features = default_features(prepared.responses, prepared.mapping)
    assert "split" not in features and "fold" not in features
    assert "Gender" in features and sum(column.startswith("Rating of") for column in features) == 9


# Compare: persona against everyone else -------------------------------------------------------------------

def test_compare_leaves_out_the_metrics_the_personas_were_formed_on(shared_data, prepared_file):
    airline = prepared_file(shared_data / "airline_passenger_satisfaction_sample.csv")
    result = build_personas(airline, ["Class", "Type of Travel", "Online boarding", "Seat comfort"], k=3)
    names = [persona.name["en"] for persona in result.personas]
    table = compare_personas(airline, result.assignments, names, 0, formed_by=result.features)
    assert table.attrs["formed_by"] == ["Online boarding", "Seat comfort"]
    touchpoints = airline.columns("touchpoint")
    assert set(table["metric"]) == ({"satisfied"} | set(touchpoints)) - {"Online boarding", "Seat comfort"}
    # Holm over what is left only, and the count says so
    assert table["p_holm"].to_numpy() == pytest.approx(multipletests(table["p_value"], method="holm")[1])
    assert summary(table).params["total"] == len(table) == len(touchpoints) - 1

    every = build_personas(airline, touchpoints, k=2)
    table = compare_personas(airline, every.assignments, ["a", "b"], 0, formed_by=every.features)
    assert list(table["metric"]) == ["satisfied"] and len(table.attrs["formed_by"]) == len(touchpoints)


def test_survey_tool_metadata_is_not_a_default_feature(tmp_path, prepared_file):
    """Qualtrics display orders, flows, timers and randomisers describe the survey, not the people."""
    values, _ = planted(3)
    rng = np.random.default_rng(3)
    metadata = {name: rng.integers(1, 40, len(values)) for name in
                ("Q5_DO", "FL_12_DO_Block1", "Timer_First Click", "Timer_Page Submit", "Q7_Click Count",
                 "Duration (in seconds)", "Progress", "RandomiserGroup")}
    prepared = prepared_file(ratings_csv(tmp_path, values, **metadata))
    features = default_features(prepared.responses, prepared.mapping)
    assert not set(metadata) & set(features)
    assert sum(column.startswith("Rating of") for column in features) == 9
