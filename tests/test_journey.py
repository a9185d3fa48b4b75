"""Stages, touchpoint summaries, the journey map, emotions and friction points."""
import pandas as pd
import pytest

from analysis.journey import (EMOTIONS, STAGES, emotion, friction_points, guess_stage, journey_map, stage_map,
                              touchpoint_summary)


@pytest.mark.parametrize("name, stage", [
    ("Ease of Online booking", "purchase"), ("Checkout", "purchase"), ("下单流程", "purchase"),
    ("Baggage handling", "service"), ("客服响应", "service"), ("退货体验", "service"),
    ("Saw our TV ad", "awareness"), ("品牌印象", "awareness"), ("Website information", "consideration"),
    ("Seat comfort", "experience"), ("Loyalty programme", "loyalty"), ("会员积分", "loyalty"),
    ("Baggage_Handling", "service"), ("Online_Booking_Ease", "purchase"), ("OnlineBooking", "purchase"),
])
def test_bilingual_stage_guess(name, stage):
    assert guess_stage(name) == stage


def test_stage_map_keeps_valid_overrides_only():
    placed = stage_map(["Checkout", "Seat comfort"], {"Seat comfort": "service", "Checkout": "nonsense"})
    assert placed == {"Checkout": "purchase", "Seat comfort": "service"}


@pytest.mark.parametrize("score, expected", [(0.0, "angry"), (0.19, "angry"), (0.2, "sad"), (0.5, "neutral"),
                                             (0.79, "happy"), (0.8, "excited"), (1.0, "excited")])
def test_emotion_thresholds(score, expected):
    assert emotion(score) == expected and expected in EMOTIONS
    assert emotion(None) is None


@pytest.fixture
def small_survey():
    scores = pd.DataFrame({"Checkout": [1, 2, 2, 5] * 10, "Support": [5, 5, 4, 4] * 10, "Ad recall": [3] * 40})
    mapping = pd.DataFrame({"column": list(scores), "role": "touchpoint", "scale_min": 1.0, "scale_max": 5.0,
                            "reverse": False, "zero_is_na": False})
    return scores, mapping


def test_touchpoint_summary_has_top_and_bottom_boxes(small_survey):
    scores, mapping = small_survey
    table = touchpoint_summary(scores, mapping, {"Support": "service", "Ad recall": "awareness"}).set_index("touchpoint")
    assert table.loc["Checkout", "mean"] == pytest.approx(2.5)
    assert table.loc["Checkout", "bottom2"] == pytest.approx(75.0)
    assert table.loc["Checkout", "top2"] == pytest.approx(25.0)
    assert table.loc["Support", "score"] == pytest.approx((4.5 - 1) / 4)
    assert list(table.index) == ["Ad recall", "Checkout", "Support"]  # awareness, purchase, service


def test_journey_map_has_all_stages_in_order_with_weighted_scores(small_survey):
    scores, mapping = small_survey
    stages = {"Support": "service", "Ad recall": "awareness", "Checkout": "purchase"}
    table = journey_map(touchpoint_summary(scores, mapping, stages), scores).set_index("stage")
    assert list(table.index) == STAGES
    assert table.loc["purchase", "score"] == pytest.approx((2.5 - 1) / 4)
    assert table.loc["purchase", "n"] == 40 and table.loc["purchase", "ratings"] == 40
    assert table.loc["purchase", "emotion"] == "sad"
    assert table.loc["service", "emotion"] == "excited"
    assert pd.isna(table.loc["loyalty", "score"]) and table.loc["loyalty", "n"] == 0


def test_friction_points_name_the_weakest_touchpoints(small_survey):
    scores, mapping = small_survey
    friction = friction_points(touchpoint_summary(scores, mapping), count=1)
    assert friction[["touchpoint", "kind"]].values.tolist() == [["Checkout", "lowest_score"],
                                                               ["Checkout", "most_detractors"]]


def test_airline_journey_map_matches_pandas(shared_data, prepared_file):
    path = shared_data / "airline_passenger_satisfaction_sample.csv"
    prepared = prepared_file(path)
    summary = touchpoint_summary(prepared.scores, prepared.mapping)
    raw = pd.read_csv(path)
    experience = summary[summary["stage"] == "experience"]
    expected = sum(((raw.loc[raw[c] > 0, c].mean() - 1) / 4) * (raw[c] > 0).sum() for c in experience["touchpoint"])
    expected /= sum((raw[c] > 0).sum() for c in experience["touchpoint"])
    stage = journey_map(summary, prepared.scores).set_index("stage").loc["experience"]
    assert stage["score"] == pytest.approx(expected)
    assert stage["weakest"] == "Inflight wifi service"
    assert summary["zero_is_na"].any()
    # n counts respondents who rated any of the stage's touchpoints, not ratings
    rated = (raw[experience["touchpoint"].tolist()] > 0).any(axis=1).sum()
    assert stage["n"] == rated <= len(raw) < stage["ratings"]
    assert stage["ratings"] == sum((raw[c] > 0).sum() for c in experience["touchpoint"])


