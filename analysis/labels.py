"""Short labels for columns whose headers are whole survey questions.

Survey tools name a column after its question ("How satisfied were you with the check-in
process?") or after a matrix question and its row ("... with the following statements? - I love to
climb"). :func:`short_label` keeps the part that tells columns apart, in at most ``LABEL_WIDTH``
characters (a Chinese character counts as two); :func:`unique_labels` numbers repeats.
"""
from __future__ import annotations

import re

from analysis.formats import clean_header

LABEL_WIDTH = 80  # long enough to tell matrix rows apart; charts wrap labels onto lines of AXIS_LINE_WIDTH
AXIS_LINE_WIDTH = 30
_NUMBERING = re.compile(r"^\s*(?:Q\s*\d+[\w.#]*\s*[.:)、-]?|\d+(?:\.\d+)*\s*[.)、:：-]|[（(]\d+[)）]|"
                        r"[一二三四五六七八九十]+\s*[、.．])\s*", re.IGNORECASE)
_GRID_ROW = re.compile(r"^(?P<stem>.+\S)\s*\[(?P<item>[^\[\]]+)\]$")  # Google Forms grids: "Question [Row]"
_PARTS = re.compile(r"\s+[-–—]\s+|\s*[:：]\s+|(?<=[\w?.)])-(?=[A-Z\u4e00-\u9fff])")
_SCALE_NOTE = re.compile(r"\s*[（(][^()（）]*\d[^()（）]*[)）]\s*$")
_TOPIC = re.compile(
    r"^(?:overall,?\s+)?(?:how\s+(?:satisfied|happy|pleased|dissatisfied)\s+(?:were|are)\s+you\s+with|"
    r"(?:how\s+(?:would|do)\s+you\s+)?(?:rate|evaluate|score)|what\s+do\s+you\s+think\s+(?:of|about)|"
    r"please\s+rate|what(?:\s+is|'s)\s+your)\s+(?:the\s+|your\s+|our\s+|this\s+)?(?P<topic>.+)$", re.IGNORECASE)
# The same lead-ins in German, Spanish, French, Italian, Portuguese, Dutch and Hungarian: "Wie zufrieden waren Sie
# mit dem Check-in?" -> "Check-in" (a Hungarian topic keeps its case ending: "kiszolgálással").
_TOPIC_OTHER = re.compile(
    r"^(?:wie\s+zufrieden\s+(?:waren|sind)\s+sie\s+mit|wie\s+bewerten\s+sie|"
    r"[¿]?\s*(?:qu[ée]\s+tan|cu[áa]n)\s+satisfech[oa]\s+(?:estuvo|est[áa]|qued[óo])\s+(?:usted\s+)?con|"
    r"[¿]?\s*c[óo]mo\s+calificar[íi]a|(?:[êe]tes|[ée]tiez)-vous\s+satisfaite?\s+(?:de|du|des)|"
    r"comment\s+[ée]valuez-vous|quanto\s+[èe]\s+soddisfatt[oa]\s+(?:di|del|della|dello|dei|delle)|"
    r"qu[ãa]o\s+satisfeit[oa]\s+(?:est[áa]|ficou)\s+com|hoe\s+tevreden\s+(?:bent|was)\s+u\s+(?:over|met)|"
    r"mennyire\s+(?:volt\s+)?el[ée]gedett(?:\s+volt)?)\s+"
    r"(?:(?:dem|der|den|das|ihrem|ihrer|el|la|los|las|le|les|il|lo|gli|o|a|az|os|as|de|het)\s+|l')?(?P<topic>.+)$",
    re.IGNORECASE)
_LEAD_IN = re.compile(r"^how\s+(?:likely|easy|difficult|hard|often|much|well)\s+(?:is|are|was|were|do|did|would)\s+"
                      r"(?:it\s+)?(?:that\s+)?(?:you\s+)?(?:would\s+|will\s+)?(?:for\s+you\s+)?(?:to\s+)?",
                      re.IGNORECASE)
_ZH_LEAD = re.compile(r"^(?:请您?对|您对|你对|请问您?|请评价|请)")
_ZH_TAIL = re.compile(r"(?:的满意度|满意度如何|的评价|如何|怎么样|吗)$")


def short_label(question: str, column: str = "") -> str:
    """A short label for a column: the matrix row of a matrix question, else the question's topic.

    Question numbers, HTML and a trailing scale note (``(1-7)``) are dropped; underscores in
    a bare column name become spaces. The result has at most ``LABEL_WIDTH`` columns of width,
    cut at a word with an ellipsis when longer, and starts with a capital letter.
    """
    text = clean_header(question or column)
    text = _NUMBERING.sub("", text) or text
    text = _SCALE_NOTE.sub("", text) or text
    text = _item(text) or _topic(text)
    if question in ("", column) and " " not in text:
        text = text.replace("_", " ").strip() or text
    return _fit(text[:1].upper() + text[1:])


def unique_labels(labels: list[str], taken=()) -> list[str]:
    """The labels with repeats told apart: the second ``Delivery`` becomes ``Delivery (2)``.

    Labels in ``taken`` count as used already (labels the analyst has set). Linear in the number
    of labels: each label remembers the last number it tried (a thousand ``Rating`` columns).
    """
    used = set(taken)
    unique, last_count = [], {}
    for label in labels:
        candidate, count = label, last_count.get(label, 1)
        while candidate in used:
            count += 1
            suffix = f" ({count})"
            candidate = _fit(label, LABEL_WIDTH - len(suffix)) + suffix
        last_count[label] = count
        used.add(candidate)
        unique.append(candidate)
    return unique


def _item(text: str) -> str:
    """The row of a matrix question (what follows "question - " or "statements: "), or ''."""
    grid = _GRID_ROW.match(text)
    if grid:
        return grid["item"].strip()
    parts = [part.strip() for part in _PARTS.split(text) if part.strip()]
    if len(parts) < 2 or len(parts[0]) <= len(parts[-1]):
        return ""
    items = " - ".join(parts[1:])
    return items if _width(items) <= LABEL_WIDTH else parts[-1]


def _topic(text: str) -> str:
    """What a whole question asks about: "How satisfied were you with the check-in process?" -> "check-in process"."""
    text = re.split(r"[?？]\s", text)[0].rstrip(" ?？.。:：").lstrip("¿ ")
    topic = _TOPIC.match(text) or _TOPIC_OTHER.match(text)
    if topic:
        return topic["topic"]
    rest = _LEAD_IN.sub("", text)
    text = rest if len(rest.split()) >= 2 else text
    return _ZH_TAIL.sub("", _ZH_LEAD.sub("", text)) or text


def _width(text: str) -> int:
    return len(text) + len(re.findall(r"[\u2e80-\u9fff\uff00-\uffef]", text))


def axis_label_lines(width: int = AXIS_LINE_WIDTH) -> str:
    """A Vega expression (an axis ``labelExpr``) that breaks a long label into lines of about ``width``
    characters at spaces, so a chart shows the whole label instead of cutting it."""
    return (f"split(trim(replace(datum.label, regexp('(.{{1,{width}}})(\\\\s+|$)', 'g'), '$1\\n')), "
            "'\\n')")


def _fit(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` cut at a word boundary to ``width`` (with an ellipsis) when it is wider."""
    if _width(text) <= width:
        return text
    cut = ""
    for char in text:
        if _width(cut + char) > width - 1:
            break
        cut += char
    if " " in cut.strip():
        cut = cut[:cut.rstrip().rfind(" ")]
    return cut.rstrip(" ,;:-") + "…"
