"""Waves of one survey: several exports of the same questionnaire, matched column to column, stacked into one
table with a ``wave`` column, and every metric per wave with its change from the wave before.

:func:`match_columns` proposes which column of the base export each column of a new wave holds, one rule
after the other, each pairing only columns no earlier rule paired, one to one:

1. ``header``: the same header;
2. ``question``: the same question text once cleaned (HTML, case, punctuation and spacing ignored);
3. ``label``: the same short label (:func:`analysis.labels.short_label`: question numbers and scale notes
   dropped, the matrix row or the question's topic kept);
4. ``similar``: the most similar remaining pair of cleaned question texts, when difflib's
   ``SequenceMatcher.ratio`` is at least :data:`SIMILAR_AT` (0.85), best pairs first.

A text two columns of one side share is ambiguous and matches nothing by rules 2 and 3, nor by rule 4 when a
column is equally similar to two others. The researcher
corrects the table; :func:`stack_waves` then builds the combined table in the base's column names, never
changing the exports, and counts every wave column it does not use and every base column a wave lacks, with
the reason. :func:`wave_metrics` gives every metric of :data:`analysis.metric_registry.METRICS` and every
touchpoint per wave (the registry's estimate and interval, weighted when weights are given) and tests each
wave against the previous one with the registry's two-group test, Holm-adjusted over the metrics of that
pair of waves (as Compare adjusts over its table).
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.errors import InputError, quoted
from analysis.formats import clean_header
from analysis.io import Export
from analysis.labels import short_label
from analysis.metric_registry import answers_of, mean_by
from analysis.metrics import SMALL_SAMPLE
from analysis.prepare import Prepared
from analysis.significance import (
    TESTS,
    holm,
    nps_test,
    proportion_counts_test,
    welch_moments_test,
)

SIMILAR_AT = 0.85
ALPHA = 0.05
WAVE = "wave"
RULES = ("header", "question", "label", "similar")
MATCH_COLUMNS = ["wave_column", "question", "base_column", "rule", "similarity"]
REPORT_COLUMNS = ["wave", "column", "reason"]
METRIC_COLUMNS = ["metric", "kind", "unit", "wave", "value", "low", "high", "n", "effective_n", "small_sample",
                  "change", "change_low", "change_high", "test", "p_value", "p_holm", "significant"]
_PUNCTUATION = re.compile(r"[^\w]+")


def _question(export, column: str) -> str:
    return str(export.questions.get(column) or column)


def _clean(text: str) -> str:
    """A question as compared: HTML, case, punctuation and runs of spaces ignored."""
    return _PUNCTUATION.sub(" ", clean_header(text).casefold()).strip()


def match_columns(base, wave, similar_at: float = SIMILAR_AT) -> pd.DataFrame:
    """Which base column each column of ``wave`` holds (both :class:`analysis.io.Export`).

    Returns one row per wave column, in its file order: ``wave_column``, its ``question``, the proposed
    ``base_column`` (None: no match), the ``rule`` that matched (``header``, ``question``, ``label``,
    ``similar``; None) and, for ``similar``, the ``similarity`` (0-1). ``attrs["missing"]`` lists the base
    columns no wave column matches, in base order.
    """
    base_columns, wave_columns = list(base.frame.columns), list(wave.frame.columns)
    keys = {
        "question": (lambda export, column: _clean(_question(export, column))),
        "label": (lambda export, column: _clean(short_label(_question(export, column), column))),
    }
    found: dict[str, tuple[str, str, float | None]] = {}
    taken: set[str] = set()
    for column in wave_columns:
        if column in base_columns:
            found[column] = (column, "header", None)
            taken.add(column)
    for rule, key in keys.items():
        open_wave = [column for column in wave_columns if column not in found]
        open_base = [column for column in base_columns if column not in taken]
        base_keys = _unique_keys(base, open_base, key)
        for text, column in _unique_keys(wave, open_wave, key).items():
            if text and text in base_keys:
                found[column] = (base_keys[text], rule, None)
                taken.add(base_keys[text])
    for column, target, ratio in _similar(base, wave, [c for c in wave_columns if c not in found],
                                          [c for c in base_columns if c not in taken], similar_at):
        found[column] = (target, "similar", ratio)
        taken.add(target)
    rows = [{"wave_column": column, "question": _question(wave, column),
             "base_column": found.get(column, (None,))[0], "rule": found.get(column, (None, None))[1],
             "similarity": found.get(column, (None, None, None))[2]} for column in wave_columns]
    table = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    table.attrs["missing"] = [column for column in base_columns if column not in taken]
    return table


def _unique_keys(export, columns: list[str], key) -> dict[str, str]:
    """Key text -> column, for the texts only one of ``columns`` has."""
    texts = {column: key(export, column) for column in columns}
    counts = pd.Series(list(texts.values()), dtype=object).value_counts()
    return {text: column for column, text in texts.items() if counts.get(text, 0) == 1}


def _similar(base, wave, wave_columns, base_columns, similar_at: float):
    """Pairs of still unmatched columns whose cleaned questions are at least ``similar_at`` alike, best first."""
    texts = {column: _clean(_question(base, column)) for column in base_columns}
    pairs = []
    for column in wave_columns:
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(_clean(_question(wave, column)))
        for target, text in texts.items():
            matcher.set_seq1(text)
            if matcher.real_quick_ratio() >= similar_at and matcher.quick_ratio() >= similar_at:
                ratio = matcher.ratio()
                if ratio >= similar_at:
                    pairs.append((-ratio, wave_columns.index(column), base_columns.index(target), column, target))
    best_of_wave, best_of_base = {}, {}
    for negative, _, _, column, target in pairs:
        best_of_wave.setdefault(column, []).append(negative)
        best_of_base.setdefault(target, []).append(negative)
    tied = {key for best in (best_of_wave, best_of_base) for key, ratios in best.items()
            if ratios.count(min(ratios)) > 1}
    used_wave, used_base = set(tied), set(tied)
    for negative, _, _, column, target in sorted(pairs):
        if column not in used_wave and target not in used_base:
            used_wave.add(column)
            used_base.add(target)
            yield column, target, round(-negative, 3)


@dataclass(frozen=True)
class Stacked:
    """The waves as one table: ``frame`` (the base's columns, then ``column`` holding each row's wave as an
    ordered categorical of ``labels``), the ``rows`` each wave gave, and ``report``: every wave column left out
    and every base column a wave lacks, with its reason (``not_used``: the researcher or the matching left it
    out; ``same_column``: another column of the wave already fills that base column; ``not_in_wave``: the
    wave has no column for it, its cells are blank)."""

    frame: pd.DataFrame
    column: str
    labels: tuple[str, ...]
    rows: dict[str, int]
    report: pd.DataFrame


def wave_column_name(columns) -> str:
    """``wave``, or ``wave (2)``, ``wave (3)``... when the base already has such a column."""
    taken, name, count = set(columns), WAVE, 1
    while name in taken:
        count += 1
        name = f"{WAVE} ({count})"
    return name


def stack_waves(frames: list[pd.DataFrame], matches: list[dict], labels: list[str]) -> Stacked:
    """Stack the base export's table (``frames[0]``) and each wave's, renamed to the base's columns.

    ``matches[i]`` maps each column of ``frames[i + 1]`` to the base column it holds (None, NaN or blank: not
    used; a column it does not name is not used either);
    ``labels`` names every wave, the base first. The inputs are not changed. Rows keep their order, wave by
    wave, and are numbered 1, 2, ... in the combined table. Raises ``InputError`` for labels that are blank or
    repeated, a count that does not fit, or a match naming a column that is not in the base or not in the wave.
    """
    cleaned = [str(label).strip() for label in labels]
    if len(cleaned) != len(frames) or len(matches) != len(frames) - 1 or len(frames) < 1:
        raise InputError("error.waves.counts", files=f"{len(frames):,}", labels=f"{len(cleaned):,}")
    if any(not label for label in cleaned) or len(set(cleaned)) != len(cleaned):
        raise InputError("error.waves.labels", labels=[quoted(label) for label in cleaned])
    base = frames[0]
    column = wave_column_name(base.columns)
    parts, report, rows = [base], [], {cleaned[0]: len(base)}
    for label, frame, match in zip(cleaned[1:], frames[1:], matches):
        renamed, dropped = _renamed(frame, match, list(base.columns), label)
        report += dropped
        parts.append(renamed)
        rows[label] = len(frame)
    combined = pd.concat([part.reindex(columns=base.columns) for part in parts], ignore_index=True)
    combined.index = pd.RangeIndex(1, len(combined) + 1)
    combined[column] = pd.Categorical(np.repeat(cleaned, [len(part) for part in parts]), categories=cleaned,
                                      ordered=True)
    return Stacked(combined, column, tuple(cleaned), rows, pd.DataFrame(report, columns=REPORT_COLUMNS))


def stacked_export(exports: list[Export], matches: list[dict], labels: list[str]) -> tuple[Export, Stacked]:
    """The waves' exports (the base first) as one export to map and prepare, and how they were stacked.

    The export holds the table of :func:`stack_waves` with the wave as text, named and read as the base was,
    with the base's questions (the wave column's question is its name) and every wave's unreadable rows
    (numbered as in its own file); the :class:`Stacked` result shares that table.
    """
    base = exports[0]
    stacked = stack_waves([export.frame for export in exports], matches, labels)
    frame = stacked.frame.assign(**{stacked.column: stacked.frame[stacked.column].astype(str)})
    export = Export(name=base.name, format=base.format, frame=frame,
                    questions={**base.questions, stacked.column: stacked.column}, encoding=base.encoding,
                    delimiter=base.delimiter, sheet=base.sheet, header_rows=base.header_rows,
                    bad_rows=[bad for export in exports for bad in export.bad_rows],
                    duplicate_headers=dict(base.duplicate_headers))
    return export, replace(stacked, frame=frame)


def panel_ids(frame: pd.DataFrame, id_column: str, wave_column: str) -> int:
    """How many ids of ``id_column`` answer in more than one wave (a panel): such an id is one respondent per
    wave, not a duplicate response."""
    ids = frame[[id_column, wave_column]].dropna().drop_duplicates()
    return int(ids[id_column].duplicated(keep=False).groupby(ids[id_column]).any().sum())


def _renamed(frame: pd.DataFrame, match: dict, base_columns: list[str], label: str) -> tuple[pd.DataFrame, list]:
    """One wave's table in the base's column names, and what it leaves out."""
    match = {source: None if _blank(target) else str(target) for source, target in match.items()}
    unknown = [column for column in match if column not in frame.columns]
    if unknown:
        raise InputError("error.waves.unknown_wave_column", wave=quoted(label), column=quoted(unknown[0]))
    wrong = [target for target in match.values() if target is not None and target not in base_columns]
    if wrong:
        raise InputError("error.waves.unknown_base_column", wave=quoted(label), column=quoted(wrong[0]))
    chosen, dropped = {}, []
    for source in frame.columns:
        target = match.get(source)
        if target is None:
            dropped.append({"wave": label, "column": source, "reason": "not_used"})
        elif target in chosen.values():
            dropped.append({"wave": label, "column": source, "reason": "same_column"})
        else:
            chosen[source] = target
    dropped += [{"wave": label, "column": target, "reason": "not_in_wave"}
                for target in base_columns if target not in chosen.values()]
    return frame[list(chosen)].rename(columns=chosen), dropped


def _blank(target) -> bool:
    return target is None or (isinstance(target, float) and math.isnan(target)) or str(target).strip() == ""


# Metrics per wave ----------------------------------------------------------------------------------------

def wave_order(values: pd.Series) -> list[str]:
    """The waves in order: the categories of an ordered categorical, else the order they first appear in."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        present = set(values.dropna().astype(str))
        return [str(label) for label in values.cat.categories if str(label) in present]
    return [str(label) for label in pd.unique(values.dropna().astype(str))]


