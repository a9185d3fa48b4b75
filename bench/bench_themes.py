"""Themes benchmark: finding and coding the themes of ~7,000 comments against a bare TF-IDF + NMF.

Builds 7,000 English tweets from the shared airline sample (``../shared/data``): each text joins
the first half of one sampled tweet to the second half of another (seed 0), so texts keep their
real length and none repeats. Times, on the same texts, median of 3 runs after a warm-up:

- **themes**: ``discover(texts, 9, "en")`` and ``code_texts(texts, frame)`` (every comment coded),
  the stemmer's and the comments' terms' caches emptied before each run (within a run, a comment's terms are
  found once and read again from the cache);
- **bare**: ``NMF(9).fit_transform(TfidfVectorizer().fit_transform(texts)).argmax(axis=1)``
  (scikit-learn's defaults, ``random_state=0``, ``max_iter=400``), the baseline of the README,
  run as it is and on one thread (as the themes' SVD and k-means run), the faster of the two counting.

Exits 1 when themes take more than 2x the bare process (the budget of the issue). ``k="auto"``
(2 .. 12 themes tried on a sample of 2,000 comments) is reported too, outside the budget.

    python bench/bench_themes.py
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.themes import code_texts, discover  # noqa: E402
from analysis.themes.terms import _terms, stem  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
COUNT = 7_000
K = 9
RUNS = 3
BUDGET = 2.0


def distinct_texts(texts: pd.Series, count: int) -> list[str]:
    """``count`` texts, each half of one sampled text and half of another (seed 0)."""
    rng = np.random.default_rng(0)
    first, second = rng.integers(0, len(texts), count), rng.integers(0, len(texts), count)
    return [texts.iat[a][:len(texts.iat[a]) // 2] + texts.iat[b][len(texts.iat[b]) // 2:] for a, b in zip(first, second)]


def themes(texts: list[str], k=K) -> int:
    stem.cache_clear()
    _terms.cache_clear()
    frame = discover(texts, k, "en")
    code_texts(texts, frame)
    return len(frame.codes)


def bare(texts: list[str]) -> int:
    topics = NMF(K, random_state=0, max_iter=400).fit_transform(TfidfVectorizer().fit_transform(texts)).argmax(axis=1)
    return len(set(topics))


def timed(work, texts: list[str]) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of :data:`RUNS` runs after a warm-up."""
    work(texts)
    walls, cpus = [], []
    for _ in range(RUNS):
        start, cpu = time.perf_counter(), time.process_time()
        work(texts)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    tweets = pd.read_csv(SHARED / "airline_tweets_sample.csv")["text"].dropna()
    texts = distinct_texts(tweets, COUNT)
    ours, ours_cpu = timed(themes, texts)
    threaded, threaded_cpu = timed(bare, texts)
    with threadpool_limits(1):
        single, single_cpu = timed(bare, texts)
    ratio = ours / min(threaded, single)
    print(f"{COUNT:,} comments, k = {K}: themes {ours:.2f} s (CPU {ours_cpu:.2f} s); bare TF-IDF + NMF "
          f"{threaded:.2f} s (CPU {threaded_cpu:.2f} s), on one thread {single:.2f} s (CPU {single_cpu:.2f} s): "
          f"{ratio:.2f}x the faster (budget {BUDGET}x)")
    start = time.perf_counter()
    found = themes(texts, "auto")
    print(f"k = auto: {found} themes in {time.perf_counter() - start:.2f} s (not budgeted)")
    return 1 if ratio > BUDGET else 0


if __name__ == "__main__":
    sys.exit(main())
