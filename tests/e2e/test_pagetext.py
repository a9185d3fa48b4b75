"""The page-text checkers of pagetext.py on made-up pages (no browser): they catch what they must and
leave the user's own data, allowed tokens and numbers alone."""
from __future__ import annotations

from pagetext import Fragment, describe, english_words, missing_values, text_words, traceback_text, user_strings

SURVEY = ("Customer Type,Class,Seat comfort,Comment\n"
          "Loyal Customer,Business,4,None\n"
          "disloyal Customer,Eco,2,Great legroom but the food was cold and the crew was rude to everyone\n")


def fake_page(*texts: str, where: str = "main") -> list[Fragment]:
    return [Fragment(where, text) for text in texts]


def test_user_strings_are_name_headers_and_values(tmp_path):
    path = tmp_path / "my_export.csv"
    path.write_text(SURVEY, encoding="utf-8")
    strings = user_strings(path, also=("airline_tweets.csv",))
    assert {"my_export.csv", "airline_tweets.csv", "Customer Type", "Seat comfort", "Loyal Customer", "Eco",
            "None"} <= set(strings)
    assert "4" not in strings  # no letters: cannot look like English
    assert [len(text) for text in strings] == sorted((len(text) for text in strings), reverse=True)


def test_user_strings_of_an_unreadable_file_are_its_name(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    assert user_strings(path) == ["photo.csv"]


def test_english_checker_flags_untranslated_text_and_nothing_else(tmp_path):
    path = tmp_path / "my_export.csv"
    path.write_text(SURVEY, encoding="utf-8")
    strings = user_strings(path, also=("airline_tweets.csv",))
    page = fake_page(
        "旅程",  # translated
        "问卷：my_export.csv",  # the file name
        "Loyal Customer 对比 disloyal Customer",  # group names from the file
        "客户在「购买」阶段最不满意（46/100）",
        "NPS 净推荐值", "CSAT 满意度", "p < 0.001", "n = 5,000", "R² = 0.41", "😐 55",  # allowed tokens, numbers
        "图表（PNG）", "编码", "utf-8", "English", "语言 · Language",  # format, encoding, the language switch
        "Seat comfort ·",  # a touchpoint name with the app's separator
        "Great legroom but the food was c…",  # a chart label shortened from a cell value
        "评分最低的触点：Great legroom but the…",  # a title whose user part is shortened
        "my_e...ort.csv",  # the uploader shortens the file name in the middle
        "Customers are least happy at Purchase (46/100)",  # untranslated: must be caught
        "Loyal Customer vs disloyal Customer",  # "vs" is the app's word
        "Page", "Upload",  # "Page" is not eaten by the user's column "Age"-like strings; Streamlit's own text
    ) + fake_page("Great legroom but the food was cold and the crew w", "Scale min", where="grid")
    page.append(Fragment("grid", "disloyal  Customer"))  # the grid keeps the file's own spacing
    found = {fragment.text: words for fragment, words in english_words(page, strings)}
    assert found == {
        "Customers are least happy at Purchase (46/100)": ["Customers", "are", "least", "happy", "at", "Purchase"],
        "Loyal Customer vs disloyal Customer": ["vs"],
        "Page": ["Page"],
        "Upload": ["Upload"],
        "Scale min": ["Scale", "min"],
    }
    assert describe(Fragment("main", "Upload"), ["Upload"]) == \
        "main: 'Upload' [Streamlit's own widget text]  <- Upload"


def test_user_string_is_cut_only_as_a_whole_word():
    strings = ["Age"]
    found = english_words(fake_page("年龄 Age", "Page 2"), strings)
    assert [(fragment.text, words) for fragment, words in found] == [("Page 2", ["Page"])]


def test_missing_value_checker():
    strings = ["None"]  # the file itself holds the answer "None"
    page = fake_page("NPS nan", "45.0%", "Customers are least happy at Purchase (nan/100)", "± inf", "None",
                     "None of the 15 metrics differs", "Infinity", "null", "<NA>", "financial", "inference")
    page += fake_page("None", where="grid")  # a grid drawing a missing value (the user's "None" is cut too)
    tokens = [(fragment.text, token) for fragment, token in missing_values(page, strings)]
    assert tokens == [("NPS nan", "nan"), ("Customers are least happy at Purchase (nan/100)", "nan"),
                      ("± inf", "inf"), ("Infinity", "Infinity"), ("null", "null"), ("<NA>", "<NA>")]
    assert [(fragment.text, token) for fragment, token in missing_values(fake_page("None", where="grid"), [])] \
        == [("None", "None")]


def test_traceback_checker():
    page = fake_page("Traceback (most recent call last):", 'File "/app/pages/journey.py", line 12, in <module>',
                     "KeyError: 'score'", "pandas.errors.ParserError", "could not be opened (ParseError)",
                     "Error: the file is empty")
    assert [fragment.text for fragment in traceback_text(page)] == [
        "Traceback (most recent call last):", 'File "/app/pages/journey.py", line 12, in <module>',
        "KeyError: 'score'", "pandas.errors.ParserError"]


def test_comment_words_are_allowed_only_in_grids_and_quotes(tmp_path):
    path = tmp_path / "tweets.csv"
    path.write_text("id,text\n1,my flight was cancelled again and again\n2,short\n", encoding="utf-8")
    words = text_words(path)
    assert {"cancelled", "flight", "again"} <= words and "short" not in words and "text" not in words
    page = fake_page("包含“cancelled flight”的评论", "cancelled 的负面文本", "Cancelled") + \
        fake_page("cancelled flight", "my flig", "flig my", where="grid")
    found = {fragment.text: found_words for fragment, found_words in english_words(page, ["tweets.csv"], words)}
    assert found == {"cancelled 的负面文本": ["cancelled"], "Cancelled": ["Cancelled"], "flig my": ["flig"]}


def test_quoted_column_names_the_chinese_wording_asks_for_are_allowed():
    page = fake_page("请把标识访客的列命名为 “client_id”、“visitor_id” 或 “cookie”。",
                     "请把标识访客的列命名为 client_id 或 cookie。", "“Visitor Id” 列")
    for strings in ([], ["id"]):  # with or without a column "id" in the file
        found = {fragment.text: words for fragment, words in english_words(page, strings)}
        assert set(found) == {"请把标识访客的列命名为 client_id 或 cookie。", "“Visitor Id” 列"}
        assert "Visitor" in found["“Visitor Id” 列"]


def test_a_long_user_string_broken_onto_chart_lines_is_still_user_text():
    """A chart axis breaks a long column name onto lines: each line (whole words of the name) is the user's text,
    but the same words in a sentence of the app's own, or a line that splits a word, are still flagged."""
    name = "Departure/Arrival time convenient for the whole family"
    lines = [Fragment("main", "Departure/Arrival time convenient"), Fragment("main", "for the whole family")]
    assert english_words(lines, [name]) == []
    assert english_words([Fragment("main", "Departure/Arrival time is late")], [name])
    assert english_words([Fragment("main", "Departure/Arri")], [name])


def test_banner_letters_after_a_figure_in_a_grid_are_not_english():
    assert english_words([Fragment("grid", "90.3% BOPT")], []) == []
    assert english_words([Fragment("grid", "Total BOPT")], [])  # not after a figure: a word
    assert english_words([Fragment("main", "larger Vancouver and…")],
                         ["I feel outdoor guides represent the larger Vancouver and its people"]) == []
