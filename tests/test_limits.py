"""Limits on what is read: crafted files are refused (or read correctly) in bounded memory and time.

Each hostile file is built here, byte by byte where it matters (workbooks are zip files of a few
hand-written XML parts). Peak memory is measured on the command line as users run it
(``python -m analysis summarize FILE``, the peak resident size of that process) or in-process
with ``tracemalloc``; time bounds are generous, the machine may be busy.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis import io as io_module
from analysis import labels, workbooks
from analysis.cli import main
from analysis.errors import InputError
from analysis.io import SAMPLE_BYTES, load_export
from analysis.limits import MB, Budget, Limits, from_environment, limits
from tests.test_io import assert_one_sentence

pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")  # hand-built workbooks

ROOT = Path(__file__).resolve().parents[1]
PEAK_MB = 300  # a fresh `python -m analysis` with pandas loaded stays near 110 MB
SECONDS = 120
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SURVEYMONKEY = "survey_exports/surveymonkey_vimff_cohort1_post_redacted.xlsx"


# --- building files ----------------------------------------------------------------------

def workbook(path: Path, sheets: list[str], shared: list[str] | None = None, styles: str | None = None,
             book_attributes: str = "") -> Path:
    """Write a minimal .xlsx: the given worksheet XML parts, optional shared strings (``<si>`` bodies) and styles."""
    parts = {"sharedStrings": shared is not None, "styles": styles is not None}
    types = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                    f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, len(sheets) + 1))
    types += "".join(f'<Override PartName="/xl/{part}.xml" ContentType="application/vnd.openxmlformats-'
                     f'officedocument.spreadsheetml.{part}+xml"/>' for part, present in parts.items() if present)
    sheet_rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                         for i in range(1, len(sheets) + 1))
    sheet_rels += "".join(f'<Relationship Id="r{part}" Type="{REL}/{part}" Target="{part}.xml"/>'
                          for part, present in parts.items() if present)
    names = "".join(f'<sheet name="Sheet{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, len(sheets) + 1))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml",
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/xl/workbook.xml" ContentType="application/'
                         f'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{types}</Types>')
        archive.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                        f'relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
                                        'Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{NS}" xmlns:r="{REL}"><workbookPr {book_attributes}/>'
                                            f'<sheets>{names}</sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                                                       f'package/2006/relationships">{sheet_rels}</Relationships>')
        for i, sheet in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", sheet)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{NS}">' + "".join(f"<si>{s}</si>" for s in shared)
                             + "</sst>")
        if styles is not None:
            archive.writestr("xl/styles.xml", styles)
    return path


def sheet(rows: str, dimension: str | None = None) -> str:
    """A worksheet part holding ``rows`` (``<row>`` elements), with a declared dimension if given."""
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{NS}">{declared}<sheetData>{rows}</sheetData></worksheet>'


def text_cell(reference: str, value: str) -> str:
    """A cell holding ``value`` as an inline string."""
    return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'


_MEASURE = """import json, resource, subprocess, sys, time
start = time.perf_counter()
run = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=%d)
print(json.dumps({"code": run.returncode, "out": run.stdout, "err": run.stderr, "seconds": time.perf_counter() - start,
                  "peak": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
""" % (SECONDS * 2)


def measured_cli(*args: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``python -m analysis ARGS`` under a parent of its own: the run, its peak resident memory (MB), seconds."""
    parent = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "analysis", *args], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    found = json.loads(parent.stdout)
    return subprocess.CompletedProcess(args, found["code"], found["out"], found["err"]), found["peak"], found["seconds"]


def refused(run: subprocess.CompletedProcess, *words: str) -> str:
    """The one error line of a refused run, checked for ``words``."""
    assert run.returncode == 2, run.stderr
    assert run.stdout == "" and "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), run.stderr
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"
    return lines[0]


def load_refused(source, *words: str, **kwargs) -> str:
    """The one-sentence message of the InputError ``load_export(source)`` raises, checked for ``words``."""
    with pytest.raises(InputError) as caught:
        load_export(source, **kwargs)
    message = str(caught.value)
    name = kwargs.get("name") or Path(source).name
    assert_one_sentence(message, name)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    return message


def peak_bytes(fn) -> tuple[object, int]:
    """``fn()``'s result (or the exception it raised) and the peak of memory traced while it ran."""
    tracemalloc.start()
    try:
        try:
            result = fn()
        except Exception as err:  # the refusal is the result under test
            result = err
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- the limits as settings --------------------------------------------------------------

def test_defaults_are_documented_and_match_the_upload_limit():
    assert Limits() == Limits(max_bytes=200 * MB, max_columns=5_000, max_cells=50_000_000, max_text_bytes=1024 * MB)
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "maxUploadSize = 200 " in config  # the app refuses what the library would refuse anyway
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for variable in ("JOURNEY_LENS_MAX_MB", "JOURNEY_LENS_MAX_COLUMNS", "JOURNEY_LENS_MAX_CELLS",
                     "JOURNEY_LENS_MAX_TEXT_MB"):
        assert variable in readme
    assert limits() is limits()  # read once


def test_environment_variables_set_each_limit():
    assert from_environment({}) == Limits()
    assert from_environment({"JOURNEY_LENS_MAX_MB": "10", "JOURNEY_LENS_MAX_COLUMNS": "20_000",
                             "JOURNEY_LENS_MAX_CELLS": "1,000,000", "JOURNEY_LENS_MAX_TEXT_MB": " 64 "}) == \
        Limits(max_bytes=10 * MB, max_columns=20_000, max_cells=1_000_000, max_text_bytes=64 * MB)


@pytest.mark.parametrize("value", ["0", "-5", "lots", "1.5", "²"])
def test_a_bad_setting_names_its_variable(value):
    with pytest.raises(InputError) as caught:
        from_environment({"JOURNEY_LENS_MAX_CELLS": value})
    assert "JOURNEY_LENS_MAX_CELLS" in str(caught.value) and value in str(caught.value)


def test_the_cli_reads_the_environment(tmp_path, run_cli):
    path = tmp_path / "five_columns.csv"
    path.write_text("a,b,c,d,e\n1,2,3,4,5\n", encoding="utf-8")
    run = run_cli("summarize", str(path), env={"JOURNEY_LENS_MAX_COLUMNS": "4"})
    refused(run, "five_columns.csv", "at least 5 columns", "limit of 4", "JOURNEY_LENS_MAX_COLUMNS")
    run = run_cli("summarize", str(path), env={"JOURNEY_LENS_MAX_COLUMNS": "nope"})
    refused(run, "JOURNEY_LENS_MAX_COLUMNS", "'nope'")


# --- size, devices -----------------------------------------------------------------------

def test_a_file_over_the_byte_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"id,comment\n" + b"r1,long answer\n" * 140_000)  # 2.1 MB
    small = Limits(max_bytes=1 * MB)
    load_refused(path, "2 MB", "limit of 1 MB", "JOURNEY_LENS_MAX_MB", limits=small)
    load_refused(path.read_bytes(), "2 MB", "limit of 1 MB", name="big upload.csv", limits=small)
    assert load_export(path, limits=Limits(max_bytes=3 * MB)).rows == 140_000


def test_the_cli_refuses_a_device_at_once():
    run, peak, seconds = measured_cli("summarize", "/dev/zero")  # read until MemoryError before
    refused(run, "error: zero: not a regular file")
    assert peak < PEAK_MB and seconds < SECONDS


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "export.csv"
    os.mkfifo(pipe)
    load_refused(pipe, "not a regular file")


# --- workbooks ---------------------------------------------------------------------------

def test_a_declared_million_by_16384_sheet_is_refused_in_bounded_memory(tmp_path):
    """1.4 KB on disk; pandas.read_excel padded it to 1M rows x 16k columns (MemoryError after 11 GB)."""
    path = workbook(tmp_path / "dimension_bomb.xlsx",
                    [sheet(f'<row r="1048576">{text_cell("XFD1048576", "x")}</row>', dimension="A1:XFD1048576")])
    assert path.stat().st_size < 2_000
    run, peak, seconds = measured_cli("summarize", str(path))
    refused(run, "dimension_bomb.xlsx", "at least 16,384 columns", "limit of 5,000", "JOURNEY_LENS_MAX_COLUMNS")
    assert peak < PEAK_MB and seconds < SECONDS


def test_a_declared_dimension_is_ignored_for_the_cells_really_there(tmp_path):
    rows = "".join(f'<row r="{r}">{text_cell(f"A{r}", a)}{text_cell(f"B{r}", b)}</row>'
                   for r, (a, b) in enumerate([("id", "score"), ("r1", "5"), ("r2", "4")], start=1))
    path = workbook(tmp_path / "declared_huge.xlsx", [sheet(rows, dimension="A1:XFD1048576")])
    export, peak = peak_bytes(lambda: load_export(path))
    assert export.frame.to_dict("list") == {"id": ["r1", "r2"], "score": ["5", "4"]}
    assert export.frame.index.tolist() == [2, 3]
    assert peak < 20 * MB


def test_one_long_text_shared_by_100k_cells_is_refused_in_bounded_memory(tmp_path):
    """0.5 MB on disk; read_excel made a 100 KB copy for each cell (MemoryError after 3 GB and more)."""
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 100_001))
    path = workbook(tmp_path / "shared_string_bomb.xlsx", [sheet(rows, dimension="A1:A100000")],
                    shared=[f"<t>{'x' * 100_000}</t>"])
    assert path.stat().st_size < 1_000_000
    run, peak, seconds = measured_cli("summarize", str(path))
    refused(run, "shared_string_bomb.xlsx", "MB of text", "limit of 1,024 MB", "JOURNEY_LENS_MAX_TEXT_MB")
    assert peak < PEAK_MB and seconds < SECONDS


