"""Event-log files into DuckDB tables, cleaned as :mod:`analysis.behaviour.events` cleans them.

Each file is read in place (``read_csv`` / ``read_parquet``; gzip by its ``.gz`` suffix) with every value as
text; its columns are found by :func:`analysis.behaviour.columns.guess_event_columns` on its first rows. Times:
``time`` in UTC and ``local`` on the clock the event was recorded by, from DuckDB's casts (ISO times, epoch
numbers); a value they cannot read is parsed by :func:`analysis.behaviour.events.read_times` once per distinct
value. Tables built on the connection, narrow (visitors, URLs, referrers and user agents as ids into small
dictionaries):

- ``raw``: every row, ``ord`` its place in file order, and ``reason``, the first reason to set it aside
  (:data:`analysis.behaviour.events.REASONS`) or NULL;
- ``all_shapes``: each distinct (event, path) of the kept rows, its page group and whether it is a page view;
- ``events``: the kept rows with their ``shape``, ``page`` and ``page_view``.
"""
from __future__ import annotations

import functools
import gzip
import os
import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from analysis.behaviour import google_analytics as ga4
from analysis.behaviour import pages, traffic
from analysis.behaviour.columns import EventColumns, guess_event_columns, normalised
from analysis.behaviour.events import (
    _READABLE,
    DEFAULT_MARKERS,
    PAGE_VIEW_EVENTS,
    epoch_unit,
    local_times,
    marker_kind,
    read_times,
)
from analysis.errors import InputError, quoted
from analysis.messages import first_of
from analysis.io import sniff_delimiter

SUFFIXES = (".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz", ".txt.gz", ".parquet")
HEAD_ROWS = 200
BIG_LOG_MB = 20  # event logs of this many MB or more are read in place by DuckDB and kept as files, not parsed


def can_read(source) -> bool:
    """True for a path to a file the engine reads in place: a non-empty CSV, TSV or TXT file (gzip-compressed too)
    whose start is UTF-8, or a Parquet file. Others (Excel, JSON, other encodings, uploads in memory) are for the
    pandas engine, which decodes and reports them."""
    if not isinstance(source, (str, Path)):
        return False
    path = Path(source)
    if not (path.is_file() and path.name.lower().endswith(SUFFIXES) and path.stat().st_size):
        return False
    return path.name.lower().endswith(".parquet") or _utf8_start(path)


def _utf8_start(path: Path) -> bool:
    """Whether a text file (gzip or not) starts with UTF-8 text (a character cut at the end of the sample is fine)."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            start = handle.read(64 * 1024)
    except (OSError, EOFError):  # unreadable, not gzip after all, or a gzip cut short within its first 64 KB
        return False
    try:
        start.decode("utf-8")
    except UnicodeDecodeError as err:
        return len(start) == 64 * 1024 and err.start >= len(start) - 3 and b"\x00" not in start
    return b"\x00" not in start


def is_session_table_file(path) -> bool:
    """True when a file the engine reads is a session table (:func:`analysis.behaviour.session_table.is_session_table`
    on its first rows, and not an event log): pandas reads those."""
    from analysis.behaviour.columns import looks_like_event_log
    from analysis.behaviour.session_table import is_session_table

    first = _start(path)
    return is_session_table(first) and not looks_like_event_log(first)


def big_log_file(path) -> bool:
    """True for a file of :data:`BIG_LOG_MB` megabytes or more that the engine reads in place (:func:`can_read`) and
    whose first rows are an event log (a visitor, a time and a page or event column), not a session table: such a
    log is measured by DuckDB and kept in a project as the file itself, never parsed whole."""
    from analysis.behaviour.columns import looks_like_event_log
    from analysis.behaviour.session_table import is_session_table

    if not can_read(path) or Path(path).stat().st_size < BIG_LOG_MB * 1024 ** 2:
        return False
    first = _start(path)
    return looks_like_event_log(first) and not is_session_table(first)


def _start(path) -> pd.DataFrame:
    """A file's first rows (:func:`head`), on a connection of their own."""
    with connect() as con:
        return head(con, Path(path))


