"""What sets each persona apart, in words, and how it fares: the content of a persona card.

A **trait** is a feature on which the persona differs from the rest, both significantly and enough to
matter: a number whose mean differs with Hedges' g of at least 0.3 (Welch's t test), or a category
whose share in the persona is at least 10% and 1.25 times its share overall (or at most 0.8 times,
for a category at least 10% of everyone has), with Cohen's h of at least 0.2 (two-proportion z test).
The p-values of all of a persona's tests are Holm-adjusted together and must be below 0.05.

The groups were formed on these very features, so on the rows they were fitted on a difference is
there by construction. A trait is therefore **checked on held-out rows**: a second model (same
algorithm and k) is fitted on half of the fitted rows only, the other rows are assigned by it, its
groups are matched to the personas by the rows they share (Hungarian matching), and the same tests
are run on those held-out rows alone. A card shows the traits found again there (same column, value
and direction, significant after Holm); the others are counted as not confirmed. A held-out half
cannot make a feature the groups were drawn on independent of them: whether there are groups at
all is the null reference's question (:mod:`analysis.personas.choose_k`); the held-out check says a
trait is not a quirk of the rows the model saw.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.significance import holm, proportion_counts_test, welch_moments_test
from analysis.errors import quoted
from analysis.journey import STAGES, touchpoint_summary
from analysis.messages import Message, say
from analysis.personas.features import categories
from analysis.personas.linked import (LINKED_LABELS, LINKED_LABELS_ZH, Linked, buying_card, comments_card,
                                      pain_points)
from analysis.prepare import Prepared
from analysis.metric_registry import headline_metrics

MIN_G = 0.3
MIN_H = 0.2
MIN_SHARE = 0.10
MIN_LIFT = 1.25
MAX_LIFT_FEWER = 0.8
MIN_CATEGORY_SHARE = 0.01  # categories rarer than this overall are not tested
ALPHA = 0.05
NAME_TRAITS = 2
EVERYONE = {"en": "Everyone", "zh": "所有人"}  # the one persona when there are no clear groups


@dataclass(frozen=True)
class Trait:
    """One way a persona differs from everyone else (see the module docstring)."""

    column: str
    value: str | None  # the category, None for a number
    direction: str  # higher / lower (numbers), more / fewer (categories)
    persona: float  # the persona's mean, or its share of the category (0-1)
    overall: float  # everyone's mean or share
    effect: float  # Hedges' g or Cohen's h, persona against the rest
    p_holm: float
    p_held_out: float = float("nan")  # Holm-adjusted p of the same test on the held-out rows (NaN: not found there)

    @property
    def key(self) -> tuple:
        """What makes two traits the same finding: column, category and direction."""
        return self.column, self.value, self.direction

    def sentence(self, label: str) -> Message:
        """The trait in words, with ``label`` for the column."""
        if self.value is None:
            return say(f"persona.trait.{self.direction}", label=quoted(label), persona=_number(self.persona),
                       overall=_number(self.overall))
        return say(f"persona.trait.{self.direction}", label=quoted(label), value=quoted(self.value),
                   persona=f"{100 * self.persona:.0f}", overall=f"{100 * self.overall:.0f}")


@dataclass
class Persona:
    """One persona: its number, size, traits and how it fares (metrics, touchpoints, weakest stage)."""

    id: int
    size: int
    share: float
    traits: list[Trait]  # confirmed on held-out rows
    unconfirmed: list[Trait] = field(default_factory=list)  # found on the fitted rows, not on held-out ones
    metrics: dict = field(default_factory=dict)
    touchpoints: dict = field(default_factory=dict)
    weakest_stage: str = ""
    channel: str = ""
    name: dict = field(default_factory=dict)
    comments: dict | None = None  # what its linked comments say (analysis.personas.linked.comments_card)
    pain_points: list = field(default_factory=list)  # terms of its negative comments
    buying: dict | None = None  # how its linked customers buy (analysis.personas.linked.buying_card)


@dataclass(frozen=True)
class FeatureArrays:
    """The features as arrays, computed once for all personas: numbers (NaN missing) and category codes
    (-1 missing) with their levels."""

    numbers: dict[str, np.ndarray]
    codes: dict[str, tuple[np.ndarray, list[str]]]


def feature_arrays(frame: pd.DataFrame, numeric: list[str], categorical: list[str]) -> FeatureArrays:
    """:class:`FeatureArrays` of ``frame``'s feature columns."""
    table = categories(frame, categorical)
    codes = {}
    for column in categorical:
        found, levels = pd.factorize(table[column])
        codes[column] = (found, [str(level) for level in levels])
    return FeatureArrays({column: frame[column].to_numpy(dtype=float) for column in numeric}, codes)


