"""Event-log files into DuckDB tables, cleaned as :mod:`analysis.behaviour.events` cleans them.

Each file is read in place (``read_csv`` / ``read_parquet``; gzip by its ``.gz`` suffix) with every value as
text; its columns are found by :func:`analysis.behaviour.columns.guess_event_columns` on its first rows. The
tables built on the connection:

- ``raw``: every row in file order (``ord``), canonical columns, times parsed: ``time`` in UTC and ``local``
  on the clock the event was recorded by (DuckDB's casts for ISO times and epoch numbers; a value they cannot
  read is parsed by :func:`analysis.behaviour.events.read_times` once per distinct value), and ``reason``,
  the first reason to set the row aside (:data:`analysis.behaviour.events.REASONS`) or NULL;
- ``events``: the kept rows with ``path``, ``page``, ``page_view`` and the lower-case event name.
"""
from __future__ import annotations

import gzip
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from analysis.behaviour import pages, traffic
from analysis.behaviour.columns import EventColumns, guess_event_columns, normalised
from analysis.behaviour.events import (
    _READABLE,
    DEFAULT_MARKERS,
    PAGE_VIEW_EVENTS,
    local_times,
    marker_kind,
    read_times,
)
from analysis.errors import InputError, quoted
from analysis.io import sniff_delimiter

SUFFIXES = (".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz", ".txt.gz", ".parquet")
HEAD_ROWS = 200
_SPACE = "' ' || chr(9) || chr(10) || chr(13)"  # what pandas' str.strip() takes off a cell, for SQL trim


def can_read(source) -> bool:
    """True for a path to a file the engine reads in place: CSV, TSV or TXT (gzip-compressed too) or Parquet."""
    if not isinstance(source, (str, Path)):
        return False
    path = Path(source)
    return path.is_file() and path.name.lower().endswith(SUFFIXES)


def is_session_table_file(path) -> bool:
    """True when a file the engine reads is a session table (:func:`analysis.behaviour.session_table.is_session_table`
    on its first rows, and not an event log): pandas reads those."""
    from analysis.behaviour.columns import looks_like_event_log
    from analysis.behaviour.session_table import is_session_table

    with connect() as con:
        first = head(con, Path(path))
    return is_session_table(first) and not looks_like_event_log(first)


