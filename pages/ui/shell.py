"""The app's shell: page config, language switch, sidebar filters and navigation.

``app.py`` runs :func:`shell` and then the chosen page; each page first calls :func:`inside_app`.
"""
from __future__ import annotations

import streamlit as st
from streamlit import config as st_config

from analysis.messages import LANGUAGES
from pages.ui import project
from pages.ui.filters import sidebar_filters
from pages.ui.text import lang, tr

SHELL_KEY = "_journey_lens_shell"
_RESTARTED = "_journey_lens_restarted"


def shell():
    """What app.py does before running a page: page config, language switch, filters, navigation.

    The language lives in ``st.session_state["lang"]`` and is mirrored in the URL (``?lang=zh``)
    so a shared link reopens in the same language. Returns the chosen page.
    """
    st.set_page_config(page_title="Journey Lens", page_icon=app_icon(), layout="wide")
    if st.session_state.get("lang") not in LANGUAGES:
        asked = st.query_params.get("lang")
        st.session_state["lang"] = asked if asked in LANGUAGES else "en"
    choice = st.sidebar.segmented_control(tr("app.language"), options=list(LANGUAGES), format_func=LANGUAGES.get,
                                          default=lang(), required=True)
    if choice and choice != lang():
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()
    st.query_params["lang"] = lang()
    uploader_words()
    project.open_from_link()
    project.persist()
    project.sidebar()
    sidebar_filters()
    st.session_state[SHELL_KEY] = True
    return st.navigation({
        tr("nav.section.prepare"): [
            st.Page("pages/data.py", title=tr("nav.data"), icon=":material/table_view:", default=True),
        ],
        tr("nav.section.analyse"): [
            st.Page("pages/journey.py", title=tr("nav.journey"), icon=":material/route:", url_path="journey"),
            st.Page("pages/sentiment.py", title=tr("nav.sentiment"), icon=":material/mood:", url_path="sentiment"),
            st.Page("pages/behaviour.py", title=tr("nav.behaviour"), icon=":material/ads_click:", url_path="behaviour"),
            st.Page("pages/personas.py", title=tr("nav.personas"), icon=":material/groups:", url_path="personas"),
            st.Page("pages/compare.py", title=tr("nav.compare"), icon=":material/compare_arrows:",
                    url_path="compare"),
        ],
        tr("nav.section.share"): [
            st.Page("pages/report.py", title=tr("nav.report"), icon=":material/description:", url_path="report"),
        ],
    })


def inside_app() -> None:
    """Make sure the shell (page config, language switch, navigation) ran before this page.

    Because the design keeps page scripts in ``pages/``, Streamlit runs a page on its own (its
    legacy folder mode) on the first run of a session opened on that page's link, and always
    does under AppTest. app.py sets a marker on every run and the page consumes it; without it
    the page builds the shell itself, which also switches Streamlit to ``st.navigation`` mode.

    The sidebar widgets of such a bare run belong to the page rather than to app.py, so the
    next run (through app.py) would not recognise them and the first click in the sidebar
    would be lost. The first bare run of a session therefore starts over through app.py at once
    (not under AppTest, which runs every page bare and would lose track of the widgets).
    """
    if not st.session_state.pop(SHELL_KEY, False):
        shell()
        st.session_state.pop(SHELL_KEY, None)  # consumed here, or the next bare run would skip the shell
        if not st.session_state.get(_RESTARTED) and not st_config.get_option("global.appTest"):
            st.session_state[_RESTARTED] = True
            st.rerun()


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
    draw.rounded_rectangle((2, 2, 62, 62), radius=14, fill="#2F6B9A")
    draw.line([(14, 46), (26, 30), (38, 38), (50, 18)], fill="white", width=6, joint="curve")
    for x, y in ((14, 46), (50, 18)):
        draw.ellipse((x - 5, y - 5, x + 5, y + 5), fill="white")
    return icon
