"""Page paths from entry to exit, and step-to-step flows for a Sankey-style chart."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.behaviour.funnel import ARROW, EXIT, joined_paths

PATH_COLUMNS = ["path", "sessions", "share"]
FLOW_COLUMNS = ["step", "from_page", "to_page", "sessions"]


def top_paths(ordered: pd.DataFrame, length: int = 5, top: int = 20) -> pd.DataFrame:
    """The most common page paths: each session's page views from entry, cut after ``length`` (then " → …").

    Returns
    -------
    DataFrame
        Columns ``path``, ``sessions``, ``share`` (% of sessions with a page view), the ``top``
        most common paths, most sessions first.
    """
    views = ordered[ordered["page_view"].astype(bool)]
    paths = joined_paths(views, length)
    counts = paths.value_counts().head(top)
    return pd.DataFrame({"path": counts.index, "sessions": counts.to_numpy(),
                         "share": 100 * counts.to_numpy() / max(len(paths), 1)})[PATH_COLUMNS]


def flows(ordered: pd.DataFrame, steps: int = 4) -> pd.DataFrame:
    """Transitions between consecutive page views for the first ``steps`` steps of every session.

    Returns
    -------
    DataFrame
        Columns ``step`` (1 = from the entry page to the second page), ``from_page``,
        ``to_page`` (``(exit)`` when the session ended on ``from_page``) and ``sessions``,
        most sessions first within a step. Each session contributes one row per step it was
        present at, up to ``steps``.
    """
    views = ordered[ordered["page_view"].astype(bool)]
    position = views.groupby("session").cumcount().to_numpy()
    following = views["page"].shift(-1).where(views["session"].eq(views["session"].shift(-1)), EXIT)
    frame = pd.DataFrame({"step": position + 1, "from_page": views["page"].to_numpy(),
                          "to_page": following.to_numpy()})
    frame = frame[frame["step"] <= steps]
    table = frame.groupby(["step", "from_page", "to_page"], sort=False).size().rename("sessions").reset_index()
    table = table.sort_values(["step", "sessions", "from_page", "to_page"], ascending=[True, False, True, True],
                              kind="stable")
    return table[FLOW_COLUMNS].reset_index(drop=True).astype({"step": np.int64})


ENTRY = "(entry)"
BACKWARD_COLUMNS = ["path", "sessions", "share"]


def paths_before(ordered: pd.DataFrame, goal, length: int = 3, top: int = 10) -> pd.DataFrame:
    """Paths backward from a goal: the page views that came before each session's first goal event.

    Parameters
    ----------
    goal : analysis.behaviour.funnel.Step
        The goal (an event name or page pattern, as funnel steps are given).

    Returns
    -------
    DataFrame
        Columns ``path`` (the last ``length`` page views before the goal, oldest first, joined with " → ",
        led by "… → " when there were more; ``(entry)`` when the goal came first), ``sessions`` and ``share``
        (% of the sessions reaching the goal); the ``top`` paths, most sessions first, ties in the order of
        their first session.
    """
    position = pd.Series(np.arange(len(ordered)), index=ordered.index)
    goal_at = position[goal.hits(ordered)].groupby(ordered["session"]).min()
    before = position.to_numpy() < goal_at.reindex(ordered["session"]).fillna(-1).to_numpy()
    views = ordered[ordered["page_view"].astype(bool).to_numpy() & before]
    from_end = views.groupby("session").cumcount(ascending=False)
    more = views.groupby("session").size() > length
    tail = views[from_end < length].groupby("session")["page"].agg(lambda pages: ARROW.join(map(str, pages)))
    tail = tail.where(~more.reindex(tail.index), "…" + ARROW + tail)
    path = tail.reindex(goal_at.index).fillna(ENTRY)
    table = pd.DataFrame({"path": path.to_numpy(), "session": path.index}).groupby("path", as_index=False).agg(
        sessions=("session", "size"), first=("session", "min"))
    table = table.sort_values(["sessions", "first"], ascending=[False, True]).head(top)
    table["share"] = 100 * table["sessions"] / max(len(goal_at), 1)
    return table[BACKWARD_COLUMNS].reset_index(drop=True)
