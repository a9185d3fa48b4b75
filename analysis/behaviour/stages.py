"""Journey stages of pages and events, and where sessions leave the journey.

Rules are ``(pattern, stage)`` pairs, tried in order against each event's page path and event
name (glob patterns, case ignored); the first match gives the stage, and events no rule
matches have none. Stages are those of :data:`analysis.journey.STAGES`.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.behaviour.metrics import rates
from analysis.behaviour.pages import Globs
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
    paths, events = Globs(ordered["path"]), Globs(ordered["event"])
    for pattern, name in rules:
        if name not in STAGES:
            raise InputError("error.behaviour.unknown_stage", stage=quoted(name), stages=STAGES)
        hit = stage.isna() & (paths.matches(pattern) | events.matches(pattern))
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
    reached = staged.drop_duplicates().groupby("stage")["session"].size()
    exits = staged.groupby("session")["stage"].last().value_counts()
    return stage_figures(reached, exits, total)


def stage_figures(reached: pd.Series, exits: pd.Series, total: int) -> pd.DataFrame:
    """:func:`stage_table` from the sessions reaching and leaving at each stage (Series by stage; stages
    missing count 0) and all sessions (``total``). Shared by the pandas and the SQL engine."""
    table = pd.DataFrame({"stage": STAGES, "sessions": reached.reindex(STAGES, fill_value=0).to_numpy(dtype=int),
                          "exits": exits.reindex(STAGES, fill_value=0).to_numpy(dtype=int)})
    table[["reach", "reach_low", "reach_high"]] = rates(table["sessions"], [total] * len(table))
    table[["drop_off", "drop_low", "drop_high"]] = rates(table["exits"], table["sessions"])
    table["small_sample"] = table["sessions"] < metrics.SMALL_SAMPLE
    return table[STAGE_COLUMNS]


@dataclass(frozen=True)
class StageEvidence:
    """The survey's weakest stage beside the stage where most sessions leave (:func:`compare_with_survey`).

    ``survey_stage`` and ``survey_score`` (0-1); ``leave_stage`` with its ``drop_off`` % and Wilson
    ``drop_low``/``drop_high`` over ``sessions``; the same for the survey's weakest stage
    (``survey_drop``..., NaN when no session reached it); ``agree`` when both are the same stage and
    ``separated`` when the two stages' intervals do not overlap (always False when they agree).
    """

    survey_stage: str
    survey_score: float
    leave_stage: str
    drop_off: float
    drop_low: float
    drop_high: float
    sessions: int
    survey_drop: float
    survey_drop_low: float
    survey_drop_high: float
    survey_sessions: int
    agree: bool
    separated: bool


def compare_with_survey(jmap: pd.DataFrame, table: pd.DataFrame) -> StageEvidence | None:
    """The survey's lowest-scored stage (``jmap`` of :func:`analysis.journey.journey_map`) against the stage with
    the largest drop-off among those reached by at least 30 sessions (``table`` of :func:`stage_table`).

    The two drop-offs are shares of overlapping sets of sessions (a session can reach both stages), so
    they are not set against each other with a two-sample test; their 95% intervals are compared
    instead: ``separated`` when they do not overlap. None when no stage is scored or no stage has
    30 sessions.
    """
    scored = jmap.dropna(subset=["score"])
    reached = table[~table["small_sample"].astype(bool) & (table["sessions"] > 0)]
    if scored.empty or reached.empty:
        return None
    survey = scored.loc[scored["score"].idxmin()]
    leave = reached.sort_values(["drop_off", "sessions"], ascending=False).iloc[0]
    at_survey = table.set_index("stage").loc[survey["stage"]]
    agree = leave["stage"] == survey["stage"]
    separated = not agree and (leave["drop_low"] > at_survey["drop_high"] or at_survey["drop_low"] > leave["drop_high"])
    return StageEvidence(survey_stage=survey["stage"], survey_score=float(survey["score"]), leave_stage=leave["stage"],
                         drop_off=float(leave["drop_off"]), drop_low=float(leave["drop_low"]),
                         drop_high=float(leave["drop_high"]), sessions=int(leave["sessions"]),
                         survey_drop=float(at_survey["drop_off"]), survey_drop_low=float(at_survey["drop_low"]),
                         survey_drop_high=float(at_survey["drop_high"]), survey_sessions=int(at_survey["sessions"]),
                         agree=bool(agree), separated=bool(separated))
