"""Learn sentiment from an analyst's own labels, and use it only where it beats the zero-shot engines.

A project's labels (a column of negative / neutral / positive, 0 / 1 or 1–5 stars, or labels
corrected by hand) train a linear classifier on the texts' character and word n-grams, with the
zero-shot score as one more feature. Before it is used, it is cross-validated: the same repeated
stratified folds score the trained model and the zero-shot engine, and the trained model is kept only when
its macro-F1 is higher beyond the uncertainty of the folds (:mod:`analysis.sentiment.validation`).
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix, hstack

from analysis.errors import InputError, quoted
from analysis.sentiment.base import UNDETECTED
from analysis.sentiment.model import SentimentModel
from analysis.sentiment.validation import FOLDS, compare_on_folds

MIN_PER_LABEL = 5
_WORDS = {
    "negative": {"negative", "neg", "bad", "-1", "负面", "消极", "负向", "差评", "不满意", "negatief", "negativ"},
    "neutral": {"neutral", "neu", "mixed", "中性", "中立", "一般", "中评"},
    "positive": {"positive", "pos", "good", "+1", "正面", "积极", "正向", "好评", "满意", "positief", "positiv"},
}


def normalise_labels(values: Sequence, column: str = "label") -> pd.Series:
    """Labels as ``negative`` / ``neutral`` / ``positive`` (NA where blank).

    Understands words in English and Chinese, 0/1 (negative/positive), -1/0/1, and 1–5 stars
    (1–2 negative, 3 neutral, 4–5 positive). Raises :class:`InputError` naming the column and
    an example when a value fits none of these.
    """
    raw = pd.Series(list(values), dtype="string").str.strip().str.lower()
    blank = raw.isna() | (raw == "")
    numbers = pd.to_numeric(raw, errors="coerce")
    filled_numbers = numbers[~blank]
    if len(filled_numbers) and filled_numbers.notna().all():
        return _from_numbers(numbers, column)
    words = {word: label for label, group in _WORDS.items() for word in group}
    labels = raw.map(words)
    unknown = raw[~blank & labels.isna()]
    if len(unknown):
        raise InputError("error.sentiment.labels", column=quoted(column), example=quoted(unknown.iloc[0]))
    return labels.astype(object).where(~blank, pd.NA)


def holds_label_words(values: Sequence) -> bool:
    """True when every filled value is a sentiment label word (``negative``, ``好评``, ...), not a number."""
    raw = pd.Series(list(values), dtype="string").str.strip().str.lower().dropna()
    raw = raw[raw != ""]
    words = set().union(*_WORDS.values())
    return bool(len(raw)) and pd.to_numeric(raw, errors="coerce").isna().all() and raw.isin(words).all()


def review_sample(scored: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    """Up to ``n`` distinct readable texts of a scored table for the analyst to label by hand, drawn
    equally from the lowest, middle and highest third of the scores (so every label is likely to
    appear), in a random order fixed by ``seed``. Rows keep their index."""
    readable = scored[scored["sentiment_label"] != UNDETECTED].drop_duplicates("text")
    if len(readable) <= n:
        return readable.sample(frac=1, random_state=seed)
    thirds = np.minimum(3 * readable["sentiment_score"].rank(method="first").to_numpy() // (len(readable) + 1), 2)
    per_third = -(-n // 3)
    picked = [part.sample(min(per_third, len(part)), random_state=seed) for _, part in readable.groupby(thirds)]
    return pd.concat(picked).sample(frac=1, random_state=seed).head(n)


def _from_numbers(numbers: pd.Series, column: str) -> pd.Series:
    distinct = set(numbers.dropna().unique())
    if distinct <= {0, 1}:
        mapping = {0: "negative", 1: "positive"}
    elif distinct <= {-1, 0, 1}:
        mapping = {-1: "negative", 0: "neutral", 1: "positive"}
    elif distinct <= {1, 2, 3, 4, 5}:
        mapping = {1: "negative", 2: "negative", 3: "neutral", 4: "positive", 5: "positive"}
    else:
        odd = sorted(distinct - {1, 2, 3, 4, 5})[0]
        raise InputError("error.sentiment.labels", column=quoted(column), example=quoted(f"{odd:g}"))
    return numbers.map(mapping).astype(object).where(numbers.notna(), pd.NA)


class LabelledClassifier:
    """A sentiment classifier trained on one project's labelled texts.

    Parameters
    ----------
    zero_shot : SentimentModel, optional
        The engine it is measured against and whose score it uses as a feature (``auto`` by default).
    folds : int
        Folds of the stratified cross-validation (fewer when a label has fewer texts).
    repeats : int, optional
        Repetitions of the split (by default :func:`analysis.sentiment.validation.repeats_for` the texts).
    random_state : int
        Seed of the folds, so the same labels give the same figures.
    """

    def __init__(self, zero_shot: SentimentModel | None = None, folds: int = FOLDS, repeats: int | None = None,
                 random_state: int = 0):
        self.zero_shot = zero_shot or SentimentModel()
        self.folds = folds
        self.repeats = repeats
        self.random_state = random_state

    def fit(self, texts: Sequence, labels: Sequence, column: str = "label",
            progress: Callable[[int, int], None] | None = None) -> "LabelledClassifier":
        """Cross-validate against the zero-shot engine on the same folds (``cv_``, a
        :class:`~analysis.sentiment.validation.CrossValidation`; ``progress(done, total)`` after each fold),
        then fit on every labelled text."""
        texts, target, zero = self._labelled(texts, labels, column)

        def fit_predict(train: np.ndarray, test: np.ndarray) -> np.ndarray:
            return _Fitted(texts[train], target.iloc[train], zero.iloc[train]).predict(texts[test], zero.iloc[test])

        self.cv_ = compare_on_folds(target.to_numpy(), zero["sentiment_label"].to_numpy(), fit_predict, self.folds,
                                    self.repeats, self.random_state, progress)
        self.model_ = _Fitted(texts, target, zero)
        return self

    def _labelled(self, texts: Sequence, labels: Sequence, column: str):
        target = normalise_labels(labels, column)
        texts = pd.Series(["" if not isinstance(t, str) else t for t in texts])
        keep = target.notna().to_numpy() & (texts.str.strip() != "").to_numpy()
        texts, target = texts[keep].reset_index(drop=True), target[keep].reset_index(drop=True)
        counts = target.value_counts()
        if len(counts) < 2 or counts.min() < MIN_PER_LABEL:
            raise InputError("error.sentiment.too_few_labels", column=quoted(column), least=MIN_PER_LABEL,
                             counts=", ".join(f"{label} {count}" for label, count in counts.items()) or "0")
        return texts.to_numpy(dtype=object), target, self.zero_shot.transform(texts)

    def transform(self, texts: Sequence) -> pd.DataFrame:
        """Score, label, emotion and language per text, the label from the trained classifier.

        The score is P(positive) − P(negative); the emotion is the zero-shot engine's when it fits
        the label (else happy, sad or neutral); texts the zero-shot engine cannot read stay ``undetected``.
        """
        zero = self.zero_shot.transform(texts)
        readable = (zero["sentiment_label"] != UNDETECTED).to_numpy()
        out = zero.copy()
        if readable.any():
            values = np.asarray(["" if not isinstance(t, str) else t for t in texts], dtype=object)[readable]
            labels, scores = self.model_.predict(values, zero[readable], with_scores=True)
            out.loc[readable, "sentiment_label"] = labels
            out.loc[readable, "sentiment_score"] = scores
            out.loc[readable, "emotion"] = [_agreeing(emotion, label)
                                            for emotion, label in zip(zero.loc[readable, "emotion"], labels)]
        return out


def _agreeing(emotion: str, label: str) -> str:
    """The zero-shot emotion when it fits the trained label; else the label's mildest emotion."""
    fitting = {"positive": ("happy", "excited"), "negative": ("sad", "angry"), "neutral": ("neutral",)}[label]
    return emotion if emotion in fitting else fitting[0]


