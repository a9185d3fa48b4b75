"""Tokens and key terms: stop words, jieba segmentation, the log-odds z-score, example comments."""
import math

import numpy as np
import pandas as pd
import pytest

from analysis.sentiment.terms import COLUMNS, comment_terms, key_terms, log_odds_z
from analysis.sentiment.tokens import DATA, NEGATIONS, read_word_list, tokenize

NEGATIVE = ["Flight delayed again, terrible", "Delayed three hours at the gate",
            "My bag was lost and the flight delayed", "Delayed, and nobody told us"]
POSITIVE = ["Thanks for the great crew", "Great flight, thanks!", "Crew was great", "Great seats and a smooth ride"]
LABELS = ["negative"] * 4 + ["positive"] * 4


def test_english_tokens_drop_noise_and_stop_words_but_keep_negation():
    tweet = "@united I've been on hold for 2 hours!!! http://t.co/x #fail [哈哈] The staff didn't help &amp; RT"
    words = tokenize(tweet, "en")
    assert words == ["hold", "hours", "fail", "staff", "not", "help"]


def test_html_tags_of_review_exports_are_not_words():
    review = 'Runs small<br/><br />Lovely &lt;b&gt;fabric&lt;/b&gt; <a href="https://x.example/p">photo</a> a href http'
    assert tokenize(review, "en") == ["runs", "small", "lovely", "fabric", "photo"]
    assert tokenize("I <3 it, 3 < 4 > 2 and <b>great</b>", "en") == ["great"]  # only tags go, what they hold stays


def test_chinese_segmentation_keeps_content_words_only():
    words = tokenize("服务员态度很差", "zh")
    assert "服务员" in words and "态度" in words and "差" in words
    assert "很" not in words and "很差" not in words
    words = tokenize("我觉得这个酒店的房间非常干净，就是隔音不好[怒]//@小王: 转发微博", "zh")
    assert words == ["酒店", "房间", "干净", "隔音", "不好"]


def test_language_is_detected_when_not_given():
    assert tokenize("房间很干净") == ["房间", "干净"]
    assert tokenize("The room was clean") == ["room", "clean"]
    assert tokenize(None) == []


def test_stop_word_lists_keep_domain_nouns_and_negations():
    stop = read_word_list(DATA / "stopwords_en.txt") | read_word_list(DATA / "stopwords_zh.txt")
    assert {"the", "and", "rt", "amp", "我", "的", "转发", "微博", "回复"} <= stop
    assert not stop & {"flight", "airline", "hotel", "room", "seat", "staff", "酒店", "房间", "航班", "客服"}
    assert not stop & NEGATIONS


def test_a_term_only_in_negative_comments_ranks_first_for_negative_only():
    terms = key_terms(NEGATIVE + POSITIVE, LABELS, lang="en", min_count=2, min_z=0)
    negative, positive = terms[terms.group == "negative"], terms[terms.group == "positive"]
    assert negative.term.iloc[0] == "delayed"
    assert positive.term.iloc[0] == "great"
    assert "delayed" not in set(positive.term) and "great" not in set(negative.term)
    row = negative.iloc[0]
    assert (row["count"], row.share, row.share_rest) == (4, 1.0, 0.0)
    assert list(terms.columns) == COLUMNS


def test_log_odds_z_matches_a_hand_calculation():
    # group counts 3, 1, 0; all comments 4, 3, 3; a0 = 10, so a_w = 10 * (4, 3, 3) / 10 = (4, 3, 3).
    # Group total 4, rest counts (1, 2, 3) with total 6. For the first term:
    # delta = log((3 + 4) / (4 + 10 - 3 - 4)) - log((1 + 4) / (6 + 10 - 1 - 4)) = log(7 / 7) - log(5 / 11)
    # var = 1 / (3 + 4) + 1 / (1 + 4)
    z = log_odds_z(np.array([3, 1, 0]), np.array([4, 3, 3]), prior=10)
    assert z[0] == pytest.approx(math.log(11 / 5) / math.sqrt(1 / 7 + 1 / 5))
    assert z[2] < 0 < z[0]


