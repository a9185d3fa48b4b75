"""Databases the server allows for event logs (``JOURNEY_LENS_LOG_DATABASES``): the setting parsed with each bad
entry named by place and name (never its URL); a table in a throw-away PostgreSQL (tests/pg.py) analysed to the
file-based engine's figures; table names checked before they reach the database; failures told by database name and
table, never with the URL or its password."""
from __future__ import annotations

import pytest

from analysis.behaviour.engine import analyse_log
from analysis.behaviour.engine.databases import (
    CONNECT_TIMEOUT_S,
    DATABASES_ENV,
    analyse_database,
    checked_table,
    configured,
    databases,
    head,
    tables,
    url_of,
)
from analysis.errors import InputError
from tests.test_behaviour_engine import assert_same_figures
from tests.test_behaviour_remote import LOG, TABLE, copy_log

SECRET = "s3cr3t-pw"
DOWN = f"postgresql://reader:{SECRET}@127.0.0.1:1/shop"


def setting(value: str) -> dict[str, str]:
    return {DATABASES_ENV: value}


def raised(call, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_the_setting_lists_names_and_urls_in_order():
    found = databases(setting(f"shop={DOWN}\n  lake=spark://local[2]\twarehouse=postgres+psycopg://u@h/db"))
    assert found == {"shop": DOWN, "lake": "spark://local[2]", "warehouse": "postgres+psycopg://u@h/db"}
    assert databases({}) == {} and databases(setting("  ")) == {}
    assert configured(setting("lake")) and not configured(setting(" \n")) and not configured({})  # a bad list is set
    assert url_of("lake", setting("lake=spark://local")) == "spark://local"


def test_bad_entries_are_named_by_place_and_name_never_by_url():
    err = raised(databases, setting(f"ok=spark://local {DOWN} bad!name=spark://local ok=postgresql://x/y "
                                    f"mysql=mysql://root:{SECRET}@h/db"))
    assert err.message.code == "error.log_db.setting"
    said = err.text("en")
    assert [entry.code for entry in err.message.params["entries"]] == [
        "error.log_db.entry.no_name", "error.log_db.entry.bad_name", "error.log_db.entry.repeated",
        "error.log_db.entry.bad_url"]
    assert "entry 2 (no NAME= before its URL)" in said and "entry 3, named 'bad!name'" in said
    assert "entry 4, named 'ok' (the name is given twice)" in said and "entry 5, named 'mysql'" in said
    assert DATABASES_ENV in said
    for text in (said, err.text("zh"), str(err.message.params)):
        assert SECRET not in text and "127.0.0.1" not in text and "mysql://" not in text


def test_a_name_no_longer_allowed_is_told_by_name():
    err = raised(url_of, "shop", setting("lake=spark://local"))
    assert err.message.code == "error.log_db.not_allowed" and "'shop'" in err.text("en")


@pytest.mark.parametrize("table", ["events; DROP TABLE x", "a.b.c d", '"quoted"', "", "1abc", "x--", "public."])
def test_table_names_other_than_identifiers_are_refused_before_any_query(table):
    err = raised(analyse_database, "shop", table, env=setting(f"shop={DOWN}"))
    assert err.message.code == "error.log_db.table_name"


def test_plain_table_names_pass():
    assert checked_table("shop", " public.web_events ") == "public.web_events"
    assert checked_table("shop", "_Events2") == "_Events2"


def test_a_database_that_cannot_be_reached_is_told_without_its_reply():
    err = raised(tables, "shop", setting(f"shop={DOWN}"))
    assert err.message.code == "error.log_db.unreachable"
    for lang in ("en", "zh"):
        assert "'shop'" in err.text(lang) or "“shop”" in err.text(lang)
        assert SECRET not in err.text(lang) and "127.0.0.1" not in err.text(lang)


@pytest.fixture(scope="module")
def allowed(postgres_url, shared_data):
    """The test database allowed as ``shop``, the web events sample in a table, another table without a time."""
    import psycopg

    url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    copy_log(url, TABLE, shared_data / "clickstream" / LOG)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS no_times")
        connection.execute("CREATE TABLE no_times (colour text, size integer)")
        connection.execute("INSERT INTO no_times VALUES ('red', 1)")
    return setting(f"shop={url}")


def test_a_table_is_analysed_in_the_database_to_the_file_engines_figures(allowed, shared_data):
    engine = analyse_database("shop", TABLE, env=allowed)
    reference = analyse_log([shared_data / "clickstream" / LOG])
    assert_same_figures(reference, engine, files=[TABLE])
    engine.con.close()


def test_the_database_offers_its_tables_and_a_tables_first_rows(allowed):
    assert {TABLE, "no_times"} <= set(tables("shop", allowed))
    first = head("shop", TABLE, allowed)
    assert len(first) == 50
    assert list(first.columns) == ["client_id", "page_url", "referrer", "timestamp", "event_name", "event_data",
                                   "user_agent"]


def test_a_mixed_case_table_is_found_as_listed_and_a_folded_name_as_written(allowed, postgres_url):
    import psycopg

    url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute('DROP TABLE IF EXISTS "WebEvents"; DROP SCHEMA IF EXISTS "Shop" CASCADE')
        connection.execute(f'CREATE TABLE "WebEvents" AS SELECT * FROM {TABLE}')
        connection.execute(f'CREATE SCHEMA "Shop"; CREATE TABLE "Shop"."Events" AS SELECT * FROM {TABLE} LIMIT 60')
    listed = tables("shop", allowed)
    assert {"WebEvents", "Shop.Events"} <= set(listed)
    assert len(head("shop", "WebEvents", allowed)) == 50 and len(head("shop", "Shop.Events", allowed)) == 50
    assert len(head("shop", TABLE.upper(), allowed)) == 50  # created unquoted: found as PostgreSQL folds it
    whole = analyse_database("shop", "WebEvents", env=allowed)
    assert whole.summary()["sessions"] == analyse_database("shop", TABLE, env=allowed).summary()["sessions"]
    assert raised(head, "shop", "webevents", allowed).message.code == "error.log_db.no_table"


def test_a_missing_table_or_a_table_without_events_is_told_by_database_and_table(allowed):
    missing = raised(analyse_database, "shop", "no_such_events", env=allowed)
    assert missing.message.code == "error.log_db.no_table"
    assert "'shop'" in missing.text("en") and "'no_such_events'" in missing.text("en")
    wrong = raised(analyse_database, "shop", "no_times", env=allowed)
    assert "no_times" in wrong.text("en")
    url = allowed[DATABASES_ENV].split("=", 1)[1]
    for err in (missing, wrong):
        assert url not in err.text("en") and "host=" not in err.text("en")


def test_a_later_failure_of_a_held_analysis_names_the_database_and_table(allowed):
    """The page keeps the analysis and its connection: a query failing later (the connection lost) is told by
    database name and table too, not by the URL the remote layer would otherwise quote."""
    engine = analyse_database("shop", TABLE, env=allowed)
    engine.con.connection.close()
    err = raised(engine.retention, "week")
    assert err.message.code == "error.log_db.failed"
    said = err.text("en")
    assert said.startswith(f"The database 'shop' could not analyse the table '{TABLE}': ")
    url = allowed[DATABASES_ENV].split("=", 1)[1]
    assert url not in said and "host=" not in said and "/tmp/" not in said


def test_a_server_that_does_not_answer_is_given_up_after_the_timeout(monkeypatch):
    """A page never waits on the operating system's minutes-long connect for a host that drops packets."""
    import psycopg

    asked = {}

    def unanswered(conninfo, **options):
        asked.update(options)
        raise psycopg.OperationalError(f"connection to {conninfo} timed out")

    monkeypatch.setattr(psycopg, "connect", unanswered)
    err = raised(tables, "shop", setting(f"shop={DOWN}"))
    assert asked["connect_timeout"] == CONNECT_TIMEOUT_S and err.message.code == "error.log_db.unreachable"
    assert SECRET not in err.text("en")
