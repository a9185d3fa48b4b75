"""The Sentiment page and the journey map's feedback in a real browser: charts and terms on the sample tweets,
touchpoint keywords edited as text, labels corrected in the data editor and a classifier trained on them."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from test_browser import choose_in_cell

pytestmark = pytest.mark.e2e

LABELS = ("negative", "neutral", "positive")


def test_sentiment_page_reads_the_sample_tweets(app):
    app.open("sentiment")
    page = app.page
    expect(page.locator('[data-testid="stMetric"]').first).to_contain_text("1,998")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.first.get_by_text(re.compile(r"^\d+% of the texts read are negative$")).wait_for()
    page.get_by_text("Most texts read as", exact=False).first.wait_for()
    page.get_by_role("heading", name="Where it is most negative").wait_for()
    page.get_by_role("heading", name="In their words").wait_for()
    pains = page.locator('.st-key-sentiment_terms_negative [data-testid="stDataFrame"]')
    expect(pains.locator('[id^="glide-cell-1-"]', has_text="cancelled").first).to_be_attached()
    page.get_by_text("Comments with “cancelled”").wait_for()
    app.screenshot("sentiment")
    app.assert_no_exception()


def test_touchpoint_keywords_edited_as_text_regroup_the_comments(app):
    app.open("sentiment")
    page = app.page
    page.get_by_text("Touchpoints in the comments").click()
    area = page.locator('[class*="st-key-sentiment_keywords_"] textarea')
    area.fill("Wifi: wifi, internet\nBags: bag, bags, luggage, baggage")
    area.press("Control+Enter")
    app.wait()
    chart = page.locator('[data-testid="stVegaLiteChart"]').filter(has_text="has the largest share of negative texts")
    expect(chart).to_contain_text(re.compile(r"(Wifi|Bags) has the largest share"))
    area.fill("Wifi wifi")
    area.press("Control+Enter")
    app.wait()
    expect(page.locator('[data-testid="stAlertContentError"]')).to_contain_text("Keyword line 1 reads 'Wifi wifi'")
    expect(chart).to_contain_text(re.compile(r"(Wifi|Bags) has the largest share"))  # the last good lists stay
    app.assert_no_exception()


def test_labels_corrected_by_hand_and_a_label_column_train_a_classifier(app):
    app.page.set_viewport_size({"width": 1440, "height": 2000})  # the cell's dropdown opens on screen
    app.open("sentiment")
    page = app.page
    page.locator(".st-key-sentiment_train_from").get_by_text("Comments I check here").click()
    app.wait()
    editor = page.locator('[class*="st-key-sentiment_check_"] [data-testid="stDataFrame"]')
    editor.scroll_into_view_if_needed()  # the cell's dropdown opens where the cell is
    for row in range(3):
        cell = editor.locator(f"#glide-cell-1-{row}")
        current = cell.inner_text().strip()
        other = next(label for label in LABELS if label != current)
        choose_in_cell(app, editor, 1, row, other)
        expect(cell).to_have_text(other)
    page.locator(".st-key-sentiment_train button").click()
    app.wait()
    page.get_by_text(re.compile(r"Trained on 40 labelled texts, \d × \d-fold cross-validation")).wait_for()
    page.locator(".st-key-sentiment_train_from").get_by_text("A column of the file").click()
    app.wait()
    page.locator(".st-key-sentiment_train button").click()
    app.wait()
    page.get_by_text(re.compile(r"Trained on 1,998 labelled texts")).wait_for()
    page.get_by_text("Use the trained model").wait_for()
    page.get_by_text("Labels below come from the model trained on your labels.").wait_for()
    app.screenshot("sentiment_trained")
    app.assert_no_exception()


def test_the_journey_map_shows_what_comments_say_per_stage(app):
    app.open("journey")
    page = app.page
    page.get_by_text(re.compile(r"^Comments: \d+% negative, \d+% positive \(n = [\d,]+\)$")).first.wait_for()
    page.get_by_text("Scores and words, stage by stage").wait_for()
    page.get_by_text(re.compile(r"^Scores and words (agree|differ):")).wait_for()
    table = page.locator('[data-testid="stDataFrame"]').filter(has_text="Top pain point")
    expect(table).to_be_visible()
    page.get_by_role("link", name="More on the Sentiment page").wait_for()
    app.screenshot("journey_feedback")
    app.assert_no_exception()
