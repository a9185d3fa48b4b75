"""The app in a real browser: every page renders, uploads work, errors stay friendly, language switches,
sidebar filters narrow every chart and live in the URL, and Compare tests two groups."""
from __future__ import annotations

import io
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
        app.page.get_by_text("Customers are least happy at Purchase (46/100)").wait_for()
        app.page.get_by_text("Lowest-rated touchpoint").wait_for()
    elif name == "compare":
        app.page.get_by_text("metrics differs significantly between 'Female' and 'Male'").wait_for()
    elif name == "sentiment":
        app.page.get_by_role("heading", name="In their words").wait_for()
    elif name == "personas":
        app.page.get_by_role("heading", name="Who they are").wait_for()
    else:
        app.page.get_by_text("Nothing is pinned yet.").wait_for()
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

    app.visit(app.page.url)  # a shared link reopens in the same language
    assert app.title() == "旅程"
    app.screenshot("journey_zh")


def grid_row(editor, column: int, text: str) -> int:
    """Row number of the first row of a data grid whose cell in ``column`` reads ``text``.

    Found in the grid's accessibility table (``#glide-cell-<col>-<row>``), which lists the rows it draws.
    """
    cell_id = editor.locator(f'[id^="glide-cell-{column}-"]', has_text=text).first.get_attribute("id")
    return int(cell_id.rsplit("-", 1)[1])


def choose_in_cell(app, editor, column: int, row: int, option: str) -> None:
    """Pick ``option`` in the select cell (column, row) of a data editor, without pixel positions.

    The grid's accessibility table has one focusable element per drawn cell. The first focus that
    enters the grid selects its first cell; focusing a cell once the grid has focus selects that cell.
    Enter then opens the cell's editor, a list that filters as one types: the option's name typed and
    Enter pressed pick it with the keyboard alone (a click could land where the list was before it
    placed itself on a busy machine, and leave the cell unchanged). ``option`` differs from the cell's
    value, so the pick makes the app run again; this returns once that run has finished (a test that
    went on to another page at once could stop the run that keeps the edit).
    """
    cell = editor.locator(f"#glide-cell-{column}-{row}")
    cell.focus()
    expect(editor.locator('td[aria-selected="true"]')).to_have_count(1)  # the grid has focus and a selection
    cell.focus()
    expect(cell).to_have_attribute("aria-selected", "true")
    app.page.keyboard.press("Enter")
    expect(app.page.get_by_role("option", name=option, exact=True)).to_be_visible()
    app.page.keyboard.type(option)
    expect(app.page.get_by_role("option")).to_have_count(1)  # filtered down to the option (names are distinct)
    app.act(lambda: app.page.keyboard.press("Enter"))


ROLE = 2  # the role editor's columns: column, short label, role, ...


def ignore_column(app, column: str):
    """Set ``column``'s role to Ignore in the survey's role editor on the Data page and wait for the run that uses
    it; returns the editor and the column's row in it."""
    panel = app.page.locator('[data-testid="stTabPanel"]').first
    editor, validation = (panel.locator('[data-testid="stDataFrame"]').nth(i) for i in (0, 1))
    app.steady()  # a cell's list closes itself if the page moves under it
    row = grid_row(editor, 0, column)
    expect(editor.locator(f"#glide-cell-{ROLE}-{row}")).to_have_text("touchpoint")
    choose_in_cell(app, editor, ROLE, row, "Ignore")
    expect(editor.locator(f"#glide-cell-{ROLE}-{row}")).to_have_text("ignore")
    # The Data page has run with the edit once an ignored column is no longer validated.
    expect(validation.locator('[id^="glide-cell-0-"]', has_text=column)).to_have_count(0)
    app.wait()
    return editor, row


def test_mapping_edit_is_used_by_every_page(app):
    """Setting a touchpoint's role to Ignore on the Data page takes it out of the Journey page, and the
    edit is still there when the analyst comes back to the Data page."""
    app.page.set_viewport_size({"width": 1440, "height": 2000})  # the cell's dropdown opens on screen
    app.open()
    editor, row_index = ignore_column(app, "Inflight wifi service")

    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Journey").click()
    app.page.locator("h1", has_text="Journey").wait_for()
    app.wait()
    title = app.page.get_by_text("Lowest-rated touchpoint").text_content()
    assert "Inflight wifi service" not in title

    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Data").click()
    app.page.locator("h1", has_text="Data").wait_for()
    app.wait()
    app.steady()  # the editor is drawn again: find the column's row anew rather than trust the old one
    expect(editor.locator('[id^="glide-cell-0-"]', has_text="Inflight wifi service")).to_have_count(1)
    row_index = grid_row(editor, 0, "Inflight wifi service")
    expect(editor.locator(f"#glide-cell-{ROLE}-{row_index}")).to_have_text("ignore")
    app.assert_no_exception()


