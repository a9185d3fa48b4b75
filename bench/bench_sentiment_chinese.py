"""Chinese sentiment benchmark: ``ChineseEngine`` against SnowNLP on the same texts, in one process.

Reads the hotel reviews and Weibo posts of ``../shared/data`` and times, for each file:

* loading the engine's n-gram model (reported apart; budget under 1 s);
* ``ChineseEngine().score(texts)``, the first call in the process, so the word lists are loaded
  inside the timing;
* reading the engine's check sentences and importing scikit-learn (reported apart, like the
  model: a one-off per process, which the adaptation needs);
* the engine fitted to the file's own texts first (``adapt(ChineseEngine(), texts).score(texts)``,
  no labels used);
* ``SnowNLP(t).sentiments`` for every text, its own first-call loading included.

Each run is timed by the wall clock and by this process's CPU time; the machine is shared, so the
wall clock also counts the time spent waiting for a core, while the CPU time is what each engine
costs. Also prints the accuracy of each (positive above 0.05, negative below -0.05; SnowNLP's 0..1
is mapped to -1..1). Exit 1 when the engine, adapted or not, is not at least 10 times faster than
SnowNLP in CPU time, or its model takes 1 s or more to load.

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


def timed(run, *args):
    """``run(*args)``'s result, its wall-clock seconds and this process's CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = run(*args)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    """Time both engines on every file, print the figures, and check the budgets."""
    from analysis.sentiment.adapt_chinese import adapt, check_readings
    from analysis.sentiment.chinese import ChineseEngine, load_model

    _, wall, _ = timed(load_model)
    result = {"model_load_s": round(wall, 3)}
    frames = {name: pd.read_csv(SHARED / path) for name, path, _ in FILES}
    engine = ChineseEngine()

    def load_check():
        import sklearn.linear_model  # noqa: F401  (imported once per process, like the model)

        check_readings(engine.lexicon_weight, engine.signal_weight)

    result["check_load_s"] = round(timed(load_check)[1], 3)
    from snownlp import SnowNLP

    runs = {"engine": engine.score, "adapted": lambda texts: adapt(ChineseEngine(), texts).score(texts),
            "snownlp": lambda texts: np.array([2 * SnowNLP(t).sentiments - 1 if t.strip() else np.nan
                                               for t in texts])}
    for what, run in runs.items():
        for name, _, column in FILES:
            texts = frames[name][column].fillna("").astype(str).tolist()
            scores, wall, cpu = timed(run, texts)
            result[f"{name}_{what}_s"], result[f"{name}_{what}_cpu_s"] = round(wall, 3), round(cpu, 3)
            result[f"{name}_{what}_accuracy"] = round(accuracy(scores, frames[name]["label"].to_numpy()), 3)
    for what in ("engine", "adapted"):
        for name, _, _ in FILES:
            for clock in ("", "_cpu"):
                result[f"{name}_{what}{clock}_speedup"] = round(
                    result[f"{name}_snownlp{clock}_s"] / result[f"{name}_{what}{clock}_s"], 1)
    print(json.dumps(result) if "--json" in sys.argv else
          "\n".join(f"{k:>28}: {v}" for k, v in result.items()))
    slow = [k for k in result if k.endswith("_cpu_speedup") and result[k] < MIN_SPEEDUP]
    return 1 if slow or result["model_load_s"] >= MAX_LOAD_S else 0


if __name__ == "__main__":
    sys.exit(main())
