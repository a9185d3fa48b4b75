"""The files in use, their column mappings, and cached analyses of them.

Per-user state lives in ``st.session_state`` only. The caches are keyed by a hash of the file's
bytes (and of the mapping and filters), so two users share an entry only when they uploaded
the same bytes, and no one sees another's data.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import asdict, dataclass

import pandas as pd
import streamlit as st

from analysis.compare import compare_customers, compare_groups, compare_personas, default_groups, group_options
from analysis.customers import Customers, customers, with_frequent_above
from analysis.drivers import key_drivers
from analysis.errors import InputError
from analysis.filters import Filters, apply_filters, filter_options
from analysis.io import load_export
from analysis.journey import friction_points, journey_map, touchpoint_summary
from analysis.personas.build import build_personas, persona_features
from analysis.personas.choose_k import compare_k, sample_rows
from analysis.personas.linked import Linked, with_linked
from analysis.personas.model import encoded_rows
from analysis.prepare import prepare
from analysis.sample import sample_paths
from analysis.schema import detect_roles
from analysis.summary import headline_metrics
from analysis.trends import metric_trend, segment_heatmap
from pages.ui import project
from pages.ui.cache import cached, cached_if_present
from pages.ui.text import tr

KINDS = ("survey", "feedback")
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "json"]
_FILTERS = "_filters"


@dataclass(frozen=True)
class StoredFile:
    """A dataset version of the session's project, read back from the store when it is needed."""

    token: str
    version: int

    def export(self):
        """The loaded export, as it was when the file was uploaded."""
        opened = project.store().open_by_token(self.token)
        if opened is None:
            raise InputError("error.store.link_revoked")
        return opened.export(self.version)


@dataclass(frozen=True)
class Source:
    """One file the analyst works on: its name, bytes (or where the project keeps it), their SHA-256 (the cache
    key) and its dataset version in the session's project."""

    name: str
    data: bytes | StoredFile
    digest: str
    sample: bool = False
    version: int | None = None


def _source(name: str, data: bytes, sample: bool = False) -> Source:
    return Source(name, data, hashlib.sha256(data).hexdigest(), sample)


def stored_source(opened, dataset) -> Source:
    """The Source of a dataset version of the project ``opened`` (a store handle)."""
    return Source(dataset.file_name, StoredFile(project.current()["token"], dataset.version), dataset.sha256,
                  version=dataset.version)


@st.cache_data(show_spinner=False)
def _sample(kind: str) -> Source:
    path = sample_paths()[kind]
    return _source(path.name, path.read_bytes(), sample=True)


def source(kind: str) -> Source:
    """The file of this kind the analyst uploaded in this session, else the bundled sample."""
    return st.session_state.get("sources", {}).get(kind) or _sample(kind)


def remember_upload(kind: str, widget_key: str) -> None:
    """Uploader callback: keep the new file in the session, or forget it when it is removed."""
    file = st.session_state.get(widget_key)
    sources = st.session_state.setdefault("sources", {})
    if file is None:
        sources.pop(kind, None)
        return
    found = _source(file.name, file.getvalue())
    try:
        export = load(found)
    except InputError:  # the Data page says what is wrong; an unreadable file is not kept in the project
        sources[kind] = found
        return
    added = project.add_upload(kind, found.name, found.data, export)
    sources[kind] = found if added is None else dataclasses.replace(found, version=added.dataset.version)


def use_sample(kind: str) -> None:
    """Forget the uploaded file of this kind and start a fresh, empty uploader."""
    st.session_state.setdefault("sources", {}).pop(kind, None)
    generations = st.session_state.setdefault("upload_generation", {})
    generations[kind] = generations.get(kind, 0) + 1


def uploader_key(kind: str) -> str:
    """Widget key of the uploader; it changes when the analyst goes back to the sample."""
    return f"upload_{kind}_{st.session_state.get('upload_generation', {}).get(kind, 0)}"


