"""The survey's touchpoint -> journey stage map: guessed from the touchpoint names, edited on the Journey page,
kept per file in the project, and read by every page that places touchpoints on the journey."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from analysis.journey import STAGES, stage_map
from pages.ui import access, kept, text
from pages.ui.files import Source
from pages.ui.text import tr

STAGE_MAPS = kept.feature("stages")


def survey_stages(src: Source, touchpoints: list[str]) -> dict[str, str]:
    """Touchpoint column -> stage for ``src``: the analyst's edits over the guessed stages."""
    return stage_map(touchpoints, STAGE_MAPS.get(src.digest, {}))


def cache_key(stages: dict[str, str]) -> tuple:
    """A stage map as a hashable cache key."""
    return tuple(sorted(stages.items()))


def _reset(digest: str, key: str) -> None:
    """Button callback: back to the guessed stages."""
    STAGE_MAPS.drop(digest)
    st.session_state.pop(key, None)


def stage_editor(src: Source, touchpoints: list[str], label_of) -> dict[str, str]:
    """The editable touchpoint -> stage table (read-only for viewers); edits are kept per file and used by every
    chart. ``label_of`` names a touchpoint. The table shows the stages by name in the session language (the
    editor's key includes the language, so switching it starts a fresh editor on the stages kept so far)."""
    current = survey_stages(src, touchpoints)
    labels = {stage: tr(f"stage.{stage}") for stage in STAGES}
    codes = {label: stage for stage, label in labels.items()}
    frame = pd.DataFrame({"touchpoint": list(current), "label": [label_of(column) for column in current],
                          "stage": [labels[stage] for stage in current.values()]})
    names = hashlib.sha256("\n".join(touchpoints).encode("utf-8")).hexdigest()[:12]
    key = f"stages_{src.digest}_{names}_{text.lang()}"
    columns = {"label": st.column_config.TextColumn(tr("journey.touchpoint"), width="medium"),
               "touchpoint": st.column_config.TextColumn(tr("data.col.column"), width="large")}
    with st.expander(tr("journey.stage_map"), icon=":material/tune:"):
        st.caption(tr("journey.stage_map_help"))
        if not access.editable():
            st.dataframe(frame, hide_index=True, width="stretch", column_order=["label", "stage", "touchpoint"],
                         column_config={**columns, "stage": st.column_config.TextColumn(tr("journey.stage"))})
            return current
        edited = st.data_editor(
            frame, key=key, hide_index=True, num_rows="fixed", width="stretch", disabled=["touchpoint", "label"],
            column_order=["label", "stage", "touchpoint"],
            column_config={**columns, "stage": st.column_config.SelectboxColumn(
                tr("journey.stage"), options=list(codes), required=True, width="medium")})
        st.button(tr("journey.stage_map_reset"), key=f"{key}_reset", icon=":material/restart_alt:",
                  on_click=_reset, args=(src.digest, key))
    chosen = {touchpoint: codes.get(label, current[touchpoint])
              for touchpoint, label in zip(edited["touchpoint"], edited["stage"])}
    if chosen != current or STAGE_MAPS.get(src.digest) is not None:
        STAGE_MAPS.put(src.digest, chosen)
    return chosen
