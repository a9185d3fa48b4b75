"""The Behaviour and Journey pages with a table in a database the server allows by name (AppTest, a throw-away
PostgreSQL from tests/pg.py holding the web-events sample): an editor lists the tables, connects one and sees the
file-based engine's figures; a view link shows them without any control; a name the server no longer allows is a
clear message; the URL and its password never appear on the page, in the project's store or in the log."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.behaviour.engine import analyse_log
from analysis.behaviour.engine.databases import DATABASES_ENV
from pages.ui.connected_db import NAME_KEY, PICK_KEY, TABLE_KEY
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import chart_data, go, kept_value, new_app, open_page, upload
from tests.test_behaviour_connected_page import no_pandas, shown_tiles
from tests.test_behaviour_remote import LOG, TABLE, copy_log
from tests.test_projects import view_link

SECRET = "hunter2-not-checked"  # the throw-away server trusts local connections: any password is accepted


@pytest.fixture(scope="module")
def database_url(postgres_url, shared_data) -> str:
    """The test database's URL with a password in it, the web-events sample copied into a table."""
    url = postgres_url.replace("postgresql+psycopg://postgres@", f"postgresql://postgres:{SECRET}@")
    copy_log(url, TABLE, shared_data / "clickstream" / LOG)
    return url


@pytest.fixture
def allowed(database_url, monkeypatch) -> str:
    """The server allows the test database as ``shop`` (and another, unreachable, as ``archive``)."""
    monkeypatch.setenv(DATABASES_ENV, f"shop={database_url} archive=postgresql://nobody:{SECRET}@127.0.0.1:1/none")
    return database_url


@pytest.fixture(scope="module")
def expected(shared_data):
    """The file-based DuckDB engine's figures on the same log."""
    return analyse_log([shared_data / "clickstream" / LOG])


def connect_table(app, table: str = TABLE, name: str = "shop"):
    """Choose the database ``name``, list its tables, choose ``table`` and press Connect."""
    app.selectbox(key=NAME_KEY).set_value(name).run()
    app.button(key="behaviour_db_list").click().run()
    app.selectbox(key=PICK_KEY).set_value(table).run()
    assert app.text_input(key=TABLE_KEY).value == table
    app.button(key="behaviour_db_connect").click().run()
    assert not app.exception, app.exception[0].message
    return app


def assert_figures(app, expected, lang: str = "en") -> None:
    summary = expected.summary()
    shown = shown_tiles(app)
    assert shown[t("behaviour.tile.sessions", lang)] == f"{summary['sessions']:,}"
    assert shown[t("behaviour.tile.visitors", lang)] == f"{summary['visitors']:,}"
    assert shown[t("behaviour.tile.bounce", lang)] == f"{summary['bounce_rate'].value:.1f}%"
    assert chart_data(app, "funnel")["sessions"].tolist() == expected.funnel()["sessions"].tolist()


