"""Waves in a real browser: upload a survey, add another export of the same questionnaire as a wave from the Data
page, and see every metric per wave charted on the Journey page."""
from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import expect

from conftest import serving

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def app_url():
    """A server of this module's own. On the server shared by every browser test, after the every-file walk, the
    per-wave chart was not drawn within 90 s on clean CI clones (twice), while this test passes alone, after the
    other browser tests but that walk, in the working copy, and the page tests (AppTest) draw it every time; the
    cause was not found. Waves are checked here on a fresh server, the walk's effect is an open question."""
    yield from serving("streamlit-e2e-waves")

AIRLINE = "airline_passenger_satisfaction_sample.csv"


def test_add_a_wave_and_see_the_per_wave_chart(app, shared_data):
    raw = pd.read_csv(shared_data / AIRLINE, dtype=str, keep_default_na=False)
    first = raw.iloc[:2000].to_csv(index=False).encode()
    later = raw.iloc[2000:].rename(columns={"Seat comfort": "Seat Comfort!"}).to_csv(index=False).encode()
    page = app.page
    app.open()
    page.locator('[data-testid="stFileUploader"]').first.locator('input[type="file"]').set_input_files(
        {"name": "wave1.csv", "mimeType": "text/csv", "buffer": first})
    page.get_by_text("In use: wave1.csv (your upload)").wait_for()
    app.wait()
    page.get_by_text("Add a wave").click()  # opening an expander runs nothing
    page.locator('.st-key-waves_upload_0 input[type="file"]').set_input_files(
        {"name": "2025_Q3.csv", "mimeType": "text/csv", "buffer": later})
    add = page.get_by_role("button", name="Add 2025_Q3 as a wave")
    add.wait_for()
    app.wait()
    expect(page.get_by_text("25 of 25 columns matched")).to_be_visible()
    app.screenshot("waves_add")
    app.act(add.click)
    app.assert_no_exception()
    app.act(lambda: page.locator('[data-testid="stSidebarNav"]').get_by_text("Journey").click())  # same session
    heading = page.get_by_role("heading", name="Waves", exact=True)
    heading.wait_for()
    app.steady()
    page.wait_for_function("""() => {  // polled until the per-wave chart is drawn under the section's heading
        const heading = [...document.querySelectorAll('h3')].find(h => h.innerText.trim() === 'Waves');
        if (!heading) return false;
        heading.scrollIntoView();  // charts are drawn when they come into view; charts drawn above move it away
        const top = heading.getBoundingClientRect().top;
        return [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
            .some(chart => chart.getBoundingClientRect().top > top && chart.getBoundingClientRect().height > 200);
    }""")
    expect(page.get_by_text("Bars are 95% intervals")).to_be_visible()
    app.screenshot("waves_journey")
    app.assert_no_exception()
