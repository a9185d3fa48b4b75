"""Rating answers in other languages: word ladders (any case, any accents), numeric prefixes, reversed and mixed
scales, and a German/Hungarian/Spanish export whose summary is checked by hand."""
from pathlib import Path

import pandas as pd
import pytest

from analysis.answers import fold, word_codes
from analysis.io import load_export
from analysis.schema import column_spec, detect_roles, to_number
from analysis.summary import summarize

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "likert_de_hu_es.csv"

# Each scale as respondents see it, worst (or least often) first: written here, not read from the data file.
SCALES = {
    ("satisfaction", "en"): ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied",
                             "Very satisfied"],
    ("satisfaction", "de"): ["Sehr unzufrieden", "Unzufrieden", "Weder zufrieden noch unzufrieden", "Zufrieden",
                             "Sehr zufrieden"],
    ("satisfaction", "es"): ["Muy insatisfecho", "Insatisfecho", "Ni satisfecho ni insatisfecho", "Satisfecho",
                             "Muy satisfecho"],
    ("satisfaction", "fr"): ["Très insatisfait", "Insatisfait", "Ni satisfait ni insatisfait", "Satisfait",
                             "Très satisfait"],
    ("satisfaction", "pt"): ["Muito insatisfeito", "Insatisfeito", "Nem satisfeito nem insatisfeito", "Satisfeito",
                             "Muito satisfeito"],
    ("satisfaction", "it"): ["Molto insoddisfatto", "Insoddisfatto", "Né soddisfatto né insoddisfatto", "Soddisfatto",
                             "Molto soddisfatto"],
    ("satisfaction", "hu"): ["Nagyon elégedetlen", "Elégedetlen", "Semleges", "Elégedett", "Nagyon elégedett"],
    ("satisfaction", "nl"): ["Zeer ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Zeer tevreden"],
    ("satisfaction", "zh"): ["非常不满意", "不满意", "一般", "满意", "非常满意"],
    ("agreement", "en"): ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
    ("agreement", "de"): ["Stimme überhaupt nicht zu", "Stimme eher nicht zu", "Teils/teils", "Stimme eher zu",
                          "Stimme voll und ganz zu"],
    ("agreement", "es"): ["Totalmente en desacuerdo", "En desacuerdo", "Ni de acuerdo ni en desacuerdo", "De acuerdo",
                          "Totalmente de acuerdo"],
    ("agreement", "fr"): ["Pas du tout d’accord", "Plutôt pas d’accord", "Ni d’accord ni pas d’accord",
                          "Plutôt d’accord", "Tout à fait d’accord"],
    ("agreement", "pt"): ["Discordo totalmente", "Discordo", "Não concordo nem discordo", "Concordo",
                          "Concordo totalmente"],
    ("agreement", "it"): ["Fortemente in disaccordo", "In disaccordo", "Né d'accordo né in disaccordo", "D'accordo",
                          "Fortemente d'accordo"],
    ("agreement", "hu"): ["Egyáltalán nem értek egyet", "Nem értek egyet", "Semleges", "Egyetértek",
                          "Teljes mértékben egyetértek"],
    ("agreement", "nl"): ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"],
    ("agreement", "zh"): ["非常不同意", "不同意", "一般", "同意", "非常同意"],
    ("likelihood", "en"): ["Very unlikely", "Unlikely", "Neither likely nor unlikely", "Likely", "Very likely"],
    ("likelihood", "de"): ["Sehr unwahrscheinlich", "Unwahrscheinlich", "Weder wahrscheinlich noch unwahrscheinlich",
                           "Wahrscheinlich", "Sehr wahrscheinlich"],
    ("likelihood", "es"): ["Muy improbable", "Poco probable", "Ni probable ni improbable", "Probable", "Muy probable"],
    ("likelihood", "fr"): ["Très improbable", "Peu probable", "Ni probable ni improbable", "Probable",
                           "Très probable"],
    ("likelihood", "pt"): ["Muito improvável", "Improvável", "Nem provável nem improvável", "Provável",
                           "Muito provável"],
    ("likelihood", "it"): ["Molto improbabile", "Improbabile", "Né probabile né improbabile", "Probabile",
                           "Molto probabile"],
    ("likelihood", "hu"): ["Egyáltalán nem valószínű", "Nem valószínű", "Semleges", "Valószínű", "Nagyon valószínű"],
    ("likelihood", "nl"): ["Zeer onwaarschijnlijk", "Onwaarschijnlijk", "Neutraal", "Waarschijnlijk",
                           "Zeer waarschijnlijk"],
    ("likelihood", "zh"): ["非常不可能", "不太可能", "说不清", "可能", "非常可能"],
    ("quality", "en"): ["Very poor", "Poor", "Fair", "Good", "Excellent"],
    ("quality", "de"): ["Sehr schlecht", "Schlecht", "Mittelmäßig", "Gut", "Sehr gut"],
    ("quality", "es"): ["Muy malo", "Malo", "Regular", "Bueno", "Excelente"],
    ("quality", "fr"): ["Très mauvais", "Mauvais", "Moyen", "Bon", "Excellent"],
    ("quality", "pt"): ["Péssimo", "Ruim", "Regular", "Bom", "Ótimo"],
    ("quality", "it"): ["Pessimo", "Scarso", "Sufficiente", "Buono", "Ottimo"],
    ("quality", "hu"): ["Nagyon rossz", "Rossz", "Közepes", "Jó", "Kiváló"],
    ("quality", "nl"): ["Zeer slecht", "Slecht", "Gemiddeld", "Goed", "Uitstekend"],
    ("quality", "zh"): ["非常差", "差", "一般", "好", "非常好"],
    ("ease", "en"): ["Very difficult", "Difficult", "Neither easy nor difficult", "Easy", "Very easy"],
    ("ease", "de"): ["Sehr schwierig", "Schwierig", "Weder leicht noch schwer", "Leicht", "Sehr leicht"],
    ("ease", "es"): ["Muy difícil", "Difícil", "Ni fácil ni difícil", "Fácil", "Muy fácil"],
    ("ease", "fr"): ["Très difficile", "Difficile", "Ni facile ni difficile", "Facile", "Très facile"],
    ("ease", "pt"): ["Muito difícil", "Difícil", "Nem fácil nem difícil", "Fácil", "Muito fácil"],
    ("ease", "it"): ["Molto difficile", "Difficile", "Né facile né difficile", "Facile", "Molto facile"],
    ("ease", "hu"): ["Nagyon nehéz", "Nehéz", "Se nem könnyű, se nem nehéz", "Könnyű", "Nagyon könnyű"],
    ("ease", "nl"): ["Zeer moeilijk", "Moeilijk", "Neutraal", "Makkelijk", "Zeer makkelijk"],
    ("ease", "zh"): ["非常困难", "困难", "一般", "容易", "非常容易"],
    ("frequency", "en"): ["Never", "Rarely", "Sometimes", "Often", "Always"],
    ("frequency", "de"): ["Nie", "Selten", "Manchmal", "Oft", "Immer"],
    ("frequency", "es"): ["Nunca", "Rara vez", "A veces", "A menudo", "Siempre"],
    ("frequency", "fr"): ["Jamais", "Rarement", "Parfois", "Souvent", "Toujours"],
    ("frequency", "pt"): ["Nunca", "Raramente", "Às vezes", "Frequentemente", "Sempre"],
    ("frequency", "it"): ["Mai", "Raramente", "A volte", "Spesso", "Sempre"],
    ("frequency", "hu"): ["Soha", "Ritkán", "Néha", "Gyakran", "Mindig"],
    ("frequency", "nl"): ["Nooit", "Zelden", "Soms", "Vaak", "Altijd"],
    ("frequency", "zh"): ["从不", "很少", "有时", "经常", "总是"],
}


