"""The Journey page run headless (Streamlit AppTest): the journey map and emotion curve, the sidebar filters and
the link that carries them, the stage map, key drivers, segments and trends."""
from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from analysis.errors import quoted
from analysis.sample import sample_paths
from pages.ui import files
from pages.ui.text import plain
from pages.ui.words import LANGUAGES, t
from tests.apptest import (chart_data, chart_titles, filter_widget, go, keep, new_app, open_page, param, tile, upload,
                           use_file, widget)
from tests.test_data_page import dated_survey


def satisfied(app):
    """The "Satisfied share" tile (the sample's headline tiles start with NPS, CSAT and CES)."""
    return tile(app, t("metric.satisfied", "en"))


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_journey_shows_map_emotion_curve_and_friction(app_test, lang):
    open_page(app_test, "journey", lang=lang)
    subheaders = [header.value for header in app_test.subheader]
    for key in ("journey.map", "journey.friction", "journey.touchpoint_ratings", "drivers.title",
                "heatmap.title", "trend.title"):
        assert t(key, lang) in subheaders
    stage = t("stage.purchase", lang)
    titles = chart_titles(app_test)
    assert titles[0] == t("journey.map_title", lang, stage=stage, score="46")
    curve = json.loads(app_test.get("vega_lite_chart")[0].proto.spec)
    assert [layer["mark"]["type"] for layer in curve["layer"]][:4] == ["rect", "line", "circle", "text"]
    assert any(line.value.startswith(f"**{stage}** · " + t("journey.card_ratings", lang, face="😐", score="46"))
               for line in app_test.markdown)
    friction = next(m.value for m in app_test.markdown if "Inflight wifi service" in m.value and m.value.startswith("- "))
    assert friction.startswith("- " + t("journey.friction_both", lang, touchpoint="Inflight wifi service",
                                        stage=t("stage.experience", lang), score="45", share="44", n="4,830"))
    assert not any(t("trend.needs_timestamp", lang) == info.value for info in app_test.info)  # the sample is dated


def test_a_segment_filter_from_the_link_changes_every_number(app_test):
    open_page(app_test, "journey")
    assert satisfied(app_test).value == "43.2%"
    everyone = chart_titles(app_test)

    filtered = new_app()
    open_page(filtered, "journey", seg="Class", **{"sv.Class": "Business"})
    assert satisfied(filtered).value == "69.4%"
    assert t("filter.note", "en", n="2,377", total="5,000") in [caption.value for caption in filtered.caption]
    assert chart_titles(filtered) != everyone
    assert param(filtered, "seg") == ["Class"] and param(filtered, "sv.Class") == ["Business"]


def test_sidebar_filter_changes_the_numbers_and_the_link(app_test):
    open_page(app_test, "journey")
    filter_widget(app_test.multiselect, "seg").select("Class").run()
    filter_widget(app_test.multiselect, "segv_Class").select("Eco").run()
    assert not app_test.exception
    assert satisfied(app_test).value == "19.2%"
    assert param(app_test, "sv.Class") == ["Eco"]
    filter_widget(app_test.multiselect, "seg").select("Type of Travel").run()
    filter_widget(app_test.multiselect, "segv_Type of Travel").select("Business travel").run()
    raw = pd.read_csv(sample_paths()["survey"])
    both = raw[(raw["Class"] == "Eco") & (raw["Type of Travel"] == "Business travel")]
    assert satisfied(app_test).value == f"{100 * (both['satisfaction'] == 'satisfied').mean():.1f}%"
    assert param(app_test, "seg") == ["Class", "Type of Travel"]
    widget(app_test.button, "filter_clear__").click().run()
    assert satisfied(app_test).value == "43.2%"
    assert not [key for key in app_test.query_params if key == "seg" or key.startswith("sv.")]


