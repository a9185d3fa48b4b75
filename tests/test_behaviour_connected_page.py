"""The Behaviour page with a log connected by path on the server (AppTest): an editor connects a folder of daily
files and sees the library's headline figures, read in place by DuckDB; a path outside the allowed folders is refused
with its reason; without the server setting there is no control; a viewer of the project sees the same log and no
path control; the Journey page sets the connected log's stage figures (equal to pandas') beside the survey, for
editors and view links, without reading the log into pandas."""
from __future__ import annotations

import pytest

from analysis.behaviour.engine import analyse_log
from analysis.behaviour.engine.located import Limits, locate
from analysis.behaviour.report import analyse
from pages.ui import behaviour as behaviour_ui
from pages.ui import connected
from pages.ui.connected import INPUT_KEY
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import chart_data, go, kept_value, new_app, open_page, upload, widget
from tests.test_behaviour_located import AIRLINE_EVENTS, daily_files
from tests.test_journey_page import planted_frustration
from tests.test_projects import view_link


@pytest.fixture
def log_root(tmp_path, monkeypatch):
    """A server folder of daily log files, allowed by the server setting."""
    daily_files(tmp_path / "days")
    monkeypatch.setenv("JOURNEY_LENS_LOG_ROOTS", str(tmp_path))
    return tmp_path


def connect(app, path: str):
    """Type ``path`` into the connect control and press Connect."""
    app.text_input(key=INPUT_KEY).input(path)
    app.button(key="behaviour_connect").click().run()
    assert not app.exception, app.exception[0].message
    return app


def expected_tiles(root) -> dict[str, str]:
    found = analyse_log(list(locate("days", Limits((root.resolve(),))).files))
    summary = found.summary()
    return {"Visitors": f"{summary['visitors']:,}", "Sessions": f"{summary['sessions']:,}",
            "Bounce rate": f"{summary['bounce_rate'].value:.1f}%",
            "Pages / session": f"{summary['pages_per_session'].value:.2f}"}


