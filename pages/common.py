"""Shared UI helpers: the session language, the active data sources and cached analysis calls.

Per-user state lives in ``st.session_state`` only; the caches are keyed by a hash of the
file bytes, so two users with different files never see each other's data.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import NamedTuple

import altair as alt
import pandas as pd
import streamlit as st
from streamlit import config as st_config

from analysis.compare import compare_groups, default_groups, format_p
from analysis.drivers import key_drivers
from analysis.errors import InputError
from analysis.filters import Filters, apply_filters, filter_options
from analysis.i18n import LANGUAGES, STRINGS, t
from analysis.io import load_export
from analysis.journey import friction_points, journey_map, touchpoint_summary
from analysis.prepare import prepare
from analysis.sample import sample_paths
from analysis.schema import detect_roles
from analysis.summary import headline_metrics
from analysis.trends import metric_trend, segment_heatmap

KINDS = ("survey", "feedback")
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "json"]
HEADLINE_METRICS = ("nps", "csat", "ces", "satisfied")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
VL_VERSION = "v" + "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])  # vl-convert's name, e.g. v6_4
_LOG = logging.getLogger(__name__)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


SHELL_KEY = "_journey_lens_shell"
_RESTARTED = "_journey_lens_restarted"


def shell():
    """What app.py does before running a page: page config, language switch, filters, navigation.

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
    sidebar_filters()
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


def lang() -> str:
    """The language chosen in the sidebar (English until one is picked)."""
    return st.session_state.get("lang") or "en"


def tr(key: str, **fmt) -> str:
    """Translate ``key`` into the session language."""
    return t(key, lang(), **fmt)


def tr_code(key: str) -> str:
    """Translate a key built from a library code (``problem.blank``); unknown codes show as is."""
    return tr(key) if key in STRINGS else key.partition(".")[2]


def sentences(*parts: str) -> str:
    """Sentences run together: with spaces in English, without in Chinese."""
    return ("" if lang() == "zh" else " ").join(part for part in parts if part)


def p_text(p_value: float) -> str:
    """A p-value as shown to people: 'p < 0.001', 'p = 0.004' or 'p = 0.41'; a dash when unknown."""
    if pd.isna(p_value):
        return "—"
    return format_p(p_value)


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


# The parsed export and the prepared tables are resources, not data: shared read-only (no page
# changes them), so a big export is not unpickled afresh on every rerun. The key is the file's
# hash, so two users share an entry only when they uploaded the same bytes.
@st.cache_resource(show_spinner=False, max_entries=16)
def _load(digest: str, name: str, _data: bytes):
    return load_export(_data, name=name)


@st.cache_data(show_spinner=False, max_entries=16)
def _roles(digest: str, name: str, _data: bytes) -> pd.DataFrame:
    return detect_roles(_load(digest, name, _data))


@st.cache_resource(show_spinner=False, max_entries=32)
def _prepare(digest: str, name: str, mapping_key: str, _mapping: pd.DataFrame, _data: bytes):
    return prepare(_load(digest, name, _data), _mapping)


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


def _keys(src: Source) -> tuple[str, str, str, pd.DataFrame]:
    """Cache-key arguments for ``src``: digest, name, a hash of its mapping, and the mapping itself.

    Caches key on the mapping's hash rather than the mapping, which Streamlit would otherwise
    hash again on every call.
    """
    current = mapping(src)
    text = current.to_json(orient="split", date_format="iso", double_precision=15)
    return src.digest, src.name, hashlib.sha256(text.encode("utf-8")).hexdigest(), current


def keep_mapping(src: Source, edited: pd.DataFrame | None) -> None:
    """Store the analyst's mapping for ``src``; ``None`` goes back to the detected one."""
    mappings = st.session_state.setdefault("mappings", {})
    if edited is None:
        mappings.pop(src.digest, None)
    else:
        mappings[src.digest] = edited


def prepared(src: Source):
    """``src`` typed and validated under the current mapping."""
    return _prepare(*_keys(src), src.data)


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


# Global filters --------------------------------------------------------------------------------
# The sidebar filters narrow the survey on every page. Each widget keeps its value in
# st.session_state under its key; the choice is mirrored in the URL (?from=&to=&ch=&seg=&segv=&tp=)
# so a copied link reopens the same view. Values that do not exist in the current data are dropped.

FILTER_PARAMS = ("from", "to", "ch", "seg", "segv", "tp")
FILTER_WIDGETS = {"dates": "filter_dates", "ch": "filter_ch", "seg": "filter_seg", "segv": "filter_segv",
                  "tp": "filter_tp"}
_FILTERS = "_filters"
EVERYONE = "\x00everyone"  # the segment choice "no segment"; no column is called that


@st.cache_data(show_spinner=False, max_entries=32)
def _options(digest: str, name: str, mapping_key: str, _mapping: pd.DataFrame, _data: bytes) -> dict:
    result = _prepare(digest, name, mapping_key, _mapping, _data)
    return {**filter_options(result), "rows": result.rows_used}


