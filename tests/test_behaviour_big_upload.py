"""Big uploaded event logs (AppTest): from ``pages.ui.big_logs.ENGINE_MB`` (lowered here) the Behaviour and Journey
pages measure an upload with DuckDB from a temporary copy (one per distinct file, shared by the sessions showing it), with the same figures as pandas, pandas never loads the log,
the sessions table is not offered and the page says so; the project keeps the log as the file itself, so new sessions
from its edit and view links show the same figures without pandas; a big upload the engine cannot read stays with
pandas."""
from __future__ import annotations

import gc
from types import SimpleNamespace

import pytest

from analysis.behaviour.report import analyse
from pages.ui import behaviour as behaviour_ui
from pages.ui import big_logs, files
from pages.ui.words import t
from tests.apptest import chart_data, go, new_app, open_page
from tests.test_behaviour_page import ESHOP, upload
from tests.test_projects import view_link


@pytest.fixture
def lowered(monkeypatch):
    """Uploads of 10 KB or more are big."""
    monkeypatch.setattr(big_logs, "ENGINE_MB", 0.01)


def refuse_pandas(monkeypatch, name: str) -> list[str]:
    """Reading the log ``name`` into pandas fails (the survey still loads); returns the names pandas was asked for."""
    asked = []
    load = files.load

    def guarded(src):
        asked.append(src.name)
        if src.name == name:
            raise AssertionError("the big upload was loaded into pandas")
        return load(src)

    def refused(*args, **kwargs):
        raise AssertionError("the big upload was analysed by pandas")

    monkeypatch.setattr(files, "load", guarded)
    monkeypatch.setattr(behaviour_ui, "analyse", refused)
    return asked


def test_a_big_upload_is_measured_by_duckdb_with_the_pandas_figures(app_test, shared_data, lowered, monkeypatch):
    name = ESHOP.rpartition("/")[2]
    asked = refuse_pandas(monkeypatch, name)
    upload(app_test, shared_data, ESHOP)
    assert not app_test.error and name not in asked
    pandas = analyse(shared_data / ESHOP)
    summary = pandas.summary()
    shown = {metric.label: metric.value for metric in app_test.metric}
    assert shown["Visitors"] == f"{summary['visitors']:,}" and shown["Sessions"] == f"{summary['sessions']:,}"
    assert shown["Bounce rate"] == f"{summary['bounce_rate'].value:.1f}%"
    assert shown["Pages / session"] == f"{summary['pages_per_session'].value:.2f}"
    assert chart_data(app_test, "funnel")["sessions"].tolist() == pandas.funnel()["sessions"].tolist()
    captions = [caption.value for caption in app_test.caption]
    size = (shared_data / ESHOP).stat().st_size
    assert t("behaviour.big_upload", "en", mb=f"{size / 1024 ** 2:,.1f}", limit="0.01") in captions
    assert t("behaviour.big_upload_no_sessions", "en") in captions
    downloads = [button.proto.label for button in app_test.get("download_button")]
    assert t("behaviour.download.sessions", "en") not in downloads
    assert t("behaviour.download.funnel", "en") in downloads
    copy = app_test.session_state["_big_log_files"]
    assert [held.path.read_bytes() == (shared_data / ESHOP).read_bytes() for held in copy.values()] == [True]

    go(app_test, "journey")
    assert not app_test.exception and name not in asked
    purchase = pandas.stages().set_index("stage").loc["purchase"]
    line = t("behaviour.journey.card", "en", n=f"{purchase['sessions']:,}", reach=f"{purchase['reach']:.0f}",
             leave=f"{purchase['drop_off']:.0f}% ({purchase['drop_low']:.0f}–{purchase['drop_high']:.0f}%)")
    assert line in [caption.value for caption in app_test.caption]


