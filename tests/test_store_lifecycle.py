"""The store's data lifecycle on SQLite and a real PostgreSQL server: deleting a project leaves nothing of it in
any table and touches no other project; retention removes projects neither changed nor opened for N days; the
command line's delete and purge; and migrations run exactly once when three processes open an empty store at
the same moment."""
from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from analysis.errors import InputError
from analysis.logs import JsonFormatter
from analysis.messages import CODES
from analysis.pins import Pin
from analysis.store import LinkRevoked, ReadOnly, engines, lifecycle, migrations, open_store, sweeper
from analysis.store.records import Issued
from pages.ui import serve
from tests import test_store
from tests.pg import free_port
from tests.test_store import dump, survey_frame

ROOT = Path(__file__).resolve().parents[1]
empty_url = test_store.empty_url  # the same fixture: a new database of each kind
HELD = {"datasets", "settings", "classifiers", "views", "pins", "notes", "links"}


def filled(store, name: str):
    """A project holding something in every table, and its links."""
    project = store.create_project(name)
    project.add_dataset(survey_frame(), f"{name}.csv", "survey")
    project.add_dataset(survey_frame(5), f"{name}-2.csv", "survey")
    project.set_setting("mapping", [{"column": "nps", "role": "nps"}])
    project.set_setting("mapping", [{"column": "nps", "role": "csat"}])
    project.save_classifier("sentiment", b"\x00model", {"macro_f1": 0.7})
    project.save_view(f"{name} web", "journey", {"channel": ["web"]})
    project.add_pin(Pin("table", f"{name} pin", {"columns": [], "records": []}))
    project.add_note(f"{name} note")
    issued = project.create_links()
    return project, Issued(issued.edit, project.regenerate("view"))  # and a revoked view link


def rows_of(url: str, project_id: int) -> dict[str, list]:
    """Every row that names ``project_id``, by table."""
    found = {}
    for table, rows in dump(url):
        if table == "projects":
            found[table] = [row for row in rows if row.id == project_id]
        elif rows and "project_id" in rows[0]._fields:
            found[table] = [row for row in rows if row.project_id == project_id]
    return {table: rows for table, rows in found.items() if rows}


def backdate(store, project_id: int, updated_days: float, opened_days: float | None = None) -> None:
    """Make project ``project_id`` last changed (and opened) that many days ago."""
    moment = datetime.now(timezone.utc)
    values = {"updated": lifecycle.cutoff(updated_days, moment),
              "opened": None if opened_days is None else lifecycle.cutoff(opened_days, moment)}
    table = store.tables.tables["projects"]
    with engines.writing(store.engine) as connection:
        connection.execute(table.update().where(table.c.id == project_id).values(**values))


# -- deleting a project ------------------------------------------------------------------------------

def test_every_table_that_holds_a_project_is_known_and_worded(empty_url):
    store = open_store(empty_url)
    held = {table.name for table in lifecycle.held_tables(store.tables)}
    assert held == HELD, "a new table holds projects: say in the README what it keeps"
    assert all(f"store.table.{name}" in CODES for name in held)


def test_deleting_a_project_leaves_nothing_of_it_and_touches_no_other(empty_url):
    store = open_store(empty_url)
    doomed, doomed_links = filled(store, "Doomed study")
    kept, kept_links = filled(store, "Kept study")
    others_before = rows_of(store.url, kept.project_id)
    assert set(rows_of(store.url, doomed.project_id)) == HELD | {"projects"}

    removal = store.open_by_token(doomed_links.edit).delete()

    assert removal.project.name == "Doomed study"
    assert removal.rows == {"datasets": 2, "settings": 2, "classifiers": 1, "views": 1, "pins": 1, "notes": 1,
                            "links": 3}
    assert rows_of(store.url, doomed.project_id) == {}
    assert "Doomed" not in repr(dump(store.url))  # no name, file name, note or pin title left anywhere
    assert rows_of(store.url, kept.project_id) == others_before
    assert store.open_by_token(kept_links.edit).datasets()[-1].file_name == "Kept study-2.csv"
    assert [project.name for project in store.projects()] == ["Kept study"]


