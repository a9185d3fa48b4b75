"""English sentiment benchmark: the default English engine against a bare TextBlob loop.

Each side runs as a whole process, as a user would run it: Python start, imports, reading the
2,000-tweet airline sample from ../shared/data, repeating it 6 times (12,000 tweets), scoring.

* ``textblob``: ``[TextBlob(t).sentiment.polarity for t in texts]``
* ``english``: ``EnglishEngine().score(texts)``

Both are also timed on 12,000 *distinct* tweets (each copy gets its row number appended), where
the engine's per-text cache cannot help. Reports the median of 3 alternating runs per command.

Budget (exit 1 when over): the English engine within 1.5x the bare TextBlob loop on the
repeated tweets.

    python bench/bench_sentiment_english.py          # human-readable
    python bench/bench_sentiment_english.py --json   # one JSON object
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import parse_args  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "airline_tweets_sample.csv"
RUNS = 3
BUDGET = 1.5

READ = (f"import pandas as pd\n"
        f"texts = pd.read_csv({str(SOURCE)!r})['text'].tolist() * 6\n")
DISTINCT = "texts = [f'{t} {i}' for i, t in enumerate(texts)]\n"
SCRIPTS = {
    "textblob": "from textblob import TextBlob\n" + READ + "{distinct}"
                "scores = [TextBlob(t).sentiment.polarity for t in texts]\n",
    "english": "from analysis.sentiment.english import EnglishEngine\n" + READ + "{distinct}"
               "scores = EnglishEngine().score(texts)\n",
}


def seconds(script: str) -> float:
    """Wall time of one fresh interpreter running ``script`` from the repo root."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(distinct: bool) -> dict[str, float]:
    """Median seconds per command, the commands alternating so both see the same machine load."""
    times: dict[str, list[float]] = {name: [] for name in SCRIPTS}
    for _ in range(RUNS):
        for name, script in SCRIPTS.items():
            times[name].append(seconds(script.format(distinct=DISTINCT if distinct else "")))
    return {name: statistics.median(runs) for name, runs in times.items()}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv, SOURCE)
    if args is None:
        return 1
    repeated, distinct = measure(distinct=False), measure(distinct=True)
    ratio = repeated["english"] / repeated["textblob"]
    result = {"repeated_s": repeated, "distinct_s": distinct, "ratio": round(ratio, 2),
              "ratio_distinct": round(distinct["english"] / distinct["textblob"], 2),
              "budget_ratio": BUDGET, "within_budget": ratio <= BUDGET}
    if args.json:
        print(json.dumps(result))
    else:
        for label, times in (("12,000 tweets (2,000 x 6)", repeated), ("12,000 distinct tweets", distinct)):
            print(f"{label}: TextBlob loop {times['textblob']:.2f} s, EnglishEngine {times['english']:.2f} s "
                  f"({times['english'] / times['textblob']:.2f}x)")
        print(f"budget: EnglishEngine within {BUDGET}x TextBlob on the repeated tweets: "
              f"{'ok' if result['within_budget'] else 'OVER'}")
    return 0 if result["within_budget"] else 1


if __name__ == "__main__":
    sys.exit(main())
