"""Fixtures shared by the test modules."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.pg import postgres_url  # noqa: F401  (a session fixture for the store tests)

# Charts are checked against the Vega-Lite schema while tests build them (the app skips the check).
os.environ["JOURNEY_LENS_CHECK_CHARTS"] = "1"
# Projects the tests create (in the app, the browser tests' server and the command line) go to a store of their
# own, never to the user's data folder.
os.environ.setdefault("JOURNEY_LENS_STORE", str(Path(tempfile.mkdtemp(prefix="journey-lens-tests-")) / "store.sqlite3"))

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: plain `python -m pytest` never calls it
def pytest_xdist_make_scheduler(config, log):
    """``make test``'s two workers (``-n 2 --dist loadscope``) take work in these units: all the browser tests
    (``tests/e2e``), one after another on one worker against one app server, and each other test file whole (its
    module fixtures built once). Two apps and two browsers at once starve each other on a 2-core machine; one
    browser test beside unit tests is the busy machine the browser tests are made for. (pytest-xdist's own
    ``loadgroup`` marks do not group tests under pytest 9.)"""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "tests/e2e" if path.startswith("tests/e2e/") else path

    return BrowserTestsTogether(config, log)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public exports in ``shared/data`` next to the repo clone.

    Tests that need them are skipped when the folder is missing, except on CI (``CI`` set),
    where the folder must be there and its absence fails the run.
    """
    if not SHARED_DATA.is_dir():
        reason = f"real-data folder {SHARED_DATA} not found; it is expected next to the repo clone"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return SHARED_DATA


@pytest.fixture(scope="session")
def prepared_file():
    """``prepared_file(path)``: a file loaded, its roles detected and prepared, as every page starts."""
    from tests.tables import prepared_path

    return prepared_path


@pytest.fixture(scope="session")
def run_cli():
    """``run_cli(*args, env=None)``: ``python -m analysis ARGS`` run as a user runs it (a process in the repo)."""
    def run(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], cwd=ROOT, capture_output=True,
                              text=True, env={**os.environ, **(env or {})}, timeout=timeout)
    return run


@pytest.fixture
def app_test():
    """A fresh session of the app run headless (Streamlit AppTest); see ``tests/apptest.py`` for its helpers."""
    from tests.apptest import new_app

    return new_app()


@pytest.fixture
def store_at(monkeypatch):
    """``store_at(location)``: point the app (run by AppTest in this process) at another store for one test."""
    from pages.ui import project

    def point(location: str) -> None:
        monkeypatch.setenv("JOURNEY_LENS_STORE", location)
        project.store.clear()
    yield point
    monkeypatch.undo()
    project.store.clear()
