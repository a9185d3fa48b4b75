"""Weights in the app (Streamlit AppTest): targets set on the Data page weight the tiles, which name their
effective n, equal to the library's figures computed here from the file in use; a weight column; targets that
cannot be met; the settings kept in the project, in a new session and in a link; viewers see no controls."""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.io import load_export
from analysis.metric_registry import BY_NAME, headline_metrics
from analysis.prepare import prepare
from analysis.sample import sample_paths
from analysis.schema import detect_roles
from analysis.store import open_store
from analysis.weighting import Target, column_weights, parse_target, rake
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import kept_value, new_app, open_page, param, upload, use_file, widget

GENDER = "Female:0.5, Male:0.5"
CLASS = "Business:40%, Eco:45%, Eco Plus:15%"
AIRLINE = "airline_passenger_satisfaction_sample.csv"


def library_figures(path_or_bytes, name: str, make_weights):
    """The headline metrics of a file as the app reads it (roles detected), weighted by ``make_weights(frame)``
    (None: unweighted), and the weights."""
    export = load_export(path_or_bytes, name=name)
    prepared = prepare(export, detect_roles(export))
    found = None if make_weights is None else make_weights(export.frame.loc[prepared.responses.index])
    return headline_metrics(prepared, None if found is None else found.values), found


def raked(frame: pd.DataFrame):
    return rake(frame, [parse_target(f"Gender={GENDER}"), parse_target(f"Class={CLASS}")])


def set_targets(app, targets: dict[str, str]):
    """Switch weights on, choose the columns and paste each column's shares (as an analyst would)."""
    widget(app.toggle, "weights_").set_value(True).run()
    widget(app.multiselect, "weights_").set_value(list(targets)).run()
    for position, shares in enumerate(targets.values()):
        boxes = [box for box in app.text_input if box.key and box.key.startswith("weights_") and "_paste" in box.key]
        boxes[position].input(shares).run()
    assert not app.exception, app.exception[0].message
    return app


def tiles(app) -> dict[str, tuple[str, str]]:
    """Each metric tile on the page by label: (value, the line under it)."""
    return {metric.label: (metric.value, metric.proto.delta_description) for metric in app.metric}


def captions(app) -> list[str]:
    return [caption.value for caption in app.caption]


def weights_controls(app) -> list[str]:
    """Keys of every control of the Weights panel on the page."""
    elements = [*app.toggle, *app.radio, *app.multiselect, *app.text_input, *app.checkbox, *app.selectbox,
                *app.number_input]
    return [str(element.key) for element in elements if str(element.key or "").startswith("weights_")]


def note_text(found, lang: str = "en") -> str:
    figures = {"effective_n": f"{found.effective_n:,.0f}", "n": f"{len(found.used):,}"}
    columns = "“Gender”, “Class”" if lang == "en" else "“Gender”、“Class”"
    return t("weights.note_raked", lang, columns=columns, **figures)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_targets_weight_the_tiles_which_name_their_effective_n(app_test, lang):
    path = sample_paths()["survey"]
    expected, found = library_figures(path, path.name, raked)
    unweighted, _ = library_figures(path, path.name, None)
    open_page(app_test, "data", lang=lang)
    before = tiles(app_test)
    set_targets(app_test, {"Gender": GENDER, "Class": CLASS})
    shown = tiles(app_test)
    for name, metric in expected.items():
        label = t(f"metric.{name}", lang)
        value, under = shown[label]
        assert value.startswith(BY_NAME[name].text(metric.value)), (name, value)
        assert under == t("tile.n_weighted", lang, effective_n=f"{metric.effective_n:,.0f}")
        described = next(element.proto.help for element in app_test.metric if element.label == label)
        assert t("tile.weighted_help", lang, effective_n=f"{metric.effective_n:,.0f}", n=f"{metric.n:,}") in described
    assert shown[t("metric.satisfied", lang)] != before[t("metric.satisfied", lang)]
    assert before[t("metric.satisfied", lang)][0].startswith(BY_NAME["satisfied"].text(unweighted["satisfied"].value))
    assert note_text(found, lang) in captions(app_test)
    assert shown[t("weights.fig.effective_n", lang)][0] == f"{found.effective_n:,.0f}"
    assert shown[t("weights.fig.deff", lang)][0] == f"{found.design_effect:.3f}"
    assert shown[t("weights.fig.converged", lang)][0] == f"{found.iterations:,}"
    assert shown[t("weights.fig.max", lang)][0] == f"{found.values.max():.3f}"
    assert not app_test.error
    open_page(app_test, "journey")  # every survey page is weighted and says so, under the tiles
    assert note_text(found, lang) in captions(app_test)
    assert tiles(app_test)[t("metric.satisfied", lang)] == shown[t("metric.satisfied", lang)]
    open_page(app_test, "compare")
    assert note_text(found, lang) in captions(app_test)
    assert not weights_controls(app_test)


