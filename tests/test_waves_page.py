"""Waves in the app (Streamlit AppTest): add a wave on the Data page and correct its matching, see every metric per
wave on the Journey page in English and Chinese, compare two waves, and reopen the project in a new session."""
from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis.messages import LANGUAGES
from pages.ui.words import t
from tests.apptest import chart_data, chart_titles, go, kept_value, new_app, open_page

AIRLINE = "airline_passenger_satisfaction_sample.csv"
WAVE = "2025 Q3"


def _halves(shared_data) -> tuple[bytes, bytes]:
    """The airline survey's first 2,000 rows, and the rest as a later wave with a reworded, reordered header."""
    raw = pd.read_csv(shared_data / AIRLINE, dtype=str, keep_default_na=False)
    later = raw.iloc[2000:].rename(columns={"Cleanliness": "Cleanliness of the cabin", "Seat comfort": "Seat Comfort!"})
    return raw.iloc[:2000].to_csv(index=False).encode(), later[list(reversed(later.columns))].to_csv(index=False).encode()


def add_wave(app, shared_data, lang: str) -> str:
    """Upload the first half as the survey and the second as a wave labelled ``WAVE``, correcting one match;
    returns the survey's digest."""
    first, later = _halves(shared_data)
    open_page(app, "data", lang=lang)
    app.file_uploader(key="upload_survey_0").upload("wave1.csv", first, "text/csv").run()
    app.file_uploader(key="waves_upload_0").upload("later.csv", later, "text/csv").run()
    assert not app.exception
    editor = next(widget for widget in app.data_editor if widget.key.startswith("waves_pending_"))
    proposed = editor.value
    row = proposed.index[proposed["wave_column"] == "Cleanliness of the cabin"][0]
    assert row == 0  # the columns without a match come first, where the researcher looks
    assert proposed.loc[row, "base_column"] == t("waves.not_used", lang)  # too far from "Cleanliness" to propose
    assert proposed.set_index("wave_column").loc["Seat Comfort!", "base_column"] == "Seat comfort"
    app.session_state[editor.key] = {"edited_rows": {int(row): {"base_column": "Cleanliness"}}, "deleted_rows": [],
                                     "added_rows": []}
    app.run()
    next(box for box in app.text_input if box.key.startswith("waves_label_")).input(WAVE).run()
    app.button(key="waves_add").click().run()
    assert not app.exception
    return hashlib.sha256(first).hexdigest()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_a_wave_added_and_corrected_shows_per_wave_on_the_journey(app_test, shared_data, lang):
    digest = add_wave(app_test, shared_data, lang)
    kept = kept_value(app_test, "waves", digest)
    label, src, pairs = kept["waves"][0]
    assert (kept["label"], label, src.version is not None) == (t("waves.first_label", lang), WAVE, True)
    assert ("Cleanliness of the cabin", "Cleanliness") in pairs
    assert [row["label"] for row in app_test.dataframe[0].value.to_dict("records")] == [kept["label"], WAVE]
    go(app_test, "journey")
    assert not app_test.exception
    assert t("waves.journey_title", lang) in [header.value for header in app_test.subheader]
    per_wave = chart_data(app_test, "waves")
    assert per_wave["wave"].tolist() == [kept["label"], WAVE]
    assert per_wave["n"].tolist() == [2000, 3000]  # a panel's ids are one respondent per wave, none set aside
    first = t("waves.first_label", lang)
    assert any(first in title and WAVE in title for title in chart_titles(app_test))
    app_test.selectbox(key="waves_metric").select("Cleanliness").run()
    cleanliness = chart_data(app_test, "waves")
    assert cleanliness["n"].tolist() == [2000, 3000]  # the corrected match carries the wave's answers


def test_two_waves_compare_and_come_back_in_a_new_session_and_a_view_link(app_test, shared_data):
    add_wave(app_test, shared_data, "en")
    go(app_test, "compare")
    app_test.selectbox(key="compare_by").select("wave").run()
    assert app_test.selectbox(key="compare_a").options == ["Wave 1", WAVE]  # as the waves came, not sorted as text
    assert (app_test.selectbox(key="compare_a").value, app_test.selectbox(key="compare_b").value) == ("Wave 1", WAVE)
    app_test.selectbox(key="compare_a").select(WAVE).run()
    app_test.selectbox(key="compare_b").select("Wave 1").run()
    assert not app_test.exception
    assert any("2025 Q3" in title and "Wave 1" in title for title in chart_titles(app_test))
    token = app_test.query_params["project"]
    again = open_page(new_app(), "journey", project=token)
    assert chart_data(again, "waves")["wave"].tolist() == ["Wave 1", WAVE]
    app_test.button(key="project_new_view").click().run()
    viewer = open_page(new_app(), "data", project=app_test.session_state["_project"]["view_token"])
    assert not [widget for widget in viewer.file_uploader if widget.key.startswith("waves_")]
    assert not [button for button in viewer.button if str(button.key).startswith("waves_")]
    assert t("waves.title", "en") in [header.value for header in viewer.subheader]
    go(viewer, "journey")
    assert chart_data(viewer, "waves")["wave"].tolist() == ["Wave 1", WAVE]


def test_removing_the_wave_brings_back_the_survey_alone(app_test, shared_data):
    digest = add_wave(app_test, shared_data, "en")
    app_test.button(key=next(b.key for b in app_test.button if str(b.key).startswith("waves_remove_"))).click().run()
    assert kept_value(app_test, "waves", digest)["waves"] == ()
    go(app_test, "journey")
    assert t("waves.journey_title", "en") not in [header.value for header in app_test.subheader]
