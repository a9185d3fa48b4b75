"""The personas feature's state: the settings chosen for each survey, the analyst's names, the personas in use
(offered as a sidebar filter on every page), and the cached persona run they give.

Streamlit forgets a widget's value once a page without it runs, so the settings are kept here per survey (in
the project) and mirrored in the URL (``?pf=<feature>&pf=...&pa=<algorithm>&pk=<k>&pc=0|1&pl=1``, only where
they differ from the defaults). A shared link that filters by persona (``?persona=2``) therefore carries
what it takes to find the same personas again: the sidebar rebuilds them with :func:`rebuild` in a session
that has not opened the Personas page. Names are kept per persona, so two editors naming two personas never
overwrite each other.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
import streamlit as st

from analysis.filters import Filters
from analysis.names import clean_name, look_alike
from analysis.personas.build import PersonaSettings, build_personas, clustered_rows, persona_features
from analysis.personas.choose_k import compare_k, sample_rows
from analysis.personas.features import candidate_columns, default_features
from analysis.personas.linked import Linked, with_linked
from analysis.personas.model import ALGORITHMS, encoded_rows
from pages.ui import analyses, kept, stages
from pages.ui import linked as links
from pages.ui.cache import cached, cached_if_present
from pages.ui.files import Source
from pages.ui.text import lang, tr

PARAMS = {"features": "pf", "algorithm": "pa", "k": "pk", "own": "pc", "level_adjusted": "pl"}
DEFAULT_ALGORITHM = PersonaSettings().algorithm


@dataclass(frozen=True)
class Settings:
    """What the analyst chose: the persona run's settings (None, or the default algorithm, means "the
    default"), whether the survey's own comments are linked (None: the default for its size) and whether
    ratings are centred on each respondent's own level."""

    features: tuple | None = None
    algorithm: str = DEFAULT_ALGORITHM
    k: int | None = None
    own: bool | None = None
    level_adjusted: bool = False

    @property
    def run(self) -> PersonaSettings:
        """The library's settings of the persona run."""
        return PersonaSettings(self.features, self.algorithm, self.k, self.level_adjusted)


class InUse(NamedTuple):
    """The personas last found for a survey: each response's persona (0-based), the personas' names and the
    features they were formed on."""

    assignments: pd.Series
    names: list[str]
    features: tuple = ()


SETTINGS = kept.feature("persona_settings", dataclasses.asdict,
                        lambda data: Settings(**{**data, "features": tuple(data["features"]) if data["features"]
                                                 else None}))
NAMES = kept.feature("persona_names")
IN_USE = kept.feature("personas_in_use", persisted=False)


def from_url() -> Settings:
    """The settings a link carries (unknown or malformed values fall back to the defaults)."""
    params = st.query_params
    features = tuple(params.get_all(PARAMS["features"])) or None
    algorithm = params.get(PARAMS["algorithm"], DEFAULT_ALGORITHM)
    k = params.get(PARAMS["k"], "")
    own = params.get(PARAMS["own"])
    return Settings(features, algorithm if algorithm in ALGORITHMS else DEFAULT_ALGORITHM,
                    int(k) if k.isdigit() and 2 <= int(k) <= 10 else None,
                    None if own not in ("0", "1") else own == "1", params.get(PARAMS["level_adjusted"]) == "1")


def wanted(src: Source) -> Settings:
    """The settings for ``src``: those kept for it, else the link's."""
    found = SETTINGS.get(src.digest)
    return found if found is not None else from_url()


def keep(src: Source, settings: Settings) -> None:
    """Keep the settings for ``src`` and write them into the URL."""
    SETTINGS.put(src.digest, settings)
    write_url(settings)


def write_url(settings: Settings) -> None:
    """Mirror ``settings`` in the URL (defaults leave their parameter out)."""
    values = {"features": list(settings.features or []),
              "algorithm": "" if settings.algorithm == DEFAULT_ALGORITHM else settings.algorithm,
              "k": "" if settings.k is None else str(settings.k),
              "own": "" if settings.own is None else str(int(settings.own)),
              "level_adjusted": "1" if settings.level_adjusted else ""}
    for name, param in PARAMS.items():
        value = values[name]
        current = st.query_params.get_all(param) if isinstance(value, list) else st.query_params.get(param)
        if value and current != value:
            st.query_params[param] = value
        elif not value and param in st.query_params:
            del st.query_params[param]


def feature_choices(selection: analyses.Selection, link_key: tuple, augmented) -> tuple[list[str], list[str]]:
    """The columns that can be features and those chosen by default, for the survey of ``selection`` with its
    linked data (``augmented``, identified by ``link_key``); cached, as finding them reads every column."""
    key = ("persona_columns", *selection.key, analyses.filters_key(selection.filters), link_key)
    return cached(key, lambda: (candidate_columns(augmented.responses, augmented.mapping),
                                default_features(augmented.responses, augmented.mapping)))


def own_comments(src: Source, settings: Settings) -> bool:
    """Whether the survey's own comments are linked under ``settings``."""
    return links.own_comments_default(src) if settings.own is None else settings.own


def stage_key(src: Source, result) -> tuple:
    """The survey's stage map (the analyst's edits applied), as a cache key."""
    return stages.cache_key(stages.survey_stages(src, result.columns("touchpoint")))