def test_a_numeric_attribute_is_a_segment_in_bands(app_test):
    open_page(app_test, "journey")
    filter_widget(app_test.multiselect, "seg").select("Age").run()
    raw = pd.read_csv(sample_paths()["survey"])
    quartiles = np.ceil(raw["Age"].quantile([0.25, 0.5, 0.75])).astype(int).tolist()
    bands = filter_widget(app_test.multiselect, "segv_Age").options
    assert bands[0] == f"{raw['Age'].min()}–{quartiles[0] - 1}" and len(bands) == 4
    filter_widget(app_test.multiselect, "segv_Age").select(bands[0]).run()
    young = raw[raw["Age"] < quartiles[0]]
    assert satisfied(app_test).value == f"{100 * (young['satisfaction'] == 'satisfied').mean():.1f}%"


def test_filter_values_not_in_the_data_are_ignored(app_test):
    open_page(app_test, "journey", seg=["Class", "Nowhere"], tp=["Bogus"], ch=["web"], **{"from": "1999-01-01", "sv.Class": ["Nope"]})
    assert satisfied(app_test).value == "43.2%"
    assert not any(caption.value.startswith("Filtered") for caption in app_test.caption)
    assert param(app_test, "seg") == ["Class"]
    assert not {"sv.Class", "tp", "ch", "from"} & set(app_test.query_params)


def test_stage_map_edits_move_touchpoints_between_stages(app_test):
    digest = hashlib.sha256(sample_paths()["survey"].read_bytes()).hexdigest()
    keep(app_test, "stages", digest, {"Ease of Online booking": "awareness", "Inflight wifi service": "loyalty",
                                      "Advertising and social media": "consideration",
                                      "Frequent flyer rewards": "experience"})
    open_page(app_test, "journey")
    assert chart_titles(app_test)[0] == t("journey.map_title", "en", stage="Loyalty", score="45")
    assert any(line.value.startswith("**Awareness** · ratings 😐 **46**") for line in app_test.markdown)


def test_key_drivers_need_two_touchpoints_and_say_so(app_test):
    open_page(app_test, "journey", tp="Seat comfort")
    infos = [info.value for info in app_test.info]
    assert any(value.startswith(t("drivers.unavailable", "en", reason="")) for value in infos), infos


def test_key_drivers_rank_touchpoints_in_words(app_test):
    open_page(app_test, "journey", lang="zh")
    assert t("drivers.chart_title_fix", "zh", touchpoint="Inflight wifi service") in chart_titles(app_test)
    matrix = json.loads(app_test.get("vega_lite_chart")[2].proto.spec)
    assert matrix["title"]["subtitle"][0] == t("drivers.chart_facts", "zh", share="10", score="45")
    ranking = [m.value for m in app_test.markdown if m.value.startswith("1. ")][1]  # the first is the summary
    assert ranking.startswith("1. " + plain(t("drivers.rank", "zh", touchpoint=quoted("Online boarding"), share="16",
                                              score="58", quadrant=t("quadrant.strengths", "zh"))))
    assert plain("线性概率模型") in "\n".join(m.value for m in app_test.markdown)


def test_a_dated_link_opens_the_journey_with_its_trend(app_test):
    use_file(app_test, "survey", "dated.csv", dated_survey())
    open_page(app_test, "journey", **{"from": "2024-02-01", "to": "2024-02-29"})
    assert t("filter.note", "en", n="493", total="5,000") in [caption.value for caption in app_test.caption]
    trend = chart_titles(app_test)[-1]
    assert trend.startswith(t("metric.nps", "en") + " "), trend
    assert "(2024-02-01)" in trend and "(2024-02-29)" in trend, trend
    assert not any(t("trend.needs_timestamp", "en") == info.value for info in app_test.info)


