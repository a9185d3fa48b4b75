"""How many personas, or none: silhouette against a null reference, stability, inertia or BIC for k = 2..10.

No k above the number of distinct answer patterns among the scored rows is tried (it would only repeat
groups). Each k is fitted on a fixed random sample of at most 8,000 rows (the shape of the groups, not their
exact members, decides k). The **silhouette** is measured on at most 2,000 of those rows (it is
O(n²)); for the numeric algorithms it is on the standardised matrix, for k-modes on the number of
differing columns.

**Null reference.** Any data can be cut into k groups and the cut has some silhouette; structureless
ratings score about 0.1. So the same scored rows are clustered again with each feature's column
shuffled on its own (``NULL_DRAWS`` times): that keeps every feature's distribution and destroys any
relation between features, which is what groups of people are made of. A k has **clear groups** when
its silhouette beats the mean of the shuffled ones by at least ``MIN_GAP`` and by ``NULL_SPREADS``
times their standard deviation. When no k has, the answer is k = 1: no clear groups.

**Stability** is the adjusted Rand index between two fits on different random 80% resamples of the
scored rows, both labelling all of them, over ``STABILITY_PAIRS`` pairs: its mean, lowest and
highest. 1 means the same groups every time.

The recommendation is, among the k with clear groups, the one with the highest silhouette among
those with a mean stability of at least 0.75 (the smaller k on a tie), else the most stable one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.personas.features import preprocessor
from analysis.personas.model import PersonaModel, feature_table, one_thread

K_RANGE = range(2, 11)
FIT_SAMPLE = 8_000
SILHOUETTE_SAMPLE = 2_000
RESAMPLE = 0.8
STABLE = 0.75
STABILITY_PAIRS = 3
NULL_DRAWS = 5
MIN_GAP = 0.02
NULL_SPREADS = 4.0


@dataclass(frozen=True)
class KChoice:
    """The per-k table (``k``, ``silhouette``, ``null_silhouette`` and ``null_spread`` (mean and standard
    deviation of the shuffled data's), ``clear``, ``stability`` with ``stability_low`` and ``stability_high``,
    ``inertia`` or ``bic``), the recommended k (1: no clear groups) and why (``reason``: ``best_stable``,
    ``most_stable`` or ``no_clear_groups``), and the model fitted for each k (``models``)."""

    table: pd.DataFrame
    k: int
    reason: str
    models: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Sample:
    """The fixed random rows models are fitted on (``fit``, positions in the frame) and the rows silhouettes are
    measured on (``scored``, positions within ``fit``)."""

    fit: np.ndarray
    scored: np.ndarray


def sample_rows(n: int, random_state: int = 0) -> Sample:
    """At most ``FIT_SAMPLE`` of ``n`` rows to fit on and at most ``SILHOUETTE_SAMPLE`` of those to score."""
    rng = np.random.default_rng(random_state)
    fit = np.sort(rng.choice(n, min(n, FIT_SAMPLE), replace=False))
    return Sample(fit, np.sort(rng.choice(len(fit), min(len(fit), SILHOUETTE_SAMPLE), replace=False)))


@dataclass
class _Data:
    """Rows clustered for the comparison, with their matrix and (once a model has read them) distances."""

    rows: pd.DataFrame
    matrix: np.ndarray
    distances: np.ndarray | None = None

    def silhouette(self, model: PersonaModel, labels: np.ndarray) -> float:
        """The silhouette of ``labels`` (these rows' groups) by ``model``'s distance."""
        if self.distances is None:  # the same for every k: quartile edges and scaling come from the rows alone
            self.distances = distances(model, self.rows, self.matrix)
        return _silhouette(self.distances, labels)


@one_thread
def compare_k(frame: pd.DataFrame, numeric: list[str], categorical: list[str], algorithm: str = "kmeans",
              ks=K_RANGE, random_state: int = 0, progress=None) -> KChoice:
    """Fit every k of ``ks`` (consecutive), measure it against shuffled data and recommend one, or k = 1 when no k
    has clear groups (see the module docstring); ``progress(done, total)`` is called after each k."""
    from sklearn.metrics import adjusted_rand_score

    sample = sample_rows(len(frame), random_state)
    rows = frame.iloc[sample.fit]
    table_rows = feature_table(rows, numeric, categorical)
    shared = preprocessor(numeric, categorical).fit(table_rows)  # every fit below reads the same matrix
    matrix = shared.transform(table_rows)
    scored = _Data(rows.iloc[sample.scored], matrix[sample.scored])
    rng = np.random.default_rng(random_state + 1)
    size = len(scored.rows)
    pairs = [[np.sort(rng.choice(size, int(RESAMPLE * size), replace=False)) for _ in range(2)]
             for _ in range(STABILITY_PAIRS)]
    distinct = len(np.unique(scored.matrix, axis=0))  # k groups need k different answer patterns
    fits = [k for k in ks if 2 * k <= len(pairs[0][0]) and k <= distinct]  # and two rows per group in a resample
    steps = len(fits) + NULL_DRAWS
    table, models = [], {}
    for k in fits:
        model = PersonaModel(numeric, categorical, algorithm, k, random_state).fit(rows, matrix, shared)
        models[k] = model
        agreement = []
        for number, pair in enumerate(pairs):
            runs = [PersonaModel(numeric, categorical, algorithm, k, random_state + 1 + 2 * number + side).fit(
                        scored.rows.iloc[half], scored.matrix[half], shared) for side, half in enumerate(pair)]
            agreement.append(adjusted_rand_score(*(run.predict(scored.rows, scored.matrix) for run in runs)))
        row = {"k": k, "silhouette": scored.silhouette(model, model.labels_[sample.scored]),
               "stability": float(np.mean(agreement)), "stability_low": float(np.min(agreement)),
               "stability_high": float(np.max(agreement))}
        if algorithm == "gmm":
            row["bic"] = float(model.estimator_.bic(matrix))
        elif algorithm == "kmeans":
            row["inertia"] = float(getattr(model.estimator_, "inertia_", float("nan")))
        table.append(row)
        if progress is not None:
            progress(len(table), steps)
    null = np.full((NULL_DRAWS, len(fits)), np.nan)
    for draw in range(NULL_DRAWS):  # one shuffled copy at a time: its distances are large
        shuffled = shuffle_columns(scored.rows, [*numeric, *categorical], rng)
        data = _Data(shuffled, shared.transform(feature_table(shuffled, numeric, categorical)))
        for position, k in enumerate(fits):
            fitted = PersonaModel(numeric, categorical, algorithm, k, random_state).fit(data.rows, data.matrix, shared)
            null[draw, position] = data.silhouette(fitted, fitted.labels_)
        if progress is not None:
            progress(len(fits) + draw + 1, steps)
    table = pd.DataFrame(table, columns=["k", "silhouette", "stability", "stability_low", "stability_high",
                                         *({"gmm": ["bic"], "kmeans": ["inertia"]}.get(algorithm, []))])
    table.insert(2, "null_silhouette", null.mean(axis=0) if len(fits) else [])
    table.insert(3, "null_spread", null.std(axis=0, ddof=1) if len(fits) else [])
    margin = np.maximum(MIN_GAP, NULL_SPREADS * table["null_spread"])
    table.insert(4, "clear", (table["silhouette"] - table["null_silhouette"] >= margin).astype(bool))
    return KChoice(table, *recommend(table), models)


def recommend(table: pd.DataFrame) -> tuple[int, str]:
    """The recommended k of a :class:`KChoice` table and why (see the module docstring)."""
    clear = table[table["clear"]] if len(table) else table
    if clear.empty:
        return 1, "no_clear_groups"
    stable = clear[clear["stability"] >= STABLE]
    if len(stable):
        return int(stable.sort_values(["silhouette", "k"], ascending=[False, True]).iloc[0]["k"]), "best_stable"
    return int(clear.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]["k"]), "most_stable"


def shuffle_columns(rows: pd.DataFrame, columns: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """``rows`` with each of ``columns`` shuffled on its own: every column keeps its values, rows lose their
    relations."""
    shuffled = rows.copy()
    for column in columns:
        shuffled[column] = rows[column].to_numpy()[rng.permutation(len(rows))]
    return shuffled


def distances(model: PersonaModel, rows: pd.DataFrame, matrix: np.ndarray | None = None) -> np.ndarray:
    """The distance between every two of ``rows`` as ``model`` sees them: Euclidean on its standardised matrix
    (``matrix`` when the caller has it), or the number of differing columns for k-modes."""
    from sklearn.metrics import pairwise_distances

    if model.algorithm == "kmodes":
        codes = model._codes(rows)
        return (codes[:, None, :] != codes[None, :, :]).sum(axis=2).astype(float)
    return pairwise_distances(model.transform(rows) if matrix is None else matrix)


def silhouette_of(model: PersonaModel, rows: pd.DataFrame, labels: np.ndarray, matrix: np.ndarray | None = None) -> float:
    """The silhouette of ``labels`` for ``rows`` (keep them to a few thousand) by ``model``'s distance (see
    :func:`distances`); NaN with fewer than two groups."""
    if len(np.unique(labels)) < 2:
        return float("nan")
    return _silhouette(distances(model, rows, matrix), labels)


def _silhouette(distance: np.ndarray, labels: np.ndarray) -> float:
    from sklearn.metrics import silhouette_score

    if len(np.unique(labels)) < 2:
        return float("nan")
    return float(silhouette_score(distance, labels, metric="precomputed"))
