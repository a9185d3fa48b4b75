"""The banner table in a real browser, in English and Chinese: the Compare page's grid shows the library's cells with
their significance letters (computed here from the file in use), and the footnote names the correction."""
from __future__ import annotations

import re

import pytest
from harness import ROOT
from pagetext import CANVAS_RECORDER, GRID_TEXT
from playwright.sync_api import expect

from analysis.crosstab import banner_of, crosstab
from analysis.crosstab_export import shown
from analysis.io import load_export
from analysis.messages import text
from analysis.prepare import prepare
from analysis.schema import detect_roles
from pages.ui.banner import default_rows

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "data" / "sample" / "airline_survey.csv"


LETTERED = re.compile(r"^[-+]?[\d,.]+%? [A-Z]+ ?\*?$")  # a value and the letters of the columns it beats


def lettered_cells(lang: str) -> set[str]:
    """The cells with letters of the default questions by each banner the sample offers, as the library writes
    them (each banner's letters are tested within that banner, so whichever banners are shown, their cells are
    among these)."""
    export = load_export(SAMPLE)
    prepared = prepare(export, detect_roles(export))
    offered = [column for column in prepared.mapping["column"]
               if prepared.spec(column)["role"] in ("attribute", "channel", "outcome")
               and export.frame[column].nunique() <= 30]
    table = shown(crosstab(prepared, default_rows(prepared), [banner_of(prepared, column, export.frame)
                                                              for column in offered], frame=export.frame), lang)
    return {str(cell) for row in table.itertuples(index=False) for cell in row if LETTERED.match(str(cell))}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_banner_table_in_the_browser_shows_the_letters_of_the_library(app, lang):
    expected = lettered_cells(lang)
    assert expected  # Business beats the two other classes on most questions
    app.page.context.add_init_script(CANVAS_RECORDER)
    app.open("compare" + ("?lang=zh" if lang == "zh" else ""))
    # the satisfaction rows are among the default questions (the headline metrics' columns come first)
    # the table opens on the survey's segment columns as banners and its headline questions as rows
    note = text("crosstab.note.correction.holm", lang)
    expect(app.page.get_by_text(note[:12]).first).to_be_visible()
    grid = app.page.locator('[data-testid="stDataFrame"]').last
    grid.scroll_into_view_if_needed()
    expect(grid).to_be_visible()
    app.page.wait_for_function(f"(pattern) => ({GRID_TEXT})().some((cell) => new RegExp(pattern).test(cell))",
                               arg=LETTERED.pattern)
    drawn = {cell for cell in app.page.evaluate(GRID_TEXT) if LETTERED.match(cell)}
    assert len(drawn) >= 3 and drawn <= expected, (sorted(drawn), sorted(expected))  # the rows in view
    app.assert_no_exception()
