"""Themes along the journey: which themes the comments at each stage carry, and how negative they are there.

Comments are placed at a stage by touchpoint tagging (:func:`analysis.themes.touchpoints.tag_comments`);
a comment counts for every code it carries (:func:`analysis.themes.summary.presence`).
"""
from __future__ import annotations

import pandas as pd

from analysis.journey import STAGES
from analysis.metrics import wilson_bounds
from analysis.sentiment.base import UNDETECTED
from analysis.themes.codeframe import Codeframe
from analysis.themes.summary import presence

COLUMNS = ["stage", "id", "name", "n", "negative_n", "negative", "negative_low", "negative_high", "stability"]


def themes_by_stage(coded: pd.DataFrame, frame: Codeframe, labels: pd.Series, stages: pd.Series) -> pd.DataFrame:
    """Per journey stage (journey order) and code carried there: ``n`` readable comments at the stage
    carrying the code, ``negative_n`` of them negative, the share ``negative`` with its Wilson 95%
    interval. Within a stage the codes run from the most negative comments to the fewest (ties: the
    higher share first, then codeframe order); codes no readable comment at the stage carries are left
    out. ``stability`` is the code's (:func:`analysis.themes.discover.stability`; NaN when not measured).
    ``labels`` (sentiment labels) and ``stages`` (a stage name, '' or NaN for none) run on ``coded``'s index;
    unreadable and unplaced comments are left out (``attrs["left_out"]``)."""
    labels, stages = labels.reindex(coded.index), stages.reindex(coded.index).fillna("").astype(str)
    used = (labels != UNDETECTED) & labels.notna() & stages.isin(STAGES)
    carried = presence(coded, frame)[used]
    negative = (labels[used] == "negative").to_numpy(dtype=int)
    order = {code.id: position for position, code in enumerate(frame.codes)}
    rows = []
    for stage in STAGES:
        at = (stages[used] == stage).to_numpy()
        if not at.any():
            continue
        counts = carried[at].sum()
        negatives = carried[at].mul(negative[at], axis=0).sum()
        part = pd.DataFrame({"stage": stage, "id": counts.index, "name": [frame.get(c).name for c in counts.index],
                             "n": counts.to_numpy(), "negative_n": negatives.to_numpy()})
        part = part[part["n"] > 0]
        rows.append(part)
    if not rows:
        table = pd.DataFrame(columns=COLUMNS)
    else:
        table = pd.concat(rows, ignore_index=True)
        table["negative"] = table["negative_n"] / table["n"]
        low, high = wilson_bounds(table["negative_n"].to_numpy(), table["n"].to_numpy())
        table["negative_low"], table["negative_high"] = low, high
        table["_stage"] = table["stage"].map({stage: place for place, stage in enumerate(STAGES)})
        table["_code"] = table["id"].map(order)
        held = {code.id: code.stability for code in frame.codes if code.stability is not None}
        table["stability"] = table["id"].map(held).astype(float)
        table = table.sort_values(["_stage", "negative_n", "negative", "_code"], ascending=[True, False, False, True],
                                  kind="stable", ignore_index=True)[COLUMNS]
    table.attrs = {"left_out": int((~used).sum())}
    return table


def top_negative(table: pd.DataFrame, top: int = 3) -> dict[str, pd.DataFrame]:
    """Per stage of a :func:`themes_by_stage` table, its ``top`` codes with negative comments (most first)."""
    negative = table[table["negative_n"] > 0]
    return {stage: part.head(top) for stage, part in negative.groupby("stage", sort=False)}