def test_an_old_link_of_a_deleted_project_says_so(empty_url):
    store = open_store(empty_url)
    project, issued = filled(store, "Gone")
    viewer = store.open_by_token(issued.view)
    assert store.removal(issued.view) is None  # still works
    project.delete()
    assert store.open_by_token(issued.view) is None and store.open_by_token(issued.edit) is None
    for token in (issued.view, issued.edit):
        assert store.removal(token).reason == "deleted"
    assert store.removal("x" * 43) is None and store.removal("not a token") is None
    with pytest.raises(LinkRevoked):  # a session already open is cut off
        viewer.pins()


def test_a_view_link_cannot_delete_and_a_dry_run_changes_nothing(empty_url):
    store = open_store(empty_url)
    project, issued = filled(store, "Study")
    viewer, editor = store.open_by_token(issued.view), store.open_by_token(issued.edit)
    before = dump(store.url)
    with pytest.raises(ReadOnly):
        viewer.delete()
    would = editor.delete(dry_run=True)
    assert would.rows["datasets"] == 2 and would.rows["links"] == 3
    assert dump(store.url) == before
    assert [str(item) for item in lifecycle.held({"datasets": 2, "pins": 0})] == ["file versions: 2"]
    assert [str(item) for item in lifecycle.held({"pins": 0})] == ["no files, settings, pins or links"]


# -- retention ---------------------------------------------------------------------------------------

def test_retention_removes_only_projects_neither_changed_nor_opened_for_the_days(empty_url):
    store = open_store(empty_url)
    stale, stale_links = filled(store, "Stale")
    viewed, _ = filled(store, "Old but viewed")
    fresh, _ = filled(store, "Fresh")
    backdate(store, stale.project_id, updated_days=40, opened_days=35)
    backdate(store, viewed.project_id, updated_days=40, opened_days=2)
    backdate(store, fresh.project_id, updated_days=0.5)
    before = dump(store.url)
    others = {project.project_id: rows_of(store.url, project.project_id) for project in (viewed, fresh)}

    assert [removal.project.name for removal in store.purge(30, dry_run=True)] == ["Stale"]
    assert dump(store.url) == before
    removed = store.purge(30)

    assert [removal.project.name for removal in removed] == ["Stale"]
    assert removed[0].project.touched.date() == (datetime.now(timezone.utc) - timedelta(days=35)).date()
    assert rows_of(store.url, stale.project_id) == {}
    assert {project_id: rows_of(store.url, project_id) for project_id in others} == others
    assert store.removal(stale_links.view).reason == "expired"
    assert store.purge(30) == []
    assert [removal.project.name for removal in store.purge(1, dry_run=True)] == ["Old but viewed"]


