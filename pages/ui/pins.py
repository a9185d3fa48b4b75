"""Pinning a chart or a table, with the analyst's note, to the project's report (the insight notebook)."""
from __future__ import annotations

import streamlit as st

from analysis.pins import Pin
from pages.ui import access, files, project, site
from pages.ui.weighting import pinned_note
from pages.ui.text import lang, tr


def pin_button(kind: str, title: str, payload, name: str) -> None:
    """A "Pin" popover (only where data may be changed): a note and the button that pins the chart or table to
    the report. ``payload`` is called only when the analyst pins."""
    if not access.editable():
        return
    with st.popover(tr("report.pin"), icon=":material/push_pin:", type="tertiary"):
        note_key = f"pin_note_{name}"
        st.text_area(tr("report.note"), key=note_key, placeholder=tr("report.note_placeholder"), height=100)
        st.button(tr("report.pin_button"), key=f"pin_{name}", icon=":material/push_pin:",
                  on_click=lambda: _pin(kind, title, payload(), note_key))


def _pin(kind: str, title: str, payload: dict, note_key: str) -> None:
    """Button callback: pin a chart or table with the note typed beside it (noting the page it was pinned on, and
    whether its figures were weighted)."""
    note = "\n\n".join(part for part in (st.session_state.get(note_key, "").strip(), pinned_note()) if part)
    with project.saving():
        project.ensure(files.source("survey").name).add_pin(Pin(kind, title, payload, note, site.shown(), lang()))
        st.session_state[note_key] = ""
        st.toast(tr("report.pinned"), icon=":material/push_pin:")
