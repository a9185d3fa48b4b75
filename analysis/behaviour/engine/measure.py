"""The behaviour figures answered by SQL: :class:`LogBehaviour` has :class:`analysis.behaviour.report.Behaviour`'s
methods (``summary``, ``funnel``, ``pages``, ``by_segment``, ``paths``, ``flows``, ``stages``, ``session_by``...),
so :func:`analysis.behaviour.report.report` gives the ``behaviour`` command's figures from either engine. Only
aggregates leave DuckDB; intervals and order come from the functions the pandas engine uses
(:func:`analysis.behaviour.metrics.page_figures`, ``segment_figures``, :func:`~analysis.behaviour.funnel.funnel_figures`,
:func:`~analysis.behaviour.stages.stage_figures`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analysis import metrics
from analysis.behaviour import traffic
from analysis.behaviour.engine import read, sessions
from analysis.behaviour.engine import steps as step_tables
from analysis.behaviour.events import DEFAULT_MARKERS, REASONS
from analysis.behaviour.frustration import (
    BACK_S,
    FRUSTRATED,
    LOOP_S,
    SIGNALS,
    dead_end,
    signal_figures,
)
from analysis.behaviour.funnel import (
    ARROW,
    EXIT,
    funnel_by_figures,
    funnel_figures,
    open_funnel_figures,
    resolve_steps,
)
from analysis.behaviour.metrics import SEGMENTS, page_figures, segment_figures
from analysis.behaviour.paths import BACKWARD_COLUMNS, ENTRY, FLOW_COLUMNS, PATH_COLUMNS
from analysis.behaviour.retention import check_period, retention_figures
from analysis.behaviour.sessions import GAP_MINUTES, RULES
from analysis.behaviour.stages import stage_figures
from analysis.behaviour.trends import trend_figures
from analysis.errors import InputError, quoted
from analysis.messages import first_of
from analysis.journey import STAGES


@dataclass
class LogBehaviour:
    """An event log analysed in DuckDB (:func:`analyse_log`): the tables live on ``con``; figures come back on request.

    Attributes
    ----------
    con : DuckDBPyConnection
        Holds ``ordered``, ``sessions`` (with ``channel``, ``device``, ``converted``
        and ``funnel_steps``), ``reach`` and the lookups.
    log : read.Log
        The files' names and columns.
    steps, conversion : list of Step
        The funnel steps and what counts as a conversion.
    outside : int
        Events outside the log's marked visits (set aside).
    gap_minutes : float
        The inactivity gap.
    """

    con: duckdb.DuckDBPyConnection
    log: read.Log
    steps: list
    conversion: list
    outside: int
    gap_minutes: float = GAP_MINUTES
    shaped: pd.DataFrame = field(default=None, repr=False)

    def _one(self, query: str):
        return self.con.execute(query).fetchall()[0]  # fetched to the end: the connection is free for the next query

    def files(self) -> list[str]:
        """The files read, in order."""
        return list(self.log.names)

    def event_count(self) -> int:
        """How many events are in sessions."""
        return int(self._one("SELECT count(*) FROM ordered")[0])

    def excluded_counts(self) -> dict[str, int]:
        """Rows set aside per reason, in :data:`analysis.behaviour.events.REASONS` order (reasons with none left out)."""
        counts = dict(self.con.execute("SELECT reason, n FROM set_aside").fetchall())
        counts["outside_session"] = self.outside
        return {reason: int(counts[reason]) for reason in REASONS if counts.get(reason)}

    def step_choices(self) -> list[str]:
        """Names a funnel step can take (:func:`analysis.behaviour.funnel.step_choices`): the log's event names,
        then its page groups, most frequent first."""
        names = self.con.execute("""
            SELECT name FROM (
                SELECT 0 AS part, lower(s.event) AS name, count(*) AS n FROM ordered o JOIN shapes s USING (shape)
                WHERE s.event IS NOT NULL GROUP BY 2
                UNION ALL
                SELECT 1, page, count(*) FROM ordered WHERE page_view AND page IS NOT NULL GROUP BY 2)
            ORDER BY part, n DESC, name""").fetchall()
        return list(dict.fromkeys(name for (name,) in names))

    def session_by(self) -> dict:
        """Which rule made the sessions, as :meth:`analysis.behaviour.report.Behaviour.session_by` tells it."""
        counts = dict(self.con.execute("SELECT rule, count(*) FROM sessions GROUP BY rule").fetchall())
        made = {rule: int(counts[rule]) for rule in RULES if rule in counts}
        columns = [found.session for found in self.log.columns.values() if found.session is not None]
        bounds = self.con.execute("SELECT event, kind FROM bounds ORDER BY ord").fetchall() if "markers" in made else []
        return {"sessions": made, "columns": list(dict.fromkeys(columns)) if "session_id" in made else [],
                "start_markers": list(dict.fromkeys(name for name, kind in bounds if kind == "start")),
                "end_markers": list(dict.fromkeys(name for name, kind in bounds if kind == "end")),
                "gap_minutes": float(self.gap_minutes) if "inactivity_gap" in made else None}

    def session_rule(self) -> str:
        """The one rule that made every session, or ``mixed``."""
        made = self.session_by()["sessions"]
        return next(iter(made)) if len(made) == 1 else "mixed"

    def summary(self) -> dict:
        """Visitors, sessions, bounce rate, pages per session, time on page and conversion
        (:func:`analysis.behaviour.metrics.summary`)."""
        visitors, count, bounces, pages, pages_std, converted, converts = self._one(
            "SELECT count(DISTINCT vid), count(*), sum(CAST(bounce AS INTEGER)), avg(pages), stddev_samp(pages), "
            "count(converted), sum(CAST(converted AS INTEGER)) FROM sessions")
        timed = self._one("SELECT avg(seconds_on), stddev_samp(seconds_on), count(seconds_on) FROM ordered "
                          "WHERE page_view")
        result = {"visitors": int(visitors), "sessions": int(count), "bounce_rate": _share(bounces, count),
                  "pages_per_session": _mean(pages, pages_std, count), "time_on_page_s": _mean(*timed)}
        if self.conversion:
            result["conversion"] = _share(converts, converted)
        return result

    def funnel(self) -> pd.DataFrame:
        """Reach and drop-off per step (:func:`analysis.behaviour.funnel.funnel_table`)."""
        k = len(self.steps)
        counts = self._one("SELECT " + ", ".join([f"count(position_{i})" for i in range(1, k + 1)] or ["0"])
                           + " FROM reach")
        medians = self._one("SELECT " + ", ".join(
            [f"quantile_cont((epoch_ns(time_{i}) - epoch_ns(time_{i - 1})) / 1e9, 0.5)" for i in range(2, k + 1)]
            or ["0"]) + " FROM reach")
        total = self._one("SELECT count(*) FROM reach")[0]
        return funnel_figures(list(counts)[:k], int(total), [_number(m) for m in medians][:max(k - 1, 0)], self.steps)

    def open_funnel(self) -> pd.DataFrame:
        """An open funnel: sessions may enter at any step (:func:`analysis.behaviour.funnel.open_funnel_table`)."""
        k = len(self.steps)
        if not k:
            return open_funnel_figures([], [], 0, [])
        ends = ", ".join(f"min(CASE WHEN f.hit_{i} THEN o.step END) AS first_{i}, "
                         f"max(CASE WHEN f.hit_{i} THEN o.step END) AS last_{i}" for i in range(1, k + 1))
        counts = ", ".join([f"count(first_{i})" for i in range(1, k + 1)]
                           + [f"count(*) FILTER (WHERE last_{i} > first_{i - 1})" for i in range(2, k + 1)])
        found = self._one(f"SELECT count(*), {counts} FROM (SELECT o.session, {ends} FROM ordered o "
                          "JOIN flags f USING (shape) GROUP BY o.session)")
        return open_funnel_figures(found[1:k + 1], found[k + 1:], int(found[0]), self.steps)

    def funnel_by(self, by: str) -> pd.DataFrame:
        """Step-to-step conversion per segment with a test per step (:func:`analysis.behaviour.funnel.funnel_by`)."""
        _segment(by)
        rows = []
        for k in range(1, len(self.steps) + 1):
            before = "" if k == 1 else f"WHERE r.position_{k - 1} IS NOT NULL"
            counts = self.con.execute(f"""
                SELECT s.{by} AS "group", count(*) AS previous, count(r.position_{k}) AS reached
                FROM reach r JOIN sessions s USING (session) {before}
                GROUP BY s.{by} ORDER BY min(r.session)""").df()
            counts["group"] = counts["group"].astype(object).where(counts["group"].notna(), "(none)")
            rows.append(counts)
        return funnel_by_figures(rows, self.steps)

    def paths_after_drop(self, length: int = 3, top: int = 5) -> pd.DataFrame:
        """Where sessions went after their last funnel step (:func:`analysis.behaviour.funnel.paths_after_drop`);
        ties keep the order of their first session."""
        parts = []
        for k, step in enumerate(self.steps[:-1], start=1):
            found = self.con.execute(f"""
                WITH stopped AS (SELECT session, position_{k} AS p FROM reach WHERE reached = {k}),
                after AS (
                    SELECT o.session, o.page, row_number() OVER (PARTITION BY o.session ORDER BY o.step) - 1 AS n
                    FROM ordered o JOIN stopped s USING (session) WHERE o.page_view AND o.step > s.p
                ), joined AS ({_joined("after", "n", length)}),
                paths AS (SELECT s.session, coalesce(j.path, {read.literal(EXIT)}) AS path
                          FROM stopped s LEFT JOIN joined j USING (session))
                SELECT path, count(*) AS sessions, min(session) AS first, (SELECT count(*) FROM stopped) AS total
                FROM paths GROUP BY path ORDER BY sessions DESC, first LIMIT {int(top)}""").df()
            if len(found):
                parts.append(pd.DataFrame({"step": k, "label": step.label, "path": found["path"],
                                           "sessions": found["sessions"], "share": 100 * found["sessions"] / found["total"]}))
        columns = ["step", "label", "path", "sessions", "share"]
        return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)

    def pages(self) -> pd.DataFrame:
        """Exits, exit rate and time on page per page (:func:`analysis.behaviour.metrics.page_table`)."""
        table = self.con.execute("""
            WITH views AS (
                SELECT page, count(*) AS views, avg(seconds_on) AS time_on_page_s, stddev_samp(seconds_on) AS _std,
                       count(seconds_on) AS time_n
                FROM ordered WHERE page_view AND page IS NOT NULL GROUP BY page
            ), entries AS (SELECT entry_page AS page, count(*) AS entries FROM sessions GROUP BY entry_page),
            exits AS (SELECT exit_page AS page, count(*) AS exits FROM sessions GROUP BY exit_page)
            SELECT v.*, coalesce(n.entries, 0) AS entries, coalesce(x.exits, 0) AS exits
            FROM views v LEFT JOIN entries n USING (page) LEFT JOIN exits x USING (page)""").df()
        return page_figures(_floats(table, ["time_on_page_s", "_std"]))

    def by_segment(self, by: str) -> pd.DataFrame:
        """The headline figures per value of a session column (:func:`analysis.behaviour.metrics.by_segment`)."""
        _segment(by)
        group = "strftime(date, '%Y-%m-%d')" if by == "date" else by
        table = self.con.execute(f"""
            SELECT coalesce(CAST({group} AS VARCHAR), '(none)') AS "group", count(*) AS sessions,
                   count(DISTINCT vid) AS visitors, sum(CAST(bounce AS INTEGER)) AS bounces,
                   avg(pages) AS pages_per_session, stddev_samp(pages) AS _std,
                   sum(CAST(converted AS INTEGER)) AS conversions
            FROM sessions GROUP BY 1""").df()
        return segment_figures(_floats(table, ["pages_per_session", "_std", "conversions"]), by == "date")

    def stages(self, rules: list[tuple[str, str]] | None = None) -> pd.DataFrame:
        """Reach and drop-off per journey stage (:func:`analysis.behaviour.stages.stage_table`)."""
        step_tables.stage_shapes(self.con, self.shaped, rules)
        staged = "SELECT o.session, o.step, s.stage FROM ordered o JOIN shape_stages s USING (shape) " \
                 "WHERE s.stage IS NOT NULL"
        reached = self.con.execute(f"SELECT stage, count(DISTINCT session) FROM ({staged}) GROUP BY stage").fetchall()
        exits = self.con.execute(f"SELECT last_stage, count(*) FROM (SELECT arg_max(stage, step) AS last_stage "
                             f"FROM ({staged}) GROUP BY session) GROUP BY last_stage").fetchall()
        total = self._one("SELECT count(*) FROM sessions")[0]
        return stage_figures(pd.Series(dict(reached), dtype=float), pd.Series(dict(exits), dtype=float), int(total))

    def paths(self, length: int = 5, top: int = 20) -> pd.DataFrame:
        """The most common page paths from entry (:func:`analysis.behaviour.paths.top_paths`); ties keep the
        order of their first session."""
        table = self.con.execute(f"""
            WITH joined AS ({_joined("(SELECT * FROM ordered WHERE page_view)", "page_step", length)})
            SELECT path, count(*) AS sessions, min(session) AS first, (SELECT count(*) FROM joined) AS total
            FROM joined GROUP BY path ORDER BY sessions DESC, first LIMIT {int(top)}""").df()
        table["share"] = 100 * table["sessions"] / table["total"].clip(lower=1)
        return table[PATH_COLUMNS].reset_index(drop=True)

    def flows(self, steps: int = 4) -> pd.DataFrame:
        """Transitions between consecutive page views (:func:`analysis.behaviour.paths.flows`)."""
        table = self.con.execute(f"""
            WITH views AS (
                SELECT page_step + 1 AS step, page AS from_page,
                       lead(page) OVER (PARTITION BY session ORDER BY page_step) AS to_page,
                       lead(page_step) OVER (PARTITION BY session ORDER BY page_step) IS NULL AS last
                FROM ordered WHERE page_view
            )
            SELECT step, from_page, CASE WHEN last THEN {read.literal(EXIT)} ELSE to_page END AS to_page,
                   count(*) AS sessions
            FROM views WHERE step <= {int(steps)} AND from_page IS NOT NULL AND (last OR to_page IS NOT NULL)
            GROUP BY 1, 2, 3 ORDER BY step, sessions DESC, from_page, to_page""").df()
        return table[FLOW_COLUMNS].astype({"step": "int64", "sessions": "int64"})

    def retention(self, period: str = "week") -> pd.DataFrame:
        """Cohorts by first visit, returning per later period (:func:`analysis.behaviour.retention.retention`)."""
        check_period(period)
        between = "datediff('day', f.cohort, s.p) // 7" if period == "week" else "datediff('month', f.cohort, s.p)"
        counts = self.con.execute(f"""
            WITH s AS (SELECT vid, CAST(date_trunc('{period}', "start") AS TIMESTAMP) AS p FROM sessions),
            f AS (SELECT vid, min(p) AS cohort FROM s GROUP BY vid)
            SELECT f.cohort, {between} AS period, count(DISTINCT s.vid) AS visitors
            FROM s JOIN f USING (vid) GROUP BY 1, 2 ORDER BY 1, 2""").df()
        last = self._one(f"""SELECT CAST(date_trunc('{period}', max("start")) AS TIMESTAMP) FROM sessions""")[0]
        return retention_figures(counts, pd.Timestamp(last), period)

    def window_funnel(self, seconds: float) -> pd.DataFrame:
        """The closed funnel under a conversion window (:func:`analysis.behaviour.trends.window_funnel`)."""
        k = len(self.steps)
        inside = [f"position_{i} IS NOT NULL AND (epoch_ns(time_{i}) - epoch_ns(time_1)) / 1e9 <= {float(seconds)!r}"
                  for i in range(1, k + 1)]
        counts = self._one("SELECT " + ", ".join([f"count(*) FILTER (WHERE {where})" for where in inside] or ["0"])
                           + " FROM reach")
        medians = self._one("SELECT " + ", ".join(
            [f"quantile_cont((epoch_ns(time_{i}) - epoch_ns(time_{i - 1})) / 1e9, 0.5) FILTER (WHERE {inside[i - 1]})"
             for i in range(2, k + 1)] or ["0"]) + " FROM reach")
        total = self._one("SELECT count(*) FROM reach")[0]
        return funnel_figures(list(counts)[:k], int(total), [_number(m) for m in medians][:max(k - 1, 0)], self.steps)

    def trended_funnel(self) -> pd.DataFrame:
        """Completing the funnel week by week, changes tested (:func:`analysis.behaviour.trends.trend_figures`)."""
        counts = self.con.execute(f"""
            SELECT CAST(date_trunc('week', s."start") AS TIMESTAMP) AS week, count(*) AS entered,
                   count(*) FILTER (WHERE r.reached >= {len(self.steps)}) AS completed
            FROM reach r JOIN sessions s USING (session) WHERE r.reached >= 1 GROUP BY 1""").df()
        return trend_figures(counts)

    def paths_before(self, goal: str, length: int = 3, top: int = 10) -> pd.DataFrame:
        """Paths backward from a goal (:func:`analysis.behaviour.paths.paths_before`)."""
        step = resolve_steps([goal], self.shaped)[0]
        read.lookup(self.con, "goal_shapes", pd.DataFrame({"shape": self.shaped.loc[step.hits(self.shaped), "shape"]}))
        arrow, length = read.literal(ARROW), int(length)
        table = self.con.execute(f"""
            WITH g AS (SELECT o.session, min(o.step) AS at FROM ordered o JOIN goal_shapes USING (shape)
                       GROUP BY o.session),
            v AS (SELECT o.session, o.page, row_number() OVER (PARTITION BY o.session ORDER BY o.step DESC) AS back
                  FROM ordered o JOIN g USING (session) WHERE o.page_view AND o.step < g.at),
            j AS (SELECT session, CASE WHEN count(*) > {length} THEN {read.literal('…' + ARROW)} ELSE '' END
                         || string_agg(coalesce(page, '<NA>'), {arrow} ORDER BY back DESC)
                            FILTER (WHERE back <= {length}) AS path
                  FROM v GROUP BY session),
            p AS (SELECT g.session, coalesce(j.path, {read.literal(ENTRY)}) AS path FROM g LEFT JOIN j USING (session))
            SELECT path, count(*) AS sessions, min(session) AS first, (SELECT count(*) FROM g) AS total
            FROM p GROUP BY path ORDER BY sessions DESC, first LIMIT {int(top)}""").df()
        table["share"] = 100 * table["sessions"] / table["total"].clip(lower=1)
        return table[BACKWARD_COLUMNS].reset_index(drop=True)

    def frustration(self, loop_s: float = LOOP_S, back_s: float = BACK_S,
                    rules: list[tuple[str, str]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Frustration signals per page and per journey stage (:mod:`analysis.behaviour.frustration`)."""
        read.lookup(self.con, "dead_shapes", pd.DataFrame({"shape": self.shaped.loc[dead_end(self.shaped), "shape"]}))
        step_tables.stage_shapes(self.con, self.shaped, rules)
        loop_ns, back_ns = int(pd.Timedelta(seconds=loop_s).value), int(pd.Timedelta(seconds=back_s).value)
        self.con.execute(f"""
            CREATE OR REPLACE TEMP TABLE signals AS
            WITH v AS (
                SELECT session, step, page, epoch_ns(time) AS ns,
                       lag(epoch_ns(time), 2) OVER (PARTITION BY session, page ORDER BY step) AS ns_before,
                       lead(page) OVER w AS page_1, lead(page, 2) OVER w AS page_2, lead(epoch_ns(time), 2) OVER w AS ns_2
                FROM ordered WHERE page_view AND page IS NOT NULL WINDOW w AS (PARTITION BY session ORDER BY step)
            )
            SELECT session, step, 'loop' AS signal FROM v WHERE ns - ns_before <= {loop_ns}
            UNION ALL
            SELECT session, step, 'back_forth' FROM v WHERE page_2 = page AND page_1 <> page AND ns_2 - ns <= {back_ns}
            UNION ALL
            SELECT o.session, o.step, 'dead_end' FROM ordered o JOIN dead_shapes USING (shape)
            JOIN (SELECT session, max(step) AS step FROM ordered GROUP BY session) e USING (session, step)""")
        counts = ", ".join(f"count(*) FILTER (WHERE signal = '{signal}') AS {signal}" for signal in SIGNALS)
        pages = self.con.execute(f"""
            WITH hits AS (SELECT DISTINCT s.session, s.signal, o.page FROM signals s JOIN ordered o USING (session, step)
                          WHERE o.page IS NOT NULL),
            viewed AS (SELECT page, count(DISTINCT session) AS viewed FROM ordered WHERE page_view GROUP BY page)
            SELECT h.page, {counts}, count(DISTINCT h.session) AS {FRUSTRATED}, coalesce(min(v.viewed), 0) AS viewed
            FROM hits h LEFT JOIN viewed v USING (page) GROUP BY h.page""").df().set_index("page")
        stages = self.con.execute(f"""
            WITH staged AS (SELECT o.session, o.step, t.stage FROM ordered o JOIN shape_stages t USING (shape)
                            WHERE t.stage IS NOT NULL),
            hits AS (SELECT DISTINCT s.session, s.signal, t.stage FROM signals s JOIN staged t USING (session, step)),
            reached AS (SELECT stage, count(DISTINCT session) AS reached FROM staged GROUP BY stage),
            found AS (SELECT stage, {counts}, count(DISTINCT session) AS {FRUSTRATED} FROM hits GROUP BY stage)
            SELECT r.stage, r.reached, {", ".join(f"coalesce(f.{name}, 0) AS {name}" for name in (*SIGNALS, FRUSTRATED))}
            FROM reached r LEFT JOIN found f USING (stage)""").df().set_index("stage").reindex(STAGES).fillna(0)
        return (signal_figures(pages[[*SIGNALS, FRUSTRATED]], pages["viewed"], "page"),
                signal_figures(stages[[*SIGNALS, FRUSTRATED]], stages["reached"], "stage", order=False))

    def with_steps(self, steps: list[str] | None = None, conversion: list[str] | None = None) -> LogBehaviour:
        """The same sessions measured with other funnel steps and conversion events."""
        return _measured(self.con, self.log, self.outside, self.gap_minutes, steps, conversion)

    def close(self) -> None:
        """Close the connection this analysis (and every one :meth:`with_steps` made from it) queries, DuckDB's or the
        remote database's (a Spark session is shared and stays). Closing twice is harmless; a closed analysis
        answers nothing more."""
        self.con.close()


