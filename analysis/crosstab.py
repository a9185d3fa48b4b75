"""Banner tables (crosstabs) with column-significance letters, as survey software prints them.

Rows are questions: a rating gives two rows, the share in its top boxes (CSAT's boxes, the lowest when the scale
is reversed) and its mean; an NPS column gives NPS; a yes/no outcome and a categorical column (an attribute, the
channel; a numeric one cut into bands) give one row per answer, the share of the column that gave it; a
multi-select option column gives the share that chose it. Each column's answers are read as the metric
registry reads them (:func:`analysis.metric_registry.column_answers`), so a banner table's Total agrees with the
headline figures.

Columns are banners (:class:`Banner`): an attribute, the channel, a yes/no outcome, a numeric column in bands, or
any labels given as a Series (personas, waves). Each banner has a Total column (every respondent with an answer,
whether or not the banner has a value for them) and a letter per category, A, B, C... starting again in each
banner. A cell carries the letters of the categories of its banner it is significantly higher than at 95%
(two-sided): shares by the two-proportion z test (pooled), means by Welch's t test, NPS by the z test on the
adjusted-Wald NPS with the multinomial variance (:mod:`analysis.significance`). The p-values of every pair of
categories of one row and one banner are adjusted together, by Holm's method unless another is chosen
(:data:`analysis.significance.CORRECTIONS`). Total is not tested.

Weights: with survey weights, values are weighted and every base is also given as Kish's effective base
``(Σw)² / Σw²`` of the cell; the tests take the weighted shares, means and NPS at those effective bases, as the
weighted intervals of :mod:`analysis.metrics` do (a weighted mean's variance ``Σw(x - x̄)² / Σw · n_eff /
(n_eff - 1)``). A cell whose base (effective base when weighted) is under :data:`LOW_BASE` is flagged.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import InputError, quoted
from analysis.messages import Message, say
from analysis.metric_registry import BY_NAME, COLUMN_METRICS, column_answers
from analysis.metrics import box_count
from analysis.prepare import Prepared
from analysis.schema import is_option_column, value_labels
from analysis.segments import MAX_VALUES, segment_labels, segment_order
from analysis.significance import CORRECTIONS, nps_counts_test, nps_scores, proportion_counts_test, welch_moments_test

LOW_BASE = 30  # a cell whose base (effective base when weighted) is under this is flagged
ALPHA = 0.05  # letters mark differences significant at 95%, after the correction
TOTAL = "Total"
DEFAULT_CORRECTION = "holm"
SHARES = ("top_box", "answer", "option")  # kinds of row whose value is a % of the column
KINDS = (*SHARES, "mean", "nps")
BANNER_ROLES = ("attribute", "channel", "outcome", "behaviour")
ANSWER_ROLES = ("attribute", "channel", "behaviour", "outcome")
CELL_COLUMNS = ["row", "kind", "answer", "banner", "column", "letter", "value", "base", "effective_base",
                "low_base", "higher_than"]


@dataclass(frozen=True)
class Banner:
    """One banner: its ``name``, the category of every response as text (``labels``, indexed like the responses;
    NA: none) and the categories in column order."""

    name: str
    labels: pd.Series
    order: tuple[str, ...]

    @classmethod
    def of_series(cls, name: str, labels: pd.Series, order=None) -> Banner:
        """A banner of any labels (personas, waves), in ``order`` (default: the labels sorted as text)."""
        return cls.checked(name, value_labels(labels), order)

    @classmethod
    def checked(cls, name: str, labels: pd.Series, order=None) -> Banner:
        """A banner of labels already written as text, refused when it has no category or too many."""
        present = set(labels.dropna().unique())
        if not present:
            raise InputError("error.crosstab.banner_empty", column=quoted(name))
        if len(present) > MAX_VALUES:
            raise InputError("error.crosstab.banner_too_many", column=quoted(name), count=len(present),
                             limit=MAX_VALUES)
        order = [str(label) for label in order if str(label) in present] if order is not None else sorted(present)
        return cls(name, labels, tuple(order))

    @property
    def letters(self) -> tuple[str, ...]:
        """The letter of each category, in order: A..Z, then AA, AB..."""
        return tuple(letter(position) for position in range(len(self.order)))

    def codes(self, index: pd.Index) -> np.ndarray:
        """The position of each response's category in :attr:`order` (-1: none), for the rows ``index``."""
        return pd.Categorical(self.labels.reindex(index), categories=list(self.order)).codes.astype(int)


