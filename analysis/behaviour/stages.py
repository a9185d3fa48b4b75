"""Journey stages of pages and events, and where sessions leave the journey.

Rules are ``(pattern, stage)`` pairs, tried in order against each event's page path and event
name (glob patterns, case ignored); the first match gives the stage, and events no rule
matches have none. Stages are those of :data:`analysis.journey.STAGES`.
"""
from __future__ import annotations

import pandas as pd

from analysis.behaviour.metrics import rates
from analysis.behaviour.pages import glob_matches
from analysis.errors import InputError, quoted
from analysis.journey import STAGES
from analysis import metrics

DEFAULT_RULES: list[tuple[str, str]] = [
    ("*account*", "experience"), ("*track*order*", "experience"), ("*order*status*", "experience"),
    ("/orders*", "experience"), ("*login*", "experience"), ("*logout*", "experience"), ("*download*", "experience"),
    ("*help*", "service"), ("*support*", "service"), ("*contact*", "service"), ("*faq*", "service"),
    ("*return*", "service"), ("*warranty*", "service"), ("*fdback*", "service"), ("*feedback*", "service"),
    ("*cart*", "purchase"), ("*checkout*", "purchase"), ("*pay*", "purchase"), ("*purchase*", "purchase"),
    ("*freeze*", "purchase"), ("*order*", "purchase"), ("*charge*", "purchase"),
    ("*loyal*", "loyalty"), ("*reward*", "loyalty"), ("*refer*friend*", "loyalty"), ("*member*", "loyalty"),
    ("*register*", "loyalty"), ("*regpost*", "loyalty"), ("*regform*", "loyalty"), ("*newsletter*", "loyalty"),
    ("*email*", "loyalty"),
    ("*product*", "consideration"), ("*collection*", "consideration"), ("*categor*", "consideration"),
    ("*catalog*", "consideration"), ("*search*", "consideration"), ("*compare*", "consideration"),
    ("*review*", "consideration"), ("*p_info*", "consideration"), ("*shelf*", "consideration"),
    ("*result*", "consideration"), ("*program*", "consideration"), ("*store*", "consideration"),
    ("*price*", "consideration"), ("*trial*", "consideration"), ("/pages/*", "consideration"),
    ("/", "awareness"), ("*home*", "awareness"), ("*landing*", "awareness"), ("*blog*", "awareness"),
    ("*article*", "awareness"), ("*news*", "awareness"), ("*about*", "awareness"), ("*promo*", "awareness"),
]
STAGE_COLUMNS = ["stage", "sessions", "reach", "reach_low", "reach_high", "exits", "drop_off", "drop_low",
                 "drop_high", "small_sample"]


def assign_stages(ordered: pd.DataFrame, rules: list[tuple[str, str]] | None = None) -> pd.Series:
    """The journey stage of each event by the first matching rule (NA where none matches).

    Raises
    ------
    InputError
        When a rule names a stage that is not one of :data:`analysis.journey.STAGES`.
    """
    rules = DEFAULT_RULES if rules is None else rules
    stage = pd.Series(pd.NA, index=ordered.index, dtype="string")
    for pattern, name in rules:
        if name not in STAGES:
            raise InputError("error.behaviour.unknown_stage", stage=quoted(name), stages=STAGES)
        hit = stage.isna() & (glob_matches(pattern, ordered["path"]) | glob_matches(pattern, ordered["event"]))
        stage[hit] = name
    return stage


def stage_table(ordered: pd.DataFrame, rules: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Per journey stage: sessions that reached it and the share that left the journey there.

    Returns
    -------
    DataFrame
        One row per stage of :data:`analysis.journey.STAGES`, in order, columns
        :data:`STAGE_COLUMNS`: ``sessions`` with an event at the stage; ``reach`` (% of all
        sessions, Wilson interval); ``exits``: sessions whose last staged event was at this
        stage; ``drop_off`` = exits / sessions (%, Wilson interval); ``small_sample``
        (fewer than 30 sessions reached it). Ready to set beside survey scores per stage.
    """
    stage = assign_stages(ordered, rules)
    staged = pd.DataFrame({"session": ordered["session"], "stage": stage}).dropna()
    total = int(ordered["session"].nunique())
    reached = staged.drop_duplicates().groupby("stage")["session"].size().reindex(STAGES, fill_value=0)
    exits = staged.groupby("session")["stage"].last().value_counts().reindex(STAGES, fill_value=0)
    table = pd.DataFrame({"stage": STAGES, "sessions": reached.to_numpy(), "exits": exits.to_numpy()})
    table[["reach", "reach_low", "reach_high"]] = rates(table["sessions"], [total] * len(table))
    table[["drop_off", "drop_low", "drop_high"]] = rates(table["exits"], table["sessions"])
    table["small_sample"] = table["sessions"] < metrics.SMALL_SAMPLE
    return table[STAGE_COLUMNS]