def analyse_log(paths, gap_minutes: float = GAP_MINUTES, steps: list[str] | None = None, markers=DEFAULT_MARKERS,
                keep_bots: bool = False, conversion: list[str] | None = None,
                page_patterns: list[str] | None = None, session_column: str | None = None,
                memory_limit: str | None = None) -> LogBehaviour:
    """Read event-log files in place with DuckDB and build sessions, funnel reach and conversion, as
    :func:`analysis.behaviour.report.analyse` does (same parameters; ``paths`` are file paths that
    :func:`analysis.behaviour.engine.read.can_read` accepts).

    Raises
    ------
    InputError
        For unusable files, an unknown step, a bad gap, or when every row was set aside.
    """
    if isinstance(paths, (str, bytes)) or not hasattr(paths, "__iter__"):
        paths = [paths]
    paths = list(paths)
    try:
        return read.serially_on_error(paths, lambda: _analysed(paths, gap_minutes, steps, markers, keep_bots, conversion,
                                                               page_patterns, session_column, memory_limit))
    except duckdb.Error as err:
        raise read.engine_failed(paths, err) from None


def _analysed(paths, gap_minutes, steps, markers, keep_bots, conversion, page_patterns, session_column,
              memory_limit) -> LogBehaviour:
    con = read.connect(memory_limit)
    log = read.read_log(con, paths, markers, keep_bots, page_patterns, session_column)
    return sessionised(con, log, gap_minutes, steps, conversion)


