"""What other data says about each respondent: the sentiment of their comments and their buying, linked by id.

A survey's own free-text answers belong to their row. Comments in a feedback export and order
lines in a transaction export belong to a respondent when they carry the same id as the survey's
respondent-id column (ids are compared as text, trimmed, with ``17850.0`` read as ``17850``). A
survey without a mapped respondent-id column links nothing: row numbers are not ids.

:func:`link_comments` and :func:`link_buying` give per-row tables; :func:`with_linked` adds their
figures to the survey as columns that can be chosen as persona features (named in
``LINKED_COLUMNS``); :func:`comments_card` and :func:`buying_card` describe one persona's members.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.errors import InputError, quoted
from analysis.prepare import Prepared, columns_for
from analysis.sentiment.summary import text_columns
from analysis.sentiment.terms import key_terms
from analysis.transactions import SEGMENTS

COMMENT_COLUMNS = ("comment_sentiment", "comment_negative", "comments")
BUYING_COLUMNS = ("orders", "revenue", "recency_days", "clv", "buying")
LINKED_COLUMNS = (*COMMENT_COLUMNS, *BUYING_COLUMNS)
LINKED_LABELS = {"comment_sentiment": "Comment sentiment", "comment_negative": "Negative comments (%)",
                 "comments": "Comments", "orders": "Orders", "revenue": "Revenue",
                 "recency_days": "Days since last order", "clv": "CLV", "buying": "Buying"}
LINKED_LABELS_ZH = {"comment_sentiment": "评论情感", "comment_negative": "负面评论（%）", "comments": "评论数",
                    "orders": "订单数", "revenue": "收入", "recency_days": "距上次下单天数", "clv": "客户终身价值",
                    "buying": "购买类型"}  # the generated Chinese persona names use these
PAIN_TERMS = 5
MIN_MATCH_SHARE = 0.2  # ids matching fewer of another file's ids than this are taken for a coincidence
MIN_ID_VALUES = 10  # a column with fewer different values (a 0/1 label, a 1-5 rating) is not an id column
MIN_TERM_COMMENTS = 3


def id_key(values: pd.Series) -> pd.Series:
    """Ids as comparable text: trimmed, whole floats without ``.0``, blanks missing."""
    if pd.api.types.is_float_dtype(values) and bool((values.dropna() % 1 == 0).all()):
        values = values.astype("Int64")
    text = values.astype("string").str.strip()
    return text.where(text != "")


def survey_ids(prepared: Prepared) -> pd.Series | None:
    """The survey's respondent ids as :func:`id_key` text, or None when no column is mapped as the respondent id."""
    if not columns_for(prepared.mapping, "respondent_id"):
        return None
    return id_key(prepared.responses["respondent_id"])


@dataclass
class Linked:
    """Data linked to a survey's rows.

    Attributes
    ----------
    comments : DataFrame or None
        One row per comment: ``row`` (the survey row's index label), ``text``, ``sentiment_score``,
        ``sentiment_label``, ``emotion``, ``language``.
    buying : DataFrame or None
        One row per linked survey row (indexed by it): ``orders``, ``revenue``, ``recency_days``,
        ``clv``, ``buying`` (one-time / occasional / frequent).
    """

    comments: pd.DataFrame | None = None
    buying: pd.DataFrame | None = None

    @property
    def matched(self) -> dict[str, int]:
        """Survey rows with at least one comment, and with purchases."""
        return {"comments": 0 if self.comments is None else int(self.comments["row"].nunique()),
                "buying": 0 if self.buying is None else len(self.buying)}


def link_comments(prepared: Prepared, texts: pd.Series, scored: pd.DataFrame, ids: pd.Series | None = None) -> pd.DataFrame:
    """Scored comments attached to survey rows.

    ``scored`` holds the sentiment of each of ``texts`` (``sentiment_score``, ``sentiment_label``,
    ``emotion``, ``language``, as :func:`analysis.sentiment.model.score_many` gives them, same
    index). Without ``ids`` the index labels are the survey's own rows (a text column of the
    survey); with ``ids`` (same index) each comment goes to the survey row with the same
    respondent id, and comments of nobody in the survey are dropped. Blank comments are dropped.
    Columns: ``row``, ``text`` and the sentiment columns.
    """
    comments = scored[["sentiment_score", "sentiment_label", "emotion", "language"]].copy()
    comments.insert(0, "text", texts.astype("string").reindex(scored.index))
    if ids is None:
        comments.insert(0, "row", comments.index.to_numpy())
        comments = comments[comments.index.isin(prepared.responses.index)]
    else:
        comments.insert(0, "row", id_key(ids.reindex(scored.index)).map(_rows_by_id(prepared)).to_numpy())
        comments = comments[comments["row"].notna()]
    written = comments["text"].str.strip().fillna("") != ""
    return comments[written].reset_index(drop=True)