# The parsed export and the prepared tables are large read-only objects, shared (no page changes
# them) in a cache bounded by their size (pages/ui/cache.py). The key is the file's hash, so two
# users share an entry only when they uploaded the same bytes.
def _load(digest: str, name: str, _data: bytes | StoredFile):
    return cached(("load", digest, name), lambda: _data.export() if isinstance(_data, StoredFile) else
                  load_export(_data, name=name))


@st.cache_data(show_spinner=False, max_entries=16)
def _roles(digest: str, name: str, _data: bytes) -> pd.DataFrame:
    return detect_roles(_load(digest, name, _data))


def _prepare(digest: str, name: str, mapping_key: str, _mapping: pd.DataFrame, _data: bytes):
    return cached(("prepare", digest, name, mapping_key), lambda: prepare(_load(digest, name, _data), _mapping))


def load(src: Source):
    """The parsed export of ``src`` (raises ``InputError`` for unreadable files)."""
    return _load(src.digest, src.name, src.data)


def detected_mapping(src: Source) -> pd.DataFrame:
    """The column-role mapping guessed from the file, before any edits."""
    return _roles(src.digest, src.name, src.data)


def mapping(src: Source) -> pd.DataFrame:
    """The column-role mapping in use for ``src``: the analyst's edited one, else the detected one."""
    edited = st.session_state.get("mappings", {}).get(src.digest)
    return detected_mapping(src) if edited is None else edited


def keys(src: Source) -> tuple[str, str, str, pd.DataFrame]:
    """Cache-key arguments for ``src``: digest, name, a hash of its mapping, and the mapping itself.

    Caches key on the mapping's hash rather than the mapping, which Streamlit would otherwise
    hash again on every call.
    """
    current = mapping(src)
    text = current.to_json(orient="split", date_format="iso", double_precision=15)
    return src.digest, src.name, hashlib.sha256(text.encode("utf-8")).hexdigest(), current


def keep_mapping(src: Source, edited: pd.DataFrame | None) -> None:
    """Store the analyst's mapping for ``src``; ``None`` goes back to the detected one."""
    mappings = st.session_state.setdefault("mappings", {})
    if edited is None:
        mappings.pop(src.digest, None)
    else:
        mappings[src.digest] = edited


def prepared(src: Source):
    """``src`` typed and validated under the current mapping."""
    return _prepare(*keys(src), src.data)


@st.cache_data(show_spinner=False, max_entries=32)
def _options(digest: str, name: str, mapping_key: str, _mapping: pd.DataFrame, _data: bytes) -> dict:
    result = _prepare(digest, name, mapping_key, _mapping, _data)
    return {**filter_options(result), "rows": result.rows_used, "kind": result.kind, "labels": result.labels}


def filter_choices(src: Source) -> dict:
    """What the sidebar offers for ``src``: see ``analysis.filters.filter_options``, plus its row count, kind and
    the columns' short labels."""
    return _options(*keys(src), src.data)



# The sidebar filters (drawn by pages.ui.filters) are kept here for the file they were drawn for.

def keep_filters(src: Source, chosen: Filters) -> None:
    """Remember the sidebar's filters for ``src``."""
    st.session_state[_FILTERS] = (src.digest, chosen)


def forget_filters() -> None:
    """No filter is drawn (the file could not be read)."""
    st.session_state.pop(_FILTERS, None)


def current_filters(src: Source) -> Filters:
    """The sidebar filters, when they were drawn for ``src``; no filter otherwise."""
    state = st.session_state.get(_FILTERS)
    return state[1] if state and state[0] == src.digest else Filters()


def filters_key(filters: Filters) -> tuple:
    """A hashable form of ``filters`` for cache keys (lists as tuples, the segments as (column, values) pairs)."""
    def frozen(value):
        if isinstance(value, dict):
            return tuple((column, tuple(chosen)) for column, chosen in value.items())
        return tuple(value) if isinstance(value, list) else value

    return tuple((name, frozen(value)) for name, value in asdict(filters).items())


