"""English sentiment and emotion engines: bare TextBlob, bare VADER, and the default English engine.

``EnglishEngine`` reads a text the way a customer-research analyst would: links and @mentions
are dropped, emoji and emoticons count, and a small hand-made lexicon of customer-experience
words (``delayed``, ``on hold``, ``stopped working``, ``on time``, ``works great``) is added to
VADER's, so that VADER's rules for negation, intensifiers, ``but``, ALL CAPS and ``!`` apply to
them too. Its score is the mean of that VADER score and TextBlob's polarity, counting only the
analysers that found something to judge. Emotions come from a hand-made emotion lexicon with
negation handling, and from the score when a text names no emotion.

Nothing is learned from data and nothing is downloaded: TextBlob's pattern lexicon and VADER's
lexicon ship with the packages, the hand-made lexicons live in ``data/``.
"""
from __future__ import annotations

import html
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Sequence

import numpy as np
from textblob.en import Sentiment as PatternSentiment
from textblob.en import sentiment as pattern_sentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.sentiment.base import Engine, Thresholds, emotion_from_score
from analysis.sentiment.social import emphasis, shouting, strip_noise

DATA = Path(__file__).with_name("data")
NEGATORS = frozenset(
    "not no never nor none nothing nobody neither without hardly barely cannot cant dont doesnt "
    "didnt isnt wasnt arent werent wont wouldnt couldnt shouldnt havent hasnt hadnt aint".split())
TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
CLAUSE_BREAK = re.compile(r"[.,;:!?()\n]")
LETTER = re.compile(r"[^\W\d_]")
VARIATION = re.compile("[\ufe0f\u200d\U0001f3fb-\U0001f3ff]")
POSITIVE_EMOTIONS = ("happy", "excited")


def read_entries(name: str) -> dict[str, str]:
    """A hand-made lexicon in ``data/``: ``{entry: value}`` from its ``entry<TAB>value`` lines.

    Blank lines and lines starting with ``#`` are skipped; entries are lower-cased.
    """
    entries = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entry, value = line.split("\t")
            entries[entry.strip().lower()] = value.strip()
    return entries


def clean(text: str) -> str:
    """The readable part of a text: HTML entities decoded, links and @mentions removed,
    curly apostrophes made straight, emoji variation selectors and skin tones dropped."""
    text = html.unescape(text).replace("\u2019", "'").replace("\u2018", "'")
    return VARIATION.sub("", strip_noise(text))


class Found(NamedTuple):
    """One lexicon entry found in a text: where, which entry, and whether a negation precedes it."""

    start: int
    end: int
    entry: str
    negated: bool


def symbol_pattern(symbols: Iterable[str]) -> re.Pattern:
    """A pattern matching any emoji or emoticon of ``symbols``; an emoticon also matches with its
    last character repeated (``:)))``). One starting or ending with a letter (``xD``) matches only
    as a whole word, and one starting with a bracket not right after a word: the ``):`` of
    ``(LAX):`` is no emoticon."""
    singles = "".join(re.escape(s) for s in symbols if len(s) == 1)
    alternatives = [f"[{singles}]"] if singles else []
    for symbol in sorted((s for s in symbols if len(s) > 1), key=len, reverse=True):
        body = re.escape(symbol) + re.escape(symbol[-1]) + "*"
        before = r"(?<!\w)" if symbol[0].isalnum() or symbol[0] in "()[]" else ""
        after = r"(?!\w)" if symbol[-1].isalnum() else ""
        alternatives.append(before + body + after)
    return re.compile("|".join(alternatives), re.IGNORECASE)


class Lexicon:
    """Finds the entries of a hand-made lexicon in text.

    Words and phrases match as whole words, case-insensitively, longest phrase first, their words
    separated by white space only; emoji and emoticons match wherever they are.
    """

    def __init__(self, entries: dict[str, str]) -> None:
        self.entries = entries
        self.phrases = {}
        self.symbol_entries = set()
        for entry in entries:
            words = tuple(TOKEN.findall(entry))
            if " ".join(words) == entry:
                self.phrases[words] = entry
            else:
                self.symbol_entries.add(entry)
        self.first_words = {words[0] for words in self.phrases}
        self.longest = max(len(words) for words in self.phrases)
        self.symbols = symbol_pattern(self.symbol_entries) if self.symbol_entries else None

    def find(self, body: str) -> list[Found]:
        """The entries in a cleaned text, in order of appearance."""
        found = self._find_phrases(body)
        if self.symbols is not None:
            found += [Found(m.start(), m.end(), self._symbol(m.group(0)), False)
                      for m in self.symbols.finditer(body)]
            found.sort()
        return found

    def _find_phrases(self, body: str) -> list[Found]:
        tokens = list(TOKEN.finditer(body))
        words = [t.group(0).lower() for t in tokens]
        found, i = [], 0
        while i < len(tokens):
            length = self._phrase_length(body, tokens, words, i) if words[i] in self.first_words else 0
            if length:
                entry = self.phrases[tuple(words[i:i + length])]
                found.append(Found(tokens[i].start(), tokens[i + length - 1].end(), entry,
                                   self._negated(body, tokens, words, i)))
            i += length or 1
        return found

    def _phrase_length(self, body: str, tokens: list[re.Match], words: list[str], i: int) -> int:
        """How many words from ``i`` on form the longest listed phrase (0 if none)."""
        for length in range(min(self.longest, len(tokens) - i), 0, -1):
            if tuple(words[i:i + length]) in self.phrases and all(
                    body[tokens[j].end():tokens[j + 1].start()].isspace() for j in range(i, i + length - 1)):
                return length
        return 0

    @staticmethod
    def _negated(body: str, tokens: list[re.Match], words: list[str], i: int) -> bool:
        """Whether one of the three words before word ``i`` is a negation (``not``, ``never``,
        ``don't`` ...) in the same clause: a comma, full stop or the like ends a negation's reach."""
        for j in range(max(0, i - 3), i):
            negation = words[j] in NEGATORS or words[j].endswith("n't")
            if negation and not CLAUSE_BREAK.search(body, tokens[j].end(), tokens[i].start()):
                return True
        return False

    def _symbol(self, found: str) -> str:
        """The listed emoji or emoticon a match stands for (repeated last characters undone)."""
        symbol = found.lower()
        while symbol not in self.entries:
            symbol = symbol[:-1]
        return symbol


