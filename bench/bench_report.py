"""Report benchmark: a viewer opens the Report page of a project with hundreds of pins.

Builds a store in a temporary folder with one project holding 200 pins (and then 1,001), each the
journey-map chart of the bundled sample as the app pins it (Vega-Lite with its data inline) with a note,
starts the app on that store (``python -m pages.ui.serve``) and opens the project's view link on the Report
page in headless Chromium, timing from the request to the end of the page's script run, then the move to
the last page of pins. Budget: the Report with 200 pins done in under 3 s (before pins were shown a page at
a time, 1,001 pins took 33 s a run).

    python bench/bench_report.py          # human-readable
    python bench/bench_report.py --json   # one JSON object
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "tests" / "e2e")]

from bench_ingest import parse_args  # noqa: E402
from harness import CHROMIUM_ARGS, Unavailable, chromium_path, start_app, stop_app  # noqa: E402

PINS = (200, 1001)
BUDGET_S = 3.0
TIMEOUT_MS = 300_000
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def sample_chart() -> dict:
    """The journey-map chart of the bundled sample, as a pin keeps it."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(HERE.parent / "app.py"), default_timeout=120)
    app.switch_page("pages/storyboards/journey.py").run()
    chart = app.get("vega_lite_chart")[0].proto
    spec = json.loads(chart.spec)
    spec.pop("datasets", None)
    import pyarrow as pa

    datasets = {item.name: pa.ipc.open_stream(item.data.data).read_pandas() for item in chart.datasets}
    from analysis.pins import chart_payload

    return chart_payload(spec, datasets)


def build_project(count: int, payload: dict) -> str:
    """A project with ``count`` pins; returns its view token."""
    from analysis.pins import Pin
    from analysis.store import open_store

    opened = open_store().create_project(f"Report with {count} pins")
    for number in range(count):
        opened.add_pin(Pin("chart", f"Journey map {number + 1}", payload, f"Note {number + 1}", "journey"))
    return opened.create_links().view


def open_report(browser, url: str, token: str) -> tuple[float, float]:
    """Seconds to the Report page done, and to its last page of pins done."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    start = time.perf_counter()
    page.goto(f"{url}/report?project={token}")
    page.wait_for_selector("h1", timeout=TIMEOUT_MS)
    page.wait_for_selector(DONE, timeout=TIMEOUT_MS)
    first = time.perf_counter() - start
    box = page.locator(".st-key-report_page input")
    last_page = box.get_attribute("max") or "1"
    start = time.perf_counter()
    box.fill(last_page)
    box.press("Enter")
    page.wait_for_function(f"() => document.body.innerText.includes('Journey map {int(last_page) * 10 - 9}')",
                           timeout=TIMEOUT_MS)
    page.wait_for_selector(DONE, timeout=TIMEOUT_MS)
    last = time.perf_counter() - start
    page.close()
    return first, last


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv)
    if args is None:
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JOURNEY_LENS_STORE"] = str(Path(tmp) / "store.sqlite3")
        payload = sample_chart()
        tokens = {count: build_project(count, payload) for count in PINS}
        with (Path(tmp) / "streamlit.log").open("wb") as log:
            try:
                server, url = start_app(log)
            except Unavailable as err:
                raise SystemExit(f"error: {err}.") from None
            try:
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                    open_report(browser, url, tokens[PINS[0]])  # warm-up: the server's first page
                    result = {count: open_report(browser, url, tokens[count]) for count in PINS}
                    browser.close()
            finally:
                stop_app(server)
    ok = result[PINS[0]][0] <= BUDGET_S
    if args.json:
        print(json.dumps({"budget_s": BUDGET_S, "ok": ok, **{
            f"pins_{count}": {"report_s": round(first, 2), "last_page_s": round(last, 2)}
            for count, (first, last) in result.items()}}))
    else:
        for count, (first, last) in result.items():
            print(f"{count:,} pins: Report page done in {first:.2f} s, its last page in {last:.2f} s")
        print(f"budget: {PINS[0]} pins under {BUDGET_S} s: {'OK' if ok else 'OVER BUDGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
