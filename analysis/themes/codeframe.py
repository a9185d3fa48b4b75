"""The codeframe: the codes comments are coded with, and how every comment is coded.

Three kinds of code, all plain data (:meth:`Codeframe.to_dict` is JSON, :func:`to_csv` one row a code):

- ``theme``: a discovered theme. Its ``parts`` are term weights (one part, or several after a
  merge); a comment's score for the theme is the largest dot product of its TF-IDF vector (read
  by the frame's :class:`~analysis.themes.terms.TermSpace`) with a part. Scores can be negative.
- ``keywords``: exactly a touchpoint keyword line (``Seat comfort: seat, legroom, 座位``): the
  comment mentions one of the keywords, English whole words and Chinese anywhere, matched as
  :func:`analysis.sentiment.tagging.keywords_pattern` does.
- ``touchpoint``: a keyword code that is a journey touchpoint, with its ``stage``: touchpoint tagging is coding
  with these (:mod:`analysis.themes.touchpoints`); the touchpoint keyword lines are their text form
  (:func:`touchpoint_codes`; :func:`add_touchpoint_codes` adds them to a codeframe of themes). A touchpoint
  may have no keyword yet.
- ``examples``: a handful of example comments; a comment's score is the cosine similarity of its
  TF-IDF vector with the examples' mean vector, and it carries the code from :data:`EXAMPLE_MIN` on.

:func:`code_texts` codes every comment: a ``strength`` from 0 to 1 for each code and a ``topic``,
the strongest code. Codes the analyst made come first: a keyword or touchpoint code the comment mentions (most
mentions, then earliest, then the codeframe's order; a mention inside a longer mention of another such code
does not count, so 卫生间, bathroom, is not also 卫生, hygiene), else the example code it is most like (at
least :data:`EXAMPLE_MIN`), else the theme with the highest score, when any score is above 0. A theme's strength is its share
of the comment's positive theme scores (they add up to 1), a keyword code's 1 when mentioned, an
example code's the cosine similarity when at least :data:`EXAMPLE_MIN`. A comment carries every
code with a strength of at least :data:`PRESENT` (``codes``, strongest first; the keyword and touchpoint codes
it mentions in their ranking).
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.sentiment.social import as_read
from analysis.sentiment.tagging import keywords_pattern
from analysis.themes.terms import TermSpace

KINDS = ("theme", "keywords", "examples", "touchpoint")
MENTIONED = ("keywords", "touchpoint")  # the kinds coded by the mention of their keywords
EXAMPLE_MIN = 0.2  # cosine similarity from which a comment is like the examples
PRESENT = 0.2  # strength from which a comment carries a code
CSV_COLUMNS = ["id", "name", "kind", "terms", "keywords", "examples", "size", "weights", "stage", "stability"]
_NEEDED = CSV_COLUMNS[:-2]  # a file written before touchpoint codes has no stage column, before stability none
_PREFIX = {"theme": "T", "keywords": "K", "examples": "E", "touchpoint": "P"}


@dataclass(frozen=True)
class Code:
    """One code. ``terms`` are a theme's top terms as people write them (its name's source);
    ``parts`` its term weights (stem or phrase -> weight); ``size`` how many comments it had when
    found. ``keywords`` belong to keyword and touchpoint codes, ``examples`` to example codes, ``stage`` (a
    journey stage) to touchpoint codes. ``stability`` is a discovered theme's stability (mean Jaccard similarity
    over resamples, :func:`analysis.themes.discover.stability`); None when not measured (a code the analyst
    made, a merged theme)."""

    id: str
    name: str
    kind: str = "theme"
    terms: tuple[str, ...] = ()
    parts: tuple[dict, ...] = ()
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    size: int = 0
    stage: str = ""
    stability: float | None = None


@dataclass(frozen=True)
class Codeframe:
    """The codes, in order, and the term space their weights and example comments are read in; ``auto_k`` is
    (the k chosen, the highest k tried) when the themes were discovered with ``k="auto"`` and none has been merged,
    split or deleted since (:func:`reshaped`), else None."""

    space: TermSpace
    codes: tuple[Code, ...] = field(default_factory=tuple)
    auto_k: tuple[int, int] | None = None

    def get(self, code_id: str) -> Code:
        """The code with this id; ``KeyError`` naming it when there is none."""
        for code in self.codes:
            if code.id == code_id:
                return code
        raise KeyError(f"no code {code_id!r} in the codeframe")

    def to_dict(self) -> dict:
        """The codeframe as JSON-ready data (see :func:`from_dict`)."""
        return {"version": 1, "lang": self.space.lang, "idf": dict(zip(self.space.terms, self.space.idf)),
                "codes": [{**asdict(code), "terms": list(code.terms), "parts": [dict(p) for p in code.parts],
                           "keywords": list(code.keywords), "examples": list(code.examples)} for code in self.codes],
                **({"auto_k": list(self.auto_k)} if self.auto_k else {})}


def from_dict(data: dict) -> Codeframe:
    """A codeframe back from :meth:`Codeframe.to_dict`'s data. ``ValueError`` when it is not one."""
    try:
        idf = data["idf"]
        space = TermSpace(tuple(sorted(idf)), tuple(float(idf[t]) for t in sorted(idf)), data.get("lang", "auto"))
        codes = tuple(_code(entry) for entry in data["codes"])
        chosen, highest = data.get("auto_k") or (None, None)
        auto_k = (int(chosen), int(highest)) if chosen is not None else None
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise ValueError(f"not a codeframe: {err}") from None
    return Codeframe(space, codes, auto_k)


