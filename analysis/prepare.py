"""Apply a column mapping to an export: typed tables, a validation report, and exclusions.

:func:`prepare` never alters ``export.frame``. It returns a :class:`Prepared` holding the
typed responses, the wide table of valid touchpoint ratings (and its long form), the
feedback table for social/review exports, every excluded row or value with its reason, and a
per-column report of problems (counts and examples) for the validation view.

Blank cells are problems where an answer was expected (ratings, ids, dates, attributes). Where a
blank is an answer -- a free-text question left empty, a multi-select option not chosen -- it is
not a problem: those blanks are counted in ``Prepared.unanswered`` instead of ``issues``.
Responses the survey tool marks as previews, tests, spam or unfinished (Qualtrics metadata, see
:mod:`analysis.screening`) are set aside first, each with its reason.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from analysis import journey
from analysis.anchors import parse_outcome_words
from analysis.answers import NOT_APPLICABLE, parse_words
from analysis.errors import InputError, quoted
from analysis.messages import say
from analysis.schema import (MAPPING_COLUMNS, NUMERIC_ROLES, ROLES, complete_mapping, is_option_column, means_yes,
                             parse_dates, to_number)
from analysis.screening import REASONS, screen

ISSUE_COLUMNS = ["column", "problem", "count", "examples"]
MAX_SCALE_POINTS = 200  # a -100..100 slider is the widest rating scale; a wider or fractional one is a measurement
EXCLUDED_COLUMNS = ["row", "column", "value", "reason"]
UNANSWERED_COLUMNS = ["column", "count"]
AGE = re.compile(r"\bage\b|年龄", re.IGNORECASE)
YEAR = re.compile(r"\byear\b|\bborn\b|\bbirth|\byob\b|出生|年份|\bév\b|születés", re.IGNORECASE)
FIRST_YEAR = 1900


@dataclass
class Prepared:
    """The typed, validated view of one export under one mapping."""

    responses: pd.DataFrame
    scores: pd.DataFrame
    feedback: pd.DataFrame | None
    mapping: pd.DataFrame
    issues: pd.DataFrame
    excluded: pd.DataFrame
    rows: int
    kind: str
    unanswered: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=UNANSWERED_COLUMNS))

    @property
    def rows_used(self) -> int:
        """Responses kept after unreadable and duplicate rows are set aside."""
        return len(self.responses)

    def columns(self, role: str) -> list[str]:
        """The columns mapped to ``role``, in file order."""
        return columns_for(self.mapping, role)

    @cached_property
    def labels(self) -> dict[str, str]:
        """Each column's short label (the analyst's or the derived one; the column name when blank)."""
        labels = self.mapping["label"].where(self.mapping["label"].astype("string").str.strip().fillna("") != "",
                                             self.mapping["column"])
        return dict(zip(self.mapping["column"], labels))

    def spec(self, column: str) -> pd.Series:
        """The mapping row (scale, direction...) of one column."""
        return self._mapping_by_column.loc[column]

    @cached_property
    def _mapping_by_column(self) -> pd.DataFrame:
        # A Prepared is read-only once built (filters make a new one), so the index stays valid.
        return self.mapping.set_index("column")

    @cached_property
    def normalised(self) -> pd.DataFrame:
        """Touchpoint ratings on 0-1 (0 = worst answer, 1 = best; reversed scales flipped), NaN kept.

        Same index and touchpoint columns as ``scores``.
        """
        frame = {}
        for spec in self.mapping[self.mapping["role"] == "touchpoint"].itertuples():
            span = (spec.scale_max - spec.scale_min) or 1
            score = (self.scores[spec.column].astype(float) - spec.scale_min) / span
            frame[spec.column] = 1 - score if spec.reverse else score
        return pd.DataFrame(frame, index=self.scores.index)

    @property
    def touchpoints(self) -> pd.DataFrame:
        """Long form: respondent_id, touchpoint, stage, score_raw, score (0-1, higher = better).

        Built on each call (one row per rating: 14 touchpoints of 130k responses make 1.8 million
        rows), so it is not kept in memory; :meth:`touchpoints_head` gives the first rows cheaply.
        """
        return self.touchpoints_head(None)

    def touchpoints_head(self, rows: int | None) -> pd.DataFrame:
        """The first ``rows`` rows of :attr:`touchpoints` (all of them for None), built from as few columns as needed."""
        frames, count = [], 0
        for column in self.normalised.columns:
            if rows is not None and count >= rows:
                break
            frame = pd.DataFrame({
                "respondent_id": self.responses["respondent_id"], "touchpoint": column,
                "stage": journey.guess_stage(column), "score_raw": self.scores[column],
                "score": self.normalised[column],
            }).dropna(subset=["score_raw"])
            frames.append(frame if rows is None else frame.head(rows - count))
            count += len(frames[-1])
        if not frames:
            return pd.DataFrame(columns=["respondent_id", "touchpoint", "stage", "score_raw", "score"])
        return pd.concat(frames, ignore_index=True)

    @property
    def ratings(self) -> int:
        """How many valid touchpoint ratings there are (the rows of :attr:`touchpoints`)."""
        return int(self.scores.notna().to_numpy().sum())


def columns_for(mapping: pd.DataFrame, role: str) -> list[str]:
    """The columns ``mapping`` gives ``role``, in file order."""
    return mapping.loc[mapping["role"] == role, "column"].tolist()


def normalise_mapping(mapping: pd.DataFrame, export) -> pd.DataFrame:
    """Check an edited mapping against the file and complete it; raise InputError if unusable.

    Blank scales (a column just switched to a rating role), words, notes and labels are filled
    by :func:`analysis.schema.complete_mapping`; a scale that is given but impossible or is no rating
    scale (not whole numbers, or more than ``MAX_SCALE_POINTS`` apart: a timing column), words that
    are not ``word=number``, and a yes/no outcome on a column with more than two answers (free text)
    are refused.
    """
    name = export.name
    unknown = sorted(set(mapping["column"]) - set(export.frame.columns))
    if unknown:
        raise InputError("error.mapping.unknown_column", file=name, column=quoted(unknown[0]))
    bad_roles = sorted(set(mapping["role"]) - set(ROLES))
    if bad_roles:
        raise InputError("error.mapping.unknown_role", file=name, role=quoted(bad_roles[0]),
                         roles=[say(f"role.{role}") for role in ROLES])
    mapping = complete_mapping(mapping, export)
    for spec in mapping[mapping["role"] == "outcome"].itertuples():
        try:
            parse_outcome_words(spec.words)
        except ValueError as err:
            raise InputError("error.mapping.bad_outcome_words", file=name, column=quoted(spec.column),
                             part=quoted(str(err))) from None
        answers = export.frame[spec.column].dropna().astype(str).str.strip()
        answers = answers[answers != ""].unique()
        if len(answers) > 2:
            raise InputError("error.mapping.outcome_not_two_valued", file=name, column=quoted(spec.column),
                             count=f"{len(answers):,}", examples=[quoted(answer) for answer in answers[:3]])
    for spec in mapping[mapping["role"].isin(NUMERIC_ROLES)].itertuples():
        if not spec.scale_min < spec.scale_max:
            raise InputError("error.mapping.bad_scale", file=name, column=quoted(spec.column))
        if (spec.scale_min % 1 or spec.scale_max % 1 or spec.scale_max - spec.scale_min > MAX_SCALE_POINTS):
            raise InputError("error.mapping.not_a_rating", file=name, column=quoted(spec.column),
                             low=f"{spec.scale_min:g}", high=f"{spec.scale_max:g}")
        try:
            parse_words(spec.words)
        except ValueError as err:
            raise InputError("error.mapping.bad_words", file=name, column=quoted(spec.column),
                             part=quoted(str(err))) from None
    mapping["reverse"] = mapping["reverse"].fillna(False).astype(bool)
    mapping["zero_is_na"] = mapping["zero_is_na"].fillna(False).astype(bool)
    return mapping[MAPPING_COLUMNS].reset_index(drop=True)


def prepare(export, mapping: pd.DataFrame) -> Prepared:
    """Type, validate and split an export according to ``mapping`` (see :func:`detect_roles`)."""
    mapping = normalise_mapping(mapping, export)
    log = _Log()
    if export.bad_rows:
        log.rows([bad["row"] for bad in export.bad_rows], [bad["raw"][:200] for bad in export.bad_rows],
                 "unreadable_row")
    frame = _screened(export, log)
    typed = {}
    for spec in mapping.itertuples():
        if spec.role != "ignore":
            values = frame[spec.column]
            log.blanks(spec.column, int(values.isna().sum()), optional=_blank_is_an_answer(spec, values))
            typed[spec.column] = _typed(spec, values, log)
    ids = columns_for(mapping, "respondent_id")
    typed["respondent_id"] = frame[ids[0]] if ids else pd.Series("R" + frame.index.astype(str), index=frame.index)
    stamps = columns_for(mapping, "timestamp")
    if stamps:
        typed["submitted_at"] = typed[stamps[0]]
    responses = pd.DataFrame(typed, index=frame.index)
    scores = responses[columns_for(mapping, "touchpoint")]
    keep = _mark_duplicate_ids(responses["respondent_id"], ids[0] if ids else "", log)
    for column, count in export.duplicate_headers.items():
        log.issue(column, "duplicate_header", count, "")
    for cell in export.swallowed:
        log.issue(cell["column"], "swallowed_lines", cell["lines"], f"{cell['row']}: {cell['first'][:40]}")
    if not ids:  # with an id column, a repeated row shows up as a repeated id
        duplicates = int(frame.duplicated().sum())
        if duplicates:
            log.issue("", "duplicate_row", duplicates, "")
    responses, scores = responses[keep], scores[keep]
    kind = dataset_kind(mapping, export.format)
    feedback = _feedback_table(responses, mapping) if kind == "feedback" else None
    return Prepared(responses=responses, scores=scores, feedback=feedback, mapping=mapping,
                    issues=log.issues(), excluded=log.excluded(), rows=export.rows, kind=kind,
                    unanswered=log.unanswered())


def _screened(export, log: "_Log") -> pd.DataFrame:
    """The export's rows without those its survey tool marks as previews, tests, spam or unfinished (logged)."""
    marked = screen(export)
    if marked.empty:
        return export.frame
    for reason in REASONS:
        for column, rows in marked[marked["reason"] == reason].groupby("column", sort=False):
            log.rows(rows.index, rows["value"].tolist(), reason, column)
    return export.frame.drop(index=marked.index)


