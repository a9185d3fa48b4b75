"""Load benchmark: 20 browser sessions at once for two minutes, each seeing only its own data.

Starts the app (``python -m pages.ui.serve``, with a store of its own in a temporary folder) and opens
20 headless Chromium sessions at the same time. Five of them upload a survey of their own (the
bundled sample cut to a different number of rows, so each file's row count tells it apart); the
others work on the bundled sample. For two minutes every session goes round Data, Journey,
Compare and Personas through the sidebar, timing each page from the click to the end of its
script run, and on every Data visit checks that the page names its own file and shows its own
row count (a session that saw another's data would show another count).

Reports p50 and p90 of the page times, the pages seen, the server's resident memory at the start
and at the peak and the peak's extra memory per session. A session whose upload is not shown within
``UPLOAD_WAIT_S`` (or whose page does not come within ``TIMEOUT_MS``) stops with an error and the
others go on. Exit 1 when a page showed an exception, an upload was never shown, a session saw
data that is not its own, or p50 is over budget.

    python bench/bench_load.py          # human-readable
    python bench/bench_load.py --json   # one JSON object
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import websockets

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "tests" / "e2e")]

from analysis.sample import sample_paths  # noqa: E402
from bench_ingest import parse_args  # noqa: E402
from bench_sessions import rss_mb, settle  # noqa: E402
from harness import CHROMIUM_ARGS, Unavailable, chromium_path, start_app, stop_app  # noqa: E402
from protocol_client import Session  # noqa: E402

SESSIONS = 20
UPLOADERS = 5
DURATION_S = 120
P50_BUDGET_S = 15.0
TIMEOUT_MS = 600_000
UPLOAD_WAIT_S = 180  # an upload not shown by then is an error of its session, which stops there
PAGES = ("Journey", "Compare", "Personas", "Data")
READ = re.compile(r"^Read .+: [\d,]+ rows$")  # the Data page's line with the file's row count


def own_files(folder: Path) -> list[Path]:
    """One survey per uploading session: the sample's first 1,000 + 100 × i rows."""
    lines = sample_paths()["survey"].read_text(encoding="utf-8").splitlines()
    files = []
    for i in range(UPLOADERS):
        path = folder / f"survey_{i + 1}.csv"
        path.write_text("\n".join(lines[:1 + 1000 + 100 * i]) + "\n", encoding="utf-8")
        files.append(path)
    return files


async def analyst(browser, url: str, upload: Path | None, deadline: float, report: dict) -> None:
    """One session: upload its file (or keep the sample), then go round the pages until ``deadline``. A session
    whose upload is not shown within ``UPLOAD_WAIT_S``, or whose page does not come within ``TIMEOUT_MS``, stops
    there with an error in ``report`` (the other sessions go on and the report is still printed)."""
    from playwright.async_api import TimeoutError as PageTimeout

    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    expected = "sample" if upload is None else upload.name
    try:
        await page.goto(url)
        await settle(page)
        if upload is None or await choose_file(page, upload, report):
            await go_round(page, expected, deadline, report)
    except PageTimeout as err:
        report["errors"].append(f"{expected}: {err.message.splitlines()[0]}")
    finally:
        await context.close()


async def choose_file(page, upload: Path, report: dict) -> bool:
    """Choose ``upload`` in the Data page's first uploader and wait until the page says it is in use; False when it
    is not within ``UPLOAD_WAIT_S``, with "upload never shown" recorded in ``report``: what the uploader shows,
    whether the browser sent the upload request and the page's console errors and warnings meanwhile."""
    from playwright.async_api import TimeoutError as PageTimeout

    sent, console = [], []
    page.on("request", lambda request: sent.append(request.method) if "/_stcore/upload_file/" in request.url else None)
    page.on("console", lambda message: console.append(f"{message.type}: {message.text[:160]}")
            if message.type in ("error", "warning") else None)
    uploader = page.locator('[data-testid="stFileUploader"]').first
    await uploader.locator('input[type="file"]').set_input_files(str(upload))
    try:
        await page.get_by_text(f"In use: {upload.name} (your upload)").wait_for(timeout=UPLOAD_WAIT_S * 1000)
    except PageTimeout:
        shown = " ".join((await uploader.inner_text()).split())
        report["errors"].append(f"{upload.name}: upload never shown within {UPLOAD_WAIT_S} s; upload requests sent "
                                f"by the browser: {sent or 'none'}; the uploader shows {shown[:200]!r}; console: "
                                f"{console[-5:] or 'nothing'}")
        return False
    await settle(page)
    return True


async def go_round(page, expected: str, deadline: float, report: dict) -> None:
    """Journey, Compare, Personas and Data in turn until ``deadline``: each page's time, exceptions shown, and on
    Data whether the page names the session's own file with the row count it first showed."""
    rows = None
    while time.monotonic() < deadline:
        for name in PAGES:
            start = time.perf_counter()
            await page.locator('[data-testid="stSidebarNavLink"]', has_text=name).click()
            await page.locator("h1", has_text=name).wait_for(timeout=TIMEOUT_MS)
            await settle(page)
            timed(report, name, time.perf_counter() - start)
            if await page.locator('[data-testid="stException"]').count():
                report["errors"].append(f"{expected}: the {name} page showed an exception")
            if name == "Data":
                caption = await page.get_by_text(re.compile(r"^In use: ")).first.inner_text()
                shown = await page.get_by_text(READ).first.inner_text()
                rows = own_data(report, expected, caption, shown, rows)
    report["rows"][expected] = rows


