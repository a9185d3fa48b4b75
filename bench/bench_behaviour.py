"""Behaviour benchmark: ``python -m analysis behaviour`` on ~45,700 events, as a fresh process.

Builds the log from the shared web-events sample (``../shared/data/clickstream``): the sample
repeated 10 times, each copy with new visitor ids (``<id>_<copy>``) and its times shifted by a
whole number of weeks, so there are ten times the visitors and sessions with the sample's
bots, events and gaps. Budget: 10 s for the whole process. Also checks the session count
against a pandas reference (bots dropped, 30-minute gap).

    python bench/bench_behaviour.py          # human-readable
    python bench/bench_behaviour.py --json   # one JSON object
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_ingest import parse_args, timed_command  # noqa: E402

SOURCE = HERE.parents[1] / "shared" / "data" / "clickstream" / "web_events_sample.csv"
COPIES = 10
BUDGET = 10.0
BOTS = "bot|crawl|spider|headless|externalhit"


def build_log(path: Path) -> pd.DataFrame:
    """Write the benchmark's events to ``path`` and return them."""
    sample = pd.read_csv(SOURCE, dtype=str, keep_default_na=False)
    times = pd.to_datetime(sample["timestamp"], utc=True)
    copies = []
    for copy in range(COPIES):
        part = sample.copy()
        part["client_id"] = part["client_id"] + f"_{copy}"
        part["timestamp"] = (times + pd.Timedelta(weeks=2 * copy)).dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        copies.append(part)
    big = pd.concat(copies, ignore_index=True)
    big.to_csv(path, index=False)
    return big


def reference_sessions(events: pd.DataFrame) -> int:
    """Sessions counted with pandas: human events, per visitor in time order, split after more than 30 minutes."""
    human = events[~events["user_agent"].str.contains(BOTS, case=False)].copy()
    human["t"] = pd.to_datetime(human["timestamp"], utc=True)
    human = human.sort_values(["client_id", "t"], kind="stable")
    new = human["client_id"].ne(human["client_id"].shift()) | (human["t"].diff() > pd.Timedelta(minutes=30))
    return int(new.sum())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv, SOURCE)
    if args is None:
        return 2
    seconds, found, events = timed_command(build_log, "events.csv", "behaviour")
    expected = reference_sessions(events)
    ok = seconds <= BUDGET and found["sessions"] == expected
    result = {"events": len(events), "seconds": round(seconds, 2), "budget_s": BUDGET, "sessions": found["sessions"],
              "reference_sessions": expected, "visitors": found["visitors"],
              "bounce_rate": found["bounce_rate"]["value"], "pages_per_session": found["pages_per_session"]["value"],
              "excluded": found["excluded"], "ok": ok}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"behaviour on {len(events):,} events, as a process: {seconds:.2f} s (budget {BUDGET:.0f} s); "
              f"{found['sessions']:,} sessions (pandas reference {expected:,}), {found['visitors']:,} visitors, "
              f"bounce {found['bounce_rate']['value']:.1f}%, pages per session "
              f"{found['pages_per_session']['value']:.2f}; set aside {found['excluded']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
