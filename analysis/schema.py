"""Column roles: what each column of an export means, guessed from header and values.

:func:`detect_roles` returns the mapping as a small DataFrame (one row per column) that the
analyst edits; :mod:`analysis.prepare` applies it, first filling what an edit left blank with
:func:`complete_mapping`. Headers are matched in English and Chinese. :func:`to_number` is the
one place text cells become numbers ("5 - Very satisfied" -> 5).

The mapping's columns:

- ``column``, ``role``, ``question`` (the full question text), ``scale_min``, ``scale_max``,
  ``reverse`` (higher = worse, as for effort), ``zero_is_na`` (0 means "not applicable");
- ``label``: a short, unique name for charts and tables (:func:`analysis.labels.short_label`),
  editable;
- ``words``: text such as ``Poor=1; Good=3; Excellent=5`` saying which answer words read as
  which number (matched ignoring case); filled for rating columns whose answers are words,
  editable, parsed by :func:`analysis.answers.parse_words`;
- ``note``: read-only codes, joined by ``"; "``, saying why a column was read the way it was
  (``ces_higher_easier; scale_from_header``). Plain text, so it survives ``st.data_editor``
  and JSON unchanged; :func:`note_codes` splits it, :func:`describe_note` words it
  (``note.<code>`` in :mod:`analysis.messages`).
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.anchors import (answer_key, direction, format_outcome_words, header_anchors, parse_outcome_words,
                              standing, yes_or_no)
from analysis.answers import (NOT_APPLICABLE, format_words, is_rating_ladder, ladder_for, on_ladder, parse_words,
                              word_codes, word_values)
from analysis.labels import short_label, unique_labels
from analysis.messages import Message, say
from analysis.screening import screening_columns

ROLES = [
    "respondent_id", "timestamp", "nps", "csat", "ces", "touchpoint", "outcome", "text",
    "channel", "attribute", "behaviour", "author", "engagement", "ignore",
]
NUMERIC_ROLES = {"nps", "csat", "ces", "touchpoint"}
MAPPING_COLUMNS = ["column", "role", "question", "scale_min", "scale_max", "reverse", "zero_is_na",
                   "label", "words", "note"]
SAMPLE_ROWS = 2000
NOTE_SEPARATOR = "; "

_WORDS = {
    "respondent_id": r"^(#|id|(\w+ )?\w+ ?-?id|[\u4e00-\u9fff]+ ?id|"
                     r"编号|序号|用户id|用户编号|问卷编号|答卷编号|客户编号|会员编号)$",
    "timestamp": r"timestamp|submit|date|time|created|recorded|时间|日期|提交",
    "nps": r"\bnps\b|recommend|net promoter|推荐",
    "csat": r"\bcsat\b|satisf|^rating$|^overall rating$|^stars?$|满意|^评分$|^星级$|总体评价",
    "ces": r"\bces\b|effort|费力|省力|容易程度",
    "text": r"\b(comments?|reviews?|feedback|text|why|reasons?|explain|describe|suggestions?|anything else|"
            r"verbatim|title|subject|message|post|content)\b|评论|评价|意见|建议|内容|原因|留言|反馈|标题",
    "channel": r"\b(channel|platform|source|medium)\b|渠道|平台|来源",
    "author": r"^(author|user|user ?name|screen ?name|name|nickname|handle)$|用户名|昵称|作者|发布者|博主",
    "engagement": r"\b(likes?|like_count|retweets?|retweet_count|shares?|share_count|repl(y|ies)|reply_count|"
                  r"favou?rites_count|upvotes?|helpful|feedback count|comments_count|num_comments)\b|"
                  r"点赞|转发|分享|收藏|阅读|评论数",
    "behaviour": r"\b(orders?|purchases?|revenue|spend|spent|amount|sales|quantity|price|converted|conversion|"
                 r"churn(ed)?|clv|visits)\b|订单|消费|金额|购买|转化|复购",
    "ignore": r"ip ?address|e-?mail|first ?name|last ?name|recipient|latitude|longitude|location ?accuracy|"
              r"collector|responseset|response set|^status$|^finished$|network id|custom data|"
              r"externaldatareference|external reference|^progress$|^duration \(in seconds\)$|coord|"
              r"^distribution ?channel$|^user ?language$|^q ?recaptcha|^q relevant ?id|ballot ?box|"
              r"邮箱|手机|电话",
}
_NOT_RATING = r"\b(id|age|years?|distance|delay|minutes?|seconds?|count|number|browsers?|systems?|regions?|" \
              r"types?|code|month|day|zip|postal)\b|年龄|年份|距离"
# What a rating question says: "rate", "satisfied", "likely", "agree", "easy", "quality"...
_RATING = re.compile(r"\brat(e|ed|ing|ings)\b|satisf|\blikel(y|ihood)\b|agree|\beas(e|y|ier|ily)\b|difficult|"
                     r"\bquality\b|\bexperience\b|\bhelpful|\buseful|\bscore\b|\bstars?\b|\bhow (good|well)\b|"
                     r"满意|评分|评价|打分|体验|质量|星级|容易|方便", re.IGNORECASE)
_SATISFACTION = re.compile(r"satisf|满意", re.IGNORECASE)
# Answer labels of a rating scale ("7 - Extremely likely", "1 = Very poor"), unlike choice codes ("1 - Budapest").
_SCALE_LABEL = re.compile(r"satisf|agree|likely|eas(y|ier)|difficult|effort|good|poor|bad|excellent|terrible|"
                          r"\bvery\b|extremely|not at all|neutral|neither|满意|同意|容易|困难|费力|好|差|一般", re.IGNORECASE)
# A question (or an instruction) rather than the name of a thing.
_QUESTION = re.compile(r"[?？]|^(what|which|who|whose|when|where|why|how|do|does|did|is|are|was|were|have|has|had|"
                       r"can|could|would|will|should|please|select|choose|rank|indicate|enter|list|describe|tell)\b|"
                       r"吗|什么|哪|是否|请|您|你", re.IGNORECASE)
_CODE = re.compile(r"^[a-z]{1,2}\d", re.IGNORECASE)  # Q12, V5, QID3: a question's code, not its words
_EASE = re.compile(r"\beas(e|y|ier|iest|ily)\b|\b(low|little|no|minimal) effort\b|not (at all )?(difficult|hard)|"
                   r"省力|容易|方便|轻松|不费力|不难", re.IGNORECASE)
_EFFORT = re.compile(r"difficult|\bhard\b|effort|费力|困难|麻烦", re.IGNORECASE)
# The metric's own name: says what is measured, not which way the question runs.
_METRIC_NAME = re.compile(r"(customer )?effort score|\bces\b|客户费力度|费力度(得分|评分|指数|分数)", re.IGNORECASE)
_CHECK_MARKS = {"1", "x", "yes", "true", "selected", "checked", "✓", "✔", "√", "是"}
_EVENT_END = r"submit|end|recorded|created|completed|提交|结束"
_SCALE_HINT = re.compile(r"(\d+)\s*(?:-|–|~|to|到|至)\s*(\d+)")
# Labelled answers: "5 - Very satisfied", "5分", "Very satisfied (5)"; the label is at most a few words.
_LEADING_NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)(?:\s*[-–—:=.)]\s*|\s+|(?=[\u3400-\u9fff]))(?=[^\W\d_])")
_BRACKETED_NUMBER = re.compile(r"^\s*[(\[（【](-?\d+(?:\.\d+)?)[)\]）】]\s*(?=[^\W\d_])")  # "(3) Neutral", "[1] Nie"
_TRAILING_NUMBER = re.compile(r"\((-?\d+(?:\.\d+)?)\)\s*$")
_LABEL_WORDS = 6
_NO_SCALE = {"scale_min": np.nan, "scale_max": np.nan, "reverse": False, "zero_is_na": False}
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
# A time of day followed by its zone: the offset or zone name is dropped, the time kept.
_ZONE_SUFFIX = re.compile(r"(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?:Z|(?:UTC|GMT)?\s*[+-]\d{2}(?::?\d{2})?|UTC|GMT)$",
                          re.IGNORECASE)
_HAN = r"[\u3400-\u9fff]"
_DATA = r"\s*(?:[\[{]|https?://)"  # JSON and URLs: machine data, not answers
_NOTHING_TO_SAY = {"无", "没有", "暂无", "无意见", "没意见", "没有意见", "无建议", "没有建议", "no", "none", "nothing",
                   "n/a", "na", "nil", "-", "--", "/", "."}


def value_labels(values: pd.Series) -> pd.Series:
    """Values as group labels: text, trimmed, whole floats without ``.0`` (``3``, not ``3.0``); blanks NA."""
    if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
        values = values.astype("Int64")
    return values.astype("string").str.strip().replace("", pd.NA)


def header_words(column) -> str:
    """A header as lower-case words: `UnitPrice` and `unit_price` both become `unit price`."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(column).strip()).replace("_", " ").lower()


