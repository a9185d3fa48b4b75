"""The analyses the pages draw, named and cached: a file prepared under its mapping, narrowed by filters, and what
the library computes from it.

Every cache is keyed by a :class:`SourceKey` (the file's SHA-256, its name and a hash of its mapping), the
filters and the survey weights in force (a digest of their settings, :mod:`pages.ui.weights`), so two users
share an entry only when they work on the same bytes with the same mapping and weights. Large
read-only objects (parsed files, prepared tables) live in the size-bounded cache (:mod:`pages.ui.cache`);
analysis results in Streamlit's data cache, which hands every caller its own copy. An analysis that the
data cannot support raises :class:`~analysis.errors.InputError` (cached too: the same question gets the same
answer); the pages say why.
"""
from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict
from typing import NamedTuple

import pandas as pd
import streamlit as st

from analysis import compare, compare_many, drivers, trends, waves
from analysis.customers import Customers, customers, with_frequent_above
from analysis.errors import InputError
from analysis.filters import Filters, apply_filters, filter_options
from analysis.journey import friction_points, journey_map, touchpoint_summary
from analysis.messages import Message
from analysis.metric_registry import Thresholds, headline_metrics
from analysis.prepare import Prepared, prepare
from analysis.weighting import Target, Weights, column_weights, rake
from pages.ui import weights
from pages.ui.cache import cached
from pages.ui.files import Source, load
from pages.ui.mappings import mapping


class SourceKey(NamedTuple):
    """What every cached analysis of a file depends on: its content, its name and the mapping in use."""

    digest: str
    name: str
    mapping: str


class Weighting(NamedTuple):
    """The survey weights a selection is analysed with: their settings (:func:`pages.ui.weights.active`) and
    the settings' digest (the cache key)."""

    digest: str
    settings: str


class Selection(NamedTuple):
    """A file under its mapping, narrowed by filters, weighted or not: what an analysis is about."""

    src: Source
    key: SourceKey
    filters: Filters
    mapping: pd.DataFrame
    weighting: Weighting | None = None


class JourneyTables(NamedTuple):
    """The journey of a survey: touchpoint summary, the map per stage and the friction points."""

    touchpoints: pd.DataFrame
    map: pd.DataFrame
    friction: pd.DataFrame


def source_key(src: Source) -> tuple[SourceKey, pd.DataFrame]:
    """The cache key of ``src`` under its current mapping, and the mapping."""
    current = mapping(src)
    text = current.to_json(orient="split", date_format="iso", double_precision=15)
    return SourceKey(src.digest, src.name, hashlib.sha256(text.encode("utf-8")).hexdigest()), current


def select(src: Source, filters: Filters | None = None) -> Selection:
    """``src`` under its mapping, narrowed by ``filters`` (none by default), weighted when weights are on for it
    and can be made (targets that cannot be met leave the selection unweighted; the Weights panel says why)."""
    key, current = source_key(src)
    found = weights.active(src)
    weighting = None if found is None else Weighting(weights.digest_of(found), weights.text_of(found))
    selection = Selection(src, key, filters or Filters(), current, weighting)
    if weighting is not None and isinstance(_weights(selection), _Refused):
        return selection._replace(weighting=None)
    return selection


def _weights(selection: Selection):
    """The Weights of the selection's file under its settings, or the refusal of the library (cached)."""
    key, weighting = selection.key, selection.weighting

    def make():
        try:
            return make_weights(load(selection.src).frame, _prepare(key, selection.src, selection.mapping),
                                json.loads(weighting.settings))
        except InputError as err:
            return _Refused(err.message)
    return cached(("weights", *key, weighting.digest), make)


def make_weights(frame: pd.DataFrame, result: Prepared, settings: dict) -> Weights:
    """The weights of the rows ``result`` uses (raked on the file's values as written, or read from its weight
    column) under ``settings`` (:func:`pages.ui.weights.active`); raises ``InputError``."""
    rows = frame.loc[result.responses.index]
    if settings["mode"] == "column":
        return column_weights(rows, settings["column"])
    targets = [Target(target["column"], target["shares"]) for target in settings["targets"]]
    return rake(rows, targets, tuple(settings["trim"]) if settings.get("trim") else None)