def test_two_sweeps_applying_retention_at_once_remove_each_project_once(empty_url):
    store = open_store(empty_url)
    stale = []
    for number in range(4):
        project, _ = filled(store, f"Stale {number}")
        backdate(store, project.project_id, updated_days=90)
        stale.append(f"Stale {number}")
    filled(store, "Fresh")
    start, found, errors = threading.Barrier(2), [], []

    def sweep() -> None:
        start.wait()
        try:
            found.extend(removal.project.name for removal in open_store(empty_url).purge(30))
        except Exception as err:  # collected for the assertion below
            errors.append(err)

    workers = [threading.Thread(target=sweep) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == [] and sorted(found) == stale
    assert [project.name for project in store.projects()] == ["Fresh"]


def test_opening_by_link_counts_as_a_touch_recorded_at_most_hourly(empty_url):
    store = open_store(empty_url)
    project, issued = filled(store, "Study")
    backdate(store, project.project_id, updated_days=50)
    assert project.info().opened is None
    store.open_by_token(issued.view)
    first = project.info().opened
    assert datetime.now(timezone.utc) - first < timedelta(minutes=5)
    store.open_by_token(issued.view)
    assert project.info().opened == first  # within the hour: not written again
    backdate(store, project.project_id, updated_days=50, opened_days=2 / 24)
    store.open_by_token(issued.edit)
    assert project.info().opened > first
    assert store.purge(30) == []


def test_a_store_that_cannot_be_written_still_opens_its_links(tmp_path):
    path = tmp_path / "store.sqlite3"
    issued = open_store(str(path)).create_project("Study").create_links()
    read_only = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    opened = read_only.open_by_token(issued.view)
    assert opened.info().name == "Study" and opened.info().opened is None


@pytest.mark.parametrize("value, days", [("", None), ("0", None), (" 30 ", 30), ("365", 365)])
def test_the_retention_setting_is_read_from_the_environment(monkeypatch, value, days):
    monkeypatch.setenv(lifecycle.RETENTION_VARIABLE, value)
    assert lifecycle.retention_days() == days


@pytest.mark.parametrize("value", ["-1", "thirty", "1.5", "30d"])
def test_a_bad_retention_setting_is_one_clear_error(value):
    with pytest.raises(InputError) as raised:
        lifecycle.retention_days(value)
    assert raised.value.message.code == "error.store.retention"
    assert lifecycle.RETENTION_VARIABLE in str(raised.value)


@pytest.fixture
def sweeping(monkeypatch, caplog):
    """Sweepers started by a test are this test's own; what they log is captured."""
    monkeypatch.setattr(sweeper, "_STARTED", {})
    caplog.set_level(logging.INFO, logger=sweeper.__name__)
    return caplog


def finished(started: sweeper.Sweeper) -> None:
    """Let ``started`` finish the sweep it began at once, and stop it there."""
    started.stopped.set()
    started.join(timeout=120)
    assert not started.is_alive()


def test_each_process_sweeps_in_the_background_once_started(empty_url, monkeypatch, sweeping):
    store = open_store(empty_url)
    old, _ = filled(store, "Old study")
    backdate(store, old.project_id, updated_days=10)
    filled(store, "Fresh study")
    monkeypatch.setenv(lifecycle.RETENTION_VARIABLE, "7")

    started = sweeper.start_sweeping(empty_url)
    assert sweeper.start_sweeping(empty_url) is started and started.daemon  # one sweeper per process and store
    assert started is not threading.current_thread()
    finished(started)

    assert [project.name for project in store.projects()] == ["Fresh study"]
    assert rows_of(store.url, old.project_id) == {}
    lines = [record for record in sweeping.records if record.name == sweeper.__name__]
    assert len(lines) == 1 and lines[0].getMessage() == "retention: removed 1 project(s) untouched for 7 days"
    logged = json.loads(JsonFormatter().format(lines[0]))
    assert (logged["removed"], logged["days"], logged["level"]) == (1, 7, "info") and logged["ms"] >= 0
    assert "study" not in json.dumps(logged).lower()


def test_the_sweep_function_removes_old_projects_and_already_removed_ones_are_fine(empty_url, sweeping):
    store = open_store(empty_url)
    old, _ = filled(store, "Old")
    backdate(store, old.project_id, updated_days=40)
    assert [removal.project.name for removal in sweeper.sweep(store, 30)] == ["Old"]
    assert sweeper.sweep(open_store(empty_url), 30) == []  # another process's sweep finds nothing left


def test_no_sweeper_without_a_retention_setting_and_a_bad_one_is_logged(empty_url, monkeypatch, sweeping):
    store = open_store(empty_url)
    old, _ = filled(store, "Old")
    backdate(store, old.project_id, updated_days=400)
    monkeypatch.delenv(lifecycle.RETENTION_VARIABLE, raising=False)
    assert sweeper.start_sweeping(empty_url) is None
    monkeypatch.setenv(lifecycle.RETENTION_VARIABLE, "a week")
    assert sweeper.start_sweeping(empty_url) is None
    assert [record.msg for record in sweeping.records] == ["retention not applied: %s"]
    assert [project.name for project in store.projects()] == ["Old"]


def test_a_sweep_of_a_store_that_is_down_is_logged_and_the_sweeper_carries_on(monkeypatch, sweeping):
    monkeypatch.setenv(lifecycle.RETENTION_VARIABLE, "7")
    started = sweeper.start_sweeping(f"postgresql://nobody:secret@127.0.0.1:{free_port()}/none")
    finished(started)
    failed = [record for record in sweeping.records if record.name == sweeper.__name__]
    assert [record.msg for record in failed] == ["retention sweep failed"] and failed[0].exc_info
    assert "secret" not in JsonFormatter().format(failed[0])


# -- the command line --------------------------------------------------------------------------------

def test_the_command_line_deletes_and_purges(tmp_path, run_cli):
    location = tmp_path / "store.sqlite3"
    store = open_store(str(location))
    filled(store, "Survey 2024")
    old, _ = filled(store, "Survey 2019")
    backdate(store, old.project_id, updated_days=400)

    dry = run_cli("delete", "Survey 2024", "--dry-run", "--store", location)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "Would delete project 'Survey 2024' and everything it holds (file versions: 2, setting versions: 2, "
        "trained classifiers: 1, saved views: 1, pins: 1, notes: 1, share links: 3).", "Dry run: nothing was changed."]
    listed = run_cli("--lang", "zh", "purge", "--older-than", "365", "--dry-run", "--store", location)
    assert listed.returncode == 0 and "将移除项目 “Survey 2019”" in listed.stdout
    assert store.find_project("Survey 2019") is not None

    purged = run_cli("purge", "--store", location, "--json", env={lifecycle.RETENTION_VARIABLE: "365"})
    assert purged.returncode == 0, purged.stderr
    assert '"project": "Survey 2019"' in purged.stdout and store.find_project("Survey 2019") is None
    deleted = run_cli("delete", "Survey 2024", "--store", location)
    assert deleted.stdout.startswith("Deleted project 'Survey 2024'") and store.projects() == []
    for args, error in ((("delete", "Survey 2024"), "There is no project 'Survey 2024'"),
                        (("purge", "--older-than", "0"), "--older-than must be a whole number of days"),
                        (("purge",), "give --older-than DAYS or set JOURNEY_LENS_RETENTION_DAYS")):
        failed = run_cli(*args, "--store", location, env={lifecycle.RETENTION_VARIABLE: ""})
        assert failed.returncode == 2 and error in failed.stderr and "Traceback" not in failed.stderr


