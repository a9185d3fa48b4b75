"""What the analyst chooses belongs to the file and the project it was chosen for, in a real browser: a new survey
starts with every response counted, cleared filters stay cleared, the chosen texts stay chosen after leaving the
page, and a view link shows no control that changes data on any page."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from test_browser import choose, satisfied_tile, sidebar, uploader_input
from test_projects_browser import AIRLINE, project_token, publish

pytestmark = pytest.mark.e2e

SAMPLE = "data/sample/airline_survey.csv"


def dated(folder, year: int, name: str):
    """The bundled survey with a submission date in ``year`` for every response (day i of the year, mod 300)."""
    from harness import ROOT

    lines = (ROOT / SAMPLE).read_text(encoding="utf-8").splitlines()
    days = [(date(year, 1, 1) + timedelta(days=i % 300)).isoformat() for i in range(len(lines) - 1)]
    path = folder / name
    path.write_text("\n".join([f"{lines[0]},Submitted at"] + [f"{line},{day}" for line, day in zip(lines[1:], days)])
                    + "\n", encoding="utf-8")
    return path


def go_to(app, title: str) -> None:
    """Open a page from the sidebar navigation and wait for its run."""
    app.page.locator('[data-testid="stSidebarNavLink"]', has_text=title).click()
    app.page.locator("h1", has_text=title).wait_for()
    app.wait()


def upload_survey(app, path) -> None:
    uploader_input(app, 0).set_input_files(str(path))
    app.page.get_by_text(f"In use: {path.name} (your upload)").wait_for()
    app.wait()


def test_a_new_survey_starts_with_every_response_counted(app, tmp_path):
    """A date filter made for one export does not carry over to the export that replaces it (it once jumped to
    a single day of the new file and counted 11 of 473 responses), not on the next run, not after a reload."""
    app.open()
    upload_survey(app, dated(tmp_path, 2024, "first.csv"))
    app.visit(f"{app.url}/journey?project={project_token(app)}&from=2024-02-01&to=2024-02-29")
    sidebar(app).get_by_text("Filtered: 493 of 5,000 responses").wait_for()
    go_to(app, "Data")
    upload_survey(app, dated(tmp_path, 2023, "second.csv"))
    go_to(app, "Journey")
    for step in range(3):
        expect(app.page.get_by_text("Filtered:")).to_have_count(0)
        expect(satisfied_tile(app)).to_have_text("43.2%")
        expect(app.page.locator('[data-testid="stMetric"]').first).to_contain_text("n = 5,000")
        assert "from=" not in app.page.url and "to=" not in app.page.url
        if step == 0:
            choose(app, "heatmap_by", "Class")  # any click: a run with every widget's state
        elif step == 1:
            app.page.reload()
            app.wait()
    app.assert_no_exception()


def test_cleared_filters_stay_cleared(app, tmp_path):
    """"Clear filters" clears what is kept as well as what is shown: neither the next run nor a reload brings a
    date range or a segment back."""
    app.open()
    upload_survey(app, dated(tmp_path, 2024, "dated.csv"))
    app.visit(f"{app.url}/journey?project={project_token(app)}&from=2024-02-01&to=2024-02-29&seg=Class"
              "&sv.Class=Business")
    sidebar(app).get_by_text(re.compile(r"^Filtered: [\d,]+ of 5,000 responses")).wait_for()
    app.act(lambda: sidebar(app).get_by_role("button", name="Clear filters").click())
    for step in range(3):
        expect(app.page.get_by_text("Filtered:")).to_have_count(0)
        expect(satisfied_tile(app)).to_have_text("43.2%")
        if step == 0:
            choose(app, "heatmap_by", "Class")
        elif step == 1:
            app.page.reload()
            app.wait()
    assert not {"from=", "to=", "seg="} & {part for part in ("from=", "to=", "seg=") if part in app.page.url}
    app.assert_no_exception()


def test_the_chosen_texts_stay_chosen_after_leaving_the_page(app, shared_data):
    """Texts chosen on the Sentiment page are still chosen when the analyst comes back, and the Journey reads them."""
    reviews = shared_data / "womens_clothing_reviews_sample.csv"
    app.open()
    uploader_input(app, 1).set_input_files(str(reviews))
    app.page.get_by_text(f"In use: {reviews.name} (your upload)").wait_for()
    app.wait()
    go_to(app, "Sentiment")
    choose(app, "sentiment_source__", f"Feedback · {reviews.name} · Title")
    go_to(app, "Journey")
    app.page.get_by_text(f"Comments from {reviews.name} (Title)").wait_for()
    go_to(app, "Sentiment")
    expect(app.page.locator('[class*="st-key-sentiment_source__"] input')).to_have_value(
        f"Feedback · {reviews.name} · Title")
    app.assert_no_exception()


def test_a_view_link_shows_no_control_that_changes_data_on_any_page(app, shared_data):
    links = publish(shared_data / AIRLINE, app.url, "--project", "Walked by a viewer")
    app.visit(links["view_url"])
    page = app.page
    for title in ("Data", "Journey", "Sentiment", "Behaviour", "Personas", "Compare", "Report"):
        go_to(app, title)
        app.steady()
        expect(sidebar(app).get_by_text("Read-only view")).to_be_visible()
        expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)
        expect(page.get_by_role("button", name="Pin", exact=True)).to_have_count(0)
        expect(sidebar(app).locator('[data-testid="stPopover"]')).to_have_count(0)  # the Share popover
        expect(page.locator('[data-testid="stMain"] textarea')).to_have_count(0)
        expect(page.get_by_role("button", name="Reset to detected roles")).to_have_count(0)
        expect(page.get_by_role("button", name="Use the sample instead")).to_have_count(0)
        app.assert_no_exception()