def _matches(role: str, text: str) -> bool:
    return re.search(_WORDS[role], text, flags=re.IGNORECASE) is not None


def to_number(values: pd.Series, codes: dict[str, int] | None = None) -> tuple[pd.Series, pd.Series]:
    """Parse cells as numbers.

    Returns ``(numbers, unparsed)``: floats (NaN where blank or unreadable) and a boolean
    mask of cells that were filled but could not be read. Reads plain numbers, decimal
    commas (``4,5``), thousands separators (``1,000``), labelled answers
    (``5 - Very satisfied``, ``Very satisfied (5)``) and, given ``codes``, Likert labels.
    """
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        numbers = values.astype(float)
        return numbers, pd.Series(False, index=values.index)
    text = values.astype("string").str.strip()
    blank = text.isna() | (text == "")
    lookup = {cell: _parse_cell(cell, codes) for cell in text[~blank].unique()}
    numbers = text.map(lookup).astype(float)
    return numbers, numbers.isna() & ~blank


def _parse_cell(cell: str, codes: dict[str, int] | None) -> float:
    try:
        number = float(cell)
        return number if np.isfinite(number) else np.nan
    except ValueError:
        pass
    if codes and cell.lower() in codes:
        return float(codes[cell.lower()])
    if _THOUSANDS.match(cell):
        return float(cell.replace(",", ""))
    if _DECIMAL_COMMA.match(cell):
        return float(cell.replace(",", "."))
    labelled = _labelled(cell)
    return labelled[0] if labelled else np.nan


