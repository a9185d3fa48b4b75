"""Shared UI helpers: the session language, the active data sources and cached analysis calls.

Per-user state lives in ``st.session_state`` only; the caches are keyed by a hash of the
file bytes, so two users with different files never see each other's data.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.i18n import LANGUAGES, STRINGS, t
from analysis.io import load_export
from analysis.journey import touchpoint_summary
from analysis.prepare import prepare
from analysis.sample import sample_paths
from analysis.schema import detect_roles
from analysis.summary import summary_of

KINDS = ("survey", "feedback")
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "json"]
HEADLINE_METRICS = ("nps", "csat", "ces", "satisfied")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_LOG = logging.getLogger(__name__)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


SHELL_KEY = "_journey_lens_shell"


def shell():
    """What app.py does before running a page: page config, language switch, navigation.

    The language lives in ``st.session_state["lang"]`` and is mirrored in the URL (``?lang=zh``)
    so a shared link reopens in the same language. Returns the chosen page.
    """
    st.set_page_config(page_title="Journey Lens", page_icon=":material/route:", layout="wide")
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
    st.session_state[SHELL_KEY] = True
    return st.navigation({
        tr("nav.section.prepare"): [
            st.Page("pages/data.py", title=tr("nav.data"), icon=":material/table_view:", default=True),
        ],
        tr("nav.section.analyse"): [
            st.Page("pages/journey.py", title=tr("nav.journey"), icon=":material/route:", url_path="journey"),
            st.Page("pages/sentiment.py", title=tr("nav.sentiment"), icon=":material/mood:", url_path="sentiment"),
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

    Because the design keeps page scripts in ``pages/``, Streamlit may run a page on its own
    (its legacy folder mode) on the first run after start-up, and always does under AppTest.
    app.py sets a marker on every run and the page consumes it; without it the page builds
    the shell itself, which also switches Streamlit to ``st.navigation`` mode.
    """
    if not st.session_state.pop(SHELL_KEY, False):
        shell()


def lang() -> str:
    """The language chosen in the sidebar (English until one is picked)."""
    return st.session_state.get("lang") or "en"


def tr(key: str, **fmt) -> str:
    """Translate ``key`` into the session language."""
    return t(key, lang(), **fmt)


def tr_code(key: str) -> str:
    """Translate a key built from a library code (``problem.blank``); unknown codes show as is."""
    return tr(key) if key in STRINGS else key.partition(".")[2]


def plain(text: object) -> str:
    """Escape Markdown (and `$` maths) so untrusted text shows literally in labels and alerts."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def show_error(err: Exception) -> None:
    """Show an InputError's one-sentence message; log anything else and show a generic sentence."""
    if isinstance(err, InputError):
        st.error(plain(err))
    else:
        _LOG.error("unexpected error in the UI", exc_info=err)
        st.error(tr("error.unexpected"))


@dataclass(frozen=True)
class Source:
    """One file the analyst works on: its name, bytes and their SHA-256 (the cache key)."""

    name: str
    data: bytes
    digest: str
    sample: bool = False


def _source(name: str, data: bytes, sample: bool = False) -> Source:
    return Source(name, data, hashlib.sha256(data).hexdigest(), sample)


@st.cache_data(show_spinner=False)
def _sample(kind: str) -> Source:
    path = sample_paths()[kind]
    return _source(path.name, path.read_bytes(), sample=True)


def source(kind: str) -> Source:
    """The file of this kind the analyst uploaded in this session, else the bundled sample."""
    return st.session_state.get("sources", {}).get(kind) or _sample(kind)


def remember_upload(kind: str, widget_key: str) -> None:
    """Uploader callback: keep the new file in the session, or forget it when it is removed."""
    file = st.session_state.get(widget_key)
    sources = st.session_state.setdefault("sources", {})
    if file is None:
        sources.pop(kind, None)
    else:
        sources[kind] = _source(file.name, file.getvalue())


def use_sample(kind: str) -> None:
    """Forget the uploaded file of this kind and start a fresh, empty uploader."""
    st.session_state.setdefault("sources", {}).pop(kind, None)
    generations = st.session_state.setdefault("upload_generation", {})
    generations[kind] = generations.get(kind, 0) + 1


