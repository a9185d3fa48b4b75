"""The Data page run headless (Streamlit AppTest): uploads and the sample, unreadable files, the role editor,
transaction exports and the date filter."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from streamlit.testing.v1 import AppTest

from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import filter_widget, go, kept_value, param


def test_unreadable_upload_shows_one_sentence_and_no_traceback(app_test):
    app_test.run()
    app_test.file_uploader(key="upload_survey_0").upload("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(64), "text/csv").run()
    assert not app_test.exception
    assert [error.value for error in app_test.error] == [
        r"photo\.csv\: this is a PNG image, not a table; upload a CSV, TSV, TXT, XLSX or JSON export\."]
    assert t("data.failed", "en", name=r"photo\.csv") in {status.label for status in app_test.status}


def test_going_back_to_the_sample_forgets_the_upload(app_test):
    app_test.run()
    app_test.file_uploader(key="upload_survey_0").upload("tiny.csv", b"id,score\n1,4\n2,5\n3,3\n", "text/csv").run()
    assert t("data.using_upload", "en", name=r"tiny\.csv") in [caption.value for caption in app_test.caption]
    app_test.button(key="use_sample_survey").click().run()
    assert not app_test.exception
    assert app_test.file_uploader(key="upload_survey_1").value is None
    assert any(info.value == t("data.sample_note", "en") for info in app_test.info)


def dated_survey() -> bytes:
    """The bundled survey with a submission date: day i of 2024 for row i (mod 300)."""
    from analysis.sample import sample_paths

    lines = sample_paths()["survey"].read_text(encoding="utf-8").splitlines()
    days = [(date(2024, 1, 1) + timedelta(days=i % 300)).isoformat() for i in range(len(lines) - 1)]
    rows = [f"{lines[0]},Submitted at"] + [f"{line},{day}" for line, day in zip(lines[1:], days)]
    return ("\n".join(rows) + "\n").encode("utf-8")


def test_date_filter_and_trend_over_time(app_test):
    app_test.run()
    app_test.file_uploader(key="upload_survey_0").upload("dated.csv", dated_survey(), "text/csv").run()
    assert not app_test.exception
    assert filter_widget(app_test.date_input, "dates").value == (date(2024, 1, 1), date(2024, 10, 26))
    filter_widget(app_test.date_input, "dates").set_value((date(2024, 2, 1), date(2024, 2, 29))).run()
    assert param(app_test, "from") == ["2024-02-01"] and param(app_test, "to") == ["2024-02-29"]
    assert t("filter.note", "en", n="493", total="5,000") in [caption.value for caption in app_test.caption]


def test_a_transaction_export_opens_on_customer_value(app_test, shared_data):
    data = (shared_data / "online_retail_200_customers.csv").read_bytes()
    app_test.run()
    app_test.file_uploader(key="upload_survey_0").upload("retail.csv", data, "text/csv").run()
    assert not app_test.exception
    assert t("customers.title", "en") in [header.value for header in app_test.subheader]
    assert [metric.value for metric in app_test.metric][:2] == ["198", "2,038"]
    assert any(caption.value.startswith("CLV assumes customers stay at least one year") for caption in app_test.caption)
    go(app_test, "journey")
    assert not app_test.exception and app_test.info[0].value == t("customers.journey_note", "en")
    go(app_test, "compare")
    assert not app_test.exception
    assert app_test.selectbox(key="compare_by").value == "Country"
    assert (app_test.selectbox(key="compare_a").value, app_test.selectbox(key="compare_b").value) == ("United Kingdom", "Germany")
    app_test.selectbox(key="compare_by").select("segment").run()
    assert app_test.selectbox(key="compare_a").value == "occasional"
    assert plain("Customer value (CLV) is") in "\n".join(m.value for m in app_test.markdown)


def test_role_editor_search_matches_column_label_and_question():
    from pages.ui.role_editor import shown_rows

    mapping = pd.DataFrame({"column": ["Q1", "Q2", "Q3"], "label": ["Check-in", "Seat", "Food"],
                            "question": ["How was check-in?", "How comfortable was the seat?", "食物怎么样？"],
                            "role": ["touchpoint", "touchpoint", "attribute"]})
    assert shown_rows(mapping, "CHECK", []).tolist() == [True, False, False]
    assert shown_rows(mapping, "comfortable", []).tolist() == [False, True, False]
    assert shown_rows(mapping, "食物", []).tolist() == [False, False, True]
    assert shown_rows(mapping, "", ["touchpoint"]).tolist() == [True, True, False]
    assert shown_rows(mapping, "q", ["attribute"]).tolist() == [False, False, True]


def test_role_editor_changes_the_roles_of_the_columns_shown_in_bulk(app_test):
    app_test.run()
    app_test.run()  # AppTest runs the first page bare (v1 mode), so page widgets get their lasting ids from the second run
    roles = next(widget for widget in app_test.multiselect if widget.key.startswith("mapping_survey_"))
    roles.select("channel").run()  # no column has this role: an empty editor, nothing breaks
    assert not app_test.exception
    assert t("data.mapping_shown", "en", shown="0", total="31") in [caption.value for caption in app_test.caption]
    roles = next(widget for widget in app_test.multiselect if widget.key.startswith("mapping_survey_"))
    roles.unselect("channel").select("touchpoint").run()
    assert t("data.mapping_shown", "en", shown="16", total="31") in [caption.value for caption in app_test.caption]
    bulk = next(widget for widget in app_test.selectbox if widget.key.startswith("mapping_survey_") and
                widget.key.endswith("_bulk_role"))
    bulk.select("ignore").run()
    next(button for button in app_test.button if button.key.endswith("_bulk_apply") and "survey" in button.key).click().run()
    assert not app_test.exception
    mapping = next(iter(kept_value(app_test, "mappings").values()))
    assert not (mapping["role"] == "touchpoint").any()
    go(app_test, "journey")
    assert not app_test.exception  # no touchpoint left: the journey is drawn from the comments in use
    assert t("journey.from_comments", "en") in [box.value for box in app_test.info]


def test_a_column_switched_to_a_rating_gets_its_scale_and_every_page_works(app_test):
    csv = "id,Waiting time in minutes,Overall satisfied (1-5)\n" + "".join(
        f"{i},{1 + i % 5},{1 + (i * 7) % 5}\n" for i in range(60))
    app_test.run()
    app_test.file_uploader(key="upload_survey_0").upload("waiting.csv", csv.encode(), "text/csv").run()
    app_test.run()
    roles = next(widget for widget in app_test.multiselect if widget.key.startswith("mapping_survey_"))
    roles.select("attribute").run()
    bulk = next(widget for widget in app_test.selectbox if widget.key.endswith("_bulk_role") and "survey" in widget.key)
    bulk.select("touchpoint").run()
    next(button for button in app_test.button if button.key.endswith("_bulk_apply") and "survey" in button.key).click().run()
    assert not app_test.exception and not app_test.error
    mapping = next(iter(kept_value(app_test, "mappings").values())).set_index("column")
    assert (mapping.loc["Waiting time in minutes", ["role", "scale_min", "scale_max"]].tolist()
            == ["touchpoint", 1.0, 5.0])
    assert "scale_inferred" in mapping.loc["Waiting time in minutes", "note"]
    for page in ("journey", "compare"):
        go(app_test, page)
        assert not app_test.exception and not app_test.error, page


def test_an_unusable_edit_is_refused_and_the_previous_mapping_kept():
    def script():
        import streamlit as st

        from pages.ui import files, mappings, role_editor

        src = files.source("survey")
        current = mappings.mapping(src)
        bad = current.copy()
        bad.loc[bad["column"] == "Seat comfort", ["scale_min", "scale_max"]] = [5.0, 1.0]
        role_editor.keep_checked(src, bad, current)
        st.write(str(mappings.MAPPINGS.items()))

    app_test = AppTest.from_function(script, default_timeout=60)
    app_test.run()
    assert not app_test.exception
    assert app_test.error[0].value.startswith(t("data.mapping_refused", "en", reason=""))
    assert "Seat comfort" in app_test.error[0].value
    assert app_test.markdown[0].value == "{}"  # nothing stored: every page keeps the detected mapping
