"""The session language, and turning keys, library codes and user values into text that is safe to show."""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.messages import LANGUAGES, Message, Quoted, render
from analysis.metrics import format_p
from analysis.plain import plain  # the one plain-text helper: every user or file string shown as Markdown
from pages.ui.words import known, t

_LOG = logging.getLogger(__name__)
LANG_KEY = "lang"  # the session's language (kept when the session opens another project)


def lang() -> str:
    """The language chosen in the sidebar (English until one is picked)."""
    return st.session_state.get(LANG_KEY) or "en"


def set_lang(code: str) -> None:
    """Switch the session language (the shell's language switch)."""
    st.session_state[LANG_KEY] = code


def start_lang(asked: str | None) -> None:
    """The session language the first time: the link's ``?lang=`` when it names one, else English."""
    if st.session_state.get(LANG_KEY) not in LANGUAGES:
        st.session_state[LANG_KEY] = asked if asked in LANGUAGES else "en"


def tr(key: str, **fmt) -> str:
    """Translate ``key`` (a UI key or a library code) into the session language."""
    return t(key, lang(), **fmt)


def tr_code(key: str) -> str:
    """Translate a key built from a library code (``problem.blank``); unknown codes show as is."""
    return tr(key) if known(key) else key.partition(".")[2]


def worded(options, word):
    """``format_func`` for a widget's ``options``: each option's words, looked up now in the session language (a
    widget may format its options outside the script run, where the session is not known)."""
    words = {option: word(option) for option in options}
    return lambda option: words.get(option, str(option))


def say(message: Message) -> str:
    """A library message (error, finding) in the session language."""
    return render(message, lang())


def sentences(*parts: str) -> str:
    """Sentences run together: with spaces in English, without in Chinese."""
    return ("" if lang() == "zh" else " ").join(part for part in parts if part)


def listed(items) -> str:
    """Items joined with the session language's list separator (", " or "、")."""
    return render(list(items), lang())


def quoted_list(items) -> str:
    """Words from the data (terms, values) in the session language's quotation marks, listed; Markdown escaped."""
    return plain(render([Quoted(item) for item in items], lang()))


def p_text(p_value: float) -> str:
    """A p-value as shown to people: 'p < 0.001', 'p = 0.004' or 'p = 0.41'; a dash when unknown."""
    if pd.isna(p_value):
        return "—"
    return format_p(p_value)


def show_error(err: Exception) -> None:
    """Show an InputError in the session language; log anything else and show a generic sentence."""
    if isinstance(err, InputError):
        st.error(plain(err.text(lang())))
    else:
        _LOG.error("unexpected error in the UI", exc_info=err)
        st.error(tr("error.unexpected"))


def for_download(table: pd.DataFrame, headers: dict[str, str], words: dict | None = None) -> pd.DataFrame:
    """A table as people download it: the ``headers`` columns only, renamed to those (translated) headers, with
    code values in words: ``words`` maps a column to the function that words its codes (``stage_label``)."""
    shown = table[list(headers)].copy()
    for column, word in (words or {}).items():
        shown[column] = shown[column].map(lambda code: word(code) if isinstance(code, str) else code)
    shown.attrs = {}
    return shown.rename(columns=headers)


def viewer_time(moment: datetime, zone: str | None = None) -> str:
    """``moment`` (a UTC time from the store) as the viewer reads it: in ``zone`` (default: the viewer's browser
    time zone) with its offset (``2026-03-01 08:30 UTC+08:00``); in UTC when the zone is unknown."""
    zone = zone if zone is not None else st.context.timezone
    try:
        place = ZoneInfo(zone) if zone else timezone.utc
    except (ZoneInfoNotFoundError, ValueError):
        place = timezone.utc
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
    local = aware.astimezone(place)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} UTC" + ("" if offset == "+0000" else f"{offset[:3]}:{offset[3:]}")