def uploader_key(kind: str) -> str:
    """Widget key of the uploader; it changes when the analyst goes back to the sample."""
    return f"upload_{kind}_{st.session_state.get('upload_generation', {}).get(kind, 0)}"


@st.cache_data(show_spinner=False, max_entries=16)
def _load(digest: str, name: str, _data: bytes):
    return load_export(_data, name=name)


@st.cache_data(show_spinner=False, max_entries=16)
def _roles(digest: str, name: str, _data: bytes) -> pd.DataFrame:
    return detect_roles(_load(digest, name, _data))


@st.cache_data(show_spinner=False, max_entries=32)
def _prepare(digest: str, name: str, mapping: pd.DataFrame, _data: bytes):
    return prepare(_load(digest, name, _data), mapping)


@st.cache_data(show_spinner=False, max_entries=32)
def _summary(digest: str, name: str, mapping: pd.DataFrame, _data: bytes) -> dict:
    return summary_of(_load(digest, name, _data), _prepare(digest, name, mapping, _data))


@st.cache_data(show_spinner=False, max_entries=32)
def _touchpoints(digest: str, name: str, mapping: pd.DataFrame, _data: bytes) -> pd.DataFrame:
    result = _prepare(digest, name, mapping, _data)
    return touchpoint_summary(result.scores, result.mapping)


def load(src: Source):
    """The parsed export of ``src`` (raises ``InputError`` for unreadable files)."""
    return _load(src.digest, src.name, src.data)


def detected_mapping(src: Source) -> pd.DataFrame:
    """The column-role mapping guessed from the file, before any edits."""
    return _roles(src.digest, src.name, src.data)


def mapping(src: Source) -> pd.DataFrame:
    """The column-role mapping in use for ``src``: the analyst's edited one, else the detected one."""
    edited = st.session_state.get("mappings", {}).get(src.digest)
    return detected_mapping(src) if edited is None else edited


def keep_mapping(src: Source, edited: pd.DataFrame | None) -> None:
    """Store the analyst's mapping for ``src``; ``None`` goes back to the detected one."""
    mappings = st.session_state.setdefault("mappings", {})
    if edited is None:
        mappings.pop(src.digest, None)
    else:
        mappings[src.digest] = edited


def prepared(src: Source):
    """``src`` typed and validated under the current mapping."""
    return _prepare(src.digest, src.name, mapping(src), src.data)


def summary(src: Source) -> dict:
    """Headline summary (counts, metrics, touchpoints) of ``src`` under the current mapping."""
    return _summary(src.digest, src.name, mapping(src), src.data)


def touchpoints(src: Source) -> pd.DataFrame:
    """Per-touchpoint mean, interval, n and scale of ``src`` under the current mapping."""
    return _touchpoints(src.digest, src.name, mapping(src), src.data)


def metric_tiles(metrics: dict) -> None:
    """A row of bordered tiles: value ± half the 95% interval, with n (flagged when small)."""
    shown = [name for name in HEADLINE_METRICS if (metrics.get(name) or {}).get("value") is not None]
    if not shown:
        return
    for column, name in zip(st.columns(len(HEADLINE_METRICS)), shown):
        metric = metrics[name]
        value, half = _formatted(name, metric)
        n = f"{metric['n']:,}"
        column.metric(
            tr(f"metric.{name}"), value,
            delta=half, delta_color="orange" if metric.get("small_sample") else "off", delta_arrow="off",
            delta_description=tr("tile.small_sample", n=n) if metric.get("small_sample") else tr("tile.n", n=n),
            help=tr(f"metric_help.{name}"), border=True,
        )


def _formatted(name: str, metric: dict) -> tuple[str, str | None]:
    """Display strings for a metric's value and its ± half interval (None when unknown)."""
    low, high = metric.get("low"), metric.get("high")
    half = (high - low) / 2 if low is not None and high is not None else None
    if name == "nps":
        return f"{metric['value']:+.0f}", None if half is None else f"± {half:.0f}"
    if name == "ces":
        scale = f" / {metric['scale_max']:g}" if metric.get("scale_max") is not None else ""
        return f"{metric['value']:.2f}{scale}", None if half is None else f"± {half:.2f}"
    return f"{metric['value']:.1f}%", None if half is None else f"± {half:.1f}"
