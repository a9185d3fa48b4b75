"""The executive summary: five or so sentences a stakeholder reads first, each from a result the library computes
and each pointing at the chart or section it comes from.

:func:`executive_summary` writes, only where the data supports it:

- ``headline``: the first headline metric (:data:`analysis.metric_registry.METRICS` order) with its 95%
  interval and n;
- ``lost``: the touchpoint with the lowest 0-100 score (:func:`analysis.journey.touchpoint_summary`), with its
  interval and n, against the average of all ratings. It is called *the lowest* only when its interval lies
  wholly below every other touchpoint's (non-overlapping 95% intervals of two means differ at well below the 5%
  level, paired or not); otherwise it is *the lowest point estimate* and the sentence says how many intervals
  it overlaps. Touchpoints rated by fewer than 30 are left out while at least two others have 30;
- ``said``: what the comments tagged to that touchpoint's stage say (:func:`analysis.sentiment.stages
  .feedback_by_stage`): the share negative with its Wilson interval and the top pain point, from
  :data:`MIN_COMMENTS` comments;
- ``changed``: the headline metric in the latest period against the previous one (periods as the trend chart
  cuts them, :func:`analysis.trends.period_rule`), tested with the metric's two-group test
  (:data:`analysis.significance.TESTS`, as Compare tests it);
- ``differs``: among the groups of every segment column (:func:`analysis.filters.filter_options`) with at
  least 30 answers, each tested against everyone else on the headline metric with the same test, the largest
  difference that stays significant after Holm's adjustment over all those tests; or that none does.

Each :class:`Sentence` carries a :class:`~analysis.messages.Message` (worded in English or Chinese by
:mod:`analysis.messages`, numbers formatted here) and the anchor of its chart (:data:`ANCHORS`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import quoted
from analysis.filters import filter_options
from analysis.io import Export
from analysis.journey import touchpoint_summary
from analysis.messages import Message, say
from analysis.metric_registry import Answers, MetricDef, answers_of
from analysis.metrics import SMALL_SAMPLE, format_p
from analysis.prepare import Prepared, prepare
from analysis.schema import detect_roles
from analysis.segments import segment_labels
from analysis.significance import TESTS, holm
from analysis.trends import period_rule

ALPHA = 0.05
MIN_COMMENTS = 10  # comments a stage needs before the summary says what they say
ANCHORS = {"headline": "headline", "lost": "touchpoint-ratings", "said": "scores-and-words", "changed": "trend",
           "differs": "segments"}
"""The id of the chart or section each sentence comes from (the Journey page gives its headers these anchors)."""
_PERIODS = {"D": "day", "W": "week", "M": "month"}  # pandas period rule -> its words in the summary


@dataclass(frozen=True)
class Sentence:
    """One sentence of the summary: its ``topic`` (a key of :data:`ANCHORS`), its words and its chart's anchor."""

    topic: str
    message: Message

    @property
    def anchor(self) -> str:
        """The id of the chart or section the sentence comes from."""
        return ANCHORS[self.topic]

    def text(self, lang: str = "en") -> str:
        """The sentence in ``lang``."""
        return self.message.text(lang)


def export_summary(export: Export) -> list[Sentence]:
    """The summary of a file read with its detected roles, its touchpoints on their guessed stages and no comments
    (what ``python -m analysis report`` heads its report with); empty for a transaction export."""
    prepared = prepare(export, detect_roles(export))
    if prepared.kind == "transactions":
        return []
    return executive_summary(prepared, touchpoint_summary(prepared.scores, prepared.mapping))


def signed(value: float, fmt: str) -> str:
    """A change with its sign (``+3``, ``-2``), written ``0`` when it rounds to nothing (never ``-0``)."""
    written = format(value, "+" + fmt.lstrip("+"))
    return format(0.0, fmt.lstrip("+")) if float(written) == 0 else written


def executive_summary(prepared: Prepared, touchpoints: pd.DataFrame | None = None,
                      feedback: pd.DataFrame | None = None) -> list[Sentence]:
    """The summary's sentences, in reading order: headline, where customers are lost, what they say there, what
    changed, which group differs (each only when the data supports it; see the module docstring).

    ``touchpoints`` is :func:`analysis.journey.touchpoint_summary` under the stage map in use (None: no touchpoint
    sentence); ``feedback`` is :func:`analysis.sentiment.stages.feedback_by_stage` of the comments read with the
    survey (None: no comments). Empty for an export without any headline metric or touchpoint.
    """
    found = answers_of(prepared)
    headline = found[0] if found else None
    lost = lowest_touchpoint(touchpoints, prepared.labels) if touchpoints is not None else None
    sentences = [
        headline_sentence(*headline) if headline else None,
        lost.sentence if lost else None,
        said_sentence(feedback, lost.stage) if lost is not None and feedback is not None else None,
        change_sentence(prepared, *headline) if headline else None,
        group_sentence(prepared, *headline) if headline else None,
    ]
    return [sentence for sentence in sentences if sentence is not None]


