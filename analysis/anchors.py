"""What an export says about its own coding: scale anchors and yes/no codes.

Questionnaires often print the coding next to the question: "How satisfied were you?
(1 = very satisfied, 5 = very dissatisfied)", "Satisfied? (1 = no, 2 = yes)",
"您满意吗（1=非常满意，5=非常不满意）"; exports often label the answers themselves ("2 - Yes",
"5 - Very dissatisfied"). :func:`header_anchors` reads the pairs a header prints,
:func:`standing` places a rating label between worst (0) and best (1), :func:`direction`
tells from such pairs whether higher numbers mean better or worse, and :func:`yes_or_no`
reads the label of a yes/no answer.

A yes/no (outcome) column keeps its coding in the mapping's ``words`` as ``answer=yes`` /
``answer=no`` pairs (``1=no; 2=yes``): :func:`format_outcome_words` writes them,
:func:`parse_outcome_words` reads them back.
"""
from __future__ import annotations

import math
import re

from analysis.answers import RATING_LADDERS, fold, word_parts

# "1 = very satisfied", "5: very dissatisfied", "2 - Yes", "1=非常满意": a number, a separator, a short label.
_ANCHOR = re.compile(r"(?<![\d.])(-?\d+(?:\.\d+)?)\s*(?:分\s*)?(?:[=:：＝]|\s[-–—]\s)\s*"
                     r"([^\W\d_][^,，;；/()（）\[\]【】=:：\d]*)")
_ANCHOR_WORDS = 6
# Likelihood anchors of recommendation questions, worst first (not a ladder answers are coded with).
_LIKELY = (("not at all likely", "extremely unlikely", "very unlikely", "完全不可能", "非常不可能"),
           ("unlikely", "not likely", "不太可能", "不可能"), ("neutral", "一般"),
           ("likely", "可能", "比较可能"), ("extremely likely", "very likely", "非常可能", "极有可能"))
_YES = re.compile(r"^(yes|y|true|satisfied|very satisfied|somewhat satisfied|extremely satisfied|promoter|converted|"
                  r"purchased|bought|returned|renewed|retained|是|是的|有|满意|非常满意|已购买|已转化)$", re.IGNORECASE)
_NO = re.compile(r"^(no|n|false|not satisfied|dissatisfied|unsatisfied|neutral or dissatisfied|very dissatisfied|"
                 r"detractor|not converted|did not buy|churned|否|不是|没有|无|不满意|非常不满意|未购买|未转化)$",
                 re.IGNORECASE)
_OUTCOME_ANSWER = {"yes": True, "no": False, "1": True, "0": False, "true": True, "false": False, "是": True, "否": False}


def header_anchors(header: str) -> list[tuple[float, str]]:
    """The ``(number, label)`` pairs a header prints, in order: "(1 = no, 2 = yes)" -> [(1, 'no'), (2, 'yes')].

    Labels are lower-case and trimmed; a "label" longer than a few words is prose, not an anchor.
    """
    pairs = []
    for number, label in _ANCHOR.findall(str(header)):
        label = label.strip().lower()
        if label and len(label.split()) <= _ANCHOR_WORDS:
            pairs.append((float(number), label))
    return pairs


def standing(label: str) -> float | None:
    """Where a rating label lies between worst (0) and best (1): "very dissatisfied" 0, "very easy" 1.

    Reads the words of the rating ladders (agree, satisfied, easy, quality, likelihood; in every language
    of :mod:`analysis.answers`), any case or accents; None for anything else.
    """
    word = fold(label)
    for ladder in (*RATING_LADDERS, _LIKELY):
        for step, words in enumerate(ladder):
            if word in words:
                return step / (len(ladder) - 1)
    return None


def direction(pairs: list[tuple[float, str]]) -> str | None:
    """'up' when higher numbers carry better labels, 'down' when worse, None when the pairs do not tell.

    Only labels :func:`standing` knows count; the lowest and the highest such number decide.
    """
    placed = sorted((number, standing(label)) for number, label in pairs if standing(label) is not None)
    if len(placed) < 2 or placed[0][0] == placed[-1][0] or placed[0][1] == placed[-1][1]:
        return None
    return "up" if placed[-1][1] > placed[0][1] else "down"


def yes_or_no(label) -> bool | None:
    """True for a label meaning yes (yes, true, satisfied, 是, 满意...), False for no, None when it says neither."""
    text = str(label).strip()
    if _YES.match(text):
        return True
    return False if _NO.match(text) else None


def answer_key(answer) -> str:
    """An answer as the key of a coding: trimmed, lower-case, whole numbers without ``.0`` (``2.0`` -> ``2``)."""
    text = str(answer).strip().lower()
    try:
        number = float(text)
    except ValueError:
        return text
    return f"{number:g}" if math.isfinite(number) else text


def format_outcome_words(coding: dict[str, bool]) -> str:
    """The ``words`` text of a yes/no column: ``1=no; 2=yes``, in the order of the answers."""
    return "; ".join(f"{answer}={'yes' if means_yes else 'no'}" for answer, means_yes in coding.items())


def parse_outcome_words(text) -> dict[str, bool]:
    """The answer -> yes/no map of a yes/no column's ``words`` (keys as :func:`answer_key`); blank gives {}.

    Each part is ``answer=yes`` or ``answer=no`` (also 1/0, true/false, 是/否). Raises ValueError
    naming the part that is not.
    """
    coding = {}
    for part, answer, meaning in word_parts(text):
        means_yes = _OUTCOME_ANSWER.get(meaning.strip().lower())
        if not answer.strip() or means_yes is None:
            raise ValueError(part)
        coding[answer_key(answer)] = means_yes
    return coding
