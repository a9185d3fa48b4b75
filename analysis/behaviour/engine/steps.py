"""Funnel steps, conversion and journey stages on the SQL tables, matched once per distinct event shape.

Whether an event counts as a funnel step, a conversion or a journey stage depends only on its event name,
page path, page group and whether it is a page view: its *shape*. The ``shapes`` table holds each distinct
one, so :class:`analysis.behaviour.funnel.Step` and :func:`analysis.behaviour.stages.assign_stages` run on
that small table with the library's own code, and their answers join back to the events by ``shape``.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from analysis.behaviour import funnel, stages
from analysis.behaviour.engine.read import lookup


def shapes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The ``shapes`` table as a frame (``shape``, ``event``, ``path``, ``page``, ``page_view``)."""
    frame = con.execute("SELECT * FROM shapes ORDER BY shape").df()
    for column in ("event", "path", "page"):
        frame[column] = frame[column].astype("string")
    frame["page_view"] = frame["page_view"].astype(bool)
    return frame


def choose(shaped: pd.DataFrame, steps: list[str] | None, conversion: list[str] | None):
    """The funnel steps and conversion steps, given or guessed, as :func:`analysis.behaviour.report.analyse`
    chooses them (:func:`analysis.behaviour.funnel.resolve_steps`, ``guess_steps``, ``default_steps``)."""
    chosen = funnel.resolve_steps(steps, shaped) if steps else funnel.guess_steps(shaped)
    if conversion:
        return chosen, funnel.resolve_steps(conversion, shaped)
    purchase = funnel.default_steps(shaped)["purchase"]
    return chosen, [purchase] if purchase is not None else []


def flag_shapes(con: duckdb.DuckDBPyConnection, shaped: pd.DataFrame, chosen: list, converting: list) -> None:
    """``flags``: per shape, ``hit_k`` for each funnel step and ``converts`` (a conversion step's event)."""
    table = pd.DataFrame({"shape": shaped["shape"].to_numpy()})
    for k, step in enumerate(chosen, start=1):
        table[f"hit_{k}"] = step.hits(shaped).to_numpy(dtype=bool)
    converts = pd.Series(False, index=shaped.index)
    for step in converting:
        converts |= step.hits(shaped)
    table["converts"] = converts.to_numpy(dtype=bool)
    lookup(con, "flags", table)


def reach(con: duckdb.DuckDBPyConnection, count: int) -> None:
    """``reach``: per session, ``position_k`` (the step of the event reaching funnel step k: the first hit of step
    k after step k-1's), ``time_k`` and ``reached``, as :func:`analysis.behaviour.funnel.reach`; and ``converted``
    (whether any event is a conversion step's), from one pass over the events."""
    parts = ["hits AS (SELECT o.session, o.step, o.time, f.* FROM ordered o JOIN flags f USING (shape))",
             "c AS (SELECT session, bool_or(converts) AS converted FROM hits GROUP BY session)"]
    for k in range(1, count + 1):
        after = "" if k == 1 else f" JOIN r{k - 1} USING (session) WHERE hits.step > r{k - 1}.position_{k - 1} AND"
        where = f"{after} hit_{k}" if k > 1 else f" WHERE hit_{k}"
        parts.append(f"r{k} AS (SELECT hits.session, min(hits.step) AS position_{k}, "
                     f"arg_min(hits.time, hits.step) AS time_{k} FROM hits{where} GROUP BY hits.session)")
    columns = ["s.session"] + [f"r{k}.position_{k}, r{k}.time_{k}" for k in range(1, count + 1)]
    joins = [f"LEFT JOIN r{k} ON r{k}.session = s.session" for k in range(1, count + 1)]
    reached = " + ".join(f"CAST(r{k}.position_{k} IS NOT NULL AS INTEGER)" for k in range(1, count + 1)) or "0"
    con.execute(f"CREATE OR REPLACE TABLE reach AS WITH {', '.join(parts)} "
                f"SELECT {', '.join(columns)}, {reached} AS reached, c.converted "
                f"FROM session_rows s JOIN c ON c.session = s.session {' '.join(joins)}")


def stage_shapes(con: duckdb.DuckDBPyConnection, shaped: pd.DataFrame, rules) -> None:
    """``shape_stages``: the journey stage of each shape (:func:`analysis.behaviour.stages.assign_stages`)."""
    stage = stages.assign_stages(shaped, rules)
    lookup(con, "shape_stages", pd.DataFrame({"shape": shaped["shape"].to_numpy(),
                                              "stage": stage.to_numpy(dtype=object)}))
