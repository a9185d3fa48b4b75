"""One word list for every column with the same answers, and mapping templates saved on one wave of a survey
and applied to the next: the library, the command line and the Data page (AppTest)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.answer_sets import answer_label_sets, answer_labels, columns_to_share, like_columns, share_words
from analysis.errors import InputError
from analysis.io import load_export
from analysis.prepare import prepare
from analysis.schema import detect_roles, note_codes
from analysis.store import open_store
from analysis.templates import apply_template, make_template, read_template, template_json
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import keep, kept_value, upload, widget

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "likert_de_hu_es.csv"
CHECK_IN = "Wie zufrieden waren Sie mit dem Check-in?"
ROOM = "Wie zufrieden waren Sie mit dem Zimmer?"
FROM_ZERO = ("Sehr unzufrieden=0; Unzufrieden=1; Weder zufrieden noch unzufrieden=2; Zufrieden=3; "
             "Sehr zufrieden=4")


def fixture_mapping():
    export = load_export(FIXTURE)
    return export, detect_roles(export)


def with_check_in_from_zero(mapping: pd.DataFrame) -> pd.DataFrame:
    """The analyst's edit: the Check-in question read 0-4 instead of 1-5."""
    edited = mapping.copy()
    row = edited["column"] == CHECK_IN
    edited.loc[row, ["scale_min", "scale_max", "words"]] = [0.0, 4.0, FROM_ZERO]
    return edited


def next_wave() -> bytes:
    """The survey's next wave: other respondents, columns in another order, "Land" spelled "LAND", the website
    question dropped and a breakfast question added."""
    frame = pd.read_csv(FIXTURE).drop(columns=["Die Website war übersichtlich"])
    frame = frame.rename(columns={"Land": "LAND"}).iloc[::-1]
    frame["ID"] = [f"W2-{i}" for i in range(len(frame))]
    frame["Wie zufrieden waren Sie mit dem Frühstück?"] = frame[ROOM].to_numpy()[::-1]
    return frame[frame.columns[::-1]].to_csv(index=False).encode("utf-8")


# --- Columns with the same answers -------------------------------------------------------------------------------

def test_answer_labels_are_words_without_numbers_case_accents_or_not_applicable():
    values = pd.Series(["Sehr gut", "GUT", "4", "n/a", None, "Gut", " sehr gut ", "Mittelmäßig"])
    assert answer_labels(values) == {"sehr gut", "gut", "mittelmassig"}  # casefold: ß is ss
    assert answer_labels(pd.Series([f"comment {i}" for i in range(60)])) == frozenset()  # free text, not a scale


def test_like_columns_are_those_answered_with_the_same_labels():
    frame = pd.DataFrame({
        "a": ["Nie", "Selten", "Oft", "Immer"], "b": ["Oft", "Nie", "Oft", None], "c": ["Nie", "Ja", "Oft", "Nie"],
        "d": ["1", "2", "3", "4"], "e": ["Immer", "Immer", "Immer", "Immer"]})
    labels = answer_label_sets(frame)
    assert like_columns(labels, "a") == ["b"]  # c has a label a lacks; d has none; e only one
    assert like_columns(labels, "b") == []  # a has labels b lacks
    assert like_columns(labels, "d") == []


def test_one_word_list_is_shared_with_every_column_answered_the_same_way():
    export, mapping = fixture_mapping()
    edited = with_check_in_from_zero(mapping)
    labels = answer_label_sets(export.frame)
    assert columns_to_share(mapping, labels, CHECK_IN) == []  # both read 1-5 alike
    assert columns_to_share(edited, labels, CHECK_IN) == [ROOM]
    shared = share_words(edited, CHECK_IN, [ROOM]).set_index("column")
    assert shared.loc[ROOM, ["role", "scale_min", "scale_max", "words"]].tolist() == ["touchpoint", 0, 4, FROM_ZERO]
    assert "words_shared" in note_codes(shared.loc[ROOM, "note"])
    scores = prepare(export, shared.reset_index()).scores
    assert scores[ROOM].mean() == pytest.approx(3.2 - 1)  # hand count 3.2 on 1-5 is 2.2 on 0-4
    assert columns_to_share(shared.reset_index(), labels, CHECK_IN) == []


# --- Templates ----------------------------------------------------------------------------------------------------

def test_a_template_round_trips_through_json_and_maps_the_next_wave_by_column_name():
    _, mapping = fixture_mapping()
    edited = with_check_in_from_zero(mapping)
    edited.loc[edited["column"] == "Land", "role"] = "ignore"
    template = read_template(template_json(make_template(edited, "  Hotel   wave 1 ")), "wave1.json")
    assert template["name"] == "Hotel wave 1"
    wave2 = load_export(next_wave(), name="wave2.csv")
    applied, fit = apply_template(template, detect_roles(wave2))
    rows = applied.set_index("column")
    assert rows.loc["LAND", "role"] == "ignore"  # matched ignoring case
    assert rows.loc[CHECK_IN, ["scale_min", "scale_max", "words"]].tolist() == [0, 4, FROM_ZERO]
    assert "from_template" in note_codes(rows.loc[CHECK_IN, "note"])
    assert fit.not_in_file == ["Die Website war übersichtlich"]
    assert fit.not_in_template == ["Wie zufrieden waren Sie mit dem Frühstück?"]
    assert set(fit.matched) == set(wave2.frame.columns) - {"Wie zufrieden waren Sie mit dem Frühstück?"}
    prepared = prepare(wave2, applied)
    assert prepared.scores[CHECK_IN].mean() == pytest.approx(3.6 - 1)  # the same answers, read 0-4


