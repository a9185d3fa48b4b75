"""The executive summary in a real browser: a view link opens on it, each of its links opens the Journey page at an
anchor that page draws; on the Journey page the summary comes first and a click on a link brings its chart's
heading into view."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from test_projects_browser import AIRLINE, publish

from analysis.briefing import ANCHORS

pytestmark = pytest.mark.e2e


def summary(page):
    return page.locator(".st-key-executive_summary")


def test_a_view_link_opens_on_the_summary_and_its_links_open_the_journey_charts(app, shared_data):
    links = publish(shared_data / AIRLINE, app.url, "--project", "Summary for stakeholders")
    page = app.page
    app.visit(links["view_url"])
    box = summary(page)
    expect(box).to_be_visible()
    expect(box).to_contain_text("Satisfied share is 43.2%")
    above = page.evaluate("""() => {
        const box = document.querySelector('.st-key-executive_summary').getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid="stFileUploader"], [data-testid="stMetric"]')]
            .filter(element => element.getBoundingClientRect().top < box.top).length;
    }""")
    assert above == 0  # nothing of the Data page comes before it
    hrefs = box.locator("a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert len(hrefs) >= 3 and all(href.startswith("journey?") for href in hrefs), hrefs
    with page.context.expect_page() as opened:
        box.locator("a").nth(1).click()
    journey = opened.value
    journey.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    assert journey.url.endswith(f"#{ANCHORS['lost']}") and "project=" in journey.url
    heading = journey.locator(f"#{ANCHORS['lost']}")
    expect(heading).to_have_count(1)
    expect(journey.get_by_text("Read-only view")).to_be_visible()
    journey.close()
    app.assert_no_exception()


def test_on_the_journey_page_a_summary_link_brings_its_chart_into_view(app):
    app.open("journey")
    page = app.page
    box = summary(page)
    expect(box).to_be_visible()
    first = page.evaluate("""() => {
        const box = document.querySelector('.st-key-executive_summary').getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid="stMetric"], [data-testid="stVegaLiteChart"]')]
            .every(element => element.getBoundingClientRect().top > box.top);
    }""")
    assert first  # the tiles and every chart come after the summary
    app.steady()
    target = page.locator(f"#{ANCHORS['lost']}")
    expect(target).not_to_be_in_viewport()
    box.locator(f'a[href="#{ANCHORS["lost"]}"]').click()
    expect(target).to_be_in_viewport()
    app.screenshot("journey_summary_link")
    app.assert_no_exception()
