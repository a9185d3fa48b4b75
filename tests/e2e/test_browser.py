"""The app in a real browser: every page renders, uploads work, errors stay friendly, language switches."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PAGES = [("data", "", "Data"), ("journey", "journey", "Journey"), ("sentiment", "sentiment", "Sentiment"),
         ("personas", "personas", "Personas"), ("compare", "compare", "Compare"), ("report", "report", "Report")]


def uploader_input(app, index: int):
    return app.page.locator('[data-testid="stFileUploader"]').nth(index).locator('input[type="file"]')


def test_first_request_to_a_page_goes_through_the_app_shell(app):
    """Runs first on a fresh server: a `pages/` folder must not make Streamlit run a page bare."""
    app.open("journey")
    assert app.title() == "Journey"
    nav = app.page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Data" in nav and "common" not in nav
    app.page.get_by_text("Language").first.wait_for()
    app.assert_no_exception()


@pytest.mark.parametrize("name, path, title", PAGES, ids=[name for name, _, _ in PAGES])
def test_page_renders_without_exception(app, name, path, title):
    app.open(path)
    assert app.title() == title
    if name == "data":
        app.page.get_by_text("bundled sample project").wait_for()
        app.page.get_by_role("heading", name="Validation report").first.wait_for()
    elif name == "journey":
        app.page.get_by_text("Lowest-rated touchpoint").wait_for()
    else:
        app.page.get_by_text("Not built yet").wait_for()
    app.assert_no_exception()
    app.screenshot(name)


def test_upload_survey_shows_mapping_and_validation(app, shared_data):
    survey = shared_data / "airline_passenger_satisfaction_sample.csv"
    app.open()
    uploader_input(app, 0).set_input_files(str(survey))
    app.page.get_by_text(f"In use: {survey.name} (your upload)").wait_for()
    app.page.get_by_text(f"Read {survey.name}: 5,000 rows").wait_for()
    app.wait()
    panel = app.page.locator('[data-testid="stTabPanel"]').first
    assert panel.locator('[data-testid="stDataFrame"]').first.is_visible()
    assert panel.get_by_role("heading", name="Column roles").is_visible()
    assert panel.get_by_role("heading", name="Validation report").is_visible()
    assert panel.get_by_text("Rows used").is_visible()
    app.assert_no_exception()
    app.screenshot("data_uploaded")


def test_unreadable_upload_shows_a_friendly_error(app):
    app.open()
    uploader_input(app, 0).set_input_files(
        {"name": "photo.csv", "mimeType": "text/csv", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(64)})
    app.page.locator('[data-testid="stAlert"]').filter(has_text="photo.csv: this is a PNG image").wait_for()
    app.wait()
    app.assert_no_exception()
    app.screenshot("data_error")


def test_language_switch_translates_and_sticks_in_the_url(app):
    app.open()
    app.page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="简体中文").click()
    app.page.locator("h1", has_text="数据").wait_for()
    app.page.wait_for_url(re.compile(r"[?&]lang=zh"))
    app.page.get_by_text("尚未上传文件").wait_for()
    app.wait()
    app.assert_no_exception()
    app.screenshot("data_zh")

    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="旅程").click()
    app.page.locator("h1", has_text="旅程").wait_for()
    app.page.wait_for_url(re.compile(r"/journey\?(.*&)?lang=zh"))
    app.wait()
    app.assert_no_exception()

    app.page.goto(app.page.url)  # a shared link reopens in the same language
    app.wait()
    assert app.title() == "旅程"
    app.screenshot("journey_zh")


def test_mapping_edit_is_used_by_every_page(app):
    app.page.set_viewport_size({"width": 1440, "height": 2000})  # editor and its dropdown fully on screen
    app.open()
    editor = app.page.locator('[data-testid="stTabPanel"]').first.locator('[data-testid="stDataFrame"]').first
    row = editor.locator('[id^="glide-cell-0-"]', has_text="Inflight wifi service").get_attribute("id")
    row_index = int(row.rsplit("-", 1)[1])
    box = editor.bounding_box()
    app.page.mouse.click(box["x"] + 40, box["y"] + 52)  # first body cell
    app.page.keyboard.press("ArrowRight")
    for _ in range(row_index):
        app.page.keyboard.press("ArrowDown")
    app.page.keyboard.press("Enter")
    app.page.get_by_role("option", name="Ignore").click()
    expect(editor.locator(f"#glide-cell-1-{row_index}")).to_have_text("ignore")
    app.wait()

    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Journey").click()
    app.page.locator("h1", has_text="Journey").wait_for()
    app.wait()
    title = app.page.get_by_text("Lowest-rated touchpoint").text_content()
    assert "Inflight wifi service" not in title

    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Data").click()
    app.page.locator("h1", has_text="Data").wait_for()
    app.wait()
    expect(editor.locator(f"#glide-cell-1-{row_index}")).to_have_text("ignore")
    app.assert_no_exception()
