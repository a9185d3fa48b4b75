"""Discover the themes of a text column (see the README's "Themes" section for the method and its figures).

1. Terms: every comment's stems and two-word phrases (:mod:`analysis.themes.terms`), kept when
   in at least ``min_df`` comments and at most half of them; sublinear TF-IDF, rows of length 1.
2. Latent semantic analysis (truncated SVD, :data:`DIMENSIONS` components): the comments' vectors
   ``X V Σ`` (``= U Σ²``, each component weighted by the square of its singular value, so that
   short comments that share no word but use words that go together come close), then of length 1.
3. Spherical k-means (k-means on the unit vectors, ``n_init`` 10, fixed seed).
4. Each theme is stored as term weights ``V Σ ĉ`` (``ĉ`` its unit centre) of length 1, so that the
   dot product of any comment's TF-IDF vector ``x`` with them is its latent vector's agreement with
   each centre, ``x V Σ · ĉ``, over that theme's length ``|Σ ĉ|`` (the ranking of step 3 up to that
   factor; using the k-means labels, or the unscaled weights, instead moved no NMI figure beyond the
   spread over seeds); only the :data:`KEPT_TERMS` largest weights of a theme are kept. Every comment is then
   coded by :func:`analysis.themes.codeframe.code_texts`, the same way a saved codeframe codes
   the next wave.

``k="auto"`` tries k = 2 .. :data:`MAX_K` (at most a tenth of the comments) on at most
:data:`K_SAMPLE` comments and takes the k with the highest mean cosine silhouette (the smaller k
on a tie), each k clustered as the themes are (:data:`N_INIT` starts: with 3, a lucky two-way split
of the clothing reviews scored 0.104 and won; with 10 it scores 0.058 and k = 9 wins at 0.102).
The codeframe records the k chosen and the highest k tried (``auto_k``), so a page can say how k came about.

Each theme's **stability** is checked as Hennig's ``clusterboot`` does (Hennig 2007, "Cluster-wise assessment
of cluster stability"): the comments' latent vectors are clustered again, the same way, on
:data:`RESAMPLES` random subsets (80% of them, at most :data:`RESAMPLE_MAX`, without replacement); a theme's
stability is the mean, over the subsets, of the largest Jaccard similarity between its comments in the subset
and a cluster of the subset's fit. Hennig's reading: below 0.5 a cluster "dissolves", from 0.75 it is stable
(:func:`stability_level`). The vocabulary and the SVD stay those of all comments (only the clustering is
resampled), so the figure says whether the grouping holds, not whether the words would.

Fixed seeds throughout: the same texts and settings give the same themes.

Steps 2 and 3 run on one thread (BLAS and OpenMP): the matrices are small (comments x 50), so
threads cost more than they save, and on a busy machine (an app server, other sessions) OpenMP's
waiting threads made k-means 10 to 20 times slower (``bench/bench_themes.py``).
"""
from __future__ import annotations

import warnings
from dataclasses import replace
from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from analysis.themes.codeframe import Code, Codeframe, code_texts, next_id, reshaped
from analysis.themes.terms import TermSpace, surface_names

DIMENSIONS = 50
MAX_K = 12
K_SAMPLE = 2000
KEPT_TERMS = 2000
TOP_TERMS = 8
NAME_TERMS = 3
SEED = 0
N_INIT = 10  # k-means starts, for the themes and for each k scored by ``k="auto"`` alike
RESAMPLES = 20  # subsets each theme's stability is measured on
RESAMPLE_SHARE = 0.8
RESAMPLE_MAX = 800  # comments in one subset, at most (20 x 800: on the airline tweets a seed moves a figure 0.14 at most)
MIN_TESTED = 20  # comments from which stability is measured
STABLE, DISSOLVED = 0.75, 0.5  # Hennig's (2007) readings of the mean Jaccard similarity


