"""Loading exports: real files, every container, encoding and delimiter, and bad input."""
from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.io import ONE_TEXT_A_LINE, load_export
from analysis.schema import to_number

COMMENTS = {
    "en": ["Great service", "Slow checkout, friendly staff", "Would not come back"],
    "simplified": ["非常满意，服务很好", "一般般吧，价格偏贵", "很差劲，不会再来了"],
    "traditional": ["非常滿意，服務人員很親切", "還可以，價格偏貴", "很差勁，不會再來了"],
    "latin": ["Café très bon", "Crème brûlée, señor", "Müller's naïve résumé"],
}
SCORES = [5, 3, 1]


def survey_text(comments: list[str], sep: str = ",") -> str:
    """A three-response survey as delimited text, built with pandas' own writer."""
    frame = pd.DataFrame({"id": ["r1", "r2", "r3"], "comment": comments, "score": SCORES})
    return frame.to_csv(sep=sep, index=False)


def assert_one_sentence(message: str, name: str, *words: str) -> None:
    """An InputError message: one line, one sentence naming the file, with the given words."""
    assert name in message
    assert "\n" not in message
    assert message.endswith(".")
    assert not re.search(r"[.!?]\s+[A-Z]", message), f"more than one sentence: {message}"
    for word in words:
        assert word in message.lower(), f"{word!r} not in {message!r}"


# --- real files --------------------------------------------------------------------------

@pytest.mark.parametrize("name, rows, columns, first_column", [
    ("airline_passenger_satisfaction_sample.csv", 5000, 25, "id"),
    ("airline_tweets_sample.csv", 2000, 15, "tweet_id"),
    ("chnsenticorp_htl_sample.csv", 1000, 2, "label"),
    ("online_retail_200_customers.csv", 18139, 8, "InvoiceNo"),
    ("online_shoppers_intention_sample.csv", 1000, 18, "Administrative"),
    ("womens_clothing_reviews_sample.csv", 3000, 11, "column_1"),  # its first header cell is empty
])
def test_shared_csv_loads_as_generic_with_every_row(shared_data, name, rows, columns, first_column):
    export = load_export(shared_data / name)
    assert export.format == "generic"
    assert (export.encoding, export.delimiter, export.header_rows) == ("utf-8", ",", 1)
    assert export.rows == rows == len(export.frame)
    assert export.frame.shape[1] == columns
    assert export.frame.columns[0] == first_column
    assert export.bad_rows == []
    assert export.frame.index[0] == 2 and export.frame.index[-1] == rows + 1


def test_shared_files_match_pandas_reading_them(shared_data):
    """Our values equal a plain pandas read: nothing altered on the way in."""
    for name in ("airline_tweets_sample.csv", "chnsenticorp_htl_sample.csv", "online_retail_200_customers.csv"):
        ours = load_export(shared_data / name).frame
        theirs = pd.read_csv(shared_data / name, dtype=str, keep_default_na=False)
        assert (ours.astype("string").fillna("").to_numpy() == theirs.to_numpy()).all(), name


def test_tweets_keep_newlines_inside_quoted_text(shared_data):
    export = load_export(shared_data / "airline_tweets_sample.csv")
    assert export.frame["text"].str.contains("\n").sum() >= 1
    assert export.frame["airline_sentiment"].isin(["negative", "neutral", "positive"]).all()


def test_chinese_reviews_are_read_as_text(shared_data):
    export = load_export(shared_data / "chnsenticorp_htl_sample.csv")
    assert set(export.frame["label"].unique()) == {0, 1}
    assert export.frame["review"].str.contains("[\u4e00-\u9fff]").mean() > 0.99


# --- encodings, delimiters, containers ---------------------------------------------------