def letter(position: int) -> str:
    """The letter of the category at ``position`` (0: A, 25: Z, 26: AA)."""
    return ("" if position < 26 else letter(position // 26 - 1)) + chr(ord("A") + position % 26)


def banner_of(prepared: Prepared, column: str, frame: pd.DataFrame | None = None, edges=None) -> Banner:
    """The banner of one column of the survey: an attribute, the channel, behaviour or a yes/no outcome (its
    answers as written in ``frame``, the file's own cells, when given); a numeric column with many values is cut
    into bands (its quartiles, or ``edges``)."""
    role = _role(prepared, column)
    if role not in BANNER_ROLES:
        raise InputError("error.crosstab.not_a_banner", column=quoted(column), role=say(f"role.{role}"))
    values = _written(prepared, column, frame) if role == "outcome" else prepared.responses[column]
    labels = segment_labels(values, edges)
    return Banner.checked(column, labels, segment_order(labels, values, edges))


@dataclass(frozen=True)
class Question:
    """One row of a banner table: the ``column`` it reads, its ``kind`` (:data:`KINDS`), the ``answer`` it counts
    (as written in the file, for answer and option rows) and its value per response (``values``: 0/1 for shares,
    the rating for a mean, -1/0/+1 for NPS; NaN: no answer). ``reverse``: a lower rating is better; ``boxes``:
    how many top boxes a top-box row counts."""

    column: str
    kind: str
    values: pd.Series
    answer: str | None = None
    reverse: bool = False
    boxes: int = 0


def questions_of(prepared: Prepared, column: str, frame: pd.DataFrame | None = None) -> list[Question]:
    """The rows one column gives (see the module docstring); ``frame`` holds the file's own cells, so a yes/no
    outcome's answers are written as in the file. Raises InputError for a column that cannot be a row."""
    role = _role(prepared, column)
    if role in ANSWER_ROLES and is_option_column(prepared.responses[column], f"{column} {prepared.spec(column)['question']}"):
        chosen = _written(prepared, column, frame)
        mark = str(chosen.dropna().iloc[0]) if chosen.notna().any() else None
        return [Question(column, "option", chosen.notna().astype(float), mark)]
    if role in COLUMN_METRICS and role != "outcome":
        metric, answers = column_answers(prepared, column)
        if metric.name == "nps":
            scores = answers.values
            return [Question(column, "nps", pd.Series(nps_scores(scores.to_numpy()), index=scores.index).where(
                scores.notna()))]
        top = pd.Series(BY_NAME["csat"].tested(answers), index=answers.values.index)  # CSAT's top boxes, any rating
        boxes = box_count(answers.scale_min, answers.scale_max)
        return [Question(column, "top_box", top, reverse=answers.reverse, boxes=boxes),
                Question(column, "mean", answers.values, reverse=answers.reverse)]
    if role not in ANSWER_ROLES:
        raise InputError("error.crosstab.not_a_row", column=quoted(column), role=say(f"role.{role}"))
    if role == "outcome":
        answered = column_answers(prepared, column)[1].values.notna()
        values = _written(prepared, column, frame).where(answered)
        labels = value_labels(values)
        typed = prepared.responses[column]
        distinct = labels.dropna().drop_duplicates()
        first = dict(zip(distinct, typed[distinct.index]))  # each answer's yes/no reading
        order = sorted(first, key=lambda answer: (not bool(first[answer]), answer))
    else:
        values = prepared.responses[column]
        labels = segment_labels(values)
        order = segment_order(labels, values)
    if len(order) > MAX_VALUES:
        raise InputError("error.crosstab.too_many_answers", column=quoted(column), count=len(order), limit=MAX_VALUES)
    codes = pd.Categorical(labels, categories=order).codes
    answered = labels.notna().to_numpy()
    return [Question(column, "answer", pd.Series(np.where(answered, codes == position, np.nan), index=labels.index),
                     answer) for position, answer in enumerate(order)]


def _role(prepared: Prepared, column: str) -> str:
    if column not in set(prepared.mapping["column"]):
        raise InputError("error.crosstab.column_not_found", column=quoted(column))
    role = str(prepared.spec(column)["role"])
    if column not in prepared.responses:
        raise InputError("error.crosstab.not_a_row", column=quoted(column), role=say(f"role.{role}"))
    return role


def _written(prepared: Prepared, column: str, frame: pd.DataFrame | None) -> pd.Series:
    """A column's answers as written in the file (``frame``) for the responses kept; the typed ones without it."""
    if frame is None or column not in frame:
        return prepared.responses[column]
    return frame[column].reindex(prepared.responses.index)


@dataclass(frozen=True)
class Crosstab:
    """A banner table: one row of :data:`CELL_COLUMNS` per cell (``cells``), the banners, the questions' labels,
    each rating's top boxes counted and whether its scale is reversed (``scales``), the correction used and
    whether (and by what) it is weighted."""

    cells: pd.DataFrame
    banners: tuple[Banner, ...]
    labels: dict[str, str]
    scales: dict[str, tuple[int, bool]]
    correction: str = DEFAULT_CORRECTION
    weighted_by: str | None = None

    @property
    def weighted(self) -> bool:
        """Whether the values are weighted (and tested at effective bases)."""
        return self.weighted_by is not None

    def footnotes(self) -> list[Message]:
        """What the letters mean, the tests, the correction, the weights and the low-base flag, as messages."""
        weights = say("crosstab.note.weighted", source=quoted(self.weighted_by)) if self.weighted \
            else say("crosstab.note.unweighted")
        return [say("crosstab.note.letters", confidence=f"{100 * (1 - ALPHA):g}"), say("crosstab.note.tests"),
                say(f"crosstab.note.correction.{self.correction}"), weights,
                say("crosstab.note.low_base", threshold=LOW_BASE)]

    def records(self) -> list[dict]:
        """Every cell as a plain dict for JSON (see :data:`CELL_COLUMNS`; ``effective_base`` only when weighted)."""
        rows = []
        for cell in self.cells.to_dict("records"):
            for text in ("answer", "letter"):
                cell[text] = cell[text] if isinstance(cell[text], str) else None
            cell["value"] = None if pd.isna(cell["value"]) else round(float(cell["value"]), 4)
            cell["base"] = int(cell["base"])
            if self.weighted:
                cell["effective_base"] = round(float(cell["effective_base"]), 2)
            else:
                del cell["effective_base"]
            cell["low_base"] = bool(cell["low_base"])
            cell["higher_than"] = list(cell["higher_than"])
            rows.append(cell)
        return rows


def crosstab(prepared: Prepared, rows: list[str], banners: list[Banner], weights: pd.Series | None = None,
             correction: str = DEFAULT_CORRECTION, frame: pd.DataFrame | None = None,
             weighted_by: str | None = None) -> Crosstab:
    """The banner table of the columns ``rows`` against ``banners`` (see the module docstring).

    ``weights``: survey weights by the export's rows (:attr:`analysis.weighting.Weights.values`; NaN leaves a row
    out), named ``weighted_by`` in the footnote; ``correction``: a name of
    :data:`analysis.significance.CORRECTIONS`; ``frame``: the file's own cells, so answers are written as in the
    file. Raises InputError for a column that cannot be a row, or no rows or banners.
    """
    if not rows:
        raise InputError("error.crosstab.no_rows")
    if not banners:
        raise InputError("error.crosstab.no_banners")
    if correction not in CORRECTIONS:
        raise InputError("error.crosstab.correction", given=quoted(correction), known=list(CORRECTIONS))
    index = prepared.responses.index
    w = np.ones(len(index)) if weights is None else weights.reindex(index).to_numpy(dtype=float)
    unweighted = weights is None
    codes = [(banner, banner.codes(index)) for banner in banners]
    cells, scales = [], {}
    for column in dict.fromkeys(rows):
        for question in questions_of(prepared, column, frame):
            if question.kind == "top_box":
                scales[column] = (question.boxes, question.reverse)
            x = question.values.to_numpy(dtype=float)
            known = ~(np.isnan(x) | np.isnan(w))
            x_known, w_known = x[known], None if unweighted else w[known]
            for banner, banner_codes in codes:
                cells += _banner_cells(question, banner, _Sums.of(question.kind, x_known, w_known,
                                                                 banner_codes[known], len(banner.order)),
                                       correction, weights is not None)
    table = pd.DataFrame(cells, columns=CELL_COLUMNS)
    return Crosstab(table, tuple(banners), {column: prepared.labels.get(column, column) for column in rows}, scales,
                    correction, weighted_by if weights is not None else None)


@dataclass(frozen=True)
class _Sums:
    """Per column of one banner, then Total last: answers ``n``, Σw, the weighted value, the effective base and the
    figures a test needs (a mean's variance; NPS's promoter and detractor shares)."""

    kind: str
    n: np.ndarray
    value: np.ndarray
    effective: np.ndarray
    variance: np.ndarray
    promoters: np.ndarray
    detractors: np.ndarray

    @classmethod
    def of(cls, kind: str, x: np.ndarray, w: np.ndarray | None, codes: np.ndarray, k: int) -> _Sums:
        """The sums of values ``x`` with weights ``w`` (None: unweighted) per category ``codes`` (-1: none)."""
        slot = np.where(codes >= 0, codes, k + 1)  # k + 1: no category (counted in Total only)

        def per_column(values: np.ndarray | None) -> np.ndarray:
            sums = np.bincount(slot, weights=values, minlength=k + 2)[:k + 1].astype(float)
            sums[k] = float(np.sum(values)) if values is not None else float(len(slot))
            return sums

        n = per_column(None)
        wx = x if w is None else w * x
        total, squares = (n, n) if w is None else (per_column(w), per_column(w * w))
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = per_column(wx) / total
            effective = total ** 2 / squares
            variance = promoters = detractors = np.full(k + 1, np.nan)
            if kind == "mean":
                deviations = x - np.append(mean[:k], np.nan)[np.minimum(slot, k)]
                spread = per_column(deviations ** 2 if w is None else w * deviations ** 2)
                spread[k] = float(np.sum((x - mean[k]) ** 2 if w is None else w * (x - mean[k]) ** 2))
                variance = spread / total * effective / (effective - 1)
            elif kind == "nps":
                promoters = per_column((x > 0) * (1.0 if w is None else w)) / total
                detractors = per_column((x < 0) * (1.0 if w is None else w)) / total
        value = mean if kind == "mean" else 100 * mean
        return cls(kind, n, value, effective, variance, promoters, detractors)

    def test(self, a: int, b: int) -> dict:
        """The test of column ``a`` against column ``b`` (their positions)."""
        ea, eb = self.effective[a], self.effective[b]
        if self.kind in SHARES:
            return proportion_counts_test(self.value[a] / 100 * ea, ea, self.value[b] / 100 * eb, eb)
        if self.kind == "mean":
            return welch_moments_test(ea, self.value[a], self.variance[a], eb, self.value[b], self.variance[b])
        return nps_counts_test(self.promoters[a] * ea, self.detractors[a] * ea, ea,
                               self.promoters[b] * eb, self.detractors[b] * eb, eb)


def _banner_cells(question: Question, banner: Banner, sums: _Sums, correction: str, weighted: bool) -> list[list]:
    """The cells of one row in one banner: Total, then each category with the letters it is higher than."""
    k = len(banner.order)
    pairs = [(a, b) for a in range(k) for b in range(a + 1, k) if sums.n[a] and sums.n[b]]
    results = [sums.test(a, b) for a, b in pairs]
    adjusted = CORRECTIONS[correction](np.array([result["p_value"] for result in results], dtype=float))
    higher: list[list[str]] = [[] for _ in range(k)]
    for (a, b), result, p_value in zip(pairs, results, adjusted):
        if p_value < ALPHA:
            winner, loser = (a, b) if result["statistic"] > 0 else (b, a)
            higher[winner].append(loser)
    cells = []
    for position, label in [(k, TOTAL), *enumerate(banner.order)]:
        n = int(sums.n[position])
        effective = float(sums.effective[position]) if n else 0.0
        cells.append([question.column, question.kind, question.answer, banner.name, label,
                      None if position == k else letter(position),
                      float(sums.value[position]) if n else math.nan, n, effective,
                      (effective if weighted else n) < LOW_BASE,
                      tuple(letter(other) for other in sorted(higher[position])) if position < k else ()])
    return cells