def test_shared_text_within_the_limit_is_read_into_every_cell(tmp_path):
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    rows += "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="s"><v>2</v></c></row>'
                    for r in range(2, 202))
    path = workbook(tmp_path / "shared.xlsx", [sheet(rows)], shared=["<t>id</t>", "<t>comment</t>",
                                                                     f"<t>{'y' * 1000}</t>"])
    export = load_export(path, limits=Limits(max_text_bytes=1 * MB))
    assert export.rows == 200 and (export.frame["comment"] == "y" * 1000).all()
    load_refused(path, "MB of text", "JOURNEY_LENS_MAX_TEXT_MB", limits=Limits(max_text_bytes=100_000))


def test_a_huge_text_in_one_cell_stops_at_the_text_limit(tmp_path):
    rows = f'<row r="1">{text_cell("A1", "id")}</row><row r="2">{text_cell("A2", "z" * 3 * MB)}</row>'
    path = workbook(tmp_path / "one_huge_cell.xlsx", [sheet(rows)])
    error, peak = peak_bytes(lambda: load_export(path, limits=Limits(max_text_bytes=1 * MB)))
    assert isinstance(error, InputError) and "JOURNEY_LENS_MAX_TEXT_MB" in str(error)
    assert peak < 20 * MB


def test_cells_are_counted_as_they_are_read_even_all_in_one_row(tmp_path):
    """200,000 cells in one row element (a zip of 2 KB): counted one by one, never held together."""
    path = workbook(tmp_path / "one_row.xlsx", [sheet('<row r="1">' + '<c r="A1"><v>1</v></c>' * 200_000 + "</row>")])
    error, peak = peak_bytes(lambda: load_export(path, limits=Limits(max_cells=100_000)))
    assert isinstance(error, InputError) and "at least 100,001 cells" in str(error)
    assert "JOURNEY_LENS_MAX_CELLS" in str(error)
    assert peak < 20 * MB


