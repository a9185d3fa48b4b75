"""Survey weights: raking to target margins (RIM), trimming, a weight column from the file, and their cost.

Raking (iterative proportional fitting; the RIM weighting of SPSS, Q and Quantum) gives each respondent a
weight so that the weighted shares of one or more attribute columns meet target shares (census margins,
say). Starting from weight 1, each pass scales the weights of each category of each column in turn so that
the column's weighted shares equal its targets; passes repeat until every share is within ``tolerance``
(1e-8) of its target, or :data:`MAX_ITERATIONS` passes fail to get there (an error: the targets cannot be
met together, as when two columns' categories hold the same respondents but are given different shares).

- Categories are matched as written in the file (a number as written, ``2`` also for ``2.0``). Numeric columns
  are weighted by bands: a category written ``LOW..HIGH`` (``18..35``; ``..18`` and ``65..`` are open) holds
  the values from LOW up to, not including, HIGH (:meth:`Target.from_edges` makes them from edges).
- Missing values: a row with no value in a weighting column keeps its weight through that column's step, as
  RIM programs and anesrake do: the column's targets are met among the rows that answered it, and the row
  is still weighted by the other columns. The rows per column are counted (``missing``).
- Trimming (``trim=(floor, cap)``, weights relative to a mean of 1): after each raking pass the weights are
  cut to the bounds and scaled back to a mean of 1 (again until they stay within them), and raking goes on
  until the weights stop changing. The weights then hold the bounds; the margins may miss their targets,
  which the result says (``targets_met``, ``max_margin_error`` and a note).
- Raked weights have a mean of 1 (they sum to the number of rows).

A weight column already in the file is read by :func:`column_weights`: a row whose weight is blank, not a
number, not finite or not positive is left out of every figure, counted by reason.

What the weights cost (:class:`Weights`): min and max weight, the weighting efficiency ``(Σw)² / (n Σw²)``,
Kish's effective sample size ``n_eff = (Σw)² / Σw²`` and the design effect ``n / n_eff``.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import pandas as pd

from analysis.errors import InputError, quoted
from analysis.messages import Message, say
from analysis.metrics import effective_n

TOLERANCE = 1e-8  # the largest miss of a weighted share (0-1) that counts as meeting its target
MAX_ITERATIONS = 1000
SUM_TOLERANCE = 0.01  # target shares may sum to 0.99-1.01 (rounded census margins); they are scaled to sum to 1
_SHOWN = 5  # categories named in a message at most
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_BAND = re.compile(rf"\s*(?P<low>{_NUMBER})?\s*\.\.\s*(?P<high>{_NUMBER})?\s*")


@dataclass(frozen=True)
class Target:
    """Target shares of one column: ``shares`` maps each category (as written in the file, or a band
    ``LOW..HIGH`` of a numeric column) to its share of the weighted total (0-1)."""

    column: str
    shares: dict[str, float]

    @classmethod
    def from_edges(cls, column: str, edges: list[float], shares: list[float]) -> Target:
        """Bands of a numeric column from ascending ``edges`` (``-inf`` and ``inf`` for open ends): band i holds
        the values from ``edges[i]`` up to, not including, ``edges[i + 1]``; one share per band."""
        if len(shares) != len(edges) - 1:
            raise InputError("error.weight.edges", column=quoted(column), bands=len(edges) - 1, shares=len(shares))
        return cls(column, {band_label(low, high): share for low, high, share in zip(edges, edges[1:], shares)})


def band_label(low: float, high: float) -> str:
    """``LOW..HIGH`` as a target category is written (``..HIGH`` and ``LOW..`` for open ends)."""
    return ("" if math.isinf(low) else f"{low:g}") + ".." + ("" if math.isinf(high) else f"{high:g}")


def parse_target(given: str) -> Target:
    """A target as typed: ``COLUMN=CATEGORY:SHARE,CATEGORY:SHARE`` (a share as 0.52 or 52%)."""
    column, equals, rest = given.partition("=")
    if not equals or not column.strip() or not rest.strip():
        raise InputError("error.weight.target_syntax", given=quoted(given))
    shares: dict[str, float] = {}
    for part in rest.split(","):
        category, colon, share = part.rpartition(":")
        category = category.strip()
        if not colon or not category:
            raise InputError("error.weight.target_syntax", given=quoted(given))
        if category in shares:
            raise InputError("error.weight.duplicate_category", column=quoted(column.strip()), category=quoted(category))
        shares[category] = _share(share, column.strip(), category)
    return Target(column.strip(), shares)


def parse_trim(given: str) -> tuple[float, float]:
    """``MIN,MAX`` as typed for trimming."""
    parts = given.split(",")
    try:
        floor, cap = (float(part) for part in parts) if len(parts) == 2 else (math.nan, math.nan)
    except ValueError:
        floor = cap = math.nan
    if math.isnan(floor) or math.isnan(cap):
        raise InputError("error.weight.trim", given=quoted(given))
    return floor, cap


def _share(text: str, column: str, category: str) -> float:
    text = text.strip()
    scale = 100.0 if text.endswith("%") else 1.0
    try:
        return float(text.rstrip("%")) / scale
    except ValueError:
        raise InputError("error.weight.share_not_number", column=quoted(column), category=quoted(category),
                         given=quoted(text)) from None


@dataclass(frozen=True)
class Weights:
    """Survey weights of an export's rows and how they were made.

    ``values``: one weight per row, indexed like the export's frame (NaN: the row is left out of every figure,
    counted in ``excluded`` by reason). ``source``: ``raked`` or the name of the file's weight column.
    For raked weights: ``iterations`` (raking passes), ``converged``, ``max_margin_error`` (the largest gap
    between a weighted share and its target, 0-1), ``targets_met``, ``margins`` (per column, per category:
    ``n``, the unweighted share ``before``, the weighted share ``after`` and the ``target``), ``missing``
    (rows per column with no value, kept and not adjusted on it), ``trim`` and ``notes``.
    """

    values: pd.Series
    source: str
    iterations: int = 0
    converged: bool = True
    max_margin_error: float = 0.0
    margins: dict = field(default_factory=dict)
    missing: dict = field(default_factory=dict)
    excluded: dict = field(default_factory=dict)
    trim: tuple[float, float] | None = None
    notes: tuple[Message, ...] = ()

    @property
    def used(self) -> np.ndarray:
        """The weights of the rows that are not left out."""
        return self.values.dropna().to_numpy(dtype=float)

    @property
    def effective_n(self) -> float:
        """Kish's effective sample size ``(Σw)² / Σw²``."""
        return effective_n(self.used)

    @property
    def efficiency(self) -> float:
        """The weighting efficiency ``(Σw)² / (n Σw²)``, 0-1 (1: all weights equal)."""
        return self.effective_n / len(self.used)

    @property
    def design_effect(self) -> float:
        """Kish's design effect of weighting ``n / n_eff`` (1: all weights equal)."""
        return len(self.used) / self.effective_n

    @property
    def targets_met(self) -> bool:
        """Whether every weighted margin is within :data:`TOLERANCE` of its target."""
        return self.max_margin_error <= TOLERANCE

    def to_dict(self) -> dict:
        """Plain dict for JSON (shares and weights to 6 decimals; notes as codes with their values)."""
        used = self.used
        return {"source": self.source, "rows": len(self.values), "rows_weighted": len(used),
                "effective_n": round(self.effective_n, 2), "design_effect": round(self.design_effect, 6),
                "efficiency": round(self.efficiency, 6), "min_weight": round(float(used.min()), 6),
                "max_weight": round(float(used.max()), 6), "iterations": self.iterations,
                "converged": self.converged, "targets_met": self.targets_met,
                "max_margin_error": float(f"{self.max_margin_error:.3g}"),
                "trim": list(self.trim) if self.trim else None,
                "margins": {column: {category: {key: round(value, 6) if isinstance(value, float) else value
                                                for key, value in figures.items()}
                                     for category, figures in categories.items()}
                            for column, categories in self.margins.items()},
                "missing": self.missing, "excluded": self.excluded}


