"""Touchpoint tagging: seeded keyword lists, tagging English and Chinese comments, the editable text."""
import pandas as pd
import pytest

from analysis.errors import InputError

from analysis.journey import stage_map
from analysis.sentiment.tagging import keywords_from_text, keywords_to_text, seed_keywords
from analysis.themes.touchpoints import tag_comments

AIRLINE = ["Inflight wifi service", "Seat comfort", "Leg room service", "Baggage handling", "Checkin service",
           "Online boarding", "Food and drink", "Cleanliness", "On-board service", "Inflight entertainment"]


@pytest.mark.parametrize("touchpoint, expected", [
    ("Inflight wifi service", {"wifi", "wi-fi", "internet", "网络", "无线"}),
    ("Seat comfort", {"seat", "座位", "座椅"}),
    ("Leg room service", {"legroom", "leg room", "腿部空间"}),
    ("Baggage handling", {"bag", "baggage", "luggage", "suitcase", "行李"}),
    ("Checkin service", {"check-in", "checkin", "counter", "值机", "登记入住"}),
    ("Food and drink", {"food", "meal", "drink", "餐食"}),
    ("座椅舒适度", {"seat", "座椅"}),
    ("How satisfied were you with the check-in process?", {"check-in", "值机"}),
])
def test_seed_keywords_from_names(touchpoint, expected):
    assert expected <= set(seed_keywords([touchpoint])[touchpoint])


def test_seed_keywords_leave_out_generic_and_taken_words():
    seeded = seed_keywords(["Leg room service", "Inflight service", "Overall experience", "Delivery speed"])
    assert not {"room", "service", "inflight"} & set(seeded["Leg room service"])
    assert "staff" in seeded["Inflight service"] and "service" not in seeded["Inflight service"]
    assert seeded["Overall experience"] == []
    assert {"speed", "delivery", "快递"} <= set(seeded["Delivery speed"])


def test_seed_keywords_by_language():
    english = seed_keywords(AIRLINE, lang="en")
    chinese = seed_keywords(AIRLINE, lang="zh")
    assert "wifi" in english["Inflight wifi service"] and "网络" not in english["Inflight wifi service"]
    assert chinese["Inflight wifi service"] and all(
        any("\u4e00" <= ch <= "\u9fff" for ch in word) for words in chinese.values() for word in words)
    with pytest.raises(ValueError):
        seed_keywords(AIRLINE, lang="fr")


def test_known_comments_land_on_their_touchpoint():
    comments = pd.Series({
        "a": "@united The wifi kept dropping the whole flight http://t.co/x",
        "b": "房间的网络太慢了",
        "c": "Our bags were lost!!",
        "d": "行李丢了，找了两个小时",
        "e": "Check in took an hour",
        "f": "值机排队太久",
        "g": "Nice day",
        "h": "Flying to Seattle tomorrow",
        "i": "座位很窄，坐得很累",
        "j": "My seat was dirty, the seat pocket too, and no legroom",
    })
    tags = tag_comments(comments, seed_keywords(AIRLINE))
    assert tags.touchpoint.to_dict() == {
        "a": "Inflight wifi service", "b": "Inflight wifi service", "c": "Baggage handling",
        "d": "Baggage handling", "e": "Checkin service", "f": "Checkin service", "g": "", "h": "",
        "i": "Seat comfort", "j": "Seat comfort"}
    assert tags.matches["j"] == ["Seat comfort", "Cleanliness", "Leg room service"]
    assert tags.matches["g"] == []


def test_stage_comes_from_the_journey_stage_map():
    keywords = seed_keywords(AIRLINE)
    tags = tag_comments(["lost luggage again", "great food", "no idea"], keywords)
    stages = stage_map(AIRLINE)
    assert tags.stage.tolist() == [stages["Baggage handling"], stages["Food and drink"], ""]
    assert tags.stage[0] == "service"
    assert tag_comments(["great food"], keywords, stages={"Food and drink": "loyalty"}).stage[0] == "loyalty"


def test_longer_mention_of_another_touchpoint_wins():
    keywords = seed_keywords(["房间", "卫生"])
    tags = tag_comments(["卫生间太小", "房间不卫生"], keywords)
    assert tags.matches.tolist() == [["房间"], ["房间", "卫生"]]


def test_links_mentions_and_missing_texts_are_not_tagged():
    tags = tag_comments(["@bagcheck see http://example.com/baggage-policy", None], seed_keywords(AIRLINE))
    assert tags.touchpoint.tolist() == ["", ""]


def test_inflections_and_spelling_variants_match():
    keywords = {"Delays": ["delay"], "Check-in": ["check-in"]}
    tags = tag_comments(["Delayed again", "delays everywhere", "the checkin desk", "check in was slow",
                         "delaying tactics", "relay race"], keywords)
    assert tags.touchpoint.tolist() == ["Delays", "Delays", "Check-in", "Check-in", "Delays", ""]


def test_editable_text_round_trips():
    keywords = seed_keywords(AIRLINE + ["Overall experience", "Q3: Gate location"])
    text = keywords_to_text(keywords)
    assert "Seat comfort: seat, seating" in text
    assert keywords_from_text(text) == keywords


def test_edited_text_is_read_leniently_but_not_silently_wrong():
    edited = "# my lists\n\nSeat comfort: seat, legroom，座位、座椅\n座椅舒适度：座位; 椅子\nSeat comfort: Seat, recline\n"
    assert keywords_from_text(edited) == {"Seat comfort": ["seat", "legroom", "座位", "座椅", "recline"],
                                          "座椅舒适度": ["座位", "椅子"]}
    with pytest.raises(InputError, match="line 2 reads 'Wifi wifi, internet'") as err:
        keywords_from_text("Seat comfort: seat\nWifi wifi, internet")
    assert "第 2 行" in err.value.text("zh")