def test_switching_weights_off_brings_back_the_unweighted_tiles_and_says_so(app_test):
    path = sample_paths()["survey"]
    unweighted, _ = library_figures(path, path.name, None)
    open_page(app_test, "data")
    set_targets(app_test, {"Gender": GENDER, "Class": CLASS})
    widget(app_test.toggle, "weights_").set_value(False).run()
    value, under = tiles(app_test)[t("metric.satisfied", "en")]
    assert value == BY_NAME["satisfied"].text(unweighted["satisfied"].value)
    assert under == t("tile.n", "en", n=f"{unweighted['satisfied'].n:,}")
    assert t("weights.note_unweighted", "en") in captions(app_test)
    assert not param(app_test, "wt")


def test_a_weight_column_of_the_file_weights_every_metric(app_test):
    frame = pd.read_csv(sample_paths()["survey"])
    rng = np.random.default_rng(7)
    weight = pd.Series(rng.uniform(0.2, 3.0, len(frame)).round(4))
    weight[[0, 5]] = [np.nan, -1.0]  # left out, each counted by its reason
    data = frame.assign(survey_weight=weight).to_csv(index=False).encode("utf-8")
    expected, found = library_figures(data, "weighted.csv", lambda rows: column_weights(rows, "survey_weight"))
    use_file(app_test, "survey", "weighted.csv", data)
    open_page(app_test, "data")
    widget(app_test.toggle, "weights_").set_value(True).run()
    widget(app_test.radio, "weights_").set_value("column").run()
    widget(app_test.selectbox, "weights_").set_value("survey_weight").run()
    assert not app_test.exception and not app_test.error
    value, under = tiles(app_test)[t("metric.satisfied", "en")]
    metric = expected["satisfied"]
    assert value == BY_NAME["satisfied"].text(metric.value)
    assert under == t("tile.n_weighted", "en", effective_n=f"{metric.effective_n:,.0f}")
    assert found.excluded == {"weight_missing": 1, "weight_not_positive": 1}
    assert t("weights.note_column", "en", column="“survey\\_weight”", effective_n=f"{found.effective_n:,.0f}",
             n=f"{len(found.used):,}") in captions(app_test)


@pytest.mark.parametrize(("shares", "code"), [("Female:0.5, Male:0.3", "error.weight.shares_sum"),
                                               ("Female:0.5, Male:0.4, Other:0.1", "error.weight.empty_category")])
def test_targets_that_cannot_be_met_say_why_and_leave_the_figures_unweighted(app_test, shares, code):
    path = sample_paths()["survey"]
    unweighted, _ = library_figures(path, path.name, None)
    open_page(app_test, "data")
    set_targets(app_test, {"Gender": shares})
    with pytest.raises(InputError) as raised:
        library_figures(path, path.name, lambda rows: rake(rows, [parse_target(f"Gender={shares}")]))
    assert raised.value.message.code == code
    assert [error.value for error in app_test.error] == [plain(raised.value.text("en"))]
    value, _ = tiles(app_test)[t("metric.satisfied", "en")]
    assert value == BY_NAME["satisfied"].text(unweighted["satisfied"].value)
    assert t("weights.note_refused", "en") in captions(app_test)


def test_pasted_shares_that_do_not_read_are_refused_with_the_library_message(app_test):
    open_page(app_test, "data")
    set_targets(app_test, {"Gender": "Female 0.5; Male 0.5"})
    with pytest.raises(InputError) as raised:
        parse_target("x=Female 0.5; Male 0.5")
    assert plain(raised.value.text("en")) in [error.value for error in app_test.error]


def test_settings_survive_a_rerun_a_new_session_and_travel_in_a_view_link(app_test, shared_data):
    path = shared_data / AIRLINE
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    expected, found = library_figures(path, AIRLINE, raked)
    satisfied = (BY_NAME["satisfied"].text(expected["satisfied"].value),
                 t("tile.n_weighted", "en", effective_n=f"{expected['satisfied'].effective_n:,.0f}"))
    upload(app_test, path)
    set_targets(app_test, {"Gender": GENDER, "Class": CLASS})
    app_test.run()
    assert tiles(app_test)[t("metric.satisfied", "en")] == satisfied
    token = app_test.query_params["project"]
    stored = open_store().open_by_token(token).settings()[f"weights/{digest}"]
    assert stored["on"] and [target["column"] for target in stored["targets"]] == ["Gender", "Class"]
    assert stored["targets"][1]["shares"] == pytest.approx({"Business": 0.4, "Eco": 0.45, "Eco Plus": 0.15})
    link = param(app_test, "wt")[0]

    again = new_app()  # a new session of the same project
    open_page(again, "data", project=token)
    assert tiles(again)[t("metric.satisfied", "en")] == satisfied
    assert widget(again.toggle, "weights_").value is True
    assert kept_value(again, "weights", digest)["targets"] == stored["targets"]

    app_test.button(key="project_new_view").click().run()
    viewer = new_app()  # a view link: weights applied, a note, no controls
    open_page(viewer, "data", project=app_test.session_state["_project"]["view_token"], wt=link)
    assert tiles(viewer)[t("metric.satisfied", "en")] == satisfied
    assert not weights_controls(viewer) and t("weights.viewer", "en") in captions(viewer)
    assert not [frame for frame in viewer.get("arrow_data_frame") if frame.proto.editing_mode != 0]
    open_page(viewer, "journey")
    assert note_text(found) in captions(viewer)

    fresh = new_app()  # the link alone carries the weights, to a session without the project
    use_file(fresh, "survey", AIRLINE, path.read_bytes())
    open_page(fresh, "journey", wt=link)
    assert note_text(found) in captions(fresh)
    assert tiles(fresh)[t("metric.satisfied", "en")] == satisfied