@dataclass(frozen=True)
class _Measure:
    metric: str
    kind: str
    unit: str
    tested: np.ndarray  # the values two waves are tested on, per response (NaN: no answer)
    per_wave: pd.DataFrame  # wave, value, low, high, n (effective_n when weighted)


def _measures(prepared: Prepared, wave: pd.Series, weights: pd.Series | None):
    """Every headline metric (by the registry) and touchpoint, with its estimate per wave."""
    for metric, answers in answers_of(prepared, exclude=wave.name, weights=weights):
        yield _Measure(metric.name, "headline", metric.unit, metric.tested(answers), metric.by_period(answers, wave))
    for column in prepared.columns("touchpoint"):
        spec = prepared.spec(column)
        values = prepared.scores[column].astype(float)
        yield _Measure(column, "touchpoint", "scale", values.to_numpy(dtype=float),
                       mean_by(values, wave, (float(spec.scale_min), float(spec.scale_max)), weights))


def wave_metrics(prepared: Prepared, wave_column: str = WAVE, weights: pd.Series | None = None,
                 order: list[str] | None = None) -> pd.DataFrame:
    """Every metric per wave with its 95% interval, and its change from the previous wave with a test.

    Parameters
    ----------
    prepared : Prepared
        The stacked survey, prepared (``wave_column`` one of its response columns).
    wave_column : str
        The column holding each response's wave.
    weights : Series, optional
        Survey weights by the responses' index: every estimate is then the registry's weighted one (its
        interval at Kish's effective n), and each test is the registry's test at the effective n of each
        wave (shares: the two-proportion z test on the weighted share of n_eff responses; means: Welch's t
        test on the weighted mean and variance at n_eff; NPS: the NPS z test on the weighted promoter and
        detractor shares of n_eff responses; n_eff rounded to a whole response).
    order : list of str, optional
        The waves in order (default: :func:`wave_order`).

    Returns
    -------
    DataFrame
        Long form, one row per metric and wave (:data:`METRIC_COLUMNS`): ``metric`` (a registry name or a
        touchpoint column), ``kind`` (``headline``/``touchpoint``), ``unit``, ``wave``, ``value``, ``low``,
        ``high``, ``n``, ``effective_n`` (NaN unweighted), ``small_sample`` (n, or n_eff, < 30); and for every
        wave after the first: ``change`` (value minus the previous wave's), the test's 95% interval of the
        difference (``change_low``, ``change_high``; for NPS the adjusted-Wald one), ``test``, ``p_value``,
        ``p_holm`` (Holm over the metrics tested between this wave and the previous one) and ``significant``
        (``p_holm`` < 0.05). Metrics with no answer in a wave have no row for it; a wave with fewer than two
        answers is not tested (NaN). ``attrs["waves"]`` lists the waves in order.
    """
    if wave_column not in prepared.responses.columns:
        raise InputError("error.waves.no_wave_column", column=quoted(wave_column))
    labels = prepared.responses[wave_column]
    waves = list(order) if order is not None else wave_order(labels)
    wave = pd.Series(pd.Categorical(labels.astype("string"), categories=waves, ordered=True),
                     index=labels.index, name=wave_column)
    rows = []
    for measure in _measures(prepared, wave, weights):
        estimates = measure.per_wave.set_index("period")
        for position, label in enumerate(waves):
            if label not in estimates.index or estimates.loc[label, "n"] == 0:
                continue
            found = estimates.loc[label]
            row = {"metric": measure.metric, "kind": measure.kind, "unit": measure.unit, "wave": label,
                   "value": found["value"], "low": found["low"], "high": found["high"], "n": int(found["n"]),
                   "effective_n": found.get("effective_n", math.nan)}
            if position:
                row.update(_change(measure, wave, waves[position - 1], label, estimates, weights))
            rows.append(row)
    table = pd.DataFrame(rows, columns=METRIC_COLUMNS)
    table["small_sample"] = table["effective_n"].fillna(table["n"]) < SMALL_SAMPLE
    table["p_holm"] = np.nan
    for _, pair in table.groupby("wave", sort=False):
        table.loc[pair.index, "p_holm"] = holm(pair["p_value"].to_numpy(dtype=float))
    table["significant"] = (table["p_holm"] < ALPHA).fillna(False).astype(bool)
    table["wave"] = pd.Categorical(table["wave"], categories=waves, ordered=True)
    table.attrs["waves"] = waves
    return table[METRIC_COLUMNS]


