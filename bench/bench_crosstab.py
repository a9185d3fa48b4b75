"""Banner-table benchmark: 20 questions by 20 banner columns on 124,880 survey rows, as a process, under 5 s?

Builds a 124,880-row survey CSV by concatenating the 5,000-row real airline sample (24 copies and the first
4,880 rows again, ids made unique), then times, median of 3 runs, a fresh process of

    python -m analysis crosstab FILE --rows <20 questions> --banner <7 banners> --out TABLE.xlsx --json

The questions: satisfaction, the 14 touchpoint ratings (each a top-box and a mean row) and five attributes
(one row per answer); the banners: Class, Customer Type, Type of Travel, Gender, Age and Flight Distance (in
quartile bands) and satisfaction, 19 categories and the Total: 20 columns. Exits 1 when the wall time is over
the budget. The process's CPU time (user + system) is reported beside it: on a machine shared with other work
the wall time can be several times the CPU time.

    python bench/bench_crosstab.py          # human-readable
    python bench/bench_crosstab.py --json   # one JSON object
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from bench_ingest import SOURCE, parse_args, timed_runs  # noqa: E402

ROWS = 124_880
RUNS = 3
BUDGET_S = 5.0
QUESTIONS = ["satisfaction", "Inflight wifi service", "Departure/Arrival time convenient", "Ease of Online booking",
             "Gate location", "Food and drink", "Online boarding", "Seat comfort", "Inflight entertainment",
             "On-board service", "Leg room service", "Baggage handling", "Checkin service", "Inflight service",
             "Cleanliness", "Gender", "Customer Type", "Type of Travel", "Class", "Age"]
BANNERS = ["Class", "Customer Type", "Type of Travel", "Gender", "Age", "Flight Distance", "satisfaction"]


def build_csv(path: Path, rows: int = ROWS) -> None:
    """The sample concatenated to ``rows`` rows, ids unique."""
    sample = pd.read_csv(SOURCE, dtype=str, keep_default_na=False)
    copies = -(-rows // len(sample))
    big = pd.concat([sample] * copies, ignore_index=True).head(rows)
    big["id"] = [str(i) for i in range(1, rows + 1)]
    big.to_csv(path, index=False)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv)
    if args is None:
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "airline_survey_124880.csv", Path(tmp) / "table.xlsx"
        build_csv(path)
        runs = timed_runs(["-m", "analysis", "crosstab", str(path), "--rows", ",".join(QUESTIONS),
                           "--banner", ",".join(BANNERS), "--out", str(out), "--json"], RUNS)
    seconds, found = runs.median, runs.output
    columns = {(cell["banner"], cell["column"]) for cell in found["cells"] if cell["column"] != "Total"}
    result = {"rows": ROWS, "questions": len(QUESTIONS), "columns": len(columns) + 1, "cells": len(found["cells"]),
              "runs": RUNS, "seconds": round(seconds, 3), "cpu_seconds": round(runs.cpu_seconds, 3),
              "budget_s": BUDGET_S, "ok": seconds <= BUDGET_S}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"banner table: {len(QUESTIONS)} questions x {result['columns']} columns on {ROWS:,} rows "
              f"({result['cells']:,} cells), XLSX written; median of {RUNS} process runs")
        print(f"  python -m analysis crosstab FILE ... --out TABLE.xlsx --json   {seconds:8.3f} s "
              f"(budget {BUDGET_S} s): {'OK' if result['ok'] else 'OVER BUDGET'}; "
              f"CPU {result['cpu_seconds']:.3f} s")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
