"""English sentiment engines: accuracy floors on the real dev samples and hand-checked examples.

The floors sit a little below what the engines measure on the dev samples in ``shared/data``
(airline tweets 0.581, Alexa reviews 0.576, dair-ai emotions 0.712 macro-F1), so a change that
makes them worse fails here. Nothing in the engines was fitted on these samples.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import f1_score

from analysis.sentiment.base import EMOTIONS, labels_for
from analysis.sentiment.english import EnglishEngine, TextBlobEngine, VaderEngine

ENGINES = (TextBlobEngine, VaderEngine, EnglishEngine)
# dair-ai emotion labels -> the app's emotions (happy and excited are one class here).
DAIR_AI = {"anger": "angry", "sadness": "sad", "fear": "sad", "joy": "happy", "love": "happy", "surprise": "happy"}


def stars_to_label(stars: pd.Series) -> np.ndarray:
    """1-2 stars negative, 3 neutral, 4-5 positive."""
    return np.select([stars <= 2, stars == 3], ["negative", "neutral"], "positive")


def macro_f1(truth, predicted, labels) -> float:
    return f1_score(truth, predicted, labels=list(labels), average="macro")


@pytest.fixture(scope="module")
def engine() -> EnglishEngine:
    return EnglishEngine().fit()


def label(engine: EnglishEngine, text: str) -> str:
    return labels_for(engine.score([text]), engine.default_thresholds)[0]


def test_airline_tweets_macro_f1(shared_data, engine):
    tweets = pd.read_csv(shared_data / "airline_tweets_sample.csv")
    predicted = labels_for(engine.score(tweets["text"].tolist()), engine.default_thresholds)
    assert macro_f1(tweets["airline_sentiment"], predicted, ("negative", "neutral", "positive")) >= 0.56


def test_alexa_reviews_macro_f1(shared_data, engine):
    reviews = pd.read_csv(shared_data / "text" / "amazon_alexa_reviews_sample.csv")
    predicted = labels_for(engine.score(reviews["text"].tolist()), engine.default_thresholds)
    assert macro_f1(stars_to_label(reviews["label"]), predicted, ("negative", "neutral", "positive")) >= 0.55


def test_dair_ai_emotion_macro_f1(shared_data, engine):
    tweets = pd.read_csv(shared_data / "text" / "emotion_en_sample.csv")
    texts = tweets["text"].tolist()
    emotions = engine.emotion(texts, engine.score(texts))
    predicted = ["happy" if e == "excited" else e for e in emotions]
    assert macro_f1(tweets["label"].map(DAIR_AI), predicted, ("angry", "sad", "happy")) >= 0.69


@pytest.mark.parametrize("engine_class", ENGINES)
def test_nothing_to_read_gives_nan_and_no_emotion(engine_class):
    texts = ["", "   ", "https://t.co/abc123", "@united", "@united http://t.co/x", "!!!", None]
    engine = engine_class()
    scores = engine.score(texts)
    assert np.isnan(scores).all()
    assert engine.emotion(texts, scores) == [""] * len(texts)


@pytest.mark.parametrize("engine_class", ENGINES)
def test_scores_are_in_range_and_deterministic(engine_class):
    texts = ["Great crew!", "Worst airline ever.", "Great crew!", "Boarding at 5pm", "I love it 😍"]
    first = engine_class().score(texts)
    assert np.array_equal(first, engine_class().score(texts))
    assert ((first >= -1) & (first <= 1)).all()
    assert first[0] == first[2]
    assert set(engine_class().emotion(texts, first)) <= set(EMOTIONS)


def test_negation(engine):
    assert label(engine, "not good") == "negative"
    assert label(engine, "not bad") != "negative"
    assert label(engine, "The crew was not helpful at all") == "negative"


def test_emoji_only(engine):
    scores = engine.score(["😡😡", "😍"])
    assert labels_for(scores, engine.default_thresholds).tolist() == ["negative", "positive"]
    assert engine.emotion(["😡😡"], scores[:1]) == ["angry"]


def test_emoticons(engine):
    assert label(engine, "ok then :(") == "negative"
    assert label(engine, "made it home :)))") == "positive"
    assert label(engine, "Flight 22 (LAX to JFK): boarding at 5") == "neutral"


@pytest.mark.parametrize("text, expected", [
    ("Flight delayed 3 hours, no update", "negative"),
    ("Landed on time, smooth boarding", "positive"),
    ("On hold for 2 hours with customer service", "negative"),
    ("They lost luggage again", "negative"),
    ("It stopped working after a week, returned it", "negative"),
    ("Package never arrived", "negative"),
    ("Works great, easy to set up", "positive"),
    ("Refunded quickly, thank you", "positive"),
])
def test_customer_experience_words(engine, text, expected):
    assert label(engine, text) == expected


@pytest.mark.parametrize("text", [
    "What time does boarding start?",
    "Can I bring my dog on the flight?",
    "Do you fly to Denver from Austin?",
    "@united is there wifi on this plane? http://t.co/x",
])
def test_questions_without_opinion_are_neutral(engine, text):
    assert label(engine, text) == "neutral"
    assert engine.emotion([text], engine.score([text])) == ["neutral"]


def test_mentions_and_links_do_not_count(engine):
    # "united" is a positive word to VADER; as a handle it says nothing.
    assert label(engine, "@united flight 123 to Newark") == "neutral"


def test_shouting_and_repeated_marks_stress_the_score(engine):
    calm, loud = engine.score(["worst flight ever", "WORST FLIGHT EVER!!!"])
    assert loud < calm < 0


@pytest.mark.parametrize("text, expected", [
    ("I am so angry and frustrated with this airline", "angry"),
    ("I feel lonely and scared tonight", "sad"),
    ("Not happy with this at all", "sad"),
    ("I'm not angry, just tired", "sad"),
    ("So excited for my trip!", "excited"),
    ("I feel grateful and content", "happy"),
    ("Thanks for nothing", "angry"),
])
def test_emotion_words_and_negation(engine, text, expected):
    assert engine.emotion([text], engine.score([text])) == [expected]


def test_emotion_falls_back_on_the_score(engine):
    texts = ["Flight delayed 3 hours, no update", "Landed on time, smooth boarding"]
    assert engine.emotion(texts, engine.score(texts)) == ["angry", "happy"]