def sessionised(con, log: read.Log, gap_minutes: float, steps, conversion) -> LogBehaviour:
    """Sessions, channels, funnel reach and conversion of the events read into ``con`` (by :func:`read.read_log`
    or :func:`read.read_sources`): the part of :func:`analyse_log` every engine shares."""
    outside = sessions.sessionise(con, gap_minutes)
    con.execute("""
        CREATE OR REPLACE TABLE set_aside AS SELECT reason, count(*) AS n FROM raw WHERE reason IS NOT NULL
                                             GROUP BY reason;
        CREATE OR REPLACE TABLE bounds AS SELECT r.ord, e.name AS event, r.kind FROM raw r JOIN event_names e USING (name_id)
                                          WHERE r.reason = 'marker' AND r.session_id IS NULL AND r.kind IN ('start', 'end');
        DROP TABLE raw; DROP TABLE events""")
    if con.execute("SELECT count(*) FROM ordered").fetchall()[0][0] == 0:
        excluded = LogBehaviour(con, log, [], [], outside, gap_minutes).excluded_counts()
        if not excluded:
            raise InputError("error.behaviour.header_only", files=first_of([quoted(name) for name in log.names]))
        raise InputError("error.behaviour.no_events", excluded=", ".join(
            f"{reason} {count:,}" for reason, count in excluded.items()))
    _channels(con)
    return _measured(con, log, outside, gap_minutes, steps, conversion)


