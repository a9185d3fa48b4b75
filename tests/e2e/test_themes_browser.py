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


def numbers_pattern(key: str, lang: str, *names: str) -> tuple[str, list[str]]:
    """A pattern of the sentence ``key`` with a group of digits for each of ``names`` (as the browser's regular
    expressions take it: no named groups), and the names in the order the sentence has them."""
    marks = {name: f"\x00{i}\x00" for i, name in enumerate(names)}  # placeholders no sentence holds
    sentence = t(key, lang, **marks)
    pattern = re.escape(sentence)
    for mark in marks.values():
        pattern = pattern.replace(re.escape(mark), r"(\d+)")
    return pattern, sorted(names, key=lambda name: sentence.index(marks[name]))


def numbers_in(pattern: tuple[str, list[str]], text: str) -> dict[str, int]:
    """The numbers of ``text``, matched by a :func:`numbers_pattern`, by name."""
    regex, order = pattern
    return dict(zip(order, (int(value) for value in re.match(regex, text).groups())))


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
    chosen = numbers_pattern("themes.auto_chosen", lang, "k", "highest")
    caption = page.get_by_text(re.compile(f"^{chosen[0]}$"))  # how Automatic chose k (the exact k: tests/test_themes_page.py)
    expect(caption).to_be_visible()
    chose = numbers_in(chosen, caption.text_content())
    k, highest = chose["k"], chose["highest"]
    assert 2 <= k <= highest == found.auto_k[1]
    held = numbers_pattern("themes.stability", lang, "stable", "tested", "dissolved")
    caption = page.get_by_text(re.compile(f"^{held[0]}$"))  # how many themes hold on random subsets
    expect(caption).to_be_visible()
    held = numbers_in(held, caption.text_content())
    stable, tested, dissolved = held["stable"], held["tested"], held["dissolved"]
    assert tested == k and 0 < stable and stable + dissolved <= tested
    page.wait_for_function(f"(name) => ({GRID_TEXT})().includes(name)", arg=worst)  # the theme table names it too
    app.screenshot(f"themes_{lang}")
    app.assert_no_exception()
