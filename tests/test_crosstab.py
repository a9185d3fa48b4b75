"""Banner tables (analysis.crosstab): letters on a real survey against an independent pairwise computation
(statsmodels' two-proportion z test, scipy's Welch t test, statsmodels' multiple-testing adjustments), NPS against
a hand computation, and the edge cases: nothing significant, a single-category banner, tiny bases, a reversed
scale, weights."""
from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

from analysis.crosstab import LOW_BASE, TOTAL, Banner, banner_of, crosstab, letter
from analysis.errors import InputError
from analysis.io import load_export
from analysis.metric_registry import headline_metrics
from analysis.metrics import effective_n
from analysis.prepare import prepare
from analysis.schema import detect_roles
from tests.tables import prepared_from

AIRLINE = "airline_passenger_satisfaction_sample.csv"
RATINGS = ["Seat comfort", "Inflight wifi service", "Online boarding"]
METHODS = {"holm": "holm", "bonferroni": "bonferroni", "bh": "fdr_bh"}


@pytest.fixture(scope="module")
def airline(shared_data):
    export = load_export(shared_data / AIRLINE)
    return export, prepare(export, detect_roles(export))


def expected_letters(groups: dict[str, np.ndarray], kind: str, method: str = "holm") -> dict[str, set[str]]:
    """Letters by an independent pairwise computation: statsmodels' pooled z test for 0/1 values, scipy's Welch
    t test for means; p-values adjusted together by statsmodels."""
    names = list(groups)
    pairs = list(itertools.combinations(range(len(names)), 2))
    p_values, higher = [], []
    for a, b in pairs:
        x, y = groups[names[a]], groups[names[b]]
        if kind == "mean":
            p_values.append(stats.ttest_ind(x, y, equal_var=False).pvalue)
        else:
            p_values.append(proportions_ztest([x.sum(), y.sum()], [len(x), len(y)])[1])
        higher.append(x.mean() > y.mean())
    found = {name: set() for name in names}
    if not pairs:
        return found
    rejected = multipletests(p_values, alpha=0.05, method=METHODS[method])[0]
    for (a, b), significant, a_higher in zip(pairs, rejected, higher):
        if significant:
            winner, loser = (a, b) if a_higher else (b, a)
            found[names[winner]].add(letter(loser))
    return found


def letters_of(table, row: str, kind: str, banner: str, answer=None) -> dict[str, set[str]]:
    cells = table.cells
    chosen = cells[(cells["row"] == row) & (cells["kind"] == kind) & (cells["banner"] == banner)
                   & (cells["column"] != TOTAL)]
    if answer is not None:
        chosen = chosen[chosen["answer"] == answer]
    return {cell.column: set(cell.higher_than) for cell in chosen.itertuples()}


def raw_groups(frame: pd.DataFrame, values: pd.Series, banner: str) -> dict[str, np.ndarray]:
    known = values.notna() & frame[banner].notna()
    return {str(name): group.to_numpy(dtype=float) for name, group in values[known].groupby(frame[banner][known])}


@pytest.mark.parametrize("method", ["holm", "bonferroni", "bh"])
def test_letters_on_a_real_survey_match_an_independent_pairwise_computation(airline, method):
    export, prepared = airline
    frame = export.frame
    banners = [banner_of(prepared, "Class", frame), banner_of(prepared, "Customer Type", frame)]
    table = crosstab(prepared, ["satisfaction", *RATINGS], banners, correction=method, frame=frame)
    lettered = 0
    for banner in ("Class", "Customer Type"):
        satisfied = (frame["satisfaction"] == "satisfied").astype(float)
        want = expected_letters(raw_groups(frame, satisfied, banner), "share", method)
        assert letters_of(table, "satisfaction", "answer", banner, "satisfied") == want
        for rating in RATINGS:
            scores = frame[rating].where(frame[rating] > 0)  # 0 is "not applicable" in this survey
            top = (scores >= 4).astype(float).where(scores.notna())
            assert letters_of(table, rating, "top_box", banner) == expected_letters(raw_groups(frame, top, banner),
                                                                                   "share", method)
            assert letters_of(table, rating, "mean", banner) == expected_letters(raw_groups(frame, scores, banner),
                                                                                "mean", method)
        lettered += sum(bool(cell) for cell in table.cells.loc[table.cells["banner"] == banner, "higher_than"])
    assert lettered > 10  # the survey's classes really differ: the comparison is not of empty sets


def test_values_bases_and_total_agree_with_the_headline_figures(airline):
    export, prepared = airline
    frame = export.frame
    table = crosstab(prepared, ["satisfaction", "Seat comfort"], [banner_of(prepared, "Class", frame)], frame=frame)
    cells = table.cells.set_index(["row", "kind", "column"])
    business = frame[frame["Class"] == "Business"]
    seat = business["Seat comfort"].where(business["Seat comfort"] > 0).dropna()
    assert cells.loc[("Seat comfort", "mean", "Business"), "value"] == pytest.approx(seat.mean(), abs=1e-12)
    assert cells.loc[("Seat comfort", "mean", "Business"), "base"] == len(seat)
    assert cells.loc[("Seat comfort", "top_box", "Business"), "value"] == pytest.approx(100 * (seat >= 4).mean())
    satisfied = table.cells[(table.cells["answer"] == "satisfied") & (table.cells["column"] == TOTAL)]
    assert satisfied["value"].iloc[0] == pytest.approx(headline_metrics(prepared)["satisfied"].value, abs=1e-9)
    assert [banner.letters for banner in table.banners] == [("A", "B", "C")]
    assert table.banners[0].order == ("Business", "Eco", "Eco Plus")


