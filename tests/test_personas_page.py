"""The Personas page run headless (Streamlit AppTest) on the bundled sample: cards from the library's own
personas, k and features that change them, a renamed persona, and the persona as a filter on the Journey."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analysis.compare import compare_personas, summary
from analysis.filters import Filters, apply_filters
from analysis.io import load_export
from analysis.messages import render
from analysis.personas.build import build_personas
from analysis.prepare import prepare
from analysis.sample import sample_paths
from analysis.schema import detect_roles
from pages.ui.text import plain
from pages.ui.words import t
from test_views import APP, open_page


@pytest.fixture(scope="module")
def survey():
    export = load_export(sample_paths()["survey"])
    return prepare(export, detect_roles(export))


@pytest.fixture
def app():
    return AppTest.from_file(str(APP), default_timeout=120)


def name_inputs(app):
    return [box for box in app.text_input if box.key and box.key.startswith("personas_names_")]


def test_cards_are_the_library_personas_and_follow_k(app, survey):
    open_page(app, "personas")
    assert not app.error
    expected = build_personas(survey)  # k = auto, default features
    assert [box.value for box in name_inputs(app)] == [p.name["en"] for p in expected.personas]
    sizes = [caption.value for caption in app.caption if caption.value.startswith("Persona ")]
    assert sizes == [t("personas.size", "en", id=p.id + 1, n=f"{p.size:,}", share=f"{100 * p.share:.0f}")
                     for p in expected.personas]
    app.select_slider(key="personas_k").set_value(4).run()
    assert not app.exception
    four = build_personas(survey, k=4)
    assert [box.value for box in name_inputs(app)] == [p.name["en"] for p in four.personas]


def test_fewer_features_and_another_algorithm(app, survey):
    open_page(app, "personas")
    features = next(widget for widget in app.multiselect if widget.key.startswith("personas_features_"))
    features.set_value(["Class", "Type of Travel", "Online boarding"]).run()
    app.selectbox(key="personas_algorithm").set_value("gmm").run()
    app.select_slider(key="personas_k").set_value(3).run()
    assert not app.exception
    expected = build_personas(survey, ["Class", "Type of Travel", "Online boarding"], "gmm", 3)
    assert [box.value for box in name_inputs(app)] == [p.name["en"] for p in expected.personas]


def test_a_renamed_persona_filters_the_journey(app, survey):
    open_page(app, "personas")
    app.select_slider(key="personas_k").set_value(3).run()
    name_inputs(app)[0].input("Road warriors").run()
    assert name_inputs(app)[0].value == "Road warriors"
    app.switch_page("pages/journey.py").run()
    persona = app.multiselect(key="filter_persona")
    assert persona.options[0] == "Road warriors"
    persona.select("Road warriors").run()
    assert not app.exception
    members = build_personas(survey, k=3).assignments
    chosen = apply_filters(survey, Filters(rows=members.index[members == 0].tolist()))
    share = (chosen.responses["satisfaction"].astype(bool)).mean()
    assert app.metric[0].value == f"{100 * share:.1f}%"


def test_rows_filter_keeps_only_those_responses(survey):
    rows = survey.responses.index[:10].tolist()
    narrowed = apply_filters(survey, Filters(rows=rows))
    assert narrowed.responses.index.tolist() == rows and len(narrowed.scores) == 10
    assert Filters(rows=rows).active and not Filters().active


def test_compare_a_persona_with_everyone_else(app, survey):
    open_page(app, "personas")
    app.select_slider(key="personas_k").set_value(3).run()
    name_inputs(app)[1].input("Road warriors").run()
    app.switch_page("pages/compare.py").run()
    app.selectbox(key="compare_by").set_value("persona").run()
    assert app.selectbox(key="compare_a").value == "1" and app.selectbox(key="compare_b").value == "rest"
    app.selectbox(key="compare_a").set_value("2").run()
    assert not app.exception and not app.error
    found = build_personas(survey, k=3)
    names = [p.name["en"] for p in found.personas]
    names[1] = "Road warriors"
    expected = compare_personas(survey, found.assignments, names, 1)
    summary_line = render(summary(expected), "en")
    assert any(block.value == plain(summary_line) for block in app.markdown)
    assert app.subheader[0].value == "Road warriors vs everyone else"
    assert app.query_params["cmp"] == "persona" and app.query_params["ga"] == "2"
    app.selectbox(key="compare_b").set_value("1").run()
    app.selectbox(key="compare_a").set_value("rest").run()
    assert app.warning[0].value == t("compare.persona_first", "en")


def test_a_shared_link_filtered_by_persona_finds_the_same_personas(app, survey):
    open_page(app, "journey", persona="2", pk="3", pf=["Class", "Type of Travel", "Online boarding"])
    assert not app.error
    found = build_personas(survey, ["Class", "Type of Travel", "Online boarding"], k=3)
    persona = app.multiselect(key="filter_persona")
    assert persona.value == ["2"] and persona.options[1] == found.personas[1].name["en"]
    members = found.assignments.index[found.assignments == 1].tolist()
    share = apply_filters(survey, Filters(rows=members)).responses["satisfaction"].astype(bool).mean()
    assert app.metric[0].value == f"{100 * share:.1f}%"


def test_settings_survive_other_pages_and_go_into_the_link(app, survey):
    open_page(app, "personas")
    features = next(widget for widget in app.multiselect if widget.key.startswith("personas_features_"))
    features.set_value(["Class", "Online boarding"]).run()
    app.select_slider(key="personas_k").set_value(4).run()
    assert app.query_params["pk"] == "4" and app.query_params["pf"] == ["Class", "Online boarding"]
    app.switch_page("pages/journey.py").run()
    app.switch_page("pages/personas.py").run()
    assert not app.exception
    assert app.select_slider(key="personas_k").value == 4
    features = next(widget for widget in app.multiselect if widget.key.startswith("personas_features_"))
    assert features.value == ["Class", "Online boarding"]
    expected = build_personas(survey, ["Class", "Online boarding"], k=4)
    assert [box.value for box in name_inputs(app)] == [p.name["en"] for p in expected.personas]
