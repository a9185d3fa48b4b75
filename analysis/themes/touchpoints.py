"""Touchpoint tagging as codeframe coding: which touchpoint (and so which journey stage) a comment talks about.

The touchpoint keyword lists (:mod:`analysis.sentiment.tagging`: seeded from the touchpoint names, edited by the
analyst as ``Seat comfort: seat, legroom, 座位`` lines) are a codeframe of touchpoint codes, each with its journey
stage (:func:`analysis.themes.codeframe.touchpoint_codes`); tagging a comment is coding it with that codeframe
(:func:`analysis.themes.codeframe.code_texts`), so touchpoints and the analyst's other keyword codes are matched
by one mechanism.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.journey import stage_map
from analysis.themes.codeframe import Codeframe, code_texts, touchpoint_codes

TAG_COLUMNS = ["touchpoint", "stage", "matches"]


def tag_comments(texts: Sequence[str], keywords: dict[str, list[str]],
                 stages: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per comment: ``touchpoint`` (best match, '' when none), ``stage`` and ``matches``.

    The comments are coded with the touchpoint codes of ``keywords`` (see :func:`tag_with`). ``stage`` is the
    touchpoint's journey stage from ``stages`` (default :func:`analysis.journey.stage_map` of the touchpoints),
    '' for an untagged comment. The index is that of ``texts`` when it is a Series.
    """
    return tag_with(texts, touchpoint_codes(keywords, stages if stages is not None else stage_map(list(keywords))))


def tag_with(texts: Sequence[str], frame: Codeframe) -> pd.DataFrame:
    """Comments tagged with the touchpoint codes of ``frame``: a touchpoint's score is how many times the comment
    mentions its keywords (a mention inside a longer mention of another touchpoint does not count, so 卫生间,
    bathroom, is not also 卫生, hygiene); the best has the highest score, then the earliest mention, then comes
    first in the codeframe. ``matches`` lists every touchpoint mentioned, best first."""
    texts = texts if isinstance(texts, pd.Series) else pd.Series(texts)
    touchpoints = [code for code in frame.codes if code.kind == "touchpoint"]
    names = {code.id: code.name for code in touchpoints}
    stages = {code.id: code.stage for code in touchpoints}
    coded = code_texts(texts, Codeframe(frame.space, tuple(touchpoints)))
    matches = [[names[code] for code in codes] for codes in coded["codes"]]
    return pd.DataFrame({"touchpoint": [names.get(code, "") for code in coded["topic"]],
                         "stage": [stages.get(code, "") for code in coded["topic"]], "matches": matches},
                        index=texts.index)