def mapped(scores: Callable[[str], float], texts: Sequence[str]) -> np.ndarray:
    """``scores`` applied once per distinct text (reviews and retweets repeat); NaN for non-text."""
    seen: dict[str, float] = {}
    out = np.empty(len(texts), dtype=float)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            out[i] = math.nan
            continue
        if text not in seen:
            seen[text] = scores(text)
        out[i] = seen[text]
    return out


@lru_cache(maxsize=None)
def plain_vader() -> SentimentIntensityAnalyzer:
    """VADER as it ships (one shared instance: building it reads two lexicon files)."""
    return SentimentIntensityAnalyzer()


class Readable:
    """Tells whether a cleaned text has anything to read: a letter, or an emoji or emoticon."""

    def __init__(self) -> None:
        self.symbols = Lexicon(read_entries("en_emoji_emoticons.txt")).symbols
        self.emoji = plain_vader().emojis

    def __call__(self, body: str) -> bool:
        if LETTER.search(body) or self.symbols.search(body):
            return True
        return any(char in self.emoji for char in body)


@lru_cache(maxsize=None)
def readable() -> Readable:
    """The shared ``Readable`` check."""
    return Readable()


class _BareEngine(Engine):
    """One library's polarity of the text without links and @mentions (NaN when nothing is left to read)."""

    languages = ("en",)

    def score(self, texts: Sequence[str]) -> np.ndarray:
        return mapped(self._score_one, texts)

    def _score_one(self, text: str) -> float:
        body = clean(text)
        return self.polarity(body) if readable()(body) else math.nan

    @staticmethod
    def polarity(body: str) -> float:
        """The library's score of a cleaned, readable text."""
        raise NotImplementedError


class TextBlobEngine(_BareEngine):
    """TextBlob's pattern-lexicon polarity of the text without links and @mentions."""

    name = "textblob"

    @staticmethod
    def polarity(body: str) -> float:
        return pattern_sentiment(body)[0]


class VaderEngine(_BareEngine):
    """VADER's compound score of the text without links and @mentions."""

    name = "vader"

    @staticmethod
    def polarity(body: str) -> float:
        return plain_vader().polarity_scores(body)["compound"]


@lru_cache(maxsize=None)
def neutral_words() -> frozenset[str]:
    """Words the customer-experience lexicon lists as neutral (valence 0) in customer text."""
    return frozenset(word for word, valence in read_entries("en_customer_experience.txt").items()
                     if float(valence) == 0)


@lru_cache(maxsize=None)
def customer_textblob() -> PatternSentiment:
    """TextBlob's pattern analyser with its own copy of the lexicon, without ``neutral_words``."""
    analyser = PatternSentiment(
        path=pattern_sentiment.path, synset="wordnet_id", negations=pattern_sentiment.negations,
        modifiers=pattern_sentiment.modifiers, modifier=pattern_sentiment.modifier,
        tokenizer=pattern_sentiment.tokenizer, language="en")
    analyser.load()
    for word in neutral_words():
        dict.pop(analyser, word, None)
    return analyser


