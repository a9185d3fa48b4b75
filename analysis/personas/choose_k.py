"""How many personas: silhouette, inertia or BIC, and stability for k = 2..10, and a recommended k.

Each k is fitted on a fixed random sample of at most 8,000 rows (the shape of the groups, not their
exact members, decides k). The **silhouette** is measured on at most 2,000 of those rows (it is
O(n²)); for the numeric algorithms it is on the standardised matrix, for k-modes on the number of
differing columns. **Stability** is the adjusted Rand index between two fits on different random
80% resamples, both labelling the same rows: 1 means the same groups every time. The
recommendation is the k with the highest silhouette among those with a stability of at least
0.75 (the smaller k on a tie); when none is that stable, the most stable k.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.personas.features import preprocessor
from analysis.personas.model import PersonaModel, feature_table

K_RANGE = range(2, 11)
FIT_SAMPLE = 8_000
SILHOUETTE_SAMPLE = 2_000
RESAMPLE = 0.8
STABLE = 0.75


@dataclass(frozen=True)
class KChoice:
    """The per-k table (``k``, ``silhouette``, ``stability``, ``inertia`` or ``bic``), the recommended k and why
    (``reason``: ``best_stable`` or ``most_stable``), and the model fitted for each k (``models``)."""

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


def compare_k(frame: pd.DataFrame, numeric: list[str], categorical: list[str], algorithm: str = "kmeans",
              ks=K_RANGE, random_state: int = 0, progress=None) -> KChoice:
    """Fit every k of ``ks`` (consecutive) and recommend one (see the module docstring); ``progress(done, total)``
    is called after each k."""
    from sklearn.metrics import adjusted_rand_score

    sample = sample_rows(len(frame), random_state)
    rows = frame.iloc[sample.fit]
    scored_rows = rows.iloc[sample.scored]
    table_rows = feature_table(rows, numeric, categorical)
    shared = preprocessor(numeric, categorical).fit(table_rows)  # every fit below reads the same matrix
    matrix = shared.transform(table_rows)
    scored_matrix = matrix[sample.scored]
    rng = np.random.default_rng(random_state + 1)
    halves = [np.sort(rng.choice(len(rows), int(RESAMPLE * len(rows)), replace=False)) for _ in range(2)]
    table, models = [], {}
    for k in ks:
        if 2 * k > len(halves[0]):  # each resample needs two rows per group at least
            break
        model = PersonaModel(numeric, categorical, algorithm, k, random_state).fit(rows, matrix, shared)
        models[k] = model
        row = {"k": k, "silhouette": silhouette_of(model, scored_rows, model.labels_[sample.scored], scored_matrix)}
        runs = [PersonaModel(numeric, categorical, algorithm, k, random_state + 1 + i).fit(
                    rows.iloc[half], matrix[half], shared) for i, half in enumerate(halves)]
        row["stability"] = float(adjusted_rand_score(*(run.predict(scored_rows, scored_matrix) for run in runs)))
        if progress is not None:
            progress(k - ks[0] + 1, len(ks))
        if algorithm == "gmm":
            row["bic"] = float(model.estimator_.bic(matrix))
        elif algorithm == "kmeans":
            row["inertia"] = float(getattr(model.estimator_, "inertia_", float("nan")))
        table.append(row)
    table = pd.DataFrame(table)
    stable = table[table["stability"] >= STABLE]
    if len(stable):
        best = stable.sort_values(["silhouette", "k"], ascending=[False, True]).iloc[0]
        return KChoice(table, int(best["k"]), "best_stable", models)
    best = table.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]
    return KChoice(table, int(best["k"]), "most_stable", models)


def silhouette_of(model: PersonaModel, rows: pd.DataFrame, labels: np.ndarray, matrix: np.ndarray | None = None) -> float:
    """The silhouette of ``labels`` for ``rows`` (keep them to a few thousand): on the model's standardised
    matrix (``matrix`` when the caller has it), or on the number of differing columns for k-modes; NaN with
    fewer than two groups."""
    from sklearn.metrics import silhouette_score

    if len(np.unique(labels)) < 2:
        return float("nan")
    if model.algorithm == "kmodes":
        codes = model._codes(rows)
        return float(silhouette_score((codes[:, None, :] != codes[None, :, :]).sum(axis=2), labels,
                                      metric="precomputed"))
    return float(silhouette_score(model.transform(rows) if matrix is None else matrix, labels))