# A weight column from the file ------------------------------------------------------------------------------

def without_weight_column(mapping: pd.DataFrame, weights: Weights | None) -> pd.DataFrame:
    """``mapping`` with the file's weight column (when the weights come from one) ignored: a weight is no rating
    or attribute to report."""
    if weights is None:
        return mapping
    return mapping.assign(role=mapping["role"].where(mapping["column"] != weights.source, "ignore"))


def column_weights(frame: pd.DataFrame, column: str) -> Weights:
    """The weights in ``column`` of the file: a row whose weight is blank, not a number, not finite or not
    positive is left out (NaN), counted by reason (``weight_missing``, ``weight_not_number``,
    ``weight_not_finite``, ``weight_not_positive``).

    Raises
    ------
    InputError
        When the column is not in the file, or no row has a usable weight.
    """
    _check_column(frame, column)
    raw = frame[column]
    blank = raw.isna() | raw.astype("string").str.strip().fillna("").eq("")
    numbers = pd.to_numeric(raw.where(~blank), errors="coerce").astype(float)
    reasons = {"weight_missing": blank, "weight_not_number": ~blank & numbers.isna(),
               "weight_not_finite": numbers.isin([np.inf, -np.inf]),
               "weight_not_positive": np.isfinite(numbers) & (numbers <= 0)}
    bad = pd.Series(False, index=frame.index)
    for mask in reasons.values():
        bad |= mask
    if bad.all():
        raise InputError("error.weight.no_valid_weights", column=quoted(column))
    excluded = {reason: int(mask.sum()) for reason, mask in reasons.items() if mask.any()}
    return Weights(numbers.where(~bad), source=str(column), excluded=excluded)