def _code(entry: dict) -> Code:
    if entry["kind"] not in KINDS:
        raise ValueError(f"not a codeframe: unknown kind {entry['kind']!r}")
    return Code(str(entry["id"]), str(entry["name"]), entry["kind"], tuple(entry.get("terms", ())),
                tuple({str(t): float(w) for t, w in part.items()} for part in entry.get("parts", ())),
                tuple(entry.get("keywords", ())), tuple(entry.get("examples", ())), int(entry.get("size", 0)),
                str(entry.get("stage", "")), _stability(entry.get("stability")))


def _stability(value) -> float | None:
    """A stored stability: None, or a number from 0 to 1 (``ValueError`` otherwise)."""
    if value is None or value == "":
        return None
    value = float(value)
    if not 0 <= value <= 1:
        raise ValueError(f"not a codeframe: stability {value} is not between 0 and 1")
    return value


def to_json(frame: Codeframe) -> str:
    """The codeframe as a JSON document."""
    return json.dumps(frame.to_dict(), ensure_ascii=False, indent=1)


def from_json(text: str) -> Codeframe:
    """A codeframe from :func:`to_json`'s text."""
    return from_dict(json.loads(text))


def to_csv(frame: Codeframe) -> str:
    """One row a code: id, name, kind, terms / keywords (``; ``-separated), examples (one a line),
    size, ``weights``: a theme's parts and the idf of their terms as JSON (with the frame's language and, when
    "auto" chose k, its ``auto_k``), a touchpoint code's ``stage`` and a theme's ``stability`` (empty when not
    measured)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    idf = dict(zip(frame.space.terms, frame.space.idf))
    for code in frame.codes:
        used = sorted({term for part in code.parts for term in part})
        weights = json.dumps({"lang": frame.space.lang, "parts": list(code.parts), "idf": {t: idf[t] for t in used},
                              **({"auto_k": list(frame.auto_k)} if frame.auto_k else {})},
                             ensure_ascii=False) if code.kind == "theme" else ""
        writer.writerow([code.id, code.name, code.kind, "; ".join(code.terms), "; ".join(code.keywords),
                         "\n".join(code.examples), code.size, weights, code.stage,
                         "" if code.stability is None else code.stability])
    return out.getvalue()


def from_csv(text: str) -> Codeframe:
    """A codeframe from :func:`to_csv`'s text (a spreadsheet may have edited names and keywords); its ``auto_k``
    only while it still has as many themes as "auto" chose."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or set(_NEEDED) - set(rows[0]):
        raise ValueError(f"not a codeframe: the columns must be {', '.join(CSV_COLUMNS)}")
    idf, lang, auto_k, codes = {}, "auto", None, []
    for row in rows:
        weights = json.loads(row["weights"]) if row["weights"].strip() else {}
        idf.update(weights.get("idf", {}))
        lang, auto_k = weights.get("lang", lang), weights.get("auto_k", auto_k)
        codes.append({"id": row["id"], "name": row["name"], "kind": row["kind"], "terms": _split(row["terms"]),
                      "keywords": _split(row["keywords"]), "parts": weights.get("parts", []),
                      "examples": [line for line in row["examples"].splitlines() if line.strip()],
                      "size": int(row["size"] or 0), "stage": (row.get("stage") or "").strip(),
                      "stability": (row.get("stability") or "").strip()})
    themes = sum(code["kind"] == "theme" for code in codes)  # a theme row deleted in a spreadsheet: not the k chosen
    kept_k = auto_k if isinstance(auto_k, list) and auto_k and auto_k[0] == themes else None
    return from_dict({"lang": lang, "idf": idf, "codes": codes, **({"auto_k": kept_k} if kept_k else {})})


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def code_texts(texts: Sequence, frame: Codeframe) -> pd.DataFrame:
    """Every comment coded, in order: ``topic`` (the strongest code's id, '' for none), ``codes``
    (ids of the codes it carries, strongest first) and one strength column per code id (0..1).
    The index is that of ``texts`` when it is a Series."""
    index = texts.index if isinstance(texts, pd.Series) else pd.RangeIndex(len(texts))
    texts = list(texts)
    strengths = np.zeros((len(texts), len(frame.codes)))
    themes = [i for i, code in enumerate(frame.codes) if code.kind == "theme"]
    examples = [i for i, code in enumerate(frame.codes) if code.kind == "examples"]
    vectors = frame.space.vectors(texts) if themes or examples else None  # keyword codes read no vectors
    theme_scores = _theme_scores(vectors, frame) if themes else np.zeros((len(texts), 0))
    if themes:
        positive = np.maximum(theme_scores, 0)
        totals = positive.sum(axis=1, keepdims=True)
        strengths[:, themes] = np.divide(positive, totals, out=np.zeros_like(positive), where=totals > 0)
    topic = np.full(len(texts), -1)
    if themes:
        best = theme_scores.argmax(axis=1)
        topic = np.where(theme_scores.max(axis=1) > 0, np.asarray(themes)[best], -1)
    if examples:
        similar = _example_scores(vectors, frame, examples)
        strengths[:, examples] = np.where(similar >= EXAMPLE_MIN, similar, 0)
        best = similar.argmax(axis=1)
        topic = np.where(similar.max(axis=1) >= EXAMPLE_MIN, np.asarray(examples)[best], topic)
    keywords = [i for i, code in enumerate(frame.codes) if code.kind in MENTIONED]
    mentioned = [[] for _ in texts]
    if keywords:
        for row, matched in enumerate(_keyword_matches(texts, [frame.codes[i] for i in keywords])):
            mentioned[row] = [keywords[position] for position in matched]
            strengths[row, mentioned[row]] = 1.0
            if matched:
                topic[row] = mentioned[row][0]
    ids = [code.id for code in frame.codes]
    result = pd.DataFrame(strengths.round(4), columns=ids, index=index)
    result.insert(0, "topic", [ids[t] if t >= 0 else "" for t in topic])
    result.insert(1, "codes", [_carried(row, topic_, ids, ranked)
                               for row, topic_, ranked in zip(strengths, topic, mentioned)])
    return result