def personas(src: Source, filters: Filters, run: PersonaSettings, stage_map: tuple, linked: Linked | None = None,
             link_key: tuple = ()):
    """Personas of ``src`` narrowed by ``filters`` (:func:`analysis.personas.build.build_personas` with ``run``),
    cached by file, mapping, filters and settings; ``linked`` comments and purchases (identified by
    ``link_key``) can be features and describe each persona; the cards' metrics are weighted when weights are on.
    The k comparison is made for ``k=None`` and kept
    per features, level adjustment and algorithm, so an explicit k reuses its fitted model. Raises InputError for unusable
    settings."""
    selection = analyses.select(src, filters)
    base = (*selection.key, analyses.filters_key(filters), link_key, run.features, run.level_adjusted, run.algorithm)
    prepared = analyses.filtered(selection)
    augmented = with_linked(prepared, linked) if linked is not None else prepared

    def choose():
        _, numeric, categorical = persona_features(augmented, list(run.features), src.name)
        bar = st.progress(0.0, text=tr("personas.comparing"))
        found = compare_k(clustered_rows(augmented, numeric, run.level_adjusted), numeric, categorical, run.algorithm,
                          progress=lambda done, total: bar.progress(done / total, text=tr("personas.comparing")))
        bar.empty()
        return found

    def encode():
        _, numeric, categorical = persona_features(augmented, list(run.features), src.name)
        rows = clustered_rows(augmented, numeric, run.level_adjusted)
        return encoded_rows(rows, numeric, categorical, sample_rows(augmented.rows_used).fit)
    choice = cached(("persona_k", *base), choose) if run.k is None else cached_if_present(("persona_k", *base))
    matrix = cached(("persona_matrix", *base[:-1]), encode)
    params = {**run.get_params(), "features": list(run.features)}
    weights = analyses.weight_values(selection)  # weight the cards' metrics, not the clustering
    return cached(("personas", *base, run.k, stage_map, analyses.weighting_key(selection)), lambda: build_personas(
        prepared, **params, stages=dict(stage_map), name=src.name, choice=choice, matrix=matrix, linked=linked,
        weights=weights))


def names_key(src: Source, filters: Filters, link_key: tuple, run: PersonaSettings, k: int) -> str:
    """The key of the analyst's persona names for one set of settings (names belong to the personas these
    settings find)."""
    settings_key = (src.digest, analyses.filters_key(filters), link_key, run.features, run.algorithm, k)
    if run.level_adjusted:  # names kept before the option existed stay with the personas they named
        settings_key = (*settings_key, "level_adjusted")
    return "personas_names_" + hashlib.sha256(repr(settings_key).encode("utf-8")).hexdigest()[:16]


def names_of(found, key: str, book: kept.Book | None = None, language: str | None = None) -> list[str]:
    """Each persona's name: the analyst's (kept per persona), else the generated one in the session language.
    ``book`` and ``language`` are given when names are read outside the script run (see :func:`names_reader`)."""
    book = kept.book_of() if book is None else book
    language = lang() if language is None else language
    return [NAMES.get_from(book, f"{key}:{persona.id}") or persona.name[language] for persona in found.personas]


def names_reader(found, key: str):
    """A function giving the names as they are when it is called: a download is built when it is clicked, and a
    name typed just before must be in it."""
    book, language = kept.book_of(), lang()
    return lambda: names_of(found, key, book, language)


def rename(key: str, persona: int, name: str, others: list[str]) -> str | None:
    """Keep the analyst's name for a persona (:func:`analysis.names.clean_name`; blank: back to the generated
    name). Raises InputError for a name that cannot be kept; returns the other persona's name it looks like,
    if any."""
    cleaned = clean_name(name, "persona", longest=80) if name.strip() else ""
    NAMES.put(f"{key}:{persona}", cleaned)
    return look_alike(cleaned, others) if cleaned else None


def keep_in_use(src: Source, found, names: list[str]) -> None:
    """Remember the personas ``found`` for ``src`` with their names (a sidebar filter and a Compare grouping);
    one persona of everyone (no clear groups) is nothing to filter or compare by."""
    if found.k < 2:
        IN_USE.drop(src.digest)
        return
    IN_USE.put(src.digest, InUse(found.assignments, list(names), tuple(found.features)))


def in_use(src: Source) -> InUse | None:
    """The personas kept for ``src`` by :func:`keep_in_use`, if any."""
    return IN_USE.get(src.digest)


def rebuild(src: Source, filters: Filters) -> bool:
    """Find the personas of ``src`` with the kept or linked settings and keep them, with their names, for the
    sidebar filter. Returns True when they could be found."""
    settings = wanted(src)
    filters = dataclasses.replace(filters, rows=[])
    result = analyses.filtered(analyses.select(src, filters))
    own = own_comments(src, settings)
    found_links = links.linked(src, own)
    augmented = with_linked(result, found_links) if found_links is not None else result
    features = settings.features or tuple(default_features(augmented.responses, augmented.mapping))
    if not features:
        return False
    run = dataclasses.replace(settings, features=features).run
    with st.spinner(tr("personas.working")):
        found = personas(src, filters, run, stage_key(src, result), found_links, links.link_key(src, own))
    keep_in_use(src, found, names_of(found, names_key(src, filters, links.link_key(src, own), run, found.k)))
    keep(src, settings)
    return True
