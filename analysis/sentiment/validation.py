"""Is a model trained on the analyst's labels better than the zero-shot engine, beyond the noise of the folds?

Repeated stratified k-fold cross-validation scores the trained model and the engine on the same test folds (the
engine learns nothing, so its labels are the same whichever fold a text falls in). Each fold gives both macro-F1s
and their difference; the corrected resampled t test (:func:`analysis.significance.corrected_resampled_t`) gives
the mean difference a standard error that allows for the folds sharing their training texts, a 95% interval and
a p-value. The choice follows the one-standard-error rule, the engine being the simpler choice (nothing to train):

- ``trained``: the trained model is better by more than one standard error, so it is used;
- ``engine``: the engine is better by more than one standard error, so it stays in use;
- ``unclear``: the difference is within one standard error of 0: there are not enough labels to tell, and the
  engine stays in use.

Keeping whichever macro-F1 of one 5-fold run is higher (the rule before this one) picked, on the airline tweets,
a model that did worse on fresh tweets in one draw in four of 40 labelled tweets; this rule did not once in the
same draws. Requiring the 95% interval to lie above 0 was as safe but, in a one-off run, kept the engine in half
the draws of 400 labelled tweets where the trained model was better on fresh tweets every time; the
one-standard-error rule kept it in one in ten. ``tests/test_sentiment_choice.py`` measures both rules against
fresh tweets; the README gives the figures.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from analysis.messages import Message, say
from analysis.metrics import format_p
from analysis.significance import corrected_resampled_t

FOLDS = 5
MOST_REPEATS = 5
TRAINING_BUDGET = 2000  # labelled texts times repetitions, beyond which repetitions drop (to 2 at least)


def repeats_for(n: int) -> int:
    """Repetitions of the k-fold split for ``n`` labelled texts: 5 up to 400 texts, then fewer, 2 at least.

    More repetitions only shrink the 1/J part of the corrected variance (1/J + 1/(k-1)): for 5 folds, 2
    repetitions give 0.35, 5 give 0.29 (a standard error 9% smaller) at 2.5 times the training time, which on
    thousands of texts is seconds more.
    """
    return max(2, min(MOST_REPEATS, TRAINING_BUDGET // max(n, 1)))


@dataclass(frozen=True)
class CrossValidation:
    """How the trained model and the zero-shot engine did on the same folds: ``n`` labelled texts, ``repeats``
    times ``folds`` folds; each macro-F1's mean and standard deviation over the folds; the mean difference
    (trained minus engine) with its corrected standard error, 95% interval and two-sided p-value."""

    n: int
    folds: int
    repeats: int
    trained_macro_f1: float
    trained_sd: float
    zero_shot_macro_f1: float
    zero_shot_sd: float
    difference: float
    se: float
    low: float
    high: float
    p_value: float

    @property
    def verdict(self) -> str:
        """``trained`` (better by more than one standard error), ``engine`` (worse by more than one) or
        ``unclear`` (not enough labels to tell)."""
        if self.difference > self.se:
            return "trained"
        return "engine" if self.difference < -self.se else "unclear"

    @property
    def beats_zero_shot(self) -> bool:
        """True when the trained model is better than the engine beyond the uncertainty of the folds."""
        return self.verdict == "trained"

    def figures(self) -> Message:
        """The cross-validated figures as a sentence: both macro-F1s with their spread, the difference with its
        standard error, interval and p."""
        return say("sentiment.cv", n=f"{self.n:,}", repeats=self.repeats, folds=self.folds,
                   trained=f"{self.trained_macro_f1:.2f}", trained_sd=f"{self.trained_sd:.2f}",
                   zero=f"{self.zero_shot_macro_f1:.2f}", zero_sd=f"{self.zero_shot_sd:.2f}",
                   difference=f"{self.difference:+.3f}", se=f"{self.se:.3f}", low=f"{self.low:+.3f}",
                   high=f"{self.high:+.3f}", p=format_p(self.p_value))

    def decision(self) -> Message:
        """Which one reads the texts, and why, as a sentence."""
        return say(f"sentiment.cv.{self.verdict}")


def compare_on_folds(target, engine_labels, fit_predict: Callable[[np.ndarray, np.ndarray], np.ndarray],
                     folds: int = FOLDS, repeats: int | None = None, random_state: int = 0,
                     progress: Callable[[int, int], None] | None = None) -> CrossValidation:
    """Cross-validate a trained model against the engine on the same repeated stratified folds.

    ``target`` holds the labels, ``engine_labels`` the engine's label of each text; ``fit_predict(train, test)``
    trains on the positions ``train`` and returns its labels for the positions ``test``. Folds are ``folds``, or
    fewer when a label has fewer texts; ``repeats`` is :func:`repeats_for` the number of texts unless given.
    Each fold's macro-F1 is over the labels of ``target``. ``progress(done, total)`` is called after each fold.
    Raises ValueError with fewer than two labels or a label with a single text (there are then no two folds to
    compare on).
    """
    from sklearn.metrics import f1_score
    from sklearn.model_selection import RepeatedStratifiedKFold

    target, engine = np.asarray(target, dtype=object), np.asarray(engine_labels, dtype=object)
    classes, counts = np.unique(target, return_counts=True)
    folds = min(folds, int(counts.min()))
    if len(classes) < 2 or folds < 2:
        raise ValueError("cross-validation needs two labels with at least two texts each")
    repeats = repeats or repeats_for(len(target))
    splitter = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=random_state)
    scores = np.empty((folds * repeats, 2))
    for done, (train, test) in enumerate(splitter.split(np.zeros(len(target)), target), start=1):
        for column, predicted in enumerate((fit_predict(train, test), engine[test])):
            scores[done - 1, column] = f1_score(target[test], predicted, labels=classes, average="macro",
                                                zero_division=0)
        if progress is not None:
            progress(done, len(scores))
    tested = corrected_resampled_t(scores[:, 0] - scores[:, 1], test_to_train=1 / (folds - 1))
    return CrossValidation(n=len(target), folds=folds, repeats=repeats,
                           trained_macro_f1=float(scores[:, 0].mean()), trained_sd=float(scores[:, 0].std(ddof=1)),
                           zero_shot_macro_f1=float(scores[:, 1].mean()), zero_shot_sd=float(scores[:, 1].std(ddof=1)),
                           difference=tested["difference"], se=tested["se"], low=tested["low"],
                           high=tested["high"], p_value=tested["p_value"])