def link_buying(prepared: Prepared, values: pd.DataFrame) -> pd.DataFrame:
    """Each survey row's buying, from :class:`analysis.customers.Customers` ``values`` (one row per customer),
    matched on the respondent id; rows without purchases are left out. See :class:`Linked` for the columns."""
    rows = _rows_by_id(prepared)
    table = values.assign(row=id_key(values["customer"]).map(rows)).dropna(subset=["row"])
    table = table.drop_duplicates("row").set_index("row")
    table.index.name = None
    return table[["orders", "revenue", "recency_days", "clv", "segment"]].rename(columns={"segment": "buying"})


def _rows_by_id(prepared: Prepared) -> pd.Series:
    """Survey row index label by respondent id (first row of a repeated id)."""
    ids = survey_ids(prepared)
    if ids is None:
        return pd.Series(dtype=object)
    known = ids.dropna()
    return pd.Series(known.index, index=known.to_numpy()).groupby(level=0).first()


def with_linked(prepared: Prepared, linked: Linked) -> Prepared:
    """``prepared`` with the linked figures as extra columns (``LINKED_COLUMNS``; NaN where nothing is linked),
    mapped as behaviour (numbers) or attribute (the buying segment) so they can be persona features.
    A new object: ``prepared`` is left as it was."""
    index = prepared.responses.index
    added = pd.DataFrame(index=index)
    if linked.comments is not None and len(linked.comments):
        by_row = linked.comments.groupby("row")
        detected = linked.comments[linked.comments["sentiment_label"] != "undetected"].groupby("row")
        added["comment_sentiment"] = detected["sentiment_score"].mean().reindex(index)
        if by_row.size().max() > 1:  # with one comment each, the share negative and the count say nothing more
            negative = (linked.comments["sentiment_label"] == "negative").groupby(linked.comments["row"])
            added["comment_negative"] = (100 * negative.sum() / detected.size()).reindex(index)
            added["comments"] = by_row.size().reindex(index)
    if linked.buying is not None and len(linked.buying):
        added = added.join(linked.buying.reindex(index))
    if added.empty or not len(added.columns):
        return prepared
    responses = prepared.responses.drop(columns=[c for c in added.columns if c in prepared.responses]).join(added)
    rows = [{"column": column, "role": "attribute" if column == "buying" else "behaviour",
             "label": LINKED_LABELS[column]} for column in added.columns]
    kept = prepared.mapping[~prepared.mapping["column"].isin(added.columns)]
    mapping = pd.concat([kept, pd.DataFrame(rows)], ignore_index=True)
    return replace(prepared, responses=responses, mapping=mapping)


def comments_card(comments: pd.DataFrame | None, rows: pd.Index) -> dict | None:
    """What one persona's comments say: ``comments`` (count), ``respondents``, ``negative`` (% of comments with
    a detected sentiment, with its Wilson 95% ``low``/``high``), ``sentiment`` (mean score) and ``emotion``
    (most frequent besides neutral). None when none of ``rows`` has a comment."""
    if comments is None:
        return None
    part = comments[comments["row"].isin(rows)]
    detected = part[part["sentiment_label"] != "undetected"]
    if detected.empty:
        return None
    negative = int((detected["sentiment_label"] == "negative").sum())
    low, high = metrics.wilson(negative, len(detected))
    emotions = detected["emotion"][detected["emotion"].notna() & (detected["emotion"] != "neutral")].value_counts()
    return {"comments": len(part), "respondents": int(part["row"].nunique()),
            "negative": round(100 * negative / len(detected), 1), "low": round(100 * low, 1),
            "high": round(100 * high, 1), "sentiment": round(float(detected["sentiment_score"].mean()), 3),
            "emotion": str(emotions.index[0]) if len(emotions) else None}


def pain_points(comments: pd.DataFrame | None, persona_of_row: pd.Series, top: int = PAIN_TERMS) -> dict[int, list]:
    """The terms that set each persona's negative comments apart from every other comment (other personas' and
    all positive and neutral ones; :func:`analysis.sentiment.terms.key_terms`, at least 3 of its negative
    comments hold a term), by persona."""
    if comments is None:
        return {}
    negative = comments["sentiment_label"] == "negative"
    if negative.sum() < MIN_TERM_COMMENTS:
        return {}
    groups = comments["row"].map(persona_of_row).where(negative)
    languages = comments["language"].where(comments["language"] == "zh", "en").tolist()
    terms = key_terms(comments["text"].reset_index(drop=True), groups.reset_index(drop=True), lang=languages,
                      top=top, min_count=MIN_TERM_COMMENTS)
    return {int(group): part["term"].tolist() for group, part in terms.groupby("group")}