def tiles(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_a_big_upload_is_kept_in_the_project_as_the_file_and_reopened_by_its_links(app_test, shared_data, lowered,
                                                                                      monkeypatch):
    name = ESHOP.rpartition("/")[2]
    asked = refuse_pandas(monkeypatch, name)
    upload(app_test, shared_data, ESHOP)
    shown = tiles(app_test)
    uploaded = list(app_test.session_state["_big_log_files"].values())
    reads, read = [], files.StoredFile.read
    monkeypatch.setattr(files.StoredFile, "read", lambda stored: reads.append(stored.version) or read(stored))
    edit, view = app_test.query_params["project"], view_link(app_test)
    for token, lang in ((edit, "en"), (view, "zh")):
        again = open_page(new_app(), "behaviour", project=token, lang=lang)
        assert not again.error and name not in asked
        assert [value.split(" ")[0] for value in tiles(again).values()] == [value.split(" ")[0] for value in shown.values()]
        copies = list(again.session_state["_big_log_files"].values())
        assert [held.path.read_bytes() == (shared_data / ESHOP).read_bytes() for held in copies] == [True]
        assert copies[0] is uploaded[0]  # sessions showing the same bytes share one copy
    assert reads == []  # the uploader's copy was there: the store's bytes not even read again
    viewer = open_page(new_app(), "behaviour", project=view)
    assert not viewer.get("file_uploader")  # a viewer gets the kept log, never a control to change it
    assert t("behaviour.big_upload", "en", mb=f"{(shared_data / ESHOP).stat().st_size / 1024 ** 2:,.1f}",
             limit="0.01") in [caption.value for caption in viewer.caption]


def test_a_big_upload_the_engine_cannot_read_stays_with_pandas(app_test, lowered):
    data = ("visitor_id,timestamp,page_url\n" + "".join(
        f"v{i % 40},2025-03-01 10:{i % 60:02d}:00,/caf\u00e9/{i % 7}\n" for i in range(600))).encode("latin-1")
    app_test.run()
    go(app_test, "behaviour")
    app_test.file_uploader(key="upload_events_0").upload("latin.csv", data, "text/csv")
    app_test.run()
    assert not app_test.exception and not app_test.error
    captions = [caption.value for caption in app_test.caption]
    assert not [caption for caption in captions if caption.startswith("These logs are large")]
    assert t("behaviour.download.sessions", "en") in [button.proto.label for button in app_test.get("download_button")]
    sessions = analyse(("latin.csv", data)).summary()["sessions"]
    assert {metric.label: metric.value for metric in app_test.metric}["Sessions"] == f"{sessions:,}"


def test_the_temporary_copy_is_removed_with_its_holder():
    held = big_logs.OnDisk("../../events.csv", b"visitor_id,timestamp,page_url\nv1,2025-03-01 10:00:00,/\n")
    folder = held.path.parent
    assert held.path.name == "events.csv" and folder.name.startswith("journey-lens-log-") and held.in_place
    del held
    gc.collect()
    assert not folder.exists()


def test_sessions_showing_the_same_bytes_share_one_copy_removed_with_the_last():
    data = b"visitor_id,timestamp,page_url\nv1,2025-03-01 10:00:00,/\n"
    first = big_logs._copy(("d1", "events.csv"), SimpleNamespace(name="events.csv", data=data))
    second = big_logs._copy(("d1", "events.csv"), SimpleNamespace(name="events.csv", data=b"not read again"))
    other = big_logs._copy(("d2", "events.csv"), SimpleNamespace(name="events.csv", data=data + b"v2,2025-03-01,/\n"))
    assert second is first and other is not first and first.path.read_bytes() == data
    folder = first.path.parent
    del first
    gc.collect()
    assert folder.exists()  # a session still holds it
    del second
    gc.collect()
    assert not folder.exists() and other.path.exists()
    again = big_logs._copy(("d1", "events.csv"), SimpleNamespace(name="events.csv", data=data))
    assert again.path.read_bytes() == data and again.path.parent != folder
