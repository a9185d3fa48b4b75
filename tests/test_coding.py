"""How an export's own coding is read: yes/no codes and scale anchors printed in headers and answer labels.

Every figure is checked against a hand count of the same answers (and the Wilson interval against
statsmodels), so a coding read backwards fails here.
"""
import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from analysis.anchors import direction, header_anchors, parse_outcome_words, standing, yes_or_no
from analysis.errors import InputError
from analysis.io import load_export
from analysis.prepare import normalise_mapping, prepare
from analysis.schema import detect_roles, note_codes, to_check
from analysis.summary import summary_of


def read(tmp_path, frame: pd.DataFrame, edit=None):
    """The file written, loaded and mapped as an upload would be (``edit`` changes the mapping first)."""
    path = tmp_path / "survey.csv"
    frame.to_csv(path, index=False)
    export = load_export(path)
    mapping = detect_roles(export)
    if edit:
        mapping = edit(mapping.copy())
    prepared = prepare(export, mapping)
    return prepared.mapping.set_index("column"), summary_of(export, prepared)["metrics"]


def answers(yes_code, no_code, yes=15, no=5):
    return [yes_code] * yes + [no_code] * no


def wilson(count, n):
    low, high = proportion_confint(count, n, alpha=0.05, method="wilson")
    return pytest.approx([100 * low, 100 * high], abs=1e-3)


@pytest.mark.parametrize("header, yes_code, no_code, note", [
    ("Satisfied? (1 = no, 2 = yes)", 2, 1, "outcome_coding_header"),
    ("Satisfied? (0 = yes, 1 = no)", 0, 1, "outcome_coding_header"),
    ("Were you satisfied? 1=否 2=是", 2, 1, "outcome_coding_header"),
    ("Satisfied?", "2 - Yes", "1 - No", "outcome_coding_labels"),
    ("Satisfied?", "Yes (1)", "No (2)", "outcome_coding_labels"),
])
def test_a_yes_no_column_is_read_by_the_coding_its_export_prints(tmp_path, header, yes_code, no_code, note):
    spec, metrics = read(tmp_path, pd.DataFrame({"id": range(20), header: answers(yes_code, no_code)}))
    assert spec.loc[header, "role"] == "outcome"
    assert note_codes(spec.loc[header, "note"]) == [note]
    satisfied = metrics["satisfied"]
    assert satisfied["value"] == pytest.approx(75.0)  # 15 of 20 said yes
    assert [satisfied["low"], satisfied["high"]] == wilson(15, 20)


def test_reverse_and_edited_words_change_which_answer_means_yes(tmp_path):
    header = "Satisfied? (1 = no, 2 = yes)"
    frame = pd.DataFrame({"id": range(20), header: answers(2, 1)})

    def reversed_(mapping):
        mapping.loc[mapping["column"] == header, "reverse"] = True
        return mapping

    def rewritten(mapping):
        mapping.loc[mapping["column"] == header, "words"] = "1=yes; 2=no"
        return mapping

    assert read(tmp_path, frame)[1]["satisfied"]["value"] == pytest.approx(75.0)
    assert read(tmp_path, frame, reversed_)[1]["satisfied"]["value"] == pytest.approx(25.0)
    assert read(tmp_path, frame, rewritten)[1]["satisfied"]["value"] == pytest.approx(25.0)


def test_numbers_with_no_coding_are_read_one_is_yes_and_flagged_for_checking(tmp_path):
    header = "Satisfied with the visit"
    spec, metrics = read(tmp_path, pd.DataFrame({"id": range(20), header: answers(1, 2, yes=12, no=8)}))
    assert spec.loc[header, "role"] == "outcome"
    assert note_codes(spec.loc[header, "note"]) == ["outcome_coding_assumed"]
    assert to_check(spec.reset_index()) == [header]
    assert metrics["satisfied"]["value"] == pytest.approx(60.0)


