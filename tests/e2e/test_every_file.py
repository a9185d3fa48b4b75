"""Every file, every page: each real export in shared/data, each hand-made export of tests/fixtures listed in
``FIXTURE_FILES`` (rating labels in German, Hungarian, Spanish) and each kind of broken input is uploaded as the
survey, then every page is opened through the sidebar, in English and in Chinese; the Behaviour page also reads
the file in its own uploader (an event log, a session table, or a friendly error).

On every page: no exception box, no traceback text, no missing value shown as ``nan``/``None``/``inf``
(main area, sidebar, chart SVG text and the text the data grids draw); a file that cannot be read gets a
friendly error on the Data page. In Chinese mode, no English is left once the file's own strings are
cut out (see ``pagetext.py``). One browser session per file and language.
"""
from __future__ import annotations

import io
import json
import random
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

from analysis.behaviour.report import analyse
from analysis.errors import InputError
from analysis.io import load_export
from analysis.sample import sample_paths
from pages.ui.words import t
from pagetext import (CANVAS_RECORDER, DRAWN, describe, english_words, missing_values, page_text,
                      text_words, traceback_text, user_strings)

pytestmark = pytest.mark.e2e

# Same folder as the root conftest's shared_data fixture; listed at collection to name the tests.
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
FOLDERS = ("", "survey_exports", "text", "clickstream")
REAL_FILES = sorted(path.relative_to(SHARED_DATA).as_posix()
                    for folder in FOLDERS if (SHARED_DATA / folder).is_dir()
                    for path in (SHARED_DATA / folder).iterdir() if path.is_file() and path.suffix != ".md")
# Hand-made exports the shared data lacks: rating answers in German, Hungarian and Spanish words and numbered labels.
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE_FILES = ("likert_de_hu_es.csv",)
PAGES = ("journey", "sentiment", "behaviour", "personas", "compare", "report", "data")  # Data last: opened afresh


# --- Broken and awkward inputs ------------------------------------------------------------------------------------

def _rows(count: int, make) -> list:
    rng = random.Random(0)
    return [make(i, rng) for i in range(1, count + 1)]


def _damaged_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", b"\x00garbage" * 50)
        archive.writestr("xl/workbook.xml", b"not xml at all \xff\xfe")
    return buffer.getvalue()


def _csv(header: str, lines: list[str]) -> str:
    return "\n".join([header, *lines]) + "\n"


COMMENTS_ONLY = ["The refund never arrived", "Booking on the website was easy", "Rude staff at the desk",
                 "Great prices, will order again", "Delivery was late twice"]
BAD_INPUTS = {
    "empty.csv": lambda: b"",
    "header_only.csv": lambda: b"id,Gender,Class,Cleanliness,Seat comfort\n",
    "photo_renamed.csv": lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
    "web_page.csv": lambda: (b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
                             b"<body><form><input name=user></form></body></html>\n"),
    "unclosed_quote.csv": lambda: _csv("id,comment,Cleanliness", [
        '1,"fine,5', *(f"{i},ok,{i % 5 + 1}" for i in range(2, 30))]).encode(),
    "wider_rows_all.csv": lambda: _csv("id,Cleanliness", [f"{i},{i % 5 + 1},extra,{i}" for i in range(1, 30)]).encode(),
    "wider_rows_some.csv": lambda: _csv("id,Class,Cleanliness,Seat comfort", _rows(40, lambda i, rng: (
        f"{i},{rng.choice(['Eco', 'Business'])},{rng.randint(1, 5)},{rng.randint(1, 5)}"
        + (",stray,fields" if i in (7, 23) else "")))).encode(),
    "damaged.xlsx": _damaged_xlsx,
    "not_records.json": lambda: json.dumps({"survey": "Q3 NPS", "responses": 120, "closed": True}).encode(),
    "gbk_chinese.csv": lambda: _csv("编号,性别,舱位,满意度,座椅舒适度,清洁度", _rows(40, lambda i, rng: (
        f"{i},{rng.choice(['男', '女'])},{rng.choice(['经济舱', '商务舱'])},{rng.randint(1, 5)},"
        f"{rng.randint(1, 5)},{rng.randint(1, 5)}"))).encode("gbk"),
    "utf16.csv": lambda: _csv("id,Gender,Class,Cleanliness,Seat comfort,satisfaction", _rows(40, lambda i, rng: (
        f"{i},{rng.choice(['Female', 'Male'])},{rng.choice(['Eco', 'Business'])},{rng.randint(1, 5)},"
        f"{rng.randint(1, 5)},{rng.choice(['satisfied', 'neutral or dissatisfied'])}"))).encode("utf-16"),
    "semicolon_decimal_comma.csv": lambda: _csv("id;Class;Cleanliness;Seat comfort;Wait minutes", _rows(40, lambda i, rng: (
        f"{i};{rng.choice(['Eco', 'Business'])};{rng.randint(1, 5)};{rng.randint(1, 5)};"
        f"{rng.randint(0, 90)},{rng.randint(0, 9)}"))).encode(),
    # Surveys that rate no touchpoint: the journey is drawn by channel, or from the comments alone.
    "gbk_nps_csat_channel_comments.csv": lambda: _csv("编号,推荐意愿(0-10),总体满意度(1-5),渠道,意见", _rows(60, lambda i, rng: (
        f"{i},{rng.randint(0, 10)},{rng.randint(1, 5)},{rng.choice(['微信', '微博', '官网', '门店'])},"
        f"{rng.choice(['客服态度很差，等了很久', '门店环境不错，下次还来', '退款太慢了', '价格实惠'])}"))).encode("gbk"),
    "nps_and_comments_only.csv": lambda: _csv("Respondent,How likely are you to recommend us? (0-10),Why?", _rows(
        60, lambda i, rng: f"{i},{rng.randint(0, 10)},{rng.choice(COMMENTS_ONLY)}")).encode(),
    # Comments pasted into a text file, one a line, no header; some hold commas (they are not delimiters).
    "one_text_a_line.txt": lambda: "\n".join(_rows(60, lambda i, rng: rng.choice(
        [*COMMENTS_ONLY, "Late again, and nobody called", "房间干净,服务很好", "退款太慢了"]))).encode(),
}
#: How the Data page reads the awkward-but-valid ones (fact label -> value, English).
READ_AS = {
    "gbk_chinese.csv": {"Encoding": "gb18030"},
    "utf16.csv": {"Encoding": "utf-16"},
    "semicolon_decimal_comma.csv": {"Delimiter": "Semicolon"},
    "wider_rows_some.csv": {"Rows read": "40", "Rows used": "38"},
    "one_text_a_line.txt": {"Delimiter": "Line break (one text a line)", "Rows read": "60"},
}

