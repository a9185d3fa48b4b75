"""The Themes view of the Sentiment page in a real browser, in English and Chinese: Discover themes draws the
library's themes (the chart's title names the most negative of them) and the theme table, and the codeframe
can be edited."""
from __future__ import annotations

import re

import pytest
from harness import ROOT
from pagetext import CANVAS_RECORDER, GRID_TEXT
from playwright.sync_api import expect

from analysis.io import load_export
from analysis.themes import discover
from pages.ui.words import t

pytestmark = pytest.mark.e2e

TWEETS = ROOT / "data" / "sample" / "airline_tweets.csv"


@pytest.fixture(scope="module")
def found():
    """The codeframe the library finds in the sample tweets with k chosen automatically."""
    texts = load_export(str(TWEETS)).frame["text"].astype("string").fillna("")
    return discover(texts, "auto", "auto")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_discover_themes_draws_the_librarys_themes(app, found, lang):
    names = {code.name for code in found.codes}
    app.page.set_default_timeout(90_000)  # discovery on a busy machine
    app.page.context.add_init_script(CANVAS_RECORDER)
    app.open("sentiment" + ("?lang=zh" if lang == "zh" else ""))
    page = app.page
    page.get_by_role("heading", name=t("themes.title", lang)).scroll_into_view_if_needed()
    app.act(lambda: page.get_by_role("button", name=t("themes.discover", lang)).click())
    pattern = re.escape(t("themes.chart", lang, theme="THEME", share="SHARE")).replace("THEME", "(.+)")
    pattern = pattern.replace("SHARE", r"\d+")
    title = page.locator('[data-testid="stVegaLiteChart"]').get_by_text(re.compile(f"^{pattern}$"))
    expect(title).to_be_visible()
    worst = re.match(pattern, title.text_content()).group(1)
    assert worst in names, (worst, sorted(names))
    expect(page.get_by_text(t("themes.edit", lang))).to_be_visible()
    chosen = re.escape(t("themes.auto_chosen", lang, k="K", highest="H")).replace("K", r"(\d+)").replace("H", r"(\d+)")
    caption = page.get_by_text(re.compile(f"^{chosen}$"))  # how Automatic chose k (the exact k: tests/test_themes_page.py)
    expect(caption).to_be_visible()
    k, highest = (int(number) for number in re.match(chosen, caption.text_content()).groups())
    assert 2 <= k <= highest == found.auto_k[1]
    page.wait_for_function(f"(name) => ({GRID_TEXT})().includes(name)", arg=worst)  # the theme table names it too
    app.screenshot(f"themes_{lang}")
    app.assert_no_exception()
