"""Signals in social text that words alone miss: links, @mentions, emoji, Weibo tags, punctuation."""
from __future__ import annotations

import html
import re

URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
MENTION = re.compile(r"(//)?@[\w\-\u4e00-\u9fff.]+:?")
HASHTAG_WEIBO = re.compile(r"#([^#]{1,40})#")
TAG = re.compile(r"\[([^\[\]\s]{1,8})\]")
REPEATED_MARKS = re.compile(r"([!！?？])\1+")
HTML_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]{0,300})?/?>", re.IGNORECASE)  # <br/>, <a href="...">, </p>


def strip_noise(text: str) -> str:
    """The text without links and @mentions (retweet chains ``//@name:`` included)."""
    return MENTION.sub(" ", URL.sub(" ", text)).strip()


def as_read(text: str) -> str:
    """The words of a text as people read them: HTML entities decoded (``&amp;``), HTML tags (``<br/>``, review
    sites' exports), links and @mentions removed (``I <3 it`` keeps its heart: not a tag)."""
    return strip_noise(HTML_TAG.sub(" ", html.unescape(text)))


def weibo_tags(text: str) -> list[str]:
    """The emoticon tags in a text: ``[哈哈]``, ``[泪]``, ``[good]`` give ``哈哈``, ``泪``, ``good``."""
    return TAG.findall(text)


def emphasis(text: str) -> float:
    """How much repeated ``!``/``?`` (and their full-width forms) stresses a text: 0, or up to 0.3."""
    runs = [len(m.group(0)) for m in REPEATED_MARKS.finditer(text)]
    return min(0.3, 0.1 * sum(min(r - 1, 3) for r in runs))


# --- English social text (added for the English engines) ---

SHOUTED_WORD = re.compile(r"\b[A-Z]{3,}\b")
CASED_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def shouting(text: str) -> float:
    """How much ALL-CAPS writing stresses a text: 0, or up to 0.2 when most of its words are shouted.

    Acronyms are common (``LAX``, ``TSA``), so a couple of capitalised words alone do not count:
    at least three, and at least half of the longer words, must be in capitals.
    """
    shouted = len(SHOUTED_WORD.findall(text))
    if shouted < 3:
        return 0.0
    share = shouted / len(CASED_WORD.findall(text))
    return 0.2 * share if share >= 0.5 else 0.0
