"""The theme table, themes by group and over time, themes as drivers: checked against scipy, statsmodels and hand counts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy.stats import chi2_contingency
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from analysis.errors import InputError
from analysis.sentiment.terms import log_odds_z
from analysis.themes import code_texts, discover
from analysis.themes.codeframe import Code, Codeframe, theme_scores
from analysis.themes.summary import (emerging_themes, linked_outcome, nps_outcome, presence, theme_drivers,
                                     theme_log_odds, theme_table, themes_by_group)
from analysis.themes.terms import TermSpace

VOCAB = {"delay": "delayed late hours waiting departure gate", "bags": "luggage bag suitcase lost baggage claim",
         "food": "meal sandwich coffee snack drink menu", "wifi": "wifi internet connection signal slow online"}
FILLER = ["really", "today", "again", "guess", "quite", "maybe", "still", "trip"]


@pytest.fixture(scope="module")
def planted():
    """160 comments on four planted subjects (40 each), some on two subjects, coded by four discovered themes."""
    rng = np.random.default_rng(3)
    texts, labels = [], []
    for label, words in VOCAB.items():
        for i in range(40):
            body = list(rng.choice(words.split(), 3)) + list(rng.choice(FILLER, 3))
            if i % 8 == 0:
                other = VOCAB[list(VOCAB)[(list(VOCAB).index(label) + 1) % 4]]
                body += list(rng.choice(other.split(), 2))
            texts.append(" ".join(body))
            labels.append(label)
    texts = pd.Series(texts, index=range(500, 660))
    frame = discover(texts, 4, "en")
    return texts, pd.Series(labels, index=texts.index), frame, code_texts(texts, frame)


def _frame(*ids: str) -> Codeframe:
    return Codeframe(TermSpace((), (), "en"), tuple(Code(code_id, f"name {code_id}") for code_id in ids))


def _coded(codes: list[list[str]]) -> pd.DataFrame:
    return pd.DataFrame({"topic": [c[0] if c else "" for c in codes], "codes": codes})


def test_theme_table_counts_shares_examples_and_negative_share(planted):
    texts, labels, frame, coded = planted
    label = pd.Series(np.where(labels == "delay", "negative", np.where(np.arange(160) % 3 == 0, "negative", "positive")),
                      index=texts.index)
    label.iloc[5] = "undetected"
    emotion = pd.Series(np.where(np.arange(160) % 2 == 0, "angry", "happy"), index=texts.index)
    scored = pd.DataFrame({"sentiment_label": label, "sentiment_score": 0.1, "emotion": emotion})
    table = theme_table(texts, coded, frame, scored)
    assert list(table["id"]) == [code.id for code in frame.codes]
    scores = theme_scores(texts, frame)
    for position, row in table.iterrows():
        members = coded.index[coded["topic"] == row["id"]]
        assert row["n"] == len(members) and row["share"] == pytest.approx(len(members) / 160)
        assert row["stability"] == frame.get(row["id"]).stability
        assert row["mentions"] == sum(row["id"] in ids for ids in coded["codes"])
        assert 3 <= len(row["examples"]) <= 4 and set(row["examples"]) <= set(texts[members])
        central = pd.Series(scores[:, position], index=texts.index)[members]
        assert row["examples"][0] == texts[central.idxmax()]
        readable = label[members][label[members] != "undetected"]
        negative = int((readable == "negative").sum())
        low, high = proportion_confint(negative, len(readable), method="wilson")
        assert row["readable"] == len(readable) and row["negative"] == pytest.approx(negative / len(readable))
        assert (row["negative_low"], row["negative_high"]) == pytest.approx((low, high))
        assert row["emotion_angry"] + row["emotion_happy"] == pytest.approx(1.0)
        assert row["emotion_angry"] == pytest.approx((emotion[readable.index] == "angry").mean())
    delay = table.loc[table["terms"].map(lambda terms: bool({"delayed", "late", "waiting"} & set(terms))), "negative"]
    assert delay.iloc[0] > 0.95 and table["negative"].min() < 0.5
    assert table.attrs == {"comments": 160, "uncoded": int((coded["topic"] == "").sum())}
    assert "negative" not in theme_table(texts, coded, frame).columns


def test_themes_by_group_match_scipy_chi_square_and_statsmodels_holm(planted):
    _, labels, frame, coded = planted
    groups = labels.map({"delay": "a", "bags": "a", "food": "b", "wifi": "c"})
    groups.iloc[:3] = None
    table = themes_by_group(coded, frame, groups)
    carried = presence(coded, frame)
    kept = groups.notna()
    for _, row in table.iterrows():
        crosstab = pd.crosstab(carried.loc[kept, row["id"]], groups[kept])
        statistic, p_value, dof, _ = chi2_contingency(crosstab.to_numpy(), correction=False)
        assert (row["statistic"], row["p_value"], row["dof"]) == pytest.approx((statistic, p_value, dof))
        for group in "abc":
            assert row[group] == pytest.approx(carried.loc[kept & (groups == group), row["id"]].mean())
    assert np.allclose(table["p_adjusted"], multipletests(table["p_value"], method="holm")[1])
    assert table["significant"].all()
    assert table.attrs == {"groups": {"a": 77, "b": 40, "c": 40}, "left_out": 3}


def test_two_groups_give_the_square_of_the_two_proportion_z_and_tiny_groups_are_left_out():
    codes = [["T1"]] * 30 + [["T2"]] * 10 + [["T1", "T2"]] * 5 + [["T2"]] * 25 + [["T1"]] * 10 + [[]] * 2
    groups = pd.Series(["x"] * 45 + ["y"] * 35 + ["z"] * 2)
    table = themes_by_group(_coded(codes), _frame("T1", "T2", "T3"), groups, min_n=3)
    z, p_value = proportions_ztest([35, 10], [45, 35])
    first = table.iloc[0]
    assert first["statistic"] == pytest.approx(z ** 2) and first["p_value"] == pytest.approx(p_value)
    assert list(table.columns[2:4]) == ["x", "y"] and table.attrs["left_out"] == 2
    assert np.isnan(table.iloc[2]["p_value"]) and not table.iloc[2]["significant"]


def test_nothing_is_significant_when_every_group_talks_alike():
    codes = [["T1"], ["T2"], ["T1", "T2"], []] * 10
    table = themes_by_group(_coded(codes), _frame("T1", "T2"), pd.Series((["a"] * 4 + ["b"] * 4) * 5))
    assert np.allclose(table["p_value"], 1.0) and not table["significant"].any()


def test_emerging_themes_use_the_last_two_periods_with_statsmodels_z_and_holm():
    codes = [["T1"]] * 5 + [["T2"]] * 15 + [["T1"]] * 30 + [["T2"]] * 10 + [["T1"]] * 4 + [["T2"]] * 6
    dates = (["2024-03-04"] * 20 + ["2024-03-11"] * 40 + ["2024-02-05"] * 10)
    dates = pd.Series(dates[:-1] + ["not a date"])
    table = emerging_themes(_coded(codes), _frame("T1", "T2"), dates, freq="week")
    assert table.attrs["n_previous"] == 20 and table.attrs["n_last"] == 40 and table.attrs["left_out"] == 1
    for row, (last, previous) in zip(table.itertuples(), [(30, 5), (10, 15)]):
        z, p_value = proportions_ztest([last, previous], [40, 20])
        assert (row.z, row.p_value) == pytest.approx((z, p_value))
        assert row.change == pytest.approx(last / 40 - previous / 20)
    assert np.allclose(table["p_adjusted"], multipletests(table["p_value"], method="holm")[1])
    assert list(table["emerging"]) == [True, False]


def test_emerging_themes_need_two_periods():
    with pytest.raises(InputError) as raised:
        emerging_themes(_coded([["T1"], ["T1"]]), _frame("T1"), pd.Series(["2024-01-01", "2024-01-01"]), freq="week")
    assert raised.value.message.code == "error.themes.one_period"
    with pytest.raises(InputError):
        emerging_themes(_coded([["T1"]]), _frame("T1"), pd.Series(["never"]))


def test_theme_drivers_match_statsmodels_logit(planted):
    texts, labels, frame, coded = planted
    rng = np.random.default_rng(7)
    chance = labels.map({"delay": 0.15, "bags": 0.4, "food": 0.7, "wifi": 0.6})
    outcome = pd.Series((rng.random(160) < chance).astype(float), index=texts.index)
    outcome.iloc[:4] = np.nan
    table = theme_drivers(coded, frame, outcome).set_index("id")
    modelled = table.index[table["status"] == "modelled"]
    assert len(modelled) >= 3 and table.attrs["rows"] == 156 and table.attrs["left_out"] == 4
    carried = presence(coded, frame).loc[outcome.notna()]
    order = [code.id for code in sorted(frame.codes, key=lambda c: -int(carried[c.id].sum())) if code.id in modelled]
    fit = sm.Logit(outcome.dropna(), sm.add_constant(carried[order].astype(float))).fit(disp=0)
    for code_id in order:
        assert table.loc[code_id, "coefficient"] == pytest.approx(fit.params[code_id], rel=1e-6)
        assert table.loc[code_id, "se"] == pytest.approx(fit.bse[code_id], rel=1e-6)
        assert table.loc[code_id, "p_value"] == pytest.approx(fit.pvalues[code_id], rel=1e-6)
        assert table.loc[code_id, "odds_ratio"] == pytest.approx(np.exp(fit.params[code_id]))
    holm = multipletests(table.loc[order, "p_value"], method="holm")[1]
    assert np.allclose(table.loc[order, "p_adjusted"], holm)
    delay = table.index[[bool({"delayed", "late", "waiting"} & set(frame.get(i).terms)) for i in table.index]][0]
    assert table.loc[delay, "with"] < table.loc[delay, "without"]
    assert list(table["z"].dropna()) == sorted(table["z"].dropna(), reverse=True)


def test_theme_drivers_name_too_few_collinear_and_separated_themes():
    codes = [["T1"]] * 40 + [["T2"]] * 40 + [["T3"]] * 3 + [["T4"]] * 20
    outcome = pd.Series([1.0, 0.0] * 20 + [1.0, 0.0] * 20 + [1.0, 0.0, 1.0] + [1.0] * 20)
    table = theme_drivers(_coded(codes), _frame("T1", "T2", "T3", "T4"), outcome).set_index("id")
    assert table.loc["T3", "status"] == "too_few" and table.loc["T4", "status"] == "too_few"
    collinear = [["T1", "T2"]] * 40 + [[]] * 40
    table = theme_drivers(_coded(collinear), _frame("T1", "T2"), pd.Series([1.0, 0.0] * 40)).set_index("id")
    assert sorted(table["status"]) == ["collinear", "modelled"]
    assert table.loc[table["status"] == "modelled", "p_value"].iloc[0] == pytest.approx(1.0)
    overlapping = [["T1"]] * 10 + [["T1", "T2"]] * 10 + [["T2"]] * 10 + [[]] * 10
    outcome = pd.Series([1.0] * 5 + [0.0] * 5 + [1.0] * 8 + [0.0] * 2 + [1.0] * 5 + [0.0] * 5 + [0.0] * 10)
    table = theme_drivers(_coded(overlapping), _frame("T1", "T2"), outcome)
    assert table["status"].tolist().count("modelled") == 2 and table["p_value"].notna().all()
    one = theme_drivers(_coded([["T1"]] * 20 + [[]] * 20), _frame("T1"), pd.Series([1.0, 0.0] * 20))
    assert one.loc[0, "status"] == "modelled" and one.loc[0, "p_value"] == pytest.approx(1.0)


def test_a_perfectly_predicting_theme_is_separated_not_tested():
    codes = [["T1"]] * 10 + [["T2"]] * 30 + [["T1", "T2"]] * 10
    outcome = pd.Series([1.0] * 10 + [0.0] * 15 + [1.0] * 15 + [1.0] * 10)
    table = theme_drivers(_coded(codes), _frame("T1", "T2"), outcome, min_present=0).set_index("id")
    assert table.loc["T1", "status"] == "separated" and np.isnan(table.loc["T1", "p_value"])


def test_nps_outcome_is_promoters_against_detractors():
    values = nps_outcome(pd.Series([10, 9, 8, 7, 6, 0, None]))
    assert values.iloc[[0, 1, 4, 5]].tolist() == [1, 1, 0, 0] and values.iloc[[2, 3, 6]].isna().all()


def test_linked_outcome_follows_the_respondent_id():
    outcome = pd.Series([1.0, 0.0, np.nan, 1.0], index=[10, 11, 12, 13])
    respondents = pd.Series(["a", "b", "c", "a"], index=outcome.index)
    comments = pd.Series(["b", "a", None, "z", "c"], index=[5, 6, 7, 8, 9])
    found = linked_outcome(comments, respondents, outcome)
    assert list(found.index) == [5, 6, 7, 8, 9]
    assert found.iloc[:2].tolist() == [0.0, 1.0] and found.iloc[2:].isna().all()


def test_theme_log_odds_is_monroe_z_of_detractors_against_promoters():
    codes = [["T1"]] * 30 + [["T2"]] * 10 + [["T1", "T2"]] * 5 + [["T2"]] * 25 + [["T1"]] * 5 + [[]] * 10
    groups = pd.Series(["detractor"] * 45 + ["promoter"] * 35 + ["passive"] * 10)
    table = theme_log_odds(_coded(codes), _frame("T1", "T2"), groups, "detractor", "promoter").set_index("id")
    focus, other = np.array([35.0, 15.0]), np.array([5.0, 25.0])
    total = focus + other
    a0 = 0.1 * total.sum()
    alpha = a0 * total / total.sum()
    delta = (np.log((focus + alpha) / (focus.sum() + a0 - focus - alpha))
             - np.log((other + alpha) / (other.sum() + a0 - other - alpha)))
    z = delta / np.sqrt(1 / (focus + alpha) + 1 / (other + alpha))
    assert table.loc[["T1", "T2"], "z"].to_numpy() == pytest.approx(z)
    assert np.allclose(z, log_odds_z(focus, total, a0))
    assert table.index[0] == "T1" and table.loc["T1", "share"] == pytest.approx(35 / 45)
    assert table.loc["T2", "share_other"] == pytest.approx(25 / 35) and table.attrs == {"focus": 45, "other": 35}