# The headline ----------------------------------------------------------------------------------------------

def interval(low: float, high: float, write) -> Message:
    """A 95% interval in words, its ends written by ``write``."""
    return say("summary.interval", low=write(low), high=write(high))


def count(n: int) -> str:
    """A count as written in the summary: ``1,234``."""
    return f"{int(n):,}"


def headline_sentence(metric: MetricDef, answers: Answers) -> Sentence | None:
    """The headline metric with its interval and n (a caution when n < 30); None when it has no value."""
    found = metric.estimate(answers)
    if found.value is None or pd.isna(found.value):
        return None
    values = {"metric": say(f"metric.{metric.name}"), "value": metric.text(found.value),
              "interval": interval(found.low, found.high, metric.text), "n": count(found.n)}
    if found.n < SMALL_SAMPLE:
        return Sentence("headline", say("summary.headline_small", **values))
    return Sentence("headline", say("summary.headline", **values))


# Where customers are lost ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lowest:
    """The lowest-scored touchpoint: its stage and the sentence about it."""

    stage: str
    sentence: Sentence


def score_bounds(table: pd.DataFrame) -> pd.DataFrame:
    """Each touchpoint's 0-100 score with its 95% interval, from its mean's interval on its own scale (ends
    swapped on a reversed scale, where a higher number is worse)."""
    span = table["scale_max"] - table["scale_min"]
    up = 100 * (table["low"] - table["scale_min"]) / span
    down = 100 * (table["high"] - table["scale_min"]) / span
    reverse = (table["score"] - (table["mean"] - table["scale_min"]) / span).abs() > 1e-9
    return pd.DataFrame({"score": 100 * table["score"],
                         "low": np.where(reverse, 100 - down, up), "high": np.where(reverse, 100 - up, down)},
                        index=table.index)


def whole(value: float) -> str:
    """A 0-100 score as a whole number."""
    return f"{value:.0f}"


def lowest_touchpoint(table: pd.DataFrame, labels: dict | None = None) -> Lowest | None:
    """The touchpoint with the lowest score and how sure that is (see the module docstring), named by its label in
    ``labels`` (its column name when it has none); None with fewer than two rated touchpoints."""
    rated = table[(table["n"] > 0) & table["score"].notna()]
    reliable = rated[rated["n"] >= SMALL_SAMPLE]
    chosen = reliable if len(reliable) >= 2 else rated
    if len(chosen) < 2:
        return None
    bounds = score_bounds(chosen)
    at = bounds["score"].idxmin()
    row, own = chosen.loc[at], bounds.loc[at]
    others = bounds.drop(index=at)
    overlapping = int((others["low"] <= own["high"]).sum())
    overall = float((bounds["score"] * chosen["n"]).sum() / chosen["n"].sum())
    name = (labels or {}).get(row["touchpoint"], row["touchpoint"])
    values = {"touchpoint": quoted(name), "stage": say(f"stage.{row['stage']}"), "score": whole(own["score"]),
              "interval": interval(own["low"], own["high"], whole), "n": count(row["n"]), "count": len(chosen),
              "overall": whole(overall)}
    if overlapping:
        message = say("summary.lost_unclear", overlapping=overlapping, others=len(others), **values)
    else:
        message = say("summary.lost", **values)
    if len(chosen) < len(rated):
        message = say("summary.with_note", sentence=message, note=say("summary.small_left_out",
                                                                        count=len(rated) - len(chosen)))
    elif row["n"] < SMALL_SAMPLE:
        message = say("summary.with_note", sentence=message, note=say("summary.small_caution"))
    return Lowest(str(row["stage"]), Sentence("lost", message))


# What they say there -----------------------------------------------------------------------------------------

def said_sentence(feedback: pd.DataFrame, stage: str) -> Sentence | None:
    """The share negative of the comments tagged to ``stage``, its interval and top pain point; None with fewer
    than :data:`MIN_COMMENTS` comments there."""
    found = feedback[feedback["stage"] == stage]
    if found.empty or int(found["n"].iloc[0]) < MIN_COMMENTS:
        return None
    row = found.iloc[0]
    values = {"stage": say(f"stage.{stage}"), "share": f"{100 * row['negative']:.0f}%", "n": count(row["n"]),
              "interval": interval(100 * row["negative_low"], 100 * row["negative_high"], lambda v: f"{v:.0f}%")}
    if row["pain_point"]:
        return Sentence("said", say("summary.said_term", term=quoted(row["pain_point"]), **values))
    return Sentence("said", say("summary.said", **values))


# What changed ---------------------------------------------------------------------------------------------

