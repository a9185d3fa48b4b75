"""Column-role detection and number parsing."""
import numpy as np
import pandas as pd
import pytest

from analysis.io import load_export
from analysis.schema import detect_roles, guess_scale, likert_codes, parse_dates, to_number


def roles_of(tmp_path, frame: pd.DataFrame, name="survey.csv") -> dict:
    path = tmp_path / name
    frame.to_csv(path, index=False)
    mapping = detect_roles(load_export(path))
    return dict(zip(mapping["column"], mapping["role"])), mapping


def test_chinese_headers_are_understood(tmp_path):
    rng = np.random.default_rng(0)
    n = 60
    frame = pd.DataFrame({
        "用户编号": [f"U{i:03d}" for i in range(n)],
        "提交时间": pd.date_range("2024-01-01", periods=n, freq="h").astype(str),
        "推荐意愿(0-10)": rng.integers(0, 11, n),
        "满意度": rng.integers(1, 6, n),
        "费力程度": rng.integers(1, 8, n),
        "渠道": rng.choice(["微信", "微博", "门店"], n),
        "性别": rng.choice(["男", "女"], n),
        "年龄": rng.integers(18, 70, n),
        "您对本次服务有什么建议": [f"服务很好，但是排队时间太长了，希望改进第{i}次" for i in range(n)],
    })
    roles, mapping = roles_of(tmp_path, frame)
    assert roles == {
        "用户编号": "respondent_id", "提交时间": "timestamp", "推荐意愿(0-10)": "nps", "满意度": "csat",
        "费力程度": "ces", "渠道": "channel", "性别": "attribute", "年龄": "attribute",
        "您对本次服务有什么建议": "text",
    }
    ces = mapping.set_index("column").loc["费力程度"]
    assert ces["reverse"] and (ces["scale_min"], ces["scale_max"]) == (1, 7)
    nps = mapping.set_index("column").loc["推荐意愿(0-10)"]
    assert (nps["scale_min"], nps["scale_max"]) == (0, 10)


def test_english_wide_export_rating_columns_become_touchpoints(tmp_path):
    rng = np.random.default_rng(1)
    n = 80
    frame = pd.DataFrame({
        "Response ID": range(n),
        "How likely are you to recommend us to a friend?": rng.integers(0, 11, n),
        "Overall satisfaction (1-7)": rng.integers(1, 8, n),
        "Checkout": rng.integers(1, 6, n),
        "Delivery": rng.integers(1, 6, n) * (rng.random(n) > 0.08),
        "Customer effort": rng.integers(1, 6, n),
        "Orders": rng.integers(0, 40, n),
        "Channel": rng.choice(["web", "app"], n),
        "Email": [f"person{i}@example.com" for i in range(n)],
    })
    roles, mapping = roles_of(tmp_path, frame)
    assert roles["Response ID"] == "respondent_id"
    assert roles["How likely are you to recommend us to a friend?"] == "nps"
    assert roles["Overall satisfaction (1-7)"] == "csat"
    assert roles["Checkout"] == roles["Delivery"] == "touchpoint"
    assert roles["Customer effort"] == "ces"
    assert roles["Orders"] == "behaviour"
    assert roles["Channel"] == "channel"
    assert roles["Email"] == "ignore"
    specs = mapping.set_index("column")
    assert specs.loc["Overall satisfaction (1-7)", "scale_max"] == 7
    assert specs.loc["Delivery", "zero_is_na"] and not specs.loc["Checkout", "zero_is_na"]


def test_airline_survey_roles(shared_data):
    mapping = detect_roles(load_export(shared_data / "airline_passenger_satisfaction_sample.csv"))
    roles = dict(zip(mapping["column"], mapping["role"]))
    touchpoints = [c for c, r in roles.items() if r == "touchpoint"]
    assert len(touchpoints) == 14
    assert roles["id"] == "respondent_id" and roles["satisfaction"] == "outcome"
    assert roles["Age"] == roles["Flight Distance"] == roles["Arrival Delay in Minutes"] == "attribute"
    specs = mapping.set_index("column")
    assert (specs.loc[touchpoints, ["scale_min", "scale_max"]].to_numpy() == [1, 5]).all()
    assert specs.loc["Inflight wifi service", "zero_is_na"]


