"""The Compare page with three or more groups, run headless (Streamlit AppTest) on the bundled airline sample: the
tests per metric, the sentence, the chart and the pairs as the library computes them, in English and Chinese; the
link that keeps the choice; personas, three or more of them, also with the sidebar's persona filter on."""
from __future__ import annotations

import pytest

from analysis.compare_many import compare_many_groups, compare_many_personas, summary
from analysis.messages import render
from analysis.personas.build import build_personas
from analysis.sample import sample_paths
from pages.ui.text import plain
from pages.ui.words import LANGUAGES, t
from tests.apptest import chart_data, chart_titles, filter_widget, go, open_page, param


@pytest.fixture(scope="module")
def survey(prepared_file):
    return prepared_file(sample_paths()["survey"])


@pytest.fixture(scope="module")
def by_class(survey):
    return compare_many_groups(survey, "Class")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_three_classes_are_compared_at_once(app_test, lang, by_class):
    open_page(app_test, "compare", lang=lang)
    app_test.selectbox(key="compare_by").select("Class").run()
    assert not app_test.exception and not app_test.error
    assert app_test.button_group(key="compare_mode").value == "all"
    assert t("compare.many.findings", lang, by="Class", n=3) in [header.value for header in app_test.subheader]
    shown = "\n".join(block.value for block in app_test.markdown)
    assert plain(render(summary(by_class), lang)) in shown
    for finding in by_class.omnibus["finding"]:
        assert plain(render(finding, lang)) in shown
    tests = app_test.dataframe[0].value
    satisfied = tests[tests["label"] == t("metric.satisfied", lang)].iloc[0]
    assert satisfied["test_label"] == t("test.chi_square", lang) and satisfied["p_holm_text"] == "p < 0.001"
    assert satisfied["verdict"] == t("compare.many.verdict.differ", lang)
    gate = tests[tests["label"] == "Gate location"].iloc[0]
    assert gate["test_label"] == t("test.welch_anova", lang) and gate["verdict"] == t("compare.many.verdict.none",
                                                                                     lang)
    first = by_class.estimates["metric"].iloc[0]  # the chart opens on the first metric compared
    assert chart_titles(app_test)[0] == t("compare.many.chart_title", lang, metric=t(f"metric.{first}", lang))
    estimates = by_class.estimates[by_class.estimates["metric"] == first]
    drawn = chart_data(app_test, "groups")
    assert drawn["group_label"].tolist() == ["Business", "Eco", "Eco Plus"]
    assert drawn["value"].tolist() == pytest.approx(estimates["value"].tolist())
    pairs = app_test.dataframe[1].value
    expected = by_class.pairs[by_class.pairs["metric"] == first]
    assert pairs[["group_a", "group_b"]].values.tolist() == expected[["group_a", "group_b"]].values.tolist()
    assert pairs["difference"].tolist() == pytest.approx(expected["difference"].tolist())
    assert pairs["differs"].tolist() == [t("compare.many.pair.differs" if differs else "compare.many.pair.alike", lang)
                                         for differs in expected["differs"]]
    assert param(app_test, "cmpk") == ["all"]


def test_another_metric_shows_its_games_howell_pairs(app_test, by_class):
    open_page(app_test, "compare", cmp="Class", cmpk="all")
    app_test.selectbox(key="compare_many_metric").set_value("Seat comfort").run()
    assert not app_test.exception
    pairs = app_test.dataframe[1].value
    expected = by_class.pairs[by_class.pairs["metric"] == "Seat comfort"]
    assert pairs["test_label"].unique().tolist() == [t("test.games_howell", "en")]
    assert pairs["p_adjusted"].tolist() == [("p < 0.001" if p < 0.001 else f"p = {p:.2g}")
                                            for p in expected["p_adjusted"]]


def test_two_of_three_groups_is_the_comparison_as_before(app_test):
    open_page(app_test, "compare", cmp="Class", cmpk="all")
    app_test.button_group(key="compare_mode").set_value("two").run()
    assert [app_test.selectbox(key=key).value for key in ("compare_a", "compare_b")] == ["Business", "Eco"]
    assert t("compare.findings", "en", a="Business", b="Eco") in [header.value for header in app_test.subheader]
    assert param(app_test, "cmpk") == ["two"]


def personas_of_three(app_test):
    open_page(app_test, "personas")
    app_test.select_slider(key="personas_k").set_value(3).run()
    assert not app_test.exception


def test_three_personas_are_compared_at_once(app_test, survey):
    personas_of_three(app_test)
    go(app_test, "compare")
    app_test.selectbox(key="compare_by").set_value("persona").run()
    assert not app_test.exception and not app_test.error
    found = build_personas(survey, k=3)
    names = [persona.name["en"] for persona in found.personas]
    expected = compare_many_personas(survey, found.assignments, names, found.features)
    shown = [block.value for block in app_test.markdown]
    assert plain(render(summary(expected), "en")) in shown
    assert expected.omnibus["p_value"].notna().all()
    estimates = chart_data(app_test, "groups")
    assert estimates["value"].notna().all() and estimates["group_label"].tolist() == names


def test_personas_are_compared_whole_when_the_sidebar_filters_one_persona(app_test, survey):
    """The persona filter narrowed Compare to one persona, so every other one showed empty cells and 'each group
    needs at least two answers'; personas are now compared on every row the other filters keep."""
    personas_of_three(app_test)
    go(app_test, "journey")
    filter_widget(app_test.multiselect, "persona").select(filter_widget(app_test.multiselect, "persona").options[2]) \
        .run()
    go(app_test, "compare")
    app_test.selectbox(key="compare_by").set_value("persona").run()
    assert not app_test.exception
    found = build_personas(survey, k=3)
    names = [persona.name["en"] for persona in found.personas]
    expected = compare_many_personas(survey, found.assignments, names, found.features)
    assert plain(render(summary(expected), "en")) in [block.value for block in app_test.markdown]
    assert t("compare.persona_filter_set_aside", "en") in [caption.value for caption in app_test.caption]
    app_test.button_group(key="compare_mode").set_value("two").run()
    table = app_test.dataframe[0].value
    assert table["n_a"].min() > 100 and table["value_a"].notna().all()
