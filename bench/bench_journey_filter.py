"""Journey filter benchmark: how long after a sidebar filter change is the Journey page done?

Builds the 129,880-row survey CSV exactly as ``bench_ingest.py`` does, starts the app
(``python -m pages.ui.serve`` on a free port, as ``make run`` does), uploads the file on the Data page in headless
Chromium, opens the Journey page and changes the segment filter 10 times, each time to a
filter state not seen before (so every change computes afresh: nothing comes from a cache).

Each change is timed in the browser, from the click that picks a value to the moment the
app's script run has finished (``data-test-script-state`` back to ``notRunning``). Prints
every time, then p50 and p90; exits 1 when p50 is over the budget (1.0 s). Also reports the first
render: from the upload to the Data page done, and from the click on Journey to the Journey page done.

    python bench/bench_journey_filter.py          # human-readable
    python bench/bench_journey_filter.py --json   # one JSON object
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "e2e")]

from bench_ingest import ROWS, build_csv, parse_args  # noqa: E402
from harness import CHROMIUM_ARGS, Unavailable, chromium_path, start_app, stop_app  # noqa: E402

BUDGET = 1.0
CHANGES = 10
TIMEOUT_MS = 120_000
# (segment column, value to add): each step adds one value, so every filter state is new.
# Adding a segment column is set-up, not timed; the earlier columns' filters stay (segments combine).
STEPS = [("Class", "Business"), ("Class", "Eco"), ("Class", "Eco Plus"),
         ("Type of Travel", "Business travel"), ("Type of Travel", "Personal Travel"),
         ("Customer Type", "Loyal Customer"), ("Customer Type", "disloyal Customer"),
         ("Gender", "Female"), ("Gender", "Male"), ("Split", "test")]  # columns by their short labels
# Records, in the page, when each script run ends (a change away from "running") and when the
# pointer last went down. Mutation records keep the old value, so no short run is missed.
RECORDER = """() => {
  window.__ends = [];
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) if (record.oldValue === 'running') window.__ends.push(now);
  }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
  document.addEventListener('pointerdown', () => { window.__key = performance.now(); }, true);
}"""
FINISHED = """() => window.__key !== undefined && window.__ends.some((at) => at >= window.__key) &&
  document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state') === 'notRunning'"""
ELAPSED = """() => (Math.max(...window.__ends.filter((at) => at >= window.__key)) - window.__key) / 1000"""


def wait_idle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden", timeout=TIMEOUT_MS)


def values_box(page, column: str):
    """The sidebar multiselect that keeps values of the segment column ``column``."""
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]', has_text=f"Keep {column}")


def pick_segment(page, column: str) -> None:
    """Add the segment column in the sidebar (set-up, not timed); earlier segment filters stay."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    option = page.get_by_role("option", name=column, exact=True)
    open_options(page, sidebar.locator('[class*="st-key-filter_seg__"] input'), option)
    option.click()
    page.keyboard.press("Escape")
    values_box(page, column).wait_for(timeout=TIMEOUT_MS)
    wait_idle(page)


def open_options(page, box, option) -> None:
    """Open a multiselect's list until ``option`` shows (a click that lands during a rerun is lost)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(5):
        box.click()
        try:
            option.wait_for(timeout=TIMEOUT_MS // 10)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            wait_idle(page)
    option.wait_for(timeout=TIMEOUT_MS)


def add_value(page, column: str, value: str) -> float:
    """Add one value to the segment filter of ``column``; seconds from the click to the end of the rerun."""
    option = page.get_by_role("option", name=value, exact=True)
    open_options(page, values_box(page, column).locator("input"), option)
    page.evaluate("() => { window.__ends = []; window.__key = undefined; }")
    option.click()
    page.wait_for_function(FINISHED, timeout=TIMEOUT_MS)
    seconds = page.evaluate(ELAPSED)
    page.keyboard.press("Escape")
    wait_idle(page)
    return seconds


def measure(url: str, csv: Path) -> tuple[list[float], list[str], dict[str, float]]:
    """Filter-change times and notes, and the first render: seconds from the upload to the Data page done and
    from the click on Journey to the Journey page done."""
    import time

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url)
        wait_idle(page)
        start = time.perf_counter()
        page.locator('[data-testid="stFileUploader"]').first.locator('input[type="file"]').set_input_files(str(csv))
        page.get_by_text(f"Read {csv.name}: {ROWS:,} rows").wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("heading", name="Validation report").first.wait_for(timeout=TIMEOUT_MS)
        wait_idle(page)
        first = {"upload_to_data_s": time.perf_counter() - start}
        start = time.perf_counter()
        page.locator('[data-testid="stSidebarNavLink"]', has_text="Journey").click()
        page.locator("h1", has_text="Journey").wait_for()
        page.get_by_text("Customers are least happy at").wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("heading", name="Trend over time").wait_for(timeout=TIMEOUT_MS)
        wait_idle(page)
        first["journey_s"] = time.perf_counter() - start
        page.evaluate(RECORDER)
        times, notes = [], []
        column = None
        for segment, value in STEPS[:CHANGES]:
            if segment != column:
                pick_segment(page, segment)
                column = segment
            times.append(add_value(page, segment, value))
            notes.append(page.locator('[data-testid="stSidebar"]').get_by_text("Filtered:").inner_text())
        if page.locator('[data-testid="stException"]').count():
            raise SystemExit("error: the Journey page showed an exception: "
                             + page.locator('[data-testid="stException"]').first.inner_text()[:500])
        browser.close()
    return times, notes, first


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv)
    if args is None:
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "airline_survey_full.csv"
        build_csv(csv)
        with (Path(tmp) / "streamlit.log").open("wb") as log:
            try:
                server, url = start_app(log)
                try:
                    times, notes, first = measure(url, csv)
                finally:
                    stop_app(server)
            except Unavailable as err:
                raise SystemExit(f"error: {err}.") from None

    p50, p90 = statistics.median(times), percentile(times, 0.9)
    result = {"rows": ROWS, "changes": len(times), "seconds": [round(t, 3) for t in times],
              "p50_s": round(p50, 3), "p90_s": round(p90, 3), "budget_s": BUDGET, "ok": p50 <= BUDGET,
              **{name: round(seconds, 3) for name, seconds in first.items()}}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"First render, {ROWS:,}-row survey: upload to Data page done {first['upload_to_data_s']:.2f} s, "
              f"Journey page done {first['journey_s']:.2f} s (reported, no budget)")
        print(f"Journey page, {ROWS:,}-row survey: {len(times)} sidebar filter changes, each a new filter state")
        for (segment, value), seconds, note in zip(STEPS, times, notes):
            print(f"  {segment + ' += ' + value:<36} {seconds:6.3f} s   ({note})")
        verdict = "OK" if result["ok"] else "OVER BUDGET"
        print(f"  p50 {p50:.3f} s, p90 {p90:.3f} s (budget p50 <= {BUDGET} s): {verdict}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
