"""The sentiment model (engine per language, labels, undetected texts), training on labels, the
summaries the page draws and the ``sentiment`` command."""
from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import f1_score
from sklearn.model_selection import RepeatedStratifiedKFold
from statsmodels.stats.proportion import proportion_confint

from analysis import cli
from analysis.errors import InputError
from analysis.sentiment.base import Thresholds, labels_for
from analysis.sentiment.language import detect_language
from analysis.sentiment.model import engine_for, score_many, score_texts
from analysis.sentiment.summary import by_group, emotion_counts, extremes, group_columns, label_shares, over_time
from analysis.sentiment.trained import LabelledClassifier, normalise_labels, review_sample

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


# Languages, labels, routing ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, language", [
    ("Great crew, thanks!", "en"), ("航班延误三个小时[怒]", "zh"), ("@united thanks", "en"), ("[哈哈]", "zh"),
    ("http://t.co/abc", ""), ("", ""), ("😡😡", ""), ("@someone", ""), ("Привет, как дела", "other"),
    ("こんにちは世界", "other"), ("Très bien, merci beaucoup", "other"), ("服务很好 good", "zh"),
])
def test_language_of_a_text(text, language):
    assert detect_language(text) == language


def test_labels_follow_the_thresholds_and_nan_is_undetected():
    scores = [-0.5, -0.05, 0.0, 0.05, 0.3, np.nan]
    assert list(labels_for(scores, Thresholds(-0.05, 0.05))) == [
        "negative", "neutral", "neutral", "neutral", "positive", "undetected"]
    assert list(labels_for(scores, Thresholds(-0.6, 0.4))) == [
        "neutral", "neutral", "neutral", "neutral", "neutral", "undetected"]
    with pytest.raises(ValueError):
        Thresholds(0.2, -0.2)


def test_engines_read_only_their_languages():
    assert engine_for("en", "auto") == "english" and engine_for("zh", "auto") == "chinese"
    assert engine_for("", "auto") == "english"  # emoji-only text: the English engine reads emoji
    assert engine_for("other", "auto") is None
    assert engine_for("zh", "textblob") is None and engine_for("en", "chinese") is None


def test_auto_scores_both_languages_and_sets_aside_what_it_cannot_read():
    texts = ["The crew was wonderful and friendly", "Flight cancelled, lost my bag, worst airline ever",
             "酒店很干净，服务热情，下次还来", "房间又脏又吵，服务员态度很差，再也不来了",
             "", "http://example.com", "Привет, как дела", None, "😡😡"]
    table = score_texts(texts)
    assert list(table.columns) == ["sentiment_score", "sentiment_label", "emotion", "language"]
    assert list(table["sentiment_label"][:4]) == ["positive", "negative", "positive", "negative"]
    assert list(table["language"][:4]) == ["en", "en", "zh", "zh"]
    for row in (4, 5, 6, 7):
        assert table.loc[row, "sentiment_label"] == "undetected"
        assert np.isnan(table.loc[row, "sentiment_score"]) and table.loc[row, "emotion"] == ""
    assert table.loc[8, "sentiment_label"] == "negative" and table.loc[8, "emotion"] == "angry"
    assert set(table["emotion"][:4]) <= {"happy", "excited", "sad", "angry"}


def test_a_one_language_engine_leaves_the_other_language_undetected():
    table = score_texts(["Lovely staff", "服务很好"], engine="textblob")
    assert list(table["sentiment_label"]) == ["positive", "undetected"]
    forced = score_texts(["Lovely staff", "服务很好"], engine="auto", lang="zh")
    assert forced.loc[1, "sentiment_label"] == "positive"
    assert list(forced["language"]) == ["en", "zh"]  # the detected language is reported either way


def test_thresholds_given_replace_the_engines_own():
    wide = score_texts(["It was ok I guess", "Great!"], thresholds=Thresholds(-0.99, 0.99))
    assert set(wide["sentiment_label"]) == {"neutral"}