@pytest.mark.parametrize("language, encoding, reported", [
    ("simplified", "utf-8", "utf-8"),
    ("simplified", "utf-8-sig", "utf-8"),
    ("simplified", "gbk", "gb18030"),
    ("simplified", "gb18030", "gb18030"),
    ("traditional", "big5", "big5"),
    ("traditional", "utf-8", "utf-8"),
    ("latin", "cp1252", "cp1252"),
    ("latin", "utf-8-sig", "utf-8"),
])
def test_encodings_decode_to_the_original_text(tmp_path, language, encoding, reported):
    path = tmp_path / f"survey_{encoding}.csv"
    path.write_bytes(survey_text(COMMENTS[language]).encode(encoding))
    export = load_export(path)
    assert export.encoding == reported
    assert list(export.frame.columns) == ["id", "comment", "score"]
    assert export.frame["comment"].tolist() == COMMENTS[language]
    assert export.frame["score"].tolist() == SCORES


@pytest.mark.parametrize("language", ["simplified", "traditional", "latin"])
def test_excel_unicode_text_is_utf16_with_tabs(tmp_path, language):
    path = tmp_path / "unicode.txt"
    path.write_bytes(survey_text(COMMENTS[language], sep="\t").encode("utf-16"))  # with BOM, like Excel
    export = load_export(path)
    assert (export.encoding, export.delimiter) == ("utf-16", "\t")
    assert export.frame["comment"].tolist() == COMMENTS[language]
    assert export.frame["score"].tolist() == SCORES


def test_chinese_header_names_survive_gbk(tmp_path):
    path = tmp_path / "weibo.csv"
    path.write_bytes("编号,评论,评分\n1,服务很好,5\n2,太慢了,2\n".encode("gbk"))
    export = load_export(path)
    assert list(export.frame.columns) == ["编号", "评论", "评分"]
    assert export.frame["评论"].tolist() == ["服务很好", "太慢了"]


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path, sep):
    path = tmp_path / "survey.txt"
    path.write_text(survey_text(COMMENTS["en"], sep=sep), encoding="utf-8")
    export = load_export(path)
    assert export.delimiter == sep
    assert list(export.frame.columns) == ["id", "comment", "score"]
    assert export.frame["comment"].tolist() == COMMENTS["en"]


def test_one_column_of_comments_keeps_every_row_whatever_its_semicolons(tmp_path):
    """Tweets exported as one column: a few hold ``&amp;`` or a ``;`` of their own, and a semicolon that splits
    those few (and leaves the rest whole) is not the delimiter; it dropped them as bad rows."""
    comments = ["Great crew, thanks!", "Lost my bag &amp; nobody called", "Seat 4C; no room for a laptop",
                "Late again", "On time, friendly staff", "Wifi down &amp; no refund"] * 5
    path = tmp_path / "tweets.csv"
    pd.DataFrame({"text": comments}).to_csv(path, index=False)
    export = load_export(path)
    assert export.delimiter == "," and not export.bad_rows
    assert export.frame["text"].tolist() == comments


def test_a_file_of_one_text_a_line_keeps_every_line_whole(tmp_path, shared_data):
    """Reviews pasted into a .txt, one a line, no header: the commas some hold are part of the texts (the first line
    became the header and the lines with a comma were refused as too wide); each line is a row of ``text``,
    numbered by its line in the file."""
    reviews = pd.read_csv(shared_data / "chnsenticorp_htl_sample.csv")["review"].str.replace("\n", " ").head(120)
    assert reviews.str.contains(",").sum() >= 10  # ASCII commas among the full-width ones
    path = tmp_path / "reviews.txt"
    path.write_text("\n".join(reviews) + "\n", encoding="utf-8")
    export = load_export(path)
    assert list(export.frame.columns) == ["text"] and not export.bad_rows and export.delimiter == ONE_TEXT_A_LINE
    assert export.frame["text"].tolist() == reviews.tolist()
    assert export.frame.index[0] == 1 and export.frame.index[-1] == 120
    tweets = ["Thanks, great flight!", "Late again", "Bag lost", "Crew was rude, gate agent too", "On time"] * 4
    path.write_text("\n".join(tweets) + "\n", encoding="utf-8")  # the first line holds a comma itself
    assert load_export(path).frame["text"].tolist() == tweets
    path.write_text("Comment\n" + "\n".join(tweets) + "\n", encoding="utf-8")  # a column name above them
    named = load_export(path)
    assert named.frame["Comment"].tolist() == tweets and named.frame.index[0] == 2