def test_zero_one_and_worded_answers_need_no_coding(tmp_path):
    frame = pd.DataFrame({"id": range(20), "Satisfied (0/1)": answers(1, 0, yes=14, no=6),
                          "satisfaction": answers("satisfied", "neutral or dissatisfied", yes=14, no=6)})
    spec, metrics = read(tmp_path, frame)
    assert spec.loc["satisfaction", "role"] == "outcome"
    assert spec.loc["satisfaction", "words"] == "" and spec.loc["satisfaction", "note"] == ""
    assert to_check(spec.reset_index()) == []
    assert metrics["satisfied"]["value"] == pytest.approx(70.0)


def test_outcome_words_that_are_not_yes_or_no_are_refused_naming_the_column(tmp_path):
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": range(20), "Satisfied? (1 = no, 2 = yes)": answers(2, 1)}).to_csv(path, index=False)
    export = load_export(path)
    mapping = detect_roles(export)
    mapping.loc[mapping["role"] == "outcome", "words"] = "1=no; 2=maybe"
    with pytest.raises(InputError) as refused:
        normalise_mapping(mapping, export)
    assert refused.value.message.code == "error.mapping.bad_outcome_words"
    assert "2=maybe" in str(refused.value.message.params["part"])


def test_a_column_switched_between_rating_and_yes_no_gets_the_coding_of_its_new_role(tmp_path):
    header = "Satisfied? (1 = no, 2 = yes)"
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": range(20), header: answers(2, 1)}).to_csv(path, index=False)
    export = load_export(path)
    mapping = detect_roles(export)
    row = mapping["column"] == header
    mapping.loc[row, ["role", "scale_min", "scale_max"]] = ["touchpoint", np.nan, np.nan]
    as_rating = normalise_mapping(mapping, export)
    assert as_rating.loc[row, "words"].item() == ""  # "1=no; 2=yes" is not a rating's words
    as_rating.loc[row, ["role", "scale_min", "scale_max"]] = ["outcome", np.nan, np.nan]
    as_outcome = normalise_mapping(as_rating, export)
    assert parse_outcome_words(as_outcome.loc[row, "words"].item()) == {"1": False, "2": True}
    assert note_codes(as_outcome.loc[row, "note"].item()) == ["outcome_coding_header"]


@pytest.mark.parametrize("header, labelled", [
    ("How satisfied were you? (1 = very satisfied, 5 = very dissatisfied)", False),
    ("您对本次服务满意吗（1=非常满意，5=非常不满意）", False),
    ("How satisfied were you?", True),
])
def test_a_scale_whose_anchors_run_from_best_to_worst_is_read_reversed(tmp_path, header, labelled):
    rng = np.random.default_rng(3)
    codes = rng.integers(1, 6, 200)
    labels = {1: "Very satisfied", 2: "Satisfied", 3: "Neutral", 4: "Dissatisfied", 5: "Very dissatisfied"}
    cells = [f"{code} - {labels[code]}" for code in codes] if labelled else codes
    spec, metrics = read(tmp_path, pd.DataFrame({"id": range(200), header: cells}))
    assert spec.loc[header, "role"] == "csat"
    assert bool(spec.loc[header, "reverse"])
    assert f"scale_reversed_{'labels' if labelled else 'header'}" in note_codes(spec.loc[header, "note"])
    satisfied = int((codes <= 2).sum())  # 1 and 2 are the satisfied boxes of this scale
    assert metrics["csat"]["value"] == pytest.approx(100 * satisfied / 200)
    assert [metrics["csat"]["low"], metrics["csat"]["high"]] == wilson(satisfied, 200)


def test_anchors_running_the_usual_way_leave_the_scale_as_it_is(tmp_path):
    frame = pd.DataFrame({"id": range(40), "How likely are you to recommend us? (0 = not at all likely, "
                                           "10 = extremely likely)": list(range(11)) * 3 + [9] * 7,
                          "Staff (1 = very poor, 5 = excellent)": [1, 2, 3, 4, 5] * 8})
    spec, _ = read(tmp_path, frame)
    assert not spec["reverse"].any()
    assert spec.loc["Staff (1 = very poor, 5 = excellent)", ["scale_min", "scale_max"]].tolist() == [1, 5]