def test_feedback_export_roles(shared_data):
    mapping = detect_roles(load_export(shared_data / "airline_tweets_sample.csv"))
    roles = dict(zip(mapping["column"], mapping["role"]))
    assert roles["text"] == "text" and roles["name"] == "author"
    assert roles["tweet_created"] == "timestamp" and roles["retweet_count"] == "engagement"
    assert roles["tweet_id"] == "respondent_id"


def test_start_and_submit_dates_prefer_submit(shared_data):
    mapping = detect_roles(load_export(shared_data / "survey_exports" / "typeform_osmi_mental_health_2018.csv"))
    assert mapping.loc[mapping["role"] == "timestamp", "column"].tolist() == ["Submit Date (UTC)"]


@pytest.mark.parametrize("cell, expected", [
    ("5", 5.0), (" 7 ", 7.0), ("4,5", 4.5), ("1,000", 1000.0), ("5 - Very satisfied", 5.0),
    ("10 = Extremely likely", 10.0), ("Very satisfied (5)", 5.0), ("5分", 5.0),
])
def test_to_number_reads_labelled_answers(cell, expected):
    numbers, unparsed = to_number(pd.Series([cell], dtype=object))
    assert numbers.iloc[0] == expected and not unparsed.iloc[0]


@pytest.mark.parametrize("cell", ["N/A", "ten", "2016-07-20 12:49:25", "inf", "3O", "12 people were rude at the desk again"])
def test_to_number_flags_what_it_cannot_read(cell):
    numbers, unparsed = to_number(pd.Series([cell, None], dtype=object))
    assert np.isnan(numbers.iloc[0]) and unparsed.tolist() == [True, False]


def test_scale_holds_every_answer_given_twice_but_not_a_one_off_typo():
    answers = pd.Series([1, 2, 3, 4] * 100 + [5] * 5 + [55])  # 5 is rare (1.2%) but a real answer
    assert guess_scale("How well does the industry support you?", answers, "touchpoint") == (1, 5)


def test_likert_labels_are_coded_without_gaps():
    four_point = pd.Series(["Strongly Disagree", "Disagree", "Agree", "Strongly agree"])
    assert likert_codes(four_point) == {"strongly disagree": 1, "disagree": 2, "agree": 3, "strongly agree": 4}
    five_point = pd.Series(["非常满意", "满意", "一般", "不满意"])
    assert likert_codes(five_point)["非常满意"] == 5
    assert likert_codes(pd.Series(["Yes", "No"])) is None


def test_dates_with_offsets_keep_the_wall_clock_time_they_were_recorded_in():
    stamps = pd.Series(["2024-03-31 22:30:00-05:00", "2024-03-31T23:59:00+08:00", "2024-04-01 07:15:00Z",
                        "2015-02-24 11:35:52 -0800", "31-03-2024", None])
    parsed = parse_dates(stamps)
    assert parsed.tolist()[:5] == [pd.Timestamp("2024-03-31 22:30"), pd.Timestamp("2024-03-31 23:59"),
                                   pd.Timestamp("2024-04-01 07:15"), pd.Timestamp("2015-02-24 11:35:52"),
                                   pd.Timestamp("2024-03-31")]
    assert pd.isna(parsed.iloc[5])


def test_one_offset_throughout_keeps_local_times_too():
    parsed = parse_dates(pd.Series(["2024-03-31 22:30:00-05:00", "2024-03-31 23:45:00-05:00"]))
    assert parsed.dt.month.tolist() == [3, 3] and parsed.dt.hour.tolist() == [22, 23]