def traits_by_persona(arrays: FeatureArrays, labels: np.ndarray, k: int) -> list[list[Trait]]:
    """The traits of each persona 0..k-1 of ``labels`` against the other rows, strongest first. Counts, sums
    and sums of squares are taken once per feature for all personas (the rest = everyone minus the persona)."""
    tests: list[list[tuple]] = [[] for _ in range(k)]
    for column, values in arrays.numbers.items():
        known = ~np.isnan(values)
        group, seen = labels[known], values[known]
        count = np.bincount(group, minlength=k).astype(float)
        total = np.bincount(group, weights=seen, minlength=k)
        squares = np.bincount(group, weights=seen * seen, minlength=k)
        n_all, sum_all, squares_all = count.sum(), total.sum(), squares.sum()
        overall = sum_all / n_all if n_all else np.nan
        for persona in range(k):
            moments = [_moments(count[persona], total[persona], squares[persona]),
                       _moments(n_all - count[persona], sum_all - total[persona], squares_all - squares[persona])]
            result = welch_moments_test(*moments[0], *moments[1])
            large = pd.notna(result["effect_size"]) and abs(result["effect_size"]) >= MIN_G
            tests[persona].append((column, None, "higher" if result["difference"] > 0 else "lower", result["value_a"],
                                   overall, result["effect_size"], result["p_value"], large))
    for column, (codes, levels) in arrays.codes.items():
        answered = codes >= 0
        table = np.zeros((k, len(levels)), dtype=np.int64)
        np.add.at(table, (labels[answered], codes[answered]), 1)
        totals, everyone = table.sum(axis=1), table.sum(axis=0)
        n_all = int(everyone.sum())
        for persona in range(k):
            n_in, n_out = int(totals[persona]), n_all - int(totals[persona])
            for level, value in enumerate(levels):
                overall = everyone[level] / n_all if n_all else 0.0
                if overall < MIN_CATEGORY_SHARE or not n_in:
                    continue
                inside = int(table[persona, level])
                result = proportion_counts_test(inside, n_in, int(everyone[level]) - inside, n_out)
                share = inside / n_in
                lift = share / overall
                more = share >= MIN_SHARE and lift >= MIN_LIFT
                fewer = overall >= MIN_SHARE and lift <= MAX_LIFT_FEWER
                large = (more or fewer) and pd.notna(result["effect_size"]) and abs(result["effect_size"]) >= MIN_H
                tests[persona].append((column, value, "more" if lift >= 1 else "fewer", share, float(overall),
                                       result["effect_size"], result["p_value"], large))
    return [_significant(found) for found in tests]


def _moments(n: float, total: float, squares: float) -> tuple[int, float, float]:
    """Size, mean and sample variance (ddof 1) from a count, a sum and a sum of squares."""
    if n < 1:
        return 0, np.nan, np.nan
    mean = total / n
    variance = max(squares - n * mean * mean, 0.0) / (n - 1) if n > 1 else np.nan
    return int(n), float(mean), float(variance)


def _significant(tests: list[tuple]) -> list[Trait]:
    """The large differences whose Holm-adjusted p-value (over all of ``tests``) is under ``ALPHA``."""
    if not tests:
        return []
    adjusted = holm(np.array([test[6] for test in tests], dtype=float))
    found = [Trait(column, value, direction, float(persona), float(overall), float(effect), float(p))
             for (column, value, direction, persona, overall, effect, _, large), p in zip(tests, adjusted)
             if large and p < ALPHA]
    return sorted(found, key=lambda trait: -abs(trait.effect))


def confirmed(found: list[Trait], held_out: list[Trait]) -> tuple[list[Trait], list[Trait]]:
    """``found`` split into the traits ``held_out`` has too (with its p-value) and the others."""
    again = {trait.key: trait for trait in held_out}
    kept = [dataclasses.replace(trait, p_held_out=again[trait.key].p_holm) for trait in found if trait.key in again]
    return kept, [trait for trait in found if trait.key not in again]