def _blank_is_an_answer(spec, values: pd.Series) -> bool:
    """True where a blank cell is an answer, not a gap: free text left empty, a multi-select option not chosen."""
    if spec.role == "text":
        return True
    return spec.role in ("attribute", "behaviour", "outcome", "channel") and \
        is_option_column(values, f"{spec.column} {spec.question}")


def rated(mapping: pd.DataFrame, file_format: str = "generic") -> bool:
    """True for a survey tool's export or a file with a rating or outcome column: a survey whatever else it has."""
    return file_format != "generic" or bool(set(mapping["role"]) & (NUMERIC_ROLES | {"outcome"}))


def dataset_kind(mapping: pd.DataFrame, file_format: str = "generic") -> str:
    """'survey', 'feedback' (social posts, reviews: free text, no ratings) or 'transactions'."""
    roles = mapping["role"].tolist()
    if rated(mapping, file_format):
        return "survey"
    if roles.count("behaviour") >= 2:
        return "transactions"
    return "feedback" if "text" in roles else "survey"


def _typed(spec, values: pd.Series, log: "_Log") -> pd.Series:
    """One column converted for its role; unusable values become NaN and are logged."""
    if spec.role in NUMERIC_ROLES:
        return _rating(spec, values, log)
    if spec.role == "timestamp":
        stamps = parse_dates(values)
        log.values(values, stamps.isna() & values.notna(), spec.column, "bad_date")
        return stamps
    if _numeric_column(spec, values):
        numbers, unparsed = to_number(values)
        log.values(values, unparsed, spec.column, "non_numeric")
        bad = _impossible(spec, numbers)
        log.values(values, bad, spec.column, "outlier")
        return numbers.mask(bad)
    if spec.role == "outcome":
        codes, labels = pd.factorize(values)
        coding = parse_outcome_words(spec.words)
        positive = np.array([means_yes(label, coding) != spec.reverse for label in labels] + [np.nan], dtype=object)
        return pd.Series(positive[codes], index=values.index, dtype=object)
    if spec.role == "author":
        return values.map(pseudonymise, na_action="ignore")
    return values


