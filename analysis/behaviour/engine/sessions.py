"""Sessions as SQL: :mod:`analysis.behaviour.sessions`' three rules, window functions over the ``events`` table.

1. Events with a session id: a visitor's events sharing it are one session.
2. Start and end markers: for a visitor whose events (without a session id) come with start or end markers
   (without one), the visitor's stream of events and markers is ordered by time, then starts before events
   before ends, then file order; a start opens a visit, and so does, for a visitor whose markers are all
   ends, the first row and each row after an end; a row is inside a visit when the last opening before it
   (itself included) came after the last end. Events outside any visit are set aside (``outside_session``).
3. The inactivity gap, for the other visitors: a new session at the first event and after more than the
   gap (compared in nanoseconds, as pandas compares it).

Tables built: ``ordered`` (the events in sessions: ``session`` numbered by visitor, session start and first
file row; ``first_visit``, whether it is the visitor's first session; ``step``; ``seconds_on``, NULL for a
session's last event; ``page_step`` among page views; ``rule_no``, the rule's place in :data:`RULES`; ``shape``), ``shapes`` (those of
``all_shapes`` found in sessions) and ``session_rows`` (one row per session, the columns of
:func:`analysis.behaviour.sessions.session_table` but channel and device, which :mod:`.measure` adds from
per-distinct-value lookups, and ids in place of the landing URL, referrer and user agent; the visitor as
exported, from ``visitors``, which is dropped here: the events carry only its id, ``vid``, which the session
rows keep too, so visitors are counted and grouped on integers).
"""
from __future__ import annotations

import duckdb

from analysis.behaviour.sessions import RULES, check_gap

_ORDER = "PARTITION BY visitor ORDER BY time, rank, ord"
# the columns of ``events`` (``placed`` without its rule and label), named for engines without ``* EXCLUDE``
_EVENT_COLUMNS = ", ".join(f"p.{name}" for name in ("ord", "file", "visitor", "session_id", "time", "local", "shape", "page",
                                                   "page_view", "url_id", "ref_id", "referrer_known", "ua_id"))


def sessionise(con: duckdb.DuckDBPyConnection, gap_minutes: float) -> int:
    """Build ``ordered``, ``shapes`` and ``session_rows`` from ``events`` and the marker rows of ``raw``.

    Returns
    -------
    int
        How many events fell outside the log's marked visits (set aside as ``outside_session``).

    Raises
    ------
    InputError
        When ``gap_minutes`` is not a positive number.
    """
    check_gap(gap_minutes)
    _stream(con, int(gap_minutes * 60e9))
    outside = con.execute("SELECT (SELECT count(*) FROM events) - (SELECT count(*) FROM placed)").fetchall()[0][0]
    _ordered(con)
    _session_rows(con)
    con.execute("DROP TABLE placed; DROP TABLE visitors")
    return int(outside)


def _stream(con, gap_ns: int) -> None:
    """``placed``: the kept events inside a session, with their rule (0, 1, 2: :data:`RULES`) and their session's
    label within the visitor (``number`` or ``session_id``), from ``stream`` (per event without a session id, its
    visit under the markers or the gap; a step of the same query, not stored). A log without start or end markers
    (the usual case) is split by the gap alone, in one pass fewer."""
    markers = "reason = 'marker' AND kind IN ('start', 'end') AND session_id IS NULL"
    rows = f"""rows AS (
            SELECT visitor, time, 1 AS rank, ord, true AS is_event FROM events WHERE session_id IS NULL
            UNION ALL
            SELECT visitor, time, CASE kind WHEN 'start' THEN 0 ELSE 2 END, ord, false FROM raw WHERE {markers}
        )"""
    marked = con.execute(f"SELECT count(*) FROM raw WHERE {markers}").fetchall()[0][0] > 0
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE placed AS
        WITH {rows}, {_visits(gap_ns) if marked else _gaps(gap_ns)}, stream AS (SELECT * FROM visits WHERE is_event)
        SELECT e.*,
               CASE WHEN e.session_id IS NOT NULL THEN 0 WHEN s.marked THEN 1 ELSE 2 END AS rule_no,
               CASE WHEN e.session_id IS NOT NULL THEN NULL WHEN s.marked THEN s.visit ELSE s.gap_session END AS number
        FROM events e LEFT JOIN stream s USING (ord)
        WHERE e.session_id IS NOT NULL OR NOT s.marked OR s.opened""")


def _gaps(gap_ns: int) -> str:
    """SQL (``visits`` over ``rows``, no markers among them): each row's session under the gap alone."""
    return f"""numbered AS (
            SELECT *, lag(time) OVER ({_ORDER}) AS previous_time FROM rows
        ), visits AS (
            SELECT ord, is_event, false AS marked, CAST(NULL AS BIGINT) AS visit,
                   sum(CAST(previous_time IS NULL OR epoch_ns(time) - epoch_ns(previous_time) > {gap_ns} AS INTEGER))
                       OVER ({_ORDER} ROWS UNBOUNDED PRECEDING) AS gap_session,
                   true AS opened
            FROM numbered
        )"""