def _labelled(cell: str) -> tuple[float, str] | None:
    """``(number, label)`` of a labelled answer (``7 - Very easy`` -> (7, 'Very easy')), else None.

    A number followed or preceded by a long text ("12 people were rude") is not a labelled answer.
    """
    leading = _LEADING_NUMBER.match(cell) or _BRACKETED_NUMBER.match(cell)
    trailing = _TRAILING_NUMBER.search(cell)
    if leading:
        number, label = leading.group(1), cell[leading.end():]
    elif trailing:
        number, label = trailing.group(1), cell[:trailing.start()]
    else:
        return None
    return (float(number), label.strip()) if len(label.split()) <= _LABEL_WORDS else None


def is_positive(label) -> bool:
    """True for the label of a yes/no outcome that means yes: satisfied, yes, true, 1, 满意, 是...

    "Dissatisfied", "neutral or dissatisfied", "no", "0" and anything else are no. Numbers
    are compared as numbers, so ``1.0`` is yes too. This is the reading when the export says
    nothing about its coding; see :func:`means_yes`.
    """
    text = str(label).strip()
    try:
        return float(text) == 1
    except ValueError:
        return yes_or_no(text) is True


def _labelled_yes(answer) -> bool:
    """:func:`is_positive`, reading a labelled answer ("2 - Yes") by its label."""
    labelled = _labelled(str(answer))
    return yes_or_no(labelled[1]) is True if labelled and yes_or_no(labelled[1]) is not None else is_positive(answer)


def means_yes(answer, coding: dict[str, bool]) -> bool:
    """Whether a yes/no answer means yes under ``coding`` (the row's words, see
    :func:`analysis.anchors.parse_outcome_words`), matched by the answer or by its number
    ("2 - Yes" and "2.0" match ``2``); answers the coding does not name read as :func:`is_positive`.
    """
    key = answer_key(answer)
    if key in coding:
        return coding[key]
    number = _parse_cell(str(answer).strip(), None)
    if pd.notna(number) and answer_key(number) in coding:
        return coding[answer_key(number)]
    return is_positive(answer)


def outcome_spec(header: str, values: pd.Series) -> dict:
    """The yes/no coding of an outcome column, from its answers' labels or its header's anchors.

    "2 - Yes" answers, or a header printing "(1 = no, 2 = yes)" / "(0 = yes, 1 = no)", give
    ``words`` such as ``1=no; 2=yes`` with the note ``outcome_coding_labels`` or
    ``outcome_coding_header``. Numeric answers other than 0/1 with no such help are read as
    1 = yes and noted ``outcome_coding_assumed``, for the analyst to check.
    """
    anchors = {answer_key(number): yes_or_no(label) for number, label in header_anchors(header)}
    coding, sources = {}, set()
    for answer in value_labels(values).dropna().unique():
        labelled = _labelled(str(answer))
        number = _parse_cell(str(answer), None)
        key = answer_key(number) if pd.notna(number) else answer_key(answer)
        if labelled and yes_or_no(labelled[1]) is not None:
            coding[key], source = yes_or_no(labelled[1]), "labels"
        elif anchors.get(key) is not None:
            coding[key], source = anchors[key], "header"
        else:
            coding[key], source = yes_or_no(answer), None
        sources.add(source)
    numbers = {key for key in coding if pd.notna(_parse_cell(key, None))}
    if sources - {None} and None not in coding.values():
        source = "labels" if "labels" in sources else "header"
        ordered = dict(sorted(coding.items(), key=lambda item: (_parse_cell(item[0], None), item[0])))
        return {**_NO_SCALE, "words": format_outcome_words(ordered), "note": f"outcome_coding_{source}"}
    assumed = bool(numbers - {"0", "1"})
    return {**_NO_SCALE, "words": "", "note": "outcome_coding_assumed" if assumed else ""}


def is_option_column(values: pd.Series, header: str) -> bool:
    """True for a multi-select option column: every answer is the same mark, and a blank means "not chosen".

    The mark is the option's own text (SurveyMonkey, Typeform, "Question - Option" headers) or
    a tick such as 1, x, yes or True (Qualtrics, Google Forms exports of check boxes).
    """
    answers = pd.unique(values.dropna())
    marks = {str(answer).strip().lower().removesuffix(".0") for answer in answers[:10]} - {""}
    if len(answers) > 10 or len(marks) != 1:
        return False
    mark = marks.pop()
    return mark in _CHECK_MARKS or (len(mark) >= 2 and mark in str(header).lower())


def note_codes(note) -> list[str]:
    """The codes in a mapping row's ``note`` (blank: none)."""
    if note is None or (not isinstance(note, str) and pd.isna(note)):
        return []
    return [code.strip() for code in str(note).split(";") if code.strip()]


# Notes that record a guess the export gave no ground for: the analyst should check those columns.
ASSUMED = ("ces_direction_unknown", "outcome_coding_assumed")