def _rating(spec, values: pd.Series, log: "_Log") -> pd.Series:
    """A rating column as numbers on its scale: words read through ``spec.words``; the rest logged and blanked.

    "N/A"-like answers (and 0 when ``zero_is_na``) are not applicable; other unreadable cells
    are non_numeric; on an NPS item, a fraction such as 9.5 is non_integer; values off the scale
    are out_of_scale.
    """
    numbers, unparsed = to_number(values, parse_words(spec.words))
    words = values[unparsed].astype("string").str.strip().str.lower()
    not_applicable = words.isin(NOT_APPLICABLE).reindex(values.index, fill_value=False)
    log.values(values, not_applicable, spec.column, "not_applicable")
    log.values(values, unparsed & ~not_applicable, spec.column, "non_numeric")
    if spec.zero_is_na:
        zeros = numbers == 0
        log.values(values, zeros, spec.column, "not_applicable")
        numbers = numbers.mask(zeros)
    if spec.role == "nps":
        fractions = numbers.notna() & (numbers % 1 != 0)
        log.values(values, fractions, spec.column, "non_integer")
        numbers = numbers.mask(fractions)
    outside = (numbers < spec.scale_min) | (numbers > spec.scale_max)
    log.values(values, outside, spec.column, "out_of_scale")
    return numbers.mask(outside)


