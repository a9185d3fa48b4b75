"""The sentiment feature's state and the analyses other pages ask of it: which free-text column is read, how
(engine, text language, neutral band, a trained classifier), the cached scores, and the touchpoint keywords
that tag comments.

What the analyst chose on the Sentiment page is kept here, not in its widgets: the texts chosen for the
files in use, and the reading settings of each text column (kept in the project). The Journey page reads the
same choice, so its feedback evidence never changes under the analyst's feet. Scores are cached by the file's
hash, its mapping, the column, the engine and the text language, for every row of the file; the sidebar
filters then pick rows, and thresholds turn scores into labels on each run, so moving a threshold or a
filter never scores again. A classifier trained on the analyst's labels lives in the session; its examples
are kept in the project, and a new session trains it again from them.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace

import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.filters import Filters, carried_over
from analysis.sentiment.base import Thresholds, labels_for
from analysis.sentiment.model import SentimentModel, score_many
from analysis.sentiment.stages import feedback_by_channel, feedback_by_stage
from analysis.sentiment.summary import corpus, text_columns
from analysis.sentiment.tagging import comment_topics, keywords_from_text, keywords_to_text, seed_keywords
from analysis.themes.codeframe import Codeframe, touchpoint_codes
from analysis.themes.touchpoints import TAG_COLUMNS, tag_with
from analysis.sentiment.terms import key_terms
from analysis.sentiment.trained import LabelledClassifier
from analysis.journey import stage_map
from pages.ui import analyses, files, kept, project, stages, text
from pages.ui.cache import cached
from pages.ui.text import tr

_TRAINED = "_trained_classifiers"


@dataclass(frozen=True)
class TextSource:
    """One column of free text: in the feedback export or the survey (``kind``)."""

    kind: str
    column: str


@dataclass(frozen=True)
class Reading:
    """How a text column is read: the engine, the texts' language, the neutral band (None: the engine's own;
    ``band_for`` names the engine the band was set for) and whether a classifier trained on the analyst's
    labels is used when it beats the engine."""

    engine: str = "auto"
    lang: str = "auto"
    band: tuple[float, float] | None = None
    band_for: str = ""
    use_trained: bool = True


CHOSEN = kept.feature("sentiment_source", lambda source: [source.kind, source.column],
                      lambda data: TextSource(*data))
READINGS = kept.feature("sentiment_reading", asdict,
                        lambda data: Reading(**{**data, "band": tuple(data["band"]) if data.get("band") else None}))
KEYWORDS = kept.feature("keywords")


def text_sources() -> list[TextSource]:
    """Every free-text column of the files in use, the feedback export's first; unreadable files left out, and
    the bundled sample's feedback once the survey is the analyst's own (another dataset's comments must not be
    read as theirs)."""
    found = []
    own_survey = not files.source("survey").sample
    for kind in ("feedback", "survey"):
        src = files.source(kind)
        if kind == "feedback" and src.sample and own_survey:
            continue
        try:
            result = analyses.prepared(src)
        except InputError:
            continue
        if result.kind != "transactions":
            found += [TextSource(kind, column) for column in text_columns(result)]
    return found


def files_key() -> str:
    """A short key naming the survey and feedback files in use (what the choice of texts is for)."""
    return hashlib.sha256("".join(files.source(kind).digest for kind in files.KINDS).encode()).hexdigest()[:16]


def chosen_source(sources: list[TextSource]) -> TextSource:
    """The texts chosen for the files in use (the first of ``sources`` until one is chosen)."""
    kept_source = CHOSEN.get(files_key())
    return kept_source if kept_source in sources else sources[0]


def choose_source(source: TextSource) -> None:
    """Keep the analyst's choice of texts for the files in use."""
    CHOSEN.put(files_key(), source)


def reading_key(source: TextSource) -> str:
    """The kept item of a text column's reading settings (its file's digest and the column, hashed short)."""
    digest = files.source(source.kind).digest
    return hashlib.sha256(f"{digest}\n{source.column}".encode("utf-8")).hexdigest()[:32]


def reading(source: TextSource) -> Reading:
    """How ``source`` is read: the analyst's settings for it, else the defaults."""
    return READINGS.get(reading_key(source)) or Reading()