def to_check(mapping: pd.DataFrame) -> list[str]:
    """The columns whose reading is a documented default the export did not confirm (see ``ASSUMED``)."""
    return [row.column for row in mapping.itertuples() if set(note_codes(row.note)) & set(ASSUMED)]


def describe_note(note) -> list[Message]:
    """The note's codes as messages (``note.<code>``), ready to show in the analyst's language."""
    return [say(f"note.{code}") for code in note_codes(note)]


@dataclass
class _Reading:
    """What the cells of one column say, before a role is chosen."""

    filled: pd.Series  # non-blank cells
    numbers: pd.Series  # the cells that are numbers (or codes of an all-word scale); NaN elsewhere
    unreadable: pd.Series  # cells that are neither a number, a rating word nor "not applicable"
    codes: dict | None = None  # every answer is a word of one rating scale: its codes
    points: int = 0  # ... and the number of points of that scale
    ladder: tuple | None = None  # the rating scale of word answers mixed with numbers
    words: set = field(default_factory=set)  # the ladder's words found
    spellings: dict = field(default_factory=dict)  # lower-case word -> as written in the data
    labels: list = field(default_factory=list)  # (number, label) of answers such as "7 - Very easy"
    rating_words: bool = False  # the words (codes or ladder) run from worse to better, not a frequency scale

    @property
    def labelled(self) -> bool:
        """True when the answers carry the words of a rating scale, in any language of the ladders."""
        return self.rating_words or any(_SCALE_LABEL.search(label) or standing(label) is not None
                                        for _, label in self.labels)


def _read(values: pd.Series, scale_labels: frozenset = frozenset()) -> _Reading:
    """Read a column's cells as numbers, rating words and "not applicable" answers.

    ``scale_labels`` are the answers (lower-case) of every row of the matrix question the column is a row
    of: when they all lie on one ladder, the column is coded on that whole scale, even if its own answers
    miss a step (nobody chose the middle of this row).
    """
    filled = values.dropna()
    if pd.api.types.is_numeric_dtype(filled) or pd.api.types.is_bool_dtype(filled):
        return _Reading(filled, filled.astype(float), pd.Series(False, index=filled.index))
    text = filled.astype(str).str.strip()
    filled, text = filled[text != ""], text[text != ""]
    lower = text.str.lower()
    applicable = ~lower.isin(NOT_APPLICABLE)
    own = set(lower[applicable].unique())
    coded = (word_codes(own | (scale_labels - NOT_APPLICABLE)) if own and scale_labels else None) or word_codes(own)
    codes, points = ({label: code for label, code in coded[0].items() if label in own}, coded[1]) if coded else (None, 0)
    numbers, unparsed = to_number(filled, codes)
    ladder = None if codes else ladder_for(set(lower[unparsed & applicable].unique()))
    words = {word for word in lower.unique() if on_ladder(ladder, word)} if ladder else set()
    unreadable = unparsed & applicable & ~lower.isin(words)
    spellings = text.groupby(lower).agg(lambda cells: cells.mode().iloc[0]).to_dict() if (codes or words) else {}
    scale = ladder_for(set(codes)) if codes else ladder
    return _Reading(filled, numbers, unreadable, codes, points, ladder, words, spellings,
                    _labelled_answers(text.unique()), is_rating_ladder(scale))


def _labelled_answers(cells) -> list[tuple[float, str]]:
    """(number, label) of each labelled answer among ``cells``."""
    return [pair for pair in map(_labelled, cells) if pair]


def guess_scale(header: str, numbers: pd.Series, role: str) -> tuple[float, float]:
    """Scale (min, max) of a rating column: NPS is 0-10; else a header hint like `(1-5)` or anchors like
    `(1 = very poor, 5 = excellent)`, else the smallest usual scale (3, 4, 5, 7, 10 points) that holds every value given at least twice."""
    if role == "nps":
        return 0.0, 10.0
    hint = _scale_hint(header) or _anchored_scale(header_anchors(header))
    if hint:
        return hint
    values = numbers.dropna()
    if len(values) == 0:
        return 1.0, 5.0
    counts = values.value_counts()
    repeated = counts.index[counts >= 2]
    top = repeated.max() if len(repeated) else values.max()  # a one-off 55 in a 1-5 column is a typo
    high = next((s for s in (3, 4, 5, 7, 10) if top <= s), float(top))
    low = 0.0 if values.min() == 0 and high == 10 and role != "touchpoint" else 1.0
    return low, float(high)


def _scale_hint(header: str) -> tuple[float, float] | None:
    """A scale written in the header, like ``(1-7)`` or ``0 to 10``."""
    hint = _SCALE_HINT.search(header)
    if hint and float(hint.group(1)) < float(hint.group(2)) <= 100:
        return float(hint.group(1)), float(hint.group(2))
    return None


