"""Cluster people into personas: one estimator, four algorithms, the same answer for the same input.

``PersonaModel(numeric, categorical, algorithm, k)`` follows scikit-learn: settings in ``__init__``,
``fit(frame)`` learns and sets ``labels_`` (0..k-1, the largest group first), ``predict`` assigns
new rows. Every algorithm has a fixed ``random_state``.

- ``kmeans``: k-means on standardised numbers and one-hot categories (mini-batch above 20,000 rows);
- ``gmm``: a Gaussian mixture with diagonal covariances on the same matrix;
- ``agglomerative``: Ward clustering of a random sample of at most 3,000 rows, every row then
  assigned to the nearest group centre;
- ``kmodes``: k-modes (Huang, 1998) for mostly categorical data: numbers cut into quartiles, groups
  described by their most frequent value per column, distance = number of columns that differ.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from analysis.personas.features import categories, preprocessor

ALGORITHMS = ("kmeans", "gmm", "agglomerative", "kmodes")
MINI_BATCH_ABOVE = 20_000
AGGLOMERATIVE_SAMPLE = 3_000
KMODES_ITERATIONS = 50
KMODES_STARTS = 5

one_thread = threadpool_limits.wrap(limits=1)
"""Run the decorated function with one OpenMP and BLAS thread: the many small fits of a persona run are fastest
that way, and on a busy machine k-means's waiting threads made them three times slower
(``bench/bench_personas.py``)."""


class PersonaModel:
    """Personas from a table of people (see the module docstring for the algorithms).

    Parameters
    ----------
    numeric, categorical : list of str
        The feature columns, by kind (see :func:`analysis.personas.features.split_kinds`).
    algorithm : str
        One of ``ALGORITHMS``.
    k : int
        Number of personas, 2 or more.
    random_state : int
        Seed of every random choice.
    """

    def __init__(self, numeric: list[str], categorical: list[str], algorithm: str = "kmeans", k: int = 4,
                 random_state: int = 0):
        if algorithm not in ALGORITHMS:
            raise ValueError(f"unknown algorithm {algorithm!r}; choose one of {', '.join(ALGORITHMS)}")
        if k < 2:
            raise ValueError("k must be 2 or more")
        if not numeric and not categorical:
            raise ValueError("at least one feature is needed")
        self.numeric = list(numeric)
        self.categorical = list(categorical)
        self.algorithm = algorithm
        self.k = k
        self.random_state = random_state

    # --- the matrix each algorithm works on ---------------------------------------------------------

    def _table(self, frame: pd.DataFrame) -> pd.DataFrame:
        return feature_table(frame, self.numeric, self.categorical)

    def transform(self, frame: pd.DataFrame) -> np.ndarray:
        """The standardised, one-hot matrix the distance-based algorithms use (after ``fit``)."""
        return self.preprocessor_.transform(self._table(frame))

    # --- fitting -------------------------------------------------------------------------------------

    def fit(self, frame: pd.DataFrame, matrix: np.ndarray | None = None, fitted_preprocessor=None) -> "PersonaModel":
        """Learn the groups of ``frame``'s rows; sets ``labels_`` (largest group 0) and ``n_features_in_``.

        A caller fitting many models on the same rows can pass a ``fitted_preprocessor`` (see
        :func:`analysis.personas.features.preprocessor`) and ``matrix``, its transform of ``frame``.
        """
        if len(frame) < self.k:
            raise ValueError(f"{len(frame)} rows cannot make {self.k} groups")
        self.preprocessor_ = (fitted_preprocessor if fitted_preprocessor is not None
                              else preprocessor(self.numeric, self.categorical).fit(self._table(frame)))
        if self.algorithm == "kmodes":
            codes = self._fit_codes(frame)
            labels = self._fit_kmodes(codes)
        else:
            matrix = self.transform(frame) if matrix is None else matrix
            labels = getattr(self, f"_fit_{self.algorithm}")(matrix)
        self._order = by_size(labels, self.k)
        self.labels_ = self._order[labels]
        self.n_features_in_ = len(self.numeric) + len(self.categorical)
        return self

    def predict(self, frame: pd.DataFrame, matrix: np.ndarray | None = None) -> np.ndarray:
        """The persona (0..k-1, as numbered by ``fit``) of each row of ``frame``; ``matrix`` is
        ``transform(frame)`` when the caller has it already (a preprocessor fitted on the same rows gives
        the same matrix)."""
        if self.algorithm == "kmodes":
            raw = _nearest_mode(self._codes(frame), self.modes_)
        else:
            matrix = self.transform(frame) if matrix is None else matrix
            raw = self.estimator_.predict(matrix) if self.algorithm == "gmm" else _nearest(matrix, self.centres_)
        return self._order[raw]

    def _fit_kmeans(self, matrix: np.ndarray) -> np.ndarray:
        from sklearn.cluster import KMeans, MiniBatchKMeans

        if len(matrix) > MINI_BATCH_ABOVE:
            estimator = MiniBatchKMeans(self.k, random_state=self.random_state, n_init=3, batch_size=4096)
        else:
            estimator = KMeans(self.k, random_state=self.random_state, n_init=4)
        estimator.fit(matrix)
        self.estimator_, self.centres_ = estimator, estimator.cluster_centers_
        return _nearest(matrix, self.centres_)

    def _fit_gmm(self, matrix: np.ndarray) -> np.ndarray:
        from sklearn.mixture import GaussianMixture

        estimator = GaussianMixture(self.k, covariance_type="diag", random_state=self.random_state,
                                    reg_covar=1e-4, n_init=1).fit(matrix)
        self.estimator_, self.centres_ = estimator, estimator.means_
        return estimator.predict(matrix)

    def _fit_agglomerative(self, matrix: np.ndarray) -> np.ndarray:
        from sklearn.cluster import AgglomerativeClustering

        rng = np.random.default_rng(self.random_state)
        sample = np.sort(rng.choice(len(matrix), min(len(matrix), AGGLOMERATIVE_SAMPLE), replace=False))
        sample_labels = AgglomerativeClustering(self.k, linkage="ward").fit_predict(matrix[sample])
        self.centres_ = np.vstack([matrix[sample][sample_labels == g].mean(axis=0) for g in range(self.k)])
        return _nearest(matrix, self.centres_)

    # --- k-modes ---------------------------------------------------------------------------------------

    def _fit_codes(self, frame: pd.DataFrame) -> np.ndarray:
        """Learn the quartile edges of the numbers and the category codes; return the coded table."""
        self.edges_ = {column: np.unique(np.nanquantile(frame[column].to_numpy(dtype=float), [0.25, 0.5, 0.75]))
                       for column in self.numeric}
        table = categories(frame, self.categorical).fillna("")
        self.levels_ = {column: sorted(table[column].unique()) for column in self.categorical}
        return self._codes(frame)

    def _codes(self, frame: pd.DataFrame) -> np.ndarray:
        """Each feature as a small integer: quartile band for numbers (missing: -1), category index (unseen: -2)."""
        columns = []
        for column in self.numeric:
            values = frame[column].to_numpy(dtype=float)
            columns.append(np.where(np.isnan(values), -1, np.searchsorted(self.edges_[column], values, side="right")))
        table = categories(frame, self.categorical).fillna("")
        for column in self.categorical:
            lookup = {level: i for i, level in enumerate(self.levels_[column])}
            columns.append(table[column].map(lookup).fillna(-2).to_numpy(dtype=int))
        return np.column_stack(columns).astype(int)

    def _fit_kmodes(self, codes: np.ndarray) -> np.ndarray:
        """The best of ``KMODES_STARTS`` runs from random rows (fewest differing columns in total)."""
        rng = np.random.default_rng(self.random_state)
        best = None
        for _ in range(KMODES_STARTS):
            modes = codes[rng.choice(len(codes), self.k, replace=False)].copy()
            labels = _nearest_mode(codes, modes)
            for _ in range(KMODES_ITERATIONS):
                for group in range(self.k):
                    members = codes[labels == group]
                    if len(members):
                        modes[group] = [_mode(members[:, j]) for j in range(codes.shape[1])]
                new = _nearest_mode(codes, modes)
                if np.array_equal(new, labels):
                    break
                labels = new
            cost = int((codes != modes[labels]).sum())
            if best is None or cost < best[0]:
                best = (cost, labels, modes)
        self.modes_ = best[2]
        return best[1]


def feature_table(frame: pd.DataFrame, numeric: list[str], categorical: list[str]) -> pd.DataFrame:
    """The feature columns as the preprocessor reads them: numbers as they are, categories as text."""
    return pd.concat([frame[numeric], categories(frame, categorical)], axis=1)


def encoded_rows(frame: pd.DataFrame, numeric: list[str], categorical: list[str], fit_rows: np.ndarray) -> np.ndarray:
    """Every row of ``frame`` as :meth:`PersonaModel.transform` gives it for a model fitted on the rows at
    positions ``fit_rows`` (the preprocessor depends on those rows only, not on k or the algorithm)."""
    table = feature_table(frame, numeric, categorical)
    return preprocessor(numeric, categorical).fit(table.iloc[fit_rows]).transform(table)


def _mode(values: np.ndarray) -> int:
    found, counts = np.unique(values, return_counts=True)
    return int(found[np.argmax(counts)])


def _nearest_mode(codes: np.ndarray, modes: np.ndarray) -> np.ndarray:
    """Each row's closest mode by the number of differing columns (ties: the lower group)."""
    mismatches = np.stack([(codes != mode).sum(axis=1) for mode in modes], axis=1)
    return mismatches.argmin(axis=1)


def _nearest(matrix: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Each row's closest centre (squared Euclidean distance)."""
    distances = (matrix ** 2).sum(axis=1)[:, None] - 2 * matrix @ centres.T + (centres ** 2).sum(axis=1)[None, :]
    return distances.argmin(axis=1)


def by_size(labels: np.ndarray, k: int) -> np.ndarray:
    """A relabelling array: old group -> new number, the largest group 0 (ties: the lower old number first)."""
    sizes = np.bincount(labels, minlength=k)
    order = np.lexsort((np.arange(k), -sizes))
    mapping = np.empty(k, dtype=int)
    mapping[order] = np.arange(k)
    return mapping