def sidebar(app):
    return app.page.locator('[data-testid="stSidebar"]')


def satisfied_tile(app):
    """The value of the "Satisfied share" tile (the sample's tiles start with NPS, CSAT and CES)."""
    tile = app.page.locator('[data-testid="stMetric"]').filter(has_text="Satisfied share")
    return tile.locator('[data-testid="stMetricValue"]')


def choose(app, key: str, option: str) -> None:
    """Pick ``option`` in the selectbox or multiselect whose widget key starts with ``key`` (a sidebar filter's
    key carries the file it belongs to: ``filter_seg__``), and wait for the run the choice starts. The list is
    opened once the page has stopped moving (an open list closes itself when charts drawn below push the page)."""
    box = app.page.locator(f'[class*="st-key-{key}"] input')
    box.scroll_into_view_if_needed()
    app.steady()
    box.click()
    app.act(lambda: app.page.get_by_role("option", name=option, exact=True).click())
    app.page.keyboard.press("Escape")


def test_journey_shows_map_emotion_curve_and_drivers(app):
    app.open("journey")
    page = app.page
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(5)  # journey map, touchpoints, drivers matrix, segment heatmap, trend
    curve = charts.nth(0)
    curve.get_by_text("Customers are least happy at Purchase (46/100)").wait_for()
    for stage in ("Awareness", "Consideration", "Purchase", "Experience", "Service", "Loyalty"):
        curve.get_by_text(stage, exact=True).wait_for()
    assert curve.get_by_text("🙂").count() == 2 and curve.get_by_text("😐").count() == 4
    assert curve.get_by_text("no touchpoints").count() == 0  # every stage has a touchpoint on the sample
    matrix = charts.nth(2)
    matrix.get_by_text("Fix first: Inflight wifi service").wait_for()
    matrix.get_by_text("10% of the impact, scores 45/100.").wait_for()
    for corner in ("fix first", "strength", "maintain", "low priority"):
        matrix.get_by_text(corner, exact=True).wait_for()
    page.get_by_role("heading", name="Where customers are lost").wait_for()
    page.get_by_text("scores among the lowest, 45/100").wait_for()
    page.get_by_text("How key drivers are estimated").wait_for()
    app.assert_no_exception()


def test_sidebar_filter_updates_the_journey_and_the_link(app):
    app.open("journey")
    page = app.page
    expect(satisfied_tile(app)).to_have_text("43.2%")
    choose(app, "filter_seg__", "Class")
    choose(app, "filter_segv_Class__", "Business")
    expect(satisfied_tile(app)).to_have_text("69.4%")
    sidebar(app).get_by_text("Filtered: 2,377 of 5,000 responses").wait_for()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.nth(0).get_by_text("Customers are least happy at Purchase (50/100)").wait_for()
    charts.nth(2).get_by_text("Fix first: Cleanliness").wait_for()
    page.wait_for_url(re.compile(r"seg=Class.*sv.Class=Business|sv.Class=Business.*seg=Class"))
    app.assert_no_exception()
    app.screenshot("journey_filtered")

    app.visit(page.url)  # a copied link reopens the same view
    expect(satisfied_tile(app)).to_have_text("69.4%")
    expect(sidebar(app).locator('[class*="st-key-filter_segv_Class__"]')).to_contain_text("Business")

    page.locator('[data-testid="stSidebarNavLink"]', has_text="Compare").click()  # every page honours it
    page.locator("h1", has_text="Compare").wait_for()
    app.wait()
    page.get_by_text("Filtered: 2,377 of 5,000 responses").first.wait_for()
    sidebar(app).get_by_role("button", name="Clear filters").click()
    app.wait()
    expect(page.get_by_text("Filtered:")).to_have_count(0)
    app.assert_no_exception()


def test_compare_shows_a_test_result(app):
    app.open("compare")
    page = app.page
    choose(app, "compare_by", "Class")
    page.get_by_text("Two of them", exact=True).click()  # three classes open on all of them; pick two
    page.get_by_role("heading", name="Business vs Eco").wait_for()
    page.get_by_text("19 of 20").first.wait_for()
    page.get_by_text("two-proportion z test, p < 0.001; Holm-adjusted p < 0.001").first.wait_for()
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.get_by_text("19 of 20 metrics differ between Business and Eco; largest: NPS").wait_for()
    # The table comes after the chart in the same run: wait for it (an immediate count failed under load); the
    # banner table below is the second.
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(2)
    app.assert_no_exception()
    app.screenshot("compare_class")
    expect(page).to_have_url(re.compile(r"/compare\?.*cmp=Class.*&ga=Business&gb=Eco"))
    link = page.url

    page.locator('[data-testid="stSidebarNavLink"]', has_text="Journey").click()
    page.locator("h1", has_text="Journey").wait_for()
    app.wait()
    assert "cmp=" not in page.url  # the comparison belongs to the Compare page's link only

    app.visit(link)  # a stakeholder opening the shared link sees the same comparison
    page.get_by_role("heading", name="Business vs Eco").wait_for()