def column_spec(header: str, values: pd.Series, role: str, scale_labels: frozenset = frozenset()) -> dict:
    """Scale, direction, 0-handling, answer words and note of a rating column, from its header and answers.

    Returns a dict with ``scale_min, scale_max, reverse, zero_is_na, words, note`` (see the
    module docstring). A column answered only in words of one scale takes that scale's steps
    (1..n), read with the answers of the other rows of its question (``scale_labels``, see :func:`_read`);
    words mixed with numbers are spread over the numbers' scale.
    """
    reading = _read(values, scale_labels)
    anchors = header_anchors(header)
    notes = []
    if role == "nps":
        low, high = 0.0, 10.0
    elif reading.codes:
        low, high = 1.0, float(reading.points)
    elif reading.ladder and reading.numbers.notna().sum() == 0:
        low, high = 1.0, float(len(reading.ladder))
    else:
        low, high = guess_scale(header, reading.numbers, role)
        if _scale_hint(header) or _anchored_scale(anchors):
            notes.append("scale_from_header")  # "(1-7)" or "(1 = very satisfied, 5 = very dissatisfied)"
        elif _labelled_scale(reading.labels, low, high) != (low, high):
            low, high = _labelled_scale(reading.labels, low, high)
            notes.append("scale_from_labels")  # "5 - Sehr unzufrieden" given once is still the scale's end
    words = reading.codes or (word_values(reading.ladder, reading.words, low, high) if reading.ladder else {})
    if words:
        notes.append("words_read")
    numbers = to_number(reading.filled, words)[0]
    zero_is_na = role in ("touchpoint", "csat") and low == 1 and bool((numbers == 0).any())
    if zero_is_na:
        notes.append("zero_not_applicable")
    reverse = False
    if role == "ces":
        reverse, why = ces_direction(header, words, reading.labels)
        notes.insert(0, why)
    elif not reading.codes:  # answered in a ladder's words: coded worst to best already
        reverse, why = _rating_direction(anchors, reading.labels)
        notes.extend([why] if why else [])
    return {"scale_min": low, "scale_max": high, "reverse": reverse, "zero_is_na": zero_is_na,
            "words": format_words(words, reading.spellings), "note": NOTE_SEPARATOR.join(notes)}


def _labelled_scale(labels: list[tuple[float, str]], low: float, high: float) -> tuple[float, float]:
    """The scale ``low``..``high`` widened to every labelled answer whose label is a rating word in any language
    ("5 - Sehr unzufrieden" answered once is a scale's end, not a typo)."""
    placed = [number for number, label in labels if standing(label) is not None]
    if len(placed) < 2:
        return low, high
    return min(low, *placed), max(high, *placed)


def _anchored_scale(anchors: list[tuple[float, str]]) -> tuple[float, float] | None:
    """The scale a header's anchors span ("1 = very satisfied, 5 = very dissatisfied" -> (1, 5)), if two are rating words."""
    placed = [number for number, label in anchors if standing(label) is not None]
    return (min(placed), max(placed)) if len(placed) >= 2 and min(placed) < max(placed) else None


def _rating_direction(anchors: list[tuple[float, str]], labels: list[tuple[float, str]]) -> tuple[bool, str]:
    """Whether a rating column runs from best to worst, and the note code saying how that was read ('' if not read).

    The header's anchors ("(1 = very satisfied, 5 = very dissatisfied)", "1=非常满意") decide,
    else the answers' labels ("5 - Very dissatisfied"); see :func:`analysis.anchors.direction`.
    """
    for source, pairs in (("header", anchors), ("labels", labels)):
        way = direction(pairs)
        if way == "down":
            return True, f"scale_reversed_{source}"
        if way == "up":
            return False, ""
    return False, ""


def ces_direction(header: str, words: dict, labels: list[tuple[float, str]]) -> tuple[bool, str]:
    """Whether a CES column is reversed (higher = more effort), and the note code saying why.

    The answer labels decide when the export has them ("1 - Very difficult" ... "7 - Very easy", or a
    rating ladder of another language: "1 - Sehr schwierig" ... "5 - Sehr einfach"),
    then anchors printed in the header ("1 = very easy, 7 = very difficult"); else the
    question's wording: ease words (easy, ease, 容易, 方便, 省力) mean higher = easier, effort words
    (effort, difficult, hard, 费力, 困难) higher = more effort; ease wins when both occur ("How
    easy was it? effort (1-7)" asks about ease). The metric's own name ("Customer Effort
    Score", "CES", 费力度) is not wording and is read past. With neither, higher is taken as
    easier (the CES 2.0 agree scale, "The company made it easy...") and the note says the
    direction is unknown, for the analyst to check.
    """
    for source, pairs in (("labels", labels + [(value, word) for word, value in words.items()]),
                          ("header", header_anchors(header))):
        pairs = sorted(pairs)
        if pairs:
            top, bottom = _ease_or_effort(pairs[-1][1]), _ease_or_effort(pairs[0][1])
            if top == "ease" or (top is None and bottom == "effort"):
                return False, f"ces_{source}_higher_easier"
            if top == "effort" or (top is None and bottom == "ease"):
                return True, f"ces_{source}_higher_effort"
            best, worst = standing(pairs[-1][1]), standing(pairs[0][1])  # a ladder in another language
            if top is None and bottom is None and best is not None and worst is not None and best != worst:
                return best < worst, f"ces_{source}_higher_{'easier' if best > worst else 'effort'}"
    wording = _METRIC_NAME.sub(" ", header)
    if _EASE.search(wording):
        return False, "ces_higher_easier"
    if _EFFORT.search(wording):
        return True, "ces_higher_effort"
    return False, "ces_direction_unknown"


