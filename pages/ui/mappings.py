"""The column-role mapping in use for each file: the analyst's edits, kept per file (its digest) in the
project, else the mapping detected from the file."""
from __future__ import annotations

import io
import json

import pandas as pd
import streamlit as st

from analysis.schema import detect_roles
from pages.ui import kept
from pages.ui.files import Source, load

MAPPINGS = kept.feature(
    "mappings", lambda frame: json.loads(frame.to_json(orient="split", date_format="iso")),
    lambda data: pd.read_json(io.StringIO(json.dumps(data)), orient="split", dtype=False))


@st.cache_data(show_spinner=False, max_entries=16)
def _detected(digest: str, name: str, _src: Source) -> pd.DataFrame:
    return detect_roles(load(_src))


def detected_mapping(src: Source) -> pd.DataFrame:
    """The column-role mapping guessed from the file, before any edits."""
    return _detected(src.digest, src.name, src)


def mapping(src: Source) -> pd.DataFrame:
    """The column-role mapping in use for ``src``: the analyst's edited one, else the detected one."""
    edited = MAPPINGS.get(src.digest)
    return detected_mapping(src) if edited is None else edited


def keep_mapping(src: Source, edited: pd.DataFrame | None) -> None:
    """Keep the analyst's mapping for ``src``; ``None`` goes back to the detected one."""
    if edited is None:
        MAPPINGS.drop(src.digest)
    else:
        MAPPINGS.put(src.digest, edited)