def test_long_survey_questions_are_charted_by_their_whole_matrix_rows(app_test, shared_data):
    """A SurveyMonkey matrix: each touchpoint is its whole row, never cut ("I find it difficult to find…" three
    times), and the chart draws every label whole, broken onto lines (rendered here by Vega itself)."""
    import html
    import re

    import vl_convert
    path = shared_data / "survey_exports" / "surveymonkey_vimff_cohort1_post_redacted.xlsx"
    app_test.run()
    app_test.file_uploader(key="upload_survey_0").upload(path.name, path.read_bytes(), "application/octet-stream").run()
    go(app_test, "journey")
    assert not app_test.exception
    rows = chart_data(app_test, "touchpoints").to_dict("records")
    assert len(rows) == 20 and len({row["label"] for row in rows}) == 20  # unique
    assert not any(re.search(r"\(\d+\)$", row["label"]) for row in rows)  # told apart by their words, not numbers
    assert "I find it difficult to find the time to go outdoor climbing" in {row["label"] for row in rows}
    assert all(len(row["question"]) > len(row["label"]) for row in rows)  # the full text is kept for the tooltip
    assert "I love to climb" in {row["label"] for row in rows}
    spec = json.loads(next(chart.proto.spec for chart in app_test.get("vega_lite_chart")
                           if '"name": "touchpoints"' in chart.proto.spec))
    spec["datasets"] = {"touchpoints": rows}
    svg = vl_convert.vegalite_to_svg(json.dumps(spec))
    drawn = " ".join(html.unescape(part) for part in re.findall(r">([^<>]+)<", svg))
    for row in rows:
        assert all(word in drawn for word in row["label"].split()), row["label"]
    assert drawn.count("…") == sum(row["label"].count("…") for row in rows)  # the chart cuts no label itself


def survey_dated(year: int) -> bytes:
    """The bundled survey with submission dates in ``year`` (day i of the year for row i, mod 300)."""
    lines = sample_paths()["survey"].read_text(encoding="utf-8").splitlines()
    days = [(date(year, 1, 1) + timedelta(days=i % 300)).isoformat() for i in range(len(lines) - 1)]
    return ("\n".join([f"{lines[0]},Submitted at"] + [f"{line},{day}" for line, day in zip(lines[1:], days)])
            + "\n").encode("utf-8")


def filtered_note(app_test) -> list[str]:
    return [caption.value for caption in app_test.caption if caption.value.startswith("Filtered")]


def test_a_new_survey_starts_with_no_filter_and_every_response_counted(app_test):
    """A date filter set on one export never narrows the next one: the new file's responses are all counted, on
    every run, and no date parameter is left in the link (it once jumped to a single day of the new file)."""
    upload(app_test, Path("first.csv"), data=survey_dated(2024))
    filter_widget(app_test.date_input, "dates").set_value((date(2024, 2, 1), date(2024, 2, 29))).run()
    assert t("filter.note", "en", n="493", total="5,000") in filtered_note(app_test)
    app_test.file_uploader(key="upload_survey_0").upload("second.csv", survey_dated(2023), "text/csv").run()
    go(app_test, "journey")
    for _ in range(2):
        assert not filtered_note(app_test)
        assert filter_widget(app_test.date_input, "dates").value == (date(2023, 1, 1), date(2023, 10, 27))
        assert satisfied(app_test).value == "43.2%" and "5,000" in satisfied(app_test).proto.delta_description
        assert not {"from", "to"} & set(app_test.query_params)
        app_test.run()


def test_clear_filters_clears_what_is_kept_as_well_as_what_is_shown(app_test):
    open_page(app_test, "journey", seg="Class", **{"sv.Class": "Business"})
    assert satisfied(app_test).value == "69.4%"
    widget(app_test.button, "filter_clear__").click().run()
    for _ in range(2):  # and on the next run
        assert satisfied(app_test).value == "43.2%" and not filtered_note(app_test)
        assert filter_widget(app_test.multiselect, "seg").value == []
        assert not {"seg", "sv.Class"} & set(app_test.query_params)
        app_test.run()


def test_a_conversion_column_gets_its_tile(app_test, shared_data):
    """A survey with a yes/no behaviour column (purchased, Revenue TRUE/FALSE) shows conversion with its Wilson
    interval, on the Data and the Journey page."""
    from statsmodels.stats.proportion import proportion_confint

    path = shared_data / "online_shoppers_intention_sample.csv"
    revenue = pd.read_csv(path)["Revenue"].astype(str).str.upper().eq("TRUE")
    low, high = proportion_confint(revenue.sum(), len(revenue), method="wilson")
    upload(app_test, path)
    for name in ("data", "journey"):
        go(app_test, name)
        tile = next(metric for metric in app_test.metric if metric.label == t("metric.conversion", "en"))
        assert tile.value == f"{100 * revenue.mean():.1f}%"
        assert tile.proto.delta == f"± {50 * (high - low):.1f}"


