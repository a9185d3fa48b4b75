"""The app's pages: where each storyboard lives, its address, icon and section, and which one is shown.

Storyboards live in ``pages/storyboards/``, not at the top of ``pages/``: Streamlit's legacy folder mode runs
any ``pages/*.py`` file on its own, without ``app.py``; with none there, every run goes through ``app.py``,
the frame that owns the sidebar. The page being shown is recorded here by the shell, so what is saved with
a pin or a view names it from the server's side, never from what a browser reports.
"""
from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from pages.ui.text import tr

FOLDER = "pages/storyboards"
_SHOWN = "_journey_lens_page"


class Page(NamedTuple):
    """One page: its name (also its address, except the Data page's, which is the app's root), section and icon."""

    name: str
    section: str
    icon: str


PAGES = (
    Page("data", "prepare", ":material/table_view:"),
    Page("journey", "analyse", ":material/route:"),
    Page("sentiment", "analyse", ":material/mood:"),
    Page("behaviour", "analyse", ":material/ads_click:"),
    Page("personas", "analyse", ":material/groups:"),
    Page("compare", "analyse", ":material/compare_arrows:"),
    Page("report", "share", ":material/description:"),
)
NAMES = tuple(page.name for page in PAGES)


def script(name: str) -> str:
    """The storyboard file of page ``name``."""
    return f"{FOLDER}/{name}.py"


def navigation():
    """``st.navigation`` over every page, by section, in the session language; returns the chosen page."""
    sections = {}
    for page in PAGES:
        sections.setdefault(tr(f"nav.section.{page.section}"), []).append(
            st.Page(script(page.name), title=tr(f"nav.{page.name}"), icon=page.icon, default=page.name == "data",
                    url_path=None if page.name == "data" else page.name))
    chosen = st.navigation(sections)
    st.session_state[_SHOWN] = chosen.url_path if chosen.url_path in NAMES else "data"
    return chosen


def shown() -> str:
    """The name of the page this run shows (recorded by :func:`navigation`)."""
    return st.session_state.get(_SHOWN, "data")


def link(name: str, label: str, icon: str | None = None) -> None:
    """A link to page ``name``."""
    st.page_link(script(name), label=label, icon=icon)
