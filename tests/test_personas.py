"""Personas: features, the four algorithms, choosing k, traits that are real differences, the CLI; and rfm."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.metrics import adjusted_rand_score
from statsmodels.stats.proportion import proportions_ztest

from analysis import cli
from analysis.personas.build import build_personas
from analysis.personas.cards import MIN_G, MIN_H, MIN_LIFT, MIN_SHARE, MAX_LIFT_FEWER
from analysis.personas.choose_k import STABLE, compare_k
from analysis.personas.features import categories, default_features, imputed_shares, split_kinds
from analysis.personas.model import ALGORITHMS, PersonaModel


@pytest.fixture(scope="module")
def airline(shared_data, prepared_file):
    return prepared_file(shared_data / "airline_passenger_satisfaction_sample.csv")


@pytest.fixture(scope="module")
def clothing(shared_data, prepared_file):
    return prepared_file(shared_data / "womens_clothing_reviews_sample.csv")


def blobs(seed: int = 0) -> pd.DataFrame:
    """Three planted groups: two numbers apart, and a category that mostly follows the group."""
    rng = np.random.default_rng(seed)
    group = np.repeat([0, 1, 2], [300, 200, 100])
    centres = np.array([[0, 0], [6, 0], [0, 6]])
    points = centres[group] + rng.normal(size=(600, 2))
    colour = np.where(rng.random(600) < 0.9, np.array(["red", "green", "blue"])[group], "red")
    return pd.DataFrame({"x": points[:, 0], "y": points[:, 1], "colour": colour, "group": group})


# Features -------------------------------------------------------------------------------------------------

def test_default_features_leave_out_ids_text_times_and_near_constant_columns(airline, clothing):
    features = default_features(airline.responses, airline.mapping)
    assert "id" not in features and "satisfaction" not in features  # an id, and the outcome (it describes)
    assert {"Type of Travel", "Class", "Online boarding", "Age"} <= set(features)
    clothes = default_features(clothing.responses, clothing.mapping)
    assert "Clothing ID" not in clothes and "column_1" not in clothes and "Review Text" not in clothes
    frame = pd.DataFrame({"same": ["a"] * 97 + ["b"] * 3, "code": [f"u{i}" for i in range(100)],
                          "score": np.arange(100) % 5 + 1.0})
    mapping = pd.DataFrame({"column": list(frame), "role": ["attribute"] * 3})
    assert default_features(frame, mapping) == ["score"]


def test_imputed_shares_and_kinds():
    frame = pd.DataFrame({"n": [1.0, None, 3.0, 4.0], "c": ["a", "b", None, " "], "flag": [0, 1, 0, 1]})
    assert imputed_shares(frame, ["n", "c"]) == {"n": 0.25, "c": 0.25}
    assert split_kinds(frame, ["n", "c", "flag"]) == (["n"], ["c", "flag"])
    assert categories(frame, ["c"])["c"].isna().tolist() == [False, False, True, True]
    assert categories(pd.DataFrame({"flag": [0.0, 1.0, None]}), ["flag"])["flag"].tolist()[:2] == ["0", "1"]


# Algorithms -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_finds_planted_groups_the_same_way_every_time(algorithm):
    frame = blobs()
    first = PersonaModel(["x", "y"], ["colour"], algorithm, 3).fit(frame)
    again = PersonaModel(["x", "y"], ["colour"], algorithm, 3).fit(frame)
    assert np.array_equal(first.labels_, again.labels_)
    if algorithm != "kmodes":  # k-modes reads numbers as quartile bands: it is for mostly categorical data
        assert adjusted_rand_score(frame["group"], first.labels_) > 0.8
    assert np.bincount(first.labels_).tolist() == sorted(np.bincount(first.labels_).tolist(), reverse=True)
    assert np.array_equal(first.predict(frame), first.labels_)


def test_kmodes_on_categories_only():
    rng = np.random.default_rng(1)
    group = rng.integers(0, 2, 400)
    frame = pd.DataFrame({f"q{i}": np.where(rng.random(400) < 0.85, np.where(group == 1, "yes", "no"), "maybe")
                          for i in range(6)})
    model = PersonaModel([], list(frame), "kmodes", 2).fit(frame)
    assert adjusted_rand_score(group, model.labels_) > 0.9


def test_settings_are_checked():
    with pytest.raises(ValueError):
        PersonaModel(["x"], [], "dbscan", 3)
    with pytest.raises(ValueError):
        PersonaModel(["x"], [], "kmeans", 1)


# Choosing k ---------------------------------------------------------------------------------------------

def test_no_k_beyond_the_answer_patterns_is_tried():
    """Sixty people giving one of three answer patterns: k = 4 .. 10 would only repeat groups (k-means warns of
    duplicate points), so the table stops at 3, and the three patterns are the groups."""
    import warnings

    frame = pd.DataFrame({"x": [1.0, 3.0, 5.0] * 20, "y": [5.0, 1.0, 3.0] * 20})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "Number of distinct clusters ... smaller than n_clusters"
        choice = compare_k(frame, ["x", "y"], [], "kmeans")
    assert choice.table["k"].tolist() == [2, 3]
    assert choice.k == 3


def test_recommended_k_follows_the_stated_rule_and_finds_planted_groups():
    frame = blobs()
    choice = compare_k(frame, ["x", "y"], [], "kmeans")
    assert choice.table["k"].tolist() == list(range(2, 11))
    stable = choice.table[choice.table["stability"] >= STABLE]
    assert choice.reason == "best_stable" and choice.k == int(stable.loc[stable["silhouette"].idxmax(), "k"])
    assert choice.k == 3
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler

    model = PersonaModel(["x", "y"], [], "kmeans", 3).fit(frame)
    reference = silhouette_score(StandardScaler().fit_transform(frame[["x", "y"]]), model.labels_)
    assert choice.table.set_index("k").loc[3, "silhouette"] == pytest.approx(reference, abs=0.02)


# Personas on real files --------------------------------------------------------------------------------

def check_traits(frame: pd.DataFrame, labels: np.ndarray, persona) -> None:
    """Every trait is a significant and large difference, recomputed with scipy / statsmodels."""
    member = labels == persona.id
    for trait in [*persona.traits, *persona.unconfirmed]:
        if trait.value is None:
            values = frame[trait.column].to_numpy(dtype=float)
            inside, outside = values[member & ~np.isnan(values)], values[~member & ~np.isnan(values)]
            p_value = stats.ttest_ind(inside, outside, equal_var=False).pvalue
            pooled = np.sqrt(((len(inside) - 1) * inside.var(ddof=1) + (len(outside) - 1) * outside.var(ddof=1))
                             / (len(inside) + len(outside) - 2))
            g = (inside.mean() - outside.mean()) / pooled * (1 - 3 / (4 * (len(inside) + len(outside)) - 9))
            assert abs(g) >= MIN_G and trait.effect == pytest.approx(g, rel=1e-6)
            assert trait.persona == pytest.approx(inside.mean())
            assert (trait.direction == "higher") == (g > 0)
        else:
            text = categories(frame, [trait.column])[trait.column]
            answered = text.notna().to_numpy()
            flags = (text == trait.value).to_numpy()
            counts = [flags[member & answered].sum(), flags[~member & answered].sum()]
            sizes = [(member & answered).sum(), (~member & answered).sum()]
            _, p_value = proportions_ztest(counts, sizes)
            share, overall = counts[0] / sizes[0], flags[answered].mean()
            h = 2 * np.arcsin(np.sqrt(share)) - 2 * np.arcsin(np.sqrt(counts[1] / sizes[1]))
            assert abs(h) >= MIN_H and trait.persona == pytest.approx(share)
            assert (share >= MIN_SHARE and share / overall >= MIN_LIFT) or \
                (overall >= MIN_SHARE and share / overall <= MAX_LIFT_FEWER)
        assert p_value <= trait.p_holm < 0.05  # Holm only raises a p-value


@pytest.mark.parametrize("name, k", [("airline", 4), ("clothing", None)])
def test_personas_are_repeatable_add_up_and_differ_for_real(name, k, request):
    prepared = request.getfixturevalue(name)
    result = build_personas(prepared, k=k)
    again = build_personas(prepared, k=k)
    assert result.assignments.equals(again.assignments)
    assert [p.name for p in result.personas] == [p.name for p in again.personas]
    assert sum(p.size for p in result.personas) == result.rows_used == len(prepared.responses)
    for persona in result.personas:
        assert len(persona.traits) + len(persona.unconfirmed) >= 2, persona.name
        check_traits(prepared.responses, result.assignments.to_numpy(), persona)
    assert sum(bool(persona.traits) for persona in result.personas) >= result.k - 1  # most replicate on held-out rows
    if k is None:
        assert result.choice is not None and str(result.k_reason()).startswith(f"k = {result.k}:")


def test_persona_metrics_are_those_of_its_members(airline):
    result = build_personas(airline, k=3)
    outcome = airline.columns("outcome")[0]
    for persona in result.personas:
        members = airline.responses.loc[result.assignments == persona.id, outcome]  # read as True / False
        satisfied = members.astype(bool).mean()
        assert persona.metrics["satisfied"]["value"] == pytest.approx(100 * satisfied, abs=0.01)
        assert persona.weakest_stage in ("awareness", "consideration", "purchase", "experience", "service", "loyalty")


# Command line -------------------------------------------------------------------------------------------

def test_personas_command_json(shared_data, capsys):
    path = shared_data / "airline_passenger_satisfaction_sample.csv"
    assert cli.main(["personas", str(path), "--k", "3", "--features", "Class,Type of Travel,Online boarding,Age",
                     "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["k"] == 3 and result["features"] == ["Class", "Type of Travel", "Online boarding", "Age"]
    assert sum(p["size"] for p in result["personas"]) == result["rows_used"] == 5000
    assert all(len(p["traits"]) + len(p["traits_unconfirmed"]) >= 2 and p["name"] for p in result["personas"])


def test_personas_command_refuses_an_unknown_feature_in_one_line(shared_data, capsys):
    path = shared_data / "airline_passenger_satisfaction_sample.csv"
    assert cli.main(["personas", str(path), "--features", "Nope"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "'Nope'" in error and error.count("\n") == 1
    assert cli.main(["personas", str(path), "--k", "three"]) == 2
    assert "--k needs a whole number" in capsys.readouterr().err


def test_rfm_counts_equal_a_pandas_reference(shared_data, capsys):
    path = shared_data / "online_retail_200_customers.csv"
    assert cli.main(["rfm", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    lines = pd.read_csv(path, dtype={"InvoiceNo": str, "CustomerID": str})
    duplicate = lines.duplicated(keep="first")
    bad_price = lines["UnitPrice"] <= 0
    sales = lines[~duplicate & ~bad_price & lines["CustomerID"].notna() & (lines["Quantity"] > 0)
                  & ~lines["InvoiceNo"].str.upper().str.startswith("C")]
    orders = sales.groupby("CustomerID")["InvoiceNo"].nunique()
    repeat = orders[orders >= 2]
    above = repeat.quantile(2 / 3)
    assert result["customers"] == len(orders)
    assert result["segments"] == {"one-time": int((orders == 1).sum()),
                                  "occasional": int(((orders >= 2) & (orders <= above)).sum()),
                                  "frequent": int((orders > above).sum())}
    assert result["thresholds"]["frequent_above_orders"] == above
    assert result["excluded"]["duplicate_line"] == int(duplicate.sum())
    assert sum(result["excluded"].values()) == len(lines) - len(lines[~duplicate & ~bad_price & lines["CustomerID"].notna()])

    assert cli.main(["rfm", str(path), "--json", "--frequent-above", "5"]) == 0
    edited = json.loads(capsys.readouterr().out)
    assert edited["thresholds"]["frequent_above_orders"] == 5
    assert edited["segments"] == {"one-time": int((orders == 1).sum()),
                                  "occasional": int(((orders >= 2) & (orders <= 5)).sum()),
                                  "frequent": int((orders > 5).sum())}
    assert cli.main(["rfm", str(path), "--frequent-above", "many"]) == 2
    assert "--frequent-above needs a whole number" in capsys.readouterr().err


def test_an_edited_frequent_threshold_redraws_segments_and_leaves_the_original(shared_data):
    from analysis.customers import customers, with_frequent_above
    found = customers(pd.read_csv(shared_data / "online_retail_200_customers.csv"))
    before = found.values["segment"].copy()
    edited = with_frequent_above(found, 2)
    assert found.values["segment"].equals(before) and edited.frequent_above == 2
    orders = edited.values["orders"]
    assert (edited.values["segment"] == "frequent").sum() == (orders > 2).sum()
    assert with_frequent_above(edited, None).values["segment"].equals(before)

@pytest.mark.parametrize("algorithm", ["kmeans", "gmm"])
def test_a_kept_matrix_and_reused_models_give_the_same_personas(airline, algorithm):
    from analysis.personas.build import persona_features
    from analysis.personas.choose_k import sample_rows
    from analysis.personas.model import encoded_rows

    features, numeric, categorical = persona_features(airline)
    matrix = encoded_rows(airline.responses, numeric, categorical, sample_rows(len(airline.responses)).fit)
    choice = compare_k(airline.responses, numeric, categorical, algorithm, ks=range(2, 5))
    fresh = build_personas(airline, features, algorithm, 3)
    kept = build_personas(airline, features, algorithm, 3, choice=choice, matrix=matrix)
    assert fresh.assignments.equals(kept.assignments) and fresh.silhouette == pytest.approx(kept.silhouette)


def test_a_tiny_file_gets_personas_or_a_clear_refusal(airline):
    from analysis.errors import InputError
    from analysis.personas.build import MIN_ROWS
    from analysis.personas.cards import subset

    small = subset(airline, airline.responses.index[:12])
    result = build_personas(small, ["Class", "Online boarding", "Age"])
    assert 1 <= result.k <= 4 and result.rows_used == 12
    with pytest.raises(InputError, match="5 usable rows cannot make 2 personas"):
        build_personas(subset(airline, airline.responses.index[:MIN_ROWS - 1]), ["Class", "Age"])
    with pytest.raises(InputError, match="12 usable rows cannot make 7 personas"):
        build_personas(small, ["Class", "Age"], k=7)