def test_anchors_and_labels_are_read_in_english_and_chinese():
    assert header_anchors("Satisfied? (1 = no, 2 = yes)") == [(1, "no"), (2, "yes")]
    assert header_anchors("您满意吗（1=非常满意，5=非常不满意）") == [(1, "非常满意"), (5, "非常不满意")]
    assert header_anchors("Rate us 1-5 (5: excellent)") == [(5, "excellent")]
    assert header_anchors("In 2023 = the year we opened the store downtown near the river bank") == []
    assert standing("Very dissatisfied") == 0 and standing("非常满意") == 1 and standing("Q12") is None
    assert direction([(1, "very satisfied"), (5, "very dissatisfied")]) == "down"
    assert direction([(0, "not at all likely"), (10, "extremely likely")]) == "up"
    assert direction([(1, "no"), (2, "yes")]) is None
    assert [yes_or_no(word) for word in ("Yes", "是", "No", "否", "Maybe")] == [True, True, False, False, None]


def test_zeros_after_the_first_rows_are_read_as_not_applicable_like_those_before(tmp_path):
    ratings = [1, 2, 3, 4, 5] * 500 + [0] * 30  # the zeros come after row 2,500
    spec, _ = read(tmp_path, pd.DataFrame({"id": range(len(ratings)), "Rate the staff": ratings}))
    assert bool(spec.loc["Rate the staff", "zero_is_na"])
    path = tmp_path / "survey.csv"
    export = load_export(path)
    issues = prepare(export, detect_roles(export)).issues.set_index("problem")
    assert issues.loc["not_applicable", "count"] == 30 and "out_of_scale" not in issues.index


def test_impossible_roles_are_refused_with_the_reason(tmp_path):
    """Free text as a yes/no outcome, and a timing column (1 to 329.404 seconds) as a rating, are refused; a
    yes/no column with blanks, a 0-100 slider and a -100 to 100 slider are kept."""
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": range(30),
                  "Comment": [f"comment number {i}" for i in range(30)],
                  "Seconds on page": np.linspace(1, 329.404, 30),
                  "Would you buy again?": ["Yes", "No", ""] * 10,
                  "Slider 0-100": np.arange(30) * 3,
                  "Slider -100 to 100": np.linspace(-100, 100, 30).round()}).to_csv(path, index=False)
    export = load_export(path)
    detected = detect_roles(export)

    def with_role(column: str, role: str) -> pd.DataFrame:
        mapping = detected.copy()
        mapping.loc[mapping["column"] == column, ["role", "scale_min", "scale_max", "words"]] = [role, np.nan,
                                                                                                 np.nan, ""]
        return mapping

    with pytest.raises(InputError) as refused:
        normalise_mapping(with_role("Comment", "outcome"), export)
    assert refused.value.message.code == "error.mapping.outcome_not_two_valued"
    assert refused.value.message.params["count"] == "30"
    with pytest.raises(InputError) as refused:
        normalise_mapping(with_role("Seconds on page", "touchpoint"), export)
    assert refused.value.message.code == "error.mapping.not_a_rating"
    assert refused.value.message.params["high"] == "329.404"
    assert str(refused.value).startswith("survey.csv: column ")
    kept = normalise_mapping(with_role("Would you buy again?", "outcome"), export)
    assert kept.set_index("column").loc["Would you buy again?", "role"] == "outcome"
    slider = normalise_mapping(with_role("Slider 0-100", "touchpoint"), export).set_index("column")
    assert slider.loc["Slider 0-100", "scale_max"] - slider.loc["Slider 0-100", "scale_min"] <= 100
    bipolar = normalise_mapping(with_role("Slider -100 to 100", "touchpoint"), export).set_index("column")
    assert bipolar.loc["Slider -100 to 100", "role"] == "touchpoint"