def _visits(gap_ns: int) -> str:
    """SQL (``visits`` over ``rows``): each row's visit under the markers, its session under the gap, and whether
    a visit is open at it."""
    return f"""numbered AS (
            SELECT *, row_number() OVER w AS rn, lag(rank) OVER w AS previous_rank, lag(time) OVER w AS previous_time,
                   bool_or(rank = 0) OVER (PARTITION BY visitor) AS has_start,
                   bool_or(rank <> 1) OVER (PARTITION BY visitor) AS marked
            FROM rows WINDOW w AS ({_ORDER})
        ), bounds AS (
            SELECT *, rank = 0 OR (marked AND NOT has_start AND rank <> 2 AND (rn = 1 OR previous_rank = 2)) AS opens,
                   rn = 1 OR epoch_ns(time) - epoch_ns(previous_time) > {gap_ns} AS new_gap
            FROM numbered
        ), visits AS (
            SELECT ord, is_event, marked,
                   sum(CAST(opens AS INTEGER)) OVER c AS visit,
                   sum(CAST(new_gap AS INTEGER)) OVER c AS gap_session,
                   coalesce(max(CASE WHEN opens THEN rn END) OVER c, 0)
                       > coalesce(max(CASE WHEN rank = 2 THEN rn END) OVER c, 0) AS opened
            FROM bounds WINDOW c AS ({_ORDER} ROWS UNBOUNDED PRECEDING)
        )"""


def _ordered(con) -> None:
    """``ordered`` and ``shapes`` (see the module notes); each session's number and first-visit flag come from
    ``labels``, one row per session (a step of the same query, not stored)."""
    con.execute(f"""
        CREATE OR REPLACE TABLE ordered AS
        WITH labels AS (
            SELECT visitor, rule_no, number, session_id, row_number() OVER v - 1 AS session,
                   lag(visitor) OVER v IS DISTINCT FROM visitor AS first_visit
            FROM placed GROUP BY visitor, rule_no, number, session_id
            WINDOW v AS (ORDER BY visitor, min(time), min(ord))
        )
        SELECT l.session, l.first_visit, row_number() OVER s - 1 AS step, {_EVENT_COLUMNS}, p.rule_no,
               (epoch_ns(lead(p.time) OVER s) - epoch_ns(p.time)) / 1e9 AS seconds_on,
               CASE WHEN p.page_view THEN sum(CAST(p.page_view AS INTEGER)) OVER running - 1 END AS page_step
        FROM placed p JOIN labels l ON p.visitor = l.visitor AND p.rule_no = l.rule_no
             AND p.number IS NOT DISTINCT FROM l.number AND p.session_id IS NOT DISTINCT FROM l.session_id
        WINDOW s AS (PARTITION BY l.session ORDER BY p.time, p.ord),
               running AS (PARTITION BY l.session ORDER BY p.time, p.ord ROWS UNBOUNDED PRECEDING)""")
    con.execute("CREATE OR REPLACE TABLE shapes AS "
                "SELECT * FROM all_shapes WHERE shape IN (SELECT DISTINCT shape FROM ordered)")


def _session_rows(con) -> None:
    """``session_rows``: one row per session (see the module notes)."""
    rules = "CASE f.rule_no " + " ".join(f"WHEN {i} THEN '{rule}'" for i, rule in enumerate(RULES)) + " END"
    con.execute(f"""
        CREATE OR REPLACE TABLE session_rows AS
        WITH totals AS (
            SELECT session, count(*) AS events, count(*) FILTER (WHERE page_view) AS pages,
                   arg_max(local, step) AS "end",
                   arg_min(page, step) FILTER (WHERE page_view AND page IS NOT NULL) AS entry_page,
                   arg_max(page, step) FILTER (WHERE page_view AND page IS NOT NULL) AS exit_page,
                   (epoch_ns(max(time)) - epoch_ns(min(time))) / 1e9 AS duration_s
            FROM ordered GROUP BY session
        )
        SELECT t.*, v.visitor, f.visitor AS vid, f.file, {rules} AS rule, f.local AS "start", date_trunc('day', f.local) AS date, f.url_id,
               f.ref_id, f.referrer_known, f.ua_id,
               CASE WHEN f.first_visit THEN 'new' ELSE 'returning' END AS visitor_type,
               t.events = 1 AND t.pages = 1 AS bounce
        FROM totals t JOIN ordered f ON f.session = t.session AND f.step = 0 JOIN visitors v ON v.vid = f.visitor""")