# -- migrations when several processes start at once -------------------------------------------------

OPEN_WHEN_TOLD = ("import sys; from analysis.store import open_store; sys.stdin.readline(); "
                  "print(len(open_store(sys.argv[1]).tables.tables))")


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_url(request, tmp_path):
    """A database that does not exist yet as a table: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'new.sqlite3'}"
    admin = create_engine(request.getfixturevalue("postgres_url"), isolation_level="AUTOCOMMIT")
    name = f"jl_race_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    admin.dispose()
    return url


def test_three_processes_opening_an_empty_store_at_once_migrate_it_exactly_once(blank_url):
    """Each process imports first, then waits on its stdin; all three are released together, so their
    migrations race for real."""
    processes = [subprocess.Popen([sys.executable, "-c", OPEN_WHEN_TOLD, blank_url], cwd=ROOT, text=True,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(3)]
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    outcomes = [process.communicate(timeout=120) for process in processes]

    assert [process.returncode for process in processes] == [0, 0, 0], [error for _, error in outcomes]
    assert len({out for out, _ in outcomes}) == 1  # every process sees the same tables
    versions = dict(dump(blank_url))["schema_version"]
    assert sorted(row.version for row in versions) == list(range(1, migrations.SCHEMA_VERSION + 1))


def test_the_app_server_command_starts_the_sweeper_of_its_store(monkeypatch, sweeping):
    monkeypatch.setenv(lifecycle.RETENTION_VARIABLE, "3650")
    started = serve.background_retention()
    assert isinstance(started, sweeper.Sweeper) and started.location is None  # the store of JOURNEY_LENS_STORE
    finished(started)
    assert [record.getMessage() for record in sweeping.records if record.name == sweeper.__name__] == [
        "retention: removed 0 project(s) untouched for 3650 days"]