def describe(prepared: Prepared, frame: pd.DataFrame, labels: np.ndarray, numeric: list[str],
             categorical: list[str], stages: dict[str, str] | None = None, linked: Linked | None = None,
             held_out: tuple[np.ndarray, np.ndarray] | None = None, k: int | None = None,
             weights: pd.Series | None = None) -> list[Persona]:
    """Every persona of ``labels`` (0..k-1 for the rows of ``frame``, which are rows of ``prepared``): size,
    traits, headline metrics, touchpoint scores (0-100), the weakest stage and the most frequent channel; with
    ``linked`` data, what its comments say (and their pain-point terms) and how it buys.

    ``held_out`` is ``(positions, labels)``: rows of ``frame`` a second model never saw and the persona it gave
    them; traits are kept when they are found there too (see the module docstring). Without it, no trait is
    confirmed. ``weights`` (survey weights by the export's rows) weight each persona's metrics and touchpoint
    scores; the traits, which describe the persona's members, are not weighted."""
    personas = []
    k = k if k is not None else int(labels.max()) + 1 if len(labels) else 0
    traits = traits_by_persona(feature_arrays(frame, numeric, categorical), labels, k)
    again = (traits_by_persona(feature_arrays(frame.iloc[held_out[0]], numeric, categorical), held_out[1], k)
             if held_out is not None else [[] for _ in range(k)])
    linked = linked or Linked()
    pains = pain_points(linked.comments, pd.Series(labels, index=frame.index))
    channel = prepared.columns("channel")
    for group in range(k):
        member = labels == group
        part = subset(prepared, frame.index[member])
        kept, unconfirmed = confirmed(traits[group], again[group])
        found = Persona(id=group, size=int(member.sum()), share=float(member.mean()), traits=kept,
                        unconfirmed=unconfirmed)
        found.metrics = {name: metric.to_dict() for name, metric in headline_metrics(part, weights).items()}
        table = touchpoint_summary(part.scores, part.mapping, stages, weights)
        found.touchpoints = {row.touchpoint: round(100 * row.score, 1) for row in table.itertuples()
                             if pd.notna(row.score)}
        found.weakest_stage = _weakest_stage(table)
        found.comments = comments_card(linked.comments, part.responses.index)
        found.pain_points = pains.get(group, [])
        found.buying = buying_card(linked.buying, part.responses.index)
        if channel:
            counts = part.responses[channel[0]].dropna().astype("string").value_counts()
            found.channel = str(counts.index[0]) if len(counts) else ""
        found.name = EVERYONE if k == 1 else persona_name(found.traits, prepared.labels)
        personas.append(found)
    return personas


def subset(prepared: Prepared, index: pd.Index) -> Prepared:
    """The rows of ``prepared`` with these index labels, as a new Prepared."""
    feedback = prepared.feedback
    return dataclasses.replace(prepared, responses=prepared.responses.loc[index], scores=prepared.scores.loc[index],
                               feedback=feedback[feedback.index.isin(index)] if feedback is not None else None)


def _weakest_stage(table: pd.DataFrame) -> str:
    """The journey stage with the lowest mean touchpoint score ('' without scores)."""
    scored = table.dropna(subset=["score"])
    if scored.empty:
        return ""
    means = scored.groupby("stage")["score"].mean()
    return str(min(means.index, key=lambda stage: (means[stage], STAGES.index(stage))))


def persona_name(traits: list[Trait], labels: dict[str, str]) -> dict[str, str]:
    """A short name in English and Chinese from the persona's strongest category it has more of and its
    strongest number ("Business travel · High Online boarding" / "Business travel · Online boarding高"),
    a generic one when it has no trait."""
    category = next((trait for trait in traits if trait.value is not None and trait.direction == "more"), None)
    number = next((trait for trait in traits if trait.value is None), None)
    named = [trait for trait in (category, number) if trait is not None]
    named += [trait for trait in traits if trait.value is None and trait not in named][:NAME_TRAITS - len(named)]
    if not named:
        return {"en": "Close to average", "zh": "接近平均"}
    parts = {"en": [], "zh": []}
    for trait in sorted(named, key=lambda trait: -abs(trait.effect)):
        if trait.value is not None:
            parts["en"].append(trait.value)
            parts["zh"].append(trait.value)
        else:
            label = labels.get(trait.column, trait.column)
            parts["en"].append(f"{'High' if trait.direction == 'higher' else 'Low'} {label}")
            label = LINKED_LABELS_ZH.get(trait.column, label) if label == LINKED_LABELS.get(trait.column) else label
            parts["zh"].append(f"{label}{'高' if trait.direction == 'higher' else '低'}")
    return {"en": " · ".join(parts["en"]), "zh": " · ".join(parts["zh"])}


def _number(value: float) -> str:
    """A mean as shown in a trait: one decimal under 100, whole numbers with thousands separators above."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"
