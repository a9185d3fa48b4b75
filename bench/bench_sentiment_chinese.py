"""Chinese sentiment benchmark: ``ChineseEngine`` against SnowNLP on the same texts, in one process.

Reads the hotel reviews and Weibo posts of ``../shared/data`` and times, for each file:

* loading the engine's n-gram model (reported apart; budget under 1 s);
* ``ChineseEngine().score(texts)``, the first call in the process, so the word lists are loaded
  inside the timing;
* reading the engine's check sentences (reported apart, like the model: a one-off per process);
* the engine fitted to the file's own texts first (``ChineseEngine().adapt(texts).score(texts)``,
  no labels used; the first adaptation in the process imports scikit-learn inside the timing);
* ``SnowNLP(t).sentiments`` for every text, its own first-call loading included.

Also prints the accuracy of each (positive above 0.05, negative below -0.05; SnowNLP's 0..1 is
mapped to -1..1). Exit 1 when the engine, adapted or not, is not at least 10 times faster than
SnowNLP or its model takes 1 s or more to load.

    python bench/bench_sentiment_chinese.py            # human-readable
    python bench/bench_sentiment_chinese.py --json     # one JSON object
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"
FILES = (("hotel", "chnsenticorp_htl_sample.csv", "review"),
         ("weibo", "text/weibo_senti_sample.csv", "text"))
MIN_SPEEDUP = 10.0
MAX_LOAD_S = 1.0


def accuracy(scores: np.ndarray, labels: np.ndarray) -> float:
    """Share of texts whose score is on the labelled side of the neutral band (-0.05..0.05)."""
    predicted = np.where(scores > 0.05, 1, np.where(scores < -0.05, 0, -1))
    return float(np.mean(predicted == labels))


def main() -> int:
    """Time both engines on every file, print the figures, and check the budgets."""
    from analysis.sentiment.adapt_chinese import check_readings
    from analysis.sentiment.chinese import ChineseEngine, load_model

    started = time.perf_counter()
    load_model()
    result = {"model_load_s": round(time.perf_counter() - started, 3)}
    frames = {name: pd.read_csv(SHARED / path) for name, path, _ in FILES}
    engine = ChineseEngine()
    started = time.perf_counter()
    check_readings(engine.lexicon_weight, engine.signal_weight)
    result["check_load_s"] = round(time.perf_counter() - started, 3)
    for name, _, column in FILES:
        texts = frames[name][column].fillna("").astype(str).tolist()
        started = time.perf_counter()
        scores = engine.score(texts)
        result[f"{name}_engine_s"] = round(time.perf_counter() - started, 3)
        result[f"{name}_engine_accuracy"] = round(accuracy(scores, frames[name]["label"].to_numpy()), 3)
    for name, _, column in FILES:
        texts = frames[name][column].fillna("").astype(str).tolist()
        started = time.perf_counter()
        scores = ChineseEngine().adapt(texts).score(texts)
        result[f"{name}_adapted_s"] = round(time.perf_counter() - started, 3)
        result[f"{name}_adapted_accuracy"] = round(accuracy(scores, frames[name]["label"].to_numpy()), 3)
    from snownlp import SnowNLP

    for name, _, column in FILES:
        texts = frames[name][column].fillna("").astype(str).tolist()
        started = time.perf_counter()
        scores = np.array([2 * SnowNLP(t).sentiments - 1 if t.strip() else np.nan for t in texts])
        result[f"{name}_snownlp_s"] = round(time.perf_counter() - started, 3)
        result[f"{name}_snownlp_accuracy"] = round(accuracy(scores, frames[name]["label"].to_numpy()), 3)
        result[f"{name}_speedup"] = round(result[f"{name}_snownlp_s"] / result[f"{name}_engine_s"], 1)
        result[f"{name}_adapted_speedup"] = round(result[f"{name}_snownlp_s"] / result[f"{name}_adapted_s"], 1)
    print(json.dumps(result) if "--json" in sys.argv else
          "\n".join(f"{k:>24}: {v}" for k, v in result.items()))
    slow = [k for k in result if k.endswith("_speedup") and result[k] < MIN_SPEEDUP]
    return 1 if slow or result["model_load_s"] >= MAX_LOAD_S else 0


if __name__ == "__main__":
    sys.exit(main())
