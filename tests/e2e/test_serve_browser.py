"""Serving a team, in a real browser: two app processes over one PostgreSQL store behind HAProxy, started by the
command ``make serve``, the Dockerfile and the compose file run (``deploy.serve``). The process serving the browser
is killed (SIGKILL) in the middle of a session; the browser carries on through the proxy on another process, with
its project, its mapping edit and its pin (a click in the sidebar stays on the project, no reload needed), and no
log line carries the file's contents or the project's token."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import StreamlitPage
from harness import ROOT, free_port
from playwright.sync_api import expect
from test_browser import ROLE, grid_row, ignore_column, uploader_input
from test_projects_browser import AIRLINE, project_token
from test_state_browser import go_to

from deploy.serve import healthy, serve_command

pytestmark = pytest.mark.e2e

COOKIE = "JOURNEY_LENS_REPLICA"
NOTE = "Team note: wifi is where they leave"
STARTUP_S = 180


def log_events(path) -> list[dict]:
    """Every line the service logged, each of which must be one JSON object."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture
def service(postgres_url, tmp_path):
    """``python -m deploy.serve --replicas 2 --port P`` over the test's PostgreSQL; (url, its log) once the proxy
    answers; stopped by SIGTERM afterwards, which must leave no process behind."""
    port = free_port()
    log = ROOT / ".pytest_cache" / "serve-e2e.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(serve_command(2, port, sys.executable), cwd=ROOT, stdout=output,
                                   stderr=subprocess.STDOUT, env=dict(os.environ, JOURNEY_LENS_STORE=postgres_url,
                                                                      JOURNEY_LENS_RETENTION_DAYS="3650"))
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_S
        while not healthy(url):
            assert process.poll() is None, f"deploy.serve exited with {process.returncode}; see {log}"
            assert time.monotonic() < deadline, f"the proxy did not answer within {STARTUP_S} s; see {log}"
            time.sleep(0.5)
        try:
            yield url, log
        finally:
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 0
    pids = [entry["pid"] for entry in log_events(log) if entry["event"] == "started"]
    assert pids and not [pid for pid in pids if alive(pid)], "a process outlived deploy.serve"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def serving(app) -> str:
    """The app process the proxy keeps this browser on (its stickiness cookie)."""
    return next(cookie["value"] for cookie in app.page.context.cookies() if cookie["name"] == COOKIE)


def test_a_browser_keeps_its_project_when_its_process_is_killed(service, tab, shared_data, tmp_path):
    url, log = service
    app = StreamlitPage(tab, url)
    app.page.set_default_timeout(90_000)
    app.page.set_viewport_size({"width": 1440, "height": 2000})  # the cells' dropdowns open on screen
    lines = (shared_data / AIRLINE).read_text(encoding="utf-8").splitlines()
    survey = tmp_path / AIRLINE
    survey.write_text("\n".join(lines[:401]) + "\n", encoding="utf-8")  # 400 responses: small and quick

    app.open()
    uploader_input(app, 0).set_input_files(str(survey))
    app.page.get_by_text(f"In use: {AIRLINE} (your upload)").wait_for()
    app.wait()
    token = project_token(app)
    ignore_column(app, "Inflight wifi service")
    go_to(app, "Journey")
    app.page.get_by_role("button", name="Pin", exact=True).first.click()
    app.page.get_by_label("Your note").fill(NOTE)
    app.page.get_by_role("button", name="Pin to the report").press("Enter")
    app.page.get_by_text("Pinned to the report.").wait_for()
    app.wait()

    first = serving(app)
    killed = [entry["pid"] for entry in log_events(log) if entry["event"] == "started" and entry["process"] == first][-1]
    runs = app.page.evaluate("() => window.__journeyLensRuns")
    os.kill(killed, signal.SIGKILL)
    # The browser notices and reconnects through the proxy, which sends it to a process that answers and moves
    # its cookie there. The fresh session there runs the page at once with the page's address (the project's link),
    # so a click in the sidebar, which sends no address, stays on the project: no reload needed.
    deadline = time.monotonic() + 90
    while serving(app) == first:
        assert time.monotonic() < deadline, "the proxy did not move the browser to another process"
        time.sleep(0.2)
    app.page.wait_for_function(f"() => window.__journeyLensRuns > {runs}")
    app.wait()
    go_to(app, "Report")
    assert project_token(app) == token
    expect(app.page.get_by_text(NOTE)).to_be_visible()
    app.screenshot("serve_failover_report")
    go_to(app, "Data")
    app.page.get_by_text(f"In use: {AIRLINE} (your upload)").wait_for()
    editor = app.page.locator('[data-testid="stTabPanel"]').first.locator('[data-testid="stDataFrame"]').nth(0)
    expect(editor.locator(f"#glide-cell-{ROLE}-{grid_row(editor, 0, 'Inflight wifi service')}")).to_have_text("ignore")
    app.page.reload()  # and the link reopens it too
    app.wait()
    assert project_token(app) == token
    app.page.get_by_text(f"In use: {AIRLINE} (your upload)").wait_for()
    app.assert_no_exception()

    events = log_events(log)
    assert {"process exited"} <= {entry["event"] for entry in events}
    assert any(entry["source"] == "proxy" and entry["replica"] != first for entry in events)
    swept = [entry for entry in events if entry["event"].startswith("retention: removed")]
    assert {entry["replica"] for entry in swept} >= {"r1", "r2"}  # each process sweeps in the background
    assert {(entry["removed"], entry["days"]) for entry in swept} == {(0, 3650)}
    text = log.read_text(encoding="utf-8")
    assert token not in text and NOTE not in text and "Inflight wifi" not in text and lines[1] not in text
