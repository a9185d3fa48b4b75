"""Frustration signals in sessions: page loops, rapid back-and-forth, and dead ends, per page and per stage.

Over each session's page views (in session order):

- a **page loop**: the same page viewed three or more times within ``loop_s`` seconds (300 by default): a view
  whose page's view two views before (of that page, in the session) is at most ``loop_s`` seconds earlier; the
  signal is at that page;
- a **back-and-forth**: three consecutive page views A → B → A (A and B different) within ``back_s`` seconds
  (60 by default) from the first to the last; the signal is at A, the page left and come back to;
- a **dead end**: the session's last event is on an error or no-result page or event, one whose path or event
  name matches a pattern of :data:`DEAD_ENDS` (``*404*``, ``*error*``, ``*no*result*``...: only logs that name
  them have any); the signal is at that page.

Per page: ``sessions`` that viewed it and the sessions with each signal there, as % of them (Wilson 95%). Per
journey stage (:func:`analysis.behaviour.stages.assign_stages` of the page view where the signal is): sessions
reaching the stage and those with each signal there. Both also count the sessions with any signal there
(``frustrated``, a session with two signals counted once) and name the ``top_signal`` (most sessions; ties in
the order of :data:`SIGNALS`; empty where there is none): what the Journey page sets beside each stage.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.behaviour.metrics import rates
from analysis.behaviour.pages import Globs
from analysis.behaviour.stages import assign_stages
from analysis.journey import STAGES

LOOP_S = 300.0
BACK_S = 60.0
DEAD_ENDS = ("*404*", "*error*", "*not*found*", "*no*result*", "*zero*result*", "*noresult*", "*failed*")
SIGNALS = ("loop", "back_forth", "dead_end")
FRUSTRATED = "frustrated"
FRUSTRATION_COLUMNS = ["page", "sessions", *[f"{signal}{part}" for signal in (*SIGNALS, FRUSTRATED)
                                              for part in ("", "_share", "_low", "_high")], "top_signal",
                       "small_sample"]


def signals(ordered: pd.DataFrame, loop_s: float = LOOP_S, back_s: float = BACK_S,
            dead_ends=DEAD_ENDS) -> pd.DataFrame:
    """One row per (session, signal, event) found: ``session``, ``signal`` (one of :data:`SIGNALS`) and ``row``,
    the row of ``ordered`` where the signal is (its ``page`` and stage are the signal's)."""
    views = ordered[ordered["page_view"].astype(bool) & ordered["page"].notna()]
    row = pd.Series(np.arange(len(ordered)), index=ordered.index)[views.index]
    time = views["time"]
    earlier = time.groupby([views["session"], views["page"]]).shift(2)
    loops = row[((time - earlier) <= pd.Timedelta(seconds=loop_s)).to_numpy()]
    same = views["session"].eq(views["session"].shift(-2)) & views["session"].eq(views["session"].shift(-1))
    back = same & views["page"].eq(views["page"].shift(-2)) & views["page"].ne(views["page"].shift(-1)) \
        & ((time.shift(-2) - time) <= pd.Timedelta(seconds=back_s))
    backs = row[back.fillna(False).to_numpy(dtype=bool)]
    last = ordered["session"].ne(ordered["session"].shift(-1))
    ends = pd.Series(np.arange(len(ordered)), index=ordered.index)[(last & dead_end(ordered, dead_ends)).to_numpy()]
    parts = [pd.DataFrame({"session": ordered["session"].to_numpy()[rows.to_numpy()], "signal": signal,
                           "row": rows.to_numpy()}) for signal, rows in zip(SIGNALS, (loops, backs, ends))]
    return pd.concat(parts, ignore_index=True)


def dead_end(ordered: pd.DataFrame, patterns=DEAD_ENDS) -> pd.Series:
    """True for the events whose path or event name is an error or no-result page's (a pattern of ``patterns``)."""
    named = pd.Series(False, index=ordered.index)
    paths, events = Globs(ordered["path"]), Globs(ordered["event"])
    for pattern in patterns:
        named |= paths.matches(pattern) | events.matches(pattern)
    return named


def by_page(ordered: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """Per page with a signal: sessions viewing it and the share with each signal there (columns
    :data:`FRUSTRATION_COLUMNS`), the pages with most signalled sessions first."""
    pages = ordered["page"].to_numpy()
    viewed = ordered[ordered["page_view"].astype(bool)].groupby("page")["session"].nunique()
    hits = found.assign(page=pages[found["row"].to_numpy()]).dropna(subset=["page"])
    counts = hits.drop_duplicates(["session", "signal", "page"]).groupby(["page", "signal"]).size()
    counts = counts.unstack("signal").reindex(columns=list(SIGNALS)).fillna(0)
    counts[FRUSTRATED] = hits.drop_duplicates(["session", "page"]).groupby("page").size().reindex(counts.index)
    return signal_figures(counts, viewed.reindex(counts.index).fillna(0), "page")


def by_stage(ordered: pd.DataFrame, found: pd.DataFrame, rules=None) -> pd.DataFrame:
    """Per journey stage (all of :data:`analysis.journey.STAGES`, in order): sessions reaching it and the share
    with each signal at a page of that stage (columns :data:`FRUSTRATION_COLUMNS` with ``stage`` for ``page``)."""
    stage = assign_stages(ordered, rules).to_numpy(dtype=object)
    reached = pd.DataFrame({"session": ordered["session"].to_numpy(), "stage": stage}).dropna()
    reached = reached.drop_duplicates().groupby("stage").size().reindex(STAGES).fillna(0)
    hits = found.assign(stage=stage[found["row"].to_numpy()]).dropna(subset=["stage"])
    counts = hits.drop_duplicates(["session", "signal", "stage"]).groupby(["stage", "signal"]).size()
    counts = counts.unstack("signal").reindex(index=STAGES, columns=list(SIGNALS)).fillna(0)
    counts[FRUSTRATED] = hits.drop_duplicates(["session", "stage"]).groupby("stage").size().reindex(STAGES).fillna(0)
    return signal_figures(counts, reached, "stage", order=False)


def signal_figures(counts: pd.DataFrame, sessions: pd.Series, key: str, order: bool = True) -> pd.DataFrame:
    """The per-page (``key`` ``page``) or per-stage table from the sessions with each signal (``counts``: one row
    per page or stage, a column per signal and :data:`FRUSTRATED`, the sessions with any) and the sessions behind each row (``sessions``, aligned); pages with
    most signalled sessions first when ``order``. Shared by both engines."""
    table = pd.DataFrame({key: counts.index.to_numpy(dtype=object), "sessions": sessions.to_numpy(dtype=int)})
    for signal in (*SIGNALS, FRUSTRATED):
        table[signal] = counts[signal].to_numpy(dtype=int) if signal in counts else 0
        table[[f"{signal}_share", f"{signal}_low", f"{signal}_high"]] = rates(table[signal], table["sessions"])
    most = table[list(SIGNALS)].to_numpy().argmax(axis=1) if len(table) else np.zeros(0, dtype=int)
    table["top_signal"] = np.where(table[FRUSTRATED].to_numpy() > 0, np.array(SIGNALS, dtype=object)[most], "")
    table["small_sample"] = table["sessions"] < metrics.SMALL_SAMPLE
    if order:
        total = table[list(SIGNALS)].sum(axis=1)
        table = table.assign(_total=total).sort_values(["_total", "sessions", key], ascending=[False, False, True])
    return table[[key, *FRUSTRATION_COLUMNS[1:]]].reset_index(drop=True)
