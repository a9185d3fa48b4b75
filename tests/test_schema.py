"""Column-role detection, number parsing, and the mapping's labels, words, notes and completion."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.answers import likert_codes, parse_words
from analysis.io import load_export
from analysis.labels import LABEL_WIDTH, short_label
from analysis.prepare import prepare
from analysis.schema import (complete_mapping, describe_note, detect_roles, guess_scale, note_codes, parse_dates,
                             to_number)


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


# --- held-out look-alikes: role guessing ---------------------------------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DIRTY_RATINGS = ["Seat_Comfort", "Legroom", "Cabin_Cleanliness", "Food_Quality", "Beverage_Options",
                 "Inflight_Entertainment", "Wifi_Service", "Crew_Friendliness", "Check_in_Experience",
                 "Boarding_Process", "Baggage_Handling", "Online_Booking_Ease", "Gate_Location", "Lounge_Comfort",
                 "Announcement_Clarity", "Cabin_Temperature", "Restroom_Cleanliness", "Value_for_Money", "Punctuality",
                 "Customer_Support", "App_Usability", "Security_Check", "Seat_Selection", "Meal_Temperature",
                 "Pillow_and_Blanket", "Duty_Free_Selection"]


def test_dirty_survey_roles_from_ids_word_ratings_and_comments():
    export = load_export(FIXTURES / "dirty_airline_survey.csv")
    mapping = detect_roles(export)
    roles = dict(zip(mapping["column"], mapping["role"]))
    assert len(roles) == 45
    assert roles["Passenger_ID"] == "respondent_id"
    assert [column for column, role in roles.items() if role == "touchpoint"] == DIRTY_RATINGS
    assert roles["Overall_Satisfaction"] == "csat"
    assert roles["Likelihood_to_Recommend"] == "nps"  # despite one "9.5"
    assert roles["Feedback_Comments"] == "text"
    assert roles["Survey_Date"] == "timestamp"
    assert roles["Age"] == roles["Travel_Class"] == roles["Flight_Distance_km"] == "attribute"
    specs = mapping.set_index("column")
    assert (specs.loc[DIRTY_RATINGS, ["scale_min", "scale_max"]].to_numpy() == [1, 5]).all()


def test_quiz_questions_answered_with_codes_are_attributes_not_ratings():
    export = load_export(FIXTURES / "qualtrics_hu_lab_study.csv")
    assert export.format == "qualtrics"
    mapping = detect_roles(export)
    roles = dict(zip(mapping["column"], mapping["role"]))
    quiz = [f"Q{i}" for i in range(1, 81)]
    assert {roles[q] for q in quiz} == {"attribute"}
    assert roles["Q81"] == "attribute" and roles["Q83"] == "text"  # birth year; free-text remark
    assert "touchpoint" not in roles.values()
    metadata = ["StartDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
                "DistributionChannel", "UserLanguage"]
    assert {roles[column] for column in metadata} == {"ignore"}
    assert (roles["ResponseId"], roles["EndDate"]) == ("respondent_id", "timestamp")
    notes = dict(zip(mapping["column"], mapping["note"]))
    assert {column for column, note in notes.items() if note == "response_screening"} == {
        "Status", "DistributionChannel", "Finished", "Progress"}


def test_small_integers_are_ratings_only_when_the_wording_says_so(tmp_path):
    rng = np.random.default_rng(3)
    n = 40
    frame = pd.DataFrame({
        "Seat comfort": rng.integers(1, 6, n),  # a thing, in a generic table: rated
        "How would you rate the food?": rng.integers(1, 6, n),
        "Which of these lounges did you use?": rng.integers(1, 5, n),  # answer codes of a choice question
        "What is the capital of Hungary?": rng.integers(1, 5, n),
        "Q7": rng.integers(1, 5, n),
        "Q8": [f"{code} - {city}" for code, city in zip(rng.integers(1, 4, n), ["Budapest", "Wien", "Praha"] * n)],
        "Q9": rng.choice(["1 - Very poor", "2 - Poor", "3 - Fair", "4 - Good", "5 - Very good"], n),
    })
    roles, _ = roles_of(tmp_path, frame)
    assert roles == {"Seat comfort": "touchpoint", "How would you rate the food?": "touchpoint",
                     "Which of these lounges did you use?": "attribute",
                     "What is the capital of Hungary?": "attribute", "Q7": "attribute",
                     "Q8": "attribute",  # coded choices, labelled with what was chosen
                     "Q9": "touchpoint"}  # coded answers, labelled with the words of a scale


def test_short_chinese_comments_in_gbk_are_free_text(tmp_path):
    # a small hotel survey: many write 无 (none) or 没有 (nothing), the rest a few characters each
    remarks = ["无"] * 18 + ["没有"] * 6 + ["服务很好"] * 3 + [
        "前台态度一般", "早餐种类太少", "房间有点吵", "性价比高，下次还来", "空调坏了没人修", "位置方便，离地铁近",
        "卫生间有异味", "床很舒服", "希望增加停车位", "退房太慢", "隔音差"] + [None] * 10
    n = len(remarks)
    rng = np.random.default_rng(5)
    frame = pd.DataFrame({
        "问卷编号": [f"Q{i:04d}" for i in range(n)],
        "性别": rng.choice(["男", "女"], n),
        "城市": rng.choice(["北京", "上海", "广州", "成都"], n),
        "满意度": rng.integers(1, 6, n),
        "意见": remarks,
    })
    path = tmp_path / "hotel_gbk.csv"
    frame.to_csv(path, index=False, encoding="gbk")
    export = load_export(path)
    roles = dict(zip(*detect_roles(export)[["column", "role"]].T.values))
    assert export.encoding in ("gb18030", "gbk")
    assert roles["意见"] == "text"
    assert roles["性别"] == roles["城市"] == "attribute"


def test_free_text_in_english_and_categories_are_told_apart(tmp_path):
    rng = np.random.default_rng(8)
    n = 50
    frame = pd.DataFrame({
        "id": range(n),
        "Class": rng.choice(["Business", "Economy", "Premium Economy"], n),
        "Time zone": rng.choice(["Eastern Time (US & Canada)", "Central European Time", "Pacific Time (US & Canada)"], n),
        "Notes": [f"Flight {i} was {rng.choice(['late', 'fine', 'cold', 'great'])} and the crew {rng.choice(['helped', 'ignored us'])}"
                  for i in range(n)],
    })
    roles, _ = roles_of(tmp_path, frame)
    assert (roles["Class"], roles["Time zone"], roles["Notes"]) == ("attribute", "attribute", "text")


def test_nps_with_one_fractional_answer_stays_nps(tmp_path):
    scores = [10, 9, 8, 7, 6, 9.5, 3, 10, 0, 5, 9, 10]
    roles, mapping = roles_of(tmp_path, pd.DataFrame({"id": range(12), "How likely are you to recommend us?": scores}))
    assert roles["How likely are you to recommend us?"] == "nps"
    assert mapping.set_index("column").loc["How likely are you to recommend us?", ["scale_min", "scale_max"]].tolist() == [0, 10]


@pytest.mark.parametrize("values", [
    ["Satisfied", "Dissatisfied"], ["satisfied", "neutral or dissatisfied"], [1, 0], [True, False], ["满意", "不满意"],
])
def test_a_two_valued_satisfaction_column_is_an_outcome(tmp_path, values):
    frame = pd.DataFrame({"id": range(20), "Satisfaction": values * 10})
    roles, _ = roles_of(tmp_path, frame)
    assert roles["Satisfaction"] == "outcome"


def test_two_positive_satisfaction_answers_are_still_a_rating(tmp_path):
    frame = pd.DataFrame({"id": range(20), "Satisfaction": ["Very satisfied", "Satisfied"] * 10})
    roles, _ = roles_of(tmp_path, frame)
    assert roles["Satisfaction"] == "csat"


def test_typeform_questions_are_not_engagement_counts_and_options_are_marked(shared_data):
    export = load_export(shared_data / "survey_exports" / "typeform_osmi_mental_health_2018.csv")
    mapping = detect_roles(export).set_index("column")
    willing = "How willing would you be to share with friends and family that you have a mental illness?"
    assert mapping.loc[willing, "role"] == "attribute"  # a 0-10 answer to a question, not a share count
    assert mapping.loc["Mood Disorder (Depression, Bipolar Disorder, etc) (2)", "note"] == "blank_not_chosen"


def test_google_forms_mental_health_survey_roles_and_report():
    path = FIXTURES / "google_forms_osmi_2014.csv"
    export = load_export(path)
    assert export.format == "google_forms"
    mapping = detect_roles(export)
    roles = dict(zip(mapping["column"], mapping["role"]))
    assert roles.pop("Timestamp") == "timestamp" and roles.pop("comments") == "text"
    assert set(roles.values()) == {"attribute"}  # Age, Gender, work_interfere, no_employees, leave...
    prepared = prepare(export, mapping)
    raw = pd.read_csv(path)
    found = {(issue.column, issue.problem): issue.count for issue in prepared.issues.itertuples()}
    assert found == {("Age", "outlier"): int((~raw["Age"].between(0, 120)).sum())}  # -29 and 99999999999
    assert prepared.unanswered.values.tolist() == [["comments", int(raw["comments"].isna().sum())]]


# --- word ratings, CES direction, labels -----------------------------------------------------

def test_rating_words_mixed_with_numbers_get_an_editable_words_map(tmp_path):
    seat = [5, "Good", "Poor", "Excellent", "N/A", 3, "Terrible", 4, "Average", 2, "good", 1] * 3
    roles, mapping = roles_of(tmp_path, pd.DataFrame({"id": range(36), "Seat comfort": seat}))
    spec = mapping.set_index("column").loc["Seat comfort"]
    assert roles["Seat comfort"] == "touchpoint"
    assert (spec["scale_min"], spec["scale_max"]) == (1, 5)
    assert spec["words"] == "Terrible=1; Poor=2; Average=3; Good=4; Excellent=5"  # both spellings of good: as written most
    assert "words_read" in note_codes(spec["note"])


def test_the_five_word_quality_scale_maps_onto_one_to_five_and_proportionally_on_others(tmp_path):
    words = ["Poor", "Fair", "Good", "Very good", "Excellent"]
    frame = pd.DataFrame({"id": range(30), "Food quality": words * 6,
                          "Overall rating (0-10)": [*words, 0, 3, 6, 8, 10] * 3})
    _, mapping = roles_of(tmp_path, frame)
    specs = mapping.set_index("column")
    assert parse_words(specs.loc["Food quality", "words"]) == {"poor": 1, "fair": 2, "good": 3, "very good": 4,
                                                              "excellent": 5}
    assert parse_words(specs.loc["Overall rating (0-10)", "words"]) == {"poor": 0, "fair": 2.5, "good": 5,
                                                                       "very good": 7.5, "excellent": 10}


def test_chinese_rating_words_on_a_seven_step_scale_spread_over_one_to_five(tmp_path):
    words = ["非常差", "很差", "差", "一般", "好", "很好", "非常好"]
    frame = pd.DataFrame({"编号": range(28), "服务质量": [*words, 1, 2, 3, 4, 5, 3, 4] * 2})
    _, mapping = roles_of(tmp_path, frame)
    read = parse_words(mapping.set_index("column").loc["服务质量", "words"])
    assert read == {word: round(1 + 4 * step / 6, 2) for step, word in enumerate(words)}


@pytest.mark.parametrize("header, values, reverse, note", [
    ("How easy was it? effort (1-7)", [1, 2, 3, 4, 5, 6, 7], False, "ces_higher_easier"),
    ("Customer effort score", [1, 2, 3, 4, 5, 6, 7], False, "ces_direction_unknown"),  # the metric's name only
    ("How much effort did you personally have to put forth?", [1, 2, 3, 4, 5], True, "ces_higher_effort"),
    ("Customer Effort Score (1 = very easy, 7 = very difficult)", [1, 2, 3, 4, 5, 6, 7], True,
     "ces_header_higher_effort"),
    ("客户费力度", [1, 2, 3, 4, 5], False, "ces_direction_unknown"),
    ("办理业务是否方便 (CES)", [1, 2, 3, 4, 5], False, "ces_higher_easier"),
    ("费力程度", [1, 2, 3, 4, 5], True, "ces_higher_effort"),
    ("Customer effort score", ["1 - Very difficult", "4 - Neither", "7 - Very easy", 2, 3, 5, 6], False,
     "ces_labels_higher_easier"),
    ("How easy was it (CES)?", ["1 - Very easy", "7 - Very difficult", 2, 3, 4, 5, 6], True,
     "ces_labels_higher_effort"),
    ("CES", [1, 2, 3, 4, 5], False, "ces_direction_unknown"),
])
def test_ces_direction_comes_from_the_wording_or_the_answer_labels_not_the_metric_name(tmp_path, header, values, reverse, note):
    _, mapping = roles_of(tmp_path, pd.DataFrame({"id": range(len(values) * 4), header: values * 4}))
    spec = mapping.set_index("column").loc[header]
    assert spec["role"] == "ces"
    assert (bool(spec["reverse"]), note_codes(spec["note"])[0]) == (reverse, note)
    assert describe_note(spec["note"])[0].code == f"note.{note}"


@pytest.mark.parametrize("question, label", [
    ("Would you say you Strongly Agree, Agree, Disagree or Strongly Disagree with: The staff were friendly",
     "The staff were friendly"),
    ("How satisfied were you with the check-in process?", "Check-in process"),
    ("Q12. How would you rate the cleanliness of the cabin?", "Cleanliness of the cabin"),
    ("<strong>What</strong> is your age?", "Age"),
    ("Rate our service [Check-in]", "Check-in"),
    ("Overall satisfaction (1-7)", "Overall satisfaction"),
    ("您对本次服务的满意度", "本次服务"),
    ("How likely is it that you would recommend our airline to a friend or a colleague?",
     "Recommend our airline to a friend or a colleague"),
    ("How likely is it that you would recommend our airline, its lounges, its partner hotels and its car hire "
     "desks to a friend?", "Recommend our airline, its lounges, its partner hotels and its car hire desks…"),
    ("Wie zufrieden waren Sie mit dem Check-in?", "Check-in"),
    ("¿Qué tan satisfecho está con la comida?", "Comida"),
    ("Êtes-vous satisfait de l'accueil ?", "Accueil"),
    ("Quanto è soddisfatto del servizio?", "Servizio"),
    ("Quão satisfeito está com o atendimento?", "Atendimento"),
    ("Hoe tevreden bent u over het ontbijt?", "Ontbijt"),
    ("Mennyire elégedett a kiszolgálással?", "Kiszolgálással"),
])
def test_short_labels_keep_the_key_phrase(question, label):
    assert short_label(question) == label
    assert len(short_label(question)) <= LABEL_WIDTH


def test_labels_are_unique_and_bare_column_names_are_readable(tmp_path):
    frame = pd.DataFrame({"Passenger_ID": ["a", "b", "c"], "Delivery": [1, 2, 3], "delivery": [3, 2, 1]})
    _, mapping = roles_of(tmp_path, frame)
    assert mapping["label"].tolist() == ["Passenger ID", "Delivery", "Delivery (2)"]
    assert mapping["question"].tolist() == ["Passenger_ID", "Delivery", "delivery"]  # the full text is kept


def test_surveymonkey_matrix_rows_are_labelled_by_their_statement(shared_data):
    mapping = detect_roles(load_export(shared_data / "survey_exports" / "surveymonkey_vimff_cohort1_post_redacted.xlsx"))
    labels = mapping.loc[mapping["role"] == "touchpoint", "label"].tolist()
    assert labels[:3] == ["I love to climb", "Climbing is fun", "I am motivated to climb"]
    assert mapping["label"].is_unique


# --- completing an edited mapping ------------------------------------------------------------

def test_a_column_switched_to_a_rating_role_gets_its_scale_inferred(tmp_path):
    frame = pd.DataFrame({"id": range(12), "Q5": [1, 2, 3, 4, 5, 6, 7, 2, 3, 4, 5, 6],
                          "Q6 effort": [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2]})
    path = tmp_path / "coded.csv"
    frame.to_csv(path, index=False)
    export = load_export(path)
    mapping = detect_roles(export)
    assert mapping.set_index("column").loc["Q5", "role"] == "attribute"
    edited = mapping.copy()
    edited.loc[edited["column"] == "Q5", "role"] = "touchpoint"
    edited.loc[edited["column"] == "Q6 effort", ["role", "scale_min", "scale_max"]] = ["ces", None, None]
    completed = complete_mapping(edited, export).set_index("column")
    assert completed.loc["Q5", ["scale_min", "scale_max"]].tolist() == [1, 7]
    assert note_codes(completed.loc["Q5", "note"]) == ["scale_inferred"]
    assert completed.loc["Q6 effort", ["scale_min", "scale_max", "reverse"]].tolist() == [1, 5, True]
    assert note_codes(completed.loc["Q6 effort", "note"]) == ["ces_higher_effort", "scale_inferred"]
    assert edited.set_index("column").loc["Q5", "scale_min"] != 1  # the edited mapping itself is left alone


def test_a_mapping_without_the_new_columns_is_completed(tmp_path):
    _, mapping = roles_of(tmp_path, pd.DataFrame({"id": range(6), "Food": ["Good", "Poor", 3, 4, "Excellent", 1]}))
    old = mapping.drop(columns=["label", "words", "note"])
    completed = complete_mapping(old, load_export(tmp_path / "survey.csv"))
    pd.testing.assert_frame_equal(completed[mapping.columns], mapping, check_dtype=False)


def test_a_header_that_asks_for_comments_makes_repeated_sentences_free_text(tmp_path):
    """意见 with five different sentences, Feedback_Comments with Good / Bad and a few sentences: free text; a
    rating in words, a short reason and a ticked checkbox named after a condition stay attributes."""
    n = 60
    frame = pd.DataFrame({
        "意见": ["服务态度很好，下次还来", "房间太小了", "早餐不错但是价格偏高", "前台办理入住很慢", "没有"] * 12,
        "Feedback_Comments": ["Good", "Bad", "The seats were cramped and the crew ignored us", "Good", "Bad",
                              "Loved the meal service on board"] * 10,
        "评价等级": ["好评", "差评", "中评"] * 20,
        "Reason for travel": ["Business travel", "Personal Travel"] * 30,
        "Post-traumatic Stress Disorder": ["Post-traumatic Stress Disorder"] * 20 + [""] * 40,
        "Comment on the app": ["ok", "fine", "good"] * 20,
    })
    roles, _ = roles_of(tmp_path, frame.assign(id=range(n)))
    assert roles["意见"] == roles["Feedback_Comments"] == "text"
    assert roles["评价等级"] == roles["Reason for travel"] == roles["Post-traumatic Stress Disorder"] == "attribute"
    assert roles["Comment on the app"] != "text"  # one-word answers are labels, whatever the header says