@pytest.mark.parametrize(("kind", "language"), list(SCALES))
def test_each_language_ladder_codes_its_answers_worst_first(kind, language):
    labels = SCALES[kind, language]
    codes, points = word_codes({label.lower() for label in labels})
    assert points == 5
    assert [codes[label.lower()] for label in labels] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(("kind", "language"), [key for key in SCALES if key[0] != "frequency"])
def test_a_column_answered_in_a_ladder_of_any_language_is_a_rating_with_its_words(tmp_path, kind, language):
    labels = SCALES[kind, language]
    answers = [labels[i % 5] for i in (4, 3, 3, 2, 4, 1, 0, 3, 4, 2, 3, 4)]
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": range(12), "Pregunta 7": answers}).to_csv(path, index=False)
    mapping = detect_roles(load_export(path)).set_index("column")
    assert mapping.loc["Pregunta 7", ["role", "scale_min", "scale_max", "reverse"]].tolist() == ["touchpoint", 1, 5, False]
    written = dict(part.rsplit("=", 1) for part in mapping.loc["Pregunta 7", "words"].split("; "))
    assert {word: int(value) for word, value in written.items()} == {label: labels.index(label) + 1 for label in set(answers)}


def test_a_frequency_scale_is_ordered_but_not_taken_for_a_rating_by_itself(tmp_path):
    answers = ["Nie", "Selten", "Manchmal", "Oft", "Immer", "Oft"]
    codes, _ = word_codes({answer.lower() for answer in answers})
    assert [codes[answer.lower()] for answer in answers] == [1, 2, 3, 4, 5, 4]
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": range(6), "Wie oft besuchen Sie uns?": answers}).to_csv(path, index=False)
    mapping = detect_roles(load_export(path)).set_index("column")
    assert mapping.loc["Wie oft besuchen Sie uns?", "role"] == "attribute"  # how often is no better or worse
    switched = column_spec("Wie oft besuchen Sie uns?", pd.Series(answers), "touchpoint")  # unless the analyst says so
    assert (switched["scale_min"], switched["scale_max"]) == (1, 5)
    assert switched["words"] == "Nie=1; Selten=2; Manchmal=3; Oft=4; Immer=5"