def shown_tiles(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_an_editor_connects_a_folder_of_daily_files_and_sees_the_library_figures(app_test, log_root):
    go(app_test.run(), "behaviour")
    assert t("behaviour.connect", "en") in [box.label for box in app_test.expander]
    connect(app_test, "days")
    shown = shown_tiles(app_test)
    for label, value in expected_tiles(log_root).items():
        assert shown[label] == value, label
    files = len(list((log_root / "days").iterdir()))
    assert any(caption.value.startswith("Connected log: ") and f"({files:,} files" in caption.value
               for caption in app_test.caption)
    assert t("behaviour.connected_no_sessions", "en") in [caption.value for caption in app_test.caption]
    assert not app_test.error
    app_test.button(key="behaviour_disconnect").click().run()
    assert not [caption for caption in app_test.caption if caption.value.startswith("Connected log: ")]
    assert t("behaviour.connect", "en") in [box.label for box in app_test.expander]


def test_chosen_funnel_steps_measure_the_connected_log_again_and_back(app_test, log_root):
    go(app_test.run(), "behaviour")
    connect(app_test, "days")
    files = list(locate("days", Limits((log_root.resolve(),))).files)
    guessed = analyse_log(files).funnel()["sessions"].tolist()
    assert chart_data(app_test, "funnel")["sessions"].tolist() == guessed
    widget(app_test.multiselect, "behaviour_steps_").set_value(["view_item", "purchase"]).run()
    assert not app_test.exception, app_test.exception[0].message
    chosen = analyse_log(files, steps=["view_item", "purchase"]).funnel()["sessions"].tolist()
    assert chosen != guessed and chart_data(app_test, "funnel")["sessions"].tolist() == chosen
    widget(app_test.multiselect, "behaviour_steps_").set_value(["view_item", "add_to_cart", "begin_checkout",
                                                               "purchase"]).run()
    assert chart_data(app_test, "funnel")["sessions"].tolist() == guessed


def test_a_new_read_or_going_back_to_uploads_closes_the_connected_logs_connection(app_test, log_root):
    import duckdb

    go(app_test.run(), "behaviour")
    connect(app_test, "days")
    first = app_test.session_state[behaviour_ui._CONNECTED].base
    assert first.summary()["sessions"] > 0  # open while in use
    widget(app_test.number_input, "behaviour_gap_").set_value(45.0).run()
    assert not app_test.exception, app_test.exception[0].message
    second = app_test.session_state[behaviour_ui._CONNECTED].base
    assert second is not first and second.summary()["sessions"] > 0
    with pytest.raises(duckdb.ConnectionException):
        first.summary()
    app_test.button(key="behaviour_disconnect").click().run()
    assert behaviour_ui._CONNECTED not in app_test.session_state
    with pytest.raises(duckdb.ConnectionException):
        second.summary()


def test_a_path_outside_the_allowed_folder_is_refused_on_the_page(app_test, log_root):
    go(app_test.run(), "behaviour")
    connect(app_test, "/etc")
    assert any("/etc" in error.value and "is outside the folders this server allows" in error.value
               for error in app_test.error)
    assert kept_value(app_test, "behaviour_log_path", "log") is None
    assert not [caption for caption in app_test.caption if caption.value.startswith("Connected log: ")]


def test_without_the_server_setting_there_is_no_path_control(app_test, monkeypatch):
    monkeypatch.delenv("JOURNEY_LENS_LOG_ROOTS", raising=False)
    go(app_test.run(), "behaviour")
    assert not [box for box in app_test.text_input if box.key == INPUT_KEY]
    assert t("behaviour.connect", "en") not in [box.label for box in app_test.expander]


def test_a_viewer_sees_the_connected_log_and_no_path_control(app_test, log_root, shared_data):
    upload(app_test, shared_data / "airline_passenger_satisfaction_sample.csv")
    go(app_test, "behaviour")
    connect(app_test, "days")
    token = view_link(app_test)
    viewer = new_app()
    open_page(viewer, "behaviour", project=token, lang="zh")
    assert not [box for box in viewer.text_input if box.key == INPUT_KEY]
    assert not [button for button in viewer.button if button.key in ("behaviour_connect", "behaviour_disconnect")]
    expected = expected_tiles(log_root)
    shown = shown_tiles(viewer)
    assert shown[t("behaviour.tile.sessions", "zh")] == expected["Sessions"]
    assert shown[t("behaviour.tile.visitors", "zh")] == expected["Visitors"]


# The Journey page from a connected log ------------------------------------------------------------------------

@pytest.fixture
def planted_root(tmp_path, monkeypatch):
    """A server folder holding the sample web log with planted frustration (loops, a back and forth) as one file."""
    (tmp_path / "planted.csv").write_bytes(planted_frustration())
    monkeypatch.setenv("JOURNEY_LENS_LOG_ROOTS", str(tmp_path))
    return tmp_path


def no_pandas(monkeypatch) -> None:
    """From now on, reading a log into pandas fails the test."""
    def refused(*args, **kwargs):
        raise AssertionError("the log was loaded into the Python process")

    monkeypatch.setattr(behaviour_ui, "analyse", refused)
    monkeypatch.setattr(behaviour_ui, "exports", refused)


def assert_journey_shows(app, path, lang: str) -> None:
    """The Journey page's stage cards and per-stage table hold the pandas figures of the log at ``path``."""
    assert not app.exception, app.exception[0].message
    found = analyse(path)
    stages = found.stages().merge(found.frustration()[1], on=["stage", "sessions"]).set_index("stage")
    captions = [caption.value for caption in app.caption]
    purchase = stages.loc["purchase"]
    assert t("behaviour.journey.card", lang, n=f"{purchase['sessions']:,}", reach=f"{purchase['reach']:.0f}",
             leave=f"{purchase['drop_off']:.0f}% ({purchase['drop_low']:.0f}–{purchase['drop_high']:.0f}%)") in captions
    assert t("behaviour.journey.card_frustrated", lang, signal=t("behaviour.frustration.loop", lang),
             share=f"{purchase['frustrated_share']:.0f}% ({purchase['frustrated_low']:.0f}–"
                   f"{purchase['frustrated_high']:.0f}%)") in captions
    table = next(frame.value for frame in app.dataframe
                 if t("behaviour.journey.sessions", lang) in frame.value.columns).set_index(t("journey.stage", lang))
    for stage, row in stages.iterrows():
        shown = table.loc[t(f"stage.{stage}", lang)]
        assert shown[t("behaviour.journey.sessions", lang)] == row["sessions"], stage
        assert shown[t("behaviour.journey.reach", lang)] == pytest.approx(row["reach"]), stage
        if row["sessions"]:
            assert shown[t("behaviour.journey.leave", lang)] == pytest.approx(row["drop_off"]), stage
            assert shown[t("behaviour.journey.frustrated", lang)] == pytest.approx(row["frustrated_share"]), stage
    assert t("behaviour.journey.source_connected", lang, path=plain(path.name), files="1",
             mb=f"{path.stat().st_size / 1024 ** 2:,.1f}") in captions


def test_the_journey_page_shows_the_connected_logs_stage_figures_equal_to_pandas(app_test, planted_root,
                                                                                  monkeypatch):
    go(app_test.run(), "behaviour")
    connect(app_test, "planted.csv")
    no_pandas(monkeypatch)
    go(app_test, "journey")
    assert_journey_shows(app_test, planted_root / "planted.csv", "en")


def test_a_view_link_shows_the_connected_logs_stage_figures_on_the_journey_page(app_test, planted_root, shared_data,
                                                                                monkeypatch):
    upload(app_test, shared_data / "airline_passenger_satisfaction_sample.csv")
    go(app_test, "behaviour")
    connect(app_test, "planted.csv")
    token = view_link(app_test)
    no_pandas(monkeypatch)
    viewer = open_page(new_app(), "journey", project=token, lang="zh")
    assert_journey_shows(viewer, planted_root / "planted.csv", "zh")

@pytest.fixture
def counted(monkeypatch):
    """The paths the page checks against the server's limits (every call of ``locate`` from the page)."""
    calls = []

    def counting(path, allowed):
        calls.append(path)
        return locate(path, allowed)

    monkeypatch.setattr(connected, "locate", counting)
    return calls


@pytest.fixture
def small_log_root(tmp_path, monkeypatch):
    """A server folder of a few daily files (the sample log's first 1,500 events), allowed by the server setting."""
    lines = AIRLINE_EVENTS.read_text(encoding="utf-8").splitlines()[:1501]
    source = tmp_path / "source.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    root = tmp_path / "root"
    daily_files(root / "days", source)
    monkeypatch.setenv("JOURNEY_LENS_LOG_ROOTS", str(root))
    return root


def swap_for_outside_link(folder, outside) -> str:
    """Replace the first daily file of ``folder`` by a symlink to a log outside the allowed folders; its name."""
    victim = min(folder.iterdir())
    victim.unlink()
    victim.symlink_to(daily_files(outside)[0])
    return victim.name


def refused(app, name: str) -> bool:
    return any(plain(name) in error.value and "is a link leading outside the folders this server allows" in error.value
               for error in app.error)


def test_the_log_is_checked_again_only_when_its_folder_changes(app_test, small_log_root, counted, tmp_path_factory):
    log_root = small_log_root
    go(app_test.run(), "behaviour")
    connect(app_test, "days")
    counted.clear()
    app_test.run()
    assert counted == [] and not app_test.error  # the same folder: the check is kept, no file opened again
    extra = log_root / "days" / "events_2099-01-01.csv"
    extra.write_bytes(min((log_root / "days").iterdir()).read_bytes())
    app_test.run()
    assert counted and f"({len(list((log_root / 'days').iterdir())):,} files" in " ".join(
        caption.value for caption in app_test.caption)
    name = swap_for_outside_link(log_root / "days", tmp_path_factory.mktemp("private"))
    app_test.run()
    assert refused(app_test, name) and not app_test.metric


def test_a_file_swapped_for_an_outside_link_is_refused_when_read_even_if_the_folder_time_stays(
        app_test, small_log_root, counted, tmp_path_factory, monkeypatch):
    """On a file system whose folder times do not move within a clock tick, the kept check may be stale: the
    files are checked again right before they are read."""
    monkeypatch.setattr(connected, "_stamp", lambda path, allowed: ("unchanged",))
    go(app_test.run(), "behaviour")
    connect(app_test, "days")
    name = swap_for_outside_link(small_log_root / "days", tmp_path_factory.mktemp("private"))
    app_test.run()
    assert refused(app_test, name) and not app_test.metric


def test_a_log_duckdb_cannot_read_says_what_to_do_in_the_app(app_test, small_log_root):
    log_root = small_log_root
    broken = sorted((log_root / "days").iterdir())[1]
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[3] += ',"unterminated'
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    go(app_test.run(), "behaviour")
    connect(app_test, "days")
    shown = " ".join(error.value for error in app_test.error)
    files = len(list((log_root / "days").iterdir()))
    assert f"({files:,} files\\) could not be read" in shown and plain(broken.name) in shown
    assert "disconnect the log and upload its files instead" in shown and "--engine" not in shown
    assert not app_test.metric and not app_test.exception
