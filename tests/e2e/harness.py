"""Running the app for a browser: start it (``python -m pages.ui.serve``, ``streamlit run app.py`` as ``make run``
does), find Chromium, stop the app.

Plain Python (no pytest), shared by the browser tests (``conftest.py``) and the Journey
filter benchmark (``bench/bench_journey_filter.py``); each turns :class:`Unavailable` into its
own way of failing.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 60
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# How long a browser test waits for a state before it fails: on a busy 2-core machine a rerun with a large file can
# take a minute, far longer than Playwright's default 5 s. The wait only costs time when a test fails.
PATIENCE_MS = 90_000


class Unavailable(Exception):
    """Something a browser run needs is missing or did not start; the message says what."""


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium_path() -> str:
    """Chromium from $CHROMIUM_PATH, else /usr/bin/chromium or the PATH."""
    chosen = os.environ.get("CHROMIUM_PATH")
    if chosen:
        if not Path(chosen).is_file():
            raise Unavailable(f"CHROMIUM_PATH={chosen} is not a file")
        return chosen
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    raise Unavailable("no Chromium found: install chromium (apt-get install chromium) or set CHROMIUM_PATH")


def start_app(log: BinaryIO) -> tuple[subprocess.Popen, str]:
    """The app on a free port (``python -m pages.ui.serve``), its output to ``log``; returns once its health check
    answers."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pages.ui.serve", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if server.poll() is not None:
            raise Unavailable(f"streamlit exited with status {server.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return server, url
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop_app(server)
            raise Unavailable(f"streamlit did not answer {url}/_stcore/health within {STARTUP_TIMEOUT} s; "
                              f"see {log.name}")
        time.sleep(0.5)


def stop_app(server: subprocess.Popen) -> None:
    """Stop the app: politely, then for good after 10 s."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextmanager
def served(name: str):
    """The app on a free port while the block runs, its output in .pytest_cache/NAME.log; yields its URL."""
    log = ROOT / ".pytest_cache" / f"{name}.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("wb") as output:
        server, url = start_app(output)
        try:
            yield url
        finally:
            stop_app(server)