def test_chart_downloads_render_images(app):
    app.open("journey")
    page = app.page
    page.get_by_text("How key drivers are estimated").wait_for()
    with page.expect_download() as download:
        page.locator(".st-key-download_key_drivers_png button").click()
    assert download.value.suggested_filename == "key_drivers.png"
    assert open(download.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as download:
        page.locator(".st-key-download_journey_map_svg button").click()
    svg = open(download.value.path(), encoding="utf-8").read()
    assert svg.startswith("<svg") and "Customers are least happy at Purchase (46/100)" in svg
    with page.expect_download() as download:
        page.locator(".st-key-download_journey_map_csv button").click()
    assert open(download.value.path(), encoding="utf-8-sig").readline().startswith("Stage,Touchpoints,Score (0–100)")
    app.assert_no_exception()


def test_stage_map_edit_moves_a_touchpoint_on_the_journey_map(app):
    """Moving a touchpoint to another stage in the stage map redraws the journey map with it there."""
    app.page.set_viewport_size({"width": 1440, "height": 2000})  # the cell's dropdown opens on screen
    app.open("journey")
    page = app.page
    page.get_by_text("Stage map: which stage each touchpoint belongs to").click()
    editor = page.locator('[data-testid="stExpanderDetails"] [data-testid="stDataFrame"]').first
    row_index = grid_row(editor, 0, "Ease of Online booking")
    expect(editor.locator(f"#glide-cell-1-{row_index}")).to_have_text("Purchase")
    choose_in_cell(app, editor, 1, row_index, "Awareness")
    expect(editor.locator(f"#glide-cell-1-{row_index}")).to_have_text("Awareness")
    curve = page.locator('[data-testid="stVegaLiteChart"]').first
    curve.get_by_text("Customers are least happy at Awareness (50/100)").wait_for()
    app.wait()
    assert curve.get_by_text("no touchpoints").count() == 1  # purchase is empty now
    app.assert_no_exception()


def test_downloads_make_formula_text_inert(app, tmp_path):
    """A cell or header a spreadsheet would run as a formula is written with an apostrophe in every CSV."""
    rows = ["id,Seat comfort,+Legroom,satisfaction"]
    rows += [f"{i},{1 + i % 5},{1 + (i * 3) % 5},{'satisfied' if i % 2 else 'dissatisfied'}" for i in range(1, 60)]
    rows.append("60,=cmd|' /C calc'!A0,3,satisfied")
    path = tmp_path / "formulas.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    app.open()
    uploader_input(app, 0).set_input_files(str(path))
    app.page.get_by_text("In use: formulas.csv (your upload)").wait_for()
    app.wait()
    with app.page.expect_download() as download:
        app.page.locator('[data-testid="stTabPanel"]').first.get_by_role(
            "button", name=re.compile("Download the .* excluded rows")).click()
    excluded = open(download.value.path(), encoding="utf-8-sig").read()
    assert "'=cmd|' /C calc'!A0" in excluded and ",=cmd" not in excluded

    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Journey").click()
    app.page.locator("h1", has_text="Journey").wait_for()
    app.wait()
    app.steady()  # the charts above the button are drawn after the run and move it
    with app.page.expect_download() as download:
        app.page.locator(".st-key-download_touchpoints_csv button").click()
    touchpoints = open(download.value.path(), encoding="utf-8-sig").read().splitlines()
    assert any(line.startswith("'+Legroom,") for line in touchpoints), touchpoints
    with app.page.expect_download() as download:
        app.page.locator(".st-key-download_touchpoints_xlsx button").click()
    from openpyxl import load_workbook
    with open(download.value.path(), "rb") as workbook:
        cells = [cell.value for row in load_workbook(io.BytesIO(workbook.read())).active.iter_rows() for cell in row]
    assert "'+Legroom" in cells and "+Legroom" not in cells
    app.assert_no_exception()


def test_the_app_fetches_nothing_from_the_internet(app):
    """Every request the pages make goes to the app itself (no web fonts, icons or scripts from elsewhere)."""
    hosts = set()
    app.page.on("request", lambda request: hosts.add(re.sub(r"^[a-z]+://([^/:]+).*$", r"\1", request.url)))
    for path in ("", "journey", "compare", "sentiment"):
        app.open(path)
    app.page.locator('[data-testid="stSidebarNavLink"]', has_text="Data").click()
    app.wait()
    assert hosts <= {"127.0.0.1", "localhost"} | {host for host in hosts if host.startswith("data:")}, hosts