def test_a_random_split_shows_no_letters(airline):
    """The sample's train/test split is random: no rating differs between its halves (checked independently)."""
    export, prepared = airline
    frame = export.frame
    table = crosstab(prepared, RATINGS, [banner_of(prepared, "split", frame)], frame=frame)
    assert not any(table.cells["higher_than"].map(bool))
    for rating in RATINGS:
        scores = frame[rating].where(frame[rating] > 0)
        assert expected_letters(raw_groups(frame, scores, "split"), "mean") == {"train": set(), "test": set()}


def test_nps_letters_use_the_adjusted_wald_variance_of_the_difference():
    rng = np.random.default_rng(3)
    scores = np.concatenate([rng.choice([0, 5, 7, 8, 9, 10], 120, p=[.05, .1, .15, .2, .25, .25]),
                             rng.choice([0, 5, 7, 8, 9, 10], 150, p=[.2, .2, .2, .2, .1, .1]),
                             rng.choice([0, 5, 7, 8, 9, 10], 90, p=[.1, .15, .2, .2, .2, .15])])
    region = ["North"] * 120 + ["South"] * 150 + ["West"] * 90
    prepared = prepared_from(pd.DataFrame({"Recommend": scores, "Region": region}), {"Recommend": "nps"})
    table = crosstab(prepared, ["Recommend"], [banner_of(prepared, "Region")])

    def by_hand(group):  # adjusted Wald: 3/4 of a respondent added to promoters and detractors
        n = len(group) + 3
        p, d = ((group >= 9).sum() + .75) / n, ((group <= 6).sum() + .75) / n
        return p - d, (p + d - (p - d) ** 2) / n

    groups = {name: scores[np.array(region) == name] for name in ("North", "South", "West")}
    pairs = list(itertools.combinations(groups, 2))
    z = [(by_hand(groups[a])[0] - by_hand(groups[b])[0]) / np.sqrt(by_hand(groups[a])[1] + by_hand(groups[b])[1])
         for a, b in pairs]
    rejected = multipletests([2 * stats.norm.sf(abs(value)) for value in z], method="holm")[0]
    want = {name: set() for name in groups}
    for (a, b), significant, value in zip(pairs, rejected, z):
        if significant:
            want[a if value > 0 else b].add("ABC"[list(groups).index(b if value > 0 else a)])
    assert letters_of(table, "Recommend", "nps", "Region") == want
    assert any(want.values())
    north = table.cells[table.cells["column"] == "North"].iloc[0]
    assert north["value"] == pytest.approx(100 * ((groups["North"] >= 9).mean() - (groups["North"] <= 6).mean()))


def test_a_single_category_banner_has_one_column_and_no_letters(airline):
    _, prepared = airline
    business = dataclasses.replace(prepared, responses=prepared.responses[prepared.responses["Class"] == "Business"])
    table = crosstab(business, ["Seat comfort"], [banner_of(business, "Class")])
    assert table.banners[0].order == ("Business",)
    mean = table.cells[table.cells["kind"] == "mean"].set_index("column")
    assert mean.loc["Business", "value"] == mean.loc[TOTAL, "value"]
    assert not any(table.cells["higher_than"].map(bool))


def test_tiny_bases_are_flagged_and_untestable_pairs_get_no_letter():
    frame = pd.DataFrame({"Rating": [5, 5, 5, 1, 1, 2, 4], "Group": ["a", "a", "a", "b", "b", "b", "c"]})
    table = crosstab(prepared_from(frame, {"Rating": "touchpoint"}), ["Rating"],
                     [banner_of(prepared_from(frame, {"Rating": "touchpoint"}), "Group")])
    assert table.cells["low_base"].all() and LOW_BASE == 30
    mean = table.cells[table.cells["kind"] == "mean"].set_index("column")
    assert mean.loc["c", "base"] == 1 and mean.loc["c", "higher_than"] == ()  # one answer: no Welch test
    assert mean.loc["b", "higher_than"] == ()
    # a: 5, 5, 5 against b: 1, 1, 2: Welch's t test as scipy computes it, the only pair of means it can test
    assert (mean.loc["a", "higher_than"] == ("B",)) == (stats.ttest_ind([5, 5, 5], [1, 1, 2], equal_var=False).pvalue
                                                        < 0.05)