def weights_of(selection: Selection) -> Weights | None:
    """The survey weights of the selection's file (None: unweighted)."""
    return None if selection.weighting is None else _weights(selection)


def weight_values(selection: Selection) -> pd.Series | None:
    """The weight of every row of the selection's file (None: unweighted)."""
    found = weights_of(selection)
    return None if found is None else found.values


def weights_refusal(src: Source) -> Message | None:
    """Why the weights switched on for ``src`` cannot be made (None when they can, or are off)."""
    found = weights.active(src)
    if found is None:
        return None
    key, current = source_key(src)
    made = _weights(Selection(src, key, Filters(), current, Weighting(weights.digest_of(found), weights.text_of(found))))
    return made.message if isinstance(made, _Refused) else None


def _prepare(key: SourceKey, src: Source, current: pd.DataFrame) -> Prepared:
    return cached(("prepare", *key), lambda: prepare(load(src), current))


def prepared(src: Source) -> Prepared:
    """``src`` typed and validated under its current mapping (raises ``InputError`` for unreadable files)."""
    key, current = source_key(src)
    return _prepare(key, src, current)


def filters_key(filters: Filters) -> tuple:
    """A hashable form of ``filters`` for cache keys (lists as tuples, the segments as (column, values) pairs)."""
    def frozen(value):
        if isinstance(value, dict):
            return tuple((column, tuple(chosen)) for column, chosen in value.items())
        return tuple(value) if isinstance(value, list) else value

    return tuple((name, frozen(value)) for name, value in asdict(filters).items())


def filtered(selection: Selection) -> Prepared:
    """The selection's file prepared under its mapping and narrowed by its filters; read-only."""
    key, filters = selection.key, selection.filters
    return cached(("filter", *key, filters_key(filters)),
                  lambda: apply_filters(_prepare(key, selection.src, selection.mapping), filters))


@st.cache_data(show_spinner=False, max_entries=32)
def _options(key: SourceKey, _src: Source, _mapping: pd.DataFrame) -> dict:
    result = _prepare(key, _src, _mapping)
    return {**filter_options(result), "rows": result.rows_used, "kind": result.kind, "labels": result.labels}


def filter_choices(src: Source) -> dict:
    """What the sidebar offers for ``src`` (:func:`analysis.filters.filter_options`), plus its row count, kind
    and the columns' short labels."""
    key, current = source_key(src)
    return _options(key, src, current)


# Named analyses of a selection ------------------------------------------------------------------------------

class _Refused(NamedTuple):
    message: Message


@st.cache_data(show_spinner=False, max_entries=256)
def _run(name: str, key: SourceKey, filters: tuple, weighting: str, params: tuple, _compute, _weighted: bool,
         _selection: Selection):
    values = weight_values(_selection) if _weighted else None
    try:
        return _compute(filtered(_selection), *params, **({} if values is None else {"weights": values}))
    except InputError as err:  # cached too: the same question gets the same answer
        return _Refused(err.message)


def _analysis(compute, weighted: bool = True):
    """``compute(prepared, *params)`` as a cached analysis of a :class:`Selection`; params must be hashable.
    ``weighted``: ``compute`` takes ``weights=`` (the rows' survey weights), given when the selection is weighted.
    Raises the InputError the library raised (also when it comes from the cache)."""
    @functools.wraps(compute)
    def run(selection: Selection, *params):
        weighting = "" if not weighted or selection.weighting is None else selection.weighting.digest
        return _refused(_run(compute.__qualname__, selection.key, filters_key(selection.filters), weighting, params,
                             compute, weighted, selection))
    return run


@_analysis
def headline(result: Prepared, weights: pd.Series | None = None) -> dict[str, dict]:
    """Every headline metric of the selection, as plain dicts (:data:`analysis.metric_registry.METRICS`); weighted
    ones carry their ``effective_n``."""
    return {name: metric.to_dict() for name, metric in headline_metrics(result, weights).items()}


@_analysis
def journey_tables(result: Prepared, stages: tuple, weights: pd.Series | None = None) -> JourneyTables:
    """Touchpoints, the journey map and the friction points under ``stages`` ((touchpoint, stage) pairs)."""
    table = touchpoint_summary(result.scores, result.mapping, dict(stages), weights)
    return JourneyTables(table, journey_map(table, result.scores, weights), friction_points(table))


