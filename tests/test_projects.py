"""Projects in the app (Streamlit AppTest): an upload becomes a project, a new session opens it from its link with
the mapping, stage map and persona names the analyst set, a view link opens it read-only, a bad link shows no data."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from analysis.io import load_export
from analysis.schema import detect_roles
from analysis.store import open_store
from analysis.store.lifecycle import RETENTION_VARIABLE
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import filter_widget, go, keep, kept_value, new_app, open_page, upload
from tests.test_store_lifecycle import backdate

AIRLINE = "airline_passenger_satisfaction_sample.csv"
WEB_LOG = "clickstream/web_events_sample.csv"


def view_link(app_test) -> str:
    """Create the project's view link in the Share popover and return its token."""
    app_test.button(key="project_new_view").click().run()
    return app_test.session_state["_project"]["view_token"]


def test_an_upload_becomes_a_project_a_new_session_reopens(app_test, shared_data):
    upload(app_test, shared_data / AIRLINE)
    token = app_test.query_params["project"]
    found = open_store().open_by_token(token)
    assert found is not None and found.role == "edit"
    assert [item.file_name for item in found.datasets("survey")] == [AIRLINE]
    assert found.datasets("survey")[0].rows == 5000
    again = new_app()
    open_page(again, "journey", project=token)
    assert not again.error
    assert t("journey.source", "en", name=plain(AIRLINE)) in [caption.value for caption in again.caption]


def test_a_bad_link_shows_no_data(app_test):
    open_page(app_test, "journey", project="x" * 43)
    assert app_test.title[0].value == t("project.bad_link.title", "en")
    assert not app_test.metric and not app_test.dataframe