def test_key_terms_z_is_the_log_odds_z_of_the_comment_counts():
    terms = key_terms(NEGATIVE + POSITIVE, LABELS, lang="en", min_count=1, min_z=-99, top=100, prior=0.5)
    vocabulary = sorted(set().union(*(comment_terms(t, "en") for t in NEGATIVE + POSITIVE)))
    negative = np.array([sum(w in comment_terms(t, "en") for t in NEGATIVE) for w in vocabulary])
    total = np.array([sum(w in comment_terms(t, "en") for t in NEGATIVE + POSITIVE) for w in vocabulary])
    expected = dict(zip(vocabulary, log_odds_z(negative, total, prior=0.5 * total.sum())))
    for row in terms[terms.group == "negative"].itertuples():
        assert row.z == pytest.approx(expected[row.term])


def test_examples_contain_their_term():
    texts = pd.Series(NEGATIVE + POSITIVE, index=[f"c{i}" for i in range(8)])
    terms = key_terms(texts, LABELS, lang="en", min_count=1, min_z=-99, top=100)
    assert len(terms) > 10
    for row in terms.itertuples():
        assert 1 <= len(row.examples) <= 3
        for label in row.examples:
            assert row.term in comment_terms(texts[label], "en")
            assert LABELS[texts.index.get_loc(label)] == row.group
            assert all(word in texts[label].lower() for word in row.term.split())


def test_phrases_span_removed_stop_words_and_negations_only_in_phrases():
    assert comment_terms("The staff was not very helpful. Seats fine", "en") == {
        "staff", "helpful", "not helpful", "seats", "fine", "seats fine"}
    assert "态度 差" in comment_terms("服务员态度很差", "zh")


def test_mixed_languages_are_read_each_in_its_own():
    texts = ["The wifi was broken", "Wifi broken again", "wifi never works", "网络太慢了", "网络很差", "网络断了",
             "Great crew", "服务很好", "Lovely crew", "早餐不错"]
    groups = ["wifi"] * 6 + ["other"] * 4
    terms = key_terms(texts, groups, min_count=3, min_z=0)
    assert {"wifi", "网络"} <= set(terms[terms.group == "wifi"].term)


def test_groups_missing_rows_order_and_determinism():
    texts = pd.Series(NEGATIVE + POSITIVE + ["delayed again"])
    groups = pd.Categorical(LABELS + [None], categories=["positive", "negative", "neutral"])
    terms = key_terms(texts, groups, lang="en", min_count=2, min_z=0)
    assert list(terms.group.unique()) == ["positive", "negative"]
    delayed = terms[terms.term == "delayed"].iloc[0]
    assert delayed.share_rest == pytest.approx(1 / 5)  # the ungrouped comment counts among the rest
    pd.testing.assert_frame_equal(terms, key_terms(texts, groups, lang="en", min_count=2, min_z=0))
    assert key_terms([], [], lang="en").columns.tolist() == COLUMNS
    with pytest.raises(ValueError):
        key_terms(["a"], ["x", "y"])


def test_airline_tweets_negative_terms_are_the_known_pain_points(shared_data):
    tweets = pd.read_csv(shared_data / "airline_tweets_sample.csv")
    terms = key_terms(tweets.text, tweets.airline_sentiment, lang="en")
    negative = set(terms[terms.group == "negative"].term)
    assert len(negative & {"delay", "delayed", "cancelled", "hold", "hours", "customer service"}) >= 3
    assert {"thanks", "great"} <= set(terms[terms.group == "positive"].term)
    assert not negative & set(terms[terms.group == "positive"].term)


def test_hotel_reviews_negative_and_positive_terms(shared_data):
    reviews = pd.read_csv(shared_data / "chnsenticorp_htl_sample.csv")
    terms = key_terms(reviews.review, reviews.label.map({0: "negative", 1: "positive"}), lang="zh")
    assert "差" in set(terms[terms.group == "negative"].term)
    assert {"不错", "干净"} <= set(terms[terms.group == "positive"].term)
