"""Which outcome a comment's author reached, as the 0/1 that themes are tested against as drivers.

:func:`outcome_flags` reads one column of a prepared survey by its role: an NPS answer is 1 for a
promoter (9-10) and 0 for a detractor (0-6), passives left out; a CSAT rating is 1 in the satisfied
top boxes of its scale (the lowest when reverse-scored, as the CSAT metric counts them) and 0 below;
a yes/no outcome (satisfied) is 1 for yes and 0 for no. :func:`analysis.themes.summary.linked_outcome`
then carries each respondent's flag to the comments they wrote.
"""
from __future__ import annotations

import pandas as pd

from analysis.metric_registry import column_answers
from analysis.metrics import in_boxes, top_boxes
from analysis.prepare import Prepared
from analysis.themes.summary import nps_outcome

ROLES = ("nps", "csat", "outcome")


def outcome_flags(prepared: Prepared, column: str) -> pd.Series:
    """The ``column``'s answers (by the export's rows) as 1 (promoter, satisfied, yes), 0 (detractor, not
    satisfied, no) or NaN (passive, missing). ``KeyError`` for a column whose role is not in :data:`ROLES`."""
    role = prepared.spec(column)["role"]
    if role not in ROLES:
        raise KeyError(f"{column!r} is not an NPS, CSAT or yes/no outcome column")
    if role == "nps":
        return nps_outcome(prepared.responses[column])
    _, answers = column_answers(prepared, column)
    if role == "csat":
        return in_boxes(answers.values.astype(float), top_boxes(answers.scale_min, answers.scale_max, answers.reverse))
    return answers.values.astype(float)
