"""Validation and typing of an export under a mapping."""
import io
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.io import load_export
from analysis.prepare import prepare, pseudonymise
from analysis.schema import detect_roles
from analysis.summary import summarize

MESSY = """respondent_id,nps,satisfaction,age,comment
r1,10,5 - Very satisfied,34,Great service
r2,9,4,-5,ok
r3,N/A,3,150,slow checkout
r4,ten,2,41,
r5,11,1,29,terrible
r5,3,2,30,duplicate id
r6,,Very satisfied (5),45,
"""


@pytest.fixture
def messy(tmp_path):
    path = tmp_path / "messy.csv"
    path.write_text(MESSY, encoding="utf-8")
    export = load_export(path)
    return export, detect_roles(export)


def problems(prepared) -> dict:
    return {(i.column, i.problem): i.count for i in prepared.issues.itertuples()}


def test_validation_counts_every_problem_with_its_column(messy):
    export, mapping = messy
    prepared = prepare(export, mapping)
    found = problems(prepared)
    assert found[("nps", "non_numeric")] == 1  # "ten"
    assert found[("nps", "not_applicable")] == 1  # "N/A": an answer, not an unreadable one
    assert found[("nps", "out_of_scale")] == 1  # 11
    assert found[("nps", "blank")] == 1
    assert found[("age", "outlier")] == 2  # -5 and 150
    assert found[("respondent_id", "duplicate_id")] == 1
    assert ("comment", "blank") not in found  # a comment left empty is not a problem...
    assert prepared.unanswered.values.tolist() == [["comment", 2]]  # ...only counted
    assert prepared.rows == 7 and prepared.rows_used == 6


def test_labelled_answers_are_read_as_numbers(messy):
    prepared = prepare(*messy)
    assert prepared.responses["satisfaction"].tolist() == [5, 4, 3, 2, 1, 5]


def test_excluded_values_and_rows_are_listed_with_reasons(messy):
    prepared = prepare(*messy)
    excluded = prepared.excluded
    nps = excluded[excluded["column"] == "nps"].sort_values("row")
    assert nps[["row", "value", "reason"]].values.tolist() == [
        [4, "N/A", "not_applicable"], [5, "ten", "non_numeric"], [6, "11", "out_of_scale"]]
    assert excluded[excluded["reason"] == "duplicate_id"]["row"].tolist() == [7]
    assert len(excluded) == sum(prepared.issues.query("problem != 'blank'")["count"])


def test_the_uploaded_frame_is_never_altered(messy):
    export, mapping = messy
    before = export.frame.copy()
    prepare(export, mapping)
    pd.testing.assert_frame_equal(export.frame, before)


def test_zero_means_not_applicable_only_when_declared(tmp_path):
    path = tmp_path / "ratings.csv"
    path.write_text("id,Check-in,Seat\n1,0,5\n2,4,4\n3,5,3\n4,2,3\n5,3,1\n6,4,2\n7,5,5\n8,1,4\n",
                    encoding="utf-8")
    export = load_export(path)
    mapping = detect_roles(export)
    assert mapping.set_index("column").loc["Check-in", "zero_is_na"]
    declared = prepare(export, mapping)
    assert declared.scores["Check-in"].mean() == pytest.approx(24 / 7)
    assert problems(declared)[("Check-in", "not_applicable")] == 1
    mapping.loc[mapping["column"] == "Check-in", ["zero_is_na", "scale_min"]] = [False, 0]
    as_scores = prepare(export, mapping)
    assert as_scores.scores["Check-in"].mean() == pytest.approx(24 / 8)


def test_airline_touchpoint_scores_match_pandas_reference(shared_data, prepared_file):
    path = shared_data / "airline_passenger_satisfaction_sample.csv"
    prepared = prepared_file(path)
    raw = pd.read_csv(path)
    for column in prepared.columns("touchpoint"):
        reference = raw.loc[raw[column] > 0, column]
        assert prepared.scores[column].mean() == pytest.approx(reference.mean())
        assert prepared.scores[column].count() == len(reference)
    long = prepared.touchpoints
    assert len(long) == prepared.ratings == int((raw[prepared.columns("touchpoint")] > 0).sum().sum())
    assert long["score"].between(0, 1).all()
    pd.testing.assert_frame_equal(prepared.touchpoints_head(7000), long.head(7000))  # spans two touchpoints
    satisfied = prepared.responses["satisfaction"].astype(bool).mean()
    assert satisfied == pytest.approx((raw["satisfaction"] == "satisfied").mean())