def filter_choices(src: Source) -> dict:
    """What the sidebar offers for ``src``: see ``analysis.filters.filter_options``, plus its row count."""
    return _options(*_keys(src), src.data)


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
    for key in FILTER_WIDGETS.values():
        st.session_state.pop(key, None)
    for param in FILTER_PARAMS:
        if param in st.query_params:
            del st.query_params[param]


def sidebar_filters() -> None:
    """The global filters in the sidebar (for the survey in use); the choice is kept for ``filtered()``."""
    src = source("survey")
    try:
        options = filter_choices(src)
    except Exception:  # the page itself says what is wrong with the file
        st.session_state.pop(_FILTERS, None)
        return
    chosen, params = Filters(), {}
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
            key = FILTER_WIDGETS["seg"]
            _prime(key, lambda: st.query_params.get("seg"), lambda value: value if value in segments else EVERYONE)
            everyone = tr("filter.no_segment")  # not looked up inside format_func: AppTest calls it off-script
            segment = st.selectbox(tr("filter.segment"), [EVERYONE, *segments], key=key,
                                   format_func=lambda column: everyone if column == EVERYONE else column,
                                   help=tr("filter.segment_help"))
            if segment != EVERYONE:
                chosen.segment = params["seg"] = segment
                chosen.segment_values = params["segv"] = _multiselect(
                    "segv", tr("filter.segment_values", column=plain(segment)), segments[segment],
                    tr("filter.all_values"))
        if len(options["touchpoints"]) > 1:
            chosen.touchpoints = params["tp"] = _multiselect("tp", tr("filter.touchpoints"), options["touchpoints"],
                                                             tr("filter.all_touchpoints"))
        if chosen.active:
            narrowed = _filtered(*_keys(src), filters_key(chosen), src.data)
            st.caption(tr("filter.note", n=f"{narrowed.rows_used:,}", total=f"{options['rows']:,}"))
            st.button(tr("filter.clear"), on_click=_clear_filters, icon=":material/filter_alt_off:",
                      type="tertiary", key="filter_clear")
    st.session_state[_FILTERS] = (src.digest, chosen)
    for param in FILTER_PARAMS:
        value = params.get(param)
        if isinstance(value, date):
            value = value.isoformat()
        if value:
            if (st.query_params.get_all(param) if isinstance(value, list) else st.query_params.get(param)) != value:
                st.query_params[param] = value
        elif param in st.query_params:
            del st.query_params[param]


def _multiselect(param: str, label: str, choices: list[str], placeholder: str) -> list[str]:
    key = FILTER_WIDGETS[param]
    _prime(key, lambda: st.query_params.get_all(param), lambda values: [v for v in values if v in choices])
    return st.multiselect(label, choices, key=key, placeholder=placeholder)


def current_filters(src: Source) -> Filters:
    """The sidebar filters, when they were drawn for ``src``; no filter otherwise."""
    state = st.session_state.get(_FILTERS)
    return state[1] if state and state[0] == src.digest else Filters()


def filters_key(filters: Filters) -> tuple:
    """A hashable form of ``filters`` for cache keys."""
    return tuple((name, tuple(value) if isinstance(value, list) else value) for name, value in asdict(filters).items())


@st.cache_resource(show_spinner=False, max_entries=4)
def _filtered(digest: str, name: str, mapping_key: str, _mapping: pd.DataFrame, key: tuple, _data: bytes):
    # A resource, not data: shared read-only, so a big export is not copied on every rerun.
    fields = {field: list(value) if isinstance(value, tuple) else value for field, value in key}
    return apply_filters(_prepare(digest, name, mapping_key, _mapping, _data), Filters(**fields))


def filtered(src: Source):
    """``src`` prepared under the current mapping and narrowed by the sidebar filters (read-only)."""
    return _filtered(*_keys(src), filters_key(current_filters(src)), src.data)


def filter_note(src: Source) -> None:
    """A caption "Filtered: n of N responses" when a sidebar filter narrows ``src``."""
    if current_filters(src).active:
        total = filter_choices(src)["rows"]
        st.caption(tr("filter.note", n=f"{filtered(src).rows_used:,}", total=f"{total:,}"),
                   help=tr("filter.note_help"))


# Analyses of the filtered survey, cached by file, mapping, filters and parameters ---------------------

def _journey_tables(result, stages: tuple) -> tuple:
    table = touchpoint_summary(result.scores, result.mapping, dict(stages))
    return table, journey_map(table), friction_points(table)


def _headline(result) -> dict:
    return {name: metric.to_dict() for name, metric in headline_metrics(result).items()}


