"""What feedback says at each journey stage, for the journey map beside the survey's scores.

Comments are tagged to touchpoints by keywords (:mod:`analysis.sentiment.tagging`), touchpoints
belong to stages (the survey's editable stage map), so each stage gets the comments about it: how
many, the share negative with its 95% interval, the most frequent emotion, and its top pain point,
the word or phrase that most sets the stage's negative comments apart from its other comments.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.significance import proportion_test
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
    none). ``tags`` is :func:`analysis.themes.touchpoints.tag_comments` of the same texts (same index)."""
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


CHANNEL_COLUMNS = ["channel", "stage", *STAGE_COLUMNS[1:-2], "pain_point"]


def feedback_by_channel(scored: pd.DataFrame, channel: pd.Series, stages: dict[str, str],
                        min_count: int = 2) -> pd.DataFrame:
    """Per channel of ``stages`` (channel -> journey stage, in journey order) with readable comments from its
    respondents: the channel's stage, :func:`shares` figures and its ``pain_point`` (as in
    :func:`feedback_by_stage`). ``scored`` holds a survey's own comments and ``channel`` each respondent's
    channel (same index), so a comment belongs to the channel its respondent came through."""
    joined = scored.assign(channel=channel.reindex(scored.index).astype("string").str.strip())
    joined = joined[joined["sentiment_label"] != UNDETECTED]
    order = {stage: place for place, stage in enumerate(STAGES)}
    rows = []
    for name, stage in sorted(stages.items(), key=lambda item: order.get(item[1], len(STAGES))):
        part = joined[joined["channel"] == name]
        if not part.empty:
            rows.append({"channel": name, "stage": stage, **shares(part), "pain_point": _pain_point(part, min_count)})
    return pd.DataFrame(rows, columns=CHANNEL_COLUMNS)


@dataclass(frozen=True)
class Evidence:
    """The survey's weakest stage beside the stage whose comments are most negative.

    ``runner_up`` is the next most negative stage and ``p_value`` the two-proportion z test of the
    two shares (NaN without a runner-up): the most negative stage stands out only when it is small.
    """

    survey_stage: str
    survey_score: float
    words_stage: str
    negative: float
    n: int
    runner_up: str
    runner_up_negative: float
    p_value: float

    @property
    def agree(self) -> bool:
        """True when the survey and the comments point to the same stage."""
        return self.survey_stage == self.words_stage

    @property
    def stands_out(self) -> bool:
        """True when the most negative stage is more negative than the runner-up at the 5% level."""
        return bool(self.p_value < 0.05)


def compare_evidence(jmap: pd.DataFrame, feedback: pd.DataFrame, min_n: int = 10) -> Evidence | None:
    """The survey's lowest-scored stage (``jmap`` of :func:`analysis.journey.journey_map`) and the stage whose
    comments are most negative among those with at least ``min_n`` (``feedback`` of :func:`feedback_by_stage`);
    None when no stage is scored or fewer than two stages have ``min_n`` comments."""
    heard = feedback[feedback["n"] >= min_n].sort_values(["negative", "n"], ascending=False)
    scored = jmap.dropna(subset=["score"])
    if len(heard) < 2 or scored.empty:
        return None
    survey, top, second = scored.loc[scored["score"].idxmin()], heard.iloc[0], heard.iloc[1]
    flags = [np.r_[np.ones(round(row["negative"] * row["n"])), np.zeros(row["n"] - round(row["negative"] * row["n"]))]
             for row in (top, second)]
    return Evidence(survey_stage=survey["stage"], survey_score=float(survey["score"]), words_stage=top["stage"],
                    negative=float(top["negative"]), n=int(top["n"]), runner_up=second["stage"],
                    runner_up_negative=float(second["negative"]), p_value=proportion_test(*flags)["p_value"])


def _pain_point(part: pd.DataFrame, min_count: int) -> str:
    """The top key term of the negative comments against the stage's other comments ('' when none)."""
    if not (part["sentiment_label"] == "negative").any():
        return ""
    languages = part["language"].where(part["language"] == "zh", "en").tolist()
    terms = key_terms(part["text"], part["sentiment_label"], lang=languages, top=1, min_count=min_count, min_z=0)
    negative = terms[terms["group"] == "negative"]
    return str(negative["term"].iloc[0]) if len(negative) else ""
