"""Behaviour reports benchmark: retention, conversion window, weekly funnel, paths backward and frustration signals
on a large log, per engine, after the log is read and sessionised.

Builds the log as ``bench_behaviour_engine.py`` does (the shared web-events sample repeated ``--copies`` times with
new visitor ids and times two weeks apart; 44 copies by default: 201,168 events), analyses it with each engine, then
times each report (wall time in this process) and checks that both engines give the same tables.

    python bench/bench_behaviour_reports.py              # human-readable
    python bench/bench_behaviour_reports.py --copies 219 # about a million events
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from bench_behaviour_engine import build_log

from analysis.behaviour.engine import analyse_log
from analysis.behaviour.report import analyse

COPIES = 44
REPORTS = {
    "retention (weekly)": lambda found: found.retention("week"),
    "retention (monthly)": lambda found: found.retention("month"),
    "conversion window (30 min)": lambda found: found.window_funnel(1800),
    "trended funnel": lambda found: found.trended_funnel(),
    "paths before the last step": lambda found: found.paths_before(found.steps[-1].label),
    "frustration signals": lambda found: pd.concat(found.frustration(), keys=["page", "stage"]),
}


def timed(action, *args):
    """Seconds taken by ``action(*args)``, and its result."""
    start = time.perf_counter()
    result = action(*args)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=COPIES)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.csv"
        events = build_log(path, options.copies)
        read = {}
        for name, engine in (("pandas", analyse), ("duckdb", lambda p: analyse_log([p]))):
            seconds, read[name] = timed(engine, path)
            print(f"{name}: read and sessionised {events:,} events in {seconds:.2f} s")
        for report, run in REPORTS.items():
            found = {}
            for name, analysed in read.items():
                seconds, found[name] = timed(run, analysed)
                print(f"  {report:<28} {name:<7} {seconds:6.2f} s")
            pd.testing.assert_frame_equal(found["pandas"].reset_index(drop=True), found["duckdb"].reset_index(drop=True),
                                          check_dtype=False, rtol=1e-9)
    print("both engines gave the same tables")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
