"""A store that cannot be used (a damaged file, a read-only or full disk) is one clear sentence naming the store,
never a traceback or a blamed input file; publishing is all or nothing; and the app goes on analysing an
upload in the session, saying in the sidebar that it cannot be saved."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from analysis.errors import InputError
from analysis.store import engines, open_store
from analysis.store.location import store_url
from analysis.store.publish import publish_file
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import new_app, upload

AIRLINE = "airline_passenger_satisfaction_sample.csv"


def damaged(tmp_path) -> str:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"not a database at all " * 200)
    return str(path)


def read_only(tmp_path) -> str:
    path = tmp_path / "read_only.sqlite3"
    open_store(str(path))
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def full(tmp_path) -> str:
    """A store whose disk holds only a few pages: its tables fit, a dataset does not."""
    url = store_url(tmp_path / "full.sqlite3")

    @event.listens_for(engines.engine_for(url), "connect")
    def _small_disk(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA max_page_count = 40")

    return url


def test_a_damaged_store_is_one_sentence_naming_it(tmp_path):
    with pytest.raises(InputError) as raised:
        open_store(damaged(tmp_path))
    assert raised.value.message.code == "error.store.unreachable"
    assert "damaged.sqlite3" in str(raised.value) and "\n" not in str(raised.value)


def test_a_read_only_store_is_read_and_refuses_writes_in_one_sentence(tmp_path):
    store = open_store(read_only(tmp_path))
    assert store.projects() == []
    with pytest.raises(InputError) as raised:
        store.create_project("Cannot be written")
    assert raised.value.message.code == "error.store.failed" and "readonly" in str(raised.value)


def test_a_full_store_names_itself_and_publishing_leaves_nothing_behind(tmp_path, shared_data):
    location = full(tmp_path)
    with pytest.raises(InputError) as raised:
        publish_file(shared_data / AIRLINE, "Filled the disk", location)
    assert raised.value.message.code == "error.store.failed"
    assert "full" in raised.value.message.params["reason"] and "full.sqlite3" in str(raised.value)
    assert open_store(location).projects() == []  # no empty project left by the failed publish


def test_the_command_line_blames_the_store_not_the_file(tmp_path, shared_data, run_cli):
    done = run_cli("publish", shared_data / AIRLINE, "--store", damaged(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error: The project store ") and done.stderr.count("\n") == 1
    assert "damaged.sqlite3" in done.stderr and AIRLINE not in done.stderr


def test_sqlite_errors_under_the_store_are_database_errors_not_crashes(tmp_path):
    """The DBAPI error a full disk raises is what the store turns into its sentence."""
    connection = sqlite3.connect(tmp_path / "tiny.db")
    connection.execute("PRAGMA max_page_count = 2")
    connection.execute("CREATE TABLE t (x BLOB)")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        connection.execute("INSERT INTO t VALUES (?)", (b"x" * 100_000,))


@pytest.mark.parametrize("store", [damaged, read_only, full])
def test_the_app_keeps_analysing_an_upload_it_cannot_save(tmp_path, shared_data, store_at, store):
    store_at(store(tmp_path))
    app = upload(new_app(), shared_data / AIRLINE)
    assert not app.exception and not app.error
    captions = [caption.value for caption in app.caption]
    assert t("data.using_upload", "en", name=plain(AIRLINE)) in captions
    assert app.metric and app.metric[0].value == "43.2%"
    warnings = [warning.value for warning in app.warning]
    assert any(value.startswith(t("project.not_saved", "en", reason="").rstrip()) for value in warnings), warnings
    assert "project" not in app.query_params  # no link that would open nothing
