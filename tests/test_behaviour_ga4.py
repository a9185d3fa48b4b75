"""GA4's BigQuery export read as an event log, by both engines: nested ``event_params`` (newline-delimited JSON for
pandas; Parquet and JSON-in-CSV for DuckDB) and a query's flattened CSV, against the hand-counted fixture
(tests/fixtures/ga4/README.md)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analysis.behaviour import google_analytics as ga4
from analysis.behaviour.engine import analyse_log
from analysis.behaviour.report import analyse, report

FIXTURE = Path(__file__).parent / "fixtures" / "ga4" / "events.jsonl"
PARAMS = ", ".join(f"list_filter(event_params, lambda p: p.key = '{key}')[1].value AS {key}_v" for key in ga4.PARAMS)


def hand_counted(found) -> None:
    """The fixture's figures as counted by hand in its README."""
    figures = report(found)
    assert (figures["visitors"], figures["sessions"], figures["events"]) == (3, 4, 13)
    assert figures["excluded"] == {"marker": 2, "missing_session": 1}
    assert figures["session_by"]["sessions"] == {"session_id": 4}
    assert figures["session_by"]["columns"] == ["ga_session_id"]
    assert figures["bounce_rate"]["value"] == pytest.approx(25.0)
    assert figures["conversion"]["value"] == pytest.approx(25.0) and figures["conversion_events"] == ["purchase"]
    assert [(row["label"], row["sessions"]) for row in figures["funnel"]] == [
        ("view_item", 2), ("add_to_cart", 2), ("begin_checkout", 1), ("purchase", 1)]
    channels = {row["group"]: row["sessions"] for row in figures["channels"]}
    assert channels == {"direct": 2, "campaign": 1, "organic_search": 1}


def flattened_csv(tmp_path: Path) -> Path:
    """The CSV an analyst's UNNEST query gives: the three parameters as columns, event_params left out."""
    path = tmp_path / "flat.csv"
    duckdb.execute(f"""COPY (SELECT event_date, event_timestamp, event_name, user_pseudo_id,
                           coalesce(ga_session_id_v.int_value, ga_session_id_v.string_value) AS ga_session_id,
                           page_location_v.string_value AS page_location,
                           page_referrer_v.string_value AS page_referrer
                    FROM (SELECT *, {PARAMS} FROM read_json('{FIXTURE}'))) TO '{path}' (HEADER)""")
    return path


def test_the_nested_export_reads_as_counted_by_hand_with_pandas():
    found = analyse(FIXTURE)
    hand_counted(found)
    first = found.ordered.iloc[0]
    assert first["time"] == pd.Timestamp("2024-03-04 10:00:00")  # microseconds since the epoch, UTC
    assert first["referrer"] == "https://www.google.com/"
    assert found.ordered["page"].tolist()[:3] == ["/", "/products/*", "/products/*"]


def test_parquet_and_json_in_csv_read_in_place_with_duckdb_give_the_same(tmp_path):
    columnar, text = tmp_path / "events.parquet", tmp_path / "params.csv"
    duckdb.execute(f"COPY (SELECT * FROM read_json('{FIXTURE}')) TO '{columnar}'")
    duckdb.execute(f"COPY (SELECT * EXCLUDE (device) REPLACE (to_json(event_params) AS event_params) "
                   f"FROM read_json('{FIXTURE}')) TO '{text}' (HEADER)")
    expected = report(analyse(FIXTURE))
    expected.pop("files")
    for path in (columnar, text):
        found = analyse_log([path])
        hand_counted(found)
        figures = report(found)
        figures.pop("files")
        assert figures == expected, path.name


def test_a_flattened_csv_and_a_frame_of_nested_records_read_the_same(tmp_path):
    flat = flattened_csv(tmp_path)
    hand_counted(analyse(flat))
    hand_counted(analyse_log([flat]))
    frame = pd.read_parquet(_parquet(tmp_path))  # event_params as arrays of dicts, as pandas gives Parquet
    hand_counted(analyse(("events.parquet", frame)))


def _parquet(tmp_path: Path) -> Path:
    path = tmp_path / "nested.parquet"
    duckdb.execute(f"COPY (SELECT * FROM read_json('{FIXTURE}')) TO '{path}'")
    return path


def test_parameters_are_taken_from_lists_or_json_text_and_missing_ones_are_none():
    params = [{"key": "ga_session_id", "value": {"int_value": 17}}, {"key": "page_location",
                                                                     "value": {"string_value": "https://a/"}}]
    assert ga4.param(params, "ga_session_id") == "17"
    assert ga4.param('[{"key": "page_location", "value": {"string_value": "https://a/"}}]', "page_location") \
        == "https://a/"
    assert ga4.param(params, "page_referrer") is None
    assert ga4.param("not json", "page_location") is None and ga4.param(None, "page_location") is None
    other = pd.DataFrame({"client_id": ["a"], "timestamp": ["2024-01-01"], "page": ["/"]})
    assert ga4.flatten(other) is other  # not GA4: untouched
    flat = pd.DataFrame({"event_name": ["x"], "event_timestamp": [1], "user_pseudo_id": ["u"],
                         "event_params": [None], "page_location": ["/"], "event_params.ga_session_id": ["1"]})
    assert ga4.missing_params(flat.columns) == ["page_referrer"]
