"""The app as a whole, run headless (Streamlit AppTest): every page in both languages, the first visit, the
language from the link, and errors that never show their details."""
from __future__ import annotations

import pytest

from pages.ui.words import LANGUAGES, t
from pages.ui.site import NAMES as PAGES
from tests.apptest import APP, go


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("name", PAGES)
def test_page_runs_in_language(app_test, name, lang):
    app_test.query_params["lang"] = lang
    app_test.run()
    if name != "data":
        go(app_test, name)
    assert not app_test.exception, app_test.exception[0].message
    assert not app_test.error, app_test.error[0].value
    assert app_test.title[0].value == t(f"nav.{name}", lang)
    assert app_test.session_state["lang"] == lang


def test_first_visit_uses_the_sample_and_says_so(app_test):
    app_test.run()
    assert any(t("data.sample_note", "en") == info.value for info in app_test.info)
    assert {status.label for status in app_test.status} == {
        t("data.loaded", "en", name=r"airline\_survey\.csv", rows="5,000"),
        t("data.loaded", "en", name=r"airline\_tweets\.csv", rows="2,000"),
    }


def test_unknown_language_in_the_url_falls_back_to_english(app_test):
    app_test.query_params["lang"] = "xx"
    app_test.run()
    assert app_test.session_state["lang"] == "en"
    assert app_test.title[0].value == "Data"


def test_the_server_never_shows_exception_details():
    """An unexpected error reaches the browser as a generic message only: paths and code stay in the server log."""
    import tomllib

    config = tomllib.loads((APP.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