def test_feedback_export_gets_a_pseudonymised_feedback_table(shared_data):
    export = load_export(shared_data / "airline_tweets_sample.csv")
    prepared = prepare(export, detect_roles(export))
    assert prepared.kind == "feedback"
    feedback = prepared.feedback
    assert {"post_id", "created_at", "platform", "author", "text", "language"} <= set(feedback.columns)
    assert feedback["author"].str.fullmatch(r"user_[0-9a-f]{10}").all()
    assert not set(export.frame["name"]) & set(feedback["author"])
    assert feedback["author"].iloc[0] == pseudonymise(export.frame["name"].iloc[0])
    assert (feedback["language"] == "en").mean() > 0.95


def test_chinese_reviews_are_tagged_zh(shared_data, prepared_file):
    prepared = prepared_file(shared_data / "chnsenticorp_htl_sample.csv")
    assert (prepared.feedback["language"] == "zh").mean() > 0.95


def test_an_edited_mapping_is_checked(messy):
    export, mapping = messy
    broken = mapping.copy()
    broken.loc[broken["column"] == "nps", "scale_max"] = -1
    with pytest.raises(InputError, match="nps.*scale"):
        prepare(export, broken)
    unknown = mapping.copy()
    unknown.loc[0, "column"] = "no such column"
    with pytest.raises(InputError, match="no such column"):
        prepare(export, unknown)


def test_chinese_social_export_in_gbk(tmp_path):
    frame = pd.DataFrame({
        "微博ID": [f"wb{i}" for i in range(40)],
        "用户昵称": [f"旅行者{i % 7}" for i in range(40)],
        "发布时间": pd.date_range("2024-03-01 08:00", periods=40, freq="37min").strftime("%Y-%m-%d %H:%M"),
        "微博内容": [f"这次航班延误了{i}个小时，客服态度还不错，但是行李丢了。" for i in range(40)],
        "转发数": range(40),
        "点赞数": [i * 3 for i in range(40)],
        "平台": ["微博"] * 20 + ["微信"] * 20,
    })
    path = tmp_path / "weibo.csv"
    frame.to_csv(path, index=False, encoding="gbk")
    export = load_export(path)
    assert export.encoding in ("gb18030", "gbk")
    mapping = detect_roles(export)
    roles = dict(zip(mapping["column"], mapping["role"]))
    assert roles == {"微博ID": "respondent_id",
                     "用户昵称": "author", "发布时间": "timestamp", "微博内容": "text",
                     "转发数": "engagement", "点赞数": "engagement", "平台": "channel"}
    prepared = prepare(export, mapping)
    feedback = prepared.feedback
    assert prepared.kind == "feedback" and len(feedback) == 40
    assert (feedback["language"] == "zh").all()
    assert feedback["author"].nunique() == 7
    assert feedback["platform"].tolist()[:1] == ["微博"]
    assert feedback["created_at"].notna().all()


def test_a_swallowed_cell_is_a_problem_in_the_report(tmp_path):
    path = tmp_path / "open_quote.csv"
    path.write_text('id,score,comment\nr1,5,"Great flight\nr2,2,Bad food\nr3,4,ok\nr4,1,Late again"\n',
                    encoding="utf-8")
    prepared = prepare(load_export(path), detect_roles(load_export(path)))
    assert not prepared.issues.empty
    issue = prepared.issues.set_index("problem").loc["swallowed_lines"]
    assert (issue["column"], issue["count"]) == ("comment", 3)  # r2, r3 and r4 became part of r1's comment
    assert issue["examples"] == "2: r2,2,Bad food"  # the row it happened in, then the first swallowed line


