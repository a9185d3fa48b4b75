"""Projects in a real browser: an upload with a role and a stage fixed survives a refresh; a project published from
the command line opens read-only from its view link in a fresh browser with the same numbers; a tampered or
revoked link shows the friendly message; pins become a report whose injected script never runs."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from conftest import StreamlitPage
from harness import PATIENCE_MS, ROOT
from test_browser import ROLE, choose_in_cell, grid_row, ignore_column, uploader_input

pytestmark = pytest.mark.e2e

AIRLINE = "airline_passenger_satisfaction_sample.csv"


def project_token(app) -> str:
    return parse_qs(urlparse(app.page.url).query)["project"][0]


def publish(path, base_url: str, *extra: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "analysis", "publish", str(path), "--base-url", base_url, "--json",
                           *extra], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def tiles(page):
    return page.locator('[data-testid="stMetricValue"]')


def test_an_upload_with_a_role_and_a_stage_fixed_survives_a_refresh(app, shared_data):
    app.page.set_viewport_size({"width": 1440, "height": 2000})  # the cells' dropdowns open on screen
    app.open()
    uploader_input(app, 0).set_input_files(str(shared_data / AIRLINE))
    app.page.get_by_text(f"In use: {AIRLINE} (your upload)").wait_for()
    app.wait()
    token = project_token(app)
    ignore_column(app, "Inflight wifi service")
    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Journey").click()
    app.page.locator("h1", has_text="Journey").wait_for()
    app.wait()
    app.page.get_by_text("Stage map: which stage each touchpoint belongs to").click()
    stages = app.page.locator('[data-testid="stExpanderDetails"] [data-testid="stDataFrame"]').first
    row = grid_row(stages, 0, "Ease of Online booking")
    choose_in_cell(app, stages, 1, row, "Awareness")
    expect(stages.locator(f"#glide-cell-1-{row}")).to_have_text("Awareness")
    app.wait()
    before = tiles(app.page).all_inner_texts()
    assert before

    app.page.reload()
    app.wait()
    assert project_token(app) == token
    app.page.get_by_text(f"File: {AIRLINE}").wait_for()
    expect(tiles(app.page)).to_have_text(before)
    app.page.get_by_text("Stage map: which stage each touchpoint belongs to").click()
    stages = app.page.locator('[data-testid="stExpanderDetails"] [data-testid="stDataFrame"]').first
    expect(stages.locator(f"#glide-cell-1-{grid_row(stages, 0, 'Ease of Online booking')}")).to_have_text("Awareness")
    assert "Inflight wifi service" not in app.page.get_by_text("Lowest-rated touchpoint").text_content()
    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Data").click()
    app.page.locator("h1", has_text="Data").wait_for()
    app.wait()
    editor = app.page.locator('[data-testid="stTabPanel"]').first.locator('[data-testid="stDataFrame"]').nth(0)
    expect(editor.locator(f"#glide-cell-{ROLE}-{grid_row(editor, 0, 'Inflight wifi service')}")).to_have_text("ignore")
    app.assert_no_exception()


def test_a_published_project_opens_read_only_from_its_view_link(app, chromium, shared_data):
    links = publish(shared_data / AIRLINE, app.url, "--project", "Published for stakeholders")
    assert links["dataset_version"] == 1 and links["view_url"] and links["edit_url"]
    editor = chromium.new_context(viewport={"width": 1440, "height": 1000}, locale="en-US").new_page()
    editor.set_default_timeout(PATIENCE_MS)
    StreamlitPage(editor, app.url).visit(links["edit_url"])
    editor.get_by_text(f"In use: {AIRLINE} (your upload)").wait_for()
    tiles(editor).first.wait_for()
    expected = tiles(editor).all_inner_texts()
    editor.context.close()

    app.visit(links["view_url"])
    app.page.get_by_text(f"In use: {AIRLINE} (your upload)").wait_for()
    expect(tiles(app.page)).to_have_text(expected)
    sidebar = app.page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("Read-only view")).to_be_visible()
    expect(app.page.locator('[data-testid="stFileUploader"]')).to_have_count(0)
    expect(app.page.get_by_role("button", name="Reset to detected roles")).to_have_count(0)
    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Personas").click()
    app.page.locator("h1", has_text="Personas").wait_for()
    app.wait()
    app.page.get_by_role("heading", name="Who they are").wait_for()
    expect(app.page.locator('[class*="st-key-personas_names_"] input')).to_have_count(0)
    expect(app.page.get_by_role("button", name="Pin", exact=True)).to_have_count(0)
    app.assert_no_exception()


def test_a_tampered_or_revoked_link_shows_the_friendly_message(app, shared_data):
    links = publish(shared_data / AIRLINE, app.url, "--project", "Revoked soon")
    token = parse_qs(urlparse(links["view_url"]).query)["project"][0]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    app.visit(f"{app.url}/?project={tampered}")
    expect(app.page.locator("h1")).to_have_text("This link does not open a project")
    expect(app.page.locator('[data-testid="stMetric"]')).to_have_count(0)
    done = subprocess.run([sys.executable, "-m", "analysis", "links", "Revoked soon", "--revoke", "view"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    app.visit(links["view_url"])
    expect(app.page.locator("h1")).to_have_text("This link does not open a project")
    expect(app.page.locator('[data-testid="stDataFrame"]')).to_have_count(0)
    app.assert_no_exception()


def test_pinned_charts_make_a_report_whose_script_never_runs(app, tmp_path):
    app.open("journey")
    pin = app.page.get_by_role("button", name="Pin", exact=True).first
    pin.click()
    app.page.get_by_label("Your note").fill("Where they leave <script>window.injected = 1</script>")
    app.page.get_by_role("button", name="Pin to the report").press("Enter")  # the popover may open below the fold
    app.page.get_by_text("Pinned to the report.").wait_for()
    app.wait()
    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Report").click()
    app.page.locator("h1", has_text="Report").wait_for()
    app.wait()
    expect(app.page.get_by_text("Where they leave <script>window.injected = 1</script>")).to_be_visible()
    expect(app.page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(1)
    app.steady()
    with app.page.expect_download() as download:
        app.page.get_by_role("button", name="Download the report (HTML)").click()
    path = tmp_path / "report.html"
    path.write_bytes(open(download.value.path(), "rb").read())
    report = app.page.context.new_page()
    report.goto(path.as_uri())
    expect(report.locator("svg").first).to_be_visible()
    expect(report.get_by_text(re.compile(r"Where they leave <script>"))).to_be_visible()
    assert report.evaluate("() => window.injected === undefined")
    report.close()
    app.assert_no_exception()
