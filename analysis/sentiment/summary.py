"""What scored texts say as a whole: label shares with intervals, emotions, languages, groups, time.

A *scored* table has one row per text with ``text``, ``sentiment_score``, ``sentiment_label``,
``emotion`` and ``language`` (see :func:`analysis.sentiment.model.score_texts`) and any columns
to group by (``created_at``, ``channel``, segments, ``touchpoint``). Shares are of the texts an
engine could read; ``undetected`` texts are counted apart, never as neutral.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.metrics import wilson_bounds
from analysis.prepare import Prepared, columns_for
from analysis.sentiment.base import EMOTIONS, LABELS, UNDETECTED
from analysis.sentiment.trained import holds_label_words
from analysis.trends import period_rule

CONTEXT_ROLES = ("channel", "attribute")


def text_columns(prepared: Prepared) -> list[str]:
    """The free-text columns of a prepared file, the one with the longest answers first."""
    columns = columns_for(prepared.mapping, "text")
    lengths = {c: prepared.responses[c].astype("string").str.len().mean() for c in columns}
    return sorted(columns, key=lambda c: -(lengths[c] if pd.notna(lengths[c]) else 0))


def corpus(prepared: Prepared, column: str) -> pd.DataFrame:
    """The answers of one text column with what they can be grouped by.

    One row per response (same index), columns ``text``, ``created_at`` (when the file has a
    time), ``channel`` (its first channel column) and each attribute column as it is.
    """
    responses = prepared.responses
    frame = pd.DataFrame({"text": responses[column].astype("string").fillna("")}, index=responses.index)
    if "submitted_at" in responses:
        frame["created_at"] = responses["submitted_at"]
    channels = columns_for(prepared.mapping, "channel")
    if channels:
        frame["channel"] = responses[channels[0]].astype("string")
    for attribute in columns_for(prepared.mapping, "attribute"):
        if attribute not in frame:
            frame[attribute] = responses[attribute]
    return frame


SCORE_COLUMNS = ("sentiment_score", "sentiment_label", "emotion", "language")
MAX_GROUPS = 40


def group_columns(scored: pd.DataFrame) -> list[str]:
    """Columns of a scored table worth grouping by (2 to 40 distinct values): the tagged touchpoint first,
    then the channel and the other columns; columns that are themselves sentiment labels last."""
    candidates = [column for column in scored.columns if column not in ("text", "created_at", *SCORE_COLUMNS)
                  and 2 <= scored[column].nunique() <= MAX_GROUPS]
    first = [column for column in ("touchpoint", "stage", "channel") if column in candidates]
    rest = [column for column in candidates if column not in first]
    return first + sorted(rest, key=lambda column: holds_label_words(scored[column].dropna().unique()))


def label_shares(scored: pd.DataFrame) -> pd.DataFrame:
    """Per label (negative, neutral, positive): n, share of the readable texts and its Wilson 95% interval.

    ``attrs`` holds ``readable`` and ``undetected`` counts.
    """
    labels = scored["sentiment_label"]
    readable = int((labels != UNDETECTED).sum())
    counts = np.array([int((labels == label).sum()) for label in LABELS])
    table = pd.DataFrame({"label": LABELS, "n": counts})
    table["share"] = counts / readable if readable else np.nan
    low, high = wilson_bounds(counts, readable) if readable else (np.full(3, np.nan), np.full(3, np.nan))
    table["low"], table["high"] = low, high
    table.attrs = {"readable": readable, "undetected": int(len(labels) - readable)}
    return table


def emotion_counts(scored: pd.DataFrame) -> pd.DataFrame:
    """How many readable texts show each emotion, in the order angry, sad, neutral, happy, excited."""
    counts = scored.loc[scored["sentiment_label"] != UNDETECTED, "emotion"].value_counts()
    readable = int(counts.sum())
    table = pd.DataFrame({"emotion": EMOTIONS, "n": [int(counts.get(e, 0)) for e in EMOTIONS]})
    table["share"] = table["n"] / readable if readable else np.nan
    return table


def language_mix(scored: pd.DataFrame) -> pd.DataFrame:
    """How many texts are in each language (``en``, ``zh``, ``other``, ``''`` for none), largest first."""
    counts = scored["language"].fillna("").value_counts()
    return pd.DataFrame({"language": counts.index, "n": counts.to_numpy()})


def by_group(scored: pd.DataFrame, column: str, min_n: int = 1) -> pd.DataFrame:
    """Per value of ``column``: readable texts, negative and positive shares with Wilson intervals,
    mean score and the most frequent emotion; groups with fewer than ``min_n`` texts left out."""
    readable = scored[(scored["sentiment_label"] != UNDETECTED) & scored[column].notna()]
    readable = readable[readable[column].astype("string").str.strip() != ""]
    rows = []
    for group, part in readable.groupby(readable[column].astype("string"), sort=False):
        if len(part) >= min_n:
            rows.append({"group": group, **shares(part)})
    table = pd.DataFrame(rows, columns=["group", *_SHARE_COLUMNS])
    return table.sort_values(["negative", "n"], ascending=[False, False], ignore_index=True)


def over_time(scored: pd.DataFrame, column: str = "created_at", freq: str = "auto", min_n: int = 1) -> pd.DataFrame:
    """Per period (day, week or month, as :func:`analysis.trends.period_rule` picks): the same figures as
    :func:`by_group`, oldest first; periods with fewer than ``min_n`` texts left out (``attrs["dropped"]``
    counts their texts). Raises :class:`InputError` when no text has a readable time."""
    stamps = pd.to_datetime(scored[column], errors="coerce") if column in scored else pd.Series(dtype="datetime64[ns]")
    readable = scored[(scored["sentiment_label"] != UNDETECTED) & stamps.notna()]
    if readable.empty:
        raise InputError("error.trend.no_dates")
    stamps = stamps[readable.index]
    period = stamps.dt.to_period(period_rule(stamps, freq)).dt.start_time
    parts = list(readable.groupby(period, sort=True))
    rows = [{"period": start, **shares(part)} for start, part in parts if len(part) >= min_n]
    table = pd.DataFrame(rows, columns=["period", *_SHARE_COLUMNS])
    table.attrs["dropped"] = sum(len(part) for _, part in parts if len(part) < min_n)
    return table


_SHARE_COLUMNS = ["n", "negative", "negative_low", "negative_high", "positive", "positive_low", "positive_high",
                  "mean_score", "emotion"]


def shares(part: pd.DataFrame) -> dict:
    """n, negative and positive shares with Wilson 95% bounds, mean score and the most frequent emotion of
    readable scored texts (at least one)."""
    n = len(part)
    negative, positive = int((part["sentiment_label"] == "negative").sum()), int((part["sentiment_label"] == "positive").sum())
    (neg_low, pos_low), (neg_high, pos_high) = wilson_bounds(np.array([negative, positive]), n)
    emotions = part["emotion"].value_counts()
    return {"n": n, "negative": negative / n, "negative_low": neg_low, "negative_high": neg_high,
            "positive": positive / n, "positive_low": pos_low, "positive_high": pos_high,
            "mean_score": float(part["sentiment_score"].mean()), "emotion": emotions.index[0]}


def extremes(scored: pd.DataFrame, label: str, count: int = 10) -> pd.DataFrame:
    """The ``count`` most negative (``label="negative"``) or most positive texts, strongest first,
    each distinct text once."""
    part = scored[scored["sentiment_label"] == label]
    part = part.sort_values("sentiment_score", ascending=label == "negative", kind="stable")
    return part.drop_duplicates("text").head(count)