def test_score_many_scores_each_distinct_text_once_in_chunks_and_keeps_the_index():
    calls = []

    class Counting:
        def transform(self, texts):
            calls.append(list(texts))
            return score_texts(texts, engine="vader")

    texts = pd.Series(["good", "bad", "good", None, "bad", "fine"], index=[10, 11, 12, 13, 14, 15])
    seen = []
    table = score_many(Counting(), texts, progress=lambda done, total: seen.append((done, total)), chunk=2)
    assert sorted(text for chunk in calls for text in chunk) == ["", "bad", "fine", "good"]
    assert seen == [(2, 4), (4, 4)]
    assert list(table.index) == [10, 11, 12, 13, 14, 15]
    assert table.loc[10, "sentiment_score"] == table.loc[12, "sentiment_score"] > 0 > table.loc[11, "sentiment_score"]
    assert table.loc[13, "sentiment_label"] == "undetected"


# Learning from labels ----------------------------------------------------------------------------------

@pytest.mark.parametrize("values, expected", [
    (["positive", "Negative", " neutral ", ""], ["positive", "negative", "neutral", None]),
    (["正面", "负面", "中性", "好评", "差评"], ["positive", "negative", "neutral", "positive", "negative"]),
    ([0, 1, 1, None], ["negative", "positive", "positive", None]),
    (["-1", "0", "1"], ["negative", "neutral", "positive"]),
    ([1, 2, 3, 4, 5], ["negative", "negative", "neutral", "positive", "positive"]),
])
def test_labels_are_read_from_words_binary_codes_and_stars(values, expected):
    labels = normalise_labels(values)
    assert [None if pd.isna(label) else label for label in labels] == expected


@pytest.mark.parametrize("values, example", [(["positive", "meh"], "meh"), ([1, 2, 7], "7")])
def test_a_label_that_is_not_a_sentiment_is_named(values, example):
    with pytest.raises(InputError) as caught:
        normalise_labels(values, column="stars")
    assert "'stars'" in caught.value.text("en") and f"'{example}'" in caught.value.text("en")


def test_too_few_labels_to_train_is_refused():
    with pytest.raises(InputError) as caught:
        LabelledClassifier().fit(["good", "bad", "ok"] * 3, ["positive", "negative", "positive"] * 3, column="label")
    assert caught.value.text("en").startswith("Not enough labels to tell whether a model trained on column 'label'")
    assert "each with at least 5 texts" in caught.value.text("en") and "negative 3" in caught.value.text("en")


@pytest.fixture(scope="module")
def tweets(shared_data):
    return pd.read_csv(shared_data / "airline_tweets_sample.csv")


@pytest.fixture(scope="module")
def trained_on_tweets(tweets):
    return LabelledClassifier().fit(tweets["text"].tolist(), tweets["airline_sentiment"].tolist())


def test_training_on_labelled_tweets_beats_the_engine_on_the_same_folds(tweets, trained_on_tweets):
    cv = trained_on_tweets.cv_
    assert (cv.folds, cv.repeats, cv.n) == (5, 2, len(tweets))
    assert cv.trained_macro_f1 >= 0.70 and cv.difference > cv.se > 0 and cv.beats_zero_shot
    # The zero-shot figure is the engine's macro-F1 on each test fold, averaged: the same folds as the model's.
    truth, engine = tweets["airline_sentiment"].to_numpy(), score_texts(tweets["text"].tolist())["sentiment_label"]
    folds = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=0).split(truth, truth)
    per_fold = [f1_score(truth[test], engine.to_numpy()[test], labels=["negative", "neutral", "positive"],
                         average="macro") for _, test in folds]
    assert cv.zero_shot_macro_f1 == pytest.approx(np.mean(per_fold))
    assert cv.zero_shot_sd == pytest.approx(np.std(per_fold, ddof=1))