def test_a_title_line_above_a_table_is_not_a_file_of_texts(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("Survey results March\nid,score,comment\n1,5,good\n2,4,ok\n3,2,bad\n", encoding="utf-8")
    with pytest.raises(InputError, match="more fields than the header"):
        load_export(path)


def test_decimal_comma_with_semicolons(tmp_path):
    path = tmp_path / "european.csv"
    path.write_text("id;satisfaction;comment\nr1;4,5;gut\nr2;3,0;ok, passt\nr3;5;super\n", encoding="utf-8")
    export = load_export(path)
    assert export.delimiter == ";"
    numbers, unreadable = to_number(export.frame["satisfaction"])
    assert numbers.tolist() == [4.5, 3.0, 5.0]
    assert not unreadable.any()
    assert export.frame["comment"].tolist() == ["gut", "ok, passt", "super"]


def test_semicolons_win_over_decimal_commas_that_split_rows_as_evenly(tmp_path):
    path = tmp_path / "tie.csv"
    path.write_text("Name, first;Score\nAnn;4,5\nBob;3,5\n", encoding="utf-8")
    export = load_export(path)
    assert export.delimiter == ";"
    assert list(export.frame.columns) == ["Name, first", "Score"]
    assert to_number(export.frame["Score"])[0].tolist() == [4.5, 3.5]


def test_nul_bytes_are_dropped(tmp_path):
    lines = ["id,comment,score"] + [f"r{i},answer number {i},{i % 5 + 1}" for i in range(1, 41)]
    data = bytearray("\n".join(lines).encode("utf-8") + b"\n")
    for position in (5, 60, 200, 400):
        data[position:position] = b"\x00"
    path = tmp_path / "nul.csv"
    path.write_bytes(bytes(data))
    export = load_export(path)
    assert export.rows == 40
    assert list(export.frame.columns) == ["id", "comment", "score"]
    assert export.frame["comment"].tolist() == [f"answer number {i}" for i in range(1, 41)]
    assert export.frame["score"].tolist() == [i % 5 + 1 for i in range(1, 41)]


def test_padded_headers_and_newlines_in_headers_are_folded(tmp_path):
    path = tmp_path / "padded.csv"
    path.write_text('"  Respondent ID ","How satisfied\nare you? (1-5)  ",\t Comment \n'
                    'r1,5,fine\nr2,4,\n', encoding="utf-8")
    export = load_export(path)
    assert list(export.frame.columns) == ["Respondent ID", "How satisfied are you? (1-5)", "Comment"]
    assert export.frame["How satisfied are you? (1-5)"].tolist() == [5, 4]
    assert export.frame.index.tolist() == [2, 3]


def test_xlsx_named_csv_is_opened_as_a_workbook(tmp_path):
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": ["r1", "r2"], "score": [4.5, 3], "zip": ["01234", "98765"]}).to_excel(path, index=False)
    export = load_export(path)
    assert export.sheet == "Sheet1"
    assert export.encoding is None and export.delimiter is None
    assert export.frame.to_dict("list") == {"id": ["r1", "r2"], "score": ["4.5", "3"], "zip": ["01234", "98765"]}


def test_workbook_uses_the_sheet_holding_the_responses(tmp_path):
    path = tmp_path / "book.xlsx"
    responses = pd.DataFrame({"id": [f"r{i}" for i in range(1, 21)], "nps": [i % 11 for i in range(1, 21)]})
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"metric": ["NPS"], "value": [12]}).to_excel(writer, sheet_name="Summary", index=False)
        responses.to_excel(writer, sheet_name="Responses", index=False)
    export = load_export(path)
    assert export.sheet == "Responses"
    assert export.rows == 20
    assert export.frame["id"].tolist() == responses["id"].tolist()


def test_workbook_rows_keep_their_sheet_row_numbers(tmp_path):
    path = tmp_path / "gaps.xlsx"
    rows = [["id", "score"], [None, None], ["r1", "5"], [None, None], ["r2", "4"]]
    pd.DataFrame(rows).to_excel(path, index=False, header=False, startrow=2)  # header on sheet row 3
    export = load_export(path)
    assert export.frame.index.tolist() == [5, 7]
    assert export.frame["id"].tolist() == ["r1", "r2"]