INPUTS = [*REAL_FILES, *FIXTURE_FILES, *BAD_INPUTS] if REAL_FILES else ["shared-data-missing", *FIXTURE_FILES,
                                                                        *BAD_INPUTS]


@pytest.fixture
def upload_file(request, tmp_path) -> Path:
    """The file to upload: a real export from shared/data, a hand-made one from tests/fixtures, or a broken input
    written into ``tmp_path``."""
    name = request.param
    if name in BAD_INPUTS:
        path = tmp_path / name
        path.write_bytes(BAD_INPUTS[name]())
        return path
    if name in FIXTURE_FILES:
        return FIXTURES / name
    folder = request.getfixturevalue("shared_data")  # skips (fails on CI) when shared/data is missing
    return folder / name


@lru_cache(maxsize=None)
def expected_error(path: Path, lang: str) -> str | None:
    """The message the Data page must show for ``path``, or None when the file reads."""
    try:
        load_export(path)
    except InputError as err:
        return err.text(lang)
    return None


@lru_cache(maxsize=None)
def file_strings(path: Path) -> list[str]:
    """The user's strings of ``path`` and of the bundled feedback sample, in use beside it (its name on the
    Data page, its comments on the Sentiment page), and, for an event log, the page groups and event names the
    Behaviour page makes of it (``/products/*`` from product URLs), longest first."""
    strings = set(user_strings(path)) | set(user_strings(sample_paths()["feedback"])) | log_names(path)
    return sorted(strings, key=lambda text: (-len(text), text))


def log_names(path: Path) -> set[str]:
    """The page groups and event names of ``path`` read as an event log (none when it is not one)."""
    try:
        ordered = analyse(path).ordered
    except InputError:
        return set()
    return {str(name) for name in pd.concat([ordered["page"], ordered["event"]]).dropna().unique()}


@lru_cache(maxsize=None)
def comment_words(path: Path) -> frozenset[str]:
    """The words of the comments of ``path`` and of the bundled feedback sample (key terms are made of them)."""
    return text_words(path) | text_words(sample_paths()["feedback"])


# --- The walk -----------------------------------------------------------------------------------------------------

def nav_title(page: str, lang: str) -> str:
    return t(f"nav.{page}", lang)


def upload(app, path: Path, lang: str) -> None:
    """Open the Data page in ``lang``, upload ``path`` as the survey and wait for the run to finish."""
    app.page.context.add_init_script(CANVAS_RECORDER)
    app.open("?lang=zh" if lang == "zh" else "")
    app.page.locator('[data-testid="stFileUploader"]').nth(0).locator('input[type="file"]').set_input_files(str(path))
    app.page.get_by_text(t("data.using_upload", lang, name=path.name), exact=True).wait_for()
    app.wait()