def _channels(con: duckdb.DuckDBPyConnection) -> None:
    """``channels``: the ``channel`` of each distinct landing URL and referrer of ``session_rows``
    (:mod:`analysis.behaviour.traffic`, once per distinct pair)."""
    pairs = con.execute("""
        SELECT d.url_id, d.ref_id, d.referrer_known, coalesce(u.url, '') AS url, coalesce(r.referrer, '') AS ref
        FROM (SELECT DISTINCT url_id, ref_id, referrer_known FROM session_rows) d
        LEFT JOIN urls u USING (url_id) LEFT JOIN referrers r USING (ref_id)""").df()
    pairs["channel"] = traffic.channel(pairs["url"].astype("string"), pairs["ref"].astype("string"),
                                       pairs["referrer_known"].astype(bool)).to_numpy(dtype=object)
    read.lookup(con, "channels", pairs.drop(columns=["url", "ref"]))


def _measured(con, log, outside: int, gap_minutes: float, steps, conversion) -> LogBehaviour:
    """Funnel reach and conversion of the sessionised tables (the second half of :func:`analyse_log`): ``reach``
    and ``sessions`` (``session_rows`` with ``channel``, ``device``, ``converted`` and ``funnel_steps``)."""
    shaped = step_tables.shapes(con)
    chosen, converting = step_tables.choose(shaped, steps, conversion)
    step_tables.flag_shapes(con, shaped, chosen, converting)
    step_tables.reach(con, len(chosen))
    converted = "r.converted" if converting else "CAST(NULL AS BOOLEAN)"
    con.execute(f"""
        CREATE OR REPLACE TABLE sessions AS
        SELECT s.*, c.channel, coalesce(a.device, 'unknown') AS device, {converted} AS converted,
               r.reached AS funnel_steps
        FROM session_rows s
        JOIN channels c ON c.url_id IS NOT DISTINCT FROM s.url_id AND c.ref_id IS NOT DISTINCT FROM s.ref_id
             AND c.referrer_known = s.referrer_known
        LEFT JOIN agents a ON a.ua_id = s.ua_id
        JOIN reach r USING (session)""")
    return LogBehaviour(con, log, chosen, converting, outside, gap_minutes, shaped)


