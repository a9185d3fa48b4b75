"""Raking benchmark: 124,880 survey rows raked to three margins, as a process, under 5 s?

Builds a 124,880-row survey CSV from the real airline sample (as ``bench_crosstab.py`` does) and times, median of
3 runs, a fresh process of

    python -m analysis weight FILE --target Gender=... --target Class=... --target "Customer Type=..." \\
        --trim 0.3,3 --out WEIGHTED.csv --json

which reads the file, rakes it (with trimming), writes every row back with its weight and prints the cost of the
weights. Exits 1 when the wall time is over the budget; the process's CPU time is reported beside it.

    python bench/bench_weighting.py          # human-readable
    python bench/bench_weighting.py --json   # one JSON object
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from bench_crosstab import ROWS, build_csv  # noqa: E402
from bench_ingest import parse_args, timed_runs  # noqa: E402

RUNS = 3
BUDGET_S = 5.0
TARGETS = ["Gender=Female:0.5,Male:0.5", "Class=Business:0.4,Eco:0.45,Eco Plus:0.15",
           "Customer Type=Loyal Customer:0.7,disloyal Customer:0.3"]
TRIM = "0.3,3"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv)
    if args is None:
        return 2
    targets = [part for target in TARGETS for part in ("--target", target)]
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "airline_survey_124880.csv", Path(tmp) / "weighted.csv"
        build_csv(path)
        runs = timed_runs(["-m", "analysis", "weight", str(path), *targets, "--trim", TRIM, "--out", str(out),
                           "--json"], RUNS)
    seconds, found = runs.median, runs.output
    result = {"rows": ROWS, "margins": len(TARGETS), "runs": RUNS, "seconds": round(seconds, 3),
              "cpu_seconds": round(runs.cpu_seconds, 3), "iterations": found["iterations"],
              "effective_n": round(found["effective_n"], 1), "budget_s": BUDGET_S, "ok": seconds <= BUDGET_S}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"raking: {ROWS:,} rows to {len(TARGETS)} margins, trimmed to {TRIM}, weighted file written; "
              f"median of {RUNS} process runs ({found['iterations']} passes, effective n {found['effective_n']:,.0f})")
        print(f"  python -m analysis weight FILE --target ... --trim {TRIM} --out OUT.csv --json   {seconds:8.3f} s "
              f"(budget {BUDGET_S} s): {'OK' if result['ok'] else 'OVER BUDGET'}; CPU {result['cpu_seconds']:.3f} s")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