def connect(memory_limit: str | None = None, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that spills to a temporary folder of its own (removed with the connection),
    times in UTC, insertion order kept, no progress bar on the terminal. ``memory_limit`` (``"2GB"``) defaults
    to the environment variable ``JOURNEY_LENS_DUCKDB_MEMORY``, else DuckDB's own (80% of the machine's memory);
    ``threads`` to ``JOURNEY_LENS_DUCKDB_THREADS``, else DuckDB's own (one per core)."""
    spill = tempfile.mkdtemp(prefix="journey-lens-duckdb-")
    config = {"preserve_insertion_order": True, "temp_directory": spill}
    memory_limit = memory_limit or os.environ.get("JOURNEY_LENS_DUCKDB_MEMORY")
    if memory_limit:
        config["memory_limit"] = memory_limit
    threads = threads or os.environ.get("JOURNEY_LENS_DUCKDB_THREADS")
    if threads:
        config["threads"] = threads
    con = duckdb.connect(config=config)
    weakref.finalize(con, shutil.rmtree, spill, True)
    con.execute("SET TimeZone = 'UTC'; SET enable_progress_bar = false")
    return con


def literal(value: str) -> str:
    """A SQL string literal (quotes doubled)."""
    return "'" + str(value).replace("'", "''") + "'"