def test_the_trained_model_labels_new_texts_and_keeps_emotions_in_line(trained_on_tweets):
    table = trained_on_tweets.transform(["@united my flight is delayed again and nobody answers the phone",
                                         "@united thank you, the crew was amazing!", "", "http://t.co/x"])
    assert list(table["sentiment_label"]) == ["negative", "positive", "undetected", "undetected"]
    assert table.loc[0, "emotion"] in ("sad", "angry") and table.loc[1, "emotion"] in ("happy", "excited")
    assert -1 <= table.loc[0, "sentiment_score"] < 0 < table.loc[1, "sentiment_score"] <= 1


def test_a_model_that_cannot_beat_the_engine_is_not_used():
    # Labels that are the engine's own answers: the engine is perfect on them, training can only tie or lose.
    texts = ["Great service, lovely crew", "Terrible delay, awful staff", "Amazing seats and food",
             "Worst flight ever, rude agents", "Wonderful, thank you so much", "Horrible, lost my bag"] * 5
    labels = score_texts(texts)["sentiment_label"]
    cv = LabelledClassifier().fit(texts, labels.tolist()).cv_
    assert cv.zero_shot_macro_f1 == 1.0 and not cv.beats_zero_shot


# Summaries ----------------------------------------------------------------------------------------------

def scored_frame() -> pd.DataFrame:
    labels = ["negative"] * 6 + ["neutral"] * 3 + ["positive"] * 9 + ["undetected"] * 2
    scores = [-0.8, -0.6, -0.5, -0.3, -0.2, -0.1, 0, 0, 0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, np.nan, np.nan]
    emotions = ["angry"] * 3 + ["sad"] * 3 + ["neutral"] * 3 + ["happy"] * 6 + ["excited"] * 3 + ["", ""]
    return pd.DataFrame({"text": [f"text {i}" for i in range(20)], "sentiment_score": scores,
                         "sentiment_label": labels, "emotion": emotions, "language": ["en"] * 18 + ["", "other"],
                         "channel": ["web", "app"] * 10,
                         "created_at": pd.to_datetime(["2024-01-01"] * 10 + ["2024-01-02"] * 10)})


def test_review_sample_spreads_over_the_scores_and_is_repeatable():
    frame = pd.DataFrame({"text": [f"t{i // 2}" for i in range(200)],  # every text twice
                          "sentiment_score": np.linspace(-1, 1, 200), "sentiment_label": ["positive"] * 200})
    frame.loc[:9, "sentiment_label"] = "undetected"
    sample = review_sample(frame, 30, seed=1)
    assert len(sample) == 30 and sample["text"].is_unique and not (sample["sentiment_label"] == "undetected").any()
    readable = frame[frame["sentiment_label"] != "undetected"].drop_duplicates("text")
    thirds = pd.qcut(readable["sentiment_score"], 3, labels=False)
    assert thirds[sample.index].value_counts().tolist() == [10, 10, 10]
    assert sample.index.equals(review_sample(frame, 30, seed=1).index)
    assert set(review_sample(frame, 500).index) == set(readable.index)


def test_label_shares_are_of_the_readable_texts_with_wilson_intervals():
    table = label_shares(scored_frame()).set_index("label")
    assert table.attrs == {"readable": 18, "undetected": 2}
    for label, count in (("negative", 6), ("neutral", 3), ("positive", 9)):
        low, high = proportion_confint(count, 18, method="wilson")
        assert table.loc[label, "share"] == pytest.approx(count / 18)
        assert (table.loc[label, "low"], table.loc[label, "high"]) == (pytest.approx(low), pytest.approx(high))


def test_emotions_counted_over_readable_texts_in_face_order():
    table = emotion_counts(scored_frame())
    assert list(table["emotion"]) == ["angry", "sad", "neutral", "happy", "excited"]
    assert list(table["n"]) == [3, 3, 3, 6, 3] and table["share"].sum() == pytest.approx(1)


