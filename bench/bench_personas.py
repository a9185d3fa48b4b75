"""Personas benchmark: ``personas --k auto`` on a 129,880-row survey, and how fast the Personas page follows k.

Builds the survey CSV exactly as ``bench_ingest.py`` does. Times, as a fresh process,
``python -m analysis personas FILE --k auto --json`` (budget 30 s). Then starts the app and, in headless
Chromium, opens the Personas page on the bundled sample as a first visitor does (budget: the cards
within 8 s of the click), uploads the file, opens the Personas page (k = auto: the k comparison and the
first fit, reported without a budget) and moves the k slider from 2 to 10, one step at a time. Each change is
timed in the browser from the key press to the end of the app's script run; budget: p50 under 1 s.

    python bench/bench_personas.py          # human-readable
    python bench/bench_personas.py --json   # one JSON object
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "e2e")]

from bench_ingest import ROWS, build_csv, parse_args  # noqa: E402
from bench_journey_filter import ELAPSED, FINISHED, RECORDER, TIMEOUT_MS, percentile, wait_idle  # noqa: E402
from harness import CHROMIUM_ARGS, Unavailable, chromium_path, start_app, stop_app  # noqa: E402

CLI_BUDGET = 30.0
K_BUDGET = 1.0
SAMPLE_BUDGET = 8.0
K_VALUES = range(2, 11)


def cli_seconds(csv: Path) -> tuple[float, dict]:
    """Wall-clock seconds of the ``personas --k auto --json`` process, and its output."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "analysis", "personas", str(csv), "--k", "auto", "--json"],
                          cwd=HERE.parent, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, json.loads(done.stdout)


def open_personas(page) -> float:
    """Seconds from a click on Personas to its cards, drawn and settled."""
    start = time.perf_counter()
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Personas").click()
    page.get_by_role("heading", name="Who they are").wait_for(timeout=TIMEOUT_MS)
    wait_idle(page)
    return time.perf_counter() - start


def measure(url: str, csv: Path) -> tuple[float, float, list[float]]:
    """Seconds to the first Personas page on the bundled sample, then on ``csv`` (k = auto), and per k change."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url)
        wait_idle(page)
        sample = open_personas(page)
        page.locator('[data-testid="stSidebarNavLink"]', has_text="Data").click()
        wait_idle(page)
        page.locator('[data-testid="stFileUploader"]').first.locator('input[type="file"]').set_input_files(str(csv))
        page.get_by_text(f"Read {csv.name}: {ROWS:,} rows").wait_for(timeout=TIMEOUT_MS)
        wait_idle(page)
        first = open_personas(page)
        page.evaluate(RECORDER)
        thumb = page.locator('.st-key-personas_k input[type="range"]')
        times = []
        for k in K_VALUES:
            thumb.focus()
            page.evaluate("() => { window.__ends = []; window.__key = performance.now(); }")
            page.keyboard.press("ArrowRight")
            page.wait_for_function(FINISHED, timeout=TIMEOUT_MS)
            times.append(page.evaluate(ELAPSED))
            wait_idle(page)
            page.get_by_text(f"Persona {k} · ").first.wait_for(timeout=TIMEOUT_MS)
        if page.locator('[data-testid="stException"]').count():
            raise SystemExit("error: the Personas page showed an exception: "
                             + page.locator('[data-testid="stException"]').first.inner_text()[:500])
        browser.close()
    return sample, first, times


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv)
    if args is None:
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "airline_survey_full.csv"
        build_csv(csv)
        cli, output = cli_seconds(csv)
        with (Path(tmp) / "streamlit.log").open("wb") as log:
            try:
                server, url = start_app(log)
                try:
                    sample, first, times = measure(url, csv)
                finally:
                    stop_app(server)
            except Unavailable as err:
                raise SystemExit(f"error: {err}.") from None
    p50, p90 = statistics.median(times), percentile(times, 0.9)
    ok = cli <= CLI_BUDGET and p50 <= K_BUDGET and sample <= SAMPLE_BUDGET
    result = {"rows": ROWS, "cli_auto_s": round(cli, 2), "cli_budget_s": CLI_BUDGET, "k_auto": output["k"],
              "sample_first_page_s": round(sample, 2), "sample_budget_s": SAMPLE_BUDGET,
              "first_page_s": round(first, 2), "k_changes": len(times), "seconds": [round(t, 3) for t in times],
              "p50_s": round(p50, 3), "p90_s": round(p90, 3), "budget_s": K_BUDGET, "ok": ok}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"personas --k auto, {ROWS:,} rows, as a process: {cli:.2f} s (k = {output['k']}; budget {CLI_BUDGET:.0f} s)")
        print(f"Personas page on the bundled sample, first visit: {sample:.2f} s (budget {SAMPLE_BUDGET:.0f} s)")
        print(f"Personas page first render (k comparison and fit): {first:.2f} s (reported, no budget)")
        print("k changes 2..10: " + ", ".join(f"{t:.2f}" for t in times))
        print(f"p50 {p50:.3f} s, p90 {p90:.3f} s (budget p50 {K_BUDGET} s): {'ok' if ok else 'OVER BUDGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
