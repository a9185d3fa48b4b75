"""Browser-test fixtures: the app on a free port, headless Chromium, and Streamlit-aware waits."""
from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from playwright.sync_api import expect

from harness import CHROMIUM_ARGS, PATIENCE_MS, Unavailable, chromium_path, served

# An expectation waits for the state it names (polling), never for a fixed time.
expect.set_options(timeout=PATIENCE_MS)

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def unavailable(reason: str) -> NoReturn:
    """Fail on CI, where every browser test must run; skip with the reason elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def serving(name: str):
    """A fixture's body: the app on a free port (its log in .pytest_cache/NAME.log) until the fixture ends."""
    try:
        with served(name) as url:
            yield url
    except Unavailable as err:
        pytest.fail(str(err))


@pytest.fixture(scope="session")
def app_url():
    """The app every browser test shares (each in a session of its own), started once and health-checked."""
    yield from serving("streamlit-e2e")


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium (the system one; Playwright's bundled browsers are not needed); skip (fail on CI) if none."""
    try:
        path = chromium_path()
    except Unavailable as err:
        unavailable(str(err))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# Counts the script runs the app finishes (its state leaves "running"), so a test can wait for the run that its
# own action started rather than for time; installed in every page before the app's own scripts.
RUN_COUNTER = """
window.__journeyLensRuns = 0;
new MutationObserver(records => {
    for (const record of records) {
        if (record.oldValue === 'running') window.__journeyLensRuns += 1;
    }
}).observe(document, {attributes: true, subtree: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""


@pytest.fixture
def tab(chromium):
    """A fresh browser tab (new session, so no state leaks between tests)."""
    context = chromium.new_context(viewport={"width": 1440, "height": 1000}, locale="en-US")
    context.add_init_script(RUN_COUNTER)
    context.set_default_timeout(PATIENCE_MS)  # this tab and any it opens
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def app(tab, app_url):
    """The running app in a fresh tab, with Streamlit-aware helpers."""
    return StreamlitPage(tab, app_url)


class StreamlitPage:
    """A browser tab on the app: open pages, wait for script runs, check for errors, take screenshots."""

    def __init__(self, page, url: str):
        self.page = page
        self.url = url

    def open(self, path: str = "") -> None:
        """Go to ``path`` (e.g. ``journey?lang=zh``) and wait for the page to finish running."""
        self.visit(f"{self.url}/{path}")

    def visit(self, url: str) -> None:
        """Go to ``url`` (a shared link, say) and wait for the app to draw it: the app's own signs of a finished run,
        not the browser's load event (on a busy machine one slow bundle or font fetch held that past any patience)."""
        self.page.goto(url, wait_until="commit")
        self.wait()

    def wait(self) -> None:
        """Wait until the app is connected, has drawn a page title and its script run has finished."""
        page = self.page
        page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden")

    def act(self, action) -> None:
        """Do ``action`` (a click or key press that makes the app run again) and wait until that run has finished:
        the state the test needs next, never a fixed time."""
        before = self.page.evaluate("() => window.__journeyLensRuns")
        action()
        self.page.wait_for_function(f"() => window.__journeyLensRuns > {before}")
        self.wait()

    def steady(self) -> None:
        """Wait until the page stops growing (charts are drawn after the script run ends and push the page down,
        and a dropdown that is open while the page moves closes itself)."""
        self.page.wait_for_function(
            """() => {
                const height = document.querySelector('[data-testid="stMain"]').scrollHeight;
                const same = window.__journeyLensHeight === height;
                window.__journeyLensHeight = height;
                return same;
            }""", polling=500)

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