def _numeric_column(spec, values: pd.Series) -> bool:
    """Engagement and behaviour counts, ages, birth years, and attributes that are numbers throughout."""
    if spec.role == "attribute" and AGE.search(spec.column):
        return True
    if spec.role not in ("engagement", "behaviour", "attribute"):
        return False
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return True
    sample = values.dropna().head(500)
    numbers = len(sample) > 0 and to_number(sample)[1].mean() <= 0.1
    return numbers and (spec.role != "attribute" or YEAR.search(f"{spec.column} {spec.question}") is not None)


def _impossible(spec, numbers: pd.Series) -> pd.Series:
    """Values no answer can have: negative counts, ages outside 0-120, years before 1900 or after this one."""
    if AGE.search(spec.column):
        return (numbers < 0) | (numbers > 120)
    if spec.role == "attribute" and _is_year(f"{spec.column} {spec.question}", numbers):
        return (numbers < FIRST_YEAR) | (numbers > pd.Timestamp.now().year)
    if spec.role == "engagement":
        return numbers < 0
    return pd.Series(False, index=numbers.index)


def _is_year(header: str, numbers: pd.Series) -> bool:
    """A column of calendar years: its header says year/born/出生/年份 and its values are four-digit numbers,
    or nearly all its values are whole years since 1900."""
    valid = numbers.dropna()
    if valid.empty:
        return False
    if YEAR.search(header) and valid.median() >= 1000:
        return True
    years = (valid % 1 == 0) & valid.between(FIRST_YEAR, pd.Timestamp.now().year)
    return bool(years.mean() >= 0.8)


