"""Ingestion benchmark: is loading + summarising a full-size survey within 3x of a bare read_csv?

Builds a 129,880-row survey CSV (the size of the full airline passenger survey) by resampling
the 5,000-row real sample in ../shared/data with replacement (seed 0) and giving every row a
unique id, then times, median of 5 runs each, two ways:

  * as a user runs them (the budget): ``python -m analysis summarize FILE --json`` against
    ``python -c "import pandas; pandas.read_csv(FILE)"``, each a fresh process;
  * in-process (reported, to watch the library itself): ``summarize(load_export(path))``
    against ``pandas.read_csv(path)``, interpreter start-up and imports not counted.

Exits 1 when the command-line ratio is over the budget (3.0).

    python bench/bench_ingest.py          # human-readable
    python bench/bench_ingest.py --json   # one JSON object
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOURCE = ROOT.parent / "shared" / "data" / "airline_passenger_satisfaction_sample.csv"
ROWS = 129_880
RUNS = 5
BUDGET = 3.0


def build_csv(path: Path, rows: int = ROWS) -> None:
    """Write a survey of ``rows`` rows (the full size by default): the sample resampled with replacement, ids unique."""
    sample = pd.read_csv(SOURCE, dtype=str, keep_default_na=False)
    big = sample.sample(n=rows, replace=True, random_state=0)
    big["id"] = [str(i) for i in range(1, rows + 1)]
    big.to_csv(path, index=False)


def median_seconds(fn, runs: int = RUNS) -> float:
    """Median wall time of ``runs`` calls, after one untimed warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def parse_args(doc: str, argv: list[str] | None, source: Path = SOURCE) -> argparse.Namespace | None:
    """The ``--json`` option of a benchmark; None (after one ``error:`` line) without its shared ``source`` file."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    if not source.is_file():
        print(f"error: {source} not found; the benchmark needs the shared real-data folder "
              "(shared/data next to the repo).", file=sys.stderr)
        return None
    return args


def run_process(*args: str) -> None:
    """Run a Python command in a fresh interpreter, as a user would; fail loudly if it fails."""
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def timed_command(build, name: str, *args: str) -> tuple[float, dict, object]:
    """Build a file with ``build(path)`` in a temporary folder, then time ``python -m analysis ARGS FILE --json``
    as a fresh process; returns its wall time in seconds, its JSON output and what ``build`` returned."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        built = build(path)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "analysis", *args, str(path), "--json"], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - start
    return seconds, json.loads(done.stdout), built


class Runs(NamedTuple):
    """Fresh-process runs of a command: the wall time of each, the median CPU time and the last run's JSON."""

    seconds: list[float]
    cpu_seconds: float
    output: dict

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def timed_runs(command: list[str], runs: int) -> Runs:
    """Run ``python COMMAND`` (printing JSON) ``runs`` times as fresh processes, as a user would; its wall time
    per run and its median CPU time (user + system: on a machine shared with other work the wall time can be
    several times the CPU time)."""
    seconds, cpu, output = [], [], {}
    for _ in range(runs):
        used = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, check=True)
        seconds.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - used)
        output = json.loads(done.stdout)
    return Runs(seconds, statistics.median(cpu), output)


def _children_cpu() -> float:
    """User + system CPU seconds of the finished child processes so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv)
    if args is None:
        return 2

    from analysis.io import load_export
    from analysis.summary import summarize

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "airline_survey_full.csv"
        build_csv(path)
        size = path.stat().st_size
        cli_baseline = median_seconds(lambda: run_process("-c", f"import pandas; pandas.read_csv({str(path)!r})"))
        cli = median_seconds(lambda: run_process("-m", "analysis", "summarize", str(path), "--json"))
        baseline = median_seconds(lambda: pd.read_csv(path))
        ours = median_seconds(lambda: summarize(load_export(path)))

    ratio = cli / cli_baseline
    result = {
        "rows": ROWS,
        "bytes": size,
        "runs": RUNS,
        "cli_read_csv_s": round(cli_baseline, 4),
        "cli_summarize_s": round(cli, 4),
        "ratio": round(ratio, 2),
        "in_process_read_csv_s": round(baseline, 4),
        "in_process_summarize_s": round(ours, 4),
        "in_process_ratio": round(ours / baseline, 2),
        "budget": BUDGET,
        "ok": ratio <= BUDGET,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"survey CSV: {ROWS:,} rows, {size / 1e6:.1f} MB; median of {RUNS} runs")
        print(f"  python -c 'pandas.read_csv(FILE)'           {cli_baseline:8.3f} s")
        print(f"  python -m analysis summarize FILE --json    {cli:8.3f} s")
        print(f"  ratio {ratio:.2f} (budget {BUDGET}): {'OK' if result['ok'] else 'OVER BUDGET'}")
        print(f"  in-process: read_csv {baseline:.3f} s, summarize(load_export) {ours:.3f} s, "
              f"ratio {ours / baseline:.2f} (reported, no budget)")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