def test_by_group_and_over_time_agree_with_a_hand_count():
    frame = scored_frame()
    groups = by_group(frame, "channel").set_index("group")
    web = frame[(frame["channel"] == "web") & (frame["sentiment_label"] != "undetected")]
    assert groups.loc["web", "n"] == len(web)
    assert groups.loc["web", "negative"] == pytest.approx((web["sentiment_label"] == "negative").mean())
    low, high = proportion_confint((web["sentiment_label"] == "negative").sum(), len(web), method="wilson")
    assert groups.loc["web", "negative_low"] == pytest.approx(low)
    days = over_time(frame, freq="day")
    assert list(days["n"]) == [10, 8] and days.loc[0, "negative"] == pytest.approx(0.6)
    assert days.attrs["dropped"] == 0
    enough = over_time(frame, freq="day", min_n=9)
    assert list(enough["n"]) == [10] and enough.attrs["dropped"] == 8
    with pytest.raises(InputError):
        over_time(frame.assign(created_at=pd.NaT))


def test_group_columns_put_touchpoints_first_and_label_columns_last():
    frame = scored_frame().assign(gold=["positive", "负面"] * 10, stars=[1, 5] * 10, region=["n", "s", "e", "w"] * 5,
                                  touchpoint=["wifi", "food"] * 10, single=["x"] * 20,
                                  many=[str(i) for i in range(20)])
    assert group_columns(frame) == ["touchpoint", "channel", "stars", "region", "many", "gold"]


def test_extremes_are_the_strongest_distinct_texts():
    frame = pd.concat([scored_frame(), scored_frame().iloc[[0]]], ignore_index=True)
    worst = extremes(frame, "negative", 3)
    assert list(worst["sentiment_score"]) == [-0.8, -0.6, -0.5] and worst["text"].is_unique
    assert list(extremes(frame, "positive", 2)["sentiment_score"]) == [0.95, 0.9]


# The command line ----------------------------------------------------------------------------------------

def test_sentiment_command_writes_every_row_in_order_with_four_columns(tmp_path):
    source = tmp_path / "posts.csv"
    rows = [["id", "comment"], ["1", "The crew was wonderful"], ["2", ""], ["3", "航班延误，服务太差了"],
            ["4", "=HYPERLINK(\"http://x\")"], ["5", "Lost my bag, terrible"]]
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    out = tmp_path / "scored.csv"
    assert cli.main(["sentiment", str(source), "--text-col", "comment", "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(table.columns) == ["id", "comment", "sentiment_score", "sentiment_label", "emotion", "language"]
    assert list(table["id"]) == ["1", "2", "3", "4", "5"]
    assert list(table["sentiment_label"][[0, 1, 2, 4]]) == ["positive", "undetected", "negative", "negative"]
    assert table.loc[1, "sentiment_score"] == "" and table.loc[1, "emotion"] == ""
    assert table.loc[3, "comment"].startswith("'=")  # formula made inert


def test_sentiment_command_errors_are_one_line(tmp_path, run_cli):
    source = tmp_path / "posts.csv"
    source.write_text("id,comment\n1,good\n", encoding="utf-8")
    run = run_cli("sentiment", source, "--text-col", "nope", "--out", tmp_path / "o.csv")
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert run.stderr.startswith("error: posts.csv: 'nope' is not a column of the file")


def test_sentiment_command_trains_on_labels_and_says_whether_it_is_used(shared_data, tmp_path, capsys):
    out = tmp_path / "scored.csv"
    tweets = shared_data / "airline_tweets_sample.csv"
    assert cli.main(["sentiment", str(tweets), "--text-col", "text", "--out", str(out), "--train", str(tweets),
                     "--label-col", "airline_sentiment"]) == 0
    printed = capsys.readouterr().out
    assert "Trained on 2,000 labelled texts, 2 × 5-fold cross-validation" in printed
    assert "The trained model is better by more than one standard error, so it is used." in printed
    table = pd.read_csv(out)
    assert len(table) == 2000
    # Scored by the model trained on these very tweets: it agrees with the labels far more than any engine.
    assert (table["sentiment_label"] == table["airline_sentiment"]).mean() > 0.9
