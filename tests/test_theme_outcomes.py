"""Themes as drivers of NPS, CSAT and satisfied, and themes by journey stage, on the bundled sample's real airline
tweets linked to its survey by respondent id; every figure checked against statsmodels or a hand count."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from analysis.io import load_export
from analysis.metric_registry import headline_metrics
from analysis.personas.linked import id_column, id_key, survey_ids
from analysis.sample import sample_paths
from analysis.sentiment.tagging import seed_keywords
from analysis.themes.touchpoints import tag_comments
from analysis.journey import stage_map
from analysis.themes import code_texts, discover
from analysis.themes.outcomes import outcome_flags
from analysis.themes.stages import themes_by_stage, top_negative
from analysis.themes.summary import linked_outcome, presence, theme_drivers, theme_log_odds
from tests.tables import prepared_path

NPS, CSAT, SATISFIED = "Likelihood to recommend (0-10)", "Overall satisfaction (1-5)", "satisfaction"


@pytest.fixture(scope="module")
def survey():
    return prepared_path(sample_paths()["survey"])


@pytest.fixture(scope="module")
def tweets():
    """The sample's real airline tweets (every row), their six themes, coding and the respondent each links to."""
    raw = load_export(str(sample_paths()["feedback"])).frame
    texts = raw["text"].astype("string").fillna("")
    frame = discover(texts, 6, "en")
    return raw, texts, frame, code_texts(texts, frame)


def linked(survey, tweets, column):
    raw, texts, _, _ = tweets
    id_col, _ = id_column(raw, survey_ids(survey))
    return linked_outcome(id_key(raw[id_col]).reindex(texts.index), survey_ids(survey), outcome_flags(survey, column))


def test_outcome_flags_are_promoters_csat_top_boxes_and_yes(survey):
    answers = survey.responses
    nps = outcome_flags(survey, NPS)
    assert ((nps == 1) == (answers[NPS] >= 9)).all() and ((nps == 0) == (answers[NPS] <= 6)).all()
    assert nps[(answers[NPS] > 6) & (answers[NPS] < 9)].isna().all()
    csat = outcome_flags(survey, CSAT)
    assert ((csat == 1) == answers[CSAT].isin([4, 5])).all() and csat[answers[CSAT].isna()].isna().all()
    assert 100 * csat.mean() == pytest.approx(headline_metrics(survey)["csat"].value)  # the CSAT metric's top boxes
    satisfied = outcome_flags(survey, SATISFIED)
    assert satisfied.dropna().tolist() == answers[SATISFIED].dropna().astype(float).tolist()
    with pytest.raises(KeyError):
        outcome_flags(survey, "Gender")


@pytest.mark.parametrize("column", [NPS, CSAT, SATISFIED])
def test_theme_drivers_of_each_outcome_match_statsmodels_logit_and_holm(survey, tweets, column):
    _, _, frame, coded = tweets
    outcome = linked(survey, tweets, column)
    assert outcome.notna().sum() > 100 and outcome.nunique() == 2
    table = theme_drivers(coded, frame, outcome).set_index("id")
    modelled = table.index[table["status"] == "modelled"]
    assert len(modelled) >= 2 and table.attrs["rows"] == int(outcome.notna().sum())
    carried = presence(coded, frame).loc[outcome.notna()]
    order = [code.id for code in sorted(frame.codes, key=lambda c: -int(carried[c.id].sum())) if code.id in modelled]
    fit = sm.Logit(outcome.dropna(), sm.add_constant(carried[order].astype(float))).fit(disp=0)
    assert np.allclose(table.loc[order, "coefficient"], fit.params[order], rtol=1e-6)
    assert np.allclose(table.loc[order, "p_value"], fit.pvalues[order], rtol=1e-6)
    assert np.allclose(table.loc[order, "p_adjusted"], multipletests(fit.pvalues[order], method="holm")[1])


def test_what_detractors_talk_about_that_promoters_do_not_matches_statsmodels_two_proportion_z(survey, tweets):
    _, _, frame, coded = tweets
    groups = linked(survey, tweets, NPS).map({0.0: "detractor", 1.0: "promoter"})
    table = theme_log_odds(coded, frame, groups, "detractor", "promoter").set_index("id")
    sizes = [int((groups == "detractor").sum()), int((groups == "promoter").sum())]
    carried = presence(coded, frame)
    expected = {}
    for code in frame.codes:
        counts = [int(carried.loc[groups == g, code.id].sum()) for g in ("detractor", "promoter")]
        assert [table.loc[code.id, "count"], table.loc[code.id, "count_other"]] == counts
        expected[code.id] = proportions_ztest(counts, sizes)[1]
    ids = list(expected)
    assert np.allclose(table.loc[ids, "p_value"], [expected[i] for i in ids])
    assert np.allclose(table.loc[ids, "p_adjusted"], multipletests([expected[i] for i in ids], method="holm")[1])
    assert (table["significant"] == (table["p_adjusted"] < 0.05)).all()


