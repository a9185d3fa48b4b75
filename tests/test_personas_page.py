"""The Personas page run headless (Streamlit AppTest) on the bundled sample: cards from the library's own
personas, k and features that change them, a renamed persona, and the persona as a filter on the Journey."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.compare import compare_personas, summary
from analysis.filters import Filters, apply_filters
from analysis.messages import render
from analysis.personas.build import build_personas
from analysis.sample import sample_paths
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import chart_titles, filter_widget, go, open_page, tile, upload


@pytest.fixture(scope="module")
def survey(prepared_file):
    return prepared_file(sample_paths()["survey"])


def name_inputs(app_test):
    return [box for box in app_test.text_input if box.key and box.key.startswith("personas_names_")]


def test_cards_are_the_library_personas_and_follow_k(app_test, survey):
    open_page(app_test, "personas")
    assert not app_test.error
    expected = build_personas(survey)  # k = auto, default features
    assert [box.value for box in name_inputs(app_test)] == [p.name["en"] for p in expected.personas]
    sizes = [caption.value for caption in app_test.caption if caption.value.startswith("Persona ")]
    assert sizes == [t("personas.size", "en", id=p.id + 1, n=f"{p.size:,}", share=f"{100 * p.share:.0f}")
                     for p in expected.personas]
    note = expected.level_note()  # the sample's two personas are generous against harsh raters, and it says so
    assert note is not None and [box.value for box in app_test.info] == [plain(render(note, "en"))]
    assert any(caption.value == plain(render(expected.traits_note(), "en")) for caption in app_test.caption)
    app_test.select_slider(key="personas_k").set_value(4).run()
    assert not app_test.exception
    four = build_personas(survey, k=4)
    assert [box.value for box in name_inputs(app_test)] == [p.name["en"] for p in four.personas]


def test_level_adjusted_personas_come_from_the_toggle_and_the_link(app_test, survey):
    open_page(app_test, "personas")
    app_test.select_slider(key="personas_k").set_value(2).run()
    app_test.toggle(key="personas_level_adjusted").set_value(True).run()
    assert not app_test.exception and app_test.query_params["pl"] == "1"
    adjusted = build_personas(survey, k=2, level_adjusted=True)
    assert [box.value for box in name_inputs(app_test)] == [p.name["en"] for p in adjusted.personas]
    assert any(caption.value == t("personas.level_on", "en") for caption in app_test.caption)
    go(app_test, "journey")
    go(app_test, "personas")
    assert app_test.toggle(key="personas_level_adjusted").value is True


def test_structureless_answers_give_one_persona_of_everyone(app_test, tmp_path):
    rng = np.random.default_rng(11)
    path = tmp_path / "random_ratings.csv"
    pd.DataFrame(rng.integers(1, 6, (240, 7)), columns=[f"Rating of step {i}" for i in range(7)]).to_csv(path,
                                                                                                       index=False)
    upload(app_test, path)
    go(app_test, "personas")
    assert not app_test.exception and not app_test.error
    assert any(caption.value == t("personas.overview_one", "en", n="240") for caption in app_test.caption)
    assert any(block.value.startswith(plain("No clear groups: for every k from 2 to 10")) for block in app_test.markdown)
    assert [box.value for box in name_inputs(app_test)] == ["Everyone"]
    assert t("personas.chart.k_none", "en") in chart_titles(app_test)
    go(app_test, "compare")  # one persona of everyone is nothing to compare by
    assert not app_test.exception
    assert not any("persona" in box.options for box in app_test.selectbox if box.key == "compare_by")


def test_fewer_features_and_another_algorithm(app_test, survey):
    open_page(app_test, "personas")
    features = next(widget for widget in app_test.multiselect if widget.key.startswith("personas_features_"))
    features.set_value(["Class", "Type of Travel", "Online boarding"]).run()
    app_test.selectbox(key="personas_algorithm").set_value("gmm").run()
    app_test.select_slider(key="personas_k").set_value(3).run()
    assert not app_test.exception
    expected = build_personas(survey, ["Class", "Type of Travel", "Online boarding"], "gmm", 3)
    assert [box.value for box in name_inputs(app_test)] == [p.name["en"] for p in expected.personas]


def test_a_renamed_persona_filters_the_journey(app_test, survey):
    open_page(app_test, "personas")
    app_test.select_slider(key="personas_k").set_value(3).run()
    name_inputs(app_test)[0].input("Road warriors").run()
    assert name_inputs(app_test)[0].value == "Road warriors"
    go(app_test, "journey")
    persona = filter_widget(app_test.multiselect, "persona")
    assert persona.options[0] == "Road warriors"
    persona.select("Road warriors").run()
    assert not app_test.exception
    members = build_personas(survey, k=3).assignments
    chosen = apply_filters(survey, Filters(rows=members.index[members == 0].tolist()))
    share = (chosen.responses["satisfaction"].astype(bool)).mean()
    assert tile(app_test, t("metric.satisfied", "en")).value == f"{100 * share:.1f}%"


def test_rows_filter_keeps_only_those_responses(survey):
    rows = survey.responses.index[:10].tolist()
    narrowed = apply_filters(survey, Filters(rows=rows))
    assert narrowed.responses.index.tolist() == rows and len(narrowed.scores) == 10
    assert Filters(rows=rows).active and not Filters().active


def test_compare_a_persona_with_everyone_else(app_test, survey):
    open_page(app_test, "personas")
    app_test.select_slider(key="personas_k").set_value(3).run()
    name_inputs(app_test)[1].input("Road warriors").run()
    go(app_test, "compare")
    app_test.selectbox(key="compare_by").set_value("persona").run()
    app_test.button_group(key="compare_mode").set_value("two").run()  # three personas: all at once by default
    assert app_test.selectbox(key="compare_a").value == "1" and app_test.selectbox(key="compare_b").value == "rest"
    app_test.selectbox(key="compare_a").set_value("2").run()
    assert not app_test.exception and not app_test.error
    found = build_personas(survey, k=3)
    names = [p.name["en"] for p in found.personas]
    names[1] = "Road warriors"
    expected = compare_personas(survey, found.assignments, names, 1, formed_by=found.features)
    assert expected.attrs["formed_by"]  # the touchpoints the personas were formed on are not counted
    summary_line = render(summary(expected), "en")
    assert any(block.value == plain(summary_line) for block in app_test.markdown)
    assert any(block.value.startswith(f"Not compared: the personas were formed on {len(expected.attrs['formed_by'])} "
                                      "of these metrics") for block in app_test.caption)
    assert app_test.subheader[0].value == "Road warriors vs everyone else"
    assert app_test.query_params["cmp"] == "persona" and app_test.query_params["ga"] == "2"
    app_test.selectbox(key="compare_b").set_value("1").run()
    app_test.selectbox(key="compare_a").set_value("rest").run()
    assert app_test.warning[0].value == t("compare.persona_first", "en")


def test_a_shared_link_filtered_by_persona_finds_the_same_personas(app_test, survey):
    open_page(app_test, "journey", persona="2", pk="3", pf=["Class", "Type of Travel", "Online boarding"])
    assert not app_test.error
    found = build_personas(survey, ["Class", "Type of Travel", "Online boarding"], k=3)
    persona = filter_widget(app_test.multiselect, "persona")
    assert persona.value == ["2"] and persona.options[1] == found.personas[1].name["en"]
    members = found.assignments.index[found.assignments == 1].tolist()
    share = apply_filters(survey, Filters(rows=members)).responses["satisfaction"].astype(bool).mean()
    assert tile(app_test, t("metric.satisfied", "en")).value == f"{100 * share:.1f}%"


def test_settings_survive_other_pages_and_go_into_the_link(app_test, survey):
    open_page(app_test, "personas")
    features = next(widget for widget in app_test.multiselect if widget.key.startswith("personas_features_"))
    features.set_value(["Class", "Online boarding"]).run()
    app_test.select_slider(key="personas_k").set_value(4).run()
    assert app_test.query_params["pk"] == "4" and app_test.query_params["pf"] == ["Class", "Online boarding"]
    go(app_test, "journey")
    go(app_test, "personas")
    assert not app_test.exception
    assert app_test.select_slider(key="personas_k").value == 4
    features = next(widget for widget in app_test.multiselect if widget.key.startswith("personas_features_"))
    assert features.value == ["Class", "Online boarding"]
    expected = build_personas(survey, ["Class", "Online boarding"], k=4)
    assert [box.value for box in name_inputs(app_test)] == [p.name["en"] for p in expected.personas]
