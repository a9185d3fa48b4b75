"""Score many texts at once: pick an engine per text by its language, then label and name its emotion."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import pandas as pd

from analysis.sentiment.base import UNDETECTED, Engine, Thresholds, labels_for
from analysis.sentiment.language import detect_languages

ENGINES = ("auto", "english", "textblob", "vader", "chinese")
TEXT_LANGUAGES = ("auto", "en", "zh")
OUTPUT_COLUMNS = ("sentiment_score", "sentiment_label", "emotion", "language")


def make_engine(name: str) -> Engine:
    """A new engine by name (``english``, ``textblob``, ``vader`` or ``chinese``)."""
    if name == "chinese":
        from analysis.sentiment.chinese import ChineseEngine
        return ChineseEngine()
    from analysis.sentiment import english
    engines = {"english": english.EnglishEngine, "textblob": english.TextBlobEngine, "vader": english.VaderEngine}
    if name not in engines:
        raise ValueError(f"unknown sentiment engine {name!r}; choose one of {', '.join(ENGINES)}")
    return engines[name]()


def engine_for(language: str, engine: str) -> str | None:
    """Which engine reads a text in ``language`` ('' is a text of only emoji or marks) when ``engine`` is asked for.

    ``auto`` reads English (and emoji-only text) with the English engine and Chinese with the
    Chinese one; a one-language engine reads only its own language; other languages get none.
    """
    english = language in ("en", "")
    if engine == "auto":
        return "english" if english else "chinese" if language == "zh" else None
    if engine == "chinese":
        return engine if language == "zh" else None
    return engine if english else None


class SentimentModel:
    """Zero-shot sentiment for a column of texts in English, Chinese or both.

    Parameters
    ----------
    engine : str
        ``auto`` (the English engine for English, the Chinese engine for Chinese), or one engine
        for every text: ``english``, ``textblob``, ``vader``, ``chinese``.
    lang : str
        ``auto`` detects each text's language; ``en`` or ``zh`` reads every text as that language.
    thresholds : Thresholds, optional
        Where negative ends and positive starts; by default each engine's own
        (``default_thresholds``, else -0.05 / 0.05).
    """

    def __init__(self, engine: str = "auto", lang: str = "auto", thresholds: Thresholds | None = None):
        if engine not in ENGINES:
            raise ValueError(f"unknown sentiment engine {engine!r}; choose one of {', '.join(ENGINES)}")
        if lang not in TEXT_LANGUAGES:
            raise ValueError(f"unknown text language {lang!r}; choose one of {', '.join(TEXT_LANGUAGES)}")
        self.engine = engine
        self.lang = lang
        self.thresholds = thresholds
        self._engines: dict[str, Engine] = {}

    def fit(self, texts: Sequence[str] | None = None, labels: Sequence | None = None) -> "SentimentModel":
        """Nothing to learn for the zero-shot engines; returns ``self``."""
        return self

    def _engine(self, name: str) -> Engine:
        if name not in self._engines:
            self._engines[name] = make_engine(name)
        return self._engines[name]

    def thresholds_for(self, name: str) -> Thresholds:
        """The thresholds that label the scores of engine ``name``."""
        if self.thresholds is not None:
            return self.thresholds
        return getattr(self._engine(name), "default_thresholds", Thresholds())

    def _routes(self, texts: list[str]) -> tuple[list[str], dict[str, list[int]]]:
        """Each text's detected language, and the positions of the texts each engine reads."""
        languages = detect_languages(texts)
        routed = [self.lang if self.lang != "auto" and lang != "" else lang for lang in languages]
        by_engine: dict[str, list[int]] = {}
        for position, language in enumerate(routed):
            name = engine_for(language, self.engine)
            if name is not None and texts[position].strip():
                by_engine.setdefault(name, []).append(position)
        return languages, by_engine

    def adapt(self, texts: Sequence) -> "SentimentModel":
        """Fit the engines that learn from unlabelled text to the texts they would read among ``texts``:
        the Chinese engine to the Chinese ones (:mod:`analysis.sentiment.adapt_chinese`). Returns ``self``;
        ``transform`` then scores with the adapted engines."""
        texts = ["" if not isinstance(t, str) else t for t in texts]
        positions = self._routes(texts)[1].get("chinese", [])
        if positions:
            from analysis.sentiment.adapt_chinese import adapt

            adapt(self._engine("chinese"), [texts[i] for i in positions])
        return self

    def adaptation(self):
        """What the Chinese engine learnt in ``adapt`` (an ``Adaptation``), or None when it was not used."""
        engine = self._engines.get("chinese")
        return None if engine is None else engine.adaptation

    def transform(self, texts: Sequence) -> pd.DataFrame:
        """One row per text, in order: ``sentiment_score`` (-1..1, NaN when undetected),
        ``sentiment_label`` (negative / neutral / positive / undetected), ``emotion`` (angry, sad,
        neutral, happy, excited; '' when undetected) and ``language`` (en, zh, other, or '' when
        the text holds no words)."""
        texts = ["" if not isinstance(t, str) else t for t in texts]
        languages, by_engine = self._routes(texts)
        scores = np.full(len(texts), np.nan)
        labels = np.full(len(texts), UNDETECTED, dtype=object)
        emotions = np.full(len(texts), "", dtype=object)
        for name, positions in by_engine.items():
            engine = self._engine(name)
            chunk = [texts[i] for i in positions]
            chunk_scores = np.asarray(engine.score(chunk), dtype=float)
            scores[positions] = chunk_scores
            labels[positions] = labels_for(chunk_scores, self.thresholds_for(name))
            emotions[positions] = engine.emotion(chunk, chunk_scores)
        return pd.DataFrame({"sentiment_score": scores, "sentiment_label": labels, "emotion": emotions,
                             "language": languages})


def score_texts(texts: Sequence, engine: str = "auto", lang: str = "auto",
                thresholds: Thresholds | None = None) -> pd.DataFrame:
    """``SentimentModel(engine, lang, thresholds).transform(texts)``: score, label, emotion, language per text."""
    return SentimentModel(engine, lang, thresholds).transform(texts)


def score_many(model, texts: Sequence, progress: Callable[[int, int], None] | None = None,
               chunk: int = 2000) -> pd.DataFrame:
    """``model.transform(texts)`` for a long column: each distinct text scored once, in chunks, calling
    ``progress(done, total)`` (distinct texts) after each chunk. Same index as ``texts`` when it is a Series.
    A model that can ``adapt`` (a ``SentimentModel``) is first fitted to all the distinct texts, unlabelled;
    what the Chinese engine learnt is then in ``attrs["chinese_adaptation"]`` (``Adaptation.summary()``)."""
    series = pd.Series(texts) if not isinstance(texts, pd.Series) else texts
    series = series.astype("string").fillna("")
    distinct = pd.unique(series.to_numpy(dtype=object))
    if isinstance(model, SentimentModel):
        model.adapt(list(distinct))
    parts = []
    for start in range(0, len(distinct), chunk):
        parts.append(model.transform(list(distinct[start:start + chunk])))
        if progress is not None:
            progress(min(start + chunk, len(distinct)), len(distinct))
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(OUTPUT_COLUMNS))
    positions = pd.Index(distinct).get_indexer(series.to_numpy(dtype=object))
    out = table.iloc[positions].reset_index(drop=True)
    out.index = series.index
    adaptation = model.adaptation() if isinstance(model, SentimentModel) else None
    if adaptation is not None:
        out.attrs["chinese_adaptation"] = adaptation.summary()
    return out