def test_touchpoints_mapped_on_unreadable_columns_leave_every_page_working(app_test, tmp_path):
    """Two text columns switched to touchpoints with the bulk picker (which starts on no role, its button off):
    no page fails, and the Journey says no touchpoint has a valid rating."""
    path = tmp_path / "unreadable.csv"
    pd.DataFrame({"Respondent": range(1, 41), "Rating of check-in": ["n/a"] * 40,
                  "Rating of boarding": ["unknown"] * 20 + ["-"] * 20, "NPS": [10, 9, 3, 7] * 10,
                  "Comment": ["slow check in at the airport", "great crew on board today"] * 20}).to_csv(path, index=False)
    upload(app_test, path)
    app_test.run()
    next(box for box in app_test.text_input if box.key.endswith("_find") and "survey" in box.key).input("Rating").run()
    bulk = next(box for box in app_test.selectbox if box.key.endswith("_bulk_role") and "survey" in box.key)
    apply = next(button for button in app_test.button if button.key.endswith("_bulk_apply") and "survey" in button.key)
    assert bulk.value is None and apply.disabled
    bulk.select("touchpoint").run()
    next(button for button in app_test.button if button.key.endswith("_bulk_apply") and "survey" in button.key).click().run()
    assert not app_test.exception
    for name in ("journey", "sentiment", "compare", "personas", "report", "data"):
        go(app_test, name)
        assert not app_test.exception and not app_test.error, name
    go(app_test, "journey")
    assert t("journey.no_ratings", "en") in [box.value for box in app_test.info]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_survey_with_nps_and_channels_but_no_touchpoints_gets_a_journey(app_test, tmp_path, lang):
    """The commonest survey there is (NPS, a channel, comments): the journey is drawn by channel, its weakest
    stage named as the library finds it, a card per stage; nothing fails in either language."""
    from analysis.channels import channel_touchpoints
    from analysis.journey import journey_map, touchpoint_summary
    from tests.tables import prepared_path

    rng = np.random.default_rng(0)
    n = 300
    channel = rng.choice(["微信", "官网", "门店", "客服热线"], n)
    path = tmp_path / "nps_by_channel.csv"
    pd.DataFrame({"编号": range(n), "推荐意愿(0-10)": np.clip(rng.integers(0, 11, n) - 3 * (channel == "客服热线"), 0, 10),
                  "渠道": channel, "意见": rng.choice(["客服态度很差，等了很久", "门店环境不错，下次还来"], n)}
                 ).to_csv(path, index=False)
    app_test.query_params["lang"] = lang
    upload(app_test, path)
    go(app_test, "journey")
    assert not app_test.exception and not app_test.error
    assert not any(box.value == t("journey.no_touchpoints", lang) for box in app_test.warning)
    assert t("journey.by_channel", lang, metric=t("metric.nps", lang), channel=plain("渠道")) in [
        box.value for box in app_test.info]
    scores, mapping, _, _ = channel_touchpoints(prepared_path(path))
    jmap = journey_map(touchpoint_summary(scores, mapping), scores)
    weakest = jmap.dropna(subset=["score"]).sort_values("score").iloc[0]
    assert weakest["stage"] == "service"
    assert chart_titles(app_test)[0] == t("journey.map_title", lang, stage=t("stage.service", lang),
                                          score=f"{100 * weakest['score']:.0f}")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_a_channel_journey_shows_what_each_channels_respondents_say(app_test, tmp_path, lang):
    """NPS + CSAT + a channel + comments: beside the journey by channel, the survey's own comments channel by
    channel (the channel's stage, the share negative), equal to the library's figures for the same comments."""
    rng = np.random.default_rng(1)
    n = 240
    channel = rng.choice(["WeChat", "Website", "Store"], n)
    comments = np.where(channel == "Store", "Friendly staff and a lovely shop, thank you",
                        rng.choice(["The refund took weeks and nobody answered", "Great prices, easy to order"], n))
    path = tmp_path / "nps_csat_channel.csv"
    pd.DataFrame({"id": range(n), "How likely are you to recommend us? (0-10)": rng.integers(0, 11, n),
                  "Overall satisfaction (1-5)": rng.integers(1, 6, n), "Channel": channel,
                  "Any comments?": comments}).to_csv(path, index=False)
    app_test.query_params["lang"] = lang
    upload(app_test, path)
    go(app_test, "journey")
    assert not app_test.exception and not app_test.error
    heading = f"**{t('journey.channel_feedback', lang, channel='Channel')}**"
    assert heading in [m.value for m in app_test.markdown]
    table = next(frame.value for frame in app_test.dataframe
                 if t("journey.channel", lang) in frame.value.columns)
    shown = table.set_index(t("journey.channel", lang))
    assert set(shown.index) == {"WeChat", "Website", "Store"}
    assert shown.loc["Store", t("journey.feedback_negative", lang)] == 0
    assert shown.loc["Store", t("journey.feedback_n", lang)] == (channel == "Store").sum()
    online = (channel == "WeChat") & (comments == "The refund took weeks and nobody answered")
    assert shown.loc["WeChat", t("journey.feedback_negative", lang)] == pytest.approx(
        100 * online.sum() / (channel == "WeChat").sum())
    assert shown.loc["WeChat", t("journey.stage", lang)] == t("stage.awareness", lang)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_a_survey_with_only_nps_and_comments_gets_a_journey_from_the_comments(app_test, tmp_path, lang):
    """No touchpoint, no channel: the journey is drawn from the comments, each at the stage of the topic it mentions
    most; the chart's title names the stage whose comments are most negative, as counted here by hand."""
    texts = (["The refund never arrived, awful customer service"] * 30 + ["Customer service sorted it quickly"] * 10
             + ["Booking on the website was easy"] * 25 + ["Payment failed twice at checkout"] * 5
             + ["Saw your advert and loved it"] * 8 + ["退款一直没到账，太差了"] * 12 + ["Thanks"] * 10)
    path = tmp_path / "nps_and_comments.csv"
    pd.DataFrame({"Respondent": range(len(texts)),
                  "How likely are you to recommend us? (0-10)": np.resize(np.arange(11), len(texts)),
                  "Why did you give that score?": texts}).to_csv(path, index=False)
    app_test.query_params["lang"] = lang
    upload(app_test, path)
    go(app_test, "journey")
    assert not app_test.exception and not app_test.error
    assert not any(box.value == t("journey.no_touchpoints", lang) for box in app_test.warning)
    assert t("journey.from_comments", lang) in [box.value for box in app_test.info]
    service = 30 + 10 + 12
    shares = chart_data(app_test, "comments")
    negative = shares[shares["kind"] == t("journey.feedback_negative", lang)].set_index("stage")
    assert negative.loc[t("stage.service", lang), "n"] == service
    assert negative.loc[t("stage.service", lang), "share"] == pytest.approx(100 * 42 / service)
    assert negative.loc[t("stage.purchase", lang), "n"] == 30
    assert t("stage.loyalty", lang) not in negative.index  # no comment is about loyalty
    assert chart_titles(app_test)[0] == t("journey.comments_title", lang, stage=t("stage.service", lang),
                                          share=f"{100 * 42 / service:.0f}", n=str(service))
    cards = [m.value for m in app_test.markdown if m.value.startswith(f"**{t('stage.awareness', lang)}**")]
    assert cards and t("journey.card_comments", lang, face="") .strip() in cards[0]