def _carried(row: np.ndarray, topic: int, ids: list[str], mentioned: list[int]) -> list[str]:
    """The codes a comment carries: its topic first, then the keyword and touchpoint codes it mentions in their
    ranking (``mentioned``), then the others from :data:`PRESENT`, strongest first."""
    first = list(dict.fromkeys(([topic] if topic >= 0 else []) + mentioned))
    others = [i for i in np.argsort(-row, kind="stable") if row[i] >= PRESENT and i not in first]
    return [ids[i] for i in first + others]


def theme_scores(texts: Sequence, frame: Codeframe) -> np.ndarray:
    """Texts x themes (the frame's theme codes in order): each text's score for each theme, the
    largest dot product of its TF-IDF vector with one of the theme's parts (how central it is)."""
    return _theme_scores(frame.space.vectors(list(texts)), frame)


def _theme_scores(vectors: sparse.csr_matrix, frame: Codeframe) -> np.ndarray:
    """Texts x themes: the largest dot product of each text with one of the theme's parts."""
    index = {term: i for i, term in enumerate(frame.space.terms)}
    columns = []
    for code in frame.codes:
        if code.kind == "theme":
            parts = [_dense(part, index) for part in code.parts] or [np.zeros(len(index))]
            columns.append(np.max(np.column_stack([vectors @ part for part in parts]), axis=1))
    return np.column_stack(columns) if columns else np.zeros((vectors.shape[0], 0))


