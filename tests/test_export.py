"""CSV for spreadsheets: text that a spreadsheet would run as a formula is made inert, in one place."""
from pathlib import Path

import pandas as pd
import pytest

from analysis.export import csv_bytes, inert, neutralised

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(1)",
                                  "-2+3", "\tTAB", "\rCR", "=1+1"])
def test_formula_text_gets_an_apostrophe(cell):
    assert inert(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-3", "+4.5", "-0,5", "fine", "a=b", "", 5, -3.0, None])
def test_numbers_and_ordinary_text_are_left_alone(cell):
    assert inert(cell) == cell


def test_every_text_cell_and_header_is_neutralised_and_numbers_kept():
    frame = pd.DataFrame({"=HYPERLINK(1)": ["@SUM(1)", "ok"], "score": [-1.5, 2.0],
                          "when": pd.to_datetime(["2024-01-01", "2024-01-02"])})
    safe = neutralised(frame)
    assert list(safe.columns) == ["'=HYPERLINK(1)", "score", "when"]
    assert safe.iloc[:, 0].tolist() == ["'@SUM(1)", "ok"]
    assert safe["score"].tolist() == [-1.5, 2.0]
    assert frame.iloc[0, 0] == "@SUM(1)"  # the caller's table is not changed
    text = csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines()[:2] == ["'=HYPERLINK(1),score,when", "'@SUM(1),-1.5,2024-01-01"]


def test_no_module_writes_csv_or_excel_any_other_way():
    """Every table written for people goes through analysis.export, so none can skip the neutralising."""
    writers = [path.relative_to(ROOT).as_posix() for folder in ("analysis", "pages") for path in (ROOT / folder).rglob("*.py")
               if path.name != "export.py" and any(call in path.read_text(encoding="utf-8")
                                                  for call in (".to_csv(", ".to_excel(", "ExcelWriter"))]
    assert writers == []


def test_workbooks_are_neutralised_like_csv():
    import io

    from openpyxl import load_workbook

    from analysis.export import xlsx_bytes

    frame = pd.DataFrame({"=cmd": ["=HYPERLINK(\"http://x\")", "+1+1", "-3", "bell\x07"], "score": [1.5, -2.0, 3.0, 4.0],
                          "when": pd.to_datetime(["2024-01-01T10:00Z"] * 4)})
    sheet = load_workbook(io.BytesIO(xlsx_bytes(frame))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["'=cmd", "score", "when"]
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(\"http://x\")", "'+1+1", "-3", "bell\ufffd"]
    assert [row[1] for row in rows[1:]] == [1.5, -2.0, 3.0, 4.0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert str(rows[1][2]) == "2024-01-01 10:00:00"