def test_a_sparse_sheet_counts_its_rows_times_columns(tmp_path):
    """Two cells a row, in A and in column 4,000: 2,000 stored cells make a table of 8 million."""
    rows = "".join(f'<row r="{r}">{text_cell(f"A{r}", "a")}{text_cell(f"EWH{r}", "b")}</row>' for r in range(1, 1001))
    path = workbook(tmp_path / "sparse.xlsx", [sheet(rows)])
    load_refused(path, "cells", "limit of 1,000,000", "JOURNEY_LENS_MAX_CELLS", limits=Limits(max_cells=1_000_000))


STYLES = (f'<styleSheet xmlns="{NS}"><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
          '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="5">'
          '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="21" applyNumberFormat="1"/>'
          '<xf numFmtId="46" applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>')
EVERY_KIND = (  # a header two rows down and one column in, then one response of every kind of value
    '<row r="3">' + "".join(text_cell(f"{column}3", name) for column, name in
                            zip("BCDEFGHIJKLMNOP", ["shared", "inline", "formula text", "formula", "bool", "error",
                                                    "date", "time", "duration", "datetime", "number", "exponent",
                                                    "iso date", "rich", "na"])) + "</row>"
    '<row r="5"><c r="B5" t="s"><v>0</v></c><c r="C5" t="inlineStr"><is><t xml:space="preserve"> padded </t></is></c>'
    '<c r="D5" t="str"><f>B5</f><v>cached text</v></c><c r="E5"><f>1+1</f><v>2</v></c><c r="F5" t="b"><v>1</v></c>'
    '<c r="G5" t="e"><v>#N/A</v></c><c r="H5" s="1"><v>44256</v></c><c r="I5" s="2"><v>0.5</v></c>'
    '<c r="J5" s="3"><v>1.25</v></c><c r="K5" s="4"><v>44256.75</v></c><c r="L5"><v>4.50</v></c>'
    '<c r="M5"><v>1E3</v></c><c r="N5" t="d"><v>2021-03-01T10:00:00</v></c><c r="O5" t="s"><v>1</v></c>'
    '<c r="P5" t="s"><v>2</v></c></row>'
    '<row><c t="s"><v>3</v></c><c><v>-0</v></c><c t="s"><v>4</v></c></row>'  # no r: row 6, cells A, B, C
    '<row r="8"><c r="B8" t="inlineStr"><is><t>   </t></is></c><c r="P8"><v>0.1</v></c></row>'
)
EVERY_KIND_SHARED = ["<t>shared text</t>", "<r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r>", "<t>N/A</t>",
                     "<t>NULL</t>", "<t></t>"]