def discover(texts: Sequence, k: int | str = "auto", lang: str = "auto", seed: int = SEED,
             space: TermSpace | None = None) -> Codeframe:
    """A codeframe of ``k`` themes found in ``texts`` (``k`` a whole number or ``"auto"``).

    ``lang`` is ``auto`` (each text detected), ``en`` or ``zh``. ``space`` reads the texts with
    a given vocabulary (a split re-uses its codeframe's); by default one is fitted. Themes are
    ordered by size (largest first), with ids ``T1``, ``T2`` ... A set of texts with too few
    shared words for ``k`` themes gives fewer (at least one when any text has a term).
    ``ValueError`` when ``k`` is below 1.
    """
    texts = list(texts)
    if k != "auto" and int(k) < 1:
        raise ValueError("k must be at least 1")
    space = space or TermSpace.fit(texts, lang, min_df=2 if len(texts) < 500 else 3)
    vectors = space.vectors(texts)
    used = np.flatnonzero(vectors.getnnz(axis=1) > 0)
    if not len(used) or not len(space.terms):
        return Codeframe(space)
    with threadpool_limits(1):  # one thread: see the module notes
        basis, scale, points = _latent(vectors[used], seed)
        auto = k == "auto"
        distinct = len(np.unique(points.round(8), axis=0))
        highest = min(highest_k(len(points)), distinct)
        k = min(choose_k(points, seed, highest) if auto else int(k), distinct)
        if k > 1:
            fitted = KMeans(k, n_init=N_INIT, random_state=seed).fit(points)
            centres, held = normalize(fitted.cluster_centers_), stability(points, fitted.labels_, k, seed)
        else:
            centres, held = normalize(points.mean(axis=0, keepdims=True)), [None]
    weights = centres @ (basis * scale[:, None])  # themes x terms: V Σ ĉ
    codes = tuple(Code(f"T{i + 1}", "", parts=(_kept(row, space.terms),), stability=held[i])
                  for i, row in enumerate(weights))
    frame = Codeframe(space, codes, (k, highest) if auto else None)
    return _described(frame, texts)


