"""The Personas page in a real browser: k and features change the cards and charts, a persona is renamed and
then filters the Journey page, and the personas download."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def cards(page):
    return page.locator('[class*="st-key-personas_names_"] input')


def set_k(app, k: int) -> None:
    """Move the k slider with the keyboard until it reads ``k``, waiting for each rerun."""
    thumb = app.page.locator('.st-key-personas_k input[type="range"]')
    while thumb.get_attribute("aria-valuetext") != str(k):
        thumb.focus()
        app.page.keyboard.press("ArrowRight")
        app.wait()


def test_k_and_features_change_the_personas(app):
    app.open("personas")
    page = app.page
    page.get_by_text(re.compile(r"^k = \d+: ")).wait_for()
    expect(cards(page)).not_to_have_count(0)
    set_k(app, 4)
    expect(cards(page)).to_have_count(4)
    page.get_by_text("You chose k = 4").wait_for()
    page.get_by_role("heading", name="Where they sit and how they rate").scroll_into_view_if_needed()
    page.get_by_text(re.compile(r" rates .+ lowest \(\d+/100\)$")).wait_for()  # the heatmap's title
    chips = page.locator('[class*="st-key-personas_features_"] [data-tag]')
    before = chips.count()
    page.get_by_role("button", name="Remove Gender").click()
    app.wait()
    expect(chips).to_have_count(before - 1)
    expect(cards(page)).to_have_count(4)
    app.screenshot("personas")
    app.assert_no_exception()


def test_a_renamed_persona_filters_the_journey_and_downloads(app, tmp_path):
    app.open("personas")
    page = app.page
    set_k(app, 3)
    first = cards(page).first
    first.fill("Road warriors")
    app.act(lambda: first.press("Enter"))  # the name is kept by the run the Enter starts
    app.steady()  # the charts are drawn after the run and move the download buttons
    with page.expect_download() as download:
        page.locator(".st-key-personas_json button").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert [p["name"] for p in data["personas"]][0] == "Road warriors"
    assert sum(p["size"] for p in data["personas"]) == data["rows_used"] == 5000
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Journey").click()
    page.locator("h1", has_text="Journey").wait_for()
    app.wait()
    before = page.locator('[data-testid="stMetric"]').first.inner_text()
    page.locator('[class*="st-key-filter_persona__"] input').click()
    page.get_by_role("option", name="Road warriors", exact=True).click()
    page.keyboard.press("Escape")
    app.wait()
    page.locator('[data-testid="stSidebar"]').get_by_text(re.compile(r"^Filtered: [\d,]+ of 5,000")).wait_for()
    expect(page.locator('[data-testid="stMetric"]').first).not_to_have_text(before)
    app.screenshot("journey_persona")
    app.assert_no_exception()
