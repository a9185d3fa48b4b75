"""Words in customer feedback, English and Chinese, ready for counting key terms.

:func:`tokenize` turns a text into lower-case content words: links, @mentions, hashtag markers
and Weibo tags (``[哈哈]``) are removed, and so are stop words (``data/stopwords_en.txt``,
``data/stopwords_zh.txt``), numbers and punctuation. English is split on letters and digits,
Chinese with ``jieba`` (loaded quietly on first use). Negations (``not``, ``never``, ``不``,
``没有`` ...) are kept, with every ``n't`` form written ``not``, so that a phrase such as
``not helpful`` or ``不 干净`` can be counted. :func:`tokenize_clauses` keeps the clauses apart,
so that two-word phrases never join the end of one sentence to the start of the next.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from analysis.sentiment.language import detect_language
from analysis.sentiment.social import TAG, as_read

DATA = Path(__file__).with_name("data")
NEGATIONS = frozenset({"not", "no", "never", "nothing", "nobody", "none", "nor", "without",
                       "不", "没", "没有", "无", "别", "未"})
# Single Chinese characters that say something on their own in feedback (others are dropped).
ZH_SINGLES = frozenset("好差坏烂脏乱吵闹臭贵慢快久旧新破冷热潮湿暗亮挤窄宽小大远近少多累烦棒赞美香甜咸辣淡"
                       "硬软静爽丑假难怒哭爱恨饿困吐床菜饭水钱门窗灯票茶酒肉味车路店鞋包箱椅桌楼电"
                       "不没无别未")
_ZH_DEGREE = "很太挺蛮较超"  # "很差" is counted as "差"
_CLAUSE = re.compile(r"[.!?;:,，。！？；：、…~～()（）\[\]【】<>《》\"“”‘’|/\\\n\r\t]+")
_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
_CONTENT = re.compile(r"[a-z\u3400-\u4dbf\u4e00-\u9fff]")
_ZH_NUMBER = re.compile(r"^[\d零一二三四五六七八九十百千万两几半]+[个天晚次点位年月日号元块分秒钟小时间层楼]*$")
_NEGATED = re.compile(r"^(?:ca|wo|do|does|did|is|are|was|were|has|have|had|could|would|should|must|"
                      r"need|ai)n'?t$|^cannot$")


def tokenize(text: str, lang: str | None = None) -> list[str]:
    """The content words of ``text`` in order, lower-case.

    ``lang`` is ``en`` or ``zh``; ``None`` detects it (:func:`detect_language`). Any other
    language is read like English (words of letters and digits). A missing text gives ``[]``.
    """
    return [word for clause in tokenize_clauses(text, lang) for word in clause]


def tokenize_clauses(text: str, lang: str | None = None) -> tuple[tuple[str, ...], ...]:
    """:func:`tokenize` clause by clause (split at punctuation); cached, as jieba is slow."""
    if not isinstance(text, str):
        return ()
    return _clauses(text, lang or detect_language(text))


@lru_cache(maxsize=100_000)
def _clauses(text: str, lang: str) -> tuple[tuple[str, ...], ...]:
    """The content words of each clause of a cleaned text, empty clauses left out."""
    split = _chinese_words if lang == "zh" else _english_words
    clauses = (tuple(filter(None, map(_content_word, split(part)))) for part in _CLAUSE.split(_clean(text)))
    return tuple(clause for clause in clauses if clause)


def _clean(text: str) -> str:
    """Lower-case text without HTML entities and tags, links, @mentions, hashtag markers and Weibo tags."""
    text = as_read(text)
    return TAG.sub(" ", text).replace("#", " ").replace("’", "'").lower()


def _english_words(clause: str) -> list[str]:
    """Words of letters and digits, with inner apostrophes and hyphens (``check-in``, ``didn't``)."""
    return _WORD.findall(clause)


def _chinese_words(clause: str) -> list[str]:
    """jieba's words (``jieba.lcut``), spaces and symbols included; :func:`_keep` sorts them out."""
    return _jieba().lcut(clause)


@lru_cache(maxsize=1)
def _jieba():
    """The jieba module, its dictionary loaded once and its start-up messages silenced."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=200_000)
def _content_word(word: str) -> str:
    """The word in its one spelling (:func:`_normal`), or '' when it is not a content word (:func:`_keep`)."""
    word = _normal(word)
    return word if _keep(word) else ""


def _normal(word: str) -> str:
    """One spelling per word: ``didn't``/``cant`` -> ``not``, ``united's`` -> ``united``, ``很差`` -> ``差``."""
    if word.endswith("t") and _NEGATED.match(word):
        return "not"
    if word.endswith("'s"):
        return word[:-2]
    if len(word) == 2 and word[0] in _ZH_DEGREE and word[1] in ZH_SINGLES:
        return word[1]
    return word


def _keep(word: str) -> bool:
    """True for a content word: not a stop word, not a number, not a stray single character."""
    if word in _stop_words() or not _CONTENT.search(word) or _ZH_NUMBER.match(word):
        return False
    return len(word) > 1 or word in ZH_SINGLES


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """English and Chinese stop words together (a word of either language is dropped in both)."""
    return read_word_list(DATA / "stopwords_en.txt") | read_word_list(DATA / "stopwords_zh.txt")


def read_word_list(path: Path) -> frozenset[str]:
    """The words in a list file: separated by spaces or new lines, ``#`` starting a comment."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)
