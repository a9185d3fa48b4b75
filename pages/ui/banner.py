"""The banner table on the Compare page: the chosen questions by the chosen banners, with significance letters
(:mod:`analysis.crosstab`), its footnotes, XLSX and CSV downloads and a pin to the Report.

What is chosen (questions, banners, correction) is kept per survey (:mod:`pages.ui.kept`; in the project for
editors). Choosing them only changes the view, so viewers of a shared link choose too; the pin, which adds to
the report, is drawn for editors only (:func:`pages.ui.pins.pin_button`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import streamlit as st

from analysis import crosstab_export
from analysis.crosstab import BANNER_ROLES, DEFAULT_CORRECTION, Banner, Crosstab, banner_of, crosstab
from analysis.errors import InputError
from analysis.metric_registry import answers_of
from analysis.significance import CORRECTIONS
from pages.ui import analyses, charts, files, kept, personas
from pages.ui.text import lang, plain, tr, worded

ROW_ROLES = ("nps", "csat", "ces", "touchpoint", "outcome", "attribute", "channel", "behaviour")
PERSONA = "persona"  # the banner of the personas in use
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Settings:
    """The questions and banners chosen (None: the defaults) and the correction."""

    rows: tuple[str, ...] | None = None
    banners: tuple[str, ...] | None = None
    correction: str = DEFAULT_CORRECTION


SETTINGS = kept.feature("banner_table", asdict, lambda data: Settings(
    *(tuple(data[name]) if data.get(name) is not None else None for name in ("rows", "banners")),
    data.get("correction", DEFAULT_CORRECTION)))


def row_choices(result) -> list[str]:
    """Columns that can be rows: ratings, NPS, yes/no, categorical and multi-select columns, in file order."""
    return [column for column, role in zip(result.mapping["column"], result.mapping["role"]) if role in ROW_ROLES]


def default_rows(result) -> list[str]:
    """The headline metrics' columns and every touchpoint."""
    offered = set(row_choices(result))
    headline = [answers.column for _, answers in answers_of(result) if answers.column in offered]
    return list(dict.fromkeys([*headline, *result.columns("touchpoint")]))


def banner_choices(result, segments: dict) -> list[str]:
    """Columns that can be banners (the segment columns, then yes/no outcomes), and the personas when in use."""
    outcomes = [column for column in result.columns("outcome") if column not in segments]
    return [*[column for column in segments if result.spec(column)["role"] in BANNER_ROLES], *outcomes]


@st.cache_data(show_spinner=False, max_entries=32)
def _table(key, filters: tuple, weighting: str, rows: tuple, banners: tuple, correction: str, assigned: str,
           persona_word: str, _selection, _found) -> Crosstab:
    result = analyses.filtered(_selection)
    frame = files.load(_selection.src).frame
    made = []
    for column in banners:
        if column == PERSONA:
            names = dict(enumerate(_found.names))
            labels = _found.assignments.reindex(result.responses.index).map(names)
            made.append(Banner.of_series(persona_word, labels, _found.names))
        else:
            made.append(banner_of(result, column, frame))
    found = analyses.weights_of(_selection)
    weighted_by = None if found is None else ", ".join(found.margins) if found.source == "raked" else found.source
    return crosstab(result, list(rows), made, None if found is None else found.values, correction=correction,
                    frame=frame, weighted_by=weighted_by)


def section(page, segments: dict) -> None:
    """The banner table section of the Compare page for the survey ``page`` reads (its segment columns
    ``segments``)."""
    result, src = page.result, page.src
    st.subheader(tr("banner.title"))
    st.caption(tr("banner.intro"))
    found = personas.in_use(src)
    rows_offered = row_choices(result)
    banners_offered = [*banner_choices(result, segments), *([PERSONA] if found is not None else [])]
    wanted = SETTINGS.get(src.digest, Settings())
    persona_word = tr("compare.persona")
    label = worded([*rows_offered, *banners_offered],
                   lambda column: persona_word if column == PERSONA else page.label(column))
    rows = _picked(f"banner_rows_{src.digest}", tr("banner.rows"), rows_offered,
                   wanted.rows if wanted.rows is not None else default_rows(result), label)
    banners = _picked(f"banner_banners_{src.digest}", tr("banner.banners"), banners_offered,
                      wanted.banners if wanted.banners is not None else banners_offered[:2], label)
    correction_key = f"banner_correction_{src.digest}"
    kept.prime(correction_key, wanted.correction if wanted.correction in CORRECTIONS else DEFAULT_CORRECTION)
    correction = st.segmented_control(tr("banner.correction"), list(CORRECTIONS), key=correction_key,
                                      format_func=worded(CORRECTIONS, lambda name: tr(f"banner.correction.{name}")),
                                      help=tr("banner.correction_help")) or DEFAULT_CORRECTION
    SETTINGS.put(src.digest, Settings(tuple(rows), tuple(banners), correction))
    if not rows or not banners:
        st.info(tr("banner.pick"))
        return
    try:
        with st.spinner(tr("banner.working")):
            table = _table(page.selection.key, analyses.filters_key(page.selection.filters),
                           analyses.weighting_key(page.selection), tuple(rows),
                           tuple(banners), correction, _assigned(found, banners), persona_word, page.selection,
                           found)
    except InputError as err:
        st.info(plain(err.text(lang())))
        return
    show(table)


def _picked(key: str, title: str, offered: list[str], wanted, label) -> list[str]:
    """A multiselect of ``offered`` starting on ``wanted`` (those still offered)."""
    kept.prime(key, [column for column in wanted if column in offered])
    if any(column not in offered for column in st.session_state[key]):
        st.session_state[key] = [column for column in st.session_state[key] if column in offered]
    return st.multiselect(title, offered, key=key, format_func=label)


def _assigned(found, banners) -> str:
    """Which response is in which persona, as a cache key ('' when the personas are not a banner)."""
    return analyses.assigned_digest(found.assignments) if found is not None and PERSONA in banners else ""


def show(table: Crosstab) -> None:
    """The table with its letters and low-base marks, the footnotes, the downloads and the pin."""
    language = lang()
    frame = crosstab_export.shown(table, language)
    st.dataframe(frame, hide_index=True, width="stretch", height="content",
                 column_config={frame.columns[0]: st.column_config.TextColumn(pinned=True, width="medium"),
                                frame.columns[1]: st.column_config.TextColumn(pinned=True, width="medium")})
    st.caption("  \n".join(plain(note.text(language)) for note in table.footnotes()))
    with st.container(horizontal=True):
        charts.table_pin(frame, tr("banner.title"), "banner_table")
        st.download_button(tr("download.xlsx"), data=lambda: crosstab_export.xlsx(table, language, tr("banner.title")),
                           file_name="banner_table.xlsx", mime=XLSX, on_click="ignore", icon=":material/grid_on:",
                           key="download_banner_table_xlsx")
        st.download_button(tr("download.csv"), data=lambda: crosstab_export.csv(table, language),
                           file_name="banner_table.csv", mime="text/csv", on_click="ignore",
                           icon=":material/table:", key="download_banner_table_csv")