def identifier(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def scan(path: Path) -> str:
    """The table function that reads ``path`` in place, every column as text (CSV) or as stored (Parquet); a GA4
    export with ``event_params`` nested gets its session id, page and referrer as columns (:mod:`analysis.behaviour.google_analytics`).
    Found once per file version (its delimiter and columns are sniffed from its start); a CSV file marked by
    :func:`read_serially` is read on one thread."""
    version = _version(path)
    return _scan(*version, version in _SERIAL)


def _version(path: Path) -> tuple[str, int, int]:
    stat = Path(path).stat()
    return str(path), stat.st_size, stat.st_mtime_ns


# CSV files (path, size, time) DuckDB's parallel reader could not read: a quoted line break in a field stops it when
# short rows are padded (``null_padding``); read on one thread, the same rows come out. A property of each file
# version, like :func:`_scan`'s cache, not anyone's data.
_SERIAL: set[tuple[str, int, int]] = set()
_SERIAL_KEPT = 4096


def read_serially(paths, err: duckdb.Error) -> bool:
    """After ``err``: when it is a CSV reading error, mark the CSV files of ``paths`` to be read on one thread from now
    on and return True when any was not marked yet (read them again); otherwise False."""
    if not str(err).startswith("CSV Error"):
        return False
    versions = {_version(path) for path in paths if not str(path).lower().endswith(".parquet")} - _SERIAL
    if len(_SERIAL) + len(versions) > _SERIAL_KEPT:  # a long-running server: forget, at worst a file fails once more
        _SERIAL.clear()
    _SERIAL.update(versions)
    return bool(versions)


@functools.lru_cache(maxsize=64)
def _scan(name: str, _size: int, _mtime_ns: int, serial: bool = False) -> str:
    path = Path(name)
    if path.name.lower().endswith(".parquet"):
        return _ga4(f"read_parquet({literal(path)})")
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        head = handle.read(64 * 1024).decode("utf-8-sig", errors="ignore")
    delimiter = sniff_delimiter(head)
    one_thread = ", parallel = false" if serial else ""
    return _ga4(f"read_csv({literal(path)}, all_varchar = true, header = true, delim = {literal(delimiter)}, "
                f"quote = '\"', escape = '\"', null_padding = true{one_thread})")


def _ga4(table: str) -> str:
    """``table`` as it is, or, for a GA4 export whose ``event_params`` are nested, a query adding them as columns."""
    with duckdb.connect() as con:
        described = con.execute(f"DESCRIBE SELECT * FROM {table}").fetchall()
    missing = ga4.missing_params([row[0] for row in described])
    if not missing:
        return table
    name, type_name = next((row[0], row[1]) for row in described if normalised(row[0]) == "eventparams")
    return f"(SELECT *, {ga4.sql_columns(identifier(name), type_name, missing)} FROM {table})"


@dataclass(frozen=True)
class Source:
    """Where one part of a log is read from: its name in messages, the SQL table (or table function) holding it,
    and, on an engine other than DuckDB, ``order``: the SQL numbering its rows in storage order (DuckDB numbers a
    table's rows itself, ``rowid``). There only ISO 8601 times (UTC or no zone) are cast in SQL; the others are
    parsed in Python once per distinct value, so each engine's own casting rules never change a time."""

    name: str
    table: str
    order: str | None = None


def file_source(path: Path) -> Source:
    """A file read in place by DuckDB."""
    return Source(path.name, scan(path))


def first_rows(con, source: Source, rows: int = HEAD_ROWS) -> pd.DataFrame:
    """The first ``rows`` rows of a source (any rows of a table), to find its columns."""
    return con.execute(f"SELECT * FROM {source.table} LIMIT {int(rows)}").df()


def head(con: duckdb.DuckDBPyConnection, path: Path, rows: int = HEAD_ROWS) -> pd.DataFrame:
    """The first ``rows`` rows of a file, as text, to find its columns (read again on one thread after a CSV error,
    :func:`read_serially`; ``InputError`` when DuckDB cannot read it)."""
    try:
        return serially_on_error([path], lambda: first_rows(con, file_source(path), rows))
    except duckdb.Error as err:
        raise engine_failed([path], err) from None


def serially_on_error(paths, read):
    """``read()``, and once more when it failed with a CSV error that marked files of ``paths`` to be read on one
    thread (:func:`read_serially`); any other DuckDB error is raised."""
    try:
        return read()
    except duckdb.Error as err:
        if not read_serially(paths, err):
            raise
    return read()


def engine_failed(paths, err: duckdb.Error) -> InputError:
    """The error to show when DuckDB could not read ``paths``: the first ten files by name and the first line of
    its reason, the files' folders left out (``error.behaviour.engine_failed``, which suggests the pandas engine)."""
    reason = str(err).strip().splitlines()[0].rstrip(". ") if str(err).strip() else type(err).__name__
    for path in paths:  # a file is named, never the folder it lies in on the server
        reason = reason.replace(str(path), Path(path).name)
    return InputError("error.behaviour.engine_failed", files=first_of([quoted(Path(path).name) for path in paths]),
                      reason=reason[:200])


def lookup(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Store a small Python-made table (one row per distinct value) as a DuckDB table."""
    con.register("_lookup", frame)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM _lookup")
    con.unregister("_lookup")


def distinct(con: duckdb.DuckDBPyConnection, query: str) -> pd.Series:
    """The distinct non-null values a query's single column holds, as a text Series."""
    values = con.execute(f"SELECT DISTINCT v FROM ({query}) AS q(v) WHERE v IS NOT NULL").df()["v"]
    return values.astype("string").reset_index(drop=True)


@dataclass
class Log:
    """The files read into a connection: their names and columns, and the marker names declared."""

    con: duckdb.DuckDBPyConnection
    names: list[str] = field(default_factory=list)
    columns: dict[str, EventColumns] = field(default_factory=dict)


def read_log(con: duckdb.DuckDBPyConnection, paths: list, markers=DEFAULT_MARKERS, keep_bots: bool = False,
             page_patterns: list[str] | None = None, session_column: str | None = None) -> Log:
    """Read event-log files into ``raw`` and ``events`` (see the module notes), as
    :func:`analysis.behaviour.events.read_events` reads them.

    Raises
    ------
    InputError
        When a file has no visitor, time or page/event column, or its time column does not read as times.
    """
    return read_sources(con, [file_source(Path(path)) for path in paths], markers, keep_bots, page_patterns,
                        session_column)


def read_sources(con, sources: list[Source], markers=DEFAULT_MARKERS, keep_bots: bool = False,
                 page_patterns: list[str] | None = None, session_column: str | None = None) -> Log:
    """Read the events of ``sources`` (files, or a table on another engine) into ``raw`` and ``events``, as
    :func:`read_log` does."""
    log = Log(con)
    selects = []
    strict = any(source.order for source in sources)
    firsts = [(source, first_rows(con, source)) for source in sources]
    # a header-only file among others holds nothing and is left out, as :func:`analysis.behaviour.events.load_logs`
    # leaves it out for pandas; when every file is one, all are kept and told (no events)
    firsts = [(source, first) for source, first in firsts if len(first)] or firsts
    for index, (source, first) in enumerate(firsts):
        found = guess_event_columns(first, source.name)
        if session_column is not None:
            found.session = session_column if session_column in first.columns else None
        log.names.append(source.name)
        log.columns[source.name] = found
        selects.append(_canonical(con, source, found, index, first, strict))
    con.execute(f"CREATE OR REPLACE TABLE canonical AS {' UNION ALL '.join(selects)}")
    join = _parse_times(con, log)
    _clean(con, markers, keep_bots, join)
    _kept_events(con, page_patterns)
    return log


ISO = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?(Z|[+]00(:?00)?)?$"


def _cast_times(unit: str | None, strict: bool) -> tuple[str, str]:
    """The SQL of a source's ``utc0`` and ``local0`` from ``stamp``, chosen once per source (no row tests the unit):
    epoch numbers in ``unit`` (``s``, ``ms``, ``us``) as UTC times; else DuckDB's casts (NULL where they cannot read
    a value); ``strict``, only ISO times in UTC (``Z``, ``+00``, ``+00:00``) or without a zone (their clock time is
    UTC: ``local0`` is left empty), the rest left to Python (see :class:`Source`)."""
    if unit is not None:
        scale = {"s": " * 1e6", "ms": " * 1e3", "us": ""}[unit]
        return f"make_timestamp(CAST(round(CAST(stamp AS DOUBLE){scale}) AS BIGINT))", "CAST(NULL AS TIMESTAMP)"
    if strict:
        iso = f"CASE WHEN regexp_matches(stamp, {literal(ISO)}) THEN CAST(try_cast(stamp AS TIMESTAMPTZ) AS TIMESTAMP) END"
        return iso, "CAST(NULL AS TIMESTAMP)"
    return "CAST(try_cast(stamp AS TIMESTAMPTZ) AS TIMESTAMP)", "try_cast(stamp AS TIMESTAMP)"


def _canonical(con, source: Source, found: EventColumns, index: int, first: pd.DataFrame, strict: bool) -> str:
    """One source's rows with the canonical columns (values as exported) and its first casts of the times
    (:func:`_cast_times`); on another engine with ``rowid``, its rows numbered in storage order."""
    def as_text(name):
        return f"CAST({identifier(name)} AS VARCHAR)" if name else "CAST(NULL AS VARCHAR)"

    def trimmed(name):
        return f"nullif(trim({as_text(name)}), '')"

    if found.timestamp:
        stamp = as_text(found.timestamp)
        unit = _epoch_unit(con, source, first, found.timestamp, stamp)
    else:
        stamp = f"trim({as_text(found.date)}) || ' ' || trim({as_text(found.time)})"
        unit = None
    url = as_text(found.page) if found.page else as_text(found.event)
    event = f"trim({as_text(found.event)})" if found.event else "CAST(NULL AS VARCHAR)"
    order = f", {source.order} AS rowid" if source.order else ""
    utc, local = _cast_times(unit, strict)
    return (f"SELECT *, {utc} AS utc0, {local} AS local0 FROM ("
            f"SELECT {index} AS file, {trimmed(found.visitor)} AS visitor, "
            f"{trimmed(found.session) if found.session else 'CAST(NULL AS VARCHAR)'} AS session_id, "
            f"{str(found.session is not None).lower()} AS has_session, nullif(trim({stamp}), '') AS stamp, "
            f"{str(unit is not None).lower()} AS epoch, {url} AS url, {event} AS event, "
            f"{str(found.event is None).lower()} AS event_from_url, {as_text(found.referrer)} AS referrer, "
            f"{str(found.referrer is not None).lower()} AS referrer_known, {as_text(found.user_agent)} AS user_agent, "
            f"{as_text(found.data)} AS data{order} FROM {source.table})")


def _epoch_unit(con, source: Source, first: pd.DataFrame, column: str, stamp: str) -> str | None:
    """The epoch unit (:func:`analysis.behaviour.events.epoch_unit`: ``s``, ``ms`` or ``us``) when every filled value
    of the time column is a number, else None. The first
    rows decide whether the whole column is read."""
    values = first[column].dropna()
    if values.empty or pd.to_numeric(values, errors="coerce").isna().any():
        return None
    filled, numbers, median = con.execute(f"SELECT count({stamp}), count(try_cast({stamp} AS DOUBLE)), "
                                          f"median(abs(try_cast({stamp} AS DOUBLE))) FROM {source.table}").fetchall()[0]
    if not filled or filled != numbers:
        return None
    return epoch_unit(median)


def _parse_times(con, log: Log) -> str:
    """Parse what DuckDB's casts could not (once per distinct value, in Python: ``odd_times``) and check every
    file's times; returns the SQL join that adds ``odd_times`` (empty when every time was cast)."""
    odd = distinct(con, "SELECT stamp FROM canonical WHERE utc0 IS NULL AND NOT epoch")
    join = ""
    if len(odd):
        utc = read_times(odd)
        lookup(con, "odd_times", pd.DataFrame({"stamp": odd.to_numpy(dtype=object), "utc": utc.to_numpy(),
                                               "local": local_times(odd, utc).to_numpy()}))
        join = "LEFT JOIN odd_times o ON c.utc0 IS NULL AND o.stamp = c.stamp"
    _check_times(con, log, join)
    return join


def _times(join: str) -> tuple[str, str]:
    """The SQL of ``time`` (UTC) and ``local`` over ``canonical c`` (with ``odd_times o`` when joined)."""
    if not join:
        return "c.utc0", "coalesce(c.local0, c.utc0)"
    return ("coalesce(c.utc0, o.utc)",
            "CASE WHEN c.utc0 IS NOT NULL THEN coalesce(c.local0, c.utc0) ELSE coalesce(o.local, o.utc) END")


def _check_times(con, log: Log, join: str) -> None:
    """Refuse a file whose time column mostly does not read (as :func:`analysis.behaviour.events.parse_times`)."""
    time, _ = _times(join)
    counts = con.execute(f"SELECT c.file, count(c.stamp), count({time}) FROM canonical c {join} "
                         "GROUP BY c.file").fetchall()
    for index, filled, readable in counts:
        if filled and readable < _READABLE * filled:
            name = log.names[index]
            found = log.columns[name]
            examples = [row[0] for row in con.execute(
                f"SELECT c.stamp FROM canonical c {join} WHERE c.file = {index} AND c.stamp IS NOT NULL "
                f"AND {time} IS NULL ORDER BY c.rowid LIMIT 50").fetchall()]
            column = found.timestamp or f"{found.date} + {found.time}"
            raise InputError("error.behaviour.bad_time", file=name, column=quoted(column),
                             examples=", ".join(dict.fromkeys(examples))[:80])


def _dictionaries(con, markers) -> None:
    """Number the distinct visitors (``visitors``: ``vid`` in the visitors' text order, so ordering by it orders by
    visitor), URLs (``urls``: ``url_id``, ``path``), referrers (``referrers``) and user agents (``agents``:
    ``is_bot``, ``device``), and name the events (``event_names``: ``name_id``, ``lower``, ``is_marker``, ``kind``), each
    defined once per distinct value by the library's functions."""
    con.execute("CREATE OR REPLACE TEMP TABLE visitors AS SELECT visitor, row_number() OVER (ORDER BY visitor) AS vid "
                "FROM (SELECT DISTINCT visitor FROM canonical WHERE visitor IS NOT NULL)")
    urls = distinct(con, "SELECT url FROM canonical")
    lookup(con, "urls", pd.DataFrame({"url": urls.to_numpy(dtype=object), "url_id": range(len(urls)),
                                      "path": pages.page_path(urls).to_numpy(dtype=object)}))
    referrers = distinct(con, "SELECT referrer FROM canonical")
    lookup(con, "referrers", pd.DataFrame({"referrer": referrers.to_numpy(dtype=object),
                                           "ref_id": range(len(referrers))}))
    agents = distinct(con, "SELECT user_agent FROM canonical")
    lookup(con, "agents", pd.DataFrame({"user_agent": agents.to_numpy(dtype=object), "ua_id": range(len(agents)),
                                        "is_bot": traffic.is_bot(agents).to_numpy(dtype=bool),
                                        "device": traffic.device_class(agents).to_numpy(dtype=object)}))
    marker_names = {normalised(marker) for marker in markers or ()}
    names = distinct(con, "SELECT event FROM canonical UNION ALL SELECT trim(path) FROM urls")
    lookup(con, "event_names", pd.DataFrame({
        "name": names.to_numpy(dtype=object), "name_id": range(len(names)),
        "lower": names.str.lower().to_numpy(dtype=object),
        "is_marker": np.array([normalised(name) in marker_names for name in names], dtype=bool),
        "kind": pd.Series([marker_kind(name) for name in names], dtype="string")}))  # typed: a log may have no rows


def _clean(con, markers, keep_bots: bool, join: str) -> None:
    """``raw``: every row, narrow (ids for visitors, URLs, event names, referrers and user agents), with the reason
    it is set aside or NULL.

    Exact duplicates are found by a hash of every value first, then compared value by value among the rows
    that share a hash (so a hash collision never sets a row aside)."""
    _dictionaries(con, markers)
    time, local = _times(join)
    event = "CASE WHEN c.event_from_url THEN trim(u.path) ELSE c.event END"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE hashed AS
        SELECT c.rowid AS ord, c.file, v.vid AS visitor, c.session_id, c.has_session, {time} AS time, {local} AS local, u.url_id,
               e.name_id, e.kind, coalesce(e.is_marker, false) AS is_marker, r.ref_id, c.referrer_known, a.ua_id,
               coalesce(a.is_bot, false) AS is_bot,
               hash(c.visitor, c.session_id, {time}, c.url, {event}, c.referrer, c.user_agent, c.data) AS h
        FROM canonical c {join} LEFT JOIN visitors v ON c.visitor = v.visitor LEFT JOIN urls u ON c.url = u.url LEFT JOIN referrers r ON c.referrer = r.referrer
             LEFT JOIN agents a ON c.user_agent = a.user_agent LEFT JOIN event_names e ON e.name = {event}""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE twins AS
        SELECT ord FROM (
            SELECT h.ord, row_number() OVER (PARTITION BY h.visitor, h.session_id, h.time, h.url_id, h.name_id, h.ref_id,
                                                          h.ua_id, c.data ORDER BY h.ord) AS n
            FROM hashed h JOIN (SELECT h FROM hashed GROUP BY h HAVING count(*) > 1) t USING (h)
            JOIN canonical c ON c.rowid = h.ord)
        WHERE n > 1""")
    bot = "false" if keep_bots else "h.is_bot"
    con.execute(f"""
        CREATE OR REPLACE TABLE raw AS
        SELECT h.ord, h.file, h.visitor, h.session_id, h.time, h.local, h.url_id, h.name_id, h.kind,
               h.ref_id, h.referrer_known, h.ua_id,
               CASE WHEN h.visitor IS NULL THEN 'missing_visitor'
                    WHEN h.time IS NULL THEN 'bad_time'
                    WHEN t.ord IS NOT NULL THEN 'duplicate_event'
                    WHEN h.is_marker THEN 'marker'
                    WHEN h.has_session AND h.session_id IS NULL THEN 'missing_session'
                    WHEN {bot} THEN 'bot' END AS reason
        FROM hashed h LEFT JOIN twins t USING (ord)""")
    con.execute("DROP TABLE hashed; DROP TABLE twins; DROP TABLE canonical")


def _kept_events(con, page_patterns: list[str] | None) -> None:
    """``all_shapes``: each distinct (event, path) of the kept rows with its page group and whether it is a page
    view; ``events``: the kept rows with their ``shape``, ``page`` and ``page_view``, matched by their event
    name and URL ids (``shape_ids``: the shape of each distinct pair of ids, so no row is matched on text)."""
    ids = con.execute("""
        SELECT d.name_id, d.url_id, e.name AS event, u.path, e.lower
        FROM (SELECT DISTINCT name_id, url_id FROM raw WHERE reason IS NULL) d
        LEFT JOIN event_names e USING (name_id) LEFT JOIN urls u USING (url_id)""").df()
    for column in ("event", "path", "lower"):
        ids[column] = ids[column].astype(object).where(ids[column].notna(), None)
    pairs = ids.drop_duplicates(["event", "path"]).reset_index(drop=True)
    paths = pairs["path"].dropna().drop_duplicates().astype("string").reset_index(drop=True)
    grouped = dict(zip(paths, pages.group_pages(paths, page_patterns)))
    named = pairs["lower"].isin(PAGE_VIEW_EVENTS)
    shapes = pd.DataFrame({
        "shape": range(len(pairs)), "event": pairs["event"].to_numpy(dtype=object),
        "path": pairs["path"].to_numpy(dtype=object),
        "page": [None if pd.isna(path) else grouped[path] for path in pairs["path"]],
        "page_view": named.to_numpy(dtype=bool) if named.any() else True})
    lookup(con, "all_shapes", shapes)
    keyed = ids.merge(shapes, on=["event", "path"], how="left")
    lookup(con, "shape_ids", pd.DataFrame({
        "name_id": keyed["name_id"].astype("Int64"), "url_id": keyed["url_id"].astype("Int64"),
        "shape": keyed["shape"].astype("int64"), "page": keyed["page"].astype(object),
        "page_view": keyed["page_view"].astype(bool)}))
    con.execute("""
        CREATE OR REPLACE TABLE events AS
        SELECT r.ord, r.file, r.visitor, r.session_id, r.time, r.local, s.shape, s.page, s.page_view, r.url_id,
               r.ref_id, r.referrer_known, r.ua_id
        FROM raw r JOIN shape_ids s ON r.name_id IS NOT DISTINCT FROM s.name_id AND r.url_id IS NOT DISTINCT FROM s.url_id
        WHERE r.reason IS NULL""")