ANALYSES = {"metrics": _headline, "journey": _journey_tables, "drivers": key_drivers, "heatmap": segment_heatmap,
            "trend": metric_trend, "compare": compare_groups,
            "compare_defaults": default_groups}


@st.cache_data(show_spinner=False, max_entries=256)
def _analysis(kind: str, digest: str, name: str, mapping_key: str, _mapping: pd.DataFrame, key: tuple, params: tuple,
              _data: bytes):
    try:
        return ANALYSES[kind](_filtered(digest, name, mapping_key, _mapping, key, _data), *params), None
    except InputError as err:  # cached too: the same question gets the same answer
        return None, str(err)


def analysis(src: Source, kind: str, *params):
    """``(result, None)`` of one analysis of the filtered ``src``, or ``(None, message)`` on an InputError.

    ``kind`` names an entry of ``ANALYSES``; ``params`` must be hashable.
    """
    return _analysis(kind, *_keys(src), filters_key(current_filters(src)), params, src.data)


# Charts ----------------------------------------------------------------------------------------------
# Charts are built with Altair on named datasets; each layer is turned into Vega-Lite on its own and the
# layers are stacked here, and Streamlit gets the DataFrames as the named datasets. Altair then never
# copies the data or the layers, which would cost a good part of a rerun.

# Altair checks every object against the Vega-Lite schema as it is built, a tenth of a second per
# Journey rerun; the tests (tests/conftest.py sets JOURNEY_LENS_CHECK_CHARTS) build every chart with it on.
if not os.environ.get("JOURNEY_LENS_CHECK_CHARTS"):
    alt.utils.schemapi.disable_debug_mode()

VL_SCHEMA = f"https://vega.github.io/schema/vega-lite/{alt.SCHEMA_VERSION}.json"
VL_CONFIG = {"view": {"continuousWidth": 300, "continuousHeight": 300}}
EXPORT_WIDTH = 720


class Figure(NamedTuple):
    """A Vega-Lite spec that reads named datasets, and those datasets."""

    spec: dict
    datasets: dict[str, pd.DataFrame]


def named(name: str) -> alt.NamedData:
    """The data of a layer: a dataset of the Figure, by name."""
    return alt.NamedData(name=name)


def _plain_spec(value):
    return value.to_dict(validate=False) if hasattr(value, "to_dict") else value


def layered(layers: list, **props) -> dict:
    """Altair charts stacked as one Vega-Lite layer spec (without $schema; see ``figure``)."""
    specs = []
    for layer in layers:
        spec = layer.to_dict(validate=False)
        for key in ("$schema", "config", "datasets"):
            spec.pop(key, None)
        specs.append(spec)
    return {"layer": specs, **{key: _plain_spec(value) for key, value in props.items()}}


def figure(spec: dict, datasets: dict[str, pd.DataFrame], **props) -> Figure:
    """A top-level Figure from a ``layered`` (or concatenated) spec, with title, size and so on."""
    return Figure({"$schema": VL_SCHEMA, "config": VL_CONFIG, **spec,
                   **{key: _plain_spec(value) for key, value in props.items()}}, datasets)


def chart_image(spec: dict, datasets: dict[str, pd.DataFrame], fmt: str) -> bytes:
    """The chart rendered as PNG or SVG bytes (vl-convert)."""
    import vl_convert

    values = {name: json.loads(frame.to_json(orient="records", date_format="iso"))
              for name, frame in datasets.items()}
    full = {**spec, "datasets": values}
    if "layer" in spec and "width" not in spec:  # drawn at the page's width on screen
        full["width"] = EXPORT_WIDTH
    if fmt == "png":
        return vl_convert.vegalite_to_png(full, vl_version=VL_VERSION, scale=2)
    return vl_convert.vegalite_to_svg(full, vl_version=VL_VERSION).encode("utf-8")


def chart_downloads(spec: dict, datasets: dict[str, pd.DataFrame], table: pd.DataFrame, name: str) -> None:
    """PNG, SVG and CSV downloads under a chart; the images are rendered only when clicked."""
    with st.container(horizontal=True):
        for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(tr(f"download.{fmt}"), data=lambda fmt=fmt: chart_image(spec, datasets, fmt),
                               file_name=f"{name}.{fmt}", mime=mime, on_click="ignore",
                               icon=":material/image:", key=f"download_{name}_{fmt}")
        st.download_button(tr("download.csv"), data=lambda: table.to_csv(index=False).encode("utf-8-sig"),
                           file_name=f"{name}.csv", mime="text/csv", on_click="ignore",
                           icon=":material/table:", key=f"download_{name}_csv")


def chart(figure: Figure, table: pd.DataFrame, name: str, width: str = "stretch") -> None:
    """Draw a Figure with its PNG/SVG downloads and ``table`` as the CSV download."""
    st.vega_lite_chart({**figure.spec, "datasets": dict(figure.datasets)}, width=width)
    chart_downloads(figure.spec, figure.datasets, table, name)