def own_data(report: dict, expected: str, caption: str, shown: str, rows: str | None) -> str:
    """A Data visit's check: the page names the session's own file (``caption``, "In use: ...") and the row count it
    first showed (``shown`` against ``rows``, None on the first visit); a leak in ``report`` when not. The row count
    to check the next visit against."""
    rows = rows or shown
    if (expected != "sample" and expected not in caption) or shown != rows:
        report["leaks"].append(f"{expected}: saw {caption!r} with {shown!r} (first {rows!r})")
    return rows


async def protocol_analyst(url: str, upload: Path | None, deadline: float, report: dict) -> None:
    """``analyst`` without a browser (``protocol_client.Session``): the same upload, pages and checks, each page
    timed from the rerun request to the end of its script run with every element received."""
    expected = "sample" if upload is None else upload.name
    try:
        async with Session(url, TIMEOUT_MS / 1000) as session:
            await session.run()
            if upload is not None:
                data = await session.run("Data")
                shown = await session.upload(data.uploaders[0], upload)
                if f"In use: {upload.name} (your upload)" not in map(unescaped, shown.texts):
                    report["errors"].append(f"{upload.name}: the upload was not shown in use; the page showed "
                                            f"{[text for text in map(unescaped, shown.texts) if 'In use' in text]}")
                    return
            rows = None
            while time.monotonic() < deadline:
                for name in PAGES:
                    start = time.perf_counter()
                    run = await session.run(name)
                    timed(report, name, time.perf_counter() - start)
                    if run.exception:
                        report["errors"].append(f"{expected}: the {name} page showed an exception")
                    if name == "Data":
                        texts = list(map(unescaped, run.texts))
                        caption = next((text for text in texts if text.startswith("In use: ")), "")
                        shown = next((text for text in texts if READ.match(text)), "")
                        rows = own_data(report, expected, caption, shown, rows)
            report["rows"][expected] = rows
    except (TimeoutError, OSError, websockets.WebSocketException) as err:
        report["errors"].append(f"{expected}: {type(err).__name__}: {err}")


def unescaped(text: str) -> str:
    """A text of the page as people read it: Markdown's backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", text)


def timed(report: dict, name: str, seconds: float) -> None:
    report["times"].append(seconds)
    report["by_page"].setdefault(name, []).append(seconds)


async def load(url: str, memory_mb, files: list[Path], clients: str = "browser") -> tuple[dict, float, float]:
    """The sessions against ``url`` (``clients``: "browser", headless Chromium, or "protocol", browser-less
    sessions): their report (page times, overall and per page, exceptions, leaks, rows seen) and the server's
    ``memory_mb()`` at the start and at its peak."""
    report = {"times": [], "by_page": {}, "errors": [], "leaks": [], "rows": {}}
    start_mb = memory_mb()
    peak = [start_mb]

    async def watch():
        while True:
            peak.append(memory_mb())
            await asyncio.sleep(2)

    watcher = asyncio.create_task(watch())
    if clients == "protocol":
        deadline = time.monotonic() + DURATION_S
        await asyncio.gather(*(protocol_analyst(url, files[i] if i < UPLOADERS else None, deadline, report)
                               for i in range(SESSIONS)))
    else:
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            deadline = time.monotonic() + DURATION_S
            await asyncio.gather(*(analyst(browser, url, files[i] if i < UPLOADERS else None, deadline, report)
                                   for i in range(SESSIONS)))
            await browser.close()
    watcher.cancel()
    # Each uploaded file has its own row count (an upload that never reached the Data page saw no data at all).
    distinct = {name: rows for name, rows in report["rows"].items() if name != "sample" and rows is not None}
    if len(set(distinct.values())) != len(distinct):
        report["leaks"].append(f"uploads showed the same row counts: {distinct}")
    return report, start_mb, max(peak)


def percentiles(times: list[float]) -> dict:
    """The number of pages timed, p50 and p90 of their times."""
    ordered = sorted(times)
    return {"pages": len(ordered), "p50_s": round(statistics.median(ordered), 2),
            "p90_s": round(ordered[round(0.9 * (len(ordered) - 1))], 2)}


async def measure(url: str, pid: int, files: list[Path]) -> dict:
    report, start_mb, peak_mb = await load(url, lambda: rss_mb(pid), files)
    return {"sessions": SESSIONS, "uploaders": UPLOADERS, "seconds": DURATION_S, **percentiles(report["times"]),
            "start_mb": round(start_mb), "peak_mb": round(peak_mb),
            "mb_per_session": round((peak_mb - start_mb) / SESSIONS, 1),
            "errors": report["errors"], "leaks": report["leaks"], "rows_seen": report["rows"]}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__, argv)
    if args is None:
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["JOURNEY_LENS_STORE"] = str(folder / "store.sqlite3")
        files = own_files(folder)
        with (folder / "streamlit.log").open("wb") as log:
            try:
                server, url = start_app(log)
                try:
                    result = asyncio.run(measure(url, server.pid, files))
                finally:
                    stop_app(server)
            except Unavailable as err:
                raise SystemExit(f"error: {err}.") from None
    result.update(p50_budget_s=P50_BUDGET_S,
                  ok=not result["errors"] and not result["leaks"] and result["p50_s"] <= P50_BUDGET_S)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{SESSIONS} sessions for {DURATION_S} s ({UPLOADERS} with a survey of their own): {result['pages']} "
              f"pages, p50 {result['p50_s']} s, p90 {result['p90_s']} s (budget p50 <= {P50_BUDGET_S} s)")
        print(f"  server memory {result['start_mb']} MB at start, {result['peak_mb']} MB at the peak "
              f"({result['mb_per_session']} MB per session)")
        print(f"  exceptions: {len(result['errors'])}; sessions that saw other data: {len(result['leaks'])}")
        for line in result["errors"] + result["leaks"]:
            print(f"  - {line}")
        print("  " + ("OK" if result["ok"] else "FAILED"))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