@pytest.mark.parametrize("epoch", ["", 'date1904="1"'])
def test_workbook_values_read_as_pandas_read_excel_reads_them(tmp_path, epoch):
    path = workbook(tmp_path / "every_kind.xlsx", [sheet(EVERY_KIND, dimension="B3:P5"),
                                                   sheet(f'<row r="1">{text_cell("A1", "other")}</row>')],
                    shared=EVERY_KIND_SHARED, styles=STYLES, book_attributes=epoch)
    assert_reads_as_read_excel(path)


def test_pandas_written_workbooks_read_as_before(tmp_path):
    path = tmp_path / "written.xlsx"
    values = ["N/A", "NA", "", " ", 1.0, 1.5, 1e20, -0.0, 0.1 + 0.2, pd.Timestamp("2021-03-01 12:30:05.123"),
              pd.Timestamp("2021-03-02").date(), pd.Timestamp("12:30").time(), True, "#DIV/0!", "0123", 1e-7]
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"value": values, "text": [repr(v) for v in values]}).to_excel(writer, sheet_name="A", index=False)
        pd.DataFrame({"id": ["r1"]}).to_excel(writer, sheet_name="B", index=False, startrow=3, startcol=2)
    assert_reads_as_read_excel(path)


def test_the_surveymonkey_export_reads_as_before(shared_data):
    """The real export: the same frame, questions and format as when pandas.read_excel read it."""
    path = shared_data / SURVEYMONKEY
    assert_reads_as_read_excel(path)
    export = load_export(path)
    before = load_as_before(path)
    pd.testing.assert_frame_equal(export.frame, before.frame)
    assert (export.format, export.header_rows, export.questions, export.sheet) == \
        (before.format, before.header_rows, before.questions, before.sheet)


XLS_FILES = Path(pd.__file__).parents[1] / "statsmodels" / "tsa" / "statespace" / "tests" / "results" / \
    "frbny_nowcast" / "Nowcasting"


@pytest.mark.filterwarnings("ignore:The xlrd engine is deprecated")
@pytest.mark.parametrize("name", ["test_spec.xls", "test_spec_blocks.xls", "data/US/2016-06-29.xls"])
def test_legacy_xls_reads_as_before_and_within_the_limits(name):
    """Real .xls files shipped with statsmodels (a test requirement): dates, numbers and text."""
    path = XLS_FILES / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    assert_reads_as_read_excel(path, legacy=True)
    pd.testing.assert_frame_equal(load_export(path).frame, load_as_before(path).frame)
    load_refused(path, "cells", "JOURNEY_LENS_MAX_CELLS", limits=Limits(max_cells=20))
    load_refused(path, "MB of text", "JOURNEY_LENS_MAX_TEXT_MB", limits=Limits(max_text_bytes=10))