def _filters(key: tuple) -> Filters:
    """The Filters a :func:`filters_key` stands for."""
    fields = dict(key)
    return Filters(**{**{name: list(value) if isinstance(value, tuple) else value for name, value in fields.items()},
                      "segments": {column: list(chosen) for column, chosen in fields["segments"]}})


def _filtered(digest: str, name: str, mapping_key: str, _mapping: pd.DataFrame, key: tuple, _data: bytes):
    return cached(("filter", digest, name, mapping_key, key),
                  lambda: apply_filters(_prepare(digest, name, mapping_key, _mapping, _data), _filters(key)))


def filtered(src: Source, filters: Filters | None = None):
    """``src`` prepared under the current mapping, narrowed by ``filters`` (default: the sidebar's); read-only."""
    chosen = current_filters(src) if filters is None else filters
    return _filtered(*keys(src), filters_key(chosen), src.data)


# Analyses of the filtered survey, cached by file, mapping, filters and parameters ---------------------

def _journey_tables(result, stages: tuple) -> tuple:
    table = touchpoint_summary(result.scores, result.mapping, dict(stages))
    return table, journey_map(table, result.scores), friction_points(table)


def _headline(result) -> dict:
    return {name: metric.to_dict() for name, metric in headline_metrics(result).items()}


ANALYSES = {"metrics": _headline, "journey": _journey_tables, "drivers": key_drivers, "heatmap": segment_heatmap,
            "trend": metric_trend, "compare": compare_groups, "compare_defaults": default_groups,
            "compare_options": group_options}


@st.cache_data(show_spinner=False, max_entries=256)
def _analysis(kind: str, digest: str, name: str, mapping_key: str, _mapping: pd.DataFrame, key: tuple, params: tuple,
              _data: bytes):
    try:
        return ANALYSES[kind](_filtered(digest, name, mapping_key, _mapping, key, _data), *params), None
    except InputError as err:  # cached too: the same question gets the same answer
        return None, err.message


def analysis(src: Source, kind: str, *params):
    """``(result, None)`` of one analysis of the filtered ``src``, or ``(None, message)`` on an InputError.

    ``kind`` names an entry of ``ANALYSES``; ``params`` must be hashable; the message is an
    ``analysis.messages.Message`` (show it with ``pages.ui.text.say``).
    """
    return _analysis(kind, *keys(src), filters_key(current_filters(src)), params, src.data)


def personas(src: Source, filters: Filters, features: tuple, algorithm: str, k: int | None, stages: tuple,
             linked: Linked | None = None, link_key: tuple = ()):
    """Personas of ``src`` narrowed by ``filters`` (:func:`analysis.personas.build.build_personas`), cached by file,
    mapping, filters and settings; ``linked`` comments and purchases (identified by ``link_key``) can be features
    and describe each persona. The k comparison is made for ``k=None`` and kept per features and algorithm,
    so an explicit k reuses its fitted model. Raises InputError for unusable settings."""
    digest, name, mapping_key, _ = keys(src)
    base = (digest, name, mapping_key, filters_key(filters), link_key, features, algorithm)
    prepared = filtered(src, filters)
    augmented = with_linked(prepared, linked) if linked is not None else prepared

    def choose():
        _, numeric, categorical = persona_features(augmented, list(features), src.name)
        bar = st.progress(0.0, text=tr("personas.comparing"))
        found = compare_k(augmented.responses, numeric, categorical, algorithm,
                          progress=lambda done, total: bar.progress(done / total, text=tr("personas.comparing")))
        bar.empty()
        return found
    def encode():
        _, numeric, categorical = persona_features(augmented, list(features), src.name)
        return encoded_rows(augmented.responses, numeric, categorical, sample_rows(augmented.rows_used).fit)
    choice = cached(("persona_k", *base), choose) if k is None else cached_if_present(("persona_k", *base))
    matrix = cached(("persona_matrix", *base[:-1]), encode)
    return cached(("personas", *base, k, stages), lambda: build_personas(
        prepared, list(features), algorithm, k, dict(stages), src.name, choice=choice, matrix=matrix, linked=linked))