def _ease_or_effort(text: str) -> str | None:
    """'ease' for wording about ease ("Very easy", "省力"; it wins over effort words), 'effort' for effort or difficulty."""
    if _EASE.search(text):
        return "ease"
    return "effort" if _EFFORT.search(text) else None


def _plain_spec(column: str, header: str, values: pd.Series, role: str, screening: set[str]) -> dict:
    """The mapping fields of a column that is not a rating: no scale, and a note where one helps."""
    note = ""
    if column in screening:
        note = "response_screening"
    elif role in ("attribute", "behaviour", "outcome", "channel") and is_option_column(values, header):
        note = "blank_not_chosen"
    elif role == "outcome":
        return outcome_spec(header, values)
    return {**_NO_SCALE, "words": "", "note": note}


def detect_roles(export) -> pd.DataFrame:
    """Guess every column's role, scale, label and options from its header and values.

    Returns a DataFrame with the columns of ``MAPPING_COLUMNS`` (see the module docstring) --
    the editable mapping passed to :func:`analysis.prepare.prepare`. Roles are guessed from the
    first ``SAMPLE_ROWS`` rows, so this stays fast on large files; a rating column's scale,
    0-handling and words, and a yes/no column's coding, are read from every row.
    """
    frame = export.frame.head(SAMPLE_ROWS)
    generic = export.format == "generic"
    screening = set(screening_columns(export).values())
    taken: set[str] = set()
    rows = []
    scales = question_answers(export)
    for column in frame.columns:
        question = export.questions.get(column, column)
        header = column if column == question else f"{column} {question}"
        role = "ignore" if column in screening else _guess_role(column, question, header, frame[column], taken, generic)
        taken.add(role)
        whole = export.frame[column]  # a role is guessed from a sample; a scale and its answers from every row
        spec = (column_spec(header, whole, role, scales.get(column, frozenset())) if role in NUMERIC_ROLES
                else _plain_spec(column, header, whole, role, screening))
        rows.append({"column": column, "role": role, "question": question, "label": _label(column, question), **spec})
    mapping = pd.DataFrame(rows, columns=MAPPING_COLUMNS)
    mapping["label"] = unique_labels(mapping["label"].tolist())
    return _prefer_completion_time(mapping, frame)


def question_answers(export) -> dict[str, frozenset[str]]:
    """For each column that is a row of a matrix question (``export.question_groups``), the answers
    (lower-case) given on any row of that question; questions with more than 50 different answers
    (free text, multi-select options) are left out."""
    answers: dict[str, set] = {}
    for column, group in export.question_groups.items():
        values = export.frame[column].dropna().astype(str).str.strip().str.lower()
        answers.setdefault(group, set()).update(values[values != ""].unique())
    return {column: frozenset(answers[group]) for column, group in export.question_groups.items()
            if len(answers[group]) <= 50}


def complete_mapping(mapping: pd.DataFrame, export) -> pd.DataFrame:
    """Fill what an edited mapping leaves blank, from the column's answers, as :func:`detect_roles` would.

    A column given a rating role (nps, csat, ces, touchpoint) in the editor arrives with no
    scale. Such a row (blank or unreadable ``scale_min`` or ``scale_max``) gets the inferred
    scale for its blank ends, and its direction, 0-handling, words (when blank) and note, with
    ``scale_inferred`` added to the note. Once a row has a scale nothing is inferred again, so
    later edits (a ticked ``reverse``, a cleared ``words``) are kept. A scale that is given but
    impossible (min >= max) is left for :func:`analysis.prepare.normalise_mapping` to refuse.
    Mapping columns missing altogether (a mapping saved before they existed) are filled in:
    labels derived, words read for every rating row. Returns a new DataFrame.
    """
    mapping = mapping.copy()
    missing_words = "words" not in mapping
    for column, default in (("question", ""), ("scale_min", np.nan), ("scale_max", np.nan), ("reverse", False),
                            ("zero_is_na", False), ("label", ""), ("words", ""), ("note", "")):
        if column not in mapping:
            mapping[column] = default
    for end in ("scale_min", "scale_max"):
        mapping[end] = pd.to_numeric(mapping[end], errors="coerce").astype(float)
    for column in ("label", "words", "note"):
        mapping[column] = mapping[column].fillna("")
    frame = export.frame
    for i in mapping.index[mapping["role"].isin(NUMERIC_ROLES) & mapping["column"].isin(frame.columns)]:
        blank_scale = mapping.loc[i, ["scale_min", "scale_max"]].isna().any()
        if blank_scale or missing_words:
            _complete_row(mapping, i, frame[mapping.at[i, "column"]], export, blank_scale)
    for i in mapping.index[(mapping["role"] == "outcome") & mapping["column"].isin(frame.columns)]:
        if not any(code.startswith("outcome_coding") for code in note_codes(mapping.at[i, "note"])):
            _complete_outcome(mapping, i, frame[mapping.at[i, "column"]], export)
    blank = mapping["label"].astype(str).str.strip() == ""
    if blank.any():
        derived = [_label(c, export.questions.get(c, c)) for c in mapping.loc[blank, "column"]]
        mapping.loc[blank, "label"] = unique_labels(derived, taken=mapping.loc[~blank, "label"])
    return mapping


