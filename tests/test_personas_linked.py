"""Comments and purchases linked to survey respondents by id: each link, feature and card checked by a pandas merge."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis import cli
from analysis.customers import customers
from analysis.errors import InputError
from analysis.io import load_export
from analysis.metrics import wilson
from analysis.personas.build import build_personas
from analysis.personas.features import default_features
from analysis.personas.linked import (Linked, id_key, link_buying, link_files, survey_ids,
                                      with_linked)
from analysis.sentiment.model import SentimentModel, score_many

AIRLINE = "airline_passenger_satisfaction_sample.csv"
RETAIL = "online_retail_200_customers.csv"
PRAISE = ["The crew was friendly and the flight was lovely", "Great seat, lovely food, happy with everything",
          "Smooth boarding and a wonderful crew"]
WIFI = ["The wifi was terrible and never connected", "Awful wifi, useless for work, terrible",
        "Terrible experience, the wifi kept dropping"]
LEGROOM = ["Horrible legroom, my knees hurt, awful", "The legroom was terrible and cramped",
           "Awful cramped legroom for a long flight"]


@pytest.fixture(scope="module")
def airline(shared_data, prepared_file):
    return prepared_file(shared_data / AIRLINE)


@pytest.fixture(scope="module")
def feedback(airline, tmp_path_factory):
    """Comments from 600 respondents (some twice), Economy travellers complaining about wifi and Business ones
    about legroom, plus comments from ids not in the survey and one blank comment."""
    rng = np.random.default_rng(3)
    responses = airline.responses.iloc[:600]
    rows = []
    for id_, travel_class in zip(responses["id"], responses["Class"]):
        complaints = WIFI if travel_class == "Eco" else LEGROOM
        for _ in range(int(rng.integers(1, 3))):
            pool = complaints if rng.random() < 0.6 else PRAISE
            rows.append({"customer_ref": f" {id_} ", "posted": "2024-01-01", "comment": pool[rng.integers(len(pool))]})
    rows += [{"customer_ref": "999999999", "posted": "2024-01-02", "comment": WIFI[0]},
             {"customer_ref": str(responses["id"].iloc[0]), "posted": "2024-01-03", "comment": ""}]
    path = tmp_path_factory.mktemp("linked") / "feedback.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_ids_compare_as_trimmed_text():
    assert id_key(pd.Series([17850.0, np.nan, 12.0])).tolist()[::2] == ["17850", "12"]
    assert id_key(pd.Series([" a1 ", "", None])).isna().tolist() == [False, True, True]
    assert id_key(pd.Series([1.5, 2.0])).tolist() == ["1.5", "2.0"]


def test_comments_are_linked_to_respondents_like_a_pandas_merge(airline, feedback):
    linked = link_files(airline, [load_export(feedback)])
    frame = pd.read_csv(feedback, dtype=str, keep_default_na=False)
    survey = pd.DataFrame({"row": airline.responses.index, "id": airline.responses["id"].astype(str)})
    merged = frame.assign(id=frame["customer_ref"].str.strip()).merge(survey, on="id")
    merged = merged[merged["comment"] != ""]
    assert len(linked.comments) == len(merged)
    assert linked.comments.groupby("row").size().sort_index().equals(merged.groupby("row").size().sort_index())
    scored = score_many(SentimentModel(), merged["comment"]).assign(row=merged["row"].to_numpy())
    augmented = with_linked(airline, linked)
    detected = scored[scored["sentiment_label"] != "undetected"]
    expected = detected.groupby("row")["sentiment_score"].mean()
    assert augmented.responses["comment_sentiment"].dropna().sort_index().round(9).equals(
        expected.sort_index().round(9))
    negative = 100 * detected["sentiment_label"].eq("negative").groupby(detected["row"]).mean()
    assert np.allclose(augmented.responses.loc[negative.index, "comment_negative"], negative)
    assert augmented.responses["comments"].isna().sum() == len(airline.responses) - merged["row"].nunique()
    roles = dict(zip(augmented.mapping["column"], augmented.mapping["role"]))
    assert roles["comment_sentiment"] == roles["comments"] == "behaviour"
    assert "comment_sentiment" not in airline.responses  # the survey itself is left as it was
    assert "comment_sentiment" not in default_features(augmented.responses, augmented.mapping)  # 12% answered


def test_each_persona_card_says_what_its_members_comments_say(airline, feedback):
    linked = link_files(airline, [load_export(feedback)])
    found = build_personas(airline, ["Class", "Type of Travel"], "kmodes", 3, linked=linked)
    comments = linked.comments.assign(persona=linked.comments["row"].map(found.assignments))
    for persona in found.personas:
        part = comments[(comments["persona"] == persona.id) & (comments["sentiment_label"] != "undetected")]
        card = persona.comments
        if part.empty:
            assert card is None
            continue
        negative = int(part["sentiment_label"].eq("negative").sum())
        low, high = wilson(negative, len(part))
        assert card["negative"] == round(100 * negative / len(part), 1)
        assert (card["low"], card["high"]) == (round(100 * low, 1), round(100 * high, 1))
        assert card["respondents"] == comments.loc[comments["persona"] == persona.id, "row"].nunique()
    economy = max(found.personas, key=lambda p: next((t.persona for t in p.traits if t.value == "Eco"
                                                      and t.direction == "more"), 0))
    business = max(found.personas, key=lambda p: next((t.persona for t in p.traits if t.value == "Business"
                                                       and t.direction == "more"), 0))
    assert "wifi" in economy.pain_points and "legroom" not in economy.pain_points
    assert "legroom" in business.pain_points and "wifi" not in business.pain_points


def test_comment_sentiment_can_be_a_feature(airline, feedback):
    linked = link_files(airline, [load_export(feedback)])
    found = build_personas(airline, ["Class", "comment_sentiment"], "kmeans", 2, linked=linked)
    assert found.features == ["Class", "comment_sentiment"] and found.imputed["comment_sentiment"] > 0.8


def test_buying_is_linked_by_customer_id(shared_data, tmp_path, prepared_file):
    lines = pd.read_csv(shared_data / RETAIL)
    found = customers(lines)
    ids = found.values["customer"].head(60).tolist()
    rng = np.random.default_rng(5)
    survey = pd.DataFrame({"Customer ID": [float(i) for i in ids] + [1.0, 2.0],
                           "Overall satisfaction": rng.integers(1, 6, size=len(ids) + 2),
                           "Delivery": rng.integers(1, 6, size=len(ids) + 2),
                           "Store": rng.choice(["north", "south"], size=len(ids) + 2)})
    path = tmp_path / "survey.csv"
    survey.to_csv(path, index=False)
    prepared = prepared_file(path)
    assert survey_ids(prepared) is not None
    buying = link_buying(prepared, found.values)
    assert len(buying) == len(ids)
    expected = found.values.set_index(found.values["customer"].astype(str))["orders"]
    linked_ids = id_key(prepared.responses.loc[buying.index, "respondent_id"])
    assert buying["orders"].tolist() == expected.loc[linked_ids.tolist()].tolist()
    result = build_personas(prepared, ["Delivery", "Store"], "kmeans", 2, linked=Linked(buying=buying))
    for persona in result.personas:
        members = result.assignments.index[result.assignments == persona.id]
        part = buying[buying.index.isin(members)]
        assert persona.buying["customers"] == len(part)
        assert persona.buying["frequent"] == round(100 * (part["buying"] == "frequent").mean(), 1)
        assert persona.buying["clv"] == round(part["clv"].mean(), 2)


def test_without_a_respondent_id_nothing_is_linked(shared_data, feedback, tmp_path, prepared_file):
    frame = pd.read_csv(shared_data / AIRLINE).drop(columns=["id"])
    path = tmp_path / "no_ids.csv"
    frame.to_csv(path, index=False)
    prepared = prepared_file(path)
    assert survey_ids(prepared) is None
    with pytest.raises(InputError) as caught:
        link_files(prepared, [load_export(feedback)])
    assert caught.value.message.code == "error.personas.no_ids"


def test_cli_links_comments_and_refuses_a_coincidence(shared_data, feedback, capsys, prepared_file):
    survey = str(shared_data / AIRLINE)
    assert cli.main(["personas", survey, "--k", "2", "--features", "Class", "--link", str(feedback), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert all(persona["comments"]["comments"] > 0 for persona in result["personas"])
    assert sum(persona["comments"]["comments"] for persona in result["personas"]) == len(
        link_files(prepared_file(shared_data / AIRLINE), [load_export(feedback)]).comments)
    assert cli.main(["personas", survey, "--k", "2", "--link", str(shared_data / RETAIL)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: Only ") and error.count("\n") == 1


def test_the_personas_page_links_the_feedback_file_and_shows_it_on_each_card(shared_data, feedback, prepared_file):
    from pages.ui.words import t
    from tests.apptest import new_app, open_page, use_file

    app_test = new_app()
    use_file(app_test, "survey", AIRLINE, (shared_data / AIRLINE).read_bytes())
    use_file(app_test, "feedback", "feedback.csv", feedback.read_bytes())
    open_page(app_test, "personas")
    features = next(widget for widget in app_test.multiselect if widget.key.startswith("personas_features_"))
    features.set_value(["Class", "Type of Travel"]).run()
    app_test.selectbox(key="personas_algorithm").set_value("kmodes").run()
    app_test.select_slider(key="personas_k").set_value(3).run()
    assert not app_test.exception and not app_test.error
    airline = prepared_file(shared_data / AIRLINE)
    linked = link_files(airline, [load_export(feedback)])
    captions = [caption.value for caption in app_test.caption]
    assert t("personas.link.comments", "en", comments=f"{len(linked.comments):,}",
             n=f"{linked.comments['row'].nunique():,}") in captions
    expected = build_personas(airline, ["Class", "Type of Travel"], "kmodes", 3, linked=linked)
    for persona in expected.personas:
        card = persona.comments
        line = t("personas.comments", "en", n=f"{card['comments']:,}", negative=f"{card['negative']:.0f}",
                 low=f"{card['low']:.0f}", high=f"{card['high']:.0f}", emotion=t(f"emotion.{card['emotion']}", "en")
                 if card["emotion"] else "—")
        assert any(line in caption for caption in captions), line
    assert t("personas.linked.comment_sentiment", "en") in features.options


def test_a_label_column_is_never_taken_for_the_respondent_id():
    """A labelled-comments file whose 0/1 label matches survey ids 0 and 1, and no id column: nothing is linked,
    although both label values are respondent ids of the survey."""
    from analysis.personas.linked import MIN_ID_VALUES, id_column

    labels = pd.DataFrame({"text": [PRAISE[i % 3] for i in range(200)], "label": [i % 2 for i in range(200)]})
    known = pd.Series(["0", "1", *[str(n) for n in range(2, 300)]])
    column, refused = id_column(labels, known, "labelled.csv")
    assert column is None and refused.message.code == "error.personas.no_match"
    assert labels["label"].nunique() < MIN_ID_VALUES
    with_ids = labels.assign(respondent=[str(n) for n in range(200)])
    assert id_column(with_ids, known, "labelled.csv") == ("respondent", None)
