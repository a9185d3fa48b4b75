"""What feedback says per journey stage, and how it is set beside the survey's weakest stage."""
from __future__ import annotations

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from analysis.sentiment.model import score_texts
from analysis.sentiment.stages import compare_evidence, feedback_by_channel, feedback_by_stage
from analysis.sentiment.tagging import comment_topics, seed_keywords
from analysis.themes.touchpoints import tag_comments

COMMENTS = [
    ("The seat was broken and the legroom awful", "negative"), ("Seat was cramped, terrible legroom", "negative"),
    ("Comfortable seat, lovely legroom", "positive"), ("The seat was fine", "neutral"),
    ("Booking online was a nightmare, the website crashed", "negative"), ("Easy booking on the website", "positive"),
    ("Easy booking, great website", "positive"), ("The bag was lost at baggage claim", "negative"),
    ("Nice weather today", "positive"), ("", "undetected"),
]
STAGES = {"Seat comfort": "experience", "Online booking": "purchase", "Baggage handling": "service"}


def scored_comments() -> tuple[pd.DataFrame, pd.DataFrame]:
    texts = pd.Series([text for text, _ in COMMENTS], index=range(100, 100 + len(COMMENTS)))
    scored = pd.DataFrame({"text": texts}).join(score_texts(texts, "english").set_axis(texts.index))
    scored["sentiment_label"] = [label for _, label in COMMENTS]  # hand labels: the counts below are by hand
    return scored, tag_comments(texts, seed_keywords(list(STAGES)), STAGES)


def test_feedback_per_stage_counts_tagged_readable_comments_by_hand():
    scored, tags = scored_comments()
    assert list(tags["touchpoint"]) == ["Seat comfort"] * 4 + ["Online booking"] * 3 + ["Baggage handling", "", ""]
    table = feedback_by_stage(scored, tags, min_count=2).set_index("stage")
    assert list(table.index) == ["purchase", "experience", "service"]  # journey order, stages with comments only
    assert table.loc["experience", "n"] == 4 and table.loc["experience", "negative"] == pytest.approx(0.5)
    low, high = proportion_confint(2, 4, method="wilson")
    assert (table.loc["experience", "negative_low"], table.loc["experience", "negative_high"]) == \
        (pytest.approx(low), pytest.approx(high))
    assert table.loc["purchase", "negative"] == pytest.approx(1 / 3)
    assert table.loc["experience", "pain_point"] == "legroom"  # in both negative seat comments, not the others
    assert table.loc["purchase", "pain_point"] == ""  # one negative comment: nothing stands out with 2
    assert table.loc["service", "pain_touchpoint"] == "Baggage handling"


def journey(scores: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"stage": list(scores), "score": list(scores.values())})


def feedback(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame([{"stage": stage, "n": n, "negative": negative / n} for stage, n, negative in rows])


def test_evidence_agrees_and_stands_out_against_a_z_test():
    evidence = compare_evidence(journey({"purchase": 0.46, "experience": 0.57, "service": 0.66}),
                                feedback([("purchase", 195, 152), ("experience", 303, 133), ("service", 113, 58)]))
    assert evidence.agree and evidence.words_stage == "purchase" and evidence.runner_up == "service"
    _, p_value = proportions_ztest([152, 58], [195, 113])
    assert evidence.p_value == pytest.approx(p_value) and evidence.stands_out


def test_evidence_that_differs_but_does_not_stand_out():
    evidence = compare_evidence(journey({"purchase": 0.46, "service": 0.66, "loyalty": float("nan")}),
                                feedback([("purchase", 40, 16), ("service", 40, 18), ("loyalty", 3, 3)]))
    assert not evidence.agree and evidence.survey_stage == "purchase" and evidence.words_stage == "service"
    assert evidence.n == 40 and not evidence.stands_out  # 45% against 40% of 40 comments: could be chance
    _, p_value = proportions_ztest([18, 16], [40, 40])
    assert evidence.p_value == pytest.approx(p_value)


def test_no_evidence_with_fewer_than_two_stages_heard_or_no_score():
    assert compare_evidence(journey({"purchase": 0.4}), feedback([("purchase", 50, 10), ("service", 9, 9)])) is None
    assert compare_evidence(journey({"purchase": float("nan")}),
                            feedback([("purchase", 50, 10), ("service", 50, 9)])) is None


def test_feedback_per_channel_counts_each_respondents_comments_by_hand():
    """A survey's own comments belong to the channel their respondent came through: per channel, in journey order
    of the channels' stages, the shares and Wilson bounds of its readable comments (checked by hand)."""
    scored, _ = scored_comments()
    channel = pd.Series(["WeChat", "WeChat", "Store", "Store", "WeChat", "Store", "Store", "Hotline", "Store",
                         "Hotline"], index=scored.index)
    table = feedback_by_channel(scored, channel, {"Store": "experience", "WeChat": "awareness",
                                                  "Hotline": "service", "Website": "purchase"})
    assert list(table["channel"]) == ["WeChat", "Store", "Hotline"]  # journey order; Website has no comment
    wechat = table.set_index("channel").loc["WeChat"]
    assert wechat["stage"] == "awareness" and wechat["n"] == 3 and wechat["negative"] == pytest.approx(1)
    store = table.set_index("channel").loc["Store"]
    assert store["n"] == 5 and store["negative"] == pytest.approx(0) and store["positive"] == pytest.approx(4 / 5)
    low, high = proportion_confint(4, 5, method="wilson")
    assert (store["positive_low"], store["positive_high"]) == (pytest.approx(low), pytest.approx(high))
    assert table.set_index("channel").loc["Hotline", "n"] == 1  # its undetected comment is left out
    assert wechat["pain_point"] == "legroom"  # in two of its three negative comments
    assert store["pain_point"] == ""  # no negative comment


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_comment_topics_place_comments_on_the_journey_alike_in_both_languages(lang):
    """A survey that rates no touchpoint still gets its comments on the journey: the common topics are touchpoints,
    placed at the same stages in either language, and their keywords tag comments in both languages."""
    topics = comment_topics(lang)
    assert list(comment_topics("en").values()) == list(topics.values())
    assert {"awareness", "consideration", "purchase", "experience", "service", "loyalty"} <= set(topics.values())
    texts = pd.Series(["The refund never came", "退款一直没到账", "Saw your advert on the bus", "客服态度很差"])
    tags = tag_comments(texts, seed_keywords(list(topics)), topics)
    assert list(tags["stage"]) == ["service", "service", "awareness", "service"]
