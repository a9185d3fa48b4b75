"""Report page: the insight notebook. Charts and tables pinned on any page, each with the analyst's note, read
top to bottom as a story; editors reword, reorder and remove pins; everyone downloads the self-contained report."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.io import load_export
from analysis.report import build_report, default_pins
from analysis.sample import sample_paths
from pages.ui import access, briefing, files, project, site
from pages.ui.text import lang, plain, tr, viewer_time

PAGE_SIZE = 10  # pins drawn at a time


def pin_view(pin, position: int, total: int, editing: bool) -> None:
    """One pin: its title, note, and chart or table; for editors, its note editor and move / remove buttons."""
    with st.container(border=True):
        pin_body(pin)
        st.caption(tr("report.pinned_on", page=page_name(pin.page), when=viewer_time(pin.created)))
        if editing:
            with st.container(horizontal=True):
                with st.popover(tr("report.edit_note"), icon=":material/edit_note:", type="tertiary"):
                    st.text_area(tr("report.note"), pin.note, key=f"report_note_{pin.id}", height=120)
                    st.button(tr("report.save_note"), key=f"report_save_{pin.id}", on_click=save_note, args=(pin.id,))
                st.button(tr("report.up"), key=f"report_up_{pin.id}", icon=":material/arrow_upward:", type="tertiary",
                          disabled=position == 0, on_click=move, args=(pin.id, -1))
                st.button(tr("report.down"), key=f"report_down_{pin.id}", icon=":material/arrow_downward:",
                          type="tertiary", disabled=position == total - 1, on_click=move, args=(pin.id, 1))
                st.button(tr("report.remove"), key=f"report_remove_{pin.id}", icon=":material/delete:",
                          type="tertiary", on_click=remove, args=(pin.id,))


def pin_body(pin) -> None:
    """A pin's title, note, and chart or table."""
    st.subheader(plain(pin.title) or tr("report.untitled"))
    if pin.note:
        st.markdown(plain(pin.note))
    if pin.kind == "chart":
        st.vega_lite_chart(pin.payload)
    else:
        st.dataframe(shown_table(pd.DataFrame(pin.payload["records"], columns=pin.payload["columns"])),
                     hide_index=True)


def shown_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A pinned table as people read it: an empty cell is a dash, not "None" (columns with one read as text)."""
    gaps = [column for column in frame.columns if frame[column].isna().any()]
    return frame.assign(**{column: frame[column].map(lambda value: "—" if pd.isna(value) else str(value))
                           for column in gaps})


@st.cache_data(show_spinner=False)
def sample_pins(language: str) -> list:
    """The report the command line writes for the bundled sample's survey and feedback (its default pins)."""
    return default_pins([load_export(sample_paths()[kind]) for kind in files.KINDS], language)


def sample_draft() -> None:
    """Until something is pinned, the sample project's report: what a report looks like, ready to download."""
    pins = sample_pins(lang())
    st.caption(tr("report.sample_draft"))
    st.download_button(tr("report.download"), lambda: build_report(pins, "", lang()).encode("utf-8"),
                       file_name="journey-lens-sample-report.html", mime="text/html", on_click="ignore",
                       icon=":material/download:", key="report_sample_download")
    for pin in pins:
        with st.container(border=True):
            pin_body(pin)


def pager(total: int) -> int:
    """Which pins to show, ``PAGE_SIZE`` at a time (a report of hundreds of charts would take minutes to draw):
    returns the position of the first one."""
    pages = -(-total // PAGE_SIZE)
    if pages == 1:
        return 0
    number = st.number_input(tr("report.page", pages=f"{pages:,}"), min_value=1, max_value=pages, step=1, key="report_page",
                             width=220)
    first = (number - 1) * PAGE_SIZE
    st.caption(tr("report.showing", first=f"{first + 1:,}", last=f"{min(first + PAGE_SIZE, total):,}",
                  total=f"{total:,}"))
    return first


def page_name(page: str) -> str:
    """The name of the page a pin came from, in the session language."""
    page = page or "data"  # pins of the Data page (the app's root) were once saved without a name
    return tr(f"nav.{page}") if page in site.NAMES else plain(page)


def save_note(pin_id: int) -> None:
    project.handle().edit_pin(pin_id, note=st.session_state[f"report_note_{pin_id}"].strip())


def move(pin_id: int, step: int) -> None:
    opened = project.handle()
    order = [pin.id for pin in opened.pins()]
    at = order.index(pin_id)
    order.insert(min(max(at + step, 0), len(order) - 1), order.pop(at))
    opened.reorder_pins(order)


def remove(pin_id: int) -> None:
    project.handle().delete_pin(pin_id)


st.title(tr("nav.report"))
found = project.current()
opened = project.handle() if found else None
pins = opened.pins() if opened else []
if not pins:
    st.info(tr("report.nothing_pinned"), icon=":material/push_pin:")
    if all(files.source(kind).sample for kind in files.KINDS):
        sample_draft()
    st.stop()
name = project.name()
summary, survey = briefing.survey_summary()
briefing.show(summary, survey, here=False)
st.caption(tr("report.intro", project=plain(name), n=len(pins)))
st.download_button(tr("report.download"), lambda: build_report(pins, name, lang(), summary=summary).encode("utf-8"),
                   file_name="journey-lens-report.html", mime="text/html", on_click="ignore",
                   icon=":material/download:", key="report_download", type="primary")
st.caption(tr("report.pdf_hint"))
first = pager(len(pins))
for position, pin in enumerate(pins[first:first + PAGE_SIZE], start=first):
    pin_view(pin, position, len(pins), access.editable())
