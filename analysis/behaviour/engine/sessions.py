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
file row; ``step``; ``seconds_on``, NULL for a session's last event; ``page_step`` among page views; ``rule``;
``shape``, the row's distinct (event, path, page, page view)), ``shapes`` and ``sessions`` (one row per
session, the columns of :func:`analysis.behaviour.sessions.session_table` but the channel and device, which
:mod:`.measure` joins from per-distinct-value lookups).
"""
from __future__ import annotations

import duckdb
import numpy as np

from analysis.errors import InputError

_ORDER = "PARTITION BY visitor ORDER BY time, rank, ord"


def sessionise(con: duckdb.DuckDBPyConnection, gap_minutes: float) -> int:
    """Build ``ordered``, ``shapes`` and ``sessions`` from ``events`` and the marker rows of ``raw``.

    Returns
    -------
    int
        How many events fell outside the log's marked visits (set aside as ``outside_session``).

    Raises
    ------
    InputError
        When ``gap_minutes`` is not a positive number.
    """
    if not (np.isfinite(gap_minutes) and gap_minutes > 0):
        raise InputError("error.behaviour.gap", given=gap_minutes)
    _stream(con, int(gap_minutes * 60e9))
    outside = con.execute("SELECT count(*) FROM located WHERE NOT inside").fetchone()[0]
    _ordered(con)
    _session_rows(con)
    con.execute("DROP TABLE located; DROP TABLE stream")
    return int(outside)


def _stream(con, gap_ns: int) -> None:
    """``stream``: per event without a session id, its visit under the markers or the gap; ``located``: every
    kept event with its rule, its session label (unique within its visitor) and whether it is inside a visit."""
    con.execute(f"""
        CREATE OR REPLACE TABLE stream AS
        WITH rows AS (
            SELECT visitor, time, 1 AS rank, ord, true AS is_event FROM events WHERE session_id IS NULL
            UNION ALL
            SELECT visitor, time, CASE kind WHEN 'start' THEN 0 ELSE 2 END, ord, false FROM raw
            WHERE reason = 'marker' AND kind IN ('start', 'end') AND session_id IS NULL
        ), numbered AS (
            SELECT *, row_number() OVER w AS rn, lag(rank) OVER w AS previous_rank, lag(time) OVER w AS previous_time,
                   bool_or(rank = 0) OVER (PARTITION BY visitor) AS has_start,
                   bool_or(rank <> 1) OVER (PARTITION BY visitor) AS marked
            FROM rows WINDOW w AS ({_ORDER})
        ), bounds AS (
            SELECT *, rank = 0 OR (marked AND NOT has_start AND rank <> 2 AND (rn = 1 OR previous_rank = 2)) AS opens,
                   rn = 1 OR epoch_ns(time) - epoch_ns(previous_time) > {gap_ns} AS new_gap
            FROM numbered
        )
        SELECT ord, is_event, marked,
               sum(CAST(opens AS INTEGER)) OVER c AS visit,
               sum(CAST(new_gap AS INTEGER)) OVER c AS gap_session,
               coalesce(max(CASE WHEN opens THEN rn END) OVER c, 0)
                   > coalesce(max(CASE WHEN rank = 2 THEN rn END) OVER c, 0) AS opened
        FROM bounds WINDOW c AS ({_ORDER} ROWS UNBOUNDED PRECEDING)""")
    con.execute("""
        CREATE OR REPLACE TABLE located AS
        SELECT e.*,
               CASE WHEN e.session_id IS NOT NULL THEN 'session_id' WHEN s.marked THEN 'markers'
                    ELSE 'inactivity_gap' END AS rule,
               CASE WHEN e.session_id IS NOT NULL THEN 's' || e.session_id WHEN s.marked THEN 'm' || s.visit
                    ELSE 'g' || s.gap_session END AS label,
               e.session_id IS NOT NULL OR NOT s.marked OR s.opened AS inside
        FROM events e LEFT JOIN stream s ON s.is_event AND s.ord = e.ord""")


def _ordered(con) -> None:
    """``shapes`` and ``ordered`` (see the module notes)."""
    con.execute("""
        CREATE OR REPLACE TABLE shapes AS
        SELECT row_number() OVER (ORDER BY event, path, page, page_view) - 1 AS shape, *
        FROM (SELECT DISTINCT event, path, page, page_view FROM located WHERE inside)""")
    con.execute("""
        CREATE OR REPLACE TABLE ordered AS
        WITH inside AS (
            SELECT l.* EXCLUDE (inside), h.shape,
                   min(l.time) OVER (PARTITION BY l.visitor, l.label) AS session_start,
                   min(l.ord) OVER (PARTITION BY l.visitor, l.label) AS first_row
            FROM located l JOIN shapes h ON l.event IS NOT DISTINCT FROM h.event AND l.path IS NOT DISTINCT FROM h.path
                 AND l.page IS NOT DISTINCT FROM h.page AND l.page_view = h.page_view
            WHERE l.inside
        ), numbered AS (
            SELECT * EXCLUDE (session_start, first_row, label),
                   dense_rank() OVER (ORDER BY visitor, session_start, first_row) - 1 AS session
            FROM inside
        )
        SELECT *, row_number() OVER s - 1 AS step,
               (epoch_ns(lead(time) OVER s) - epoch_ns(time)) / 1e9 AS seconds_on,
               CASE WHEN page_view THEN row_number() OVER (PARTITION BY session, page_view ORDER BY time, ord) - 1
                    END AS page_step
        FROM numbered WINDOW s AS (PARTITION BY session ORDER BY time, ord)
        ORDER BY session, step""")


def _session_rows(con) -> None:
    """``sessions``: one row per session (see the module notes)."""
    con.execute("""
        CREATE OR REPLACE TABLE sessions AS
        SELECT session, first(visitor ORDER BY step) AS visitor, first(file ORDER BY step) AS file,
               first(rule ORDER BY step) AS rule, first(local ORDER BY step) AS "start",
               last(local ORDER BY step) AS "end", count(*) AS events, count(*) FILTER (WHERE page_view) AS pages,
               first(page ORDER BY step) FILTER (WHERE page_view AND page IS NOT NULL) AS entry_page,
               last(page ORDER BY step) FILTER (WHERE page_view AND page IS NOT NULL) AS exit_page,
               (epoch_ns(max(time)) - epoch_ns(min(time))) / 1e9 AS duration_s,
               first(url ORDER BY step) AS landing_url, first(referrer ORDER BY step) AS referrer,
               first(referrer_known ORDER BY step) AS referrer_known, first(user_agent ORDER BY step) AS user_agent
        FROM ordered GROUP BY session""")
    con.execute("""
        CREATE OR REPLACE TABLE sessions AS
        SELECT *, date_trunc('day', "start") AS date,
               CASE WHEN row_number() OVER (PARTITION BY visitor ORDER BY session) = 1 THEN 'new' ELSE 'returning'
                    END AS visitor_type,
               events = 1 AND pages = 1 AS bounce
        FROM sessions ORDER BY session""")
