"""The project store on SQLite and on a real PostgreSQL server: schema migrations, datasets, settings,
pins, share links and read-only handles, isolation and concurrent sessions."""
from __future__ import annotations

import hashlib
import inspect
import threading
import uuid
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import MetaData, create_engine, select, text

from analysis.errors import InputError
from analysis.io import load_export
from analysis.pins import Pin, table_payload
from analysis.store import WRITE_METHODS, LinkRevoked, ProjectHandle, ReadOnly, link_url, open_store
from analysis.store import engines, location, migrations, store as store_module
from analysis.store.frames import export_details, parquet_bytes
from analysis.store.records import now

FIXTURES = Path(__file__).parent / "fixtures"
READS = {"can_edit", "info", "datasets", "dataset", "frame", "export", "file_bytes", "setting", "settings", "setting_history",
         "classifiers", "classifier", "views", "view", "pins", "notes", "links"}
WRITES = {"rename", "add_dataset", "add_file", "set_setting", "save_classifier", "save_view", "delete_view", "add_pin",
          "edit_pin", "delete_pin", "reorder_pins", "add_note", "edit_note", "delete_note", "create_links",
          "regenerate", "revoke", "delete"}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """The URL of a new, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_url")
    name = f"jl_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    admin.dispose()
    yield url
    engines.engine_for(url).dispose()


@pytest.fixture
def store(empty_url):
    return open_store(empty_url)


@pytest.fixture
def project(store) -> ProjectHandle:
    return store.create_project("Airline study")


def survey_frame(rows: int = 3) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"r{i}" for i in range(rows)], "nps": [str(i % 11) for i in range(rows)],
                         "comment": ["good", None, "bad"][:rows] + ["ok"] * max(rows - 3, 0)},
                        index=pd.RangeIndex(2, rows + 2))


def dump(url: str) -> list[tuple[str, list]]:
    """Every row of every table, as the database holds them."""
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(bind=engine)
    with engine.connect() as connection:
        found = [(table.name, connection.execute(select(table)).all()) for table in meta.sorted_tables]
    engine.dispose()
    return found


# -- schema ------------------------------------------------------------------------------------------

def test_an_empty_database_is_migrated_to_the_latest_schema(store):
    tables = set(store.tables.tables)
    assert {"schema_version", "projects", "datasets", "links", "settings", "classifiers", "views", "pins",
            "notes"} <= tables
    versions = dict(dump(store.url))["schema_version"]
    assert [row.version for row in versions] == list(range(1, migrations.SCHEMA_VERSION + 1))


def test_a_v1_database_is_opened_and_migrated_with_its_data(empty_url):
    frame = survey_frame()
    engine = engines.engine_for(empty_url)
    with engines.writing(engine) as connection:
        assert migrations.migrate(connection, now(), upto=1) == 1
        connection.execute(text("INSERT INTO projects (name, created) VALUES ('Old', '2024-01-02T03:04:05+00:00')"))
        project_id = connection.execute(text("SELECT id FROM projects")).scalar()
        meta = MetaData()
        meta.reflect(bind=connection)
        connection.execute(meta.tables["datasets"].insert().values(
            project_id=project_id, version=1, file_name="old.csv", size=10, sha256="0" * 64, rows=3, columns=3,
            data=parquet_bytes(frame), created="2024-01-02T03:04:05+00:00"))
    assert "pins" not in meta.tables and "updated" not in meta.tables["projects"].c

    old = open_store(empty_url).find_project("Old")
    assert old.info().updated == old.info().created
    (dataset,) = old.datasets()
    assert (dataset.version, dataset.kind, dataset.details) == (1, "survey", {})  # kind filled in by v3
    pd.testing.assert_frame_equal(old.frame(), frame)
    assert old.add_dataset(survey_frame(4), "new.csv", "survey").dataset.version == 2
    assert old.add_pin(Pin("table", "t", {"columns": [], "records": []})).position == 0


def test_migrating_again_changes_nothing(store):
    with engines.writing(store.engine) as connection:
        assert migrations.migrate(connection, now()) == migrations.SCHEMA_VERSION
    assert len(dict(dump(store.url))["schema_version"]) == migrations.SCHEMA_VERSION


def test_a_database_from_a_later_version_is_refused(store, monkeypatch):
    with engines.writing(store.engine) as connection:
        connection.execute(text("INSERT INTO schema_version (version, applied) VALUES (99, 'later')"))
    monkeypatch.setattr(store_module, "_READY", {})
    with pytest.raises(InputError) as raised:
        open_store(store.url)
    assert raised.value.message.code == "error.store.newer_schema"


# -- datasets ----------------------------------------------------------------------------------------

def test_a_published_export_comes_back_equal_with_its_digest(project):
    path = FIXTURES / "dirty_airline_survey.csv"
    source = path.read_bytes()
    export = load_export(path)
    added = project.add_dataset(export.frame, export.name, "survey", source=source, details=export_details(export))
    assert not added.deduplicated
    version = project.dataset()
    assert version == added.dataset
    assert (version.size, version.sha256) == (len(source), hashlib.sha256(source).hexdigest())
    assert (version.rows, version.columns, version.file_name) == (*export.frame.shape, "dirty_airline_survey.csv")
    pd.testing.assert_frame_equal(project.frame(), export.frame)
    again = project.export()
    pd.testing.assert_frame_equal(again.frame, export.frame)
    assert (again.name, again.format, again.questions, again.header_rows, again.bad_rows) == (
        export.name, export.format, export.questions, export.header_rows, export.bad_rows)


def test_versions_are_added_never_overwritten(project):
    first, second = survey_frame(3), survey_frame(5)
    assert project.add_dataset(first, "a.csv", "survey").dataset.version == 1
    assert project.add_dataset(second, "a.csv", "survey").dataset.version == 2
    same = project.add_dataset(second, "a.csv", "survey")
    assert (same.dataset.version, same.deduplicated) == (2, True)  # the same as the latest: nothing added
    assert project.add_dataset(second, "a.csv", "survey", dedupe=False).dataset.version == 3
    assert project.add_dataset(first, "a.csv", "survey").dataset.version == 4  # an older file is the new latest
    project.add_dataset(survey_frame(4), "posts.csv", "feedback")
    pd.testing.assert_frame_equal(project.frame(1), first)
    pd.testing.assert_frame_equal(project.frame(2), second)
    pd.testing.assert_frame_equal(project.frame(4), first)
    assert [item.version for item in project.datasets()] == [1, 2, 3, 4, 5]
    assert project.dataset(kind="survey").version == 4
    assert project.dataset(kind="feedback").version == 5
    with pytest.raises(InputError):
        project.dataset(9)


def test_a_file_kept_as_its_bytes_comes_back_as_they_were(project):
    path = FIXTURES / "dirty_airline_survey.csv"
    source = path.read_bytes()
    project.add_dataset(survey_frame(), "a.csv", "survey")
    added = project.add_file(source, "web log.csv", "events")
    kept = added.dataset
    assert (added.deduplicated, kept.version, kept.kind, kept.file_name) == (False, 2, "events", "web log.csv")
    assert (kept.size, kept.sha256, kept.rows, kept.columns) == (len(source), hashlib.sha256(source).hexdigest(), 0, 0)
    assert kept.details == {"as_file": True} and project.dataset(kind="events") == kept
    assert project.file_bytes(2) == source and isinstance(project.file_bytes(2), bytes)
    again = project.add_file(source, "web log.csv", "events")
    assert (again.deduplicated, again.dataset.version) == (True, 2)  # the same bytes as the latest: nothing added
    export = load_export(path)  # parsed only when asked, as load_export reads the file
    pd.testing.assert_frame_equal(project.frame(2), export.frame)
    assert project.export(2).bad_rows == export.bad_rows and project.export(2).name == "web log.csv"
    pd.testing.assert_frame_equal(project.frame(1), survey_frame())  # a parsed version is read as before
    with pytest.raises(InputError):
        project.file_bytes(9)



def test_a_viewer_reads_a_kept_file(store, project):
    project.add_file(b"visitor,time,page\nv1,2025-01-01 10:00,/\n", "log.csv", "events")
    viewer = store.open_by_token(project.create_links().view)
    assert viewer.file_bytes(1) == b"visitor,time,page\nv1,2025-01-01 10:00,/\n"


def test_reads_are_fresh_copies(project):
    project.add_dataset(survey_frame(), "a.csv", "survey")
    project.set_setting("stage_map", {"Check-in": "purchase"})
    project.save_view("mine", "journey", {"channel": ["web"]})
    frame, stages, view = project.frame(), project.setting("stage_map"), project.view("mine")
    frame.iloc[0, 0] = "changed"
    stages["Check-in"] = "service"
    view.params["channel"].append("app")
    assert project.frame().iloc[0, 0] == "r0"
    assert project.setting("stage_map") == {"Check-in": "purchase"}
    assert project.view("mine").params == {"channel": ["web"]}
    assert project.frame() is not project.frame()


# -- settings, classifiers, views, pins, notes ---------------------------------------------------------

def test_settings_keep_every_version(project):
    assert project.setting("mapping", "none") == "none"
    project.set_setting("mapping", [{"column": "Q1", "role": "nps"}])
    saved = project.set_setting("mapping", [{"column": "Q1", "role": "csat"}])
    project.set_setting("labels", {"Q1": "Likelihood"})
    assert saved.version == 2
    assert project.setting("mapping") == [{"column": "Q1", "role": "csat"}]
    assert [item.value[0]["role"] for item in project.setting_history("mapping")] == ["nps", "csat"]
    assert project.settings() == {"mapping": [{"column": "Q1", "role": "csat"}], "labels": {"Q1": "Likelihood"}}


def test_classifiers_views_and_notes(project):
    project.save_classifier("sentiment", b"\x00model-1", {"macro_f1": 0.71})
    project.save_classifier("sentiment", b"\x00model-2", {"macro_f1": 0.74})
    assert project.classifier("sentiment").model == b"\x00model-2"
    assert project.classifier("missing") is None
    assert [item.meta["macro_f1"] for item in project.classifiers()] == [0.71, 0.74]

    project.save_view("Web only", "journey", {"channel": "web"})
    project.save_view("Web only", "compare", {"by": "channel"})
    assert [(view.name, view.page, view.params) for view in project.views()] == [("Web only", "compare",
                                                                                   {"by": "channel"})]
    assert project.delete_view("Web only") and not project.delete_view("Web only")

    note = project.add_note("Check-in is the weakest stage")
    project.edit_note(note.id, "Check-in and boarding")
    assert [item.text for item in project.notes()] == ["Check-in and boarding"]
    project.delete_note(note.id)
    assert project.notes() == []
    with pytest.raises(InputError):
        project.delete_note(note.id)


def test_pins_are_added_edited_reordered_and_deleted(store, project):
    chart = {"mark": "bar", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    first = project.add_pin(Pin("chart", "NPS by stage", chart, note="Service lags", page="journey", lang="en"))
    second = project.add_pin(Pin("table", "Touchpoints", table_payload(pd.DataFrame({"t": ["Wi-Fi"], "m": [2.5]}))))
    third = project.add_pin(Pin("chart", "Third", chart))
    assert [pin.position for pin in (first, second, third)] == [0, 1, 2]
    assert second.payload == {"columns": ["t", "m"], "records": [{"t": "Wi-Fi", "m": 2.5}]}
    assert project.edit_pin(first.id, note="Service lags most").note == "Service lags most"
    project.reorder_pins([third.id, first.id, second.id])
    assert [pin.title for pin in project.pins()] == ["Third", "NPS by stage", "Touchpoints"]
    with pytest.raises(InputError):
        project.reorder_pins([third.id, first.id])
    project.delete_pin(third.id)
    assert [pin.id for pin in project.pins()] == [first.id, second.id]
    other = store.create_project("Other study")
    with pytest.raises(InputError):
        other.delete_pin(first.id)  # a pin of another project
    with pytest.raises(InputError):
        project.add_pin(Pin("video", "x", {}))


def test_project_names_are_unique(store, project):
    with pytest.raises(InputError) as raised:
        store.create_project(" Airline study ")
    assert raised.value.message.code == "error.store.project_exists"
    project.rename("Airline study 2024")
    assert [item.name for item in store.projects()] == ["Airline study 2024"]
    with pytest.raises(InputError):
        store.project(12345)
    assert store.find_project("nothing") is None


# -- share links -----------------------------------------------------------------------------------

def test_tokens_are_long_random_and_stored_only_hashed(store, project):
    issued = project.create_links()
    for token in (issued.edit, issued.view):
        assert len(token) >= 43 and len(set(token)) > 10  # 32 random bytes = 256 bits, URL-safe base64
    assert issued.edit != issued.view
    for table, rows in dump(store.url):
        for row in rows:
            for value in row:
                held = value.decode("latin-1") if isinstance(value, (bytes, memoryview)) else str(value)
                assert issued.edit not in held and issued.view not in held, f"a raw token is in {table}"
    if store.url.startswith("sqlite"):
        stored = Path(store.url.removeprefix("sqlite:///"))
        for path in stored.parent.glob(stored.name + "*"):  # the file and its WAL
            assert issued.edit.encode() not in path.read_bytes()
    assert link_url(issued.view, "https://lens.example.org/") == f"https://lens.example.org/?project={issued.view}"


def test_a_token_opens_its_project_with_its_role(store, project):
    issued = project.create_links()
    edit, view = store.open_by_token(issued.edit), store.open_by_token(issued.view)
    assert (edit.project_id, edit.role, edit.can_edit) == (project.project_id, "edit", True)
    assert (view.project_id, view.role, view.can_edit) == (project.project_id, "view", False)
    for wrong in ("", "x" * 43, issued.view[:-1], issued.view + "A", None, 42, "' OR 1=1 --"):
        assert store.open_by_token(wrong) is None
    assert set(project.links()) == {"edit", "view"}


def test_revoked_and_regenerated_links_stop_working(store, project):
    issued = project.create_links()
    view = store.open_by_token(issued.view)
    assert project.revoke("view") is True and project.revoke("view") is False
    assert store.open_by_token(issued.view) is None
    assert project.links()["view"] is None
    with pytest.raises(LinkRevoked):
        view.pins()  # a session already open is cut off too
    new_edit = project.regenerate("edit")
    assert store.open_by_token(issued.edit) is None
    assert store.open_by_token(new_edit).role == "edit"
    again = project.create_links()
    assert store.open_by_token(new_edit) is None and store.open_by_token(again.view).role == "view"
    with pytest.raises(InputError):
        project.revoke("admin")


def test_an_edit_session_that_regenerates_its_own_link_keeps_working(store, project):
    edit = store.open_by_token(project.create_links().edit)
    fresh = edit.regenerate("edit")
    edit.add_note("still here")
    assert store.open_by_token(fresh).notes()[0].text == "still here"


def test_every_handle_method_is_classified_as_read_or_write():
    public = {name for name, _ in inspect.getmembers(ProjectHandle) if not name.startswith("_")}
    assert public == READS | WRITES, "a new handle method: add it to READS or WRITES (and mark writes @writes)"
    assert set(WRITE_METHODS) == WRITES


def test_a_view_handle_refuses_every_write(store, project):
    pin = project.add_pin(Pin("chart", "t", {"mark": "bar"}))
    note = project.add_note("n")
    view = store.open_by_token(project.create_links().view)
    before = dump(store.url)
    arguments = {
        "rename": ("New",), "add_dataset": (survey_frame(), "a.csv", "survey"), "add_file": (b"x", "a.csv", "events"),
        "set_setting": ("k", 1),
        "save_classifier": ("c", b"x"), "save_view": ("v", "journey", {}), "delete_view": ("v",),
        "add_pin": (Pin("chart", "t", {}),), "edit_pin": (pin.id,), "delete_pin": (pin.id,),
        "reorder_pins": ([pin.id],), "add_note": ("x",), "edit_note": (note.id, "y"), "delete_note": (note.id,),
        "create_links": (), "regenerate": ("view",), "revoke": ("view",), "delete": (),
    }
    assert set(arguments) == set(WRITE_METHODS)
    for name in WRITE_METHODS:
        with pytest.raises(ReadOnly):
            getattr(view, name)(*arguments[name])
    assert dump(store.url) == before
    assert [item.title for item in view.pins()] == ["t"]  # reading is fine


# -- concurrency, location, errors ------------------------------------------------------------------

def test_sessions_in_eight_threads_share_the_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'busy.sqlite3'}"
    shared = open_store(url).create_project("Shared")
    errors = []

    def session(number: int) -> None:
        try:
            store = open_store(url)
            own = store.create_project(f"Session {number}")
            mine = store.project(shared.project_id)
            for step in range(5):
                mine.add_pin(Pin("table", f"{number}-{step}", {"columns": [], "records": []}))
                own.set_setting("view", {"step": step})
                own.add_dataset(survey_frame(3 + step), f"{number}.csv", "survey")
                assert len(mine.pins()) >= step + 1
            assert [item.version for item in own.datasets()] == [1, 2, 3, 4, 5]
        except Exception as err:  # collected for the assertion below
            errors.append(err)

    threads = [threading.Thread(target=session, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(shared.pins()) == 40 and len({pin.position for pin in shared.pins()}) == 40
    assert len(open_store(url).projects()) == 9


def test_the_location_comes_from_the_argument_the_variable_or_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(location.STORE_VARIABLE, raising=False)
    monkeypatch.setenv(location.DATA_VARIABLE, str(tmp_path / "data"))
    assert location.store_url() == f"sqlite:///{tmp_path / 'data' / 'store.sqlite3'}"
    assert (tmp_path / "data").is_dir()
    monkeypatch.delenv(location.DATA_VARIABLE)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert location.store_url() == f"sqlite:///{tmp_path / 'xdg' / 'journey-lens' / 'store.sqlite3'}"
    monkeypatch.setenv(location.STORE_VARIABLE, str(tmp_path / "env.db"))
    assert location.store_url() == f"sqlite:///{tmp_path / 'env.db'}"
    assert location.store_url(tmp_path / "arg.db") == f"sqlite:///{tmp_path / 'arg.db'}"
    assert location.store_url("postgres://u:secret@db/lens") == "postgresql+psycopg://u:secret@db/lens"
    assert location.shown("postgresql+psycopg://u:secret@db/lens") == "postgresql+psycopg://u:***@db/lens"


@pytest.mark.parametrize("url", ["postgresql://nobody:secret@127.0.0.1:9/none", "nonsense://x", "sqlite:///"
                                 "/proc/no/such/folder/store.db"])
def test_an_unreachable_store_is_one_clear_error(url):
    with pytest.raises(InputError) as raised:
        open_store(url)
    assert raised.value.message.code == "error.store.unreachable"
    assert "secret" not in str(raised.value)


def test_names_are_normalised_and_control_characters_refused_on_every_database(store, project):
    """NUL in a name or a note is one clear refusal on SQLite and on PostgreSQL (PostgreSQL's text cannot hold
    it; it once surfaced as a raw DataError)."""
    assert store.create_project("Hotel\u00a0 B").info().name == "Hotel B"
    for call in (lambda: store.create_project("Hotel\x00C"), lambda: project.add_note("note\x00"),
                 lambda: project.save_view("view\x00", "journey", {}),
                 lambda: project.add_pin(Pin("table", "t", {"columns": [], "records": []}, "n\x00"))):
        with pytest.raises(InputError) as raised:
            call()
        assert raised.value.message.code in ("error.name.invisible", "error.name.control")
        assert "U+0000" in str(raised.value)
    assert project.save_view("  Seats\u00a0and boarding ", "journey", {}).name == "Seats and boarding"
