"""Validation and typing of an export under a mapping."""
import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.io import load_export
from analysis.prepare import prepare, pseudonymise
from analysis.schema import detect_roles

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
    assert found[("nps", "non_numeric")] == 2  # "N/A" and "ten"
    assert found[("nps", "out_of_scale")] == 1  # 11
    assert found[("nps", "blank")] == 1
    assert found[("age", "outlier")] == 2  # -5 and 150
    assert found[("respondent_id", "duplicate_id")] == 1
    assert found[("comment", "blank")] == 2
    assert prepared.rows == 7 and prepared.rows_used == 6


def test_labelled_answers_are_read_as_numbers(messy):
    prepared = prepare(*messy)
    assert prepared.responses["satisfaction"].tolist() == [5, 4, 3, 2, 1, 5]


def test_excluded_values_and_rows_are_listed_with_reasons(messy):
    prepared = prepare(*messy)
    excluded = prepared.excluded
    nps = excluded[excluded["column"] == "nps"].sort_values("row")
    assert nps[["row", "value", "reason"]].values.tolist() == [
        [4, "N/A", "non_numeric"], [5, "ten", "non_numeric"], [6, "11", "out_of_scale"]]
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


def test_airline_touchpoint_scores_match_pandas_reference(shared_data):
    path = shared_data / "airline_passenger_satisfaction_sample.csv"
    export = load_export(path)
    prepared = prepare(export, detect_roles(export))
    raw = pd.read_csv(path)
    for column in prepared.columns("touchpoint"):
        reference = raw.loc[raw[column] > 0, column]
        assert prepared.scores[column].mean() == pytest.approx(reference.mean())
        assert prepared.scores[column].count() == len(reference)
    long = prepared.touchpoints
    assert len(long) == int((raw[prepared.columns("touchpoint")] > 0).sum().sum())
    assert long["score"].between(0, 1).all()
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


def test_chinese_reviews_are_tagged_zh(shared_data):
    export = load_export(shared_data / "chnsenticorp_htl_sample.csv")
    prepared = prepare(export, detect_roles(export))
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
