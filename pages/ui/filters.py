"""The sidebar filters (date range, channel, segments, touchpoints, personas), honoured by every page.

What is chosen belongs to the survey file it was chosen for: it is kept per file (its content digest) for
the session, the widgets are keyed by the file too, and a new file starts with no filter. The choice is
mirrored in the URL (``?from=&to=&ch=&tp=``, ``seg=`` once per segment column, ``sv.<column>=`` for its
chosen values, ``persona=`` per chosen persona with the persona settings beside it) so a copied link reopens
the same view; a link's filters are read once, for the file the session opens with. Values that do not exist
in the data are dropped. "Clear filters" forgets what is kept and what is shown (the widgets start afresh).
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.errors import InputError
from analysis.filters import Filters
from pages.ui import analyses, kept, personas
from pages.ui.files import Source
from pages.ui.text import plain, tr

FILTER_PARAMS = ("from", "to", "ch", "seg", "tp", "persona")
VALUES_PARAM = "sv."  # sv.<column>=<value>, once per chosen value of a segment column
CHOSEN = kept.feature("filters", persisted=False)
_URL_READ = "_filters_url_read"  # the digest of the file a link's filters were read for
_GENERATION = "_filters_generation"  # per file: bumped by "Clear filters", so the widgets start afresh


def current(src: Source) -> Filters:
    """The sidebar filters chosen for ``src`` (none when nothing was chosen for this file)."""
    return CHOSEN.get(src.digest) or Filters()


def widget_key(name: str, src: Source) -> str:
    """The key of one filter widget for ``src`` (``seg``, ``segv_<column>``, ``dates``, ``ch``, ``tp``,
    ``persona``); it changes with the file and when the filters are cleared."""
    generation = st.session_state.get(_GENERATION, {}).get(src.digest, 0)
    return f"filter_{name}__{src.digest[:12]}{generation}"


def _from_link(src: Source) -> bool:
    """Whether the URL's filters describe ``src``: they are read for the first survey of the session only."""
    read = st.session_state.setdefault(_URL_READ, src.digest)
    return read == src.digest


def _prime(key: str, from_url, check, use_url: bool, default=None) -> None:
    """Set a filter widget's state before it is drawn: from the URL when new (and the link is for this file),
    else re-checked against the data (a mapping edit can take values away).

    A new widget whose value would be its ``default`` anyway is left alone (Streamlit warns
    when a widget with a default value also gets one through the session state).
    """
    if key not in st.session_state:
        if use_url:
            value = check(from_url())
            if value != default:
                st.session_state[key] = value
        return
    current_value = st.session_state[key]
    checked = check(current_value)
    if checked != current_value:
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


def _clear(src: Source) -> None:
    """Button callback: forget every filter of ``src``, in the session, the widgets and the URL."""
    CHOSEN.drop(src.digest)
    generations = st.session_state.setdefault(_GENERATION, {})
    generations[src.digest] = generations.get(src.digest, 0) + 1
    for param in [*FILTER_PARAMS, *(param for param in st.query_params if param.startswith(VALUES_PARAM))]:
        if param in st.query_params:
            del st.query_params[param]


