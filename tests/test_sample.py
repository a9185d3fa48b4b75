"""The bundled sample project: committed, rebuilt exactly by data/build_sample.py (its real columns byte-for-byte
the shared real data), and something to show on every page: NPS, CSAT and CES, dates, every journey stage,
comments linked to respondents and a web event log."""
import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from analysis.behaviour.report import analyse
from analysis.io import load_export
from analysis.journey import STAGES
from analysis.personas.linked import id_column, survey_ids
from analysis.sample import sample_paths
from analysis.summary import summarize
from analysis.trends import metric_trend

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SIMULATED_SURVEY_COLUMNS = ["Response date", "Advertising and social media", "Frequent flyer rewards",
                            "Likelihood to recommend (0-10)", "Overall satisfaction (1-5)",
                            "Customer effort score (1 = very difficult, 7 = very easy)"]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_sample", ROOT / "data" / "build_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_paths_point_at_bundled_files():
    assert {kind: Path(path).resolve() for kind, path in sample_paths().items()} == {
        "survey": SAMPLE / "airline_survey.csv", "feedback": SAMPLE / "airline_tweets.csv",
        "events": SAMPLE / "airline_web_events.csv"}


@pytest.mark.parametrize("name, rows, first_column", [
    ("airline_survey.csv", 5000, "id"),
    ("airline_tweets.csv", 2000, "tweet_id"),
    ("airline_web_events.csv", 4381, "client_id"),
])
def test_sample_file_is_complete(name, rows, first_column):
    frame = pd.read_csv(SAMPLE / name, dtype=str)
    assert len(frame) == rows
    assert frame.columns[0] == first_column


def test_rebuilding_the_sample_gives_the_committed_bytes(shared_data, tmp_path):
    written = _build_module().build(shared_data, tmp_path)
    assert sorted(written) == sorted(path.name for path in SAMPLE.iterdir())
    for name, data in written.items():
        assert data == (SAMPLE / name).read_bytes(), name


@pytest.mark.parametrize("name, original, simulated", [
    ("airline_survey.csv", "airline_passenger_satisfaction_sample.csv", SIMULATED_SURVEY_COLUMNS),
    ("airline_tweets.csv", "airline_tweets_sample.csv", ["respondent_id"]),
])
def test_real_columns_are_the_shared_data_byte_for_byte(shared_data, name, original, simulated):
    frame = pd.read_csv(SAMPLE / name, dtype=str, keep_default_na=False)
    assert list(frame.columns[-len(simulated):]) == simulated
    real = frame.drop(columns=simulated).to_csv(index=False).encode("utf-8")
    assert real == (shared_data / original).read_bytes()


def test_summary_has_nps_csat_and_ces_with_intervals():
    found = summarize(load_export(sample_paths()["survey"]))["metrics"]
    for name in ("nps", "csat", "ces", "satisfied"):
        metric = found[name]
        assert metric["n"] == 5000, name
        assert metric["low"] < metric["value"] < metric["high"], name


def test_simulated_metrics_follow_the_real_satisfaction_label():
    survey = pd.read_csv(sample_paths()["survey"])
    means = survey.groupby("satisfaction")[SIMULATED_SURVEY_COLUMNS[3:]].mean()
    assert (means.loc["satisfied"] > means.loc["neutral or dissatisfied"]).all()


def test_every_journey_stage_has_a_touchpoint():
    touchpoints = summarize(load_export(sample_paths()["survey"]))["touchpoints"]
    stages = {row["stage"] for row in touchpoints}
    assert stages == set(STAGES)
    placed = {row["touchpoint"]: row["stage"] for row in touchpoints}
    assert placed["Advertising and social media"] == "awareness"
    assert placed["Frequent flyer rewards"] == "loyalty"


def test_trends_have_twelve_weeks_of_dates_and_nps_improves(prepared_file):
    trend = metric_trend(prepared_file(sample_paths()["survey"]), freq="week")
    headline = trend[trend["kind"] == "headline"].pivot(index="period", columns="metric", values="value")
    assert len(headline) == 12
    assert {"nps", "csat", "ces"} <= set(headline.columns)
    nps = headline["nps"]
    assert nps.tail(4).mean() > nps.head(4).mean()


def test_every_tweet_is_linked_to_a_respondent_whose_satisfaction_matches(prepared_file):
    prepared = prepared_file(sample_paths()["survey"])
    tweets = pd.read_csv(sample_paths()["feedback"])
    assert id_column(tweets, survey_ids(prepared), "airline_tweets.csv") == ("respondent_id", None)
    assert tweets["respondent_id"].is_unique
    survey = pd.read_csv(sample_paths()["survey"]).set_index("id")
    label = survey.loc[tweets["respondent_id"], "satisfaction"].to_numpy()
    negative, positive = tweets["airline_sentiment"] == "negative", tweets["airline_sentiment"] == "positive"
    assert (label[negative.to_numpy()] == "neutral or dissatisfied").all()
    assert (label[positive.to_numpy()] == "satisfied").all()


def test_event_log_has_sessions_bounces_a_funnel_with_drop_off_and_every_stage():
    found = analyse([sample_paths()["events"]])
    summary = found.summary()
    assert summary["sessions"] > 900
    assert 20 < summary["bounce_rate"].value < 45
    assert sum(found.events.excluded_counts().values()) == 12  # the crawler hits, set aside
    funnel = found.funnel()
    assert funnel["label"].tolist() == ["view_item", "add_to_cart", "begin_checkout", "purchase"]
    assert funnel["sessions"].is_monotonic_decreasing and funnel["drop_off"].iloc[1:].gt(0).all()
    stages = found.stages().set_index("stage")["sessions"]
    assert (stages.reindex(STAGES) > 0).all()
