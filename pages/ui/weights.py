"""The survey's weighting settings: kept per file in the project and carried in the shared link.

A file's settings are a plain dict: ``on`` (the switch), ``mode`` (``targets``: rake to target shares;
``column``: a weight column of the file), ``targets`` (a list of ``{"column", "shares"}``, shares 0-1 by
category as written in the file, or by band ``LOW..HIGH``), ``trim`` (``[floor, cap]`` or None) and
``column``. The settings in force (:func:`active`) are mirrored in the URL as one parameter (``wt``, compact
JSON) so a copied or view link reopens with the same weights; a link's weights are read once, for the first
survey file the session opens. The weights themselves are computed and cached by :mod:`pages.ui.analyses`;
the editing panel is :mod:`pages.ui.weighting`.
"""
from __future__ import annotations

import hashlib
import json

import streamlit as st

from pages.ui import kept
from pages.ui.files import Source

URL_PARAM = "wt"
MODES = ("targets", "column")
SETTINGS = kept.feature("weights")
_URL_READ = "_weights_url_read"  # the digest of the file a link's weights were read for


def settings(src: Source) -> dict:
    """The weighting settings kept for ``src`` (a fresh, switched-off set when none are kept)."""
    found = SETTINGS.get(src.digest)
    return dict(found) if isinstance(found, dict) else {"on": False, "mode": "targets", "targets": [], "trim": None,
                                                        "column": None}


def keep(src: Source, chosen: dict) -> None:
    """Keep ``chosen`` as the weighting settings of ``src`` (only when they changed), mirrored in the URL."""
    if chosen != SETTINGS.get(src.digest):
        SETTINGS.put(src.digest, chosen)
        _mirror(src)


def active(src: Source) -> dict | None:
    """The settings that weight ``src``: switched on and complete (None otherwise), reduced to what the weights
    depend on."""
    chosen = settings(src)
    if not chosen.get("on"):
        return None
    if chosen.get("mode") == "column":
        return {"mode": "column", "column": chosen["column"]} if chosen.get("column") else None
    targets = [target for target in chosen.get("targets") or [] if target.get("shares")]
    if not targets:
        return None
    trim = chosen.get("trim")
    return {"mode": "targets", "targets": targets, "trim": list(trim) if trim else None}


def text_of(found: dict) -> str:
    """Settings as compact, canonical JSON (for the URL and as a cache key)."""
    return json.dumps(found, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest_of(found: dict) -> str:
    """A short SHA-256 of settings, for cache keys."""
    return hashlib.sha256(text_of(found).encode("utf-8")).hexdigest()[:16]


def from_link(src: Source) -> None:
    """Take the link's weights for ``src`` (the first survey of the session only) and mirror the settings in
    force in the URL. Settings in the link that do not read as settings are ignored."""
    if st.session_state.setdefault(_URL_READ, src.digest) == src.digest and URL_PARAM in st.query_params \
            and not st.session_state.get(f"{_URL_READ}_done"):
        st.session_state[f"{_URL_READ}_done"] = True
        linked = _read(st.query_params.get(URL_PARAM, ""))
        if linked is not None:
            keep(src, {**settings(src), **linked, "on": True})
    _mirror(src)


def _mirror(src: Source) -> None:
    """Write the settings in force for ``src`` to the URL (remove them when there are none)."""
    found = active(src)
    if found is None:
        if URL_PARAM in st.query_params:
            del st.query_params[URL_PARAM]
    elif st.query_params.get(URL_PARAM) != text_of(found):
        st.query_params[URL_PARAM] = text_of(found)


def _read(text: str) -> dict | None:
    """Settings as a link carries them, checked for shape (None when they do not read)."""
    try:
        found = json.loads(text)
    except ValueError:
        return None
    if not isinstance(found, dict) or found.get("mode") not in MODES:
        return None
    if found["mode"] == "column":
        return {"mode": "column", "column": str(found["column"])} if found.get("column") else None
    targets = found.get("targets")
    trim = found.get("trim")
    try:
        targets = [{"column": str(target["column"]),
                    "shares": {str(category): float(share) for category, share in target["shares"].items()}}
                   for target in targets]
        trim = [float(trim[0]), float(trim[1])] if trim else None
    except (TypeError, KeyError, AttributeError, ValueError, IndexError):
        return None
    return {"mode": "targets", "targets": targets, "trim": trim}
