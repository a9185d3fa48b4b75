"""Touchpoint tagging as codeframe coding: the touchpoint keyword lists are a codeframe of touchpoint codes, and
tagging a comment is coding it with them. The tags must be exactly those of the tagging this replaced, whose
ranking is kept below as the oracle (most mentions, then the earliest, then the list's order; a mention inside a
longer mention of another touchpoint does not count), on the sample tweets and on Chinese reviews and posts."""
from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from analysis.journey import stage_map
from analysis.sample import sample_paths
from analysis.sentiment.social import strip_noise
from analysis.sentiment.tagging import (
    comment_topics,
    keywords_from_text,
    keywords_pattern,
    keywords_to_text,
    seed_keywords,
)
from analysis.themes.codeframe import (
    Codeframe,
    add_keyword_code,
    add_touchpoint_codes,
    code_texts,
    from_csv,
    from_json,
    to_csv,
    to_json,
    touchpoint_codes,
)
from analysis.themes.terms import TermSpace
from analysis.themes.touchpoints import tag_comments, tag_with

SURVEY_TOUCHPOINTS = ["Inflight wifi service", "Departure/Arrival time convenient", "Ease of Online booking",
                      "Gate location", "Food and drink", "Online boarding", "Seat comfort", "Inflight entertainment",
                      "On-board service", "Leg room service", "Baggage handling", "Checkin service",
                      "Inflight service", "Cleanliness", "Advertising and social media", "Frequent flyer rewards"]
HOTEL_TOUCHPOINTS = ["前台服务", "房间", "卫生", "早餐", "交通位置", "价格", "网络", "噪音", "停车"]


def oracle(texts: pd.Series, keywords: dict[str, list[str]], stages: dict[str, str]) -> pd.DataFrame:
    """Today's touchpoint tagging, written out plainly: every mention of every touchpoint's keywords, those
    inside a longer mention of another touchpoint dropped, touchpoints ranked by mentions, earliest, order."""
    patterns = [(name, re.compile(keywords_pattern(words))) for name, words in keywords.items()
                if any(word.strip() for word in words)]
    rows = []
    for text in texts:
        if not isinstance(text, str):
            rows.append([])
            continue
        body = strip_noise(html.unescape(text)).lower()
        spans = [(m.start(), m.end(), order) for order, (_, pattern) in enumerate(patterns)
                 for m in pattern.finditer(body)]
        kept = [(start, order) for start, end, order in spans
                if not any(s <= start and end <= e and e - s > end - start for s, e, o in spans if o != order)]
        rank = {}
        for start, order in kept:
            count, first = rank.get(order, (0, start))
            rank[order] = (count + 1, min(first, start))
        rows.append([patterns[order][0] for order in sorted(rank, key=lambda o: (-rank[o][0], rank[o][1], o))])
    best = [found[0] if found else "" for found in rows]
    return pd.DataFrame({"touchpoint": best, "stage": [stages.get(name, "") if name else "" for name in best],
                         "matches": rows}, index=texts.index)


def cases(shared_data):
    tweets = pd.read_csv(sample_paths()["feedback"])["text"]
    hotel = pd.read_csv(shared_data / "chnsenticorp_htl_sample.csv")["review"]
    weibo = pd.read_csv(shared_data / "text" / "weibo_senti_sample.csv")["text"]
    english_topics, chinese_topics = comment_topics("en"), comment_topics("zh")
    return {
        "sample tweets, the sample survey's touchpoints": (tweets, seed_keywords(SURVEY_TOUCHPOINTS), None),
        "sample tweets, the topic table's touchpoints": (tweets, seed_keywords(list(english_topics)),
                                                         english_topics),
        "hotel reviews, Chinese touchpoints": (hotel, seed_keywords(HOTEL_TOUCHPOINTS), None),
        "hotel reviews, the topic table in Chinese": (hotel, seed_keywords(list(chinese_topics)), chinese_topics),
        "Weibo posts, the topic table in Chinese": (weibo, seed_keywords(list(chinese_topics), lang="zh"),
                                                    chinese_topics),
    }