# Raking -----------------------------------------------------------------------------------------------------

@dataclass
class _Margin:
    """One target column read against the data: each row's category code (-1: no value) and the target shares."""

    column: str
    categories: list[str]
    shares: np.ndarray
    codes: np.ndarray
    missing: int

    def __post_init__(self):
        self.valid = self.codes >= 0
        self.valid_codes = self.codes[self.valid]

    def totals(self, weights: np.ndarray) -> np.ndarray:
        return np.bincount(self.valid_codes, weights[self.valid], minlength=len(self.categories))

    def rake(self, weights: np.ndarray) -> None:
        """Scale the weights of the rows of each category so that its weighted share is its target (in place)."""
        totals = self.totals(weights)
        weights[self.valid] *= (self.shares * totals.sum() / totals)[self.valid_codes]

    def error(self, weights: np.ndarray) -> float:
        totals = self.totals(weights)
        return float(np.max(np.abs(totals / totals.sum() - self.shares)))

    def table(self, weights: np.ndarray) -> dict:
        counts, after = self.totals(np.ones(len(weights))), self.totals(weights)
        return {category: {"n": int(count), "before": float(count / counts.sum()), "after": float(share),
                           "target": float(target)}
                for category, count, share, target in zip(self.categories, counts, after / after.sum(), self.shares)}


def rake(frame: pd.DataFrame, targets: list[Target], trim: tuple[float, float] | None = None,
         tolerance: float = TOLERANCE, max_iterations: int = MAX_ITERATIONS) -> Weights:
    """Raked weights of the rows of ``frame`` so that each target column's weighted shares meet its targets
    (see the module docstring for missing values, bands and trimming).

    Raises
    ------
    InputError
        A target column not in the file, given twice or without targets; a share not positive; shares not
        summing to 1; a category in the data without a target; a target category with no respondents; bad
        trim bounds; or raking that does not converge within ``max_iterations`` passes.
    """
    if not targets:
        raise InputError("error.weight.no_targets")
    columns = [target.column for target in targets]
    twice = sorted({column for column in columns if columns.count(column) > 1})
    if twice:
        raise InputError("error.weight.duplicate_target", column=quoted(twice[0]))
    if trim is not None:
        _check_trim(*trim)
    margins = [_margin(frame, target) for target in targets]
    weights, error = np.ones(len(frame)), math.inf
    for iteration in range(1, max_iterations + 1):
        previous = weights.copy()
        for margin in margins:
            margin.rake(weights)
        if trim is not None:
            weights = _trimmed(weights, *trim)
        error = max(margin.error(weights) for margin in margins)
        if error <= tolerance or (trim is not None and np.max(np.abs(weights - previous)) <= tolerance):
            break
    else:
        raise InputError("error.weight.no_convergence", iterations=max_iterations, error=f"{100 * error:.2g}")
    notes = () if error <= tolerance else (say("note.weight.trim_misses_targets", floor=f"{trim[0]:g}",
                                                cap=f"{trim[1]:g}", error=f"{100 * error:.2g}"),)
    return Weights(pd.Series(weights, index=frame.index, name="weight"), source="raked", iterations=iteration,
                   converged=True, max_margin_error=error, trim=trim, notes=notes,
                   margins={margin.column: margin.table(weights) for margin in margins},
                   missing={margin.column: margin.missing for margin in margins})


