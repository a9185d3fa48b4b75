"""Which language a text is written in: ``en``, ``zh``, ``other``, or '' when there is nothing to read."""
from __future__ import annotations

import re
from typing import Sequence

from analysis.sentiment.social import strip_noise

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ENGLISH = re.compile(
    r"\b(the|and|is|are|was|were|to|of|a|an|in|it|you|i|my|me|for|on|not|no|this|that|with|be|"
    r"have|has|but|so|just|very|great|good|bad|love|thanks|please|flight|service|can|will|what)\b",
    re.IGNORECASE)


def detect_language(text: str) -> str:
    """``zh`` when Chinese characters dominate, ``en`` for English, ``other`` for any other script
    or a Latin-script text with accented letters and no common English word, '' for empty text or text that is only links,
    mentions, hashtags markers, emoji and punctuation."""
    body = strip_noise(text)
    han = len(_HAN.findall(body))
    latin = len(_LATIN.findall(body))
    if not han and not latin and not _OTHER_LETTER.search(body):
        return ""
    if _KANA_HANGUL.search(body) and han < 2 * len(_KANA_HANGUL.findall(body)):
        return "other"
    if han and han * 3 >= latin:
        return "zh"
    other = len(_OTHER_LETTER.findall(body))
    if latin >= other and (_ENGLISH.search(body) or not other):
        return "en"
    return "other"


def detect_languages(texts: Sequence[str]) -> list[str]:
    """``detect_language`` for each text; a missing value is ''."""
    return [detect_language(t) if isinstance(t, str) else "" for t in texts]