def test_a_file_of_test_responses_only_says_why_nothing_is_left(app_test, shared_data):
    """A Qualtrics export whose every response is a test response: the Journey says all rows were set aside and
    why (counted), not that the sidebar filters match nothing (no filter is set)."""
    from tests.tables import prepared_path
    path = shared_data / "survey_exports" / "qualtrics_2016_insights_better_sample_survey.csv"
    upload(app_test, path)
    go(app_test, "journey")
    assert not app_test.exception
    whole = prepared_path(path)
    count = whole.excluded.drop_duplicates("row")["reason"].value_counts()
    assert list(count.index) == ["test_response"]
    warnings = [box.value for box in app_test.warning]
    assert t("filter.nothing_left", "en") not in warnings
    assert t("data.all_set_aside", "en", name=plain(path.name), rows=f"{whole.rows:,}",
             reasons=f"{count['test_response']:,} × {t('problem.test_response', 'en')}") in warnings


def planted_frustration() -> bytes:
    """The sample web log (which has no frustration signal) with four planted sessions: three loop on the payment
    page (three views within a minute), one goes back and forth between two help pages."""
    rows = [f"f{visitor},/checkout/payment,,2015-03-02T10:0{view}:00Z,page_view,Mozilla/5.0"
            for visitor in range(3) for view in range(3)]
    rows += [f"f3,/help/faq,,2015-03-02T11:00:{second}Z,page_view,Mozilla/5.0"
             if page == "faq" else f"f3,/help/contact,,2015-03-02T11:00:{second}Z,page_view,Mozilla/5.0"
             for page, second in (("faq", "00"), ("contact", "10"), ("faq", "20"))]
    return sample_paths()["events"].read_bytes() + ("\n".join(rows) + "\n").encode()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_each_stage_shows_its_frustration_signals_beside_the_survey(app_test, lang):
    """The sample log alone has no signal (every reached stage says so); with planted loops and a back and forth,
    each stage card and the scores-and-words table show the library's share with its Wilson interval and the most
    frequent signal."""
    from analysis.behaviour.report import analyse

    calm = analyse(sample_paths()["events"]).frustration()[1]
    assert not calm["frustrated"].any()
    open_page(app_test, "journey", lang=lang)
    captions = [caption.value for caption in app_test.caption]
    assert captions.count(t("behaviour.journey.card_calm", lang)) == int((calm["sessions"] > 0).sum())

    data = planted_frustration()
    stages = analyse(("airline_web_events.csv", data)).frustration()[1].set_index("stage")
    assert stages.loc["purchase", "top_signal"] == "loop" and stages.loc["service", "top_signal"] == "back_forth"
    planted = keep(new_app(), "files", "events", (files.from_bytes("airline_web_events.csv", data),))
    open_page(planted, "journey", lang=lang)
    captions = [caption.value for caption in planted.caption]
    for stage, hits in (("purchase", 3), ("service", 1)):
        row = stages.loc[stage]
        assert row["frustrated"] == hits
        low, high = proportion_confint(hits, row["sessions"], method="wilson")
        assert (row["frustrated_low"], row["frustrated_high"]) == pytest.approx((100 * low, 100 * high))
        share = f"{row['frustrated_share']:.0f}% ({100 * low:.0f}–{100 * high:.0f}%)"
        signal = t(f"behaviour.frustration.{row['top_signal']}", lang)
        assert t("behaviour.journey.card_frustrated", lang, share=share, signal=signal) in captions
    table = next(frame.value for frame in planted.dataframe
                 if t("behaviour.journey.frustrated", lang) in frame.value.columns).set_index(t("journey.stage", lang))
    purchase = table.loc[t("stage.purchase", lang)]
    assert purchase[t("behaviour.journey.frustrated", lang)] == pytest.approx(stages.loc["purchase", "frustrated_share"])
    assert purchase[t("behaviour.journey.top_signal", lang)] == t("behaviour.frustration.loop", lang)
    awareness = table.loc[t("stage.awareness", lang)]
    assert (awareness[t("behaviour.journey.frustrated", lang)], awareness[t("behaviour.journey.top_signal", lang)]) \
        == (0, "—")