def check_data_page_reading(app, path: Path, lang: str) -> None:
    """A file that cannot be read gets its friendly error in an alert; one that can is read and described."""
    page = app.page
    message = expected_error(path, lang)
    if message is not None:
        alert = page.locator('[data-testid="stAlertContentError"]').filter(has_text=message)
        alert.first.wait_for()
        return
    rows = load_export(path).rows
    page.get_by_text(t("data.loaded", lang, name=path.name, rows=f"{rows:,}"), exact=True).wait_for()
    if lang == "en":
        shown = page.locator('[data-testid="stMain"]').inner_text()
        for label, value in READ_AS.get(path.name, {}).items():
            assert re.search(rf"\n{re.escape(label)}\s+{re.escape(value)}\n", shown), \
                f"{path.name}: the Data page should show {label} = {value}"


def open_page(app, name: str, lang: str) -> None:
    """Click the page in the sidebar navigation, wait for its run, open every expander and wait until
    every visible chart and data grid has drawn."""
    page = app.page
    title = nav_title(name, lang)
    page.locator('[data-testid="stSidebarNavLink"]', has_text=title).click()
    page.locator('[data-testid="stMain"] h1', has_text=title).wait_for()
    app.wait()
    closed = page.locator('[data-testid="stMain"] [data-testid="stExpander"] details:not([open]) > summary')
    for summary in closed.all():
        if summary.is_visible():  # not those in a tab that is not shown
            summary.click()
    page.wait_for_function(DRAWN)


def upload_log(app, path: Path) -> None:
    """Upload ``path`` in the Behaviour page's own uploader and wait until its analysis (or its error) is drawn."""
    app.page.locator('.st-key-upload_events_0 input[type="file"]').set_input_files(str(path))
    drawn = '[data-testid="stMain"] [data-testid="stMetric"], [data-testid="stMain"] [data-testid="stAlertContentError"]'
    app.page.locator(drawn).first.wait_for()
    app.wait()
    app.page.wait_for_function(DRAWN)


def exception_summary(text: str) -> str:
    """An exception box in one line: its message and the innermost frame of the app's own code."""
    frames = re.findall(r'File "[^"]*?((?:pages|analysis)/[^"]+|app\.py)", line (\d+), in (\S+)', text)
    where = f" (at {frames[-1][0]}:{frames[-1][1]} in {frames[-1][2]})" if frames else ""
    return text.strip().splitlines()[0][:300] + where


def walk(app, path: Path, lang: str, english: bool) -> dict[str, list[str]]:
    """Upload ``path``, then open every page; return the problems found on each page (empty when none)."""
    upload(app, path, lang)
    check_data_page_reading(app, path, lang)
    strings = file_strings(path)
    problems = {}
    for name in PAGES:
        open_page(app, name, lang)
        if name == "behaviour":  # the Behaviour page reads the file too, in its own uploader
            upload_log(app, path)
        found = [f"exception box: {exception_summary(text)}" for text in
                 app.page.locator('[data-testid="stException"]').all_inner_texts()]
        fragments = page_text(app.page)
        found += [f"traceback text: {describe(fragment)}" for fragment in traceback_text(fragments)]
        found += [f"{token!r} shown as a value: {describe(fragment)}"
                  for fragment, token in missing_values(fragments, strings)]
        if english:
            found += [f"English: {describe(fragment, words)}" for fragment, words in english_words(fragments, strings, comment_words(path))]
        if name == "data" and expected_error(path, lang) is not None:
            alerts = app.page.locator('[data-testid="stAlertContentError"]')
            if not alerts.filter(has_text=expected_error(path, lang)).count():
                found.append(f"no friendly error; alerts: {alerts.all_inner_texts()}")
        if found:
            problems[nav_title(name, "en")] = found
    return problems


def report(path: Path, lang: str, problems: dict[str, list[str]]) -> str:
    lines = [f"{path.name} ({lang}): problems on {len(problems)} page(s)"]
    for page, found in problems.items():
        lines.append(f"  {page}:")
        lines += [f"    - {line}" for line in dict.fromkeys(found)]
    return "\n".join(lines)


@pytest.mark.parametrize("upload_file", INPUTS, indirect=True)
def test_every_page_opens_with_the_file(app, upload_file):
    """Uploading the file gives either its friendly error or a read file, and then every page opens with
    no exception, no traceback and no nan/None/inf shown as a value (grids included)."""
    problems = walk(app, upload_file, "en", english=False)
    assert not problems, report(upload_file, "en", problems)


@pytest.mark.parametrize("upload_file", INPUTS, indirect=True)
def test_chinese_mode_shows_no_english(app, upload_file):
    """The same walk in 简体中文: besides the checks above, no English word is left on any page once the
    file's own strings and the few allowed tokens (pagetext.ALLOWED_WORDS) are taken out."""
    problems = walk(app, upload_file, "zh", english=True)
    assert not problems, report(upload_file, "zh", problems)