class _Fitted:
    """Character and word n-gram TF-IDF plus the zero-shot score, into one-vs-rest logistic regressions
    (liblinear in its dual form: deterministic, and fast where features outnumber texts; the primal form solves
    the same problem but took 10 to 40 times longer on 2 shared cores)."""

    def __init__(self, texts: np.ndarray, target: pd.Series, zero: pd.DataFrame):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier

        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), min_df=2, sublinear_tf=True,
                                     max_features=200_000)
        self.words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
        features = hstack([self.chars.fit_transform(texts), self._words(texts, fit=True), _zero_features(zero)])
        self.classifier = OneVsRestClassifier(LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear",
                                                                    dual=True))
        self.classifier.fit(features.tocsr(), target.to_numpy())

    def _words(self, texts: np.ndarray, fit: bool = False):
        try:
            return self.words.fit_transform(texts) if fit else self.words.transform(texts)
        except ValueError:  # no word seen twice (e.g. Chinese only): the character n-grams carry it
            return csr_matrix((len(texts), 0))

    def predict(self, texts: np.ndarray, zero: pd.DataFrame, with_scores: bool = False):
        """Labels (and, with ``with_scores``, P(positive) − P(negative)) for texts."""
        words = self._words(texts) if getattr(self.words, "vocabulary_", None) else csr_matrix((len(texts), 0))
        features = hstack([self.chars.transform(texts), words, _zero_features(zero)]).tocsr()
        labels = self.classifier.predict(features)
        if not with_scores:
            return labels
        probability = dict(zip(self.classifier.classes_, self.classifier.predict_proba(features).T))
        zeros = np.zeros(len(texts))
        return labels, probability.get("positive", zeros) - probability.get("negative", zeros)


def _zero_features(zero: pd.DataFrame) -> csr_matrix:
    """The zero-shot score (0 where undetected) and its sign, as two sparse columns."""
    score = zero["sentiment_score"].fillna(0.0).to_numpy(dtype=float)
    return csr_matrix(np.column_stack([score, np.sign(score)]))
