"""The terms a theme is made of: words and two-word phrases of a comment, English and Chinese.

A comment is cleaned as for key terms (links, @mentions, hashtag markers and Weibo tags gone,
stop words dropped: :func:`analysis.sentiment.tokens.tokenize_clauses`). English words are
reduced to their stem (Snowball, from ``nltk``), so ``cancelled``, ``cancel`` and ``cancellation``
are one term; Chinese words are jieba's. A negation is only kept joined to the word it negates
(``not work``, ``不 干净``). Phrases never join two clauses. :class:`TermSpace` turns texts into
sublinear, l2-normalised TF-IDF vectors over a fixed vocabulary, so that a saved codeframe
reads the next wave's comments exactly as it read the first.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy import sparse

from analysis.sentiment.language import detect_language
from analysis.sentiment.tokens import NEGATIONS, read_word_list, tokenize_clauses

LANGS = ("auto", "en", "zh")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import EnglishStemmer

    return EnglishStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of an English word; a Chinese word or a negation as it is."""
    if word in NEGATIONS or not word.isascii():
        return word
    return _stemmer().stem(word)


def text_language(text, lang: str) -> str:
    """``en`` or ``zh`` for one text: ``lang`` unless it is ``auto``, then detected (English when unsure)."""
    if lang != "auto":
        return lang
    return "zh" if isinstance(text, str) and detect_language(text) == "zh" else "en"


def comment_words(text, lang: str) -> list[tuple[tuple[str, str], ...]]:
    """The clauses of a text as (term, surface word) pairs, ``lang`` ``auto``, ``en`` or ``zh``."""
    if not isinstance(text, str):
        return []
    return [tuple((stem(word), word) for word in clause) for clause in tokenize_clauses(text, text_language(text, lang))]


def comment_terms(text, lang: str) -> list[str]:
    """The terms of one comment in order: stems (not bare negations) and two-word phrases within a clause."""
    return list(_terms(text, lang)) if isinstance(text, str) else []


@lru_cache(maxsize=20_000)
def _terms(text: str, lang: str) -> tuple[str, ...]:
    """:func:`comment_terms` of a text, remembered: finding themes reads each comment four times (the vocabulary,
    the vectors, the coding and the theme names), and a page codes the same comments again."""
    terms = []
    for clause in comment_words(text, lang):
        stems = [term for term, _ in clause]
        terms += [term for term in stems if term not in NEGATIONS]
        terms += [f"{a} {b}" for a, b in zip(stems, stems[1:]) if a != b and b not in NEGATIONS]
    return tuple(terms)


def surface_names(texts: Sequence, lang: str, terms: set[str]) -> dict[str, str]:
    """How people write each stem in ``terms``: its commonest spelling (``cancel`` -> ``cancelled``)."""
    spellings: dict[str, Counter] = {}
    for text in texts:
        for clause in comment_words(text, lang):
            for term, word in clause:
                spellings.setdefault(term, Counter())[word] += 1
    def spelled(stem_: str) -> str:
        counts = spellings.get(stem_)
        return min(counts.items(), key=lambda pair: (-pair[1], pair[0]))[0] if counts else stem_
    return {term: spelled(term) for term in sorted(terms)}


@lru_cache(maxsize=1)
def judgement_terms() -> frozenset[str]:
    """The terms of ``data/judgement_words.txt`` (English words by their stem): words that say how good something
    is, not what it is about. A fitted vocabulary leaves them out, and the phrases holding one."""
    return frozenset(stem(word) for word in read_word_list(Path(__file__).with_name("data") / "judgement_words.txt"))


@dataclass(frozen=True)
class TermSpace:
    """A vocabulary with each term's inverse document frequency, and the language texts are read in."""

    terms: tuple[str, ...]
    idf: tuple[float, ...]
    lang: str = "auto"

    @classmethod
    def fit(cls, texts: Sequence, lang: str = "auto", min_df: int = 2, max_df: float = 0.5) -> "TermSpace":
        """The terms in at least ``min_df`` comments and at most a ``max_df`` share of them, with
        scikit-learn's smoothed idf (``log((1 + n) / (1 + df)) + 1``); terms sorted."""
        counts = Counter(term for text in texts for term in set(comment_terms(text, lang)))
        n = len(texts)
        judged = judgement_terms()
        kept = sorted(term for term, df in counts.items()
                      if min_df <= df <= max_df * n and judged.isdisjoint(term.split(" ")))
        return cls(tuple(kept), tuple(float(np.log((1 + n) / (1 + counts[t])) + 1) for t in kept), lang)

    def vectors(self, texts: Sequence) -> sparse.csr_matrix:
        """Texts x terms: sublinear term frequency (``1 + log tf``) times idf, each row of length 1 (or 0)."""
        index = {term: i for i, term in enumerate(self.terms)}
        idf = np.asarray(self.idf)
        data, columns, pointers = [], [], [0]
        for text in texts:
            found = Counter(index[t] for t in comment_terms(text, self.lang) if t in index)
            columns.extend(sorted(found))
            data.extend(found[c] for c in sorted(found))
            pointers.append(len(columns))
        data = 1 + np.log(np.asarray(data, dtype=float))
        matrix = sparse.csr_matrix((data, columns, pointers), shape=(len(texts), len(self.terms)))
        matrix = matrix @ sparse.diags(idf) if len(self.terms) else matrix
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        return sparse.csr_matrix(sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ matrix)