def _dense(weights: dict, index: dict[str, int]) -> np.ndarray:
    vector = np.zeros(len(index))
    for term, weight in weights.items():
        if term in index:
            vector[index[term]] = weight
    return vector


def _example_scores(vectors: sparse.csr_matrix, frame: Codeframe, positions: list[int]) -> np.ndarray:
    """Texts x example codes: cosine similarity with the mean vector of the code's examples."""
    columns = []
    for position in positions:
        mean = np.asarray(frame.space.vectors(list(frame.codes[position].examples)).mean(axis=0)).ravel()
        norm = np.linalg.norm(mean)
        columns.append(vectors @ (mean / norm) if norm > 0 else np.zeros(vectors.shape[0]))
    return np.column_stack(columns)


def _keyword_matches(texts: list, codes: list[Code]) -> list[list[int]]:
    """For each text, the keyword codes it mentions, best first (most mentions, then earliest, then code order);
    a mention inside a longer mention of another code does not count (卫生 in 卫生间)."""
    patterns = [(position, _compiled(code.keywords)) for position, code in enumerate(codes)
                if any(k.strip() for k in code.keywords)]
    found = []
    for text in texts:
        body = as_read(text).lower() if isinstance(text, str) else ""
        spans = [(match.start(), match.end(), position) for position, pattern in patterns
                 for match in pattern.finditer(body)]
        seen: dict[int, tuple[int, int, int]] = {}
        for start, end, position in spans:
            if any(s <= start and end <= e and e - s > end - start for s, e, other in spans if other != position):
                continue
            count, first, _ = seen.get(position, (0, start, position))
            seen[position] = (count - 1, min(first, start), position)
        found.append(sorted(seen, key=seen.get))
    return found