# --- held-out look-alikes: validation ------------------------------------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_qualtrics_previews_spam_and_unfinished_responses_are_set_aside(prepared_file):
    path = FIXTURES / "qualtrics_hu_lab_study.csv"
    prepared = prepared_file(path)
    raw = pd.read_csv(path, skiprows=[1, 2], dtype=str, encoding="utf-8-sig")
    raw.index += 4  # spreadsheet rows: three header rows, then the first response on row 4
    preview = (raw["Status"] == "Survey Preview") | (raw["DistributionChannel"] == "preview")
    spam = (raw["Status"] == "Spam") & ~preview
    unfinished = (raw["Finished"] == "False") & ~preview & ~spam
    excluded = prepared.excluded
    for reason, rows in (("preview_response", preview), ("spam_response", spam), ("unfinished_response", unfinished)):
        assert sorted(excluded.loc[excluded["reason"] == reason, "row"]) == raw.index[rows].tolist()
        assert prepared.issues.loc[prepared.issues["problem"] == reason, "count"].sum() == rows.sum()
    assert prepared.rows == len(raw) == 30
    assert prepared.rows_used == len(raw) - (preview | spam | unfinished).sum() == 23
    assert not set(prepared.responses.index) & set(raw.index[preview | spam | unfinished])


def test_legacy_numeric_status_and_progress_without_finished(tmp_path, prepared_file):
    header = ("ResponseID,ResponseSet,StartDate,EndDate,Status,Progress,Q1\n"
              "ResponseID,ResponseSet,StartDate,EndDate,Status,Progress,How satisfied are you? (1-5)\n"
              "{'ImportId': 'responseId'},{'ImportId': 'responseSet'},{'ImportId': 'startDate'},"
              "{'ImportId': 'endDate'},{'ImportId': 'status'},{'ImportId': 'progress'},{'ImportId': 'QID1'}\n")
    rows = [("R_1", 0, 100, 4), ("R_2", 1, 100, 5), ("R_3", 2, 100, 3), ("R_4", 8, 100, 1), ("R_5", 0, 40, 2),
            ("R_6", 0, 100, 5), ("R_7", 9, 100, 2)]
    body = "".join(f"{rid},Default,2024-01-0{i + 1} 10:00,2024-01-0{i + 1} 10:05,{status},{progress},{score}\n"
                   for i, (rid, status, progress, score) in enumerate(rows))
    path = tmp_path / "legacy.csv"
    path.write_text(header + body, encoding="utf-8")
    prepared = prepared_file(path)
    reasons = prepared.excluded.set_index("row")["reason"].to_dict()
    # rows 4.. hold R_1..R_7: status 1 and 9 are previews, 2 a test, 8 spam, progress 40 unfinished
    assert reasons == {5: "preview_response", 10: "preview_response", 6: "test_response", 7: "spam_response",
                       8: "unfinished_response"}
    assert prepared.responses["respondent_id"].tolist() == ["R_1", "R_6"]


def test_an_order_status_column_in_a_plain_table_is_left_alone(tmp_path, prepared_file):
    path = tmp_path / "orders.csv"
    path.write_text("order_id,Status,Progress,amount\n1,Test,40,10\n2,Spam,100,12\n3,1,100,9\n", encoding="utf-8")
    prepared = prepared_file(path)
    assert prepared.rows_used == 3 and prepared.excluded.empty


def test_impossible_birth_years_are_outliers(tmp_path, prepared_file):
    this_year = pd.Timestamp.now().year
    frame = pd.DataFrame({"id": range(8),
                          "Year of birth": [1985, 1990, 666, 2001, this_year + 1, 1978, 1899, 1964],
                          "Years of experience": [1, 5, 12, 30, 2, 8, 40, 0],  # years, but not calendar years
                          "Cohort": [2019, 2020, 2021, 2022, 2023, 2019, 202, 2020]})  # 4-digit years, no header word
    path = tmp_path / "years.csv"
    frame.to_csv(path, index=False)
    prepared = prepared_file(path)
    outliers = prepared.excluded[prepared.excluded["reason"] == "outlier"]
    assert outliers[["column", "value"]].values.tolist() == [
        ["Year of birth", "666"], ["Year of birth", str(this_year + 1)], ["Year of birth", "1899"], ["Cohort", "202"]]