def test_every_cached_analysis_is_keyed_by_the_weights(app_test):
    """Two sessions on the same file, one weighted: neither sees the other's figures."""
    path = sample_paths()["survey"]
    unweighted, _ = library_figures(path, path.name, None)
    expected, _ = library_figures(path, path.name, lambda rows: rake(rows, [Target("Gender", {"Female": 0.3,
                                                                                              "Male": 0.7})]))
    open_page(app_test, "journey")
    other = new_app()
    open_page(other, "data")
    set_targets(other, {"Gender": "Female:30%, Male:70%"})
    open_page(other, "journey")
    open_page(app_test, "journey")
    assert tiles(app_test)[t("metric.satisfied", "en")][0] == BY_NAME["satisfied"].text(unweighted["satisfied"].value)
    assert tiles(other)[t("metric.satisfied", "en")][0] == BY_NAME["satisfied"].text(expected["satisfied"].value)


def test_trimmed_weights_keep_their_cap_and_say_the_margins_miss(app_test):
    path = sample_paths()["survey"]
    open_page(app_test, "data")
    set_targets(app_test, {"Gender": GENDER, "Class": CLASS})
    widget(app_test.checkbox, "weights_").check().run()
    cap = next(box for box in app_test.number_input if str(box.key).endswith("_cap"))
    cap.set_value(1.5).run()
    _, found = library_figures(path, path.name, lambda rows: rake(
        rows, [parse_target(f"Gender={GENDER}"), parse_target(f"Class={CLASS}")], trim=(0.3, 1.5)))
    assert found.values.max() <= 1.5 * (1 + 1e-9) and not found.targets_met
    assert [warning.value for warning in app_test.warning] == [plain(note.text("en")) for note in found.notes]
    assert tiles(app_test)[t("weights.fig.max", "en")][0] == f"{found.values.max():.3f}"
    assert tiles(app_test)[t("weights.fig.effective_n", "en")][0] == f"{found.effective_n:,.0f}"


def test_a_numeric_column_is_weighted_by_bands_that_start_at_its_own_quartiles(app_test):
    open_page(app_test, "data")
    widget(app_test.toggle, "weights_").set_value(True).run()
    widget(app_test.multiselect, "weights_").set_value(["Age"]).run()
    assert not app_test.exception and not app_test.error
    margins = next(frame.value for frame in app_test.dataframe if "before" in frame.value.columns)
    ages = pd.read_csv(sample_paths()["survey"])["Age"]
    assert margins["category"].str.contains(r"\.\.").all() and margins["n"].sum() == ages.notna().sum()
    assert margins["after"].to_numpy() == pytest.approx(margins["before"].to_numpy())  # its own shares: weights 1
    assert tiles(app_test)[t("weights.fig.effective_n", "en")][0] == f"{ages.notna().sum():,}"


def test_a_pin_says_whether_its_figures_were_weighted(app_test):
    """A chart pinned from a weighted survey page carries the weights note under the analyst's own; one pinned
    from the Sentiment page (comments are never weighted) says they were not."""
    path = sample_paths()["survey"]
    _, found = library_figures(path, path.name, raked)
    open_page(app_test, "data")
    set_targets(app_test, {"Gender": GENDER, "Class": CLASS})
    for name, note in (("journey", "Boarding hurts"), ("sentiment", "")):
        open_page(app_test, name)
        popover_note = next(area for area in app_test.text_area if area.key.startswith("pin_note_"))
        popover_note.input(note).run()
        app_test.button(key=f"pin_{popover_note.key.removeprefix('pin_note_')}").click().run()
        assert not app_test.exception
    journey, sentiment = open_store().open_by_token(app_test.query_params["project"]).pins()
    assert journey.note == f"Boarding hurts\n\n{note_text(found)}"
    assert sentiment.note == t("weights.not_applied.comments", "en")