def test_words_are_matched_without_case_or_accents():
    assert fold("  TRÈS   Satisfait ") == fold("tres satisfait") == "tres satisfait"
    assert fold("Pas du tout d’accord") == "pas du tout d'accord"
    assert fold("满意") == "满意"
    codes, points = word_codes({"nagyon elegedetlen", "ELÉGEDETT", "semleges", "nagyon elégedett"})
    assert points == 5 and codes == {"nagyon elegedetlen": 1, "ELÉGEDETT": 4, "semleges": 3, "nagyon elégedett": 5}


@pytest.mark.parametrize(("cell", "number"), [
    ("1 - Nagyon elégedetlen", 1), ("5 – Sehr zufrieden", 5), ("1. Muy malo", 1), ("(3) Ni de acuerdo ni en desacuerdo", 3),
    ("[2] Selten", 2), ("4) Tevreden", 4), ("（5）非常满意", 5), ("Muy bueno (4)", 4)])
def test_numeric_prefixes_give_the_number(cell, number):
    numbers, unparsed = to_number(pd.Series([cell]))
    assert numbers.tolist() == [number] and not unparsed.any()


def test_numbered_labels_in_another_language_make_a_rating_and_a_reversed_one_is_flipped(tmp_path):
    up = ["1 - Nagyon elégedetlen", "2 - Elégedetlen", "3 - Semleges", "4 - Elégedett", "5 - Nagyon elégedett"]
    down = ["1 - Sehr zufrieden", "2 - Zufrieden", "3 - Weder zufrieden noch unzufrieden", "4 - Unzufrieden",
            "5 - Sehr unzufrieden"]
    rows = [0, 1, 1, 0, 0, 2, 4, 3, 1, 0, 0, 1]  # the worst answer of the reversed scale is given once only
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": range(12), "Mennyire elégedett a kiszolgálással?": [up[4 - i] for i in rows],
                  "Wie zufrieden waren Sie mit der Bezahlung?": [down[i] for i in rows]}).to_csv(path, index=False)
    mapping = detect_roles(load_export(path)).set_index("column")
    assert mapping.loc["Mennyire elégedett a kiszolgálással?", ["role", "scale_min", "scale_max", "reverse"]].tolist() \
        == ["touchpoint", 1, 5, False]
    assert mapping.loc["Wie zufrieden waren Sie mit der Bezahlung?", ["role", "scale_min", "scale_max", "reverse"]
                       ].tolist() == ["touchpoint", 1, 5, True]
    assert "scale_reversed_labels" in mapping.loc["Wie zufrieden waren Sie mit der Bezahlung?", "note"]
    assert "scale_from_labels" in mapping.loc["Wie zufrieden waren Sie mit der Bezahlung?", "note"]


def test_words_mixed_with_numbers_take_their_place_on_the_numbers_scale_and_like_columns_get_like_roles(tmp_path):
    answers = ["0", "10", "Bueno", "7", "Malo", "3", "8", "Bueno", "9", "5", "2", "6"]
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": range(12), "Calidad de la comida (0-10)": answers,
                  "Calidad del servicio (0-10)": answers[::-1]}).to_csv(path, index=False)
    mapping = detect_roles(load_export(path)).set_index("column")
    first, second = mapping.loc["Calidad de la comida (0-10)"], mapping.loc["Calidad del servicio (0-10)"]
    assert first[["role", "scale_min", "scale_max"]].tolist() == ["touchpoint", 0, 10]
    assert first["words"] == "Malo=2.5; Bueno=7.5"  # steps 2 and 4 of five on 0-10: 10 * 1/4 and 10 * 3/4
    assert second[["role", "scale_min", "scale_max", "words"]].tolist() == first[["role", "scale_min", "scale_max",
                                                                                  "words"]].tolist()