# The personas last found on the Personas page, offered as a sidebar filter on every page.

_PERSONAS = "personas_in_use"


def keep_personas(src: Source, assignments: pd.Series, names: list[str]) -> None:
    """Remember each response's persona and the personas' names for ``src`` (shown as a sidebar filter)."""
    st.session_state[_PERSONAS] = (src.digest, assignments, list(names))


def personas_in_use(src: Source) -> tuple[pd.Series, list[str]] | None:
    """The personas kept for ``src`` by :func:`keep_personas`, if any."""
    kept = st.session_state.get(_PERSONAS)
    return (kept[1], kept[2]) if kept and kept[0] == src.digest else None


def _assigned_digest(assignments: pd.Series) -> str:
    """SHA-256 of which response is in which persona (a cache key)."""
    digest = hashlib.sha256(assignments.index.to_numpy().astype("U").tobytes())
    digest.update(assignments.to_numpy().tobytes())
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=64)
def _persona_comparison(digest: str, name: str, mapping_key: str, _mapping: pd.DataFrame, key: tuple, assigned: str,
                        names: tuple, a: int, b: int | None, thresholds, _assignments: pd.Series, _data: bytes):
    try:
        prepared = _filtered(digest, name, mapping_key, _mapping, key, _data)
        return compare_personas(prepared, _assignments, list(names), a, b, thresholds), None
    except InputError as err:
        return None, err.message


def persona_comparison(src: Source, a: int, b: int | None, thresholds):
    """``(table, None)`` of :func:`analysis.compare.compare_personas` for the personas in use and the filtered
    ``src`` (persona ``a`` against ``b`` or, for None, everyone else), or ``(None, message)``."""
    assignments, names = personas_in_use(src)
    return _persona_comparison(*keys(src), filters_key(current_filters(src)), _assigned_digest(assignments),
                               tuple(names), a, b, thresholds, assignments, src.data)


# Transaction exports, seen per customer ----------------------------------------------------------------

def _customers(digest: str, name: str, _data: bytes) -> Customers:
    return cached(("customers", digest, name), lambda: customers(_load(digest, name, _data).frame))


def frequent_key(src: Source) -> str:
    """Session key of the analyst's order count above which a customer of ``src`` is a frequent buyer."""
    return f"customers_frequent_above_{src.digest}"


def frequent_above(src: Source) -> int | None:
    """The analyst's frequent-buyer threshold for ``src``, or None for the default (the top third of repeat buyers)."""
    return st.session_state.get(frequent_key(src))


def keep_frequent_above(src: Source, widget: str) -> None:
    """Number-input callback: keep the frequent-buyer threshold beyond the page (widget values are not kept)."""
    st.session_state[frequent_key(src)] = st.session_state.get(widget)


def customer_view(src: Source) -> Customers:
    """The customers of a transaction export, segmented with the analyst's frequent-buyer threshold (read-only;
    raises ``InputError`` when its columns cannot be found)."""
    return with_frequent_above(_customers(src.digest, src.name, src.data), frequent_above(src))


@st.cache_data(show_spinner=False, max_entries=64)
def _customer_comparison(digest: str, name: str, frequent: int | None, by: str, groups: tuple | None, thresholds,
                         edges, _data: bytes):
    try:
        found = with_frequent_above(_customers(digest, name, _data), frequent)
        return compare_customers(found, by, groups, thresholds, edges), None
    except InputError as err:
        return None, err.message


def customer_comparison(src: Source, by: str, groups: tuple | None, thresholds, edges=None):
    """``(table, None)`` of :func:`analysis.compare.compare_customers`, or ``(None, message)`` on an InputError."""
    return _customer_comparison(src.digest, src.name, frequent_above(src), by, groups, thresholds, edges, src.data)
