"""The banner table on the Compare page run headless (Streamlit AppTest): letters and footnotes in English and
Chinese, the correction in the footnote, choices kept in the project, and a view link that shows the table with
its choices but no pin."""
from __future__ import annotations

import pytest

from analysis.messages import text
from pages.ui.text import plain
from pages.ui.words import LANGUAGES, t
from tests.apptest import new_app, open_page, upload, widget

AIRLINE = "airline_passenger_satisfaction_sample.csv"


def banner_table(app):
    """The banner table on the page (the last table shown)."""
    return app.dataframe[-1].value


def footnote(app) -> str:
    return next(caption.value for caption in app.caption if plain(text("crosstab.note.tests", "en"))[:20] in
                caption.value or plain(text("crosstab.note.tests", "zh"))[:10] in caption.value)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_banner_table_shows_letters_and_its_footnote(app_test, lang):
    open_page(app_test, "compare", lang=lang)
    assert t("banner.title", lang) in [header.value for header in app_test.subheader]
    widget(app_test.multiselect, "banner_banners_").set_value(["Class"]).run()
    assert not app_test.exception
    table = banner_table(app_test)
    satisfied = table[table[text("crosstab.measure", lang)] == text("crosstab.measure.answer", lang,
                                                                    answer="satisfied")].iloc[0]
    assert satisfied["Class: Business (A)"] == "69.4% BC" and satisfied["Class: Eco (B)"] == "19.2%"
    assert satisfied[text("crosstab.total", lang)] == "43.2%"
    assert table.iloc[0][text("crosstab.measure", lang)] == text("crosstab.base", lang)
    note = footnote(app_test)
    assert plain(text("crosstab.note.correction.holm", lang)) in note
    assert plain(text("crosstab.note.low_base", lang, threshold=30)) in note
    widget(app_test.segmented_control, "banner_correction_").set_value("bonferroni").run()
    assert plain(text("crosstab.note.correction.bonferroni", lang)) in footnote(app_test)


def test_the_choices_are_kept_and_a_viewer_sees_the_table_without_the_pin(app_test, shared_data):
    upload(app_test, shared_data / AIRLINE)
    open_page(app_test, "compare")
    widget(app_test.multiselect, "banner_rows_").set_value(["Seat comfort"]).run()
    widget(app_test.multiselect, "banner_banners_").set_value(["Customer Type"]).run()
    assert app_test.button(key="pin_banner_table")  # an editor can pin the table to the report
    app_test.button(key="project_new_view").click().run()
    viewer = new_app()
    open_page(viewer, "compare", project=app_test.session_state["_project"]["view_token"])
    assert not viewer.exception
    assert widget(viewer.multiselect, "banner_banners_").value == ["Customer Type"]
    table = banner_table(viewer)
    assert list(table["Question"].unique()) == ["Seat comfort"]
    mean = table[table["Measure"] == "Mean"].iloc[0]
    assert mean["Customer Type: Loyal Customer (A)"] == "3.50 B"
    assert "pin_banner_table" not in [button.key for button in viewer.button]


def test_with_weights_on_the_banner_table_is_weighted_and_says_so(app_test):
    """Weights set on the Data page reach the banner table: its Total equals the weighted share of the library and
    the footnote names the weighting columns."""
    from analysis.metric_registry import BY_NAME
    from analysis.sample import sample_paths
    from tests.test_weights_page import CLASS, GENDER, library_figures, raked, set_targets

    path = sample_paths()["survey"]
    expected, _ = library_figures(path, path.name, raked)
    open_page(app_test, "data")
    set_targets(app_test, {"Gender": GENDER, "Class": CLASS})
    open_page(app_test, "compare")
    widget(app_test.multiselect, "banner_banners_").set_value(["Class"]).run()
    assert not app_test.exception
    table = banner_table(app_test)
    satisfied = table[table[text("crosstab.measure", "en")] == text("crosstab.measure.answer", "en",
                                                                    answer="satisfied")].iloc[0]
    assert satisfied[text("crosstab.total", "en")] == BY_NAME["satisfied"].text(expected["satisfied"].value)
    assert "Gender, Class" in footnote(app_test)
