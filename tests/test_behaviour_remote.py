"""The behaviour engine where the events are: one real log through pandas (the oracle), DuckDB, Spark in local
mode and PostgreSQL (a throw-away cluster, tests/pg.py). Every figure of the ``behaviour`` command and every table
of the page (sessions, bounce, the funnels, retention, paths, stages, frustration) must be the same, and the
session tables of the three SQL engines identical row for row."""
from __future__ import annotations

import json

import pandas as pd
import psycopg
import pytest

from analysis.behaviour.engine import analyse_log
from analysis.behaviour.engine.remote import Postgres, Spark, analyse_table, connect
from analysis.behaviour.report import analyse
from analysis.cli import main
from analysis.errors import InputError
from tests.test_behaviour_engine import assert_same_figures, same_frames, same_values

LOG = "web_events_sample.csv"
TABLE = "web_events"
COLUMNS = ["visitor", "start", "end", "duration_s", "events", "pages", "entry_page", "exit_page", "channel", "device",
           "visitor_type", "bounce", "converted", "funnel_steps"]


@pytest.fixture(scope="module")
def log_path(shared_data):
    return shared_data / "clickstream" / LOG


@pytest.fixture(scope="module")
def reference(log_path):
    """The pandas oracle and the DuckDB engine on the log's file."""
    return analyse([str(log_path)]), analyse_log([str(log_path)])


@pytest.fixture(scope="module")
def spark(log_path):
    """One SparkSession in local mode for the module, the log loaded as a table (every value as text)."""
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[1]").appName("journey-lens-tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "1").config("spark.default.parallelism", "1")
               .config("spark.sql.adaptive.enabled", "false").config("spark.driver.memory", "512m").getOrCreate())
    session.sparkContext.setLogLevel("OFF")
    session.read.csv(str(log_path), header=True, multiLine=True, escape='"').createOrReplaceTempView(TABLE)
    yield session
    session.stop()


def copy_log(url: str, table: str, path, delimiter: str = ",") -> None:
    """Copy a CSV log into a new PostgreSQL table of text columns (blanks as NULL)."""
    header = path.read_text(encoding="utf-8").splitlines()[0].split(delimiter)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP TABLE IF EXISTS {table}")
        connection.execute(f"CREATE TABLE {table} ({', '.join(f'{name} text' for name in header)})")
        with connection.cursor().copy(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true, "
                                      f"DELIMITER '{delimiter}')") as copy:
            copy.write(path.read_bytes())


@pytest.fixture(scope="module")
def postgres(postgres_url, log_path):
    """The URL of the test database with the log copied into a table."""
    url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    copy_log(url, TABLE, log_path)
    return url


def session_table(engine) -> pd.DataFrame:
    """An engine's sessions in visitor and start order, the columns every engine shares."""
    found = engine.con.execute(f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in COLUMNS)} FROM sessions").df()
    found = found.sort_values(["visitor", "start"]).reset_index(drop=True)
    return found.astype({"events": "int64", "pages": "int64", "bounce": bool, "converted": bool,
                         "funnel_steps": "int64", "duration_s": float})


def headline(behaviour) -> dict:
    """Visitors, sessions, bounce rate, pages per session, time on page and conversion as plain values."""
    return {name: value.to_dict() if hasattr(value, "to_dict") else value
            for name, value in behaviour.summary().items()}


def assert_same_as_reference(reference, engine) -> None:
    oracle, duck = reference
    assert_same_figures(oracle, engine, files=[TABLE])
    expected = session_table(duck)
    pd.testing.assert_frame_equal(expected, session_table(engine), check_dtype=False, rtol=1e-9)
    sessions = oracle.sessions.sort_values(["visitor", "start"]).reset_index(drop=True)
    assert expected["visitor"].tolist() == sessions["visitor"].tolist()
    assert expected["bounce"].tolist() == sessions["bounce"].tolist()
    assert expected["funnel_steps"].tolist() == sessions["funnel_steps"].tolist()


def test_spark_local_gives_the_same_tables(reference, spark):
    """Sessions, bounce, the closed and open funnel and retention (every figure takes a minute more on Spark: the
    PostgreSQL test below compares them all through the same transpiled queries)."""
    oracle, duck = reference
    engine = analyse_table(Spark.start("spark://local[1]", spark), TABLE)
    assert engine.files() == [TABLE]
    pd.testing.assert_frame_equal(session_table(duck), session_table(engine), check_dtype=False, rtol=1e-9)
    same_values(*(headline(found) for found in (oracle, engine)))
    same_frames(oracle.funnel(), engine.funnel(), "funnel")
    same_frames(oracle.open_funnel(), engine.open_funnel(), "open funnel")
    for period in ("week", "month"):
        same_frames(oracle.retention(period), engine.retention(period), f"retention by {period}")


def test_postgres_gives_the_same_figures(reference, postgres):
    engine = analyse_table(postgres, TABLE)
    assert_same_as_reference(reference, engine)
    engine.con.close()


def test_postgres_follows_markers_and_two_time_columns(shared_data, postgres):
    """The e-shop log: semicolons and CRLF, a Date and a Time column, start and end markers bounding the visits."""
    path = shared_data / "clickstream" / "eshop_clickstream_sample.csv"
    copy_log(postgres, "eshop", path, ";")
    oracle, engine = analyse([str(path)]), analyse_table(postgres, "eshop")
    assert engine.session_by()["sessions"] == {"markers": len(oracle.sessions)}
    assert_same_figures(oracle, engine, files=["eshop"])
    engine.con.close()


def test_the_command_runs_where_the_events_are(reference, postgres, capsys):
    assert main(["behaviour", "--engine", postgres, "--table", TABLE, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    oracle, _ = reference
    assert found["files"] == [TABLE]
    assert found["sessions"] == len(oracle.sessions) and found["funnel"]


@pytest.mark.parametrize("argv, code", [
    (["--engine", "oracle://db", "--table", TABLE], "error.behaviour.engine_url"),
    (["--engine", "spark://local"], "error.behaviour.remote_table"),
    (["--table", TABLE], "error.behaviour.remote_table"),
    ([], "error.behaviour.no_files"),
])
def test_the_command_says_what_is_wrong(argv, code, capsys):
    from analysis.messages import text

    assert main(["behaviour", *argv]) == 2
    shown = capsys.readouterr().err
    assert shown.startswith("error: ") and len(shown.strip().splitlines()) == 1
    assert text(code, "en", url="'oracle://db'", schemes="spark://, postgresql://") in shown


def test_a_missing_table_or_server_is_a_sentence(postgres):
    with pytest.raises(InputError) as missing:
        analyse_table(postgres, "no_such_events")
    assert missing.value.message.code == "error.behaviour.no_table"
    with pytest.raises(InputError) as refused:
        connect("postgresql://nobody:secret@127.0.0.1:1/none")
    assert refused.value.message.code == "error.behaviour.remote_failed"
    assert "secret" not in str(refused.value.message.params)
    assert isinstance(connect(postgres), Postgres)


def test_each_engine_lists_its_tables(spark, postgres):
    """What the app offers an editor to connect: the loaded log among the engine's tables."""
    assert TABLE in Spark.start("spark://local[1]", spark).tables()
    found = connect(postgres)
    assert TABLE in found.tables() and not [name for name in found.tables() if name.startswith(("pg_", "information"))]
    found.close()
