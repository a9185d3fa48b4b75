"""Words respondents answer rating questions with, and how they are read as numbers.

A rating scale is a *ladder*: its steps from worst to best, each step a group of words that mean
the same ("Very poor", "Terrible"). :func:`ladder_for` finds the ladder a column's answer words
belong to; :func:`word_codes` codes a column answered only in words; :func:`word_values` places
words on a numeric scale when they are mixed with numbers. The result is kept in the mapping's
``words`` column as editable text (:func:`format_words`, :func:`parse_words`):
``Poor=1; Fair=2; Good=3; Very good=4; Excellent=5``. Words are matched lower-cased and trimmed.

Ladders in other languages (German, Spanish, French, Portuguese, Italian, Hungarian, Dutch, Chinese:
satisfaction, agreement, likelihood, quality, ease, frequency) are kept in ``data/ladders.json``; every
ladder word is matched as :func:`fold` writes it, so case and accents do not matter ("ELEGEDETT" is
"elégedett").
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pandas as pd

_MIDDLE = ("neutral", "一般", "中立", "说不清")
AGREE = (("strongly disagree", "非常不同意", "完全不同意"), ("disagree", "不同意", "somewhat disagree"),
         ("neither agree nor disagree", *_MIDDLE), ("agree", "同意", "比较同意", "somewhat agree"),
         ("strongly agree", "非常同意", "完全同意"))
AGREE_7 = (("strongly disagree",), ("disagree",), ("somewhat disagree",), ("neither agree nor disagree", "neutral"),
           ("somewhat agree",), ("agree",), ("strongly agree",))
SATISFIED = (("very dissatisfied", "非常不满意"), ("dissatisfied", "不满意", "somewhat dissatisfied"),
             ("neither satisfied nor dissatisfied", *_MIDDLE), ("satisfied", "满意", "比较满意", "somewhat satisfied"),
             ("very satisfied", "非常满意"))
EASY = (("very difficult", "非常困难", "very hard"), ("difficult", "困难", "somewhat difficult"),
        ("neither easy nor difficult", *_MIDDLE), ("easy", "容易", "somewhat easy"), ("very easy", "非常容易"))
QUALITY = (("very poor", "terrible", "awful", "horrible", "very bad"), ("poor", "bad"),
           ("average", "fair", "ok", "okay", "so-so", "acceptable", "mediocre", "neutral"), ("good",),
           ("excellent", "very good", "great", "outstanding"))
QUALITY_UNBALANCED = (("poor",), ("fair",), ("good",), ("very good",), ("excellent",))  # SF-36 style
QUALITY_ZH = (("非常差", "很差", "极差"), ("差", "较差", "比较差", "不好"), ("一般", "还行", "还可以", "中等"),
              ("好", "较好", "比较好", "良好"), ("非常好", "很好", "极好", "优秀"))
QUALITY_ZH_7 = (("非常差",), ("很差",), ("差", "较差"), ("一般",), ("好", "较好"), ("很好",), ("非常好",))
LADDER_FILE = Path(__file__).resolve().parent / "data" / "ladders.json"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-"})


def fold(word) -> str:
    """A word as ladders are matched: lower-case, accents dropped, apostrophes and dashes made plain, spaces
    single: "Très  Satisfait" and "tres satisfait" are one word; Chinese is unchanged."""
    text = unicodedata.normalize("NFKD", str(word).translate(_APOSTROPHES))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _folded(ladder) -> tuple:
    return tuple(tuple(dict.fromkeys(fold(word) for word in step)) for step in ladder)


def _read_ladders(path: Path = LADDER_FILE) -> tuple[tuple, tuple]:
    """The ladders of the data file: (rating ladders, ladders with no better or worse end such as frequency)."""
    scales = {name: scale for name, scale in json.loads(path.read_text(encoding="utf-8")).items()
              if not name.startswith("_")}
    rating = [_folded(ladder) for scale in scales.values() if scale["rating"] for ladder in scale["ladders"].values()]
    other = [_folded(ladder) for scale in scales.values() if not scale["rating"] for ladder in scale["ladders"].values()]
    return tuple(rating), tuple(other)


_MORE_RATING_LADDERS, ORDER_LADDERS = _read_ladders()
RATING_LADDERS = (*(_folded(ladder) for ladder in (QUALITY, QUALITY_UNBALANCED, QUALITY_ZH, QUALITY_ZH_7, AGREE,
                                                   AGREE_7, SATISFIED, EASY)), *_MORE_RATING_LADDERS)
LADDERS = (*RATING_LADDERS, *ORDER_LADDERS)

NOT_APPLICABLE = frozenset({"n/a", "n.a.", "na", "not applicable", "not applicable to me", "does not apply",
                            "不适用", "不涉及", "nicht zutreffend", "keine angabe", "no aplica", "no corresponde",
                            "non applicable", "sans objet", "não se aplica", "non applicabile", "nem releváns",
                            "nem vonatkozik rám", "niet van toepassing", "n.v.t."})


def ladder_for(words: set[str]) -> tuple | None:
    """The ladder that places most of ``words`` on distinct steps, or None when none holds any.

    Among ladders holding as many of the words, one where no two of them share a step wins
    ("Very good" and "Excellent" together mean the five-step Poor ... Excellent scale), then
    the shorter ladder, then the first listed.
    """
    best, best_score = None, (0,)
    for position, ladder in enumerate(LADDERS):
        steps = [_step(ladder, word) for word in words]
        held = [step for step in steps if step is not None]
        score = (len(held), len(set(held)) == len(held), -len(ladder), -position)
        if held and score > best_score:
            best, best_score = ladder, score
    return best


def ladder_words(ladder: tuple) -> set[str]:
    """Every word on a ladder (as :func:`fold` writes them)."""
    return {word for step in ladder for word in step}


def on_ladder(ladder: tuple, word: str) -> bool:
    """Whether ``word`` (any case or accents) is a step of ``ladder``."""
    return _step(ladder, word) is not None


def is_rating_ladder(ladder: tuple | None) -> bool:
    """Whether ``ladder`` runs from worse to better (not a frequency scale, whose ends are neither)."""
    return ladder is not None and ladder not in ORDER_LADDERS


def _step(ladder: tuple, word: str) -> int | None:
    word = fold(word)
    return next((i for i, step in enumerate(ladder) if word in step), None)


def likert_codes(values: pd.Series) -> dict[str, int] | None:
    """Codes for a column answered only in words of one rating ladder (agree, satisfied, easy, quality), else None.

    See :func:`word_codes`.
    """
    labels = {str(v).strip().lower() for v in values.dropna().unique() if str(v).strip()}
    found = word_codes(labels)
    return found[0] if found else None


def word_codes(labels: set[str]) -> tuple[dict[str, int], int] | None:
    """``(codes, points)`` for answer words (keys as given, lower-case) that all lie on one ladder, else None.

    Steps are numbered from 1 and ``points`` is the scale's length, whichever answers were given.
    A five- or seven-step scale whose middle answer nobody gave is taken to be the even scale
    without one (4-point agree scales): coded 1..4 without a gap.
    """
    ladder = ladder_for(labels) if len(labels) >= 2 else None
    if ladder is None or not all(on_ladder(ladder, label) for label in labels):
        return None
    middle = len(ladder) // 2
    steps = {label: _step(ladder, label) for label in labels}
    if len(ladder) % 2 and middle not in steps.values():
        return {label: step + (step < middle) for label, step in steps.items()}, len(ladder) - 1
    return {label: step + 1 for label, step in steps.items()}, len(ladder)


def word_values(ladder: tuple, words: set[str], low: float, high: float) -> dict[str, float]:
    """Numbers for the ``words`` of ``ladder`` on the scale ``low``..``high``, spread in proportion.

    The worst step is ``low``, the best ``high``: a five-step ladder on 1-5 gives 1..5, on 0-10
    gives 0, 2.5, 5, 7.5, 10.
    """
    last = len(ladder) - 1
    found = {word: _step(ladder, word) for word in words}
    return {word: round(low + (high - low) * step / last, 2) for word, step in found.items() if step is not None}


def format_words(values: dict[str, float], spellings: dict[str, str] | None = None) -> str:
    """The ``words`` text of a mapping row: ``Poor=1; Good=3``, lowest first, words spelled as in the data."""
    spellings = spellings or {}
    ordered = sorted(values.items(), key=lambda item: (item[1], item[0]))
    return "; ".join(f"{spellings.get(word, word)}={value:g}" for word, value in ordered)


def parse_words(text) -> dict[str, float]:
    """The word -> number map of a ``words`` text (keys lower-case); blank text gives an empty map.

    Raises ValueError naming the part that is not ``word=number``.
    """
    values = {}
    for part, word, number in word_parts(text):
        try:
            value = float(number)
        except ValueError:
            value = None
        if not word.strip() or value is None:
            raise ValueError(part)
        values[word.strip().lower()] = value
    return values


def word_parts(text) -> list[tuple[str, str, str]]:
    """The ``answer=value`` parts of a mapping row's ``words`` (``;`` or ``；`` between them, blanks skipped):
    each part as written, the text before its last ``=`` and the text after it (a part without ``=`` has an
    empty answer). Blank or missing text gives []."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    parts = [part.strip() for part in str(text).replace("；", ";").split(";") if part.strip()]
    return [(part, *part.rpartition("=")[::2]) for part in parts]
