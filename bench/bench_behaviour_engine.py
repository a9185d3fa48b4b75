"""Behaviour engines benchmark: ``python -m analysis behaviour FILE --json`` on about a million events, pandas against DuckDB.

Builds the log from the shared web-events sample (``../shared/data/clickstream``) as
``bench_behaviour.py`` does, with more copies: the sample (4,572 events) repeated ``--copies`` times
(219 by default: 1,001,268 events, about 300 MB of CSV), each copy with new visitor ids
(``<id>_<copy>``) and its times shifted by two weeks more, so every copy's sessions and funnel are
the sample's. Then, each as a fresh process under ``/usr/bin/time`` (wall time, processor time and peak resident
memory): the command with ``--engine pandas``, with ``--engine duckdb``, and a bare DuckDB query that
only sessionises the file (per visitor, in time order, split after 30 minutes: the floor any engine
answering more than that works against), and a second query, the floor of an engine answering the bar's figures
(the columns the report needs read, sessions by the gap, and per session its size, landing and closed funnel; no
bots, duplicates, channels, devices, pages or stages). The pandas engine loads the file whole, so its 200 MB file limit
is raised for it (``JOURNEY_LENS_MAX_MB``); the DuckDB engine reads in place and has none. Checks that both engines give the same JSON and that the
sessions and funnel counts are the sample's times the copies.

    python bench/bench_behaviour_engine.py                  # human-readable
    python bench/bench_behaviour_engine.py --json           # one JSON object
    python bench/bench_behaviour_engine.py --copies 657     # about 3 million events
    python bench/bench_behaviour_engine.py --engines duckdb # skip pandas (its 3 million take > 10 GB)
    python bench/bench_behaviour_engine.py --engines duckdb --threads 1  # DuckDB on one thread, bare query too
                                                            # (processor time steadier on a busy machine)
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCE = ROOT.parent / "shared" / "data" / "clickstream" / "web_events_sample.csv"
COPIES = 219
BARE_QUERY = """
import duckdb, sys
con = duckdb.connect()
con.execute('SET enable_progress_bar = false')
if sys.argv[2] != '0':
    con.execute('SET threads = ' + str(int(sys.argv[2])))
print(con.execute('''
    WITH e AS (SELECT client_id, CAST(CAST("timestamp" AS TIMESTAMPTZ) AS TIMESTAMP) AS t
               FROM read_csv(?, all_varchar = true)),
         g AS (SELECT client_id, t, lag(t) OVER (PARTITION BY client_id ORDER BY t) AS previous FROM e)
    SELECT count(*) FILTER (WHERE previous IS NULL OR t - previous > INTERVAL 30 MINUTE) FROM g''',
    [sys.argv[1]]).fetchone()[0])
"""
# A floor under any engine that answers the report: the bare query's read and sort with the other columns the report
# needs (URL, event, referrer, user agent; hashed where only their identity counts), then one pass per session for
# its size, first and last time, landing ids and the sample funnel's steps in order (product page, added to cart,
# checkout started, completed). No bots, duplicates, channels, devices, pages, stages or paths: a lower bound, not
# the report (its session count includes bots, as the bare query's does).
FLOOR_QUERY = """
import duckdb, sys
con = duckdb.connect()
con.execute('SET enable_progress_bar = false')
if sys.argv[2] != '0':
    con.execute('SET threads = ' + str(int(sys.argv[2])))
con.execute('''CREATE TABLE e AS SELECT client_id AS v, CAST(CAST("timestamp" AS TIMESTAMPTZ) AS TIMESTAMP) AS t,
    hash(page_url) AS u, event_name AS ev, page_url LIKE '%/products/%' AS product, hash(referrer) AS r,
    hash(user_agent) AS a FROM read_csv(?, all_varchar = true)''', [sys.argv[1]])
con.execute('''CREATE TABLE s AS SELECT *, sum(CAST(p IS NULL OR t - p > INTERVAL 30 MINUTE AS INTEGER))
    OVER (PARTITION BY v ORDER BY t ROWS UNBOUNDED PRECEDING) AS n
    FROM (SELECT *, lag(t) OVER (PARTITION BY v ORDER BY t) AS p FROM e)''')
print(con.execute('''SELECT count(*), count(*) FILTER (WHERE s4 > s3 AND s3 > s2 AND s2 > s1) FROM (
    SELECT v, n, count(*), min(t), max(t), arg_min(u, t), arg_min(r, t), arg_min(a, t),
           min(t) FILTER (WHERE product) AS s1, min(t) FILTER (WHERE ev = 'product_added_to_cart') AS s2,
           min(t) FILTER (WHERE ev = 'checkout_started') AS s3, min(t) FILTER (WHERE ev = 'checkout_completed') AS s4
    FROM s GROUP BY v, n)''').fetchone()[0])