def _change(measure: _Measure, wave: pd.Series, before: str, now: str, estimates: pd.DataFrame,
            weights: pd.Series | None) -> dict:
    """The test of ``now`` against ``before`` (the registry's test of the unit)."""
    blank = {"change": math.nan, "change_low": math.nan, "change_high": math.nan, "test": None,
             "p_value": math.nan}
    if before not in estimates.index:
        return blank
    if weights is None:
        in_now, in_before = (wave == now).to_numpy(), (wave == before).to_numpy()
        now_values, before_values = _valid(measure.tested, in_now), _valid(measure.tested, in_before)
        result = TESTS[measure.unit](now_values, before_values)
    else:
        result = _effective_test(measure.unit, estimates.loc[now], estimates.loc[before], measure, wave,
                                 weights, now, before)
    return {"change": estimates.loc[now, "value"] - estimates.loc[before, "value"], "change_low": result["low"],
            "change_high": result["high"], "test": result["test"], "p_value": result["p_value"]}


def _valid(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    chosen = values[mask]
    return chosen[~np.isnan(chosen)]


def _effective_test(unit: str, now: pd.Series, before: pd.Series, measure: _Measure, wave: pd.Series,
                    weights: pd.Series, label_now: str, label_before: str) -> dict:
    """The registry's test of the unit on weighted estimates, each wave counted at its effective n."""
    n_now, n_before = (max(int(np.rint(found["effective_n"])), 0) for found in (now, before))
    if unit == "share":
        return proportion_counts_test(round(now["value"] / 100 * n_now), n_now,
                                      round(before["value"] / 100 * n_before), n_before)
    if unit == "nps":
        return nps_test(_nps_counts(measure, wave, weights, label_now, n_now),
                        _nps_counts(measure, wave, weights, label_before, n_before))
    moments = [_weighted_moments(measure, wave, weights, label) for label in (label_now, label_before)]
    return welch_moments_test(n_now, moments[0][0], moments[0][1], n_before, moments[1][0], moments[1][1])


def _weighted_values(measure: _Measure, wave: pd.Series, weights: pd.Series, label: str):
    chosen = (wave == label).to_numpy()
    values, w = measure.tested[chosen], weights.reindex(wave.index).to_numpy(dtype=float)[chosen]
    known = ~np.isnan(values) & ~np.isnan(w)
    return values[known], w[known]


def _weighted_moments(measure: _Measure, wave: pd.Series, weights: pd.Series, label: str) -> tuple[float, float]:
    """The weighted mean and variance, the variance scaled to the effective n (``n_eff / (n_eff - 1)``)."""
    values, w = _weighted_values(measure, wave, weights, label)
    if not len(values):
        return math.nan, math.nan
    mean = float(np.average(values, weights=w))
    n_eff = w.sum() ** 2 / (w ** 2).sum()
    spread = float(np.average((values - mean) ** 2, weights=w))
    return mean, spread * n_eff / (n_eff - 1) if n_eff > 1 else math.nan


def _nps_counts(measure: _Measure, wave: pd.Series, weights: pd.Series, label: str, n_eff: int) -> np.ndarray:
    """``n_eff`` answers with the wave's weighted shares of promoters (10) and detractors (0), passives (8)."""
    values, w = _weighted_values(measure, wave, weights, label)
    if not len(values) or n_eff == 0:
        return np.array([])
    promoters = round(float(w[values >= 9].sum() / w.sum()) * n_eff)
    detractors = round(float(w[values <= 6].sum() / w.sum()) * n_eff)
    return np.array([10.0] * promoters + [0.0] * detractors + [8.0] * max(n_eff - promoters - detractors, 0))


def changes(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`wave_metrics` that were tested against the previous wave."""
    return table[table["p_value"].notna()]