def _label(column: str, question: str) -> str:
    """The short label of a column, from whichever of its name and question says more.

    A SurveyMonkey column is named "question - option" while its question is the question alone;
    a Qualtrics column is named Q12 while its question is the whole text.
    """
    return short_label(column) if len(column) > len(question) else short_label(question, column)


def _complete_row(mapping: pd.DataFrame, i, values: pd.Series, export, blank_scale: bool) -> None:
    """Fill one rating row of ``mapping`` in place (see :func:`complete_mapping`)."""
    column = mapping.at[i, "column"]
    question = export.questions.get(column, column)
    header = column if column == question else f"{column} {question}"
    spec = column_spec(header, values, mapping.at[i, "role"])
    if not str(mapping.at[i, "words"]).strip() or not _parses(parse_words, mapping.at[i, "words"]):
        mapping.at[i, "words"] = spec["words"]
    if not blank_scale:  # a mapping saved before words existed: words and their note only
        mapping.at[i, "note"] = mapping.at[i, "note"] or spec["note"]
        return
    for end in ("scale_min", "scale_max"):
        if pd.isna(mapping.at[i, end]):
            mapping.at[i, end] = spec[end]
    mapping.at[i, "reverse"], mapping.at[i, "zero_is_na"] = spec["reverse"], spec["zero_is_na"]
    mapping.at[i, "note"] = NOTE_SEPARATOR.join(note_codes(spec["note"]) + ["scale_inferred"])


def _complete_outcome(mapping: pd.DataFrame, i, values: pd.Series, export) -> None:
    """Fill the yes/no coding of an outcome row in place, keeping words the analyst wrote (see :func:`outcome_spec`)."""
    column = mapping.at[i, "column"]
    question = export.questions.get(column, column)
    spec = _plain_spec(column, column if column == question else f"{column} {question}", values, "outcome", set())
    if not str(mapping.at[i, "words"]).strip() or not _parses(parse_outcome_words, mapping.at[i, "words"]):
        mapping.at[i, "words"] = spec["words"]
    mapping.at[i, "note"] = spec["note"]


def _parses(parse, words) -> bool:
    """True when ``parse`` reads ``words`` without a ValueError."""
    try:
        parse(words)
    except ValueError:
        return False
    return True


