"""Browser-test fixtures: the app on a free port, headless Chromium, and Streamlit-aware waits."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
STARTUP_TIMEOUT = 60
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def unavailable(reason: str) -> NoReturn:
    """Fail on CI, where every browser test must run; skip with the reason elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium_path() -> str:
    """Chromium from $CHROMIUM_PATH, else /usr/bin/chromium or the PATH; skip (fail on CI) if none."""
    chosen = os.environ.get("CHROMIUM_PATH")
    if chosen:
        if not Path(chosen).is_file():
            unavailable(f"CHROMIUM_PATH={chosen} is not a file")
        return chosen
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    unavailable("no Chromium found: install chromium (apt-get install chromium) or set CHROMIUM_PATH")


@pytest.fixture(scope="session")
def app_url():
    """Start ``streamlit run app.py`` on a free port, wait for its health check, stop it afterwards."""
    port = free_port()
    log = ROOT / ".pytest_cache" / "streamlit-e2e.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while True:
                if server.poll() is not None:
                    pytest.fail(f"streamlit exited with status {server.returncode}; see {log}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.read().strip() == b"ok":
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not answer {url}/_stcore/health within {STARTUP_TIMEOUT} s; see {log}")
                time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium (the system one; Playwright's bundled browsers are not needed)."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def tab(chromium):
    """A fresh browser tab (new session, so no state leaks between tests)."""
    context = chromium.new_context(viewport={"width": 1440, "height": 1000}, locale="en-US")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.fixture
def app(tab, app_url):
    """The running app in a fresh tab, with Streamlit-aware helpers."""
    return StreamlitPage(tab, app_url)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real-data fixtures in ../shared/data next to this clone."""
    if not SHARED_DATA.is_dir():
        unavailable(f"shared test data not found at {SHARED_DATA}")
    return SHARED_DATA


class StreamlitPage:
    """A browser tab on the app: open pages, wait for script runs, check for errors, take screenshots."""

    def __init__(self, page, url: str):
        self.page = page
        self.url = url

    def open(self, path: str = "") -> None:
        """Go to ``path`` (e.g. ``journey?lang=zh``) and wait for the page to finish running."""
        self.page.goto(f"{self.url}/{path}")
        self.wait()

    def wait(self) -> None:
        """Wait until the app is connected, has drawn a page title and its script run has finished."""
        page = self.page
        page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden")

    def title(self) -> str:
        """The page's h1."""
        return self.page.locator("h1").first.inner_text()

    def assert_no_exception(self) -> None:
        """Fail with the message of the first Streamlit exception box, if any is shown."""
        exceptions = self.page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, exceptions.first.inner_text()

    def screenshot(self, name: str) -> Path:
        """Save the whole page to tests/e2e/screenshots/<name>.png.

        Streamlit scrolls inside its main pane, so the viewport is stretched to the content first.
        """
        page = self.page
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        size = page.viewport_size
        height = page.evaluate('() => document.querySelector(\'[data-testid="stMain"]\').scrollHeight')
        page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
        page.wait_for_timeout(500)  # let charts and grids re-layout to the new size
        page.screenshot(path=str(path))
        page.set_viewport_size(size)
        return path