def test_a_reversed_scale_counts_its_lowest_boxes_as_top():
    rng = np.random.default_rng(5)
    effort = np.concatenate([rng.integers(1, 4, 80), rng.integers(3, 8, 80)])  # 1 = no effort at all (best)
    frame = pd.DataFrame({"Effort": effort, "Plan": ["Pro"] * 80 + ["Basic"] * 80})
    prepared = prepared_from(frame, {"Effort": "ces"}, reverse=("Effort",))
    table = crosstab(prepared, ["Effort"], [banner_of(prepared, "Plan")])
    top = table.cells[(table.cells["kind"] == "top_box")].set_index("column")
    assert top.loc["Pro", "value"] == pytest.approx(100 * (effort[:80] <= 2).mean())
    assert table.banners[0].order == ("Basic", "Pro") and top.loc["Pro", "higher_than"] == ("A",)
    mean = table.cells[(table.cells["kind"] == "mean")].set_index("column")
    assert mean.loc["Basic", "higher_than"] == ("B",)  # a higher mean effort: higher, not better
    assert table.scales == {"Effort": (2, True)}


def test_equal_weights_give_the_unweighted_table(airline):
    export, prepared = airline
    frame = export.frame
    banners = [banner_of(prepared, "Class", frame)]
    plain = crosstab(prepared, ["satisfaction", *RATINGS], banners, frame=frame)
    weighted = crosstab(prepared, ["satisfaction", *RATINGS], banners, pd.Series(2.5, index=frame.index), frame=frame,
                        weighted_by="w")
    assert weighted.weighted and not plain.weighted
    assert weighted.cells["higher_than"].tolist() == plain.cells["higher_than"].tolist()
    assert weighted.cells["base"].tolist() == plain.cells["base"].tolist()
    np.testing.assert_allclose(weighted.cells["value"], plain.cells["value"], rtol=1e-12)
    np.testing.assert_allclose(weighted.cells["effective_base"], plain.cells["base"], rtol=1e-12)


def test_weighted_cells_are_tested_at_their_effective_bases(airline):
    export, prepared = airline
    frame = export.frame
    weights = pd.Series(np.where(frame["Gender"] == "Female", 2.0, 0.5), index=frame.index)
    table = crosstab(prepared, ["satisfaction"], [banner_of(prepared, "Customer Type", frame)], weights, frame=frame,
                     weighted_by="w")
    cells = table.cells[table.cells["answer"] == "satisfied"].set_index("column")
    shares = {}
    for group in ("Loyal Customer", "disloyal Customer"):
        inside = frame["Customer Type"] == group
        w, hit = weights[inside], (frame.loc[inside, "satisfaction"] == "satisfied")
        shares[group] = (float((w * hit).sum() / w.sum()), effective_n(w))
        assert cells.loc[group, "value"] == pytest.approx(100 * shares[group][0])
        assert cells.loc[group, "effective_base"] == pytest.approx(shares[group][1])
    (p_a, n_a), (p_b, n_b) = shares.values()
    pooled = (p_a * n_a + p_b * n_b) / (n_a + n_b)
    z = (p_a - p_b) / np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    assert (cells.loc["Loyal Customer", "higher_than"] == ("B",)) == (2 * stats.norm.sf(abs(z)) < 0.05 and z > 0)
    total = headline_metrics(prepared, weights)["satisfied"]
    assert cells.loc[TOTAL, "value"] == pytest.approx(total.value) and \
        cells.loc[TOTAL, "effective_base"] == pytest.approx(total.effective_n)
    assert "w" in table.footnotes()[3].text("en")


def test_categorical_and_option_rows_and_a_persona_banner():
    frame = pd.DataFrame({"Plan": ["Pro", "Basic", "Pro", None, "Basic", "Pro"],
                          "Uses - Mobile app": ["Mobile app", None, "Mobile app", None, None, "Mobile app"]})
    prepared = prepared_from(frame, {})
    persona = pd.Series(["Fans", "Sceptics", "Fans", "Sceptics", "Sceptics", "Fans"], index=prepared.responses.index)
    table = crosstab(prepared, ["Plan", "Uses - Mobile app"], [Banner.of_series("Persona", persona,
                                                                               ["Sceptics", "Fans"])])
    plan = table.cells[(table.cells["row"] == "Plan") & (table.cells["column"] == TOTAL)]
    assert plan["answer"].tolist() == ["Basic", "Pro"] and plan["base"].tolist() == [5, 5]
    option = table.cells[table.cells["kind"] == "option"].set_index("column")
    assert option.loc[TOTAL, "answer"] == "Mobile app" and option.loc[TOTAL, "base"] == 6
    assert option.loc["Fans", "value"] == 100 and option.loc["Fans", "letter"] == "B"


@pytest.mark.parametrize("rows, banners, code", [
    (["id"], ["Class"], "error.crosstab.not_a_row"),
    (["Seat comfort"], ["Seat comfort"], "error.crosstab.not_a_banner"),
    (["Nope"], ["Class"], "error.crosstab.column_not_found"),
    ([], ["Class"], "error.crosstab.no_rows"),
])
def test_columns_that_cannot_be_used_are_refused_in_words(airline, rows, banners, code):
    _, prepared = airline
    with pytest.raises(InputError) as refused:
        crosstab(prepared, rows, [banner_of(prepared, column) for column in banners])
    assert refused.value.message.code == code
