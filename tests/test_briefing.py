"""The executive summary (analysis.briefing): every number checked against an independent computation (scipy,
statsmodels, hand calculation), honest verdicts, and the cases where a sentence must not be written."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from analysis.briefing import (
    ANCHORS,
    MIN_COMMENTS,
    executive_summary,
    lowest_touchpoint,
)
from analysis.journey import touchpoint_summary
from analysis.messages import text
from tests.tables import prepared_from, prepared_path

RNG = np.random.default_rng(20261205)


def by_topic(sentences) -> dict:
    return {sentence.topic: sentence for sentence in sentences}


def t_interval(values: np.ndarray) -> tuple[float, float]:
    half = stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
    return values.mean() - half, values.mean() + half


def survey(n: int = 300, satisfied: float = 0.5) -> pd.DataFrame:
    """Three 1-5 touchpoints (Wifi rated low), a yes/no outcome and a region."""
    return pd.DataFrame({
        "Online booking": RNG.integers(3, 6, n), "Seat comfort": RNG.integers(3, 6, n),
        "Inflight wifi": RNG.integers(1, 4, n),
        "Satisfied": np.where(RNG.random(n) < satisfied, "yes", "no"),
        "Region": RNG.choice(["North", "South", "East"], n),
    })


ROLES = {"Online booking": "touchpoint", "Seat comfort": "touchpoint", "Inflight wifi": "touchpoint",
         "Satisfied": "outcome"}


def summary_of(frame: pd.DataFrame, roles=ROLES, feedback=None, reverse=()):
    prepared = prepared_from(frame, roles, reverse=reverse)
    return prepared, executive_summary(prepared, touchpoint_summary(prepared.scores, prepared.mapping), feedback)


def test_the_headline_share_and_its_wilson_interval_match_statsmodels():
    frame = survey()
    _, sentences = summary_of(frame)
    yes = int((frame["Satisfied"] == "yes").sum())
    low, high = proportion_confint(yes, len(frame), method="wilson")
    expected = text("summary.headline", metric=text("metric.satisfied"), value=f"{100 * yes / len(frame):.1f}%",
                    interval=text("summary.interval", low=f"{100 * low:.1f}%", high=f"{100 * high:.1f}%"),
                    n=f"{len(frame):,}")
    assert sentences[0].topic == "headline" and sentences[0].text() == expected
    assert sentences[0].anchor == ANCHORS["headline"]


def test_the_headline_nps_matches_a_hand_computed_adjusted_wald_interval():
    scores = np.array([10] * 12 + [9] * 8 + [8] * 5 + [7] * 5 + [5] * 10)  # 40 answers: 20 promoters, 10 detractors
    prepared = prepared_from(pd.DataFrame({"Recommend": scores}), {"Recommend": "nps"})
    sentence = executive_summary(prepared)[0]
    n = len(scores) + 3  # 3/4 of a respondent added to promoters, detractors and passives: 3 to n (Rocks 2016)
    p, d = (20 + 0.75) / n, (10 + 0.75) / n
    half = 1.959963984540054 * np.sqrt((p + d - (p - d) ** 2) / n)
    assert "NPS is +25 " in sentence.text()
    assert f"95% CI {100 * (p - d - half):+.0f} to {100 * (p - d + half):+.0f}, n = 40" in sentence.text()


def test_a_headline_of_few_answers_says_to_read_it_with_care():
    prepared = prepared_from(pd.DataFrame({"Recommend": [10, 9, 3, 8, 10]}), {"Recommend": "nps"})
    sentence = executive_summary(prepared)[0]
    assert sentence.message.code == "summary.headline_small" and "only 5 answers" in sentence.text()


def test_the_clearly_lowest_touchpoint_has_its_t_interval_on_the_0_100_score():
    frame = survey()
    _, sentences = summary_of(frame)
    lost = by_topic(sentences)["lost"]
    assert lost.message.code == "summary.lost" and lost.anchor == ANCHORS["lost"]
    wifi = frame["Inflight wifi"].to_numpy(dtype=float)
    low, high = t_interval(wifi)
    score = lambda value: f"{100 * (value - 1) / 4:.0f}"
    ratings = frame[["Online booking", "Seat comfort", "Inflight wifi"]].to_numpy(dtype=float)
    assert lost.text() == text(
        "summary.lost", touchpoint="'Inflight wifi'", stage=text("stage.experience"), count=3, score=score(wifi.mean()),
        interval=text("summary.interval", low=score(low), high=score(high)), n="300", overall=score(ratings.mean()))


def test_a_lowest_point_estimate_whose_interval_overlaps_is_not_called_the_lowest():
    frame = survey()
    frame["Seat comfort"] = frame["Inflight wifi"]  # the same ratings: the same interval...
    frame.loc[0, "Seat comfort"] = 3  # ... but a hair higher
    frame.loc[0, "Inflight wifi"] = 1
    _, sentences = summary_of(frame)
    lost = by_topic(sentences)["lost"]
    assert lost.message.code == "summary.lost_unclear"
    assert "'Inflight wifi' (Experience) has the lowest point estimate of 3 touchpoints" in lost.text()
    assert "overlaps the intervals of 1 of the other 2, so it is not clearly the lowest" in lost.text()


def test_a_reversed_scale_turns_its_interval_round():
    frame = survey()
    frame["Inflight wifi"] = 6 - frame["Inflight wifi"]  # 1 = best now
    prepared = prepared_from(frame, ROLES, reverse=("Inflight wifi",))
    table = touchpoint_summary(prepared.scores, prepared.mapping)
    lost = lowest_touchpoint(table)
    reversed_ratings = frame["Inflight wifi"].to_numpy(dtype=float)
    low, high = t_interval(reversed_ratings)
    # 5 (worst) is 0 and 1 (best) is 100: the interval's top end becomes the score's bottom end
    expected = text("summary.interval", low=f"{100 * (5 - high) / 4:.0f}", high=f"{100 * (5 - low) / 4:.0f}")
    assert expected in lost.sentence.text()


def test_touchpoints_rated_by_fewer_than_30_are_left_out_and_said_so():
    frame = survey()
    frame["Lounge"] = np.where(np.arange(len(frame)) < 10, 1, np.nan)  # ten ratings, all the worst
    _, sentences = summary_of(frame, {**ROLES, "Lounge": "touchpoint"})
    lost = by_topic(sentences)["lost"]
    assert "'Inflight wifi'" in lost.text() and "Lounge" not in lost.text()
    assert lost.text().endswith(text("summary.small_left_out", count=1))


def test_with_only_small_touchpoints_the_lowest_carries_a_caution():
    frame = survey(n=20)
    _, sentences = summary_of(frame)
    lost = by_topic(sentences)["lost"]
    assert lost.text().endswith(text("summary.small_caution"))


def test_one_touchpoint_gives_no_lowest_and_no_comments_give_no_said():
    frame = survey()[["Inflight wifi", "Satisfied"]]
    _, sentences = summary_of(frame, {"Inflight wifi": "touchpoint", "Satisfied": "outcome"})
    assert [sentence.topic for sentence in sentences] == ["headline"]


def feedback_table(stage: str, n: int, negative: int, term: str) -> pd.DataFrame:
    low, high = proportion_confint(negative, n, method="wilson")
    return pd.DataFrame([{"stage": stage, "n": n, "negative": negative / n, "negative_low": low, "negative_high": high,
                          "positive": 0.2, "positive_low": 0.1, "positive_high": 0.3, "mean_score": -0.2,
                          "emotion": "sad", "pain_point": term, "pain_touchpoint": ""}])


def test_what_they_say_at_the_lowest_stage_with_its_wilson_interval_and_term():
    feedback = feedback_table("experience", 80, 52, "no signal")
    _, sentences = summary_of(survey(), feedback=feedback)
    said = by_topic(sentences)["said"]
    low, high = proportion_confint(52, 80, method="wilson")
    assert said.anchor == ANCHORS["said"]
    assert said.text() == text("summary.said_term", stage=text("stage.experience"), share="65%", n="80",
                               interval=text("summary.interval", low=f"{100 * low:.0f}%", high=f"{100 * high:.0f}%"),
                               term="'no signal'")
    assert [sentence.topic for sentence in sentences][:3] == ["headline", "lost", "said"]


def test_comments_elsewhere_or_too_few_say_nothing_about_the_lowest_stage():
    elsewhere = feedback_table("purchase", 80, 52, "")
    few = feedback_table("experience", MIN_COMMENTS - 1, 5, "")
    for feedback in (elsewhere, few):
        assert "said" not in by_topic(summary_of(survey(), feedback=feedback)[1])


def dated(frame: pd.DataFrame, months: list[str]) -> pd.DataFrame:
    return frame.assign(Submitted=pd.to_datetime(months).strftime("%Y-%m-%d"))


def test_what_changed_is_the_latest_week_against_the_one_before_with_the_z_test():
    n = 400
    months = ["2025-01-10"] * 100 + ["2025-05-12"] * 150 + ["2025-06-03"] * 150
    frame = dated(survey(n), months)
    frame["Satisfied"] = ["yes"] * 50 + ["no"] * 50 + ["yes"] * 60 + ["no"] * 90 + ["yes"] * 100 + ["no"] * 50
    _, sentences = summary_of(frame, {**ROLES, "Submitted": "timestamp"})
    changed = by_topic(sentences)["changed"]
    _, p_value = proportions_ztest([100, 60], [150, 150])
    assert changed.message.code == "summary.changed" and changed.anchor == ANCHORS["changed"]
    assert changed.text() == text(
        "summary.changed", metric=text("metric.satisfied"), before="40.0%", after="66.7%", previous=text("summary.period.week", date="2025-05-12"),
        latest=text("summary.period.week", date="2025-06-02"), n_before="150", n_after="150", change="+26.7", unit=text("unit.share"),
        test=text("test.two_proportion_z"), p="p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}")


def test_a_change_within_chance_is_said_to_be_not_significant():
    frame = dated(survey(200), ["2025-03-01"] * 100 + ["2025-03-20"] * 100)
    frame["Satisfied"] = (["yes"] * 50 + ["no"] * 50) + (["yes"] * 53 + ["no"] * 47)
    _, sentences = summary_of(frame, {**ROLES, "Submitted": "timestamp"})
    changed = by_topic(sentences)["changed"]
    _, p_value = proportions_ztest([53, 50], [100, 100])
    assert changed.message.code == "summary.changed_not"
    assert f"p = {p_value:.2f}" in changed.text()
    assert "from 50.0% in 2025-03-01 (n = 100) to 53.0% in 2025-03-20 (n = 100), +3.0 percentage" in changed.text()


def test_no_dates_or_a_single_period_say_nothing_about_change():
    assert "changed" not in by_topic(summary_of(survey())[1])
    one_day = dated(survey(50), ["2025-03-01"] * 50)
    assert "changed" not in by_topic(summary_of(one_day, {**ROLES, "Submitted": "timestamp"})[1])


def test_the_group_that_differs_most_survives_holm_over_every_group_test():
    frame = survey(600)
    frame["Region"] = ["North"] * 200 + ["South"] * 200 + ["East"] * 200
    frame["Plan"] = ["Basic", "Pro"] * 300
    frame["Satisfied"] = ["yes"] * 150 + ["no"] * 50 + (["yes"] * 90 + ["no"] * 110) * 2
    _, sentences = summary_of(frame)
    differs = by_topic(sentences)["differs"]
    yes = np.array(frame["Satisfied"] == "yes", dtype=int)
    p_values, tests = [], []
    for column, groups in (("Region", ["East", "North", "South"]), ("Plan", ["Basic"])):
        for group in groups:
            inside = (frame[column] == group).to_numpy()
            _, p_value = proportions_ztest([yes[inside].sum(), yes[~inside].sum()], [inside.sum(), (~inside).sum()])
            p_values.append(p_value)
            tests.append((column, group, 100 * (yes[inside].mean() - yes[~inside].mean())))
    adjusted = multipletests(p_values, method="holm")[1]
    best = max((abs(difference), column, group, p) for (column, group, difference), p in zip(tests, adjusted)
               if p < 0.05)
    assert best[1:3] == ("Region", "North") and differs.anchor == ANCHORS["differs"]
    assert differs.text() == text(
        "summary.differs", metric=text("metric.satisfied"), group="'North'", column="'Region'", value="75.0%",
        n="200", rest="45.0%", n_rest="400", test=text("test.two_proportion_z"),
        p_holm="p < 0.001" if best[3] < 0.001 else f"p = {best[3]:.3f}", count=4)


def test_when_no_group_differs_the_summary_says_so():
    frame = survey(240)
    frame["Region"] = ["North", "South"] * 120
    frame["Satisfied"] = ["yes", "yes", "no", "no"] * 60  # every region exactly half satisfied
    _, sentences = summary_of(frame)
    differs = by_topic(sentences)["differs"]
    assert differs.text() == text("summary.differs_none", metric=text("metric.satisfied"), count=1, columns=1)


def test_groups_of_fewer_than_30_are_not_tested():
    frame = survey(60)
    frame["Region"] = ["North"] * 35 + ["South"] * 25
    assert "differs" not in by_topic(summary_of(frame)[1])


def test_nothing_to_say_gives_no_sentences():
    prepared = prepared_from(pd.DataFrame({"Region": ["North", "South"] * 20}), {})
    assert executive_summary(prepared) == []


def test_chinese_sentences_are_chinese_with_the_same_numbers():
    frame = dated(survey(400), ["2025-05-12"] * 200 + ["2025-06-03"] * 200)
    _, sentences = summary_of(frame, {**ROLES, "Submitted": "timestamp"},
                              feedback=feedback_table("experience", 80, 52, "没有信号"))
    assert {sentence.topic for sentence in sentences} == {"headline", "lost", "said", "changed", "differs"}
    for sentence in sentences:
        english, chinese = sentence.text("en"), sentence.text("zh")
        assert re.search(r"[\u4e00-\u9fff]", chinese)
        assert not re.search(r"\b(the|is|of|and|CI)\b", chinese)
        numbers = lambda words: re.findall(r"\d+(?:[,.]\d+)*%?", words)
        assert sorted(numbers(chinese)) == sorted(numbers(english))
    assert "“Inflight wifi”" in by_topic(sentences)["lost"].text("zh")


def test_the_sample_survey_gets_a_summary(prepared_file):
    prepared = prepared_path(prepared_file) if not hasattr(prepared_file, "scores") else prepared_file
    sentences = executive_summary(prepared, touchpoint_summary(prepared.scores, prepared.mapping))
    assert sentences and sentences[0].topic == "headline"


@pytest.fixture
def prepared_file(shared_data):
    return prepared_path(shared_data / "airline_passenger_satisfaction_sample.csv")


def test_a_change_that_rounds_to_nothing_is_written_without_a_sign():
    from analysis.briefing import signed
    assert [signed(value, "+.0f") for value in (-0.3, 0.4, 2.6, -2.6)] == ["0", "0", "+3", "-3"]
    assert signed(-0.04, ".1f") == "0.0" and signed(0.25, ".1f") == "+0.2"
