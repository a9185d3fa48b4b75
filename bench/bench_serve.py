"""Serving benchmark: ``bench/bench_load.py``'s 20 sessions through the proxy on 1, 2 and 3 app processes.

For each number of processes, starts ``python -m deploy.serve --replicas N`` (the command ``make serve`` runs)
over one throw-away PostgreSQL database (``JOURNEY_LENS_TEST_PG``, else a cluster of Debian's binaries as the
store tests start) and runs the load of ``bench_load.py`` through the proxy: 20 sessions for two minutes, five
with a survey of their own, each going round Journey, Compare, Personas and Data and checking it sees only its own
data.

The sessions stand in for the team's own computers. By default (``--clients protocol``) they are browser-less
sessions (``bench/protocol_client.py``: the WebSocket messages and the upload a browser sends, nothing drawn),
which leave the machine's cores to the service; a page takes from the rerun request to the end of its script run
with every element received. ``--clients browser`` runs 20 headless Chromium tabs instead, timed to the drawn
page, as ``bench_load.py`` does: on a 2-core machine they hold the load at 24-32 and compete with the service they
measure, so the service and the proxy start at ``nice`` -10 (:data:`SERVER_NICE`) when run as root.

Reports, per number of processes, p50 and p90 of the page times (all pages and per page), the pages seen, the
app processes' summed resident memory at the start and at the peak, and the machine's load average before the
run; then the p90 of 2 and 3 processes against 1. The service's logs of each run are kept in
``bench/results/serve-N.log``. Exit 1 when a page showed an exception, an upload was never
shown (``bench_load.py``: that session stops, the run goes on) or a session saw data that is not its own.

    python bench/bench_serve.py                      # browser-less sessions, human-readable
    python bench/bench_serve.py --clients browser    # headless Chromium sessions
    python bench/bench_serve.py --json               # one JSON object
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "tests"), str(HERE.parent / "tests" / "e2e")]

from bench_load import DURATION_S, SESSIONS, UPLOADERS, load, own_files, percentiles
from bench_sessions import rss_mb
from harness import ROOT, free_port

from deploy.serve import healthy, serve_command

REPLICAS = (1, 2, 3)
LOGS = ROOT / "bench" / "results"  # the service's JSON logs of each run, kept for a look afterwards (not in git)
STARTUP_S = 180
SERVER_NICE = -10  # the service ahead of the browsers that stand in for other computers (root only)


@contextlib.contextmanager
def postgres():
    """A PostgreSQL URL: ``JOURNEY_LENS_TEST_PG``, else the store tests' throw-away cluster (``tests/pg.py``)."""
    if os.environ.get("JOURNEY_LENS_TEST_PG"):
        yield os.environ["JOURNEY_LENS_TEST_PG"]
        return
    from pg import postgres_url

    with contextlib.contextmanager(postgres_url.__wrapped__)() as url:
        yield url


@contextlib.contextmanager
def served(replicas: int, store: str, log: Path):
    """``deploy.serve`` with ``replicas`` processes; (proxy URL, the app processes' pids) once the proxy answers."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(serve_command(replicas, port, sys.executable), cwd=ROOT, stdout=output,
                                   stderr=subprocess.STDOUT, env=dict(os.environ, JOURNEY_LENS_STORE=store),
                                   preexec_fn=_ahead if _can_go_ahead() else None)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_S
        try:
            while not healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"error: deploy.serve did not start; see {log}")
                time.sleep(0.5)
            events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
            yield url, [entry["pid"] for entry in events
                        if entry["event"] == "started" and entry["process"] != "proxy"]
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


def _can_go_ahead() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _ahead() -> None:
    os.setpriority(os.PRIO_PROCESS, 0, SERVER_NICE)


async def measure(url: str, pids: list[int], files: list[Path], clients: str) -> dict:
    """The 20-session load through the proxy at ``url``: page times and the app processes' summed memory."""
    report, start_mb, peak_mb = await load(url, lambda: sum(rss_mb(pid) for pid in pids), files, clients)
    return {**percentiles(report["times"]),
            "by_page": {name: percentiles(times) for name, times in sorted(report["by_page"].items())},
            "start_mb": round(start_mb), "peak_mb": round(peak_mb), "errors": report["errors"], "leaks": report["leaks"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--clients", choices=("protocol", "browser"), default="protocol",
                        help="browser-less sessions (default) or headless Chromium tabs")
    args = parser.parse_args(argv)
    runs = {}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers and the database on the way out
    LOGS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, postgres() as store:
        folder = Path(tmp)
        files = own_files(folder)
        for replicas in REPLICAS:
            load = round(os.getloadavg()[0], 2)
            with served(replicas, store, LOGS / f"serve-{replicas}.log") as (url, pids):
                runs[replicas] = {"load_before": load, **asyncio.run(measure(url, pids, files, args.clients))}
    one = runs[1]["p90_s"]
    result = {"sessions": SESSIONS, "uploaders": UPLOADERS, "clients": args.clients, "seconds": DURATION_S,
              "cores": os.cpu_count(),
              "server_nice": SERVER_NICE if _can_go_ahead() else 0,
              "runs": runs, "p90_ratio": {n: round(runs[n]["p90_s"] / one, 2) for n in REPLICAS if n != 1},
              "ok": not any(run["errors"] or run["leaks"] for run in runs.values())}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{SESSIONS} {args.clients} sessions for {DURATION_S} s through the proxy ({UPLOADERS} with a survey of "
              f"their own), "
              f"{result['cores']} cores, the service at nice {result['server_nice']}:")
        for replicas, run in runs.items():
            pages = ", ".join(f"{name} {page['p50_s']}/{page['p90_s']}" for name, page in run["by_page"].items())
            print(f"  {replicas} process(es), load {run['load_before']} before: {run['pages']} pages, "
                  f"p50 {run['p50_s']} s, p90 {run['p90_s']} s; per page p50/p90 s: {pages}; "
                  f"memory {run['start_mb']} MB at start, {run['peak_mb']} MB at the peak")
            for line in run["errors"] + run["leaks"]:
                print(f"    - {line}")
        print("  p90 against 1 process: " + ", ".join(f"{n} processes x{ratio}"
                                                        for n, ratio in result["p90_ratio"].items()))
        print("  " + ("OK" if result["ok"] else "FAILED"))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