@pytest.mark.parametrize("case", ["sample tweets, the sample survey's touchpoints",
                                  "sample tweets, the topic table's touchpoints", "hotel reviews, Chinese touchpoints",
                                  "hotel reviews, the topic table in Chinese", "Weibo posts, the topic table in Chinese"])
def test_tags_are_those_of_the_keyword_tagging(shared_data, case):
    texts, keywords, stages = cases(shared_data)[case]
    expected = oracle(texts, keywords, stages if stages is not None else stage_map(list(keywords)))
    found = tag_comments(texts, keywords, stages)
    assert (expected["touchpoint"] != "").sum() > len(texts) / 20  # the case tags a fair share of the texts
    assert any(len(matches) > 1 for matches in expected["matches"])  # and some texts mention several touchpoints
    pd.testing.assert_frame_equal(found, expected)


def test_touchpoint_codes_carry_their_stage_and_travel_as_json_and_csv():
    frame = touchpoint_codes(keywords_from_text("Seat comfort: seat, legroom, 座位\nOverall experience:\nWifi: wifi"),
                             {"Seat comfort": "experience", "Wifi": "experience"})
    assert [(code.id, code.name, code.kind, code.keywords, code.stage) for code in frame.codes] == [
        ("P1", "Seat comfort", "touchpoint", ("seat", "legroom", "座位"), "experience"),
        ("P2", "Overall experience", "touchpoint", (), ""), ("P3", "Wifi", "touchpoint", ("wifi",), "experience")]
    assert from_json(to_json(frame)) == frame
    assert from_csv(to_csv(frame)) == frame
    before = "\n".join(line.rsplit(",", 2)[0] for line in to_csv(frame).splitlines())  # a file without the stage (nor stability)
    assert [code.stage for code in from_csv(before).codes] == ["", "", ""]


def test_one_keyword_mechanism_for_keyword_and_touchpoint_codes():
    """A keyword code and a touchpoint code in one codeframe are matched alike: a mention inside a longer mention of
    another code does not count, and the codes mentioned are carried in their ranking (most mentions first)."""
    touchpoints = touchpoint_codes({"卫生": ["卫生", "脏"], "Seat": ["seat"]}, {"卫生": "experience"})
    frame = add_keyword_code(add_touchpoint_codes(Codeframe(TermSpace((), ())), touchpoints), "Toilet", ["卫生间"])
    assert [(code.id, code.kind) for code in frame.codes] == [("P1", "touchpoint"), ("P2", "touchpoint"),
                                                               ("K1", "keywords")]
    coded = code_texts(["卫生间太小", "卫生间很脏，卫生间也旧", "seat and seat, 脏", "nothing"], frame)
    assert coded["topic"].tolist() == ["K1", "K1", "P2", ""]
    assert coded["codes"].tolist() == [["K1"], ["K1", "P1"], ["P2", "P1"], []]


def test_edited_keyword_lines_are_the_touchpoint_codes_comments_are_tagged_with():
    comments = pd.Series(["the wifi was down", "lost my bag", "slow check in"])
    seeded = seed_keywords(["Inflight wifi service", "Baggage handling"])
    tagged = tag_with(comments, touchpoint_codes(seeded, {"Baggage handling": "service"}))
    assert tagged["touchpoint"].tolist() == ["Inflight wifi service", "Baggage handling", ""]
    assert tagged["stage"].tolist() == ["", "service", ""]
    edited = keywords_from_text(keywords_to_text(seeded) + "\nCheck-in: check in")
    tagged = tag_with(comments, touchpoint_codes(edited, {"Check-in": "purchase"}))
    assert tagged["touchpoint"].tolist() == ["Inflight wifi service", "Baggage handling", "Check-in"]
    assert tagged.loc[2, "stage"] == "purchase"