def test_other_language_answers_not_applicable_are_set_aside_not_unreadable(tmp_path):
    answers = ["Sehr gut", "Gut", "Nicht zutreffend", "Schlecht", "Sehr gut", "Gut"]
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": range(6), "Sauberkeit": answers}).to_csv(path, index=False)
    summary = summarize(load_export(path))
    assert summary["columns"]["Sauberkeit"] == "touchpoint"
    assert [(issue["problem"], issue["count"]) for issue in summary["validation"]] == [("not_applicable", 1)]
    # nobody answered the middle (Mittelmäßig): the four-point scale Sehr schlecht=1, Schlecht=2, Gut=3, Sehr gut=4
    assert summary["touchpoints"][0]["mean"] == pytest.approx((4 + 3 + 2 + 4 + 3) / 5)


def test_german_hungarian_spanish_export_summary_by_hand():
    summary = summarize(load_export(FIXTURE))
    assert summary["validation"] == []
    assert summary["columns"]["ID"] == "respondent_id" and summary["columns"]["Land"] == "attribute"
    rows = {row["touchpoint"]: row for row in summary["touchpoints"]}
    # (mean, top-2 %, bottom-2 %) counted by hand from the file: e.g. Check-in has 3 x 5, 3 x 4, 2 x 3, 1 x 2, 1 x 1.
    expected = {
        "Wie zufrieden waren Sie mit dem Check-in?": ((3 * 5 + 3 * 4 + 2 * 3 + 2 + 1) / 10, 60, 20),
        "Wie zufrieden waren Sie mit dem Zimmer?": ((5 + 4 * 4 + 2 * 3 + 2 * 2 + 1) / 10, 50, 30),
        "Mennyire elégedett a kiszolgálással?": ((2 * 5 + 4 * 4 + 2 * 3 + 2 + 1) / 10, 60, 20),
        "Calidad de la comida": ((2 * 5 + 3 * 4 + 3 * 3 + 2 + 1) / 10, 50, 20),
        # numbered 1 = Sehr zufrieden ... 5 = Sehr unzufrieden: the best boxes are 1 and 2
        "Wie zufrieden waren Sie mit der Bezahlung?": ((4 * 1 + 3 * 2 + 3 + 4 + 5) / 10, 70, 20),
        "Die Website war übersichtlich": ((3 * 5 + 3 * 4 + 2 * 3 + 2 + 1) / 10, 60, 20),
    }
    assert set(rows) == set(expected)
    for name, (mean, top2, bottom2) in expected.items():
        assert (rows[name]["mean"], rows[name]["top2"], rows[name]["bottom2"], rows[name]["n"]) == \
            (pytest.approx(mean), pytest.approx(top2), pytest.approx(bottom2), 10), name


def test_german_hungarian_spanish_export_journey_scores_by_hand():
    from analysis.journey import touchpoint_summary
    from analysis.prepare import prepare

    export = load_export(FIXTURE)
    prepared = prepare(export, detect_roles(export))
    table = touchpoint_summary(prepared.scores, prepared.mapping).set_index("touchpoint")
    # score = (mean - 1) / 4, flipped for the reversed payment question
    assert table.loc["Wie zufrieden waren Sie mit dem Check-in?", "score"] == pytest.approx((3.6 - 1) / 4)
    assert table.loc["Wie zufrieden waren Sie mit der Bezahlung?", "score"] == pytest.approx(1 - (2.2 - 1) / 4)
    assert table.loc["Calidad de la comida", "score"] == pytest.approx((3.4 - 1) / 4)


# --- What the export says: the rows of one matrix question share a scale ---------------------------------------

AGREE_DE = ["Stimme überhaupt nicht zu", "Stimme eher nicht zu", "Teils/teils", "Stimme eher zu",
            "Stimme voll und ganz zu"]