def _prefer_completion_time(mapping: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """When the timestamp is a start time and a submit/end time exists, use the latter."""
    chosen = mapping.index[mapping["role"] == "timestamp"]
    if len(chosen) != 1 or re.search(_EVENT_END, mapping.at[chosen[0], "column"], re.I):
        return mapping
    for i in mapping.index[mapping["role"] == "ignore"]:
        column = mapping.at[i, "column"]
        if re.search(_EVENT_END, column, re.I) and _matches("timestamp", column) and _parses_as_dates(frame[column].dropna()):
            mapping.loc[chosen[0], "role"], mapping.loc[i, "role"] = "ignore", "timestamp"
            break
    return mapping


def _guess_role(column: str, question: str, header: str, values: pd.Series, taken: set[str], generic: bool) -> str:
    """The role of one column, from its name, its question text and its answers."""
    name = header_words(column)
    reading = _read(values)
    filled = reading.filled
    if filled.empty or _matches("ignore", name):
        return "ignore"
    names_metric = any(_matches(role, header) for role in ("nps", "csat", "ces"))
    numeric = reading.unreadable.mean() <= (0.4 if names_metric else 0.1)
    distinct = filled.nunique()
    if "respondent_id" not in taken and (
            (_matches("respondent_id", name) and distinct >= 0.8 * len(filled))
            or (name.startswith("column_") and numeric and distinct == len(filled))):
        return "respondent_id"
    if not numeric and _matches("timestamp", name) and _parses_as_dates(filled):
        return "ignore" if "timestamp" in taken else "timestamp"
    if distinct == 2 and _SATISFACTION.search(header) and sum(map(_labelled_yes, filled.unique())) == 1:
        return "outcome"
    if numeric:
        return _numeric_role(name, question, header, reading, taken, generic)
    for role, limit in (("behaviour", 2), ("author", None), ("channel", 50)):
        if _matches(role, name) and (limit is None or distinct <= limit):
            return role
    if _is_free_text(filled, header):
        return "text"
    if filled.astype(str).str.match(_DATA).mean() >= 0.5:
        return "ignore"
    if distinct <= 50 or distinct <= 0.05 * len(filled):
        return "attribute"
    return "ignore"


def _numeric_role(name: str, question: str, header: str, reading: _Reading, taken: set[str], generic: bool) -> str:
    """The role of a column whose answers read as numbers (or as words of a rating scale).

    A small-integer column is a rating only when its wording says so (rate, satisfied, likely,
    agree, easy, quality, 满意, 评分...), its answers carry rating words, or -- in a generic
    table -- its header names a thing ("Seat comfort"). A quiz or multiple-choice question
    answered with codes ("Which of these...?") is an attribute.
    """
    valid = reading.numbers.dropna()
    integer = bool((valid % 1 == 0).mean() >= 0.9) if len(valid) else True
    on_nps_scale = len(valid) > 0 and valid.between(0, 10).mean() >= 0.75 and valid[valid <= 10].max() > 5
    if "nps" not in taken and _matches("nps", header) and integer and on_nps_scale:
        return "nps"
    if not reading.labelled and _matches("engagement", name) and _names_a_thing(question):
        return "engagement"  # "retweet_count", not "How willing would you be to share...?"
    if not reading.labelled and _matches("behaviour", name):
        return "behaviour"
    answers = valid.nunique() + len(reading.words)
    small_scale = reading.codes is not None or (integer and answers >= 3 and (valid.max() if len(valid) else 0) <= 10)
    if small_scale and "ces" not in taken and _matches("ces", header):
        return "ces"
    if small_scale and "csat" not in taken and _matches("csat", name):
        return "csat"
    worded = (reading.labelled or _RATING.search(header) is not None or _anchored_scale(header_anchors(header)) is not None
              or (generic and _names_a_thing(question)))
    rating = worded and (reading.labelled or not re.search(_NOT_RATING, name, re.I))
    zeros_allowed = (_scale_hint(header) or (1,))[0] == 0  # "(0-10)": 0 is an answer, not a count of none
    if small_scale and rating and (zeros_allowed or (valid == 0).sum() < 0.15 * len(reading.filled)):
        return "touchpoint"
    return "attribute"


def _names_a_thing(text: str) -> bool:
    """True for a short noun phrase ("Seat comfort", "座椅舒适度"), not a question or a code like Q12."""
    words = header_words(text).split()
    return 1 <= len(words) <= 6 and not _QUESTION.search(text) and not _CODE.match(words[0])


_ASKS_FOR_COMMENTS = re.compile(r"\b(comments?|feedback|why|explain|suggestions?|verbatim|remarks?|anything else)\b|"
                                r"评论|意见|建议|留言|反馈|原因", re.IGNORECASE)
SENTENCE_UNITS = 3  # words (or Chinese characters) that make an answer a sentence rather than a label
NAMED_TEXT_SENTENCES = 0.2  # share of sentences that makes a column whose header names free text free text


def _is_free_text(filled: pd.Series, header: str) -> bool:
    """True for free-text answers: many different ones, and long (words, or Chinese characters, not letters);
    or, under a header that asks for comments (comment, feedback, why, 意见, 建议...), at least one answer in
    five a sentence (and two different sentences), however often answers repeat ("Good", "Bad" and a few
    sentences).

    Chinese comments are short in characters, so length counts Chinese characters plus words of
    other scripts. Answers that say there is nothing to say (无, 没有, none) are left out of both
    measures; single tokens (URLs, codes, JSON) are not free text.
    """
    text = filled.astype(str).str.strip()
    text = text[~text.str.lower().isin(_NOTHING_TO_SAY)]
    if text.empty:
        return False
    units = text.str.count(_HAN) + text.str.replace(_HAN, " ", regex=True).str.count(r"[^\W\d_]+")
    sentences = units >= SENTENCE_UNITS
    if (_ASKS_FOR_COMMENTS.search(header_words(header)) and sentences.mean() >= NAMED_TEXT_SENTENCES
            and text[sentences].nunique() >= 2):
        return True  # a comment / 意见 column: its sentences count even when people repeat them
    spaced = text.str.contains(rf"\s|{_HAN}") & ~text.str.match(_DATA)
    if spaced.mean() < 0.5:
        return False
    distinct = text.nunique()
    share = distinct / len(text)
    if (units.mean() >= 4 and share >= 0.5) or (text.str.len().mean() >= 25 and share >= 0.3):
        return True
    return _matches("text", header) and distinct >= min(20, 0.5 * len(text))
def _parses_as_dates(values: pd.Series) -> bool:
    sample = values.head(200)
    if pd.to_numeric(sample, errors="coerce").notna().mean() > 0.5:
        return False
    parsed = parse_dates(sample)
    return parsed.notna().mean() >= 0.8


def parse_dates(values: pd.Series) -> pd.Series:
    """Parse date-time text (any common layout) to naive times on the clock they were recorded by.

    A UTC offset or zone suffix after the time (``-05:00``, ``+0800``, ``Z``, ``UTC``) is dropped,
    not converted: ``2024-03-31 22:30:00-05:00`` is 22:30 on 31 March, the respondent's local
    time, not 03:30 UTC on 1 April. Rows with different offsets each keep their own local time,
    so a day or an hour always means the one the respondent lived through.
    """
    text = values.astype("string").str.strip()
    text = text.where(text != "").str.replace(_ZONE_SUFFIX, r"\1", regex=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            parsed = pd.to_datetime(text, errors="coerce")
        except (ValueError, TypeError):
            parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
        if parsed.isna().sum() > text.isna().sum():
            parsed = pd.to_datetime(text, errors="coerce", format="mixed")
    return parsed