def test_blank_lines_above_the_header_are_skipped(tmp_path):
    path = tmp_path / "blank_top.csv"
    path.write_text("\n\nid,score\nr1,5\nr2,4\n", encoding="utf-8")
    export = load_export(path)
    assert list(export.frame.columns) == ["id", "score"]
    assert export.frame.index.tolist() == [4, 5]
    assert export.frame["id"].tolist() == ["r1", "r2"]


@pytest.mark.parametrize("text", [
    json.dumps([{"id": "r1", "score": 5, "comment": "good"}, {"id": "r2", "score": 3, "comment": None}]),
    json.dumps({"survey": "Q2", "responses": [{"id": "r1", "score": 5, "comment": "good"},
                                              {"id": "r2", "score": 3}]}),
])
def test_json_records(tmp_path, text):
    path = tmp_path / "responses.json"
    path.write_text(text, encoding="utf-8")
    export = load_export(path)
    assert export.delimiter is None
    assert export.rows == 2
    assert list(export.frame.columns) == ["id", "score", "comment"]
    assert export.frame["score"].tolist() == ["5", "3"]
    assert export.frame.loc[2, "comment"] == "good"
    assert pd.isna(export.frame.loc[3, "comment"])


def test_duplicate_and_blank_header_names_become_unique(tmp_path):
    path = tmp_path / "dups.csv"
    path.write_text("Q,Q,Q (2),,Score\n1,2,3,4,5\n", encoding="utf-8")
    export = load_export(path)
    assert list(export.frame.columns) == ["Q", "Q (3)", "Q (2)", "column_4", "Score"]
    assert export.duplicate_headers == {"Q": 2}
    assert export.frame.iloc[0].tolist() == [1, 2, 3, 4, 5]


def test_uploaded_bytes_load_like_the_file(tmp_path):
    text = survey_text(COMMENTS["simplified"])
    export = load_export(text.encode("utf-8"), name="upload.csv")
    assert export.name == "upload.csv"
    assert export.frame["comment"].tolist() == COMMENTS["simplified"]


# --- awkward but valid input -------------------------------------------------------------

