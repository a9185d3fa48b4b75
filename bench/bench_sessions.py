"""Sessions benchmark: memory per session, memory once sessions close, and ten sessions at once.

Starts the app (``streamlit run app.py``) and drives it in headless Chromium:

1. **Memory per session.** For a ~15 MB survey (129,880 rows, the full airline survey) and a
   ~150 MB one (1,298,800 rows): one session uploads it, opens Journey and Compare, and the
   server's resident memory (``VmRSS``) is read before and after; the session then closes.
   Afterwards, the server's memory once every session has closed (its idle memory).
2. **Ten sessions at once.** Ten browser sessions open at the same time; two upload the 15 MB
   survey, eight work on the bundled sample; each opens Data, Journey and Compare through the
   sidebar. Each page is timed from the click to the end of its script run. Reports p50 and p90
   of those page times.

Budgets (exit 1 when over): idle memory after the sessions close under 2.5 GB (the size-bounded
cache keeps 1 GB of parsed and prepared tables by default, plus Python's own), and p50 of the
ten-session page times under 8 s on 2 shared cores.

    python bench/bench_sessions.py          # human-readable
    python bench/bench_sessions.py --json   # one JSON object
"""
from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "e2e")]

from bench_ingest import ROWS, build_csv, parse_args  # noqa: E402
from harness import CHROMIUM_ARGS, Unavailable, chromium_path, start_app, stop_app  # noqa: E402

IDLE_BUDGET_MB = 2560
P50_BUDGET_S = 8.0
SESSIONS = 10
UPLOADERS = 2
TIMEOUT_MS = 600_000
PAGES = ("Journey", "Compare", "Data")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


async def settle(page) -> None:
    """Wait until the page's script run is over and nothing is pending."""
    await page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=TIMEOUT_MS)
    await page.wait_for_selector("h1", timeout=TIMEOUT_MS)
    await page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    await page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden", timeout=TIMEOUT_MS)


async def session(browser, url: str, upload: Path | None) -> list[float]:
    """One analyst: open the app, upload (or keep the sample), then each page in turn; seconds per page."""
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    await page.goto(url)
    await settle(page)
    if upload is not None:
        await page.locator('[data-testid="stFileUploader"]').first.locator('input[type="file"]').set_input_files(
            str(upload))
        await page.get_by_text(f"In use: {upload.name} (your upload)").wait_for(timeout=TIMEOUT_MS)
        await settle(page)
    times = []
    for name in PAGES:
        start = time.perf_counter()
        await page.locator('[data-testid="stSidebarNavLink"]', has_text=name).click()
        await page.locator("h1", has_text=name).wait_for(timeout=TIMEOUT_MS)
        await settle(page)
        times.append(time.perf_counter() - start)
    if await page.locator('[data-testid="stException"]').count():
        raise SystemExit(f"error: the {name} page showed an exception")
    await context.close()
    return times


async def measure(url: str, pid: int, small: Path, large: Path) -> dict:
    from playwright.async_api import async_playwright

    result = {"start_mb": round(rss_mb(pid))}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for label, upload in (("15mb", small), ("150mb", large)):
            before = rss_mb(pid)
            await session(browser, url, upload)
            result[f"session_{label}_mb"] = round(rss_mb(pid) - before)
        start = time.perf_counter()
        runs = await asyncio.gather(*(session(browser, url, small if i < UPLOADERS else None)
                                      for i in range(SESSIONS)))
        result["ten_sessions_wall_s"] = round(time.perf_counter() - start, 1)
        await browser.close()
    times = [seconds for run in runs for seconds in run]
    result["ten_sessions_p50_s"] = round(statistics.median(times), 2)
    result["ten_sessions_p90_s"] = round(sorted(times)[round(0.9 * (len(times) - 1))], 2)
    await asyncio.sleep(20)  # the server forgets a closed session's state a few seconds after it disconnects
    result["idle_mb"] = round(rss_mb(pid))
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv)
    if args is None:
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "survey_15mb.csv", Path(tmp) / "survey_150mb.csv"
        build_csv(small)
        build_csv(large, rows=10 * ROWS)
        with (Path(tmp) / "streamlit.log").open("wb") as log:
            try:
                server, url = start_app(log)
                try:
                    result = asyncio.run(measure(url, server.pid, small, large))
                finally:
                    stop_app(server)
            except Unavailable as err:
                raise SystemExit(f"error: {err}.") from None
    result.update(idle_budget_mb=IDLE_BUDGET_MB, p50_budget_s=P50_BUDGET_S,
                  ok=result["idle_mb"] <= IDLE_BUDGET_MB and result["ten_sessions_p50_s"] <= P50_BUDGET_S)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"server memory at start {result['start_mb']} MB")
        print(f"  one session, 15 MB survey:  +{result['session_15mb_mb']} MB")
        print(f"  one session, 150 MB survey: +{result['session_150mb_mb']} MB")
        print(f"  {SESSIONS} sessions at once ({UPLOADERS} with the 15 MB survey): page p50 "
              f"{result['ten_sessions_p50_s']} s, p90 {result['ten_sessions_p90_s']} s, all done in "
              f"{result['ten_sessions_wall_s']} s (budget p50 <= {P50_BUDGET_S} s)")
        print(f"  idle after every session closed: {result['idle_mb']} MB (budget {IDLE_BUDGET_MB} MB): "
              + ("OK" if result["ok"] else "OVER BUDGET"))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