def keep_reading(source: TextSource, chosen: Reading) -> None:
    """Keep the reading settings of ``source`` (only once they differ from the defaults)."""
    if chosen != Reading() or READINGS.get(reading_key(source)) is not None:
        READINGS.put(reading_key(source), chosen)


def rows(source: TextSource, survey_filters: Filters) -> pd.DataFrame:
    """The texts of ``source`` with what they can be grouped by, narrowed by the survey's sidebar filters.

    The survey's own filters apply to its comments; feedback read beside it keeps the date range
    and any channel or segment column it shares with the survey.
    """
    src = files.source(source.kind)
    if source.kind == "survey":
        chosen = survey_filters
    else:
        chosen = carried_over(survey_filters, analyses.prepared(src))
    return corpus(analyses.filtered(analyses.select(src, chosen)), source.column)


def scores(source: TextSource, engine: str, lang: str) -> pd.DataFrame:
    """Score, emotion and language of every row of ``source`` (cached); a progress bar while scoring."""
    src = files.source(source.kind)
    key, _ = analyses.source_key(src)
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if total > 2000:
            bar = bar or st.progress(0.0, text=tr("sentiment.scoring", n=f"{total:,}"))
            bar.progress(done / total, text=tr("sentiment.scoring", n=f"{total:,}"))

    def build():
        texts = analyses.prepared(src).responses[source.column]
        return score_many(SentimentModel(engine, lang), texts, progress=progress)

    scored = cached(("sentiment", *key, source.column, engine, lang), build)
    if bar is not None:
        bar.empty()
    return scored


def adaptation_note(source: TextSource, chosen: Reading) -> str | None:
    """A sentence saying what the Chinese engine learnt from these texts without labels (the share it expects
    positive, and the domain words it uses or not), or None when it did not adapt to them."""
    learnt = scores(source, chosen.engine, chosen.lang).attrs.get("chinese_adaptation")
    if not learnt or learnt["positive_share"] is None:
        return None
    values = {"n": f"{learnt['texts']:,}", "share": f"{learnt['positive_share']:.0%}"}
    if not learnt["domain_words"]:
        return tr("sentiment.adapted", **values)
    return tr("sentiment.adapted_words", **values, words=f"{learnt['domain_words']:,}",
              before=f"{learnt['check_before']:.1%}", after=f"{learnt['check_after']:.1%}")


def labelled(scored: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """``scored`` with ``sentiment_label`` from the scores and ``thresholds``."""
    return scored.assign(sentiment_label=labels_for(scored["sentiment_score"].to_numpy(dtype=float), thresholds))


def band_engine(engine: str, scored: pd.DataFrame) -> str:
    """The engine whose neutral band the thresholds start from: ``engine`` itself, or for ``auto`` the Chinese
    engine when most readable texts are Chinese, else the English one."""
    if engine != "auto":
        return engine
    languages = scored["language"][scored["sentiment_label"] != "undetected"]
    return "chinese" if len(languages) and (languages == "zh").mean() > 0.5 else "english"


def default_thresholds(engine: str, lang: str, scored: pd.DataFrame) -> Thresholds:
    """The neutral band the thresholds start from (see :func:`band_engine`)."""
    return SentimentModel(engine, lang).thresholds_for(band_engine(engine, scored))


def thresholds(source: TextSource, chosen: Reading) -> Thresholds:
    """The neutral band ``chosen`` sets for these texts, when it was set for the engine in use; else the
    engine's own."""
    scored = scores(source, chosen.engine, chosen.lang)
    if chosen.band is not None and chosen.band_for == band_engine(chosen.engine, scored):
        return Thresholds(*chosen.band)
    return default_thresholds(chosen.engine, chosen.lang, scored)


def with_band(source: TextSource, chosen: Reading, band: tuple[float, float]) -> Reading:
    """``chosen`` with the neutral band the analyst set (for the engine in use)."""
    scored = scores(source, chosen.engine, chosen.lang)
    return replace(chosen, band=tuple(band), band_for=band_engine(chosen.engine, scored))


def scored_rows(source: TextSource, chosen: Reading, survey_filters: Filters) -> tuple[pd.DataFrame, bool]:
    """The filtered texts of ``source`` with score, label, emotion and language, and whether the labels come
    from a classifier trained in this session (when it beat the engine beyond the uncertainty of its
    cross-validation and the analyst keeps it on)."""
    found = rows(source, survey_filters)
    classifier = trained(source, chosen.engine, chosen.lang)
    if classifier is not None and classifier.cv_.beats_zero_shot and chosen.use_trained:
        return found.join(trained_scores(source, chosen.engine, chosen.lang)), True
    return found.join(labelled(scores(source, chosen.engine, chosen.lang), thresholds(source, chosen))), False


def journey_feedback(survey_filters: Filters) -> tuple[pd.DataFrame, TextSource] | None:
    """What the feedback says at each journey stage (:func:`analysis.sentiment.stages.feedback_by_stage`) with
    the texts and reading chosen on the Sentiment page, and the texts read; None when no file in use has free
    text or the survey names no touchpoint."""
    sources, found_stages = text_sources(), survey_stages()
    if not sources or not found_stages:
        return None
    source = chosen_source(sources)
    scored, _ = scored_rows(source, reading(source), survey_filters)
    return feedback_by_stage(scored, tags(source, found_stages).loc[scored.index]), source


def terms(readable: pd.DataFrame, top: int) -> pd.DataFrame:
    """:func:`analysis.sentiment.terms.key_terms` of readable scored texts by label, Chinese texts cut by jieba;
    cached by the texts, labels and languages (so reruns, filters and thresholds seen before are instant)."""
    frame = readable[["text", "sentiment_label", "language"]]
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame).to_numpy().tobytes()).hexdigest()

    def build():
        languages = frame["language"].where(frame["language"] == "zh", "en").tolist()
        return key_terms(frame["text"], frame["sentiment_label"], lang=languages, top=top)
    return cached(("terms", digest, top), build)