def test_birth_year_typed_as_666_in_the_lab_study(prepared_file):
    prepared = prepared_file(FIXTURES / "qualtrics_hu_lab_study.csv")
    outliers = prepared.excluded[prepared.excluded["reason"] == "outlier"]
    assert outliers[["column", "value"]].values.tolist() == [["Q81", "666"]]
    assert prepared.responses["Q81"].dropna().between(1900, pd.Timestamp.now().year).all()


def test_blanks_in_option_and_comment_columns_are_not_problems(tmp_path, prepared_file):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Respondent ID", "Start Date", "How satisfied were you with your stay?",
                  "Which facilities did you use? (Select all that apply)", None, None,
                  "How likely is it that you would recommend us to a friend?", "Any other comments?"])
    sheet.append([None, None, "Response", "Pool", "Gym", "Spa", "Response", "Open-Ended Response"])
    answers = [
        (101, "Very satisfied", "Pool", None, "Spa", 10, "Lovely pool"),
        (102, "Satisfied", None, "Gym", None, 8, None),
        (103, None, "Pool", "Gym", None, 6, None),
        (104, "Dissatisfied", None, None, None, 3, "Room was noisy at night"),
        (105, "Very satisfied", "Pool", None, None, None, None),
        (106, "Satisfied", None, "Gym", "Spa", 9, "Great breakfast"),
    ]
    for i, (rid, stay, pool, gym, spa, nps, comment) in enumerate(answers):
        sheet.append([rid, f"2024-06-0{i + 1} 09:00:00", stay, pool, gym, spa, nps, comment])
    path = tmp_path / "surveymonkey.xlsx"
    book.save(path)
    prepared = prepared_file(path)
    blanks = {issue.column: issue.count for issue in prepared.issues.itertuples() if issue.problem == "blank"}
    columns = prepared.mapping["column"].tolist()
    satisfied, pool, gym, spa, nps, comments = columns[2:8]
    assert blanks == {satisfied: 1, nps: 1}  # a rating left blank is still reported
    assert dict(prepared.unanswered.values.tolist()) == {pool: 3, gym: 3, spa: 4, comments: 3}


def test_a_fractional_nps_answer_is_excluded_as_non_integer(tmp_path, prepared_file):
    path = tmp_path / "nps.csv"
    scores = [10, 9, 9.5, 8, 7, 6, 0, 10, 4, 9]
    path.write_text("id,How likely are you to recommend us?\n" + "".join(f"r{i},{s}\n" for i, s in enumerate(scores)),
                    encoding="utf-8")
    prepared = prepared_file(path)
    column = "How likely are you to recommend us?"
    assert prepared.columns("nps") == [column]
    assert prepared.excluded[["row", "value", "reason"]].values.tolist() == [[4, "9.5", "non_integer"]]
    kept = [s for s in scores if s % 1 == 0]
    expected = 100 * (sum(s >= 9 for s in kept) - sum(s <= 6 for s in kept)) / len(kept)
    assert summarize(load_export(path))["metrics"]["nps"]["value"] == pytest.approx(expected)


@pytest.mark.parametrize("values, satisfied", [
    (["Satisfied", "Dissatisfied"], "Satisfied"),
    (["satisfied", "neutral or dissatisfied"], "satisfied"),
    (["满意", "不满意"], "满意"),
    ([1, 0], 1),
    (["Yes", "No"], "Yes"),
])
def test_a_fifty_fifty_satisfaction_column_gives_fifty_percent_satisfied(tmp_path, values, satisfied):
    answers = values * 50
    header = "Are you satisfied?" if values[0] == "Yes" else "Satisfaction"
    path = tmp_path / "satisfied.csv"
    pd.DataFrame({"id": range(100), header: answers}).to_csv(path, index=False)
    result = summarize(load_export(path))
    assert result["columns"][header] == "outcome"
    assert "csat" not in result["metrics"]
    share = sum(answer == satisfied for answer in answers) / len(answers)
    assert (result["metrics"]["satisfied"]["value"], result["metrics"]["satisfied"]["n"]) == (100 * share, 100)


