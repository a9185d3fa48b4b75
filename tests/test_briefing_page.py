"""The executive summary in the app (Streamlit AppTest): first on the Journey page with a link to an anchor the page
draws for each sentence, first on the Data page a view link opens (links to the Journey page's charts, with the
view's project and language), on the Report page and in its download."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from analysis.briefing import ANCHORS, executive_summary
from analysis.sample import sample_paths
from pages.ui.text import plain
from tests.tables import prepared_path
from pages.ui.words import LANGUAGES, t
from tests.apptest import new_app, open_page, upload
from tests.test_projects import view_link

AIRLINE = "airline_passenger_satisfaction_sample.csv"
LINK = re.compile(r"\[[^\]]+\]\(((?:[^()\\]|\\.)*)\)$")


def first_block(app) -> tuple[str, str]:
    """The first two things the main area shows after the page's title and caption (depth first): the summary's
    title and its sentences when the summary comes first."""
    shown = [element for element in app.main
             if hasattr(element, "value") and type(element).__name__ not in ("Title", "Caption")]
    assert len(shown) >= 2 and all(type(element).__name__ == "Markdown" for element in shown[:2]), shown[:2]
    return shown[0].value, shown[1].value


def links(lines: str) -> list[str]:
    """The address each numbered sentence links to, Markdown escapes undone (as the renderer undoes them)."""
    found = []
    for line in lines.splitlines():
        match = LINK.search(line)
        assert match, f"a sentence without a link: {line}"
        found.append(re.sub(r"\\(.)", r"\1", match.group(1)))
    return found


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_journey_page_opens_on_the_summary_whose_links_reach_its_charts(app_test, lang):
    open_page(app_test, "journey", lang=lang)
    title, sentences = first_block(app_test)
    assert title == f"**{t('summary.title', lang)}**"
    assert sentences.startswith("1. ") and len(sentences.splitlines()) >= 3
    anchors = {header.proto.anchor for header in app_test.subheader if header.proto.anchor}
    targets = links(sentences)
    assert all(target.startswith("#") and target[1:] in anchors for target in targets), (targets, anchors)
    assert targets[:2] == [f"#{ANCHORS['headline']}", f"#{ANCHORS['lost']}"]
    headline = executive_summary(prepared_path(sample_paths()["survey"]))[0]  # the library's first sentence
    assert headline.topic == "headline"
    assert sentences.splitlines()[0].startswith("1. " + plain(headline.message.text(lang)))
    if lang == "zh":
        assert "Satisfied share" not in sentences and "NPS is" not in sentences


def test_a_view_link_opens_on_the_summary_linking_to_the_journey_charts(app_test, shared_data):
    upload(app_test, shared_data / AIRLINE)
    view_token = view_link(app_test)
    viewer = new_app()
    open_page(viewer, "data", project=view_token, lang="zh")
    title, sentences = first_block(viewer)
    assert title == f"**{t('summary.title', 'zh')}**"
    assert "满意占比" in sentences
    for target in links(sentences):
        address = urlparse(target)
        assert address.path == "journey" and address.fragment in ANCHORS.values()
        assert parse_qs(address.query)["project"] == [view_token] and parse_qs(address.query)["lang"] == ["zh"]


def test_an_editor_on_the_data_page_sees_no_summary(app_test):
    app_test.run()
    assert not any("summary" in str(getattr(element, "key", "") or "") for element in app_test.main)
    assert f"**{t('summary.title', 'en')}**" not in [markdown.value for markdown in app_test.markdown]


def test_the_report_page_and_its_download_start_with_the_summary(app_test, shared_data):
    from analysis.pins import Pin
    from analysis.store import open_store

    upload(app_test, shared_data / AIRLINE)
    open_store().open_by_token(app_test.query_params["project"]).add_pin(
        Pin("table", "Pinned", {"columns": ["a"], "records": [{"a": 1}]}))
    app_test.session_state["lang"] = "zh"  # the session's language, as the sidebar switch sets it
    open_page(app_test, "report")
    title, sentences = first_block(app_test)
    assert title == f"**{t('summary.title', 'zh')}**" and "满意占比为 43\\.2%" in sentences
    html = app_test.get("download_button")[0].proto
    assert html.label == t("report.download", "zh")
