"""The global filters in the sidebar (date range, channel, segments, touchpoints), honoured by every page.

Each widget keeps its value in ``st.session_state`` under its key; the choice is mirrored in the
URL (``?from=&to=&ch=&tp=``, ``seg=`` once per segment column, ``sv.<column>=`` for its chosen
values, ``persona=`` per chosen persona with the persona settings beside it) so a copied link reopens
the same view. Values that do not exist in the current data are
dropped.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.errors import InputError
from analysis.filters import Filters
from pages.ui import persona_settings, state
from pages.ui.text import plain, tr

FILTER_PARAMS = ("from", "to", "ch", "seg", "tp", "persona")
FILTER_WIDGETS = {"dates": "filter_dates", "ch": "filter_ch", "seg": "filter_seg", "tp": "filter_tp",
                  "persona": "filter_persona"}
VALUES_PARAM = "sv."      # sv.<column>=<value>, once per chosen value of a segment column
VALUES_WIDGET = "filter_segv_"


def _prime(key: str, from_url, check, default=None) -> None:
    """Set a filter widget's state before it is drawn: from the URL when new, else re-checked against the data.

    A new widget whose value would be its ``default`` anyway is left alone (Streamlit warns
    when a widget with a default value also gets one through the session state).
    """
    if key not in st.session_state:
        value = check(from_url())
        if value != default:
            st.session_state[key] = value
        return
    current = st.session_state[key]
    checked = check(current)
    if checked != current:
        st.session_state[key] = checked


def _url_date(param: str) -> date | None:
    try:
        return date.fromisoformat(st.query_params.get(param, ""))
    except ValueError:
        return None


def _checked_dates(value, bounds: tuple[date, date]) -> tuple:
    """The date-range widget's value clipped to the data; the whole range when empty or upside down."""
    low, high = bounds
    days = tuple(min(max(day, low), high) for day in (value or ()) if isinstance(day, date))
    if not days or (len(days) == 2 and days[0] > days[1]):
        return (low, high)
    return days[:2]


def _clear_filters() -> None:
    """Button callback: forget every filter, in the session and in the URL."""
    for key in [*FILTER_WIDGETS.values(), *(key for key in st.session_state if str(key).startswith(VALUES_WIDGET))]:
        st.session_state.pop(key, None)
    for param in [*FILTER_PARAMS, *(param for param in st.query_params if param.startswith(VALUES_PARAM))]:
        if param in st.query_params:
            del st.query_params[param]


def sidebar_filters() -> None:
    """The global filters in the sidebar (for the survey in use); the choice is kept for ``filtered()``."""
    src = state.source("survey")
    try:
        options = state.filter_choices(src)
    except Exception:  # the page itself says what is wrong with the file
        state.forget_filters()
        return
    chosen, params = Filters(), {}
    if options["kind"] == "transactions":  # the filters narrow survey responses, not purchases
        state.forget_filters()
        return
    with st.sidebar:
        st.subheader(tr("filter.title"))
        bounds = options["dates"]
        if bounds and bounds[0] < bounds[1]:
            key = FILTER_WIDGETS["dates"]
            _prime(key, lambda: (_url_date("from") or bounds[0], _url_date("to") or bounds[1]),
                   lambda value: _checked_dates(value, bounds), default=tuple(bounds))
            days = st.date_input(tr("filter.dates"), value=bounds, min_value=bounds[0], max_value=bounds[1],
                                 key=key, format="YYYY-MM-DD")
            days = tuple(days) if isinstance(days, (tuple, list)) else (days,)
            if days and days[0] > bounds[0]:
                chosen.date_from = params["from"] = days[0]
            if len(days) == 2 and days[1] < bounds[1]:
                chosen.date_to = params["to"] = days[1]
        if options["channels"]:
            chosen.channels = params["ch"] = _multiselect("ch", tr("filter.channel"), options["channels"],
                                                          tr("filter.all_channels"))
        segments = options["segments"]
        if segments:
            columns = _multiselect("seg", tr("filter.segment"), list(segments), tr("filter.no_segment"),
                                   help=tr("filter.segment_help"), label=options["labels"].get)
            params["seg"] = columns
            for column in columns:
                param = VALUES_PARAM + column
                chosen.segments[column] = params[param] = _multiselect(
                    param, tr("filter.segment_values", column=plain(options["labels"].get(column, column))),
                    segments[column],
                    tr("filter.all_values"), key=VALUES_WIDGET + column)
        if len(options["touchpoints"]) > 1:
            chosen.touchpoints = params["tp"] = _multiselect("tp", tr("filter.touchpoints"), options["touchpoints"],
                                                             tr("filter.all_touchpoints"), label=options["labels"].get)
        found = personas(src)
        if found is not None:
            assignments, names = found
            picked = _multiselect("persona", tr("filter.persona"), [str(n) for n in range(1, len(names) + 1)],
                                  tr("filter.all_personas"), help=tr("filter.persona_help"),
                                  label=lambda number: names[int(number) - 1])
            params["persona"] = picked
            chosen.rows = assignments.index[assignments.isin([int(n) - 1 for n in picked])].tolist() if picked else []
            persona_settings.write_url(persona_settings.wanted(src))
        if chosen.active:
            narrowed = state.filtered(src, chosen)
            st.caption(tr("filter.note", n=f"{narrowed.rows_used:,}", total=f"{options['rows']:,}"))
            st.button(tr("filter.clear"), on_click=_clear_filters, icon=":material/filter_alt_off:",
                      type="tertiary", key="filter_clear")
    state.keep_filters(src, chosen)
    stale = [param for param in st.query_params if param.startswith(VALUES_PARAM) and param not in params]
    for param in [*FILTER_PARAMS, *(param for param in params if param.startswith(VALUES_PARAM)), *stale]:
        value = params.get(param)
        if isinstance(value, date):
            value = value.isoformat()
        if value:
            if (st.query_params.get_all(param) if isinstance(value, list) else st.query_params.get(param)) != value:
                st.query_params[param] = value
        elif param in st.query_params:
            del st.query_params[param]


def personas(src: state.Source):
    """The personas in use for ``src``, found again from a shared link's settings when it filters by persona."""
    found = state.personas_in_use(src)
    if found is None and st.query_params.get_all("persona"):
        try:
            persona_settings.rebuild(src)
        except InputError:  # the Personas page says what is wrong with the settings
            return None
        found = state.personas_in_use(src)
    return found


def _multiselect(param: str, title: str, choices: list[str], placeholder: str, key: str | None = None,
                 help: str | None = None, label=str) -> list[str]:
    """A multiselect whose choice starts from the URL parameter ``param`` and keeps only values in ``choices``;
    ``label`` words each choice."""
    key = key or FILTER_WIDGETS[param]
    _prime(key, lambda: st.query_params.get_all(param), lambda values: [v for v in values if v in choices])
    return st.multiselect(title, choices, key=key, placeholder=placeholder, help=help, format_func=label)


def filter_note(src: state.Source) -> None:
    """A caption "Filtered: n of N responses" when a sidebar filter narrows ``src``."""
    if state.current_filters(src).active:
        total = state.filter_choices(src)["rows"]
        st.caption(tr("filter.note", n=f"{state.filtered(src).rows_used:,}", total=f"{total:,}"),
                   help=tr("filter.note_help"))