def change_sentence(prepared: Prepared, metric: MetricDef, answers: Answers) -> Sentence | None:
    """The headline metric in the latest period against the one before, tested; None without dates, with one
    period, or with fewer than two answers in either period."""
    if "submitted_at" not in prepared.responses:
        return None
    stamps = prepared.responses["submitted_at"].dropna()
    values = pd.Series(metric.tested(answers), index=answers.values.index).reindex(stamps.index)
    stamps = stamps[values.notna()]
    if stamps.empty:
        return None
    rule = period_rule(stamps, "auto")
    periods = stamps.dt.to_period(rule)
    order = sorted(periods.unique())
    if len(order) < 2:
        return None
    latest, previous = order[-1], order[-2]
    after = values[periods.index[periods == latest]].to_numpy(dtype=float)
    before = values[periods.index[periods == previous]].to_numpy(dtype=float)
    result = TESTS[metric.unit](after, before)
    if pd.isna(result["p_value"]):
        return None
    change = result["value_a"] - result["value_b"]
    values = {"metric": say(f"metric.{metric.name}"), "before": metric.text(result["value_b"]),
              "after": metric.text(result["value_a"]), "change": signed(change, metric.fmt),
              "unit": say(f"unit.{metric.unit}"), "previous": period_words(previous, rule),
              "latest": period_words(latest, rule), "n_before": count(len(before)), "n_after": count(len(after)),
              "test": say(f"test.{result['test']}"), "p": format_p(result["p_value"])}
    if result["p_value"] < ALPHA:
        return Sentence("changed", say("summary.changed", **values))
    return Sentence("changed", say("summary.changed_not", **values))


def period_words(period: pd.Period, rule: str) -> Message:
    """A period as the summary names it: the day, the week starting on a date, or the month."""
    start = period.start_time
    date = start.strftime("%Y-%m") if rule == "M" else start.strftime("%Y-%m-%d")
    return say(f"summary.period.{_PERIODS[rule]}", date=date)


# Which group differs ----------------------------------------------------------------------------------------

def group_tests(prepared: Prepared, metric: MetricDef, answers: Answers) -> pd.DataFrame:
    """Each group (of every segment column but the metric's own) with at least 30 answers, tested against everyone
    else with an answer on the metric; ``p_holm`` adjusted over every test here. Columns: column, group, value_a
    (the group), value_b (the rest), n_a, n_b, difference (raw), test, p_value, p_holm."""
    numbers = pd.Series(metric.tested(answers), index=answers.values.index)
    rows = []
    for column in filter_options(prepared)["segments"]:
        if column == answers.column:
            continue
        labels = segment_labels(prepared.responses[column])
        valid = numbers.notna() & labels.notna()
        sizes = labels[valid].value_counts()
        groups = sorted(sizes[sizes >= SMALL_SAMPLE].index, key=lambda group: (-sizes[group], group))
        if len(groups) < 2:
            continue
        if len(sizes) == 2:  # one group against the other is the same test either way round
            groups = groups[:1]
        for group in groups:
            inside = valid & labels.eq(group).fillna(False)
            result = TESTS[metric.unit](numbers[inside].to_numpy(dtype=float),
                                        numbers[valid & ~inside].to_numpy(dtype=float))
            rows.append({"column": column, "group": group, "value_a": result["value_a"], "value_b": result["value_b"],
                         "n_a": result["n_a"], "n_b": result["n_b"],
                         "difference": result["value_a"] - result["value_b"], "test": result["test"],
                         "p_value": result["p_value"]})
    table = pd.DataFrame(rows, columns=["column", "group", "value_a", "value_b", "n_a", "n_b", "difference", "test",
                                        "p_value"])
    table["p_holm"] = holm(table["p_value"].to_numpy(dtype=float))
    return table


def group_sentence(prepared: Prepared, metric: MetricDef, answers: Answers) -> Sentence | None:
    """The group that differs most from everyone else on the headline metric among those that differ
    significantly (Holm), or that none does; None when no segment column has two groups of 30."""
    tests = group_tests(prepared, metric, answers)
    tested = tests[tests["p_value"].notna()]
    if tested.empty:
        return None
    name = say(f"metric.{metric.name}")
    significant = tested[tested["p_holm"] < ALPHA]
    if significant.empty:
        return Sentence("differs", say("summary.differs_none", metric=name, count=len(tested),
                                       columns=tested["column"].nunique()))
    row = significant.loc[significant["difference"].abs().idxmax()]
    return Sentence("differs", say(
        "summary.differs", metric=name,
        group=quoted(row["group"]), column=quoted(prepared.labels.get(row["column"], row["column"])),
        value=metric.text(row["value_a"]), rest=metric.text(row["value_b"]), n=count(row["n_a"]),
        n_rest=count(row["n_b"]), test=say(f"test.{row['test']}"), p_holm=format_p(row["p_holm"]),
        count=len(tested)))
