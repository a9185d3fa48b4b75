"""What the Personas page links to the survey's respondents: their own comments' sentiment, and the comments or
purchases of the other file in use when its ids match (:mod:`analysis.personas.linked`).

Comment scores come from the Sentiment page's cache (same engine defaults), so a file scored there is not
scored again; the links themselves are cached by both files' content and mappings.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.personas.linked import Linked, comment_column, id_column, link_buying, link_comments, survey_ids
from analysis.sentiment.summary import text_columns
from pages.ui import analyses, customers, files, texts
from pages.ui.cache import cached
from pages.ui.files import Source
from pages.ui.text import plain, say, tr

ENGINE, LANG = "auto", "auto"  # the engine defaults, so scores the Sentiment page made are reused
OWN_COMMENTS_ROWS = 20_000  # survey comments are scored without asking up to this many rows


def own_comments_column(src: Source) -> str | None:
    """The survey's longest free-text column, if it has one."""
    columns = text_columns(analyses.prepared(src))
    return columns[0] if columns else None


def other_file(survey: Source) -> tuple[Source | None, str | None, InputError | None]:
    """The feedback slot's file, its id column matching the survey's respondent ids, and why it cannot be linked
    (None when it can, or when there is nothing to say: no respondent ids, or the bundled sample's feedback beside
    the analyst's own survey)."""
    other = files.source("feedback")
    prepared = analyses.prepared(survey)
    ids = survey_ids(prepared)
    if ids is None or (other.sample and not survey.sample):
        return None, None, None
    try:
        frame = files.load(other).frame
    except InputError:
        return None, None, None
    key = ("link_column", survey.digest, analyses.source_key(survey)[0].mapping, other.digest)
    column, problem = cached(key, lambda: id_column(frame, ids, other.name))
    return (other, column, None) if column is not None else (None, None, problem)


def linked(survey: Source, own_comments: bool) -> Linked | None:
    """Comments and purchases linked to the survey's rows (None when nothing is linked); a progress bar while
    comments are scored for the first time."""
    column = own_comments_column(survey) if own_comments else None
    other, id_col, _ = other_file(survey)
    if column is None and other is None:
        return None
    parts, buying = [], None
    if column is not None:
        scored = texts.scores(texts.TextSource("survey", column), ENGINE, LANG)
        prepared = analyses.prepared(survey)
        parts.append(cached(("linked_own", survey.digest, analyses.source_key(survey)[0].mapping, column),
                            lambda: link_comments(prepared, prepared.responses[column], scored)))
    if other is not None:
        linked_other = _other_link(survey, other, id_col)
        if isinstance(linked_other, Linked):
            buying = linked_other.buying
            if linked_other.comments is not None:
                parts.append(linked_other.comments)
    comments = pd.concat(parts, ignore_index=True) if parts else None
    return Linked(comments, buying) if comments is not None or buying is not None else None


def _other_link(survey: Source, other: Source, id_col: str) -> Linked | None:
    """The comments or purchases of ``other`` linked to the survey's rows by ``id_col``."""
    prepared = analyses.prepared(survey)
    other_prepared = analyses.prepared(other)
    key = ("linked_other", survey.digest, analyses.source_key(survey)[0].mapping, other.digest, analyses.source_key(other)[0].mapping, id_col)
    if other_prepared.kind == "transactions":
        return cached(key, lambda: Linked(buying=link_buying(prepared, customers.view(other).values)))
    frame = files.load(other).frame
    text = comment_column(frame, other_prepared, id_col)
    if text is None:
        return None
    scored = texts.scores(texts.TextSource("feedback", text), ENGINE, LANG)
    return cached(key + (text,), lambda: Linked(link_comments(
        prepared, other_prepared.responses[text], scored, frame[id_col].reindex(scored.index))))


def describe_links(survey: Source, found: Linked | None, own_comments: bool) -> list[str]:
    """Captions saying what is linked (and what could not be), in the session language."""
    lines = []
    matched = found.matched if found is not None else {"comments": 0, "buying": 0}
    column = own_comments_column(survey)
    if column is not None and not own_comments:
        lines.append(tr("personas.link.own_off"))
    if matched["comments"]:
        lines.append(tr("personas.link.comments", n=f"{matched['comments']:,}",
                        comments=f"{len(found.comments):,}"))
    if matched["buying"]:
        lines.append(tr("personas.link.buying", n=f"{matched['buying']:,}"))
    _, _, problem = other_file(survey)
    if problem is not None:
        lines.append(tr("personas.link.not_linked", why=plain(say(problem.message))))
    return lines


def own_comments_default(survey: Source) -> bool:
    """Score the survey's comments without asking when the file is small enough for it to be quick."""
    return analyses.prepared(survey).rows_used <= OWN_COMMENTS_ROWS


def toggle_key(survey: Source) -> str:
    """Widget key of the "use the survey's comments" toggle."""
    return f"personas_own_{survey.digest}"


def toggle(survey: Source) -> bool:
    """The analyst's choice to link the survey's own comments (shown only when it has a text column; its value
    is primed by the page)."""
    if own_comments_column(survey) is None:
        return False
    return st.toggle(tr("personas.link.own"), key=toggle_key(survey), help=tr("personas.link.own_help"))


def link_key(survey: Source, own_comments: bool) -> tuple:
    """What the links depend on, for cache keys: whether the survey's comments are used, and the other file."""
    other, column, _ = other_file(survey)
    return (own_comments and own_comments_column(survey) is not None,
            None if other is None else (other.digest, analyses.source_key(other)[0].mapping, column))