def pseudonymise(author) -> str:
    """A stable pseudonym for an author handle: same input, same pseudonym, name not recoverable."""
    salt = os.environ.get("JOURNEY_LENS_SALT", "journey-lens")
    digest = hashlib.sha256(f"{salt}:{str(author).strip().lower()}".encode()).hexdigest()
    return f"user_{digest[:10]}"


def _mark_duplicate_ids(ids: pd.Series, column: str, log: "_Log") -> pd.Series:
    repeated = ids.duplicated(keep="first") & ids.notna()
    if repeated.any():
        values = ids[repeated]
        log.rows(values.index, values.tolist(), "duplicate_id", column)
    return ~repeated


def _feedback_table(responses: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """The canonical feedback table: post_id, created_at, platform, author, text, engagement, language."""
    def first(role):
        columns = columns_for(mapping, role)
        return responses[columns[0]] if columns else pd.Series(pd.NA, index=responses.index)

    texts = columns_for(mapping, "text")
    text = responses[max(texts, key=lambda c: responses[c].astype("string").str.len().mean() or 0)]
    table = pd.DataFrame({"post_id": responses["respondent_id"], "created_at": first("timestamp"),
                          "platform": first("channel"), "author": first("author"), "text": text,
                          "language": detect_language(text)})
    for column in columns_for(mapping, "engagement"):
        table[column] = responses[column]
    return table


def detect_language(texts: pd.Series) -> pd.Series:
    """'zh' where at least 30% of a text's characters are Chinese, 'en' otherwise."""
    text = texts.astype("string").fillna("")
    han = text.str.count(r"[\u4e00-\u9fff]")
    return pd.Series(np.where(han >= 0.3 * text.str.len().clip(lower=1), "zh", "en"), index=texts.index)


def _as_written(value) -> str:
    """A cell as the user wrote it: a whole number read as a float shows as ``666``, not ``666.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Log:
    """Collects excluded values/rows and per-column problems while a file is prepared."""

    def __init__(self):
        self._excluded: list[pd.DataFrame] = []
        self._issues: list[dict] = []
        self._unanswered: list[dict] = []

    def values(self, values: pd.Series, mask: pd.Series, column: str, reason: str) -> None:
        mask = np.asarray(mask.fillna(False), dtype=bool)
        if not mask.any():
            return
        bad = [_as_written(value) for value in values.to_numpy()[mask]]
        self._excluded.append(pd.DataFrame({"row": values.index.to_numpy()[mask], "column": column,
                                            "value": bad, "reason": reason}))
        examples = list(dict.fromkeys(str(value)[:40] for value in bad[:1000]))[:3]
        self.issue(column, reason, int(mask.sum()), ", ".join(examples))

    def rows(self, rows, values: list, reason: str, column: str = "") -> None:
        """Whole rows set aside for one reason: each listed, one issue counting them (first values as examples)."""
        values = [str(value) for value in values]
        self._excluded.append(pd.DataFrame({"row": list(rows), "column": column, "value": values, "reason": reason}))
        self.issue(column, reason, len(values), ", ".join(dict.fromkeys(value[:40] for value in values[:1000]))[:130])

    def blanks(self, column: str, count: int, optional: bool = False) -> None:
        """Blank cells of a column: a problem, or (``optional``) answers left empty, counted apart."""
        if count and optional:
            self._unanswered.append({"column": column, "count": count})
        elif count:
            self.issue(column, "blank", count, "")

    def issue(self, column: str, problem: str, count: int, examples: str) -> None:
        self._issues.append({"column": column, "problem": problem, "count": count, "examples": examples})

    def issues(self) -> pd.DataFrame:
        return pd.DataFrame(self._issues, columns=ISSUE_COLUMNS)

    def unanswered(self) -> pd.DataFrame:
        return pd.DataFrame(self._unanswered, columns=UNANSWERED_COLUMNS)

    def excluded(self) -> pd.DataFrame:
        if not self._excluded:
            return pd.DataFrame(columns=EXCLUDED_COLUMNS)
        return pd.concat(self._excluded, ignore_index=True)[EXCLUDED_COLUMNS]