def page_text(app) -> str:
    """Everything the page holds: each element's message (values, labels, options, help, chart specs) as text."""
    found = []

    def walk(node) -> None:
        if getattr(node, "proto", None) is not None:
            found.append(str(node.proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return "\n".join(found)


def assert_url_hidden(app, url: str) -> None:
    where = url.split("host=")[1].split("&")[0]
    assert "shop" in page_text(app)  # the tree's text holds the captions naming the database
    for text in (page_text(app), repr(kept_value(app, "behaviour_log_database"))):
        assert SECRET not in text and url not in text and where not in text


def assert_journey_stages(app, expected) -> None:
    """The Journey page names the table and sets its stage figures (the file engine's) beside the survey."""
    assert not app.exception, app.exception[0].message
    assert t("behaviour.journey.source_db", "en", table=plain(TABLE), name="shop") in [c.value for c in app.caption]
    table = next(frame.value for frame in app.dataframe
                 if t("behaviour.journey.sessions", "en") in frame.value.columns).set_index(t("journey.stage", "en"))
    for stage, row in expected.stages().set_index("stage").iterrows():
        assert table.loc[t(f"stage.{stage}", "en"), t("behaviour.journey.sessions", "en")] == row["sessions"], stage


def test_an_editor_connects_a_table_and_sees_the_file_engines_figures_on_both_pages(app_test, allowed, expected,
                                                                                    caplog, monkeypatch):
    """Behaviour, then Journey (the log never read into pandas), then disconnect."""
    caplog.set_level(logging.DEBUG)
    go(app_test.run(), "behaviour")
    assert t("behaviour.connect_db", "en") in [box.label for box in app_test.expander]
    assert app_test.selectbox(key=NAME_KEY).options == ["shop", "archive"]
    connect_table(app_test)
    assert kept_value(app_test, "behaviour_log_database", "log") == {"database": "shop", "table": TABLE}
    assert t("behaviour.connected_db", "en", table=plain(TABLE), name="shop") in [c.value for c in app_test.caption]
    assert_figures(app_test, expected)
    assert t("behaviour.read_table", "en", events=f"{expected.event_count():,}", table=plain(TABLE)) in " ".join(
        caption.value for caption in app_test.caption)
    assert not app_test.error
    assert_url_hidden(app_test, allowed)
    no_pandas(monkeypatch)
    go(app_test, "journey")
    assert_journey_stages(app_test, expected)
    assert_url_hidden(app_test, allowed)
    assert SECRET not in caplog.text and allowed not in caplog.text
    go(app_test, "behaviour")
    app_test.button(key="behaviour_disconnect").click().run()
    assert kept_value(app_test, "behaviour_log_database", "log") is None
    assert not [caption for caption in app_test.caption if caption.value.startswith("Connected log: ")]


def test_an_unreachable_database_or_a_missing_table_is_a_sentence(app_test, allowed):
    go(app_test.run(), "behaviour")
    app_test.selectbox(key=NAME_KEY).set_value("archive").run()
    app_test.button(key="behaviour_db_list").click().run()
    said = " ".join(error.value for error in app_test.error)
    assert "The database 'archive' could not be reached" in said and SECRET not in said and "127.0.0.1" not in said
    app_test.selectbox(key=NAME_KEY).set_value("shop").run()
    app_test.text_input(key=TABLE_KEY).input("orders; DROP TABLE web_events").run()
    app_test.button(key="behaviour_db_connect").click().run()
    assert "'orders; DROP TABLE web\\_events' is not a table name the app reads from the database 'shop'" in " ".join(
        error.value for error in app_test.error)
    app_test.text_input(key=TABLE_KEY).input("no_such_events").run()
    app_test.button(key="behaviour_db_connect").click().run()
    assert "The database 'shop' has no table 'no\\_such\\_events'" in " ".join(e.value for e in app_test.error)
    assert kept_value(app_test, "behaviour_log_database", "log") is None and not app_test.exception


def test_a_view_link_shows_the_figures_without_controls_and_a_name_no_longer_allowed_is_told(
        app_test, allowed, expected, shared_data, monkeypatch):
    upload(app_test, shared_data / "airline_passenger_satisfaction_sample.csv")
    go(app_test, "behaviour")
    connect_table(app_test)
    token = view_link(app_test)
    assert store_files_holding("airline_passenger_satisfaction_sample") and not store_files_holding(SECRET, allowed)
    viewer = open_page(new_app(), "behaviour", project=token, lang="zh")
    assert_figures(viewer, expected, "zh")
    assert not [box for box in viewer.selectbox if box.key in (NAME_KEY, PICK_KEY)]
    assert not [box for box in viewer.text_input if box.key == TABLE_KEY]
    assert not [button for button in viewer.button
                if button.key in ("behaviour_db_connect", "behaviour_db_list", "behaviour_disconnect")]
    assert_url_hidden(viewer, allowed)
    monkeypatch.setenv(DATABASES_ENV, "archive=postgresql://nobody@127.0.0.1:1/none")
    gone = open_page(new_app(), "behaviour", project=token)
    said = " ".join(error.value for error in gone.error)
    assert "The database 'shop' is no longer allowed on this server" in said and plain(DATABASES_ENV) in said
    assert not gone.metric and not gone.exception


def store_files_holding(*secrets: str) -> list[str]:
    """The SQLite store's files (with its write-ahead log) holding any of ``secrets``, read by another process: a
    process that opens and closes a SQLite file drops every lock its own connections hold on it (POSIX locks are
    per process), and the command line's writes then corrupt what this process reads."""
    store = Path(os.environ["JOURNEY_LENS_STORE"])
    script = ("import sys, pathlib; store = pathlib.Path(sys.argv[1]); print('\\n'.join(str(file) for file in "
              "store.parent.glob(store.name + '*') if any(s.encode() in file.read_bytes() for s in sys.argv[2:])))")
    done = subprocess.run([sys.executable, "-c", script, str(store), *secrets], capture_output=True, text=True,
                          check=True)
    return done.stdout.split()


def test_no_database_control_without_the_setting(app_test, monkeypatch):
    monkeypatch.delenv(DATABASES_ENV, raising=False)
    go(app_test.run(), "behaviour")
    assert t("behaviour.connect_db", "en") not in [box.label for box in app_test.expander]
    assert not [box for box in app_test.selectbox if box.key == NAME_KEY]