key_drivers = _analysis(drivers.key_drivers)
segment_heatmap = _analysis(trends.segment_heatmap)
metric_trend = _analysis(trends.metric_trend)
comparison = _analysis(compare.compare_groups)
default_groups = _analysis(compare.default_groups, weighted=False)
group_options = _analysis(compare.group_options, weighted=False)
wave_metrics = _analysis(waves.wave_metrics)
many_comparison = _analysis(compare_many.compare_many_groups)


def weighting_key(selection: Selection) -> str:
    """The weights' part of a cache key ('' when unweighted)."""
    return "" if selection.weighting is None else selection.weighting.digest


def _refused(found):
    """``found``, or the InputError a cached refusal stands for, raised again."""
    if isinstance(found, _Refused):
        raise InputError(found.message.code, **found.message.params)
    return found


def assigned_digest(assignments: pd.Series) -> str:
    """SHA-256 of which response is in which persona (a cache key)."""
    digest = hashlib.sha256(assignments.index.to_numpy().astype("U").tobytes())
    digest.update(assignments.to_numpy().tobytes())
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=64)
def _persona_comparison(key: SourceKey, filters: tuple, weighting: str, assigned: str, names: tuple, a: int,
                        b: int | None, thresholds: Thresholds, formed_by: tuple, _assignments: pd.Series,
                        _selection: Selection):
    try:
        return compare.compare_personas(filtered(_selection), _assignments, list(names), a, b, thresholds, formed_by,
                                        weight_values(_selection))
    except InputError as err:
        return _Refused(err.message)


def persona_comparison(selection: Selection, assignments: pd.Series, names: list[str], a: int, b: int | None,
                       thresholds: Thresholds, formed_by: tuple = ()) -> pd.DataFrame:
    """:func:`analysis.compare.compare_personas` of persona ``a`` against ``b`` (None: everyone else) on the
    selection, for the personas ``assignments`` formed on the columns ``formed_by`` (raises ``InputError``)."""
    return _refused(_persona_comparison(selection.key, filters_key(selection.filters), weighting_key(selection),
                                        assigned_digest(assignments),
                                        tuple(names), a, b, thresholds, tuple(formed_by), assignments, selection))


@st.cache_data(show_spinner=False, max_entries=64)
def _persona_many_comparison(key: SourceKey, filters: tuple, weighting: str, assigned: str, names: tuple,
                             formed_by: tuple, _assignments: pd.Series, _selection: Selection):
    try:
        return compare_many.compare_many_personas(filtered(_selection), _assignments, list(names), formed_by,
                                                  weight_values(_selection))
    except InputError as err:
        return _Refused(err.message)


def persona_many_comparison(selection: Selection, assignments: pd.Series, names: list[str],
                            formed_by: tuple = ()) -> compare_many.ManyGroups:
    """:func:`analysis.compare_many.compare_many_personas` of every persona on the selection (raises ``InputError``)."""
    return _refused(_persona_many_comparison(selection.key, filters_key(selection.filters), weighting_key(selection),
                                             assigned_digest(assignments), tuple(names), tuple(formed_by),
                                             assignments, selection))


# Transaction exports, seen per customer ----------------------------------------------------------------

def _customers(src: Source) -> Customers:
    return cached(("customers", src.digest, src.name), lambda: customers(load(src).frame))


def customer_view(src: Source, frequent_above: int | None) -> Customers:
    """The customers of a transaction export, segmented with the frequent-buyer threshold (None: the default);
    read-only; raises ``InputError`` when its columns cannot be found."""
    return with_frequent_above(_customers(src), frequent_above)


@st.cache_data(show_spinner=False, max_entries=64)
def _customer_comparison(digest: str, name: str, frequent: int | None, by: str, groups: tuple | None, thresholds,
                         edges, _src: Source):
    try:
        return compare.compare_customers(customer_view(_src, frequent), by, groups, thresholds, edges)
    except InputError as err:
        return _Refused(err.message)


def customer_comparison(src: Source, frequent_above: int | None, by: str, groups: tuple | None, thresholds,
                        edges=None) -> pd.DataFrame:
    """:func:`analysis.compare.compare_customers` of ``src`` (raises ``InputError``)."""
    return _refused(_customer_comparison(src.digest, src.name, frequent_above, by, groups, thresholds, edges, src))
