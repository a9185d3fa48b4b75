"""Key terms: the words and two-word phrases that set one group of comments apart from the rest.

A group is any label a comment carries: its sentiment, touchpoint, channel or segment.
:func:`key_terms` scores every term of every group with the log-odds ratio with an informative
Dirichlet prior of Monroe, Colaresi & Quinn (2008, "Fightin' Words", *Political Analysis* 16(4),
section 3.5), for the group against all other comments:

    delta_w = log((y_wi + a_w) / (n_i + a0 - y_wi - a_w)) - log((y_wr + a_w) / (n_r + a0 - y_wr - a_w))
    var_w  ~= 1 / (y_wi + a_w) + 1 / (y_wr + a_w)
    z_w     = delta_w / sqrt(var_w)

``y_wi`` counts the group's comments that contain term ``w`` (a comment counts once however
often it repeats the word, so one long rant cannot carry a term), ``y_wr`` the other
comments that contain it, ``n_i`` and ``n_r`` the sums of those counts over all terms. The prior
``a_w = a0 * y_w / n`` spreads ``a0`` pseudo-counts over the terms in proportion to their counts
in all comments (``n = n_i + n_r``): it pulls rare terms towards "no difference", so a word seen
twice in one group does not outrank one seen two hundred times. ``a0`` is a share of ``n``
(a tenth by default), so the prior weighs the same against 50 comments as against 50,000;
the ranking barely changes between a hundredth and a tenth. ``z`` is how many standard errors the group's
log-odds of the term lie above the others'; about 2 is the usual bar for "not chance".
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.sentiment.language import detect_languages
from analysis.sentiment.tokens import NEGATIONS, tokenize_clauses

COLUMNS = ["group", "term", "count", "share", "share_rest", "z", "examples"]
PRIOR = 0.1  # a0 as a share of all counts: the prior weighs a tenth of the data
COVERED = 0.8  # a word is left out when a shown phrase holds it in this share of its comments


def key_terms(texts: Sequence[str], groups: Sequence, lang: str | Sequence[str] = "auto", top: int = 10,
              min_count: int = 3, min_z: float = 1.96, prior: float = PRIOR, examples: int = 3) -> pd.DataFrame:
    """The ``top`` terms that most distinguish each group's comments from all other comments.

    ``texts`` and ``groups`` run in parallel; a comment with a missing or empty group belongs to
    no group but still counts among "the rest". ``lang`` is ``auto`` (each comment's language is
    detected, so English and Chinese can be mixed), ``en``, ``zh``, or one language per comment.
    Terms are single words and two-word phrases (words next to each other once stop words are
    gone, within a clause; written with a space: ``customer service``, ``态度 差``); a word held
    by a listed phrase in most of its comments is left out in favour of the phrase.

    A term is listed when at least ``min_count`` of the group's comments contain it and its
    ``z`` (see the module notes; ``prior`` is ``a0 / n``) is at least ``min_z``. Columns: ``group``, ``term``,
    ``count`` (the group's comments containing it), ``share`` (count / the group's comments),
    ``share_rest`` (the same share among all other comments), ``z`` and ``examples`` (up to
    ``examples`` index labels of the group's comments containing the term, in input order; the
    positions when ``texts`` is not a Series). Groups come in category order for a categorical,
    else sorted; terms by ``z`` (highest first), then alphabetically.
    """
    texts = pd.Series(texts) if not isinstance(texts, pd.Series) else texts
    groups = pd.Series(groups, index=texts.index) if not isinstance(groups, pd.Series) else groups
    if len(groups) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(groups)} groups")
    matrix, vocabulary = _term_matrix(texts.tolist(), _languages(texts, lang))
    codes, names = _group_codes(groups)
    if not vocabulary or not names:
        return pd.DataFrame(columns=COLUMNS)
    members = sparse.csr_matrix((np.ones(int((codes >= 0).sum())), (codes[codes >= 0], np.flatnonzero(codes >= 0))),
                                shape=(len(names), len(texts)))
    by_group = (members @ matrix).toarray()
    total = np.asarray(matrix.sum(axis=0)).ravel().astype(float)
    sizes = np.bincount(codes[codes >= 0], minlength=len(names))
    columns = matrix.tocsc()
    rows = []
    for g, name in enumerate(names):
        z = log_odds_z(by_group[g], total, prior * total.sum())
        keep = np.flatnonzero((by_group[g] >= min_count) & (z >= min_z))
        chosen = _top_terms(keep, z, by_group[g], vocabulary, top)
        rest_size = len(texts) - sizes[g]
        for w in chosen:
            docs = columns.indices[columns.indptr[w]:columns.indptr[w + 1]]
            in_group = np.sort(docs[codes[docs] == g])[:examples]
            rows.append((name, vocabulary[w], int(by_group[g][w]), by_group[g][w] / sizes[g],
                         (total[w] - by_group[g][w]) / rest_size if rest_size else np.nan, float(z[w]),
                         texts.index[in_group].tolist()))
    return pd.DataFrame(rows, columns=COLUMNS)


def log_odds_z(counts: np.ndarray, total: np.ndarray, prior: float) -> np.ndarray:
    """Monroe et al.'s z-score of every term for one group against the rest (see the module notes).

    ``counts`` are the group's counts per term, ``total`` the counts in all comments (group
    included); the rest's counts are the difference. ``prior`` is ``a0``, in counts.
    """
    counts = np.asarray(counts, dtype=float)
    total = np.asarray(total, dtype=float)
    rest = total - counts
    alpha = prior * total / total.sum()
    n_group, n_rest = counts.sum(), rest.sum()
    delta = (np.log((counts + alpha) / (n_group + prior - counts - alpha))
             - np.log((rest + alpha) / (n_rest + prior - rest - alpha)))
    return delta / np.sqrt(1 / (counts + alpha) + 1 / (rest + alpha))


def comment_terms(text: str, lang: str | None = None) -> set[str]:
    """The terms :func:`key_terms` counts in one comment: its words and its two-word phrases
    within a clause. A negation is only counted with the word it negates (``not helpful``)."""
    terms = set()
    for clause in tokenize_clauses(text, lang):
        terms.update(word for word in clause if word not in NEGATIONS)
        terms.update(f"{a} {b}" for a, b in zip(clause, clause[1:]) if a != b and b not in NEGATIONS)
    return terms


def _languages(texts: pd.Series, lang: str | Sequence[str]) -> list[str]:
    """One language per comment: detected for ``auto``, else as given."""
    if isinstance(lang, str):
        return detect_languages(texts.tolist()) if lang == "auto" else [lang] * len(texts)
    if len(lang) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(lang)} languages")
    return list(lang)


def _term_matrix(texts: list, languages: list[str]) -> tuple[sparse.csr_matrix, list[str]]:
    """Comments x terms, 1 where the comment contains the term; terms in order of first sight."""
    index: dict[str, int] = {}
    columns, pointers = [], [0]
    for text, lang in zip(texts, languages):
        columns.extend(sorted(index.setdefault(term, len(index)) for term in sorted(comment_terms(text, lang or "en"))))
        pointers.append(len(columns))
    matrix = sparse.csr_matrix((np.ones(len(columns)), columns, pointers), shape=(len(texts), len(index)))
    return matrix, list(index)


def _group_codes(groups: pd.Series) -> tuple[np.ndarray, list]:
    """A code per comment (-1 for no group) and the group names, in category or sorted order."""
    present = groups.where(groups.notna() & (groups.astype(str).str.strip() != ""))
    if isinstance(present.dtype, pd.CategoricalDtype):
        used = set(present.dropna())
        names = [name for name in present.cat.categories if name in used]
    else:
        names = sorted(present.dropna().unique(), key=str)
    lookup = {name: code for code, name in enumerate(names)}
    return np.array([lookup.get(g, -1) for g in present], dtype=int), names


def _top_terms(candidates: np.ndarray, z: np.ndarray, counts: np.ndarray, vocabulary: list[str], top: int) -> list[int]:
    """The ``top`` candidates by z, then term; a word mostly said inside a candidate phrase is left out."""
    phrases = [w for w in candidates if " " in vocabulary[w]]
    covered = {}
    for w in phrases:
        for word in vocabulary[w].split(" "):
            covered[word] = max(covered.get(word, 0), counts[w])
    kept = [w for w in candidates if " " in vocabulary[w] or covered.get(vocabulary[w], 0) < COVERED * counts[w]]
    return sorted(kept, key=lambda w: (-z[w], vocabulary[w]))[:top]
