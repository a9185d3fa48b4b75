"""Whether this session may change data: one switch, set by the shell at the start of every run from the
project's link, and obeyed by every helper that draws a control that changes data (uploaders, editors,
renaming, training, pins, sharing). A viewer therefore never sees such a control."""
from __future__ import annotations

import streamlit as st

_READ_ONLY = "_journey_lens_read_only"


def set_read_only(read_only: bool) -> None:
    """The shell's switch, once per run."""
    st.session_state[_READ_ONLY] = read_only


def editable() -> bool:
    """Whether controls that change data are drawn in this session."""
    return not st.session_state.get(_READ_ONLY, False)
