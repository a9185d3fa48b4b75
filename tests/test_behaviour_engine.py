"""The DuckDB engine (analysis.behaviour.engine) against the pandas implementation, the oracle: every figure of the
``behaviour`` command and every table the Behaviour page shows (retention, conversion window, weekly funnel and
paths backward, frustration signals too) must be the same, on both real logs and on logs
built to hold each edge case (single-event visitors, equal times, midnight and a clock change, bots, duplicates,
missing referrers, markers and events outside them, session ids, header drift, epoch times)."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.behaviour.engine import analyse_log, can_read
from analysis.behaviour.report import analyse, report
from analysis.errors import InputError

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1"
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
SEGMENTS = ["channel", "device", "visitor_type", "entry_page", "date"]


def same_values(expected, found, where="report"):
    """Equal JSON-like values; floats within rounding (the report rounds to 4 decimals)."""
    if isinstance(expected, dict):
        assert isinstance(found, dict) and list(expected) == list(found), where
        for key in expected:
            same_values(expected[key], found[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(found, list) and len(expected) == len(found), where
        for i, (a, b) in enumerate(zip(expected, found)):
            same_values(a, b, f"{where}[{i}]")
    elif isinstance(expected, float) or isinstance(found, float):
        assert found == pytest.approx(expected, rel=1e-9, abs=1.5e-4), where
    else:
        assert expected == found, where


def same_frames(expected: pd.DataFrame, found: pd.DataFrame, name: str) -> None:
    assert list(expected.columns) == list(found.columns), name
    pd.testing.assert_frame_equal(expected.reset_index(drop=True), found.reset_index(drop=True), check_dtype=False,
                                  rtol=1e-9, obj=name)


def same_paths(expected: pd.DataFrame, found: pd.DataFrame) -> None:
    """Top paths: the same counts in order and the same paths above the last count (ties there may cut either way)."""
    assert expected["sessions"].tolist() == found["sessions"].tolist()
    assert found["share"].to_numpy() == pytest.approx(expected["share"].to_numpy(), rel=1e-9)
    floor = expected["sessions"].min() if len(expected) else 0
    above = {(path, n) for path, n in zip(expected["path"], expected["sessions"]) if n > floor}
    assert above == {(path, n) for path, n in zip(found["path"], found["sessions"]) if n > floor}


def assert_engines_agree(paths, **options) -> tuple:
    """Run both engines on the same files and compare every figure; returns (pandas, duckdb) results."""
    oracle = analyse([str(path) for path in paths], **options)
    engine = analyse_log([str(path) for path in paths], **options)
    assert_same_figures(oracle, engine)
    return oracle, engine


def assert_same_figures(oracle, engine, files: list[str] | None = None) -> None:
    """Every figure of the command and every table of the page: the same from the pandas oracle and an engine
    (``files``: what the engine names its source, when it read a table rather than the oracle's files)."""
    expected = report(oracle)
    if files is not None:
        expected["files"] = files
    same_values(expected, report(engine))
    same_values(oracle.session_by(), engine.session_by(), "session_by")
    same_frames(oracle.funnel(), engine.funnel(), "funnel")
    same_frames(oracle.open_funnel(), engine.open_funnel(), "open funnel")
    same_frames(oracle.pages(), engine.pages(), "pages")
    same_frames(oracle.stages(), engine.stages(), "stages")
    same_frames(oracle.flows(), engine.flows(), "flows")
    for by in SEGMENTS:
        same_frames(oracle.by_segment(by), engine.by_segment(by), by)
        expected, found = oracle.funnel_by(by), engine.funnel_by(by)
        same_frames(expected, found, f"funnel by {by}")
        same_values([test["test"] for test in expected.attrs["tests"]], [test["test"] for test in found.attrs["tests"]])
    same_paths(oracle.paths(), engine.paths())
    drops = oracle.paths_after_drop(), engine.paths_after_drop()
    assert drops[0]["step"].tolist() == drops[1]["step"].tolist()
    for step in drops[0]["step"].unique():
        same_paths(*(drop[drop["step"] == step] for drop in drops))
    same_paths(oracle.paths(length=2, top=5), engine.paths(length=2, top=5))
    for expected, found in zip(oracle.frustration(), engine.frustration()):
        same_frames(expected, found, "frustration")
    for period in ("week", "month"):
        same_frames(oracle.retention(period), engine.retention(period), f"retention by {period}")
    if oracle.steps:
        same_frames(oracle.window_funnel(300), engine.window_funnel(300), "window funnel")
        same_frames(oracle.trended_funnel(), engine.trended_funnel(), "trended funnel")
        goal = oracle.steps[-1].label
        same_frames(oracle.paths_before(goal), engine.paths_before(goal), f"before {goal}")


@pytest.mark.parametrize("name, options", [
    ("eshop_clickstream_sample.csv", {}),
    ("web_events_sample.csv", {}),
    ("web_events_sample.csv", {"keep_bots": True}),
    ("web_events_sample.csv", {"gap_minutes": 5.0}),
])
def test_real_logs_give_the_same_figures(shared_data, name, options):
    oracle, engine = assert_engines_agree([shared_data / "clickstream" / name], **options)
    assert report(engine)["sessions"] == report(oracle)["sessions"] > 100


def test_real_log_with_given_steps_and_conversion(shared_data):
    path = shared_data / "clickstream" / "web_events_sample.csv"
    options = {"steps": ["/products/*", "product_added_to_cart", "checkout_started", "checkout_completed"],
               "conversion": ["checkout_completed"]}
    oracle, engine = assert_engines_agree([path], **options)
    assert [step.kind for step in engine.steps] == ["page", "event", "event", "event"]
    same_frames(oracle.with_steps(["product_added_to_cart", "checkout_completed"]).funnel(),
                engine.with_steps(["product_added_to_cart", "checkout_completed"]).funnel(), "re-stepped funnel")


def _rows(*rows):
    return "\n".join(",".join(row) for row in rows) + "\n"


@pytest.fixture
def edge_log(tmp_path):
    """Two daily files whose headers drifted; the second has session ids. Every edge case the engines must agree on."""
    home, product, cart = "https://shop.test/", "https://shop.test/products/bed?size=q", "https://shop.test/cart"
    checkout, done, google = "https://shop.test/checkouts/1", "https://shop.test/thanks", "https://www.google.com/"
    day1 = _rows(
        ["client_id", "page_url", "referrer", "timestamp", "event_name", "user_agent"],
        ["solo", home, google, "2025-03-29T10:00:00Z", "page_viewed", PHONE],  # one event: a bounce
        ["ties", home, "", "2025-03-29T11:00:00Z", "page_viewed", BROWSER],  # equal times keep file order
        ["ties", product, "", "2025-03-29T11:00:00Z", "page_viewed", BROWSER],
        ["ties", product, "", "2025-03-29T11:00:00Z", "product_added_to_cart", BROWSER],
        ["ties", cart, "", "2025-03-29T11:04:00Z", "page_viewed", BROWSER],
        ["night", home, "", "2025-03-29T23:50:00+01:00", "page_viewed", BROWSER],  # across midnight, local clock
        ["night", product, "", "2025-03-30T00:10:00+01:00", "page_viewed", BROWSER],
        ["night", cart, "", "2025-03-30T01:55:00+01:00", "page_viewed", BROWSER],  # 01:55 CET, then the clock change
        ["night", checkout, "", "2025-03-30T03:05:00+02:00", "checkout_started", BROWSER],  # 10 real minutes later
        ["night", done, "", "2025-03-30T03:20:00+02:00", "checkout_completed", BROWSER],
        ["crawler", home, "", "2025-03-29T12:00:00Z", "page_viewed", BOT],  # a bot, set aside
        ["crawler", product, "", "2025-03-29T12:01:00Z", "page_viewed", BOT],
        ["twice", product, google, "2025-03-29T13:00:00Z", "page_viewed", PHONE],
        ["twice", product, google, "2025-03-29T13:00:00Z", "page_viewed", PHONE],  # an exact duplicate
        ["twice", cart, "", "2025-03-29T13:02:00Z", "product_added_to_cart", PHONE],
        ["gaps", home, "https://news.test/a", "2025-03-29T14:00:00Z", "page_viewed", BROWSER],
        ["gaps", product, "", "2025-03-29T14:30:00Z", "page_viewed", BROWSER],  # exactly 30 minutes: same session
        ["gaps", cart, "", "2025-03-29T15:01:00Z", "page_viewed", BROWSER],  # 31 minutes: a new session
        ["gaps", home, "", "2025-03-29T15:01:00.5Z", "page_viewed", BROWSER],
        ["marked", home, "", "2025-03-29T16:00:00Z", "page_viewed", BROWSER],  # before the first start: outside
        ["marked", home, "", "2025-03-29T16:01:00Z", "start_session", BROWSER],
        ["marked", product, "", "2025-03-29T16:01:00Z", "page_viewed", BROWSER],  # same time as the start: inside
        ["marked", cart, "", "2025-03-29T18:00:00Z", "product_added_to_cart", BROWSER],  # long pause, same visit
        ["marked", cart, "", "2025-03-29T18:00:00Z", "end_session", BROWSER],
        ["marked", home, "", "2025-03-29T18:05:00Z", "page_viewed", BROWSER],  # after the end: outside
        ["marked", home, "", "2025-03-29T19:00:00Z", "session_start", BROWSER],
        ["marked", checkout, "", "2025-03-29T19:02:00Z", "checkout_started", BROWSER],
        ["", home, "", "2025-03-29T20:00:00Z", "page_viewed", BROWSER],  # no visitor
        ["late", home, "", "not a time", "page_viewed", BROWSER],  # no readable time
        ["late", product, "", "2025-03-29T21:00:00Z", "page_viewed", ""],  # no user agent
    )
    day2 = _rows(
        ["clientId", "page_url", "timestamp", "event_name", "session_id", "user_agent"],  # no referrer column
        ["solo", home, "2025-03-30T09:00:00Z", "page_viewed", "s-1", PHONE],  # a returning visitor
        ["solo", product, "2025-03-30T12:00:00Z", "page_viewed", "s-1", PHONE],  # long pause, same session id
        ["solo", cart, "2025-03-30T12:01:00Z", "product_added_to_cart", "s-2", PHONE],
        ["other", product, "2025-03-30T09:30:00Z", "page_viewed", "s-1", BROWSER],  # same id, another visitor
        ["other", done, "2025-03-30T09:31:00Z", "checkout_completed", "", BROWSER],  # blank session id
    )
    (tmp_path / "day1.csv").write_text(day1)
    (tmp_path / "day2.csv").write_text(day2)
    return [tmp_path / "day1.csv", tmp_path / "day2.csv"]


def test_edge_cases_give_the_same_figures(edge_log):
    _, engine = assert_engines_agree(edge_log)
    found = report(engine)
    assert set(found["excluded"]) == {"missing_visitor", "bad_time", "duplicate_event", "marker", "missing_session",
                                      "bot", "outside_session"}
    assert found["session_rule"] == "mixed" and set(found["session_by"]["sessions"]) == {"session_id", "markers",
                                                                                        "inactivity_gap"}
    assert found["funnel"] and found["conversion"] is not None
    assert_engines_agree(edge_log, keep_bots=True, markers=())


def test_one_duckdb_thread_from_the_environment_gives_the_same_figures(edge_log, monkeypatch):
    """``JOURNEY_LENS_DUCKDB_THREADS`` sets DuckDB's threads (one: the same figures); a value DuckDB cannot read is
    the engine's clear error, not a traceback."""
    monkeypatch.setenv("JOURNEY_LENS_DUCKDB_THREADS", "1")
    _, engine = assert_engines_agree(edge_log)
    assert engine.con.execute("SELECT current_setting('threads')").fetchall()[0][0] == 1
    monkeypatch.setenv("JOURNEY_LENS_DUCKDB_THREADS", "many")
    with pytest.raises(InputError) as failed:
        analyse_log(edge_log)
    assert failed.value.message.code == "error.behaviour.engine_failed"


def test_edge_cases_with_a_longer_gap_and_page_groups(edge_log):
    assert_engines_agree(edge_log, gap_minutes=120, page_patterns=["/checkouts/*", "/thanks"],
                         steps=["/products/*", "product_added_to_cart", "checkout_completed"])


def test_epoch_times_and_date_time_columns(tmp_path):
    epoch = tmp_path / "epoch.csv"
    epoch.write_text(_rows(["visitor_id", "timestamp", "page"],
                           ["a", "1740000000000", "/"], ["a", "1740000060000", "/products/x"],
                           ["b", "1740000000000", "/"], ["a", "1740009000000", "/cart"]))
    split = tmp_path / "split.csv"
    split.write_text("COOKIE;Date;Time;Webpage\nc1;2025-03-01;23:59:30;start_session\nc1;2025-03-01;23:59:30;home\n"
                     "c1;2025-03-02;00:00:10;product\nc1;2025-03-02;00:01:00;end_session\n"
                     "c2;2025-03-02;08:00:00;home\nc2;2025-03-02;08:00:00;home\n")
    assert_engines_agree([epoch])
    _, engine = assert_engines_agree([split])
    assert report(engine)["session_by"]["sessions"] == {"markers": 1, "inactivity_gap": 1}


def test_compressed_and_parquet_logs_are_read_in_place(shared_data, tmp_path):
    source = shared_data / "clickstream" / "web_events_sample.csv"
    packed = tmp_path / "events.csv.gz"
    with source.open("rb") as raw, gzip.open(packed, "wb") as out:
        shutil.copyfileobj(raw, out)
    columnar = tmp_path / "events.parquet"
    pd.read_csv(source, dtype=str, keep_default_na=False).replace("", None).to_parquet(columnar)
    expected = report(analyse([str(source)]))
    for path in (packed, columnar):
        assert can_read(path)
        found = report(analyse_log([path]))
        assert found.pop("files") == [path.name]
        same_values({key: value for key, value in expected.items() if key != "files"}, found)
    assert not can_read(tmp_path / "events.xlsx") and not can_read(b"bytes")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("client_id,timestamp,page\na,2025-03-01T10:00:00Z,/caf\u00e9\n".encode("latin-1"))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert not can_read(latin) and not can_read(empty)  # the pandas engine decodes and reports those
    cut = tmp_path / "cut.csv.gz"  # a gzip cut short (an unfinished copy) within the first 64 KB the check reads
    cut.write_bytes(packed.read_bytes()[:2000])
    assert not can_read(cut)


def test_unreadable_times_and_bad_gap_are_the_same_errors(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(_rows(["client_id", "timestamp", "page"], ["a", "soon", "/"], ["b", "later", "/"],
                          ["c", "2025-03-01T10:00:00Z", "/"]))
    with pytest.raises(InputError) as oracle:
        analyse([str(path)])
    with pytest.raises(InputError) as engine:
        analyse_log([path])
    assert engine.value.message == oracle.value.message
    good = tmp_path / "good.csv"
    good.write_text(_rows(["client_id", "timestamp", "page"], ["a", "2025-03-01T10:00:00Z", "/"]))
    with pytest.raises(InputError) as gap:
        analyse_log([good], gap_minutes=0)
    assert gap.value.message.code == "error.behaviour.gap"


def test_a_header_only_file_is_told_alone_and_left_out_among_others(shared_data, tmp_path):
    header = "client_id,page_url,referrer,timestamp,event_name,event_data,user_agent\n"
    empty, blank = tmp_path / "2025-01-03.csv", tmp_path / "blank.csv"
    empty.write_text(header)
    blank.write_text(header + ",,,,,,\n")
    with pytest.raises(InputError) as told:
        analyse_log([empty])
    assert told.value.message.code == "error.behaviour.header_only" and "'2025-01-03.csv'" in told.value.text("en")
    with pytest.raises(InputError) as nothing_left:  # a row without a visitor is set aside, and said so
        analyse_log([blank])
    assert "missing_visitor 1" in nothing_left.value.text("en")
    log = shared_data / "clickstream" / "web_events_sample.csv"
    assert report(analyse_log([log, empty])) == report(analyse_log([log]))  # left out, as pandas leaves it out


def test_quoted_line_breaks_are_read_on_one_thread_with_the_same_figures(shared_data, tmp_path):
    from analysis.behaviour.engine import read

    log = pd.read_csv(shared_data / "clickstream" / "web_events_sample.csv", dtype=str, keep_default_na=False)
    log.loc[log.index[::40], "event_data"] = 'first line\nsecond, "quoted" line'
    path = tmp_path / "multiline.csv"
    log.to_csv(path, index=False)
    assert not read.read_serially([path], RuntimeError("Binder Error: not a reading error"))
    assert_engines_agree([path])
    assert (str(path), path.stat().st_size, path.stat().st_mtime_ns) in read._SERIAL  # DuckDB's parallel reader failed
    assert "parallel = false" in read.scan(path)


def test_a_file_duckdb_cannot_read_is_named_without_its_folder_and_the_cli_lets_pandas_say_why(tmp_path, run_cli):
    rows = ["client_id,timestamp,page_url"] + [f"v{i},2025-01-01T10:{i % 60:02d}:00Z,/p{i % 9}" for i in range(3000)]
    rows[1500] = 'v1,2025-01-01T10:00:00Z,"/broken'
    path = tmp_path / "unclosed.csv"
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(InputError) as told:
        analyse_log([path])
    assert told.value.message.code == "error.behaviour.engine_failed"
    assert "'unclosed.csv'" in told.value.text("en") and str(tmp_path) not in told.value.text("en")
    done = run_cli("behaviour", path)
    assert done.returncode == 2 and "a quote opened near line 1501 is never closed" in done.stderr
    forced = run_cli("behaviour", path, "--engine", "duckdb")
    assert forced.returncode == 2 and forced.stderr.startswith("error: DuckDB could not read 'unclosed.csv'")
    assert str(tmp_path) not in forced.stderr and "Traceback" not in forced.stderr


def test_cli_engines_print_the_same_json(shared_data, run_cli, tmp_path):
    path = shared_data / "clickstream" / "eshop_clickstream_sample.csv"
    found = {engine: run_cli("behaviour", path, "--json", "--engine", engine) for engine in ("duckdb", "pandas")}
    assert found["duckdb"].returncode == 0, found["duckdb"].stderr
    assert json.loads(found["duckdb"].stdout) == json.loads(found["pandas"].stdout)
    assert json.loads(run_cli("behaviour", path, "--json").stdout) == json.loads(found["duckdb"].stdout)
    sheet = tmp_path / "events.xlsx"
    pd.read_csv(path, sep=";").to_excel(sheet, index=False)
    refused = run_cli("behaviour", sheet, "--engine", "duckdb")
    assert refused.returncode == 2 and refused.stderr.startswith("error:") and "--engine pandas" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_open_funnel_matches_a_hand_count(tmp_path):
    """Sessions enter an open funnel at any step; going on needs the step after the previous step's first event."""
    path = tmp_path / "open.csv"
    rows = {"s1": ["product", "cart", "checkout"], "s2": ["cart", "product"], "s3": ["checkout"],
            "s4": ["product", "cart", "product", "cart"], "s5": ["home"], "s6": ["checkout", "product", "cart"]}
    lines = [["visitor", "timestamp", "event"]]
    for visitor, events in rows.items():
        lines += [[visitor, f"2025-03-01T10:0{i}:00Z", event] for i, event in enumerate(events)]
    path.write_text(_rows(*lines))
    steps = ["product", "cart", "checkout"]
    _, engine = assert_engines_agree([path], steps=steps)
    table = engine.open_funnel()
    # at each step: sessions with an event of it; went on: an event of it after the previous step's first event
    assert table["sessions"].tolist() == [4, 4, 3]  # product s1 s2 s4 s6; cart s1 s2 s4 s6; checkout s1 s3 s6
    assert table["went_on"].tolist() == [0, 3, 1]  # cart after product: s1 s4 s6; checkout after cart: s1
    assert table["entered"].tolist() == [4, 1, 2]
    assert table["from_previous"].tolist()[1:] == pytest.approx([75.0, 25.0])
    assert table["of_all"].tolist() == pytest.approx([400 / 6, 400 / 6, 50.0])
    closed = engine.funnel()
    assert closed["sessions"].tolist() == [4, 3, 1]  # closed: in order from step 1 (s1, s4, s6 reach cart)


def test_a_failure_over_many_files_names_the_first_ten_and_counts_the_rest(edge_log, tmp_path, monkeypatch):
    copies = []
    for day in range(12):
        copy = tmp_path / f"events-{day:02d}.csv"
        copy.write_bytes(Path(edge_log[0]).read_bytes())
        copies.append(copy)
    monkeypatch.setenv("JOURNEY_LENS_DUCKDB_THREADS", "many")
    with pytest.raises(InputError) as failed:
        analyse_log(copies)
    said = failed.value.message.text("en")
    assert "'events-09.csv' and 2 more" in said and "events-10.csv" not in said
    assert "等另外 2 个" in failed.value.message.text("zh")