def assert_reads_as_read_excel(path: Path, legacy: bool = False) -> None:
    """Each sheet as :func:`analysis.workbooks.read_sheets` reads it equals pandas.read_excel's frame,
    less the rows that have no value (their sheet row numbers are kept in the index)."""
    theirs = pd.read_excel(path, sheet_name=None, header=None, dtype=str)
    ours = workbooks.read_sheets(path.read_bytes(), Budget(Limits(), path.name), legacy=legacy)
    assert list(ours) == list(theirs)
    for title, frame in theirs.items():
        pd.testing.assert_frame_equal(ours[title], frame.loc[ours[title].index], check_index_type=False)
        assert frame.drop(index=ours[title].index).isna().all(axis=None), title


def load_as_before(path: Path) -> io_module.Export:
    """What load_export gave before workbooks were read by their cells: pandas.read_excel, then the same steps."""
    sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=str)
    filled = {title: int(frame.notna().to_numpy().sum()) for title, frame in sheets.items()}
    title = max(filled, key=filled.get)
    layout, frame = io_module._split_header(sheets[title], path.name)
    frame.columns, _ = io_module._unique_names(layout.columns)
    frame = io_module._drop_padding(frame, [], path.name)
    return io_module.Export(name=path.name, format=layout.format, frame=frame, sheet=title,
                            questions=dict(zip(frame.columns, layout.questions)), header_rows=layout.header_rows)


# --- wide text files ---------------------------------------------------------------------

def wide_csv(path: Path, columns: int, rows: int = 3) -> Path:
    """A CSV whose column j is named after question j (quoted, with a comma and a line break in it) and holds j."""
    header = ",".join(f'"Q{j}. How satisfied were you with part {j}, overall?\n(1-{j + 1}) rating"'
                      for j in range(columns))
    body = "\n".join(",".join(str(j) for j in range(columns)) for _ in range(rows))
    path.write_text(header + "\n" + body + "\n", encoding="utf-8")
    return path


def test_a_csv_wider_than_the_column_limit_is_refused(tmp_path):
    """20,000 columns: the header (1.3 MB) was cut at 256 KB, every column after shifted, and 'No problems found'."""
    path = wide_csv(tmp_path / "wide.csv", 20_000)
    run, peak, seconds = measured_cli("summarize", str(path))  # 176 s and a wrong summary before
    refused(run, "wide.csv", "at least 20,000 columns", "limit of 5,000", "JOURNEY_LENS_MAX_COLUMNS")
    assert peak < PEAK_MB and seconds < SECONDS


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])  # read by pandas from the file / decoded first
def test_a_csv_just_under_the_column_limit_keeps_every_value_in_its_column(tmp_path, encoding):
    path = wide_csv(tmp_path / "wide.csv", 4_000)
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    assert len(path.read_text(encoding=encoding).split("\n(1-4000) rating")[0]) > SAMPLE_BYTES  # a header longer than the sample
    export = load_export(path)
    assert export.frame.shape == (3, 4_000)
    assert export.frame.columns[-1] == "Q3999. How satisfied were you with part 3999, overall? (1-4000) rating"
    for j in (0, 1_000, 3_998, 3_999):
        assert export.frame.iloc[:, j].tolist() == [j] * 3
    assert export.bad_rows == []


def test_a_response_row_wider_than_the_column_limit_is_refused(tmp_path):
    path = tmp_path / "wide_row.csv"
    path.write_text("id,score\nr1,5\n" + "r2," + ",".join(["1"] * 6_000) + "\nr3,4\n", encoding="utf-8")
    load_refused(path, "at least 6,001 columns", "JOURNEY_LENS_MAX_COLUMNS")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_rows_past_the_cell_limit_are_refused(tmp_path, newline):
    path = tmp_path / "long.csv"
    path.write_bytes(("id,a,b,c\n" + "".join(f"r{i},1,2,3\n" for i in range(300))).replace("\n", newline).encode())
    small = Limits(max_cells=1_000)
    load_refused(path, "at least 1,004 cells", "limit of 1,000", "JOURNEY_LENS_MAX_CELLS", limits=small)
    assert load_export(path, limits=Limits(max_cells=1_200)).rows == 300
    ragged = tmp_path / "ragged.csv"  # a row wider than the header takes the row-by-row route
    ragged.write_text("id,a,b,c\nr0,1,2,3,4\n" + "".join(f"r{i},1,2,3\n" for i in range(300)), encoding="utf-8")
    load_refused(ragged, "cells", "JOURNEY_LENS_MAX_CELLS", limits=small)