# Classifiers trained on the analyst's labels -------------------------------------------------------------

def _trained_key(source: TextSource, engine: str, lang: str) -> tuple:
    return files.source(source.kind).digest, source.column, engine, lang


def _examples_name(source: TextSource, engine: str, lang: str) -> str:
    return "|".join(_trained_key(source, engine, lang))


def train(source: TextSource, engine: str, lang: str, texts: pd.Series, labels: pd.Series,
          column: str) -> LabelledClassifier:
    """Train (and cross-validate) a classifier on the analyst's labels, keep it in the session and its examples in
    the project (a new session trains it again from them)."""
    classifier = _fit(source, engine, lang, texts.tolist(), labels.tolist(), column)
    if project.current() is not None and project.can_edit():
        data = json.dumps({"texts": [str(t) for t in texts], "labels": [str(label) for label in labels]},
                          ensure_ascii=False).encode("utf-8")
        project.handle().save_classifier(_examples_name(source, engine, lang), data,
                                         {"column": column, "examples": len(texts)})
    return classifier


def _fit(source: TextSource, engine: str, lang: str, texts: list, labels: list, column: str) -> LabelledClassifier:
    """Train and cross-validate with a progress bar (fold by fold), and keep the classifier in the session."""
    bar = st.progress(0.0)

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=tr("sentiment.train_working", done=done, total=total))

    try:
        classifier = LabelledClassifier(SentimentModel(engine, lang)).fit(texts, labels, column=column,
                                                                          progress=progress)
    finally:
        bar.empty()
    st.session_state.setdefault(_TRAINED, {})[_trained_key(source, engine, lang)] = {"classifier": classifier}
    return classifier


def trained(source: TextSource, engine: str, lang: str) -> LabelledClassifier | None:
    """The classifier trained for ``source`` with this engine: in this session, or again from the examples the
    project keeps (once per session), if any."""
    key = _trained_key(source, engine, lang)
    sessions = st.session_state.setdefault(_TRAINED, {})
    if key in sessions:
        return sessions[key]["classifier"]
    sessions[key] = {"classifier": None}  # asked once per session: the project's examples, if any
    opened = project.handle()
    found = opened.classifier(_examples_name(source, engine, lang)) if opened is not None else None
    if found is None:
        return None
    examples = json.loads(found.model.decode("utf-8"))
    return _fit(source, engine, lang, examples["texts"], examples["labels"], found.meta.get("column", ""))