@pytest.mark.parametrize(("data", "code"), [
    (b"\xff\xfe not json", "error.template.not_json"),
    (json.dumps({"columns": {}}).encode(), "error.template.not_template"),
    (json.dumps({"kind": "journey-lens mapping template", "columns": {"Q1": {"role": "boss"}}}).encode(),
     "error.template.bad_column"),
    (json.dumps({"kind": "journey-lens mapping template", "columns": {"Q1": {"role": "touchpoint", "scale_min": "x"}}}
                ).encode(), "error.template.bad_field"),
])
def test_a_file_that_is_no_template_is_refused_saying_why(data, code):
    with pytest.raises(InputError) as raised:
        read_template(data, "upload.json")
    assert raised.value.message.code == code and "upload.json" in str(raised.value)


def test_the_command_line_summarizes_a_file_with_a_template(run_cli, tmp_path):
    _, mapping = fixture_mapping()
    (tmp_path / "hotel.json").write_bytes(template_json(make_template(with_check_in_from_zero(mapping), "hotel")))
    (tmp_path / "wave2.csv").write_bytes(next_wave())
    done = run_cli("summarize", tmp_path / "wave2.csv", "--mapping", tmp_path / "hotel.json", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["template"]["not_in_file"] == ["Die Website war übersichtlich"]
    check_in = next(row for row in result["touchpoints"] if row["touchpoint"] == CHECK_IN)
    assert check_in["mean"] == pytest.approx(2.6)
    text = run_cli("summarize", tmp_path / "wave2.csv", "--mapping", tmp_path / "hotel.json")
    assert "template hotel: 7 columns matched; not in this file: Die Website war übersichtlich" in text.stdout
    missing = run_cli("summarize", tmp_path / "wave2.csv", "--mapping", tmp_path / "none.json")
    assert missing.returncode == 2 and missing.stderr.startswith("error:") and "none.json" in missing.stderr


# --- The Data page ------------------------------------------------------------------------------------------------

def test_the_mapping_editor_gives_one_word_list_to_every_column_with_the_same_answers(app_test):
    upload(app_test, FIXTURE)
    digest = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    keep(app_test, "mappings", digest, with_check_in_from_zero(detect_roles(load_export(FIXTURE))))
    app_test.run()
    assert not app_test.exception
    source = widget(app_test.selectbox, f"mapping_survey_{digest[:16]}_share_from")
    assert source.options == [CHECK_IN, ROOM]  # each reads the other's answers differently
    source.select(CHECK_IN).run()
    button = widget(app_test.button, f"mapping_survey_{digest[:16]}_share_apply")
    assert button.label == t("data.share_words_apply", "en", count="1")
    button.click().run()
    assert not app_test.exception and not app_test.error
    rows = kept_value(app_test, "mappings", digest).set_index("column")
    assert rows.loc[ROOM, ["scale_min", "scale_max", "words"]].tolist() == [0, 4, FROM_ZERO]
    assert not [box for box in app_test.selectbox if "_share_from" in str(box.key)]  # nothing left to share


def test_a_template_saved_on_one_wave_is_kept_in_the_project_and_maps_the_next(app_test):
    upload(app_test, FIXTURE)
    digest = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    edited = with_check_in_from_zero(detect_roles(load_export(FIXTURE)))
    edited.loc[edited["column"] == "Land", "role"] = "ignore"
    keep(app_test, "mappings", digest, edited)
    app_test.run()
    prefix = f"mapping_survey_{digest[:16]}"
    widget(app_test.text_input, f"{prefix}_template_name").input("Hotel survey").run()
    widget(app_test.button, f"{prefix}_template_save").click().run()
    assert not app_test.exception
    assert t("data.template_saved", "en", name="Hotel survey") in [box.value for box in app_test.success]
    token = app_test.query_params["project"]
    kept = open_store().open_by_token(token).settings()
    saved = [value for key, value in kept.items() if key.startswith("mapping_templates/")]
    assert [template["name"] for template in saved] == ["Hotel survey"]

    wave2 = next_wave()
    app_test.file_uploader(key="upload_survey_0").upload("wave2.csv", wave2, "text/csv").run()
    second = hashlib.sha256(wave2).hexdigest()
    prefix = f"mapping_survey_{second[:16]}"
    widget(app_test.selectbox, f"{prefix}_template_pick").select("Hotel survey").run()
    widget(app_test.button, f"{prefix}_template_apply").click().run()
    assert not app_test.exception and not app_test.error
    rows = kept_value(app_test, "mappings", second).set_index("column")
    assert rows.loc["LAND", "role"] == "ignore"
    assert rows.loc[CHECK_IN, ["scale_min", "scale_max", "words"]].tolist() == [0, 4, FROM_ZERO]
    assert t("data.template_applied", "en", name="Hotel survey", matched="7", total="8") in \
        [box.value for box in app_test.success]
    assert t("data.template_not_in_file", "en", columns="“Die Website war übersichtlich”") in \
        [box.value for box in app_test.warning]
    download = widget(app_test.get("download_button"), f"{prefix}_template_download")
    assert download is not None


def test_an_uploaded_template_is_kept_and_a_bad_one_refused(app_test):
    upload(app_test, FIXTURE)
    digest = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    prefix = f"mapping_survey_{digest[:16]}"
    widget(app_test.get("file_uploader"), f"{prefix}_template_upload").upload("broken.json", b"{", "application/json").run()
    assert not app_test.exception
    assert any(plain("broken.json") in box.value for box in app_test.error)
    _, mapping = fixture_mapping()
    data = template_json(make_template(with_check_in_from_zero(mapping), "From a colleague"))
    widget(app_test.get("file_uploader"), f"{prefix}_template_upload").upload("colleague.json", data,
                                                                               "application/json").run()
    assert widget(app_test.selectbox, f"{prefix}_template_pick").options == ["From a colleague"]