class CustomerVader:
    """VADER that also knows the customer-experience lexicon and the emoji/emoticon values.

    VADER only looks up single tokens, so each phrase, emoji or emoticon of the hand-made lexicons
    is rewritten as one token (``on hold`` -> ``on_hold``, an emoji -> ``emojiN``) that is added to
    a private copy of VADER's lexicon, where it also replaces VADER's own value for a word; the
    words listed as neutral are taken out.
    """

    def __init__(self) -> None:
        self.analyser = SentimentIntensityAnalyzer()
        valences = {**read_entries("en_customer_experience.txt"), **read_entries("en_emoji_emoticons.txt")}
        for word in neutral_words():
            self.analyser.lexicon.pop(word, None)
            del valences[word]
        self.lexicon = Lexicon(valences)
        self.tokens = {entry: f"emoji{i}" if entry in self.lexicon.symbol_entries else self.token(entry)
                       for i, entry in enumerate(valences)}
        for entry, valence in valences.items():
            self.analyser.lexicon[self.tokens[entry]] = float(valence)

    @staticmethod
    def token(phrase: str) -> str:
        """The one VADER token for a word or phrase: ``on hold`` -> ``on_hold``, ``doesn't work``
        -> ``doesnt_work`` (with an apostrophe left in, VADER would take it for a negation of the
        words after it)."""
        return "_".join(phrase.replace("'", "").split())

    def compound(self, body: str) -> float:
        """VADER's compound score of a cleaned text, with the entries rewritten as tokens.

        A phrase keeps the case it was written in, so VADER still sees ``ON_TIME`` as shouted.
        """
        parts, done = [], 0
        for found in self.lexicon.find(body):
            if found.start < done:
                continue
            token = self.tokens[found.entry]
            if found.entry not in self.lexicon.symbol_entries:
                token = self.token(body[found.start:found.end])
            parts += [body[done:found.start], f" {token} "]
            done = found.end
        parts.append(body[done:])
        return self.analyser.polarity_scores("".join(parts))["compound"]


@lru_cache(maxsize=None)
def customer_vader() -> CustomerVader:
    """The shared ``CustomerVader``."""
    return CustomerVader()


class EmotionLexicon:
    """Which emotion a text voices, from the words, emoji and emoticons in ``data/en_emotions.txt``.

    Each emotion word found is a vote. A word after a negation (``not``, ``never``, ``don't``,
    up to three words back) votes ``sad`` if it was happy or excited (``not happy``) and not at
    all if it was angry or sad (``not angry``).
    """

    def __init__(self) -> None:
        self.lexicon = Lexicon(read_entries("en_emotions.txt"))

    def votes(self, body: str) -> dict[str, int]:
        """Votes per emotion in a cleaned text."""
        votes = dict.fromkeys(("angry", "sad", "happy", "excited"), 0)
        for found in self.lexicon.find(body):
            emotion = self.lexicon.entries[found.entry]
            if found.negated:
                if emotion not in POSITIVE_EMOTIONS:
                    continue
                emotion = "sad"
            votes[emotion] += 1
        return votes

    def emotion(self, body: str, score: float, thresholds: Thresholds) -> str:
        """The emotion with most votes; a tie goes to the one the score agrees with, then to sad
        before angry before happy. With no votes, the emotion the score implies, and ``neutral``
        when ``thresholds`` label the score neutral."""
        votes = self.votes(body)
        positive = votes["happy"] + votes["excited"]
        if not any(votes.values()):
            if thresholds.negative <= score <= thresholds.positive:
                return "neutral"
            return emotion_from_score(score)
        ranked = {
            "sad": (votes["sad"], score < 0),
            "angry": (votes["angry"], score < 0),
            "positive": (positive, score > 0),
        }
        best = max(ranked, key=ranked.get)
        if best != "positive":
            return best
        return "excited" if votes["excited"] > votes["happy"] else "happy"


@lru_cache(maxsize=None)
def emotion_lexicon() -> EmotionLexicon:
    """The shared ``EmotionLexicon``."""
    return EmotionLexicon()


class EnglishEngine(Engine):
    """The default English engine: VADER with the customer-experience lexicon, emoji and
    emoticons, averaged with TextBlob, stressed by repeated ``!``/``?`` and shouting.

    ``default_thresholds`` are the labels' cut-offs this engine's scores are meant for, and they
    are asymmetric on purpose. Any net negative wording counts as negative (below -0.05): customers
    often complain mildly. Positive needs more than one mild positive word (above 0.25): customer
    text is full of courtesy ("thanks", "hope you can") and TextBlob rates many plain adjectives
    ("new", "high", "real") slightly positive. On the dev samples, macro-F1 moves by at most 0.035
    for a positive cut-off anywhere from 0.2 to 0.35, so the exact value is not critical.
    """

    name = "english"
    languages = ("en",)
    default_thresholds = Thresholds(negative=-0.05, positive=0.25)

    def score(self, texts: Sequence[str]) -> np.ndarray:
        return mapped(self._score_one, texts)

    def emotion(self, texts: Sequence[str], scores: np.ndarray) -> list[str]:
        lexicon, thresholds = emotion_lexicon(), self.default_thresholds
        return ["" if not isinstance(text, str) or score != score else lexicon.emotion(clean(text), score, thresholds)
                for text, score in zip(texts, scores)]

    @staticmethod
    def _score_one(text: str) -> float:
        body = clean(text)
        if not readable()(body):
            return math.nan
        vader = customer_vader().compound(body)
        blob = customer_textblob()(body)
        found = [s for s, counts in ((vader, vader != 0), (blob[0], bool(blob.assessments))) if counts]
        score = sum(found) / len(found) if found else 0.0
        stress = 1 + emphasis(body) + shouting(body)
        return max(-1.0, min(1.0, score * stress))
