"""Banner tables written out (analysis.crosstab_export) and made on the command line: the workbook read back with
openpyxl shows letters, bases and footnotes in place with formulas made inert; the CSV and ``crosstab --json``."""
from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest

from analysis import crosstab_export
from analysis.crosstab import TOTAL, banner_of, crosstab
from analysis.messages import text
from tests.tables import prepared_from


@pytest.fixture(scope="module")
def table():
    frame = pd.DataFrame({"Rating": [5, 5, 4, 5, 4] * 10 + [1, 2, 2, 1, 3] * 10 + [3, 4] * 10,
                          "=Plan": ["=HYPERLINK(x)"] * 50 + ["Basic"] * 50 + ["Pro"] * 20})
    prepared = prepared_from(frame, {"Rating": "touchpoint"})
    return crosstab(prepared, ["Rating"], [banner_of(prepared, "=Plan")])


def read_back(data: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_workbook_shows_letters_bases_and_footnotes_in_place(table, lang):
    rows = read_back(crosstab_export.xlsx(table, lang, "Plans"))
    assert rows[0][0] == "Plans"
    banner_row, category_row, letter_row = rows[2], rows[3], rows[4]
    assert banner_row[2] == text("crosstab.total", lang) and banner_row[4] == "'=Plan"  # inert, not a formula
    assert category_row[4:10:2] == ["'=HYPERLINK(x)", "Basic", "Pro"]  # sorted as written
    assert letter_row[4:10:2] == ["(A)", "(B)", "(C)"] and letter_row[5] == text("crosstab.letters", lang)
    body = {(row[1]): row for row in rows[5:8]}
    assert rows[5][0] == "Rating"
    base = body[text("crosstab.base", lang)]
    assert base[2:10:2] == [120, 50, 50, 20] and base[3:10:2] == [None, None, None, "*"]  # Pro: 20, a low base
    top = body[text("crosstab.measure.top_box_2", lang)]
    cells = table.cells[table.cells["kind"] == "top_box"].set_index("column")
    assert top[2] == pytest.approx(cells.loc[TOTAL, "value"]) == pytest.approx(50.0)
    assert top[4] == pytest.approx(100.0) and top[5] == "BC"  # =HYPERLINK(x): all top box, higher than B and C
    assert [top[7], top[9]] == [None, "B"]
    mean = body[text("crosstab.measure.mean", lang)]
    assert mean[5] == "".join(cells.loc["=HYPERLINK(x)", "higher_than"]) == "BC"
    notes = [row[0] for row in rows[9:] if row[0]]
    assert notes == [note.text(lang) for note in table.footnotes()]
    assert any("Holm" in note for note in notes)


def test_the_csv_holds_values_letters_and_footnotes(table):
    frame = pd.read_csv(io.BytesIO(crosstab_export.csv(table)), encoding="utf-8-sig", keep_default_na=False)
    assert list(frame.columns[:4]) == ["Question", "Measure", "Total", "Total sig."]
    assert "'=Plan: =HYPERLINK(x) (A) sig." in frame.columns
    top = frame[frame["Measure"] == "Top-2 box %"].iloc[0]
    assert top["'=Plan: =HYPERLINK(x) (A) sig."] == "BC" and float(top["'=Plan: =HYPERLINK(x) (A)"]) == 100
    assert frame["Question"].iloc[-1] == table.footnotes()[-1].text("en")


def test_the_shown_table_writes_letters_beside_values_and_marks_low_bases(table):
    shown = crosstab_export.shown(table, "en")
    top = shown[shown["Measure"] == "Top-2 box %"].iloc[0]
    assert top["=Plan: =HYPERLINK(x) (A)"] == "100.0% BC" and top["=Plan: Pro (C)"] == "50.0% B *"
    assert shown[shown["Measure"] == "Base (n)"].iloc[0]["=Plan: Pro (C)"] == "20 *"


def test_crosstab_on_the_command_line(run_cli, shared_data, tmp_path):
    survey = shared_data / "airline_passenger_satisfaction_sample.csv"
    out = tmp_path / "table.xlsx"
    done = run_cli("crosstab", survey, "--rows", "satisfaction,Seat comfort", "--banner", "Class,Customer Type",
                   "--correction", "bonferroni", "--out", out, "--json")
    assert done.returncode == 0, done.stderr
    cells = json.loads(done.stdout)["cells"]
    business = next(cell for cell in cells if cell["row"] == "satisfaction" and cell["column"] == "Business"
                    and cell["answer"] == "satisfied")
    assert business == {"row": "satisfaction", "kind": "answer", "answer": "satisfied", "banner": "Class",
                        "column": "Business", "letter": "A", "value": pytest.approx(69.3732, abs=1e-4),
                        "base": 2377, "low_base": False, "higher_than": ["B", "C"]}
    mean = [cell for cell in cells if cell["kind"] == "mean" and cell["banner"] == "Customer Type"]
    assert [(cell["column"], cell["letter"], cell["answer"]) for cell in mean] == [
        (TOTAL, None, None), ("Loyal Customer", "A", None), ("disloyal Customer", "B", None)]
    assert any("Bonferroni" in row[0] for row in read_back(out.read_bytes()) if row[0])


def test_crosstab_weighted_on_the_command_line(run_cli, shared_data, tmp_path):
    weighted = tmp_path / "weighted.csv"
    frame = pd.read_csv(shared_data / "airline_passenger_satisfaction_sample.csv")
    frame.assign(w=1.0).to_csv(weighted, index=False)
    done = run_cli("crosstab", weighted, "--rows", "Seat comfort", "--banner", "Class", "--weight-col", "w", "--json")
    assert done.returncode == 0, done.stderr
    cells = json.loads(done.stdout)["cells"]
    assert all(cell["effective_base"] == cell["base"] for cell in cells)
    assert "'w'" in json.loads(done.stdout)["footnotes"][3]


@pytest.mark.parametrize("args, words", [
    (["--rows", "id", "--banner", "Class"], "'id' is read as Respondent ID and cannot be a row"),
    (["--rows", "Seat comfort", "--banner", "Clas"], "'Clas' is not a column of the file"),
    (["--rows", "Seat comfort", "--banner", "Class", "--out", "table.pdf"], "--out must end in .xlsx or .csv"),
])
def test_crosstab_errors_are_one_sentence(run_cli, shared_data, args, words):
    done = run_cli("crosstab", shared_data / "airline_passenger_satisfaction_sample.csv", *args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ") and words in done.stderr