def trained_scores(source: TextSource, engine: str, lang: str) -> pd.DataFrame:
    """Every row of ``source`` as its trained classifier reads it, scored once and kept with it in the session."""
    kept_model = st.session_state[_TRAINED][_trained_key(source, engine, lang)]
    if "scored" not in kept_model:
        texts = analyses.prepared(files.source(source.kind)).responses[source.column]
        with st.spinner(tr("sentiment.train.scoring")):
            kept_model["scored"] = score_many(kept_model["classifier"], texts)
    return kept_model["scored"]


# Touchpoints the comments talk about --------------------------------------------------------------------------

def survey_stages() -> dict[str, str]:
    """Touchpoint (short label) -> journey stage of the survey in use, with the Journey page's stage edits; for a
    survey that rates no touchpoint, the common comment topics (:func:`comment_topics`) placed at their stages, so
    comments still find their stage; empty when the survey cannot be read or is a transaction export."""
    src = files.source("survey")
    try:
        choices = analyses.filter_choices(src)
    except InputError:
        return {}
    if choices["kind"] == "transactions":
        return {}
    if not choices["touchpoints"]:
        return comment_topics(text.lang())
    labels = choices["labels"]
    return {labels.get(column, column): stage
            for column, stage in stages.survey_stages(src, choices["touchpoints"]).items()}


def tagged_by_topics() -> bool:
    """True when the survey in use rates no touchpoint, so comments are tagged to the common comment topics."""
    try:
        choices = analyses.filter_choices(files.source("survey"))
    except InputError:
        return False
    return choices["kind"] != "transactions" and not choices["touchpoints"]


def channel_feedback(survey_filters: Filters, channel: str, channel_stages: dict[str, str]) -> pd.DataFrame | None:
    """What the survey's own comments say per channel (:func:`analysis.sentiment.stages.feedback_by_channel`),
    read as chosen on the Sentiment page; None when the comments in use are not the survey's own."""
    sources = text_sources()
    if not sources:
        return None
    source = chosen_source(sources)
    if source.kind != "survey":
        return None
    scored, _ = scored_rows(source, reading(source), survey_filters)
    responses = analyses.prepared(files.source("survey")).responses
    return feedback_by_channel(scored, responses[channel].loc[scored.index], channel_stages)


def keyword_text(found_stages: dict[str, str]) -> str:
    """The touchpoint keyword lines in use for the survey: the analyst's edit, else seeded from the names."""
    edited = KEYWORDS.get(files.source("survey").digest)
    return edited if edited is not None else keywords_to_text(seed_keywords(list(found_stages)))


def keep_keywords(lines: str) -> None:
    """Keep the analyst's keyword lines for the survey in use (checked: raises InputError on a bad line)."""
    keywords_from_text(lines)
    KEYWORDS.put(files.source("survey").digest, lines)


def forget_keywords() -> None:
    """Back to the keywords seeded from the touchpoint names."""
    KEYWORDS.drop(files.source("survey").digest)


def touchpoint_frame(found_stages: dict[str, str]) -> Codeframe:
    """The touchpoint codes the keyword lines in use are (each with its stage: the survey's stage map, guessed
    for a line the analyst added). Raises InputError for a bad keyword line."""
    keywords = keywords_from_text(keyword_text(found_stages))
    return touchpoint_codes(keywords, {**stage_map(list(keywords)), **found_stages})


def tags(source: TextSource, found_stages: dict[str, str]) -> pd.DataFrame:
    """``touchpoint``, ``stage`` and ``matches`` of every row of ``source``: the comments coded with the
    touchpoint codes (cached by file, column, keyword lines and stages); empty when the survey names no
    touchpoint. Raises InputError for a bad keyword line."""
    if not found_stages:
        return pd.DataFrame(columns=TAG_COLUMNS)
    lines = keyword_text(found_stages)
    src = files.source(source.kind)
    key, _ = analyses.source_key(src)

    def build():
        texts = analyses.prepared(src).responses[source.column].astype("string").fillna("")
        return tag_with(texts, touchpoint_frame(found_stages))
    return cached(("tags", *key, source.column, lines, tuple(sorted(found_stages.items()))), build)