def sidebar_filters(src: Source) -> None:
    """The global filters in the sidebar for the survey ``src``; the choice is kept for :func:`current`."""
    try:
        options = analyses.filter_choices(src)
    except Exception:  # the page itself says what is wrong with the file
        CHOSEN.drop(src.digest)
        return
    if options["kind"] == "transactions":  # the filters narrow survey responses, not purchases
        CHOSEN.drop(src.digest)
        return
    use_url = _from_link(src)
    chosen, params = Filters(), {}
    with st.sidebar:
        st.subheader(tr("filter.title"))
        bounds = options["dates"]
        if bounds and bounds[0] < bounds[1]:
            key = widget_key("dates", src)
            _prime(key, lambda: (_url_date("from") or bounds[0], _url_date("to") or bounds[1]),
                   lambda value: _checked_dates(value, bounds), use_url, default=tuple(bounds))
            days = st.date_input(tr("filter.dates"), value=bounds, min_value=bounds[0], max_value=bounds[1],
                                 key=key, format="YYYY-MM-DD")
            days = tuple(days) if isinstance(days, (tuple, list)) else (days,)
            if days and days[0] > bounds[0]:
                chosen.date_from = params["from"] = days[0]
            if len(days) == 2 and days[1] < bounds[1]:
                chosen.date_to = params["to"] = days[1]
        if options["channels"]:
            chosen.channels = params["ch"] = _multiselect(src, "ch", tr("filter.channel"), options["channels"],
                                                          tr("filter.all_channels"), use_url)
        segments = options["segments"]
        if segments:
            columns = _multiselect(src, "seg", tr("filter.segment"), list(segments), tr("filter.no_segment"), use_url,
                                   help=tr("filter.segment_help"), label=options["labels"].get)
            params["seg"] = columns
            for column in columns:
                param = VALUES_PARAM + column
                chosen.segments[column] = params[param] = _multiselect(
                    src, f"segv_{column}",
                    tr("filter.segment_values", column=plain(options["labels"].get(column, column))),
                    segments[column], tr("filter.all_values"), use_url, param=param)
        if len(options["touchpoints"]) > 1:
            chosen.touchpoints = params["tp"] = _multiselect(src, "tp", tr("filter.touchpoints"),
                                                             options["touchpoints"], tr("filter.all_touchpoints"),
                                                             use_url, label=options["labels"].get)
        found = _personas(src, chosen)
        if found is not None:
            picked = _multiselect(src, "persona", tr("filter.persona"),
                                  [str(n) for n in range(1, len(found.names) + 1)], tr("filter.all_personas"),
                                  use_url, help=tr("filter.persona_help"),
                                  label=lambda number: found.names[int(number) - 1])
            params["persona"] = picked
            assignments = found.assignments
            chosen.rows = assignments.index[assignments.isin([int(n) - 1 for n in picked])].tolist() if picked else []
            personas.write_url(personas.wanted(src))
        if chosen.active:
            narrowed = analyses.filtered(analyses.select(src, chosen))
            st.caption(tr("filter.note", n=f"{narrowed.rows_used:,}", total=f"{options['rows']:,}"))
            st.button(tr("filter.clear"), on_click=_clear, args=(src,), icon=":material/filter_alt_off:",
                      type="tertiary", key=f"filter_clear__{src.digest[:12]}")
    CHOSEN.put(src.digest, chosen)
    _write_url(params)


def _write_url(params: dict) -> None:
    """Mirror the chosen filters in the URL (parameters of filters not chosen are removed)."""
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


def _personas(src: Source, chosen: Filters):
    """The personas in use for ``src``, found again from a shared link's settings when it filters by persona."""
    found = personas.in_use(src)
    if found is None and _from_link(src) and st.query_params.get_all("persona"):
        try:
            personas.rebuild(src, chosen)
        except InputError:  # the Personas page says what is wrong with the settings
            return None
        found = personas.in_use(src)
    return found


def _multiselect(src: Source, name: str, title: str, choices: list[str], placeholder: str, use_url: bool,
                 param: str | None = None, help: str | None = None, label=str) -> list[str]:
    """A multiselect whose choice starts from the URL parameter (``param``, default ``name``) and keeps only
    values in ``choices``; ``label`` words each choice."""
    key = widget_key(name, src)
    _prime(key, lambda: st.query_params.get_all(param or name), lambda values: [v for v in values if v in choices],
           use_url)
    return st.multiselect(title, choices, key=key, placeholder=placeholder, help=help, format_func=label)


def filter_note(src: Source) -> None:
    """A caption "Filtered: n of N responses" when a sidebar filter narrows ``src``."""
    chosen = current(src)
    if chosen.active:
        total = analyses.filter_choices(src)["rows"]
        st.caption(tr("filter.note", n=f"{analyses.filtered(analyses.select(src, chosen)).rows_used:,}",
                      total=f"{total:,}"), help=tr("filter.note_help"))
