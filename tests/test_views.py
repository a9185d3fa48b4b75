"""Every page runs headless (Streamlit AppTest, no browser) in both languages without an exception."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.i18n import LANGUAGES, t

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGES = ["data", "journey", "sentiment", "personas", "compare", "report"]


@pytest.fixture
def app():
    return AppTest.from_file(str(APP), default_timeout=60)


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("name", PAGES)
def test_page_runs_in_language(app, name, lang):
    app.query_params["lang"] = lang
    app.run()
    if name != "data":
        app.switch_page(f"pages/{name}.py").run()
    assert not app.exception, app.exception[0].message
    assert not app.error, app.error[0].value
    assert app.title[0].value == t(f"nav.{name}", lang)
    assert app.session_state["lang"] == lang


def test_first_visit_uses_the_sample_and_says_so(app):
    app.run()
    assert any(t("data.sample_note", "en") == info.value for info in app.info)
    assert {status.label for status in app.status} == {
        t("data.loaded", "en", name=r"airline\_survey\.csv", rows="5,000"),
        t("data.loaded", "en", name=r"airline\_tweets\.csv", rows="2,000"),
    }


def test_unknown_language_in_the_url_falls_back_to_english(app):
    app.query_params["lang"] = "xx"
    app.run()
    assert app.session_state["lang"] == "en"
    assert app.title[0].value == "Data"


def test_unreadable_upload_shows_one_sentence_and_no_traceback(app):
    app.run()
    app.file_uploader(key="upload_survey_0").upload("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(64), "text/csv").run()
    assert not app.exception
    assert [error.value for error in app.error] == [
        r"photo\.csv\: this is a PNG image, not a table; upload a CSV, TSV, TXT, XLSX or JSON export\."]
    assert t("data.failed", "en", name=r"photo\.csv") in {status.label for status in app.status}


def test_going_back_to_the_sample_forgets_the_upload(app):
    app.run()
    app.file_uploader(key="upload_survey_0").upload("tiny.csv", b"id,score\n1,4\n2,5\n3,3\n", "text/csv").run()
    assert t("data.using_upload", "en", name=r"tiny\.csv") in [caption.value for caption in app.caption]
    app.button(key="use_sample_survey").click().run()
    assert not app.exception
    assert app.file_uploader(key="upload_survey_1").value is None
    assert any(info.value == t("data.sample_note", "en") for info in app.info)
