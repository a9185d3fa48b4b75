"""The app's frame, run by ``app.py`` before every page: page config, the project from the link, the read-only
switch, the language switch, the sidebar (project, filters) and navigation."""
from __future__ import annotations

import streamlit as st
from streamlit import config as st_config
from streamlit.runtime.pages_manager import PagesManager

from analysis.messages import LANGUAGES
from pages.ui import access, files, filters, kept, project, share, site, weights
from pages.ui.palette import BRAND
from pages.ui.text import lang, set_lang, start_lang, tr


def shell():
    """What app.py does before running a page; returns the chosen page.

    The session language (:mod:`pages.ui.text`) is mirrored in the URL (``?lang=zh``) so a shared link
    reopens in the same language.
    """
    st.set_page_config(page_title="Journey Lens", page_icon=app_icon(), layout="wide")
    legacy = bool(PagesManager.uses_pages_directory)
    start_lang(st.query_params.get("lang"))  # first: a link that opens nothing says so in the link's language
    opened = project.open_from_link()
    if opened is not None:
        kept.restore(opened)
    access.set_read_only(not project.can_edit())
    choice = st.sidebar.segmented_control(tr("app.language"), options=list(LANGUAGES), format_func=LANGUAGES.get,
                                          default=lang(), required=True)
    if choice and choice != lang():
        set_lang(choice)
        st.query_params["lang"] = choice
        st.rerun()
    st.query_params["lang"] = lang()
    uploader_words()
    share.sidebar()
    filters.sidebar_filters(files.source("survey"))
    weights.from_link(files.source("survey"))
    page = site.navigation()
    with st.sidebar:
        project.rerun_after_reconnect()
    if legacy:
        _leave_legacy_mode(page)
    return page


def _leave_legacy_mode(page) -> None:
    """Streamlit runs the first script of a server process in its legacy folder mode when the app has a
    ``pages/`` folder: app.py then runs as a page of Streamlit's own navigation, and the sidebar's widgets get
    other ids than on every later run, so a first click in the sidebar would be lost. ``st.navigation`` has
    left that mode for good; run the chosen page again at once, with the link's parameters (AppTest runs every
    script in that mode and is left as it is)."""
    if not st_config.get_option("global.appTest"):
        st.switch_page(page, query_params=[(key, value) for key in st.query_params
                                           for value in st.query_params.get_all(key)])


def uploader_words() -> None:
    """Word Streamlit's file uploader in the session language.

    The uploader's button ("Upload") and size line ("200MB per file • CSV…") are drawn by Streamlit
    in English only. In any other language they are hidden and the same words, translated, are
    drawn in their place by a style rule (static text from the translation table, no user data).
    """
    if lang() == "en":
        return
    button = tr("upload.button")
    limit = tr("upload.limit", size=st_config.get_option("server.maxUploadSize"))
    st.html(f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{ content: "{button}"; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: "{limit}"; font-size: 0.875rem; }}
</style>""")


@st.cache_resource(show_spinner=False)
def app_icon():
    """The browser tab's icon, drawn here: a Material or emoji icon would be fetched from the internet."""
    from PIL import Image, ImageDraw

    icon = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(icon)
    draw.rounded_rectangle((2, 2, 62, 62), radius=14, fill=BRAND)
    draw.line([(14, 46), (26, 30), (38, 38), (50, 18)], fill="white", width=6, joint="curve")
    for x, y in ((14, 46), (50, 18)):
        draw.ellipse((x - 5, y - 5, x + 5, y + 5), fill="white")
    return icon
