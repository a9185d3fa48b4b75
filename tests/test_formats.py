"""Survey-tool formats: real exports from each tool and small synthetic ones built here."""
from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from analysis import formats
from analysis.io import load_export


def write_rows(path, rows: list[list[str]]) -> None:
    """Write rows as a standard CSV (quoting cells that hold commas, quotes or newlines)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


# --- real exports ------------------------------------------------------------------------

def test_qualtrics_2016_export_keeps_ids_as_names_and_question_text(shared_data):
    export = load_export(shared_data / "survey_exports" / "qualtrics_2016_insights_better_sample_survey.csv")
    assert export.format == "qualtrics"
    assert export.header_rows == 3
    assert export.rows == 10 and export.frame.shape == (10, 59)
    assert export.frame.index[0] == 4  # three header rows above the first response
    assert export.frame.columns[0] == "ResponseID"
    assert export.questions["q2_favorite"] == "Please select your favorite fruit from the following options"
    assert export.questions["q1_recent_q1_recent_1_1"].startswith(
        "Please indicate how recently you've eaten each of the following fruit-Canteloupe")
    assert export.frame["ResponseID"].iloc[0] == "R_9RWrgh1F9m7488l"


def test_surveymonkey_xlsx_names_each_option_column_after_its_question(shared_data):
    export = load_export(shared_data / "survey_exports" / "surveymonkey_vimff_cohort1_post_redacted.xlsx")
    assert export.format == "surveymonkey"
    assert export.sheet == "Sheet"
    assert export.header_rows == 2
    assert export.rows == 12 and export.frame.shape == (12, 52)
    assert export.frame.index[0] == 3
    question = ("After participating in the VIMFF WWCP, what styles of indoor climbing do you practice? "
                "(Select all that apply)")
    options = [c for c in export.frame.columns if c.startswith(question)]
    assert options == [f"{question} - {option}" for option in ("Bouldering", "Top-rope", "Lead")]
    assert all(export.questions[c] == question for c in options)
    assert "Is there anything else you would like to share from your experience in the VIMFF WWCP?" in export.frame
    assert export.frame["Respondent ID"].tolist()[:2] == ["Participant 1", "Participant 2"]


def test_typeform_export_strips_html_and_makes_repeated_questions_unique(shared_data):
    export = load_export(shared_data / "survey_exports" / "typeform_osmi_mental_health_2018.csv")
    assert export.format == "typeform"
    assert export.rows == 417 and export.frame.shape == (417, 123)
    columns = list(export.frame.columns)
    assert columns[0] == "#" and columns[1] == "Are you self-employed?"
    assert not any("<" in c or ">" in c for c in columns)
    assert len(set(columns)) == 123
    anxiety = "Anxiety Disorder (Generalized, Social, Phobia, etc)"
    assert [c for c in columns if c.startswith(anxiety)] == [anxiety, f"{anxiety} (2)", f"{anxiety} (3)"]
    assert anxiety in export.duplicate_headers
    assert columns[-3:] == ["Start Date (UTC)", "Submit Date (UTC)", "Network ID"]


def test_google_forms_export_is_recognised_by_its_timestamp_column(shared_data):
    export = load_export(shared_data / "survey_exports" / "google_forms_cs50_favorite_tv_shows.csv")
    assert export.format == "google_forms"
    assert export.rows == 490
    assert list(export.frame.columns) == ["Timestamp", "title", "genres"]
    assert export.frame.iloc[0].tolist() == ["10/28/2019 15:03:45", "Caes de Berlim", "Drama, Sports"]


# --- synthetic exports -------------------------------------------------------------------

def test_modern_qualtrics_three_row_header_with_json_import_ids(tmp_path):
    path = tmp_path / "qualtrics.csv"
    write_rows(path, [
        ["StartDate", "ResponseId", "Q1", "Q2_1", "Q2_2", "Q3"],
        ["Start Date", "Response ID", "How likely are you to recommend us to a friend?",
         "Rate the visit - Speed", "Rate the visit - Staff", "Anything else?\n(optional)"],
        [json.dumps({"ImportId": "startDate", "timeZone": "America/Denver"}), json.dumps({"ImportId": "_recordId"}),
         json.dumps({"ImportId": "QID1"}), json.dumps({"ImportId": "QID2_1"}), json.dumps({"ImportId": "QID2_2"}),
         json.dumps({"ImportId": "QID3_TEXT"})],
        ["2024-05-01 10:00:00", "R_1", "9", "4", "5", "Great, thanks"],
        ["2024-05-01 11:00:00", "R_2", "3", "2", "", ""],
    ])
    export = load_export(path)
    assert export.format == "qualtrics"
    assert export.header_rows == 3
    assert list(export.frame.columns) == ["StartDate", "ResponseId", "Q1", "Q2_1", "Q2_2", "Q3"]
    assert export.questions["Q1"] == "How likely are you to recommend us to a friend?"
    assert export.questions["Q3"] == "Anything else? (optional)"
    assert export.rows == 2
    assert export.frame.index.tolist() == [4, 5]
    assert export.frame.loc[4, "Q3"] == "Great, thanks"
    assert export.frame.loc[5, "Q1"] == 3
    assert pd.isna(export.frame.loc[5, "Q2_2"])


def test_qualtrics_question_text_spanning_many_lines_is_still_one_header_row(tmp_path):
    path = tmp_path / "consent.csv"
    terms = "Please read the terms:\n" + "\n".join(f"{i}. term" for i in range(1, 31)) + "\nDo you agree?"
    write_rows(path, [
        ["ResponseId", "Q1", "Q2"],
        ["Response ID", terms, "Comment"],
        [json.dumps({"ImportId": "_recordId"}), json.dumps({"ImportId": "QID1"}), json.dumps({"ImportId": "QID2_TEXT"})],
        ["R_1", "Yes", "ok"],
        ["R_2", "No", ""],
    ])
    export = load_export(path)
    assert export.format == "qualtrics"
    assert export.rows == 2
    assert export.questions["Q1"].startswith("Please read the terms: 1. term 2. term")
    assert export.frame["Q1"].tolist() == ["Yes", "No"]


def test_legacy_qualtrics_v_columns_take_their_names_from_the_second_row(tmp_path):
    path = tmp_path / "legacy.csv"
    write_rows(path, [
        ["V1", "V2", "V3", "Q1", "Q2"],
        ["ResponseID", "ResponseSet", "Name", "How satisfied were you overall?", "Comments"],
        ["R_1", "Default", "Ann", "5", "ok"],
        ["R_2", "Default", "Bob", "2", ""],
        ["R_3", "Default", "Cy", "4", "fine"],
    ])
    export = load_export(path)
    assert export.format == "qualtrics"
    assert export.header_rows == 2
    assert list(export.frame.columns) == ["ResponseID", "ResponseSet", "Name", "Q1", "Q2"]
    assert export.questions["Q1"] == "How satisfied were you overall?"
    assert export.rows == 3
    assert export.frame.index.tolist() == [3, 4, 5]
    assert export.frame["Q1"].tolist() == [5, 2, 4]


def test_surveymonkey_csv_two_row_header(tmp_path):
    path = tmp_path / "monkey.csv"
    channels = "Which channels did you use? (Select all that apply)"
    write_rows(path, [
        ["Respondent ID", "Collector ID", channels, "", "", "How satisfied are you?", "Why?"],
        ["", "", "Email", "Phone", "Chat", "Response", "Open-Ended Response"],
        ["1001", "77", "Email", "", "Chat", "Very satisfied", "Quick"],
        ["1002", "77", "", "Phone", "", "Dissatisfied", ""],
    ])
    export = load_export(path)
    assert export.format == "surveymonkey"
    assert export.header_rows == 2
    assert list(export.frame.columns) == [
        "Respondent ID", "Collector ID", f"{channels} - Email", f"{channels} - Phone", f"{channels} - Chat",
        "How satisfied are you?", "Why?",
    ]
    assert export.questions[f"{channels} - Chat"] == channels
    assert export.rows == 2
    assert export.frame.index.tolist() == [3, 4]
    assert export.frame.loc[3, f"{channels} - Chat"] == "Chat"
    assert pd.isna(export.frame.loc[3, f"{channels} - Phone"])


def test_typeform_csv_strips_html_and_numbers_repeated_questions(tmp_path):
    path = tmp_path / "typeform.csv"
    write_rows(path, [
        ["#", "<strong>How likely</strong> are you to recommend us?", "Why?", "Why?", "Submit Date (UTC)", "Network ID"],
        ["abc", "10", "fast", "cheap", "2024-05-01 10:00:00", "n1"],
    ])
    export = load_export(path)
    assert export.format == "typeform"
    assert list(export.frame.columns) == [
        "#", "How likely are you to recommend us?", "Why?", "Why? (2)", "Submit Date (UTC)", "Network ID"]
    assert list(export.duplicate_headers) == ["Why?"]
    assert export.frame.loc[2, "Why? (2)"] == "cheap"


def test_respondent_id_without_a_subheader_row_stays_generic(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("Respondent ID,score\n1,5\n2,4\n", encoding="utf-8")
    export = load_export(path)
    assert export.format == "generic"
    assert export.header_rows == 1
    assert export.rows == 2


def test_file_without_header_gets_numbered_columns(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("1,5,3\n2,4,4\n3,3,5\n", encoding="utf-8")
    export = load_export(path)
    assert export.header_rows == 0
    assert list(export.frame.columns) == ["column_1", "column_2", "column_3"]
    assert export.rows == 3
    assert export.frame.index.tolist() == [1, 2, 3]


# --- the detector on its own -------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("<strong>Rate</strong> &amp; review", "Rate & review"),
    ("  Overall\n  satisfaction \r\n(1-5) ", "Overall satisfaction (1-5)"),
    ("Q\x001", "Q1"),
    ("<p>Why?</p>", "Why?"),
])
def test_clean_header_strips_html_entities_nul_and_padding(raw, expected):
    assert formats.clean_header(raw) == expected


def test_detect_reads_a_frame_of_raw_strings():
    raw = pd.DataFrame([["Timestamp", "Score"], ["1/2/2024 10:00:00", "5"]])
    layout = formats.detect(raw)
    assert (layout.format, layout.header_rows, layout.columns) == ("google_forms", 1, ["Timestamp", "Score"])


def test_detect_accepts_single_quoted_2016_import_ids():
    raw = pd.DataFrame([["Q1", "Q2"], ["How?", "Why?"], ["{'ImportId': 'QID1'}", "{'ImportId': 'QID2'}"], ["1", "2"]])
    layout = formats.detect(raw)
    assert (layout.format, layout.header_rows, layout.questions) == ("qualtrics", 3, ["How?", "Why?"])


def test_json_upload_of_tool_export_keeps_format_detection():
    records = [{"Timestamp": "1/2/2024 10:00:00", "Score": 5}, {"Timestamp": "1/3/2024 11:00:00", "Score": 3}]
    export = load_export(json.dumps(records).encode(), name="forms.json")
    assert export.format == "google_forms"
    assert export.frame["Score"].tolist() == ["5", "3"]
