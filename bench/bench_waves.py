"""Waves benchmark: how long does a fresh process take to stack two waves of 124,880 rows and give every metric
per wave with its change tested?

Builds two 124,880-row survey CSVs from the 5,000-row real airline sample in ../shared/data, resampled with
replacement (seeds 0 and 1), ids unique; the second wave has four columns renamed (one reworded, one in another
case, one with an underscore, one with a hyphen) and the "Food and drink" question dropped. Then times, median
of 3 runs, a fresh ``python bench/bench_waves.py --run BASE WAVE`` process that loads both files, proposes the
matching (:func:`analysis.waves.match_columns`), stacks them (:func:`analysis.waves.stacked_export`), detects
the roles, prepares the stacked survey and computes :func:`analysis.waves.wave_metrics`, as the app does; the
child reports each step's time. Exits 1 when the median is over the budget (10 s).

    python bench/bench_waves.py          # human-readable
    python bench/bench_waves.py --json   # one JSON object
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from bench_ingest import SOURCE, parse_args, timed_runs

ROWS = 124_880
RUNS = 3
BUDGET = 10.0
RENAMED = {"Seat comfort": "Seat Comfort", "Gate location": "gate_location",
           "Inflight wifi service": "In-flight wifi service", "Checkin service": "Check-in service"}


def build_waves(folder: Path, rows: int = ROWS) -> tuple[Path, Path]:
    """Two waves of ``rows`` rows each: the sample resampled (seeds 0 and 1), the second renamed and one question
    short."""
    sample = pd.read_csv(SOURCE, dtype=str, keep_default_na=False)
    paths = []
    for seed, name in ((0, "wave1.csv"), (1, "wave2.csv")):
        wave = sample.sample(n=rows, replace=True, random_state=seed)
        wave["id"] = [str(i) for i in range(1, rows + 1)]
        if seed:
            wave = wave.rename(columns=RENAMED).drop(columns="Food and drink")
        paths.append(folder / name)
        wave.to_csv(paths[-1], index=False)
    return paths[0], paths[1]


def run(base_path: str, wave_path: str) -> dict:
    """The app's steps on two files, each timed (seconds), with what they found."""
    times, start = {}, time.perf_counter()

    def step(name: str, began: float) -> float:
        now = time.perf_counter()
        times[name] = round(now - began, 3)
        return now

    from analysis.io import load_export
    from analysis.prepare import prepare
    from analysis.schema import detect_roles
    from analysis.waves import match_columns, stacked_export, wave_metrics

    began = step("imports", start)
    base, wave = load_export(base_path), load_export(wave_path)
    began = step("load", began)
    proposed = match_columns(base, wave)
    match = {column: target for column, target in zip(proposed["wave_column"], proposed["base_column"])
             if isinstance(target, str)}
    began = step("match", began)
    export, stacked = stacked_export([base, wave], [match], ["Wave 1", "Wave 2"])
    began = step("stack", began)
    prepared = prepare(export, detect_roles(export))
    began = step("prepare", began)
    table = wave_metrics(prepared, stacked.column)
    step("wave_metrics", began)
    return {"rows": len(export.frame), "matched": len(match), "missing": proposed.attrs["missing"],
            "metrics": int(table["metric"].nunique()), "significant": int(table["significant"].sum()),
            "steps": times}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--run"]:
        print(json.dumps(run(argv[1], argv[2])))
        return 0
    args = parse_args(__doc__, argv)
    if args is None:
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        base, wave = build_waves(Path(tmp))
        runs = timed_runs([str(Path(__file__).resolve()), "--run", str(base), str(wave)], RUNS)
    seconds, found = runs.seconds, runs.output
    result = {"rows_per_wave": ROWS, "runs": [round(value, 2) for value in seconds],
              "median_seconds": round(statistics.median(seconds), 2), "budget_seconds": BUDGET, **found}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"two waves of {ROWS:,} rows: stacked {found['rows']:,} rows, {found['matched']} columns matched, "
              f"missing {found['missing']}, {found['metrics']} metrics per wave, {found['significant']} significant "
              f"change(s)")
        print(f"fresh process, median of {RUNS}: {result['median_seconds']:.2f} s (runs {result['runs']}; "
              f"budget {BUDGET:.0f} s)")
        print("steps of the last run (s): " + ", ".join(f"{name} {value:.2f}" for name, value in found["steps"].items()))
    return 0 if result["median_seconds"] <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
