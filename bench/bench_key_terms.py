"""Key-terms benchmark: how long does :func:`key_terms` take on a realistic batch of comments?

Builds 15,000 English tweets and 5,000 Chinese hotel reviews from the shared real-data samples
(``../shared/data``): each text joins the first half of one sampled text to the second half of
another, so texts keep their real length, no two are alike and the per-text cache never helps.
Times ``key_terms`` by sentiment label, after loading jieba's dictionary once (a one-off cost
of about a second, reported apart). Exits 1 when a run is over its budget (2 s for the tweets,
3 s for the reviews, on the wall clock; the CPU time shown beside it tells a busy machine apart).

    python bench/bench_key_terms.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.sentiment.terms import key_terms  # noqa: E402
from analysis.sentiment.tokens import tokenize  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
CASES = [("airline_tweets_sample.csv", "text", "airline_sentiment", "en", 15_000, 2.0),
         ("chnsenticorp_htl_sample.csv", "review", "label", "zh", 5_000, 3.0)]


def distinct_texts(texts: pd.Series, labels: pd.Series, count: int) -> tuple[list[str], list]:
    """``count`` texts, each half of one sampled text and half of another (seed 0), labelled by the first."""
    rng = np.random.default_rng(0)
    first, second = rng.integers(0, len(texts), count), rng.integers(0, len(texts), count)
    joined = [texts.iat[a][:len(texts.iat[a]) // 2] + texts.iat[b][len(texts.iat[b]) // 2:]
              for a, b in zip(first, second)]
    return joined, labels.iloc[first].tolist()


def main() -> int:
    start = time.perf_counter()
    tokenize("服务员态度很差", "zh")
    print(f"jieba start-up: {time.perf_counter() - start:.2f} s")
    over = False
    for name, text_column, label_column, lang, count, budget in CASES:
        frame = pd.read_csv(SHARED / name).dropna(subset=[text_column])
        texts, labels = distinct_texts(frame[text_column], frame[label_column], count)
        start, cpu = time.perf_counter(), time.process_time()
        terms = key_terms(texts, labels, lang=lang)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        over |= elapsed > budget
        print(f"{name}: {count:,} texts, {len(terms)} terms in {elapsed:.2f} s "
              f"(CPU {cpu:.2f} s; budget {budget} s)")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