def matrix_rows() -> dict[str, list[str]]:
    """Three rows of one agreement matrix; nobody chose the middle on the second row."""
    return {"Sauber": [AGREE_DE[i] for i in (4, 3, 2, 1, 0, 4)], "Ruhig": [AGREE_DE[i] for i in (4, 3, 3, 1, 0, 4)],
            "Hell": [AGREE_DE[i] for i in (2, 3, 2, 4, 4, 3)]}


def test_surveymonkey_matrix_rows_are_coded_on_the_scale_of_the_whole_question(tmp_path):
    rows = matrix_rows()
    question = "Wie sehr stimmen Sie den folgenden Aussagen zu?"
    lines = [",".join(["Respondent ID", question, "", "", "Wie alt sind Sie?"]), ",".join(["", *rows, "Response"])]
    lines += [",".join([str(i), *(rows[row][i] for row in rows), str(30 + i)]) for i in range(6)]
    path = tmp_path / "monkey.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    export = load_export(path)
    assert export.format == "surveymonkey"
    assert set(export.question_groups.values()) == {question}
    mapping = detect_roles(export).set_index("column")
    quiet = f"{question} - Ruhig"
    assert mapping.loc[quiet, ["role", "scale_min", "scale_max"]].tolist() == ["touchpoint", 1, 5]
    assert mapping.loc[quiet, "words"] == ("Stimme überhaupt nicht zu=1; Stimme eher nicht zu=2; Stimme eher zu=4; "
                                           "Stimme voll und ganz zu=5")
    # alone, the row would be the four-point scale without a middle (Stimme eher zu = 3)
    assert column_spec(quiet, pd.Series(rows["Ruhig"]), "touchpoint")["scale_max"] == 4


def test_qualtrics_import_ids_tell_the_rows_of_one_question(tmp_path):
    rows = matrix_rows()
    lines = [",".join(["ResponseId", "Q5_1", "Q5_2", "Q5_3", "Q6"]),
             ",".join(["Response ID", *(f"Aussagen - {row}" for row in rows), "Alter"]),
             ",".join(['"{""ImportId"":""_recordId""}"', *(f'"{{""ImportId"":""QID5_{i}""}}"' for i in (1, 2, 3)),
                       '"{""ImportId"":""QID6""}"'])]
    lines += [",".join([f"R_{i}", *(rows[row][i] for row in rows), str(30 + i)]) for i in range(6)]
    path = tmp_path / "qualtrics.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    export = load_export(path)
    assert export.format == "qualtrics"
    assert export.question_groups == {"Q5_1": "QID5", "Q5_2": "QID5", "Q5_3": "QID5"}
    mapping = detect_roles(export).set_index("column")
    assert mapping.loc["Q5_2", ["role", "scale_min", "scale_max"]].tolist() == ["touchpoint", 1, 5]
    assert "Stimme eher zu=4" in mapping.loc["Q5_2", "words"]


def test_the_real_exports_name_the_questions_their_matrix_columns_belong_to(shared_data):
    monkey = load_export(shared_data / "survey_exports" / "surveymonkey_vimff_cohort1_post_redacted.xlsx")
    groups = pd.Series(monkey.question_groups).value_counts().tolist()
    # two multi-selects (3 and 6 options) and the agreement matrices, asked four times under one question text
    assert sorted(groups) == [3, 6, 20]
    qualtrics = load_export(shared_data / "survey_exports" / "qualtrics_2016_insights_better_sample_survey.csv")
    assert qualtrics.question_groups["q1_recent_q1_recent_1_1"] == "QID4"
    assert qualtrics.question_groups["q6_reservations#2_1"] == "QID6#2"
    assert "q2_favorite" not in qualtrics.question_groups  # one column: no question to share


@pytest.mark.parametrize("easier_first", [False, True])
def test_an_effort_score_answered_in_another_language_runs_as_its_labels_say(tmp_path, easier_first):
    steps = ["Sehr schwierig", "Schwierig", "Weder leicht noch schwer", "Leicht", "Sehr leicht"]
    steps = steps[::-1] if easier_first else steps
    labels = [f"{number} - {step}" for number, step in enumerate(steps, start=1)]
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": range(10), "Customer effort score": [labels[i] for i in (0, 1, 2, 3, 4, 3, 4, 2, 1, 4)]}
                 ).to_csv(path, index=False)
    spec = detect_roles(load_export(path)).set_index("column").loc["Customer effort score"]
    assert spec["role"] == "ces" and bool(spec["reverse"]) is easier_first  # "1 - Sehr leicht": higher = more effort
    assert spec["note"].startswith("ces_labels_higher_effort" if easier_first else "ces_labels_higher_easier")