def test_making_40000_names_unique_is_linear():
    start = time.perf_counter()
    names, duplicates = io_module._unique_names(["Q"] * 20_000 + ["Q (3)"] + [""] * 20_000)
    assert time.perf_counter() - start < 5  # quadratic before: 19 s
    assert names[:4] == ["Q", "Q (2)", "Q (4)", "Q (5)"] and names[20_000] == "Q (3)"
    assert names[19_999] == "Q (20001)" and names[-1] == "column_40001"
    assert len(set(names)) == 40_001 and duplicates == {"Q": 20_000}


def test_labelling_thousands_of_alike_columns_is_linear():
    start = time.perf_counter()
    unique = labels.unique_labels(["Rating"] * 20_000, taken={"Rating (3)"})
    assert time.perf_counter() - start < 5  # quadratic before: minutes
    assert unique[:3] == ["Rating", "Rating (2)", "Rating (4)"] and len(set(unique)) == 20_000


# --- JSON --------------------------------------------------------------------------------

def test_json_with_more_keys_than_the_column_limit_is_refused_before_flattening(tmp_path, monkeypatch):
    """1 MB, 40,000 keys a record: kept the app busy for 6 minutes."""
    path = tmp_path / "wide.json"
    path.write_text(json.dumps([{f"question_{j}": j % 5 for j in range(40_000)}] * 2), encoding="utf-8")
    monkeypatch.setattr(pd, "json_normalize", lambda *args, **kwargs: pytest.fail("flattened before the check"))
    load_refused(path, "at least 40,000 columns", "limit of 5,000", "JOURNEY_LENS_MAX_COLUMNS")


def test_json_keys_are_counted_as_the_columns_they_become(tmp_path, monkeypatch):
    records = [{"id": i, "answers": {f"q{i}_{k}": k for k in range(40)}} for i in range(10)]  # 401 columns
    path = tmp_path / "nested.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    assert load_export(path).frame.shape == (10, 401)
    monkeypatch.setattr(pd, "json_normalize", lambda *args, **kwargs: pytest.fail("flattened before the check"))
    load_refused(path, "at least 401 columns", "limit of 400", limits=Limits(max_columns=400))


def test_wide_json_under_the_limit_reads(tmp_path):
    path = tmp_path / "wide.json"
    path.write_text(json.dumps([{f"k{j}": j for j in range(4_999)}] * 3), encoding="utf-8")
    export = load_export(path)
    assert export.frame.shape == (3, 4_999) and export.frame["k4998"].tolist() == ["4998"] * 3


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000,  # RecursionError before
                                  '[{"a": ' + '{"a": ' * 5_000 + "1" + "}" * 5_001 + "]"])
def test_deeply_nested_json_is_refused_with_a_clear_message(tmp_path, text):
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    load_refused(path, "nested too deeply")


# --- the command line's text output ------------------------------------------------------

ESCAPE = "\x1b[31m"


def test_text_output_never_prints_terminal_escape_codes(tmp_path, capsys):
    path = tmp_path / f"survey{ESCAPE}.csv"
    rows = [f"id,{ESCAPE}Seat comfort (1-5),Group\u202e,Satisfied"]  # a bidi override, a line separator:
    rows += [f"r{i},{i % 5 + 1},{f'{ESCAPE}A' if i == 0 else 'A'}\u2028B,{'yes' if i % 3 else 'no'}" for i in range(60)]
    path.write_text("\n".join(rows) + f"\nr60,{ESCAPE}5,B,yes\n", encoding="utf-8")
    assert main(["summarize", str(path)]) == 0
    assert main(["compare", str(path), "--by", "Group\u202e"]) == 0
    assert main(["compare", str(path), "--by", f"no such{ESCAPE}"]) == 2  # the error line too
    out, err = capsys.readouterr()
    for text in (out, err):
        assert "\x1b" not in text and "\u202e" not in text and "\u2028" not in text
    assert "?[31mSeat comfort" in out and "survey?[31m.csv" in out and "'?[31mA?B'" in out
    assert err.startswith("error: ") and "no such?[31m" in err
    assert main(["summarize", str(path), "--json"]) == 0
    assert "\x1b" not in capsys.readouterr().out  # JSON escapes them: \u001b