def _latent(vectors, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The SVD basis (components x terms), singular values, and the comments as unit ``X V Σ²`` rows."""
    dimensions = min(DIMENSIONS, vectors.shape[1] - 1, vectors.shape[0] - 1)
    if dimensions < 1:
        return np.ones((1, vectors.shape[1])), np.ones(1), normalize(np.asarray(vectors.sum(axis=1)))
    svd = TruncatedSVD(dimensions, random_state=seed, n_iter=7).fit(vectors)
    scale = svd.singular_values_
    return svd.components_, scale, normalize((vectors @ svd.components_.T) * scale)


def choose_k(points: np.ndarray, seed: int = SEED, highest: int | None = None) -> int:
    """The k of 2 .. ``highest`` (by default :func:`highest_k`; discovery also caps it at the number of distinct
    points) with the best cosine silhouette, on at most :data:`K_SAMPLE` points drawn with ``seed``; 1 when
    ``highest`` is below 2."""
    highest = highest_k(len(points)) if highest is None else highest
    if highest < 2:
        return 1
    rng = np.random.default_rng(seed)
    sample = points[np.sort(rng.choice(len(points), K_SAMPLE, replace=False))] if len(points) > K_SAMPLE else points
    scores = {}
    for k in range(2, highest + 1):
        labels = KMeans(k, n_init=N_INIT, random_state=seed).fit_predict(sample)
        scores[k] = silhouette_score(sample, labels, metric="cosine") if len(set(labels)) > 1 else -1.0
    return max(scores, key=lambda k: (round(scores[k], 6), -k))


def stability(points: np.ndarray, labels: np.ndarray, k: int, seed: int = SEED) -> list[float | None]:
    """Each cluster's stability (see the module notes): the mean over :data:`RESAMPLES` subsets of the points
    of its best Jaccard similarity with a cluster of k-means (``k``, as the themes) fitted on the subset,
    rounded to 3 places; all None for fewer than :data:`MIN_TESTED` points. A cluster absent from a
    subset is not scored on it."""
    if len(points) < MIN_TESTED or k < 2:
        return [None] * k
    rng = np.random.default_rng(seed)
    size = min(int(RESAMPLE_SHARE * len(points)), RESAMPLE_MAX)
    found = np.full((RESAMPLES, k), np.nan)
    for run in range(RESAMPLES):
        subset = np.sort(rng.choice(len(points), size, replace=False))
        with warnings.catch_warnings():  # a subset may hold fewer distinct comments than k: a group is then missed
            warnings.simplefilter("ignore", ConvergenceWarning)
            again = KMeans(k, n_init=N_INIT, random_state=seed + 1 + run).fit_predict(points[subset])
        overlap = np.zeros((k, k))
        np.add.at(overlap, (labels[subset], again), 1)
        mine, theirs = overlap.sum(axis=1, keepdims=True), overlap.sum(axis=0, keepdims=True)
        jaccard = overlap / np.maximum(mine + theirs - overlap, 1)
        found[run] = np.where(mine[:, 0] > 0, jaccard.max(axis=1), np.nan)
    with np.errstate(all="ignore"):
        means = np.nanmean(found, axis=0)
    return [None if np.isnan(m) else round(float(m), 3) for m in means]


def stability_level(value: float | None) -> str | None:
    """Hennig's reading of a stability: ``stable`` from 0.75, ``dissolved`` below 0.5, else ``weak``;
    None when not measured."""
    if value is None or pd.isna(value):
        return None
    return "stable" if value >= STABLE else "dissolved" if value < DISSOLVED else "weak"


def stability_figure(value: float) -> str:
    """A measured stability with two decimals, cut rather than rounded, so that the figure shown never sits on the
    other side of a reading's threshold from its level (0.497 dissolves and shows 0.49, not 0.50)."""
    return f"{int(round(float(value) * 1000)) // 10 / 100:.2f}"


def stability_counts(frame: Codeframe) -> dict[str, int]:
    """How many of the frame's themes were measured (``tested``) and how many of those are ``stable``, ``weak``
    and ``dissolved`` (:func:`stability_level`)."""
    levels = [stability_level(code.stability) for code in frame.codes if code.kind == "theme"]
    measured = [level for level in levels if level]
    return {"tested": len(measured), **{level: measured.count(level) for level in ("stable", "weak", "dissolved")}}


def highest_k(comments: int) -> int:
    """The highest k ``k="auto"`` tries for this many comments (with a term): :data:`MAX_K`, at most a tenth."""
    return min(MAX_K, comments // 10)


def _kept(weights: np.ndarray, terms: tuple[str, ...]) -> dict[str, float]:
    """A theme's :data:`KEPT_TERMS` largest weights (by size), scaled to length 1, rounded."""
    order = np.argsort(-np.abs(weights), kind="stable")[:KEPT_TERMS]
    kept = weights[order] / (np.linalg.norm(weights[order]) or 1.0)
    return {terms[i]: round(float(w), 6) for i, w in zip(order, kept) if w != 0}


def _described(frame: Codeframe, texts: list) -> Codeframe:
    """Themes with their size, top terms (as people write them) and a name, ordered by size;
    ids given anew in that order (``T1`` the largest). A theme's top terms are those whose mean
    TF-IDF weight in its comments most exceeds their mean in all comments (a theme of every comment:
    the terms of largest mean weight)."""
    coded = code_texts(texts, frame)
    sizes = coded["topic"].value_counts()
    themes = sorted(frame.codes, key=lambda code: (-int(sizes.get(code.id, 0)), code.id))
    vectors = frame.space.vectors(texts)
    overall = np.asarray(vectors.mean(axis=0)).ravel()
    topics = coded["topic"].to_numpy()
    tops = {}
    for code in themes:
        members = np.flatnonzero(topics == code.id)
        mean = np.asarray(vectors[members].mean(axis=0)).ravel() if len(members) else np.zeros_like(overall)
        lift = mean - overall if len(members) < len(topics) else mean  # a theme of every comment: its commonest
        order = [i for i in np.argsort(-lift, kind="stable")[:TOP_TERMS] if lift[i] > 0]
        tops[code.id] = [frame.space.terms[i] for i in order]
    names = surface_names(texts, frame.space.lang, {word for terms in tops.values() for t in terms for word in t.split(" ")})
    described = []
    for i, code in enumerate(themes):
        shown = tuple(" ".join(names.get(word, word) for word in t.split(" ")) for t in tops[code.id])
        described.append(replace(code, id=f"T{i + 1}", name=" / ".join(shown[:NAME_TERMS]) or f"T{i + 1}",
                                 terms=shown, size=int(sizes.get(code.id, 0))))
    return replace(frame, codes=tuple(described))


def split(frame: Codeframe, code_id: str, texts: Sequence, seed: int = SEED) -> Codeframe:
    """The codeframe with theme ``code_id`` split in two: the method run again (k = 2, the frame's
    vocabulary) on the comments of ``texts`` whose topic is that theme. The two new themes take
    its place, the larger keeping its id; their stability is that of the two-way split. ``ValueError``
    for a code that is not a theme or has too few comments to split."""
    code = frame.get(code_id)
    if code.kind != "theme":
        raise ValueError("only a discovered theme can be split")
    texts = list(texts)
    coded = code_texts(texts, frame)
    own = [text for text, topic in zip(texts, coded["topic"]) if topic == code_id]
    found = discover(own, 2, frame.space.lang, seed, space=frame.space)
    if len(found.codes) < 2:
        raise ValueError("the theme's comments do not split into two")
    first, second = found.codes
    other_id = next_id(frame, "theme")
    new = [replace(first, id=code_id), replace(second, id=other_id)]
    codes = []
    for existing in frame.codes:
        codes.extend(new if existing.id == code_id else [existing])
    return reshaped(replace(frame, codes=tuple(codes)))