"""


def build_log(path: Path, copies: int) -> int:
    """Write the benchmark's events to ``path`` (CSV); returns how many events."""
    sample = pd.read_csv(SOURCE, dtype=str, keep_default_na=False)
    times = pd.to_datetime(sample["timestamp"], utc=True)
    with path.open("w", newline="") as out:
        for copy in range(copies):
            part = sample.copy()
            part["client_id"] = part["client_id"] + f"_{copy}"
            part["timestamp"] = (times + pd.Timedelta(weeks=2 * copy)).dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            part.to_csv(out, index=False, header=copy == 0)
    os.sync()  # the file written out before anything is timed: write-back would slow the first run down
    return copies * len(sample)


def timed(*command: str, threads: int = 0) -> tuple[float, float, float, str]:
    """Run a command under ``/usr/bin/time -v``: wall seconds, peak resident memory in MB, processor seconds (user
    and system, every thread: steadier than wall time on a shared machine) and its output. ``threads``: DuckDB's
    threads (``JOURNEY_LENS_DUCKDB_THREADS``; 0, DuckDB's own: one per core)."""
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "JOURNEY_LENS_MAX_MB": "100000"}
    if threads:
        env["JOURNEY_LENS_DUCKDB_THREADS"] = str(threads)
    done = subprocess.run(["/usr/bin/time", "-v", *command], cwd=ROOT, capture_output=True, text=True, check=False,
                          env=env)
    if done.returncode != 0:
        raise SystemExit(f"error: {' '.join(command[:4])} failed: {done.stderr.strip().splitlines()[-1]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", done.stderr).group(1)) for kind in ("User", "System"))
    return seconds, int(rss.group(1)) / 1024, cpu, done.stdout


def sample_figures() -> dict:
    """The sample's own sessions and funnel counts (from the command on the sample, pandas engine)."""
    found = subprocess.run([sys.executable, "-m", "analysis", "behaviour", str(SOURCE), "--json", "--engine", "pandas"],
                           cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(found.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--copies", type=int, default=COPIES, help="copies of the sample (default 219: ~1M events)")
    parser.add_argument("--engines", default="pandas,duckdb", help="which engines to run (default pandas,duckdb)")
    parser.add_argument("--threads", type=int, default=0,
                        help="DuckDB threads for the bare query and the engine (default 0: one per core)")
    args = parser.parse_args(argv)
    if not SOURCE.is_file():
        print(f"error: {SOURCE} not found; the benchmark needs the shared real-data folder.", file=sys.stderr)
        return 2
    sample = sample_figures()
    result = {"copies": args.copies, "threads": args.threads, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.csv"
        result["events"] = build_log(path, args.copies)
        result["csv_mb"] = round(path.stat().st_size / 2 ** 20)
        seconds, mb, cpu, out = timed(sys.executable, "-c", BARE_QUERY, str(path), str(args.threads))
        result["runs"]["bare_duckdb_sessionise"] = {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2),
                                                    "peak_mb": round(mb), "sessions_with_bots": int(out)}
        seconds, mb, cpu, out = timed(sys.executable, "-c", FLOOR_QUERY, str(path), str(args.threads))
        result["runs"]["floor_sessions_and_funnel"] = {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2),
                                                       "peak_mb": round(mb), "sessions_with_bots": int(out)}
        outputs = {}
        for engine in args.engines.split(","):
            seconds, mb, cpu, out = timed(sys.executable, "-m", "analysis", "behaviour", str(path), "--json",
                                          "--engine", engine, threads=args.threads)
            outputs[engine] = json.loads(out)
            result["runs"][engine] = {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "peak_mb": round(mb),
                                      "sessions": outputs[engine]["sessions"]}
    expected_funnel = [row["sessions"] * args.copies for row in sample["funnel"]]
    checks = {engine: found["sessions"] == sample["sessions"] * args.copies
              and [row["sessions"] for row in found["funnel"]] == expected_funnel for engine, found in outputs.items()}
    same = len(outputs) < 2 or all(found == next(iter(outputs.values())) for found in outputs.values())
    result.update(expected_sessions=sample["sessions"] * args.copies, replicated=checks, engines_agree=same,
                  ok=all(checks.values()) and same)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['events']:,} events ({result['csv_mb']} MB of CSV), expected {result['expected_sessions']:,} "
              f"sessions; engines agree: {same}; replicated counts: {checks}")
        bare = result["runs"]["bare_duckdb_sessionise"]
        for name, run in result["runs"].items():
            print(f"  {name:<24} {run['seconds']:8.2f} s ({run['seconds'] / bare['seconds']:4.1f}x bare)  "
                  f"{run['cpu_s']:7.2f} s processor ({run['cpu_s'] / bare['cpu_s']:4.1f}x bare)  "
                  f"{run['peak_mb']:7,} MB peak")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
