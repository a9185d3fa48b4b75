"""A journey for a survey that rates no touchpoint: its channels (WeChat, website, store...) stand in for
touchpoints, rated by the survey's NPS, CSAT or CES, so the journey map, the stage cards and the friction
points can still be drawn (:func:`analysis.journey.touchpoint_summary` and :func:`analysis.journey.journey_map`
read them like touchpoint ratings)."""
from __future__ import annotations

import pandas as pd

from analysis.metric_registry import BY_NAME
from analysis.prepare import Prepared

CHANNEL_METRICS = ("nps", "csat", "ces")  # the rating a channel journey is drawn from, the first the survey has
MAX_CHANNELS = 12
MIN_CHANNEL_ANSWERS = 2


def channel_touchpoints(prepared: Prepared) -> tuple[pd.DataFrame, pd.DataFrame, str, str] | None:
    """For a survey without touchpoint ratings: each channel (WeChat, website, store...) as a touchpoint, rated by
    the survey's first rating metric of ``CHANNEL_METRICS``, so the journey can still be drawn (stages guessed
    from the channel names, as for touchpoints).

    Returns ``(scores, mapping, channel_column, metric)``: ``scores`` has one column per channel (the metric's
    answers of that channel's respondents, NaN elsewhere; the ``MAX_CHANNELS`` largest channels with at least
    ``MIN_CHANNEL_ANSWERS`` answers) and ``mapping`` one touchpoint row per channel with the metric's scale and
    direction, ready for :func:`analysis.journey.touchpoint_summary` and :func:`analysis.journey.journey_map`. None without a channel column or a
    rating metric.
    """
    channels = prepared.columns("channel")
    if not channels:
        return None
    for name in CHANNEL_METRICS:
        answers = BY_NAME[name].read(prepared, channels[0])
        if answers is not None:
            break
    else:
        return None
    channel = prepared.responses[channels[0]].astype("string").str.strip().replace("", pd.NA)
    values = answers.values.astype(float)
    counts = channel[values.notna()].value_counts()
    kept = [str(value) for value in counts[counts >= MIN_CHANNEL_ANSWERS].index[:MAX_CHANNELS]]
    if not kept:
        return None
    scores = pd.DataFrame({value: values.where(channel == value) for value in kept}, index=prepared.responses.index)
    mapping = pd.DataFrame({"column": kept, "role": "touchpoint", "scale_min": answers.scale_min,
                            "scale_max": answers.scale_max, "reverse": answers.reverse, "zero_is_na": False})
    return scores, mapping, channels[0], name