def test_settings_are_kept_in_the_project_and_come_back(app_test, shared_data):
    path = shared_data / AIRLINE
    upload(app_test, path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    edited = detect_roles(load_export(path))
    edited.loc[edited["column"] == "Gate location", "role"] = "ignore"
    edited.loc[edited["column"] == "Seat comfort", "label"] = "Seat"
    keep(app_test, "mappings", digest, edited)
    keep(app_test, "stages", digest, {"Seat comfort": "purchase"})
    open_page(app_test, "personas")
    app_test.select_slider(key="personas_k").set_value(3).run()
    names = [box for box in app_test.text_input if box.key and box.key.startswith("personas_names_")]
    names[0].input("Road warriors").run()
    token = app_test.query_params["project"]
    kept = open_store().open_by_token(token).settings()
    assert kept[f"stages/{digest}"] == {"Seat comfort": "purchase"}
    assert kept[f"persona_settings/{digest}"]["k"] == 3
    again = new_app()
    open_page(again, "personas", project=token)
    assert not again.exception
    restored = kept_value(again, "mappings", digest)
    assert restored.loc[restored["column"] == "Gate location", "role"].item() == "ignore"
    assert restored.loc[restored["column"] == "Seat comfort", "label"].item() == "Seat"
    assert kept_value(again, "stages", digest) == {"Seat comfort": "purchase"}
    assert again.select_slider(key="personas_k").value == 3
    names = [box.value for box in again.text_input if box.key and box.key.startswith("personas_names_")]
    assert names[0] == "Road warriors"


def test_a_view_link_is_read_only_and_the_store_refuses_writes(app_test, shared_data):
    from analysis.store.project import ReadOnly

    upload(app_test, shared_data / AIRLINE)
    edit_token = app_test.query_params["project"]
    view_token = view_link(app_test)
    viewer = new_app()
    open_page(viewer, "data", project=view_token)
    assert not viewer.exception
    assert not viewer.file_uploader
    assert t("project.read_only", "en") in [caption.value for caption in viewer.caption]
    open_page(viewer, "personas")
    assert not [box for box in viewer.text_input if box.key and box.key.startswith("personas_names_")]
    assert t("personas.cards", "en") in [header.value for header in viewer.subheader]
    handle = open_store().open_by_token(view_token)
    with pytest.raises(ReadOnly):
        handle.set_setting("stage_maps", {})
    assert open_store().open_by_token(edit_token).role == "edit"


def fingerprint(value) -> str:
    """A hash of an object's content: DataFrames and Series by their values and index, containers through their
    items, dataclasses through their fields, anything else by its repr."""
    import dataclasses as dc

    import pandas as pd

    digest = hashlib.sha256()
    if isinstance(value, (pd.DataFrame, pd.Series)):
        try:
            digest.update(pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes())
        except TypeError:  # cells holding lists or dicts
            digest.update(value.astype(str).to_csv().encode())
        digest.update(repr(list(value.columns) if isinstance(value, pd.DataFrame) else value.name).encode())
    elif dc.is_dataclass(value) and not isinstance(value, type):
        for field in dc.fields(value):
            digest.update(field.name.encode() + fingerprint(getattr(value, field.name)).encode())
    elif isinstance(value, dict):
        for key, item in value.items():
            digest.update(repr(key).encode() + fingerprint(item).encode())
    elif isinstance(value, (list, tuple)):
        for item in value:
            digest.update(fingerprint(item).encode())
    else:
        digest.update(repr(value).encode())
    return digest.hexdigest()


def test_no_page_changes_an_object_other_sessions_read(app_test, shared_data):
    """Every page, run twice in two sessions with filters and settings changed, leaves the shared cache's
    objects (parsed files, prepared tables, personas, scores) exactly as they were built."""
    from pages.ui.cache import shared_cache

    pages = ["data", "journey", "sentiment", "personas", "compare", "report"]
    for name in pages:
        open_page(app_test, name)
    cache = shared_cache()
    before = {key: fingerprint(value) for key, (value, _) in list(cache._items.items())}
    assert any(key[0] == "prepare" for key in before) and any(key[0] == "personas" for key in before)
    other = new_app()
    for name in pages:
        open_page(other, name, tp=["Seat comfort", "Online boarding"])
    open_page(other, "personas")
    other.select_slider(key="personas_k").set_value(3).run()
    for name in pages:
        open_page(app_test, name)
    after = {key: fingerprint(value) for key, (value, _) in list(cache._items.items()) if key in before}
    assert after == {key: before[key] for key in after}


def test_a_classifier_trained_on_labels_comes_back_in_a_new_session(app_test):
    from analysis.sample import sample_paths

    path = sample_paths()["feedback"]
    upload(app_test, path, "feedback")
    open_page(app_test, "sentiment")
    app_test.selectbox(key="sentiment_train_column").set_value("airline_sentiment").run()
    app_test.button(key="sentiment_train").click().run()
    assert not app_test.exception
    first = next(m.value for m in app_test.markdown if m.value.startswith("Trained on "))
    token = app_test.query_params["project"]
    kept = open_store().open_by_token(token).classifiers()
    assert len(kept) == 1 and kept[0].meta["examples"] > 1000
    again = new_app()
    open_page(again, "sentiment", project=token)
    assert not again.exception
    assert next(m.value for m in again.markdown if m.value.startswith("Trained on ")) == first
    assert t("sentiment.using_trained", "en") in [caption.value for caption in again.caption]


def test_a_saved_view_keeps_its_filters_and_is_listed_for_viewers(app_test, shared_data):
    upload(app_test, shared_data / AIRLINE)
    open_page(app_test, "journey")
    filter_widget(app_test.multiselect, "tp").set_value(["Seat comfort", "Online boarding"]).run()
    app_test.text_input(key="project_view_name").input("Seats & boarding").run()
    app_test.button(key="project_save_view").click().run()
    assert not app_test.exception
    token = app_test.query_params["project"]
    views = open_store().open_by_token(token).views()
    assert [(view.name, view.params["tp"]) for view in views] == [("Seats & boarding", ["Seat comfort",
                                                                                        "Online boarding"])]
    view_token = view_link(app_test)
    viewer = new_app()
    open_page(viewer, "journey", project=view_token)
    (link,) = [button.proto for button in viewer.get("link_button") if "Seats" in button.proto.label]
    assert link.label == plain("Seats & boarding")
    assert "tp=Seat+comfort" in link.url and view_token in link.url and token not in link.url


def test_event_logs_and_their_stage_rules_come_back_with_the_project(app_test, shared_data):
    from test_behaviour_page import ESHOP, WEB, tiles
    from test_behaviour_page import upload as upload_logs

    upload_logs(app_test, shared_data, ESHOP, WEB)
    before = tiles(app_test)
    token = app_test.query_params["project"]
    opened = open_store().open_by_token(token)
    assert sorted(item.file_name for item in opened.datasets("events")) == sorted(
        name.rpartition("/")[2] for name in (ESHOP, WEB))
    again = new_app()
    open_page(again, "behaviour", project=token)
    assert not again.exception
    assert tiles(again) == before


def editors(app_test) -> list:
    """The data editors on the page (a grid whose cells can be edited)."""
    return [frame for frame in app_test.get("arrow_data_frame") if frame.proto.editing_mode != 0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_view_link_shows_no_control_that_changes_data_on_any_page(app_test, shared_data, lang):
    """Every page opened with a view link, with a survey, feedback and a behaviour log in the project: no
    uploader, no editor, no name or keyword box, no pin, no share popover, no training. (Choices that only change
    what the viewer looks at, such as filters or the number of personas, stay; nothing they do is kept.)"""
    from pages.ui import site
    from test_behaviour_page import ESHOP

    upload(app_test, shared_data / AIRLINE)
    upload(app_test, shared_data / "airline_tweets_sample.csv", "feedback")
    open_page(app_test, "behaviour")
    app_test.file_uploader(key="upload_events_0").upload("eshop.csv", (shared_data / ESHOP).read_bytes(),
                                                         "text/csv").run()
    open_page(app_test, "report")
    viewer = new_app()
    viewer.query_params["lang"] = lang
    viewer.query_params["project"] = view_link(app_test)
    for name in site.NAMES:
        open_page(viewer, name)
        assert not viewer.exception and viewer.title[0].value == t(f"nav.{name}", lang), name
        assert not viewer.file_uploader and not editors(viewer), name
        assert not [area for area in viewer.text_area if area.key.startswith(("sentiment_keywords_", "pin_note_",
                                                                              "report_note_"))], name
        assert not [box for box in viewer.text_input if box.key and box.key.startswith("personas_names_")], name
        keys = [str(button.key) for button in viewer.button]
        assert not [key for key in keys if key.startswith(("pin_", "project_", "use_sample_", "sentiment_train",
                                                           "report_"))], (name, keys)
        assert t("project.read_only", lang) in [caption.value for caption in viewer.caption], name
    assert any(metric.label == t("behaviour.tile.sessions", lang) for metric in open_page(viewer, "behaviour").metric)


def test_opening_another_project_starts_clean(app_test, shared_data):
    """A session handed a second project's link shows that project's name and file, and writes nothing of the
    first project's settings into it."""
    upload(app_test, shared_data / AIRLINE)
    first = app_test.query_params["project"]
    open_page(app_test, "personas")
    names = [box for box in app_test.text_input if box.key and box.key.startswith("personas_names_")]
    names[0].input("Road warriors").run()
    other = new_app()
    upload(other, shared_data / "womens_clothing_reviews_sample.csv")
    second = other.query_params["project"]
    second_name = open_store().open_by_token(second).info().name
    open_page(app_test, "data", project=second)
    assert not app_test.exception
    assert t("project.name", "en", name=plain(second_name)) in [caption.value for caption in app_test.caption]
    assert t("data.using_upload", "en", name=plain("womens_clothing_reviews_sample.csv")) in [
        caption.value for caption in app_test.caption]
    assert "Road warriors" not in json.dumps(open_store().open_by_token(second).settings())
    assert "Road warriors" in [value for key, value in open_store().open_by_token(first).settings().items()
                               if key.startswith("persona_names/")]


def test_the_share_popover_says_there_is_no_view_link_until_one_is_made(app_test, shared_data):
    upload(app_test, shared_data / AIRLINE)
    captions = [caption.value for caption in app_test.caption]
    assert t("project.view_link_none", "en") in captions and t("project.view_link_unknown", "en") not in captions
    token = view_link(app_test)
    assert any(token in block.value for block in app_test.code)
    again = new_app()
    open_page(again, "data", project=app_test.query_params["project"])
    assert t("project.view_link_unknown", "en") in [caption.value for caption in again.caption]


def test_a_project_published_from_the_command_line_opens_on_its_files(app_test, shared_data, run_cli):
    done = run_cli("publish", shared_data / AIRLINE, "--project", "Published from the command line", "--json")
    assert done.returncode == 0, done.stderr
    token = parse_qs(urlparse(json.loads(done.stdout)["edit_url"]).query)["project"][0]
    open_page(app_test, "data", project=token)
    assert t("data.using_upload", "en", name=plain(AIRLINE)) in [caption.value for caption in app_test.caption]


def test_going_back_to_the_sample_is_kept_in_the_project(app_test, shared_data):
    upload(app_test, shared_data / AIRLINE)
    app_test.button(key="use_sample_survey").click().run()
    again = new_app()
    open_page(again, "data", project=app_test.query_params["project"])
    assert t("data.using_sample", "en", name=plain("airline_survey.csv")) in [caption.value for caption in again.caption]


def name_boxes(app_test) -> list:
    return [box for box in app_test.text_input if box.key and box.key.startswith("personas_names_")]


def test_two_editors_naming_two_personas_keep_both_names(app_test, shared_data):
    """Each name is its own setting: two sessions of one project renaming different personas lose nothing (each
    setting was once written back whole, last writer wins)."""
    upload(app_test, shared_data / AIRLINE)
    token = app_test.query_params["project"]
    other = new_app()
    open_page(other, "personas", project=token)
    open_page(app_test, "personas")
    name_boxes(app_test)[0].input("Road warriors").run()
    name_boxes(other)[1].input("Holiday makers").run()
    for app in (app_test, other):
        app.run()
    again = open_page(new_app(), "personas", project=token)
    assert [box.value for box in name_boxes(again)][:2] == ["Road warriors", "Holiday makers"]


def test_a_persona_name_is_refused_with_its_reason_or_kept_with_a_warning(app_test):
    open_page(app_test, "personas")
    boxes = name_boxes(app_test)
    generated = boxes[0].value
    boxes[0].input("Road\u202ewarriors").run()
    assert name_boxes(app_test)[0].value == generated
    assert any(plain("U+202E") in toast.value for toast in app_test.toast)
    other = name_boxes(app_test)[1].value
    name_boxes(app_test)[0].input(other.upper()).run()
    assert name_boxes(app_test)[0].value == other.upper()
    assert any(toast.value == t("personas.name_alike", "en", other=plain(other)) for toast in app_test.toast)


def test_an_editor_deletes_the_project_and_its_old_links_say_it_no_longer_exists(app_test, shared_data):
    upload(app_test, shared_data / AIRLINE)
    edit_token = app_test.query_params["project"]
    view_token = view_link(app_test)
    viewer = new_app()
    open_page(viewer, "journey", project=view_token)
    assert not [button for button in viewer.button if button.key == "project_delete"]  # viewers never see it
    assert app_test.button(key="project_delete").disabled  # until the box is ticked
    name = open_store().open_by_token(edit_token).info().name

    app_test.checkbox(key="project_delete_confirm").check().run()
    app_test.button(key="project_delete").click().run()

    store = open_store()
    assert store.open_by_token(edit_token) is None and store.removal(edit_token).reason == "deleted"
    assert "project" not in app_test.query_params and not app_test.exception
    assert t("project.deleted", "en", name=plain(name)) in [toast.value for toast in app_test.toast]
    viewer.run()  # the viewer's open session
    fresh = open_page(new_app(), "journey", project=edit_token)
    for session in (viewer, fresh):
        assert not session.exception
        assert session.title[0].value == t("project.gone.title", "en")
        assert not session.metric and not session.dataframe
    assert t("project.gone.deleted", "en", date=f"{store.removal(view_token).removed:%Y-%m-%d}") in [
        info.value for info in fresh.info]
    chinese = open_page(new_app(), "journey", project=view_token, lang="zh")
    assert chinese.title[0].value == t("project.gone.title", "zh")


def test_opening_or_creating_a_project_leaves_retention_to_the_background(app_test, monkeypatch):
    """Retention is swept by each server process's own thread (``analysis.store.sweeper``), never by a session's
    run: a project untouched for longer than the setting is still there after sessions open and create others."""
    store = open_store()
    untouched = store.create_project("Untouched for a month")
    backdate(store, untouched.project_id, updated_days=30)
    token = store.create_project("Opened by its link").create_links().edit
    monkeypatch.setenv(RETENTION_VARIABLE, "7")

    open_page(app_test, "data", project=token)
    created = upload(new_app(), Path("answers.csv"), data=b"id,nps\n1,9\n2,3\n3,10\n")

    assert created.query_params["project"] != token and not app_test.exception
    assert store.open_by_token(token) is not None
    assert untouched.info().name == "Untouched for a month"
    untouched.delete()


def test_a_fresh_session_keeps_the_project_of_its_first_run_through_sidebar_clicks(app_test, monkeypatch):
    """After its app process dies, a browser reconnects to another process: a fresh session. Streamlit's browser
    code runs the page there at once, with the page's address (and so the project's link), only when the app has a
    fragment on a timer, so every run registers one; a click in the sidebar then sends no address and the session
    puts the link back, where it once opened the sample."""
    sent = []
    collect = LocalScriptRunner.forward_msgs
    monkeypatch.setattr(LocalScriptRunner, "forward_msgs", lambda runner: sent.extend(collect(runner)) or collect(runner))
    token = open_store().create_project("Reconnected").create_links().edit

    open_page(app_test, "data", project=token)  # the reconnected browser's first run: its address
    assert [message.auto_rerun.interval for message in sent if message.HasField("auto_rerun")] == [6 * 3600]
    del app_test.query_params["project"]  # a click in the sidebar sends no address
    go(app_test, "compare")

    assert app_test.query_params["project"] == token and not app_test.exception
    assert app_test.session_state["_project"]["token"] == token
    assert len([message for message in sent if message.HasField("auto_rerun")]) == 2  # on every run


def test_an_event_log_published_from_the_command_line_opens_on_the_behaviour_and_journey_pages(app_test, shared_data,
                                                                                             run_cli):
    """``publish`` keeps a web log as the project's event log (not as a new survey): its view link shows the
    survey on Data, the log's figures on Behaviour and its sessions per stage on Journey, read-only."""
    from analysis.behaviour.report import analyse

    first = run_cli("publish", shared_data / AIRLINE, "--project", "Survey and site", "--json")
    log = run_cli("publish", shared_data / WEB_LOG, "--project", "Survey and site", "--json")
    assert first.returncode == 0 and log.returncode == 0, first.stderr + log.stderr
    assert (json.loads(first.stdout)["kind"], json.loads(log.stdout)["kind"]) == ("survey", "events")
    token = parse_qs(urlparse(json.loads(first.stdout)["view_url"]).query)["project"][0]
    open_page(app_test, "data", project=token)
    assert t("data.using_upload", "en", name=plain(AIRLINE)) in [caption.value for caption in app_test.caption]
    open_page(app_test, "behaviour")
    summary = analyse(shared_data / WEB_LOG).summary()
    shown = {metric.label: metric.value for metric in app_test.metric}
    assert (shown["Visitors"], shown["Sessions"]) == (f"{summary['visitors']:,}", f"{summary['sessions']:,}")
    assert not app_test.file_uploader and not app_test.exception
    open_page(app_test, "journey")
    assert any("Sessions reaching" in frame.value.columns for frame in app_test.dataframe)
    assert not app_test.exception


def test_a_viewer_of_a_project_without_an_event_log_is_told_so_not_asked_to_upload(app_test, shared_data, run_cli):
    done = run_cli("publish", shared_data / AIRLINE, "--project", "Survey only", "--json")
    token = parse_qs(urlparse(json.loads(done.stdout)["view_url"]).query)["project"][0]
    open_page(app_test, "behaviour", project=token)
    assert [info.value for info in app_test.info] == [t("behaviour.empty_view", "en")]
    assert not app_test.file_uploader and not app_test.exception