def test_rows_wider_than_the_header_are_reported_not_loaded(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("id,score,comment\nr1,5,ok\nr2,4,too,many,fields\nr3,3,fine\n", encoding="utf-8")
    export = load_export(path)
    assert export.rows == 3
    assert export.frame.index.tolist() == [2, 4]
    assert export.frame["id"].tolist() == ["r1", "r3"]
    assert export.bad_rows == [{"row": 3, "fields": 5, "width": 3, "raw": "r2,4,too,many,fields"}]


def test_a_too_wide_first_response_is_reported_too(tmp_path):
    path = tmp_path / "ragged_first.csv"
    path.write_text("id,score\nr1,5,extra\nr2,4\nr3,3\n", encoding="utf-8")
    export = load_export(path)
    assert [bad["row"] for bad in export.bad_rows] == [2]
    assert export.frame["id"].tolist() == ["r2", "r3"]
    assert export.rows == 3


def test_empty_fields_after_the_last_column_are_ignored(tmp_path):
    path = tmp_path / "trailing.csv"
    path.write_text("id,score\nr1,5,\nr2,4,\n", encoding="utf-8")
    export = load_export(path)
    assert export.bad_rows == []
    assert export.frame["id"].tolist() == ["r1", "r2"]


def test_a_single_response_loads(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("id,score\nr1,5\n", encoding="utf-8")
    export = load_export(path)
    assert export.rows == 1
    assert export.frame.loc[2, "score"] == 5


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_one_megabyte_cell_loads_intact(tmp_path, encoding):
    cell = ("Lorem ipsum, dolor \"sit\" amet.\n" * 40_000)[:999_999] + "é"
    path = tmp_path / "long.csv"
    text = pd.DataFrame({"id": ["r1", "r2"], "comment": [cell, "short"]}).to_csv(index=False)
    path.write_bytes(text.encode(encoding))
    export = load_export(path)
    assert len(export.frame.loc[2, "comment"]) == 1_000_000
    assert export.frame.loc[2, "comment"] == cell
    assert export.frame.loc[3, "comment"] == "short"


@pytest.mark.parametrize("text, lines", [
    # the quote opened on r1 closes at the very end: one row holds the whole file
    ('id,score,comment\nr1,5,"Great flight\nr2,2,Bad food\nr3,4,ok\nr4,1,Late again"\n', 3),
    # a later quote closes it: r2-r4 vanish into r1's comment, r5 and r6 read normally
    ('id,score,comment\nr1,5,"Great flight\nr2,2,Bad food\nr3,4,They said ""sorry""\nr4,3,Seat was "fine"\n'
     'r5,1,Late again\nr6,4,ok\n', 3),
])
def test_a_cell_that_swallowed_later_rows_is_reported(tmp_path, text, lines):
    path = tmp_path / "open_quote.csv"
    path.write_text(text, encoding="utf-8")
    export = load_export(path)
    assert export.frame.loc[2, "comment"].count("\n") == lines  # read as one cell, as pandas does
    assert [(cell["row"], cell["column"], cell["lines"]) for cell in export.swallowed] == [(2, "comment", lines)]
    assert export.swallowed[0]["first"] == "r2,2,Bad food"


def test_multi_line_comments_are_not_mistaken_for_swallowed_rows(tmp_path, shared_data):
    path = tmp_path / "multiline.csv"
    comment = "Good flight, friendly crew.\nFood was cold, seats cramped, wifi slow.\nWould fly again"
    pd.DataFrame({"id": ["r1", "r2"], "score": [4, 5], "comment": [comment, "fine"]}).to_csv(path, index=False)
    assert load_export(path).swallowed == []
    assert load_export(shared_data / "airline_tweets_sample.csv").swallowed == []


# --- bad input ---------------------------------------------------------------------------

BAD_INPUT = {
    "empty": (b"", ["empty"]),
    "whitespace": (b" \r\n\t \n\n", ["empty"]),
    "header_only": (b"id,score,comment\n", ["header", "no responses"]),
    "header_then_blank_rows": (b"id,score\n,\n,\n", ["header", "no responses"]),
    "random_bytes": (np.random.default_rng(0).bytes(4096), ["binary", "upload a csv"]),
    "png": (b"\x89PNG\r\n\x1a\n" + np.random.default_rng(1).bytes(512), ["png image", "not a table"]),
    "broken_quote": (b'id,comment\nr1,fine\nr2,"never closed\nr3,more\n', ["quote", "line 3", "never closed"]),
    "json_numbers": (b"[1, 2, 3]", ["json", "records"]),
    "json_object": (b'{"survey": "Q2", "count": 3}', ["json", "records"]),
    "every_row_too_wide": (b"id,score\nr1,5,x\nr2,4,y\n", ["more fields than the header", "row 2"]),
    "broken_xlsx": (b"PK\x03\x04" + bytes(64), ["excel", "re-save"]),
    "web_page": (b"\n<!DOCTYPE html><html><body>Sign in</body></html>", ["web page", "download the export"]),
}


@pytest.mark.parametrize("kind", BAD_INPUT)
def test_bad_input_raises_one_clear_sentence(tmp_path, kind):
    data, words = BAD_INPUT[kind]
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        load_export(path)
    assert_one_sentence(str(caught.value), path.name, *words)


@pytest.mark.parametrize("kind", ["empty", "random_bytes", "broken_quote"])
def test_bad_upload_names_the_upload(kind):
    with pytest.raises(InputError) as caught:
        load_export(BAD_INPUT[kind][0], name="my upload.csv")
    assert_one_sentence(str(caught.value), "my upload.csv", *BAD_INPUT[kind][1])


def test_folder_instead_of_file(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(InputError) as caught:
        load_export(folder)
    assert_one_sentence(str(caught.value), "exports", "folder")


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as caught:
        load_export(tmp_path / "nowhere.csv")
    assert_one_sentence(str(caught.value), "nowhere.csv", "not found")


def test_unreadable_path(tmp_path):
    with pytest.raises(InputError) as caught:
        load_export(tmp_path / ("x" * 300 + ".csv"))  # longer than a file name may be
    assert_one_sentence(str(caught.value), "x" * 300, "could not be read")