def buying_card(buying: pd.DataFrame | None, rows: pd.Index) -> dict | None:
    """How one persona's members buy: ``customers`` linked, the share of each buying segment (%), and mean
    ``clv`` with its 95% BCa bootstrap interval (``clv_low``/``clv_high``; :func:`analysis.metrics.mean_interval_bca`).
    None when none of ``rows`` is linked."""
    if buying is None:
        return None
    part = buying[buying.index.isin(rows)]
    if part.empty:
        return None
    shares = part["buying"].value_counts(normalize=True)
    mean, low, high = metrics.mean_interval_bca(part["clv"].to_numpy(dtype=float))
    return {"customers": len(part), **{segment: round(100 * float(shares.get(segment, 0.0)), 1) for segment in SEGMENTS},
            "clv": _rounded(mean), "clv_low": _rounded(low), "clv_high": _rounded(high)}


def _rounded(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 2)


def link_files(prepared: Prepared, exports: list, own_comments: bool = False, engine: str = "auto",
               lang: str = "auto") -> Linked:
    """Everything linkable to ``prepared``'s rows, for the command line and notebooks: with ``own_comments``, the
    sentiment of the survey's longest free-text column; from each of ``exports`` (loaded files), its comments
    (a feedback export, scored with ``engine``) or its customers' buying (a transaction export), by respondent
    id. Raises :class:`analysis.errors.InputError` when something asked for cannot be linked."""
    from analysis.customers import customers
    from analysis.prepare import prepare
    from analysis.schema import detect_roles
    from analysis.sentiment.model import SentimentModel, score_many

    model = SentimentModel(engine, lang)
    parts = []
    if own_comments:
        columns = text_columns(prepared)
        if not columns:
            raise InputError("error.personas.no_comments")
        texts = prepared.responses[columns[0]]
        parts.append(link_comments(prepared, texts, score_many(model, texts)))
    buying = None
    ids = survey_ids(prepared)
    for export in exports:
        if ids is None:
            raise InputError("error.personas.no_ids", file=quoted(export.name))
        column, problem = id_column(export.frame, ids, export.name)
        if problem is not None:
            raise problem
        other = prepare(export, detect_roles(export))
        if other.kind == "transactions":
            buying = link_buying(prepared, customers(export.frame).values)
            continue
        text = comment_column(export.frame, other, column)
        if text is None:
            raise InputError("error.personas.nothing_to_link", file=quoted(export.name))
        comments = export.frame[text]
        parts.append(link_comments(prepared, comments, score_many(model, comments), export.frame[column]))
    return Linked(pd.concat(parts, ignore_index=True) if parts else None, buying)


def id_column(frame: pd.DataFrame, ids: pd.Series, name: str = "") -> tuple[str | None, InputError | None]:
    """The column of ``frame`` (the file ``name``) whose values match the most survey respondent ``ids``
    (:func:`id_key` text), or None and why not: no column matches any id, or the best one matches fewer than
    ``MIN_MATCH_SHARE`` of its distinct values (a coincidence of numbers, not the same people). A column with
    fewer than ``MIN_ID_VALUES`` different values (a 0/1 label) is never an id column."""
    known = set(ids.dropna())
    best, most = None, 0
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values) and not bool((values.dropna() % 1 == 0).all()):
            continue
        keys = id_key(values).dropna().unique()
        if len(keys) < min(MIN_ID_VALUES, len(known)):  # a label or a rating, however well its values match
            continue
        matched = len(known.intersection(keys))
        if matched > most:
            best, most = column, matched
    if best is None:
        return None, InputError("error.personas.no_match", file=quoted(name))
    distinct = id_key(frame[best]).nunique()
    if most < MIN_MATCH_SHARE * distinct:
        return None, InputError("error.personas.few_matches", file=quoted(name), column=quoted(best),
                                matched=f"{most:,}", total=f"{distinct:,}")
    return best, None


def comment_column(frame: pd.DataFrame, prepared_other: Prepared, skip: str) -> str | None:
    """The comments of another file: its longest text column, else a column of several words per value."""
    texts = [column for column in text_columns(prepared_other) if column != skip] or _wordy_columns(frame, skip)
    return texts[0] if texts else None


def _wordy_columns(frame: pd.DataFrame, skip: str) -> list[str]:
    """Text columns with several words per value on average, longest first (comments the roles did not catch)."""
    words = {}
    for column in frame.columns:
        if column != skip and not pd.api.types.is_numeric_dtype(frame[column]):
            count = frame[column].astype("string").str.split().str.len().mean()
            if pd.notna(count) and count >= 3:
                words[column] = count
    return sorted(words, key=words.get, reverse=True)