def _check_trim(floor: float, cap: float) -> None:
    if not (0 <= floor <= 1 <= cap and floor < cap and math.isfinite(cap)):
        raise InputError("error.weight.trim", given=quoted(f"{floor:g},{cap:g}"))


def _trimmed(weights: np.ndarray, floor: float, cap: float) -> np.ndarray:
    """``weights`` cut to ``floor`` and ``cap`` and scaled back to a mean of 1, again until they stay within."""
    for _ in range(MAX_ITERATIONS):
        weights = np.clip(weights, floor, cap)
        weights = weights / weights.mean()
        if weights.min() >= floor * (1 - 1e-12) and weights.max() <= cap * (1 + 1e-12):
            break
    return weights


def _check_column(frame: pd.DataFrame, column: str) -> None:
    if column not in frame.columns:
        raise InputError("error.weight.column_not_found", column=quoted(column))


def _margin(frame: pd.DataFrame, target: Target) -> _Margin:
    """The target checked against the data, with each row's category code."""
    _check_column(frame, target.column)
    column, categories = quoted(target.column), list(target.shares)
    shares = np.array([target.shares[category] for category in categories], dtype=float)
    low = int(np.argmin(shares))
    if shares[low] <= 0 or not np.all(np.isfinite(shares)):
        raise InputError("error.weight.share_not_positive", column=column, category=quoted(categories[low]),
                         share=f"{shares[low]:g}")
    total = float(shares.sum())
    if abs(total - 1) > SUM_TOLERANCE + 1e-9:
        raise InputError("error.weight.shares_sum", column=column, total=f"{total:.4g}")
    text = _texts(frame[target.column])
    codes = _band_codes(frame[target.column], text, target) if _is_banded(target) else \
        text.map({category: code for code, category in enumerate(categories)})
    unlisted = text.notna() & codes.isna()
    if unlisted.any():
        found = text[unlisted].value_counts()
        raise InputError("error.weight.unlisted_category", column=column, rows=f"{int(unlisted.sum()):,}",
                         categories=[quoted(value) for value in found.index[:_SHOWN]],
                         row=unlisted.idxmax())
    codes = codes.fillna(-1).to_numpy(dtype=int)
    counts = np.bincount(codes[codes >= 0], minlength=len(categories))
    empty = [quoted(category) for category, count in zip(categories, counts) if count == 0]
    if empty:
        raise InputError("error.weight.empty_category", column=column, categories=empty[:_SHOWN])
    return _Margin(str(target.column), categories, shares / total, codes, int(text.isna().sum()))


def _texts(values: pd.Series) -> pd.Series:
    """Each value as written (a whole float as an integer: ``2.0`` reads ``2``); None where blank."""
    def written(value):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip() or None
    return values.map(written).astype(object)


def _is_banded(target: Target) -> bool:
    """Whether the target's categories are bands (``LOW..HIGH``); all of them or none may be."""
    bands = [bool(_BAND.fullmatch(category)) and category.strip() != ".." for category in target.shares]
    if any(bands) and not all(bands):
        category = next(category for category, band in zip(target.shares, bands) if not band)
        raise InputError("error.weight.band_syntax", column=quoted(target.column), category=quoted(category))
    return any(bands)


def _band_codes(values: pd.Series, text: pd.Series, target: Target) -> pd.Series:
    """Each row's band (NaN: in no band, or not a number) by its numeric value."""
    numbers = pd.to_numeric(values.where(text.notna()), errors="coerce").astype(float)
    codes = pd.Series(np.nan, index=values.index)
    bounds = []
    for code, category in enumerate(target.shares):
        match = _BAND.fullmatch(category)
        low = float(match["low"]) if match["low"] else -math.inf
        high = float(match["high"]) if match["high"] else math.inf
        if low >= high:
            raise InputError("error.weight.band_syntax", column=quoted(target.column), category=quoted(category))
        bounds.append((low, high, category))
        codes[(numbers >= low) & (numbers < high)] = code
    bounds.sort()
    for (_, high, first), (low, _, second) in pairwise(bounds):
        if low < high:
            raise InputError("error.weight.bands_overlap", column=quoted(target.column), first=quoted(first),
                             second=quoted(second))
    return codes