def test_word_ratings_give_metrics_and_unreadable_words_are_counted(prepared_file):
    path = FIXTURES / "dirty_airline_survey.csv"
    prepared = prepared_file(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    words = {"terrible": 1, "very poor": 1, "poor": 2, "bad": 2, "average": 3, "fair": 3, "ok": 3, "good": 4,
             "very good": 5, "excellent": 5}
    cells = raw["Seat_Comfort"].str.strip()
    lower = cells.str.lower()
    numbers = pd.to_numeric(cells, errors="coerce").fillna(lower.map(words))
    numbers = numbers.fillna(pd.to_numeric(cells.str.extract(r"^(\d+) \w+$")[0], errors="coerce"))  # "5 stars"
    not_applicable = lower.isin(["n/a", "not applicable"])
    unreadable = (cells != "") & numbers.isna() & ~not_applicable
    kept = raw["Passenger_ID"].duplicated().map({False: True, True: False})  # the repeated id is set aside
    assert prepared.scores["Seat_Comfort"].mean() == pytest.approx(numbers[kept].mean())
    assert prepared.scores["Seat_Comfort"].count() == numbers[kept].count()
    found = problems(prepared)
    assert found[("Seat_Comfort", "non_numeric")] == unreadable.sum()
    assert found[("Seat_Comfort", "not_applicable")] == not_applicable.sum()
    assert summarize(load_export(path))["metrics"]["csat"]["n"] > 0


def test_an_edited_words_map_is_used_and_a_broken_one_refused(tmp_path):
    path = tmp_path / "food.csv"
    answers = ["Good", "Poor", "Meh", 5, 3, "Excellent", 4, 2, "Good", 1, 5, 3]
    path.write_text("id,Food\n" + "".join(f"{i},{answer}\n" for i, answer in enumerate(answers)), encoding="utf-8")
    export = load_export(path)
    mapping = detect_roles(export)
    assert problems(prepare(export, mapping))[("Food", "non_numeric")] == 1  # "Meh"
    mapping.loc[mapping["column"] == "Food", "words"] = "Poor=1; Meh=2; Good=4; Excellent=5"
    edited = {"poor": 1, "meh": 2, "good": 4, "excellent": 5}
    assert prepare(export, mapping).scores["Food"].tolist() == [edited.get(str(a).lower(), a) for a in answers]
    mapping.loc[mapping["column"] == "Food", "words"] = "Poor=one"
    with pytest.raises(InputError, match="Food.*Poor=one"):
        prepare(export, mapping)


def test_a_blank_scale_is_inferred_instead_of_failing(messy):
    export, mapping = messy
    edited = mapping.copy()
    edited.loc[edited["column"] == "nps", ["scale_min", "scale_max"]] = [None, None]
    edited.loc[edited["column"] == "age", "role"] = "touchpoint"  # switched in the editor: no scale yet
    prepared = prepare(export, edited)
    specs = prepared.mapping.set_index("column")
    assert specs.loc["nps", ["scale_min", "scale_max"]].tolist() == [0, 10]
    assert "scale_inferred" in specs.loc["age", "note"]
    edited.loc[edited["column"] == "nps", ["scale_min", "scale_max"]] = [10, 0]  # given, but impossible
    with pytest.raises(InputError, match="nps.*scale"):
        prepare(export, edited)


def test_an_edited_mapping_survives_a_json_round_trip(messy):
    export, mapping = messy
    mapping.loc[mapping["column"] == "satisfaction", "label"] = "Satisfaction with us"
    again = pd.read_json(io.StringIO(mapping.to_json(orient="split")), orient="split")
    before, after = prepare(export, mapping), prepare(export, again)
    pd.testing.assert_frame_equal(before.responses, after.responses)
    assert after.mapping["label"].tolist() == before.mapping["label"].tolist()
    assert after.mapping["note"].tolist() == before.mapping["note"].tolist()
