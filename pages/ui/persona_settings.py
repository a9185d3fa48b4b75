"""The Personas page's settings, kept beyond the page and in the URL, and the personas they give.

Streamlit forgets a widget's value once a page without it runs, so the settings are kept in the
session (per survey) and mirrored in the URL (``?pf=<feature>&pf=...&pa=<algorithm>&pk=<k>&pc=0|1``,
only where they differ from the defaults). A shared link that filters by persona (``?persona=2``)
therefore carries what it takes to find the same personas again: the sidebar rebuilds them with
:func:`rebuild` in a session that has not opened the Personas page.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import streamlit as st

from analysis.journey import stage_map
from analysis.personas.features import default_features
from analysis.personas.linked import with_linked
from analysis.personas.model import ALGORITHMS
from pages.ui import linked as links
from pages.ui import state
from pages.ui.text import lang, tr

PARAMS = {"features": "pf", "algorithm": "pa", "k": "pk", "own": "pc"}
DEFAULT_ALGORITHM = "kmeans"
_KEPT = "personas_settings"


@dataclass(frozen=True)
class Settings:
    """What the analyst chose; None (or the default algorithm) means "the default"."""

    features: tuple | None = None
    algorithm: str = DEFAULT_ALGORITHM
    k: int | None = None
    own: bool | None = None


def from_url() -> Settings:
    """The settings a link carries (unknown or malformed values fall back to the defaults)."""
    params = st.query_params
    features = tuple(params.get_all(PARAMS["features"])) or None
    algorithm = params.get(PARAMS["algorithm"], DEFAULT_ALGORITHM)
    k = params.get(PARAMS["k"], "")
    own = params.get(PARAMS["own"])
    return Settings(features, algorithm if algorithm in ALGORITHMS else DEFAULT_ALGORITHM,
                    int(k) if k.isdigit() and 2 <= int(k) <= 10 else None,
                    None if own not in ("0", "1") else own == "1")


def wanted(src: state.Source) -> Settings:
    """The settings for ``src``: those kept in this session, else the link's."""
    kept = st.session_state.get(_KEPT, {}).get(src.digest)
    return kept if kept is not None else from_url()


def keep(src: state.Source, settings: Settings) -> None:
    """Remember the settings for ``src`` in the session and write them into the URL."""
    st.session_state.setdefault(_KEPT, {})[src.digest] = settings
    write_url(settings)


def write_url(settings: Settings) -> None:
    """Mirror ``settings`` in the URL (defaults leave their parameter out)."""
    values = {"features": list(settings.features or []),
              "algorithm": "" if settings.algorithm == DEFAULT_ALGORITHM else settings.algorithm,
              "k": "" if settings.k is None else str(settings.k),
              "own": "" if settings.own is None else str(int(settings.own))}
    for name, param in PARAMS.items():
        value = values[name]
        current = st.query_params.get_all(param) if isinstance(value, list) else st.query_params.get(param)
        if value and current != value:
            st.query_params[param] = value
        elif not value and param in st.query_params:
            del st.query_params[param]


def own_comments(src: state.Source, settings: Settings) -> bool:
    """Whether the survey's own comments are linked under ``settings``."""
    return links.own_comments_default(src) if settings.own is None else settings.own


def stages(src: state.Source, result) -> tuple:
    """The survey's stage map (the analyst's edits applied), as a cache key."""
    found = stage_map(result.columns("touchpoint"), st.session_state.get("stage_maps", {}).get(src.digest, {}))
    return tuple(sorted(found.items()))


def rebuild(src: state.Source):
    """Find the personas of ``src`` with the kept or linked settings and keep them for the sidebar filter
    (generated names). Returns True when they could be found."""
    settings = wanted(src)
    filters = dataclasses.replace(state.current_filters(src), rows=[])
    result = state.filtered(src, filters)
    own = own_comments(src, settings)
    found_links = links.linked(src, own)
    augmented = with_linked(result, found_links) if found_links is not None else result
    features = settings.features or tuple(default_features(augmented.responses, augmented.mapping))
    if not features:
        return False
    with st.spinner(tr("personas.working")):
        found = state.personas(src, filters, features, settings.algorithm, settings.k, stages(src, result),
                               found_links, links.link_key(src, own))
    state.keep_personas(src, found.assignments, [persona.name[lang()] for persona in found.personas])
    keep(src, settings)
    return True
