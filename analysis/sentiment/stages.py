"""What feedback says at each journey stage, for the journey map beside the survey's scores.

Comments are tagged to touchpoints by keywords (:mod:`analysis.sentiment.tagging`), touchpoints
belong to stages (the survey's editable stage map), so each stage gets the comments about it: how
many, the share negative with its 95% interval, the most frequent emotion, and its top pain point,
the word or phrase that most sets the stage's negative comments apart from its other comments.
"""
from __future__ import annotations

import pandas as pd

from analysis.journey import STAGES
from analysis.sentiment.base import UNDETECTED
from analysis.sentiment.summary import shares
from analysis.sentiment.terms import key_terms

STAGE_COLUMNS = ["stage", "n", "negative", "negative_low", "negative_high", "positive", "positive_low",
                 "positive_high", "mean_score", "emotion", "pain_point", "pain_touchpoint"]


def feedback_by_stage(scored: pd.DataFrame, tags: pd.DataFrame, min_count: int = 2) -> pd.DataFrame:
    """Per journey stage (in journey order) with tagged, readable comments: :func:`shares` figures,
    ``pain_point`` (the top key term of its negative comments, '' when none stands out with at least
    ``min_count`` comments) and ``pain_touchpoint`` (the touchpoint with the most negative comments, '' when
    none). ``tags`` is :func:`analysis.sentiment.tagging.tag_comments` of the same texts (same index)."""
    joined = scored.join(tags[["touchpoint", "stage"]])
    joined = joined[(joined["sentiment_label"] != UNDETECTED) & (joined["stage"].fillna("") != "")]
    rows = []
    for stage in STAGES:
        part = joined[joined["stage"] == stage]
        if part.empty:
            continue
        negative = part[part["sentiment_label"] == "negative"]
        touchpoint = negative["touchpoint"].value_counts()
        rows.append({"stage": stage, **shares(part), "pain_point": _pain_point(part, min_count),
                     "pain_touchpoint": touchpoint.index[0] if len(touchpoint) else ""})
    return pd.DataFrame(rows, columns=STAGE_COLUMNS)


def _pain_point(part: pd.DataFrame, min_count: int) -> str:
    """The top key term of the negative comments against the stage's other comments ('' when none)."""
    if not (part["sentiment_label"] == "negative").any():
        return ""
    languages = part["language"].where(part["language"] == "zh", "en").tolist()
    terms = key_terms(part["text"], part["sentiment_label"], lang=languages, top=1, min_count=min_count, min_z=0)
    negative = terms[terms["group"] == "negative"]
    return str(negative["term"].iloc[0]) if len(negative) else ""