def _joined(views: str, position: str, length: int) -> str:
    """SQL: per session of ``views``, its first ``length`` pages (by ``position``) joined with " → ", then " → …"
    when there are more (:func:`analysis.behaviour.funnel.joined_paths`)."""
    return (f"SELECT session, string_agg(coalesce(page, '<NA>'), {read.literal(ARROW)} ORDER BY {position}) "
            f"FILTER (WHERE {position} < {int(length)}) || CASE WHEN count(*) > {int(length)} "
            f"THEN {read.literal(ARROW + '…')} ELSE '' END AS path FROM {views} GROUP BY session")


def _segment(by: str) -> None:
    """Refuse a segment that is not a session column (it is written into SQL)."""
    if by not in SEGMENTS:
        raise ValueError(f"unknown segment {by}")


def _share(hits, n) -> metrics.Metric:
    """% of ``hits`` in ``n`` with a Wilson interval, as :func:`analysis.metrics.share` gives it."""
    if not n:
        return metrics.Metric(None, None, None, 0)
    low, high = metrics.wilson(int(hits), int(n))
    return metrics.Metric(100 * int(hits) / int(n), 100 * low, 100 * high, int(n))


def _mean(mean, std, n) -> metrics.Metric:
    """A mean with its t interval from its aggregates, as :func:`analysis.metrics.mean_interval` gives it."""
    n = int(n or 0)
    if n == 0:
        return metrics.Metric(None, None, None, 0)
    if n == 1:
        return metrics.Metric(float(mean), None, None, 1)
    low, high = metrics.t_bounds(mean, std, n)
    return metrics.Metric(float(mean), float(low), float(high), n)


def _number(value) -> float:
    return math.nan if value is None else float(value)


def _floats(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``columns`` of a fetched table as floats (NULL as NaN), as pandas' aggregations give them."""
    return table.assign(**{column: pd.to_numeric(table[column], errors="coerce").astype(float) for column in columns})