def test_nothing_is_significant_when_both_groups_talk_alike(tweets):
    _, texts, frame, coded = tweets
    alike = pd.Series(np.where(np.arange(len(texts)) % 2 == 0, "a", "b"), index=texts.index)
    doubled = pd.concat([coded, coded.set_axis(coded.index + len(coded))])
    groups = pd.Series(["a"] * len(coded) + ["b"] * len(coded), index=doubled.index)
    table = theme_log_odds(doubled, frame, groups, "a", "b")
    assert np.allclose(table["p_value"], 1.0) and not table["significant"].any()
    tiny = theme_log_odds(coded.iloc[:3], frame, alike.iloc[:3], "a", "b")
    assert not tiny["significant"].any()


@pytest.fixture(scope="module")
def staged(survey, tweets):
    """The tweets placed at journey stages by the survey's touchpoint keywords, with a sentiment label each."""
    _, texts, frame, coded = tweets
    touchpoints = [survey.labels.get(c, c) for c in survey.columns("touchpoint")]
    keywords = seed_keywords(touchpoints)
    tags = tag_comments(texts, keywords, stage_map(list(keywords)))
    labels = load_export(str(sample_paths()["feedback"])).frame["airline_sentiment"].reindex(texts.index)
    return frame, coded, labels, tags["stage"]


def test_themes_by_stage_count_negative_comments_with_wilson_intervals(staged):
    frame, coded, labels, stages = staged
    table = themes_by_stage(coded, frame, labels, stages)
    assert len(table) and table["stage"].nunique() >= 2
    carried = presence(coded, frame)
    for row in table.itertuples():
        at = (stages == row.stage) & carried[row.id].astype(bool)
        assert row.n == at.sum() and row.negative_n == (at & (labels == "negative")).sum()
        low, high = proportion_confint(row.negative_n, row.n, method="wilson")
        assert (row.negative_low, row.negative_high) == pytest.approx((low, high))
        assert row.stability == frame.get(row.id).stability  # each theme's, on every stage
    for stage, part in table.groupby("stage", sort=False):
        assert part["negative_n"].tolist() == sorted(part["negative_n"], reverse=True)
    tops = top_negative(table, 2)
    assert all(len(part) <= 2 and (part["negative_n"] > 0).all() for part in tops.values())
    assert table.attrs["left_out"] == int((~stages.fillna("").astype(bool)).sum())


def test_unreadable_and_unplaced_comments_are_left_out(staged):
    frame, coded, labels, stages = staged
    unread = labels.where(np.arange(len(labels)) % 2 == 0, "undetected")
    table = themes_by_stage(coded, frame, unread, stages)
    assert table["n"].sum() < themes_by_stage(coded, frame, labels, stages)["n"].sum()
    empty = themes_by_stage(coded, frame, labels, pd.Series("", index=stages.index))
    assert empty.empty and empty.attrs["left_out"] == len(coded)


def test_chinese_hotel_reviews_themes_as_drivers_of_a_good_review_match_statsmodels(shared_data):
    """Real Chinese hotel reviews (ChnSentiCorp, 1 = positive): jieba themes as drivers of a positive review, and what
    the negative reviews talk about that the positive ones do not, checked against statsmodels."""
    reviews = pd.read_csv(shared_data / "chnsenticorp_htl_sample.csv")
    texts = reviews["review"].astype("string").fillna("")
    frame = discover(texts, 6, "zh")
    coded = code_texts(texts, frame)
    outcome = reviews["label"].astype(float)
    table = theme_drivers(coded, frame, outcome).set_index("id")
    modelled = [code.id for code in sorted(frame.codes, key=lambda c: -int(presence(coded, frame)[c.id].sum()))
                if table.loc[code.id, "status"] == "modelled"]
    fit = sm.Logit(outcome, sm.add_constant(presence(coded, frame)[modelled].astype(float))).fit(disp=0)
    assert len(modelled) >= 2 and np.allclose(table.loc[modelled, "coefficient"], fit.params[modelled], rtol=1e-6)
    groups = outcome.map({0.0: "negative", 1.0: "positive"})
    odds = theme_log_odds(coded, frame, groups, "negative", "positive").set_index("id")
    sizes = [int((outcome == 0).sum()), int((outcome == 1).sum())]
    p_values = [proportions_ztest([odds.loc[c, "count"], odds.loc[c, "count_other"]], sizes)[1] for c in odds.index]
    assert np.allclose(odds["p_value"], p_values)
    assert np.allclose(odds["p_adjusted"], multipletests(p_values, method="holm")[1])
    assert odds["significant"].any()  # negative hotel reviews do talk about other things than positive ones