def connect(memory_limit: str | None = None, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that spills to a temporary folder, times in UTC, insertion order kept."""
    config = {"preserve_insertion_order": True, "temp_directory": tempfile.mkdtemp(prefix="journey-lens-duckdb-")}
    if memory_limit:
        config["memory_limit"] = memory_limit
    if threads:
        config["threads"] = threads
    con = duckdb.connect(config=config)
    con.execute("SET TimeZone = 'UTC'")
    return con


def literal(value: str) -> str:
    """A SQL string literal (quotes doubled)."""
    return "'" + str(value).replace("'", "''") + "'"


def identifier(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def scan(path: Path) -> str:
    """The table function that reads ``path`` in place, every column as text (CSV) or as stored (Parquet)."""
    if path.name.lower().endswith(".parquet"):
        return f"read_parquet({literal(path)})"
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        head = handle.read(64 * 1024).decode("utf-8-sig", errors="ignore")
    delimiter = sniff_delimiter(head)
    return (f"read_csv({literal(path)}, all_varchar = true, header = true, delim = {literal(delimiter)}, "
            "quote = '\"', escape = '\"', null_padding = true)")


def head(con: duckdb.DuckDBPyConnection, path: Path, rows: int = HEAD_ROWS) -> pd.DataFrame:
    """The first ``rows`` rows of a file, as text, to find its columns."""
    return con.execute(f"SELECT * FROM {scan(path)} LIMIT {int(rows)}").df()


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
    log = Log(con)
    selects = []
    for index, path in enumerate(map(Path, paths)):
        found = guess_event_columns(head(con, path), path.name)
        if session_column is not None:
            found.session = session_column if session_column in head(con, path, 1).columns else None
        log.names.append(path.name)
        log.columns[path.name] = found
        selects.append(_canonical(con, path, found, index))
    con.execute("CREATE OR REPLACE TABLE canonical AS " + " UNION ALL ".join(selects))
    _parse_times(con, log)
    _clean(con, markers, keep_bots)
    _kept_events(con, page_patterns)
    return log


def _canonical(con, path: Path, found: EventColumns, index: int) -> str:
    """One file's rows with the canonical columns (values as exported, times not yet parsed)."""
    def text(name):
        return f"CAST({identifier(name)} AS VARCHAR)" if name else "CAST(NULL AS VARCHAR)"

    def trimmed(name):
        return f"nullif(trim({text(name)}, {_SPACE}), '')"

    if found.timestamp:
        stamp = text(found.timestamp)
        numbers = con.execute(f"SELECT count({stamp}), count(try_cast({stamp} AS DOUBLE)), "
                          f"median(abs(try_cast({stamp} AS DOUBLE))) FROM {scan(path)}").fetchone()
        unit = ("ms" if numbers[2] > 1e11 else "s") if numbers[0] and numbers[0] == numbers[1] else None
    else:
        stamp = f"trim({text(found.date)}, {_SPACE}) || ' ' || trim({text(found.time)}, {_SPACE})"
        unit = None
    url = text(found.page) if found.page else text(found.event)
    event = f"trim({text(found.event)}, {_SPACE})" if found.event else "CAST(NULL AS VARCHAR)"
    return (f"SELECT {index} AS file, {trimmed(found.visitor)} AS visitor, "
            f"{trimmed(found.session) if found.session else 'CAST(NULL AS VARCHAR)'} AS session_id, "
            f"{str(found.session is not None).lower()} AS has_session, trim({stamp}, {_SPACE}) AS stamp, "
            f"{literal(unit) if unit else 'CAST(NULL AS VARCHAR)'} AS unit, {url} AS url, {event} AS event, "
            f"{str(found.event is None).lower()} AS event_from_url, {text(found.referrer)} AS referrer, "
            f"{str(found.referrer is not None).lower()} AS referrer_known, {text(found.user_agent)} AS user_agent, "
            f"{text(found.data)} AS data FROM {scan(path)}")


def _parse_times(con, log: Log) -> None:
    """``timed``: the canonical rows numbered in file order (``ord``) with ``time`` (UTC) and ``local``."""
    con.execute("""
        CREATE OR REPLACE TABLE cast_times AS
        SELECT rowid AS ord, *,
               CASE WHEN unit = 's' THEN make_timestamp(CAST(round(CAST(stamp AS DOUBLE) * 1e6) AS BIGINT))
                    WHEN unit = 'ms' THEN make_timestamp(CAST(round(CAST(stamp AS DOUBLE) * 1e3) AS BIGINT))
                    ELSE CAST(try_cast(stamp AS TIMESTAMPTZ) AS TIMESTAMP) END AS utc0,
               CASE WHEN unit IS NULL THEN try_cast(stamp AS TIMESTAMP) END AS local0
        FROM canonical""")
    odd = distinct(con, "SELECT trim(stamp) FROM cast_times WHERE utc0 IS NULL AND unit IS NULL")
    utc = read_times(odd)
    lookup(con, "odd_times", pd.DataFrame({"stamp": odd.to_numpy(dtype=object), "utc": utc.to_numpy(),
                                           "local": local_times(odd, utc).to_numpy()}))
    con.execute(f"""
        CREATE OR REPLACE TABLE timed AS
        SELECT c.* EXCLUDE (utc0, local0, stamp, unit), c.stamp,
               coalesce(c.utc0, o.utc) AS time,
               CASE WHEN c.utc0 IS NOT NULL THEN coalesce(c.local0, c.utc0) ELSE coalesce(o.local, o.utc) END AS local
        FROM cast_times c LEFT JOIN odd_times o ON c.utc0 IS NULL AND o.stamp = trim(c.stamp, {_SPACE})
        ORDER BY c.ord""")
    con.execute("DROP TABLE cast_times; DROP TABLE canonical")
    _check_times(con, log)


def _check_times(con, log: Log) -> None:
    """Refuse a file whose time column mostly does not read (as :func:`analysis.behaviour.events.parse_times`)."""
    counts = con.execute(f"SELECT file, count(*) FILTER (WHERE trim(stamp, {_SPACE}) <> ''), count(time) "
                     "FROM timed GROUP BY file").fetchall()
    for index, filled, readable in counts:
        if filled and readable < _READABLE * filled:
            name = log.names[index]
            found = log.columns[name]
            examples = [row[0] for row in con.execute(
                f"SELECT stamp FROM timed WHERE file = {index} AND time IS NULL AND trim(stamp, {_SPACE}) <> '' "
                "ORDER BY ord LIMIT 50").fetchall()]
            column = found.timestamp or f"{found.date} + {found.time}"
            raise InputError("error.behaviour.bad_time", file=name, column=quoted(column),
                             examples=", ".join(dict.fromkeys(examples))[:80])


def _clean(con, markers, keep_bots: bool) -> None:
    """``raw``: the timed rows with page paths, events named, and the reason each row is set aside (or NULL)."""
    urls = distinct(con, "SELECT url FROM timed")
    lookup(con, "url_paths", pd.DataFrame({"url": urls.to_numpy(dtype=object),
                                           "path": pages.page_path(urls).to_numpy(dtype=object)}))
    con.execute("""
        CREATE OR REPLACE TABLE named AS
        SELECT t.*, u.path, CASE WHEN t.event_from_url THEN trim(u.path) ELSE t.event END AS name
        FROM timed t LEFT JOIN url_paths u ON t.url = u.url ORDER BY t.ord""")
    marker_names = {normalised(marker) for marker in markers or ()}
    names = distinct(con, "SELECT name FROM named")
    lookup(con, "event_names", pd.DataFrame({
        "name": names.to_numpy(dtype=object), "lower": names.str.lower().to_numpy(dtype=object),
        "is_marker": [normalised(name) in marker_names for name in names],
        "kind": [marker_kind(name) for name in names]}))
    agents = distinct(con, "SELECT user_agent FROM named")
    lookup(con, "agents", pd.DataFrame({"user_agent": agents.to_numpy(dtype=object),
                                        "is_bot": traffic.is_bot(agents).to_numpy(dtype=bool),
                                        "device": traffic.device_class(agents).to_numpy(dtype=object)}))
    bot = "false" if keep_bots else "coalesce(a.is_bot, false)"
    con.execute(f"""
        CREATE OR REPLACE TABLE raw AS
        SELECT n.ord, n.file, n.visitor, n.session_id, n.time, n.local, n.url, n.path, n.name AS event, e.lower,
               e.kind, n.referrer, n.referrer_known, n.user_agent,
               CASE WHEN n.visitor IS NULL THEN 'missing_visitor'
                    WHEN n.time IS NULL THEN 'bad_time'
                    WHEN row_number() OVER (PARTITION BY n.visitor, n.session_id, n.time, n.url, n.name, n.referrer,
                                                         n.user_agent, n.data ORDER BY n.ord) > 1 THEN 'duplicate_event'
                    WHEN coalesce(e.is_marker, false) THEN 'marker'
                    WHEN n.has_session AND n.session_id IS NULL THEN 'missing_session'
                    WHEN {bot} THEN 'bot' END AS reason
        FROM named n LEFT JOIN event_names e ON n.name = e.name LEFT JOIN agents a ON n.user_agent = a.user_agent
        ORDER BY n.ord""")
    con.execute("DROP TABLE named; DROP TABLE timed")


def _kept_events(con, page_patterns: list[str] | None) -> None:
    """``events``: the kept rows with their page group and whether each is a page view."""
    paths = distinct(con, "SELECT path FROM raw WHERE reason IS NULL")
    lookup(con, "path_pages", pd.DataFrame({"path": paths.to_numpy(dtype=object),
                                            "page": pages.group_pages(paths, page_patterns).to_numpy(dtype=object)}))
    views = "('" + "', '".join(sorted(PAGE_VIEW_EVENTS)) + "')"
    named = con.execute(f"SELECT count(*) FROM raw WHERE reason IS NULL AND lower IN {views}").fetchone()[0] > 0
    page_view = f"coalesce(r.lower IN {views}, false)" if named else "true"
    con.execute(f"""
        CREATE OR REPLACE TABLE events AS
        SELECT r.ord, r.file, r.visitor, r.session_id, r.time, r.local, r.url, r.path, p.page, r.event, r.lower,
               {page_view} AS page_view, r.referrer, r.referrer_known, r.user_agent
        FROM raw r LEFT JOIN path_pages p ON r.path = p.path WHERE r.reason IS NULL ORDER BY r.ord""")
