"""Fit the Chinese engine to a user's own texts, without labels.

Two steps, both from the texts alone:

1. **The share of positive texts** (prior shift): the engine's calibrated probabilities
   (:class:`analysis.sentiment.chinese.Calibration`) assume the balance of its training sentences;
   the share in the user's texts is estimated by expectation–maximisation (Saerens, Latinne and
   Decaestecker, 2002). Hotel reviews are mostly praise, food-delivery reviews mostly complaints:
   the pseudo-labels of step 2 are read with the log-odds moved by the difference. The scores
   themselves are not moved: a moved prior turned short plain complaints of a mostly positive set
   positive (早餐难吃 +0.34, 价格很贵 +0.01 among hotel reviews), a cost the gain in accuracy
   (0.867 to 0.882 on the hotel sample) does not justify for comments people read one by one.
2. **Domain words** (self-training): the texts the engine is surest about, on each side, become
   pseudo-labels for a logistic regression on the texts' own n-grams, whose log-odds are added to
   the n-gram model's. They are kept only when they do not make the engine worse on its own
   held-out check sentences (``data/zh_check.tsv``, left out of training by ``build_chinese``),
   at the largest weight of ``DOMAIN_WEIGHTS`` that passes.

The check is the guard of step 2 only: the share of positives of step 1 belongs to the user's
texts, not to the check sentences. Deterministic, and cached per set of texts.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from analysis.sentiment.chinese import (
    DATA,
    ChineseEngine,
    Reading,
    linear_logit,
    load_model,
    read_table,
)

CHECK_FILE = DATA / "zh_check.tsv"
MIN_TEXTS = 50  # fewer readable texts than this: no adaptation
MIN_PER_SIDE = 20  # pseudo-labels needed on each side for domain words
MAX_PER_SIDE = 4000  # the surest texts on each side that become pseudo-labels
CONFIDENT_SHARE = 0.5  # the surest half of each side
MIN_DOCUMENTS = 2  # a domain n-gram must occur in this many of the user's texts
C = 1.0  # inverse regularisation of the domain words' regression
DOMAIN_WEIGHTS = (2.0, 1.0, 0.5)
SHARE_LIMITS = (0.05, 0.95)
CACHE_SIZE = 8


@dataclass(frozen=True)
class Adaptation:
    """What the engine learnt from a set of texts: ``words`` (domain n-gram → weight, applied like
    the n-gram model's), and how it went:
    ``texts`` read, ``positive_share`` estimated, ``pseudo_labels`` used, and the check
    accuracy ``check_before`` / ``check_after`` the domain words (equal when none were kept)."""

    words: dict[str, float] = field(default_factory=dict)
    texts: int = 0
    positive_share: float = math.nan
    pseudo_labels: int = 0
    check_before: float = math.nan
    check_after: float = math.nan

    def summary(self) -> dict:
        """What was learnt, as plain JSON data (None for a figure not measured)."""
        def number(x: float) -> float | None:
            return None if math.isnan(x) else round(x, 4)

        return {"texts": self.texts, "positive_share": number(self.positive_share),
                "domain_words": len(self.words), "pseudo_labels": self.pseudo_labels,
                "check_before": number(self.check_before), "check_after": number(self.check_after)}

    def adjustment(self, grams: frozenset[str]) -> float:
        """Log-odds to add to the n-gram model's for a text with these n-grams."""
        return linear_logit(grams, self.words, 0.0) if self.words else 0.0


UNADAPTED = Adaptation()
_CACHE: OrderedDict[tuple, Adaptation] = OrderedDict()


def adapt(engine: ChineseEngine, texts: Sequence[str]) -> ChineseEngine:
    """``engine`` fitted to ``texts`` without labels (see the module), returned; the same texts in
    any order give the same adaptation, and their scores are kept so scoring them next is quick."""
    readings = {t: r for t in sorted({t for t in texts if isinstance(t, str)}) if (r := engine.read(t)) is not None}
    return engine.use(adaptation_for(engine, readings), readings)


def adaptation_for(engine: ChineseEngine, readings: dict[str, Reading]) -> Adaptation:
    """The ``Adaptation`` of ``engine`` to texts, given as text → ``Reading`` (cached by the set of
    texts)."""
    digest = hashlib.sha256("\x00".join(sorted(readings)).encode("utf-8")).hexdigest()
    key = (engine.lexicon_weight, engine.signal_weight, engine.sharpness, digest)
    if key not in _CACHE:
        _CACHE[key] = fit_adaptation(engine, [readings[t] for t in sorted(readings)])
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return _CACHE[key]


def fit_adaptation(engine: ChineseEngine, readings: Sequence[Reading]) -> Adaptation:
    """Steps 1 and 2 of the module on the readings of the texts (not cached)."""
    if len(readings) < MIN_TEXTS:
        return replace(UNADAPTED, texts=len(readings))
    logits = np.array([engine.logit(r, UNADAPTED) for r in readings])
    share = positive_share(logits)
    calibration = load_model().calibration
    shift = (_log_odds(share) - _log_odds(calibration.positive_share)) / calibration.slope
    opinions = np.array([r.opinion for r in readings])
    words, used = domain_words(readings, logits + opinions * shift)
    check = check_readings(engine.lexicon_weight, engine.signal_weight)
    before = check_accuracy(engine, check, UNADAPTED)
    adaptation = Adaptation(texts=len(readings), positive_share=share, pseudo_labels=used,
                            check_before=before, check_after=before)
    for weight in DOMAIN_WEIGHTS if words else ():
        weighted = {g: weight * w for g, w in words.items()}
        after = check_accuracy(engine, check, Adaptation(words=weighted))
        if after >= before:
            return replace(adaptation, words=weighted, check_after=after)
    return adaptation


def positive_share(logits: np.ndarray) -> float:
    """The share of positive texts among those with these (unadapted) log-odds, by EM on the
    engine's calibrated probabilities, within ``SHARE_LIMITS``."""
    calibration = load_model().calibration
    probability = 1 / (1 + np.exp(-(calibration.slope * logits + calibration.intercept)))
    trained = calibration.positive_share
    share = trained
    for _ in range(200):
        up, down = share / trained * probability, (1 - share) / (1 - trained) * (1 - probability)
        new = float(np.clip(np.mean(up / (up + down)), *SHARE_LIMITS))
        if abs(new - share) < 1e-7:
            break
        share = new
    return share


def domain_words(readings: Sequence[Reading], logits: np.ndarray) -> tuple[dict[str, float], int]:
    """The n-gram weights of a logistic regression fitted to the surest texts on each side (their
    sign as the label), and how many texts it learnt from; empty when either side is too small."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize

    chosen = []
    for side in (logits > 0, logits < 0):
        positions = np.flatnonzero(side)
        ranked = positions[np.argsort(-np.abs(logits[positions]), kind="stable")]
        chosen.append(ranked[:min(MAX_PER_SIDE, int(len(ranked) * CONFIDENT_SHARE))])
    if min(len(c) for c in chosen) < MIN_PER_SIDE:
        return {}, 0
    picked = np.sort(np.concatenate(chosen))
    documents = Counter(g for i in picked for g in readings[i].grams)
    vocabulary = {g: j for j, g in enumerate(sorted(g for g, n in documents.items() if n >= MIN_DOCUMENTS))}
    if not vocabulary:
        return {}, 0
    rows, columns = [], []
    for row, i in enumerate(picked):
        found = [vocabulary[g] for g in readings[i].grams if g in vocabulary]
        rows += [row] * len(found)
        columns += found
    matrix = normalize(csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(picked), len(vocabulary))))
    model = LogisticRegression(C=C, solver="liblinear").fit(matrix, (logits[picked] > 0).astype(int))
    weights = {g: float(w) for g, w in zip(vocabulary, model.coef_[0]) if w}
    return weights, len(picked)


@lru_cache(maxsize=4)
def check_readings(lexicon_weight: float, signal_weight: float) -> tuple[tuple[Reading, ...], np.ndarray]:
    """The readings and labels (1 positive, 0 negative) of the held-out check sentences, as an
    engine with these weights reads them (read once per process)."""
    engine = ChineseEngine(lexicon_weight, signal_weight)
    rows = read_table(CHECK_FILE.name)
    return tuple(engine.read(text) for _, text in rows), np.array([int(label) for label, _ in rows])


def check_accuracy(engine: ChineseEngine, check: tuple, adaptation: Adaptation) -> float:
    """Accuracy on the check sentences with ``adaptation``, a score in the neutral band
    (-0.05..0.05) counted as wrong."""
    readings, labels = check
    scores = np.array([engine.squash(r, engine.logit(r, adaptation)) for r in readings])
    predicted = np.where(scores > 0.05, 1, np.where(scores < -0.05, 0, -1))
    return float(np.mean(predicted == labels))


def _log_odds(p: float) -> float:
    return math.log(p / (1 - p))
