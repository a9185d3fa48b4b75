"""Funnels in time: a conversion window (the steps within N minutes, hours or days of the first) and a trended
funnel (how many of the sessions entering the funnel finish it, week by week, with the changes tested).

Both start from the closed funnel's reach (:func:`analysis.behaviour.funnel.reach`: a session's first step-1
event, then the first step-2 event after it, and so on). Under a **window** of W seconds a session counts at step
k when it reached step k and that event came at most W seconds after its step-1 event. In the **trended funnel**
a session belongs to the week (from Monday) of its local start; per week, ``entered`` sessions reached step 1 and
``completed`` reached the last step; the rate is completed / entered (%, Wilson 95%). Each week is tested against
the week before (two groups x completed or not: :func:`analysis.funnel.independence_test`), the tests as one
family, Holm-adjusted.

Both engines give the counts (here from ``reach`` frames, in SQL in :mod:`analysis.behaviour.engine.measure`);
:func:`analysis.behaviour.funnel.funnel_figures` and :func:`trend_figures` turn them into tables.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.behaviour.funnel import funnel_figures
from analysis.behaviour.metrics import rates
from analysis.behaviour.retention import period_start
from analysis.errors import InputError
from analysis.funnel import independence_test
from analysis.significance import holm

UNITS = {"minutes": 60, "hours": 3600, "days": 86400}
TREND_COLUMNS = ["week", "entered", "completed", "rate", "low", "high", "small_sample", "change", "test", "p_value",
                 "p_holm", "differs"]


def window_seconds(amount: float, unit: str = "minutes") -> float:
    """A window in seconds from an amount of minutes, hours or days.

    Raises
    ------
    InputError
        When the amount is not a positive number (``error.behaviour.window``).
    """
    if not (np.isfinite(amount) and amount > 0) or unit not in UNITS:
        raise InputError("error.behaviour.window", given=amount)
    return float(amount) * UNITS[unit]


def window_counts(reached: pd.DataFrame, count: int, seconds: float) -> list[int]:
    """Sessions at each of ``count`` steps within ``seconds`` of their step-1 event (reach frame of
    :func:`analysis.behaviour.funnel.reach`)."""
    found = []
    for k in range(1, count + 1):
        since = (reached[f"time_{k}"] - reached["time_1"]).dt.total_seconds()
        found.append(int((reached[f"position_{k}"].notna() & (since <= seconds)).sum()))
    return found


def window_funnel(reached: pd.DataFrame, steps: list, seconds: float) -> pd.DataFrame:
    """The closed funnel under a conversion window: :data:`analysis.behaviour.funnel.FUNNEL_COLUMNS`, the shares
    of sessions reaching each step within ``seconds`` of step 1 (medians over those sessions)."""
    counts = window_counts(reached, len(steps), seconds)
    inside = [(reached[f"time_{k}"] - reached["time_1"]).dt.total_seconds() <= seconds
              for k in range(1, len(steps) + 1)]
    medians = [(reached[f"time_{k}"] - reached[f"time_{k - 1}"]).dt.total_seconds()[inside[k - 1]].median()
               for k in range(2, len(steps) + 1)]
    return funnel_figures(counts, len(reached), medians, steps)


def trend_counts(reached: pd.DataFrame, sessions: pd.DataFrame, count: int) -> pd.DataFrame:
    """Per week of the session start (``week``): ``entered`` (reached step 1) and ``completed`` (all ``count``
    steps)."""
    week = period_start(sessions.set_index("session")["start"].reindex(reached["session"]), "week").to_numpy()
    frame = pd.DataFrame({"week": week, "entered": reached["reached"].to_numpy() >= 1,
                          "completed": reached["reached"].to_numpy() >= count})
    return frame[frame["entered"]].groupby("week", as_index=False)[["entered", "completed"]].sum()


def trend_figures(counts: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """The trended funnel from :func:`trend_counts` (shared by both engines).

    Returns
    -------
    DataFrame
        Columns :data:`TREND_COLUMNS`, one row per week with sessions entering (oldest first): ``rate`` of those
        completing (%, Wilson ``low``/``high``), ``small_sample`` (under 30 entered), ``change`` in points from
        the week before, and that week-on-week test: ``test`` used, ``p_value``, ``p_holm`` (over all the weeks'
        tests) and ``differs`` (``p_holm`` below ``alpha``); NaN/None for the first week and where nothing could
        be tested (no session completing, or all).
    """
    table = counts.sort_values("week").reset_index(drop=True)
    table[["entered", "completed"]] = table[["entered", "completed"]].astype(int)
    table[["rate", "low", "high"]] = rates(table["completed"], table["entered"])
    table["small_sample"] = table["entered"] < metrics.SMALL_SAMPLE
    table["change"] = table["rate"].diff()
    tests = [None] + [independence_test(table["completed"].iloc[i - 1:i + 1].to_numpy(),
                                         table["entered"].iloc[i - 1:i + 1].to_numpy())
                      for i in range(1, len(table))]
    table["test"] = [None if test is None else test["test"] for test in tests]
    table["p_value"] = np.array([np.nan if test is None else test["p_value"] for test in tests], dtype=float)
    table["p_holm"] = holm(table["p_value"].to_numpy())
    table["differs"] = table["p_holm"] < alpha
    return table[TREND_COLUMNS]