@lru_cache(maxsize=1024)
def _keyword_regex(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(keywords_pattern(words))


def _compiled(keywords: Sequence[str]) -> re.Pattern:
    """:func:`analysis.sentiment.tagging.keywords_pattern` of a keyword list, compiled once per list."""
    return _keyword_regex(tuple(sorted({word.strip().lower() for word in keywords if word.strip()})))


# --- Edits: each returns a new codeframe -----------------------------------------------------------

def rename(frame: Codeframe, code_id: str, name: str) -> Codeframe:
    """The codeframe with code ``code_id`` called ``name`` (stripped; must not be empty)."""
    if not name.strip():
        raise ValueError("a code needs a name")
    return _replaced(frame, code_id, [replace(frame.get(code_id), name=name.strip())])


def delete(frame: Codeframe, code_id: str) -> Codeframe:
    """The codeframe without code ``code_id``; its comments go to their next strongest code."""
    kept = replace(frame, codes=tuple(code for code in frame.codes if code.id != code_id))
    return reshaped(kept) if frame.get(code_id).kind == "theme" else kept


def reshaped(frame: Codeframe) -> Codeframe:
    """The codeframe without its ``auto_k``: its themes are no longer the k that discovery chose."""
    return replace(frame, auto_k=None)


def merge(frame: Codeframe, code_ids: Sequence[str], name: str | None = None) -> Codeframe:
    """Codes of one kind made one, in the place of the first, keeping its id (and name unless
    ``name`` is given). Themes keep every part, so a comment coded to any of them is coded to the
    merged theme; keyword and example codes pool their keywords or examples. A merged theme's stability is
    not known (None): it was not one cluster when measured."""
    codes = [frame.get(code_id) for code_id in dict.fromkeys(code_ids)]
    if len(codes) < 2:
        raise ValueError("merge needs at least two codes")
    if len({code.kind for code in codes}) > 1:
        raise ValueError("only codes of one kind can be merged")
    first = codes[0]
    terms = tuple(dict.fromkeys(term for code in codes for term in code.terms))[:len(first.terms) or None]
    merged = replace(first, name=(name or first.name).strip(), terms=terms,
                     parts=tuple(part for code in codes for part in code.parts),
                     keywords=tuple(dict.fromkeys(k for code in codes for k in code.keywords)),
                     examples=tuple(dict.fromkeys(e for code in codes for e in code.examples)),
                     size=sum(code.size for code in codes), stability=None)
    rest = {code.id for code in codes[1:]}
    merged_frame = _replaced(replace(frame, codes=tuple(c for c in frame.codes if c.id not in rest)), first.id, [merged])
    return reshaped(merged_frame) if first.kind == "theme" else merged_frame


def add_keyword_code(frame: Codeframe, name: str, keywords: Sequence[str]) -> Codeframe:
    """The codeframe with a keyword code added last (a touchpoint keyword line: name and keywords)."""
    words = tuple(dict.fromkeys(word.strip() for word in keywords if word.strip()))
    if not name.strip() or not words:
        raise ValueError("a keyword code needs a name and at least one keyword")
    return _added(frame, Code(next_id(frame, "keywords"), name.strip(), "keywords", keywords=words))


def add_example_code(frame: Codeframe, name: str, examples: Sequence[str]) -> Codeframe:
    """The codeframe with a code made from example comments added last."""
    kept = tuple(dict.fromkeys(text.strip() for text in examples if isinstance(text, str) and text.strip()))
    if not name.strip() or not kept:
        raise ValueError("an example code needs a name and at least one example comment")
    return _added(frame, Code(next_id(frame, "examples"), name.strip(), "examples", examples=kept))


def touchpoint_codes(keywords: dict[str, Sequence[str]], stages: dict[str, str],
                     space: TermSpace | None = None) -> Codeframe:
    """A codeframe of touchpoint codes, one per touchpoint of ``keywords`` (name -> keywords, as
    :func:`analysis.sentiment.tagging.keywords_from_text` reads the keyword lines), in order, each with its stage
    from ``stages`` ('' when it has none); read in ``space`` (an empty one by default: keyword codes need none)."""
    codes = []
    for number, (name, words) in enumerate(keywords.items(), start=1):
        kept = tuple(dict.fromkeys(word.strip() for word in words if word.strip()))
        codes.append(Code(f"{_PREFIX['touchpoint']}{number}", name, "touchpoint", keywords=kept,
                          stage=stages.get(name, "")))
    return Codeframe(space or TermSpace((), ()), tuple(codes))


def add_touchpoint_codes(frame: Codeframe, touchpoints: Codeframe) -> Codeframe:
    """The codeframe with the touchpoint codes of ``touchpoints`` that have keywords added last (new ids, same
    names, keywords and stages), so comments are coded with the touchpoints beside the themes."""
    for code in touchpoints.codes:
        if code.kind == "touchpoint" and code.keywords:
            frame = _added(frame, replace(code, id=next_id(frame, "touchpoint")))
    return frame


def next_id(frame: Codeframe, kind: str) -> str:
    """A new id for a code of ``kind``: ``T``, ``K`` or ``E`` and the next free number."""
    taken = {code.id for code in frame.codes}
    number = 1
    while f"{_PREFIX[kind]}{number}" in taken:
        number += 1
    return f"{_PREFIX[kind]}{number}"


def _added(frame: Codeframe, code: Code) -> Codeframe:
    return replace(frame, codes=frame.codes + (code,))


def _replaced(frame: Codeframe, code_id: str, new: list[Code]) -> Codeframe:
    """The codeframe with code ``code_id`` replaced by ``new`` codes in its place."""
    codes = []
    for code in frame.codes:
        codes.extend(new if code.id == code_id else [code])
    return replace(frame, codes=tuple(codes))
