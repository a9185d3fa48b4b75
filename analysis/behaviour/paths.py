"""Page paths from entry to exit, and step-to-step flows for a Sankey-style chart."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.behaviour.funnel import EXIT, joined_paths

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