def test_stage_n_counts_respondents_not_ratings():
    scores = pd.DataFrame({"Seat": [4.0, 5.0, None, 3.0], "Food": [2.0, None, None, 3.0], "Wifi": [None] * 4})
    mapping = pd.DataFrame({"column": list(scores), "role": "touchpoint", "scale_min": 1.0, "scale_max": 5.0,
                            "reverse": False, "zero_is_na": False})
    stage = journey_map(touchpoint_summary(scores, mapping), scores).set_index("stage").loc["experience"]
    assert (stage["n"], stage["ratings"]) == (3, 5)


def test_short_scales_report_the_single_top_and_bottom_box():
    scores = pd.DataFrame({"Queue": [1.0, 2.0, 2.0, 3.0]})
    mapping = pd.DataFrame({"column": ["Queue"], "role": "touchpoint", "scale_min": 1.0, "scale_max": 3.0,
                            "reverse": False, "zero_is_na": False})
    row = touchpoint_summary(scores, mapping).iloc[0]
    assert (row["top2"], row["bottom2"], row["boxes"]) == (25.0, 25.0, 1)


def test_touchpoints_without_one_readable_rating_have_empty_numbers_not_errors():
    """Touchpoint columns whose every answer is unreadable: NaN summaries, no friction points, no error."""
    from analysis.journey import friction_points, journey_map, touchpoint_summary
    from tests.tables import prepared_from

    frame = pd.DataFrame({"Check-in": ["n/a"] * 40, "Boarding": ["unknown"] * 20 + ["-"] * 20,
                          "NPS": [10, 9, 3, 7] * 10})
    prepared = prepared_from(frame, {"Check-in": "touchpoint", "Boarding": "touchpoint", "NPS": "nps"}, scale=(1, 5))
    summary = touchpoint_summary(prepared.scores, prepared.mapping)
    assert summary["n"].tolist() == [0, 0] and summary["score"].isna().all()
    assert summary["score"].dtype == float and summary["mean"].dtype == float
    assert friction_points(summary).empty
    assert journey_map(summary, prepared.scores)["score"].isna().all()


@pytest.mark.parametrize("name, stage", [("WeChat", "awareness"), ("微博", "awareness"), ("TikTok ads", "awareness"),
                                         ("Website", "consideration"), ("客服热线", "service")])
def test_channel_names_are_placed_at_a_stage(name, stage):
    assert guess_stage(name) == stage


def test_a_survey_without_touchpoint_ratings_gets_a_journey_by_channel():
    """NPS and a channel column, no touchpoint: each channel is a touchpoint on the NPS scale; its mean, promoter
    share (top two boxes, 9-10) and n equal a pandas groupby."""
    import numpy as np

    from analysis.channels import channel_touchpoints
    from tests.tables import prepared_from

    rng = np.random.default_rng(4)
    n = 400
    frame = pd.DataFrame({"NPS": rng.integers(0, 11, n).astype(float),
                          "Channel": rng.choice(["WeChat", "Website", "Store", "Call centre"], n, p=[.4, .3, .295, .005]),
                          "Comment": ["fine"] * n})
    frame.loc[frame.index[:25], "NPS"] = np.nan
    prepared = prepared_from(frame, {"NPS": "nps", "Channel": "channel", "Comment": "text"})
    scores, mapping, channel, metric = channel_touchpoints(prepared)
    assert (channel, metric) == ("Channel", "nps")
    answered = frame.dropna(subset=["NPS"])
    by_hand = answered.groupby("Channel")["NPS"]
    kept = by_hand.size()[lambda size: size >= 2].sort_values(ascending=False)
    assert mapping["column"].tolist() == kept.index.tolist()
    assert (mapping[["scale_min", "scale_max"]].to_numpy() == [0, 10]).all()
    summary = touchpoint_summary(scores, mapping).set_index("touchpoint")
    for name in kept.index:
        assert summary.loc[name, "n"] == kept[name]
        assert summary.loc[name, "mean"] == pytest.approx(by_hand.mean()[name])
        assert summary.loc[name, "top2"] == pytest.approx(100 * (answered.loc[answered["Channel"] == name, "NPS"] >= 9).mean())
    assert summary.loc["WeChat", "stage"] == "awareness" and summary.loc["Website", "stage"] == "consideration"
    assert journey_map(summary.reset_index(), scores).set_index("stage").loc["awareness", "n"] == kept["WeChat"]
    assert channel_touchpoints(prepared_from(frame.drop(columns="Channel"), {"NPS": "nps"})) is None
    assert channel_touchpoints(prepared_from(frame.drop(columns="NPS"), {"Channel": "channel"})) is None
