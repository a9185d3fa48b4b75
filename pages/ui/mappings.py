"""The column-role mapping in use for each file: the analyst's edits, kept per file (its digest) in the
project, else the mapping detected from the file (for a survey with waves, the first wave's mapping in use)."""
from __future__ import annotations

import io
import json

import pandas as pd
import streamlit as st

from analysis.schema import detect_roles
from analysis.waves import panel_ids
from pages.ui import kept
from pages.ui.files import Source, Waves, load

MAPPINGS = kept.feature(
    "mappings", lambda frame: json.loads(frame.to_json(orient="split", date_format="iso")),
    lambda data: pd.read_json(io.StringIO(json.dumps(data)), orient="split", dtype=False))


@st.cache_data(show_spinner=False, max_entries=16)
def _detected(digest: str, name: str, _src: Source) -> pd.DataFrame:
    return detect_roles(load(_src))


def detected_mapping(src: Source) -> pd.DataFrame:
    """The column-role mapping guessed from the file, before any edits; for a survey with waves, the mapping in use
    for its first wave and the wave column as an attribute."""
    if isinstance(src.data, Waves):
        base = mapping(src.data.base)
        found = _detected(src.digest, src.name, src)
        wave = found[~found["column"].isin(base["column"])].assign(role="attribute")
        return panel_mapping(pd.concat([base, wave], ignore_index=True), src, wave["column"].iloc[0])
    return _detected(src.digest, src.name, src)


def panel_mapping(stacked: pd.DataFrame, src: Source, wave_column: str) -> pd.DataFrame:
    """The stacked survey's mapping with its respondent id ignored when the same ids answer in several waves (a
    panel): the id is one respondent per wave, and as the id it would set every later answer aside as a duplicate."""
    ids = stacked.index[stacked["role"] == "respondent_id"]
    if len(ids) and panel_ids(load(src).frame, stacked.loc[ids[0], "column"], wave_column):
        stacked.loc[ids[0], "role"] = "ignore"
    return stacked


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
