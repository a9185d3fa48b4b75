"""What every sentiment engine shares: the emotions, labels and the engine interface."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

EMOTIONS = ("angry", "sad", "neutral", "happy", "excited")
LABELS = ("negative", "neutral", "positive")
UNDETECTED = "undetected"


@dataclass(frozen=True)
class Thresholds:
    """Scores below ``negative`` are negative, above ``positive`` positive, between them neutral."""

    negative: float = -0.05
    positive: float = 0.05

    def __post_init__(self) -> None:
        if not -1 <= self.negative <= self.positive <= 1:
            raise ValueError("thresholds need -1 <= negative <= positive <= 1")


def labels_for(scores: Sequence[float], thresholds: Thresholds = Thresholds()) -> np.ndarray:
    """``negative`` / ``neutral`` / ``positive`` per score, ``undetected`` where the score is NaN."""
    scores = np.asarray(scores, dtype=float)
    out = np.full(scores.shape, "neutral", dtype=object)
    out[scores < thresholds.negative] = "negative"
    out[scores > thresholds.positive] = "positive"
    out[np.isnan(scores)] = UNDETECTED
    return out


class Engine:
    """A zero-shot sentiment engine for one or more languages.

    Subclasses set ``name`` and ``languages`` and implement ``score`` (and ``emotion`` when they
    know better than the score alone). ``fit`` learns nothing for a lexicon engine; it exists so
    every engine can be used the same way as a trained one.
    """

    name = "engine"
    languages: tuple[str, ...] = ()

    def fit(self, texts: Sequence[str] | None = None, labels: Sequence | None = None) -> "Engine":
        """Nothing to learn; returns ``self``."""
        return self

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """One float per text in -1..1; NaN where the engine cannot read the text."""
        raise NotImplementedError

    def emotion(self, texts: Sequence[str], scores: np.ndarray) -> list[str]:
        """One of ``EMOTIONS`` per text ('' where the score is NaN); by default from the score alone."""
        return [emotion_from_score(s) for s in scores]


def emotion_from_score(score: float) -> str:
    """The emotion a bare score implies: strong negative angry, negative sad, strong positive excited."""
    if score != score:  # NaN
        return ""
    if score <= -0.5:
        return "angry"
    if score < -0.05:
        return "sad"
    if score >= 0.6:
        return "excited"
    if score > 0.05:
        return "happy"
    return "neutral"
