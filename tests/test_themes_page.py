"""The Themes section of the Sentiment page, run headless (Streamlit AppTest) on the bundled sample's tweets, in
English and Chinese: the themes found are the library's, the figures its, renaming is kept in the project and a
view link shows the themes without controls."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.io import load_export
from analysis.personas.linked import id_column, id_key, survey_ids
from analysis.sample import sample_paths
from analysis.journey import stage_map
from analysis.sentiment.base import labels_for
from analysis.sentiment.model import SentimentModel, score_texts
from analysis.sentiment.tagging import seed_keywords
from analysis.themes import add_keyword_code, code_texts, delete, discover, merge, split, to_json
from analysis.themes.codeframe import add_touchpoint_codes, touchpoint_codes
from analysis.themes.discover import stability_counts, stability_figure, stability_level
from analysis.themes.stages import themes_by_stage, top_negative
from analysis.themes.touchpoints import tag_comments
from analysis.themes.outcomes import outcome_flags
from analysis.themes.summary import linked_outcome, theme_drivers
from pages.ui import themes
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import chart_data, chart_titles, go, kept_value, new_app, open_page, upload, widget
from tests.tables import prepared_path

K = 6
NPS, CSAT = "Likelihood to recommend (0-10)", "Overall satisfaction (1-5)"


@pytest.fixture(scope="module")
def tweets() -> pd.Series:
    """The sample tweets as the page reads them (every row, missing text as '')."""
    responses = prepared_path(sample_paths()["feedback"]).responses
    return responses["text"].astype("string").fillna("")


@pytest.fixture(scope="module")
def expected(tweets):
    frame = discover(tweets, K, "auto")
    return frame, code_texts(tweets, frame)


def discover_on_page(app, k=K):
    widget(app.selectbox, "themes_k__").set_value(k)
    widget(app.button, "themes_discover__").click().run()
    assert not app.exception, app.exception[0].message


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_themes_are_the_librarys_in_both_languages(app_test, expected, lang):
    frame, coded = expected
    open_page(app_test, "sentiment", lang=lang)
    assert t("themes.title", lang) in [header.value for header in app_test.subheader]
    assert t("themes.none", lang) in [box.value for box in app_test.info]
    discover_on_page(app_test)
    (kept,) = kept_value(app_test, "codeframe").values()
    assert to_json(kept) == to_json(frame)
    assert themes.FRAMES.load(themes.FRAMES.dump(kept)) == kept  # as the project keeps it
    sizes = chart_data(app_test, "themes").set_index("name")["n"]
    assert sizes.to_dict() == {code.name: int((coded["topic"] == code.id).sum()) for code in frame.codes}
    table = chart_data(app_test, "themes")
    worst = table.loc[table["negative"].idxmax()]
    assert t("themes.chart", lang, theme=worst["name"], share=f"{worst['negative']:.0f}") in chart_titles(app_test)
    shown = next(d.value for d in app_test.dataframe if t("themes.col.examples", lang) in d.value.columns)
    assert shown[t("themes.col.theme", lang)].tolist() == [code.name for code in frame.codes]
    assert t("themes.by_sentiment", lang) in [m.value.strip("*") for m in app_test.markdown]
    chosen = t("themes.auto_chosen", lang, k=K, highest=12)  # a number chosen by the analyst: nothing to explain
    assert not any(caption.value.startswith(chosen[:8]) for caption in app_test.caption)
    counts = stability_counts(frame)
    assert counts["tested"] == K and counts["stable"] > 0
    assert t("themes.stability", lang, stable=counts["stable"], tested=K, dissolved=counts["dissolved"]) in [
        caption.value for caption in app_test.caption]
    assert shown[t("themes.col.stability", lang)].tolist() == [
        f"{t('themes.stability.' + stability_level(code.stability), lang)} ({stability_figure(code.stability)})" for code in frame.codes]
    assert not app_test.error


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_automatic_says_which_k_it_chose(app_test, tweets, lang):
    frame = discover(tweets, "auto", "auto")
    k, highest = frame.auto_k
    open_page(app_test, "sentiment", lang=lang)
    discover_on_page(app_test, "auto")
    captions = [caption.value for caption in app_test.caption]
    assert t("themes.auto_chosen", lang, k=k, highest=highest) in captions
    counts = stability_counts(frame)
    assert (t("themes.auto_ceiling", lang) in captions) == (k == highest and 2 * counts["dissolved"] <= counts["tested"])
    (kept,) = kept_value(app_test, "codeframe").values()
    assert kept.auto_k == (k, highest) and len(kept.codes) == k


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_comments_without_stable_themes_are_told_so(app_test, shared_data, lang):
    """Weibo posts share feelings more than topics: none of six themes holds on random subsets, and the page
    says there are no clear themes instead of counting how many hold."""
    app_test.query_params["lang"] = lang  # read when the session starts
    upload(app_test, shared_data / "text" / "weibo_senti_sample.csv", kind="feedback")
    open_page(app_test, "sentiment")
    discover_on_page(app_test)
    (kept,) = kept_value(app_test, "codeframe").values()
    counts = stability_counts(kept)
    assert counts["tested"] == K and counts["stable"] == 0
    assert t("themes.no_clear", lang, tested=K) in [box.value for box in app_test.warning]
    assert not any(caption.value == t("themes.stability", lang, stable=0, tested=K, dissolved=counts["dissolved"])
                   for caption in app_test.caption)


def test_automatic_says_nothing_of_finer_themes_when_most_of_its_themes_dissolve(app_test, shared_data):
    """On the Weibo posts Automatic stops at 12, the most it tries, but most of the twelve dissolve: the comments
    are not separating into finer themes, so the page does not say they are."""
    upload(app_test, shared_data / "text" / "weibo_senti_sample.csv", kind="feedback")
    open_page(app_test, "sentiment")
    discover_on_page(app_test, "auto")
    (kept,) = kept_value(app_test, "codeframe").values()
    k, highest = kept.auto_k
    counts = stability_counts(kept)
    assert k == highest == 12 and 2 * counts["dissolved"] > counts["tested"] == 12
    captions = [caption.value for caption in app_test.caption]
    assert t("themes.auto_chosen", "en", k=k, highest=highest) in captions
    assert t("themes.auto_ceiling", "en") not in captions
    assert t("themes.stability", "en", stable=counts["stable"], tested=12, dissolved=counts["dissolved"]) in captions


def linked_flags(tweets, column):
    """Each tweet's author's outcome on the survey's ``column`` (1/0), linked by respondent id as the page does."""
    survey = prepared_path(sample_paths()["survey"])
    raw = load_export(str(sample_paths()["feedback"])).frame
    id_col, _ = id_column(raw, survey_ids(survey))
    return linked_outcome(id_key(raw[id_col]).reindex(tweets.index), survey_ids(survey), outcome_flags(survey, column))


def shown_drivers(app):
    """The theme drivers table on the page (the one with odds ratios)."""
    return next(d.value for d in app.dataframe if t("themes.col.odds_ratio", "en") in d.value.columns)


def test_theme_drivers_link_the_tweets_to_the_survey_nps_and_csat(app_test, expected, tweets):
    frame, coded = expected
    open_page(app_test, "sentiment")
    discover_on_page(app_test)
    for column, role, high in [(NPS, "nps", "promoter"), (CSAT, "csat", "satisfied")]:
        widget(app_test.selectbox, "themes_outcome").set_value(column).run()
        table = theme_drivers(coded, frame, linked_flags(tweets, column))
        shown = shown_drivers(app_test)
        assert shown[t("themes.col.theme", "en")].tolist() == table["name"].tolist()
        assert shown[t("themes.col.coefficient", "en")].tolist() == pytest.approx(table["coefficient"].round(2).tolist(),
                                                                                   nan_ok=True)
        side = t(f"themes.side.{high}", "en")
        assert shown[t("themes.col.high_with", "en", high=side)].tolist() == pytest.approx(
            (100 * table["with"]).round(1).tolist(), nan_ok=True)
        low = t(f"themes.side.{themes.SIDES[role][1]}", "en")
        label = prepared_path(sample_paths()["survey"]).labels.get(column, column)
        assert t("themes.drivers_help", "en", n=f"{table.attrs['rows']:,}", outcome=plain(label), high=side, low=low) in [
            c.value for c in app_test.caption]
    assert table["significant"].any() and table["coefficient"].min() < 0 < table["coefficient"].max()


def test_a_renamed_theme_is_kept_in_the_project_and_a_view_link_shows_it_without_controls(app_test, expected):
    frame, _ = expected
    upload(app_test, sample_paths()["feedback"], kind="feedback")
    open_page(app_test, "sentiment")
    discover_on_page(app_test)
    widget(app_test.text_input, "themes_name__").set_value("Cancelled flights").run()
    (item, kept), = kept_value(app_test, "codeframe").items()
    assert kept.codes[0].name == "Cancelled flights" and kept.codes[1:] == frame.codes[1:]
    token = app_test.query_params["project"]
    app_test.button(key="project_new_view").click().run()
    view_token = app_test.session_state["_project"]["view_token"]

    again = new_app()
    open_page(again, "sentiment", project=token)
    assert kept_value(again, "codeframe", item).codes[0].name == "Cancelled flights"

    viewer = new_app()
    open_page(viewer, "sentiment", project=view_token)
    assert "Cancelled flights" in chart_data(viewer, "themes")["name"].tolist()
    keys = [str(element.key or "") for element in [*viewer.button, *viewer.selectbox, *viewer.text_input]]
    assert "themes_group_by" in keys  # reading controls stay; none that changes the codeframe
    assert not [key for key in keys if key.startswith(("themes_k__", "themes_discover__", "themes_name__", "themes_upload"))]
    assert not viewer.exception



def test_an_uploaded_codeframe_codes_the_comments_and_a_bad_one_is_refused(app_test, expected):
    frame, _ = expected
    wifi = add_keyword_code(frame, "Wifi", ["wifi", "internet"])
    open_page(app_test, "sentiment")
    discover_on_page(app_test, k=3)
    widget(app_test.file_uploader, "themes_upload__").upload("frame.json", to_json(wifi).encode("utf-8"),
                                                             "application/json").run()
    widget(app_test.button, "themes_upload_use__").click().run()
    assert not app_test.exception
    (kept,) = kept_value(app_test, "codeframe").values()
    assert to_json(kept) == to_json(wifi)
    assert "Wifi" in chart_data(app_test, "themes")["name"].tolist()
    widget(app_test.file_uploader, "themes_upload__").upload("frame.json", b"{not json", "application/json").run()
    widget(app_test.button, "themes_upload_use__").click().run()
    assert app_test.error  # said in one sentence; the codeframe in use stays
    (still,) = kept_value(app_test, "codeframe").values()
    assert to_json(still) == to_json(wifi)


def kept_frame(app):
    (frame,) = kept_value(app, "codeframe").values()
    return frame


def sizes_on_page(app) -> dict[str, int]:
    return chart_data(app, "themes").set_index("name")["n"].to_dict()


def sizes_of(tweets, frame) -> dict[str, int]:
    coded = code_texts(tweets, frame)
    return {code.name: int((coded["topic"] == code.id).sum()) for code in frame.codes}


def test_codeframe_edits_on_the_page_change_the_coding_and_survive_a_reload(app_test, expected, tweets):
    frame, _ = expected
    upload(app_test, sample_paths()["feedback"], kind="feedback")
    open_page(app_test, "sentiment")
    discover_on_page(app_test)
    steps = [("merge", lambda: widget(app_test.multiselect, "themes_edit_merge__").set_value(["T1", "T2"]),
              lambda f: merge(f, ["T1", "T2"])),
             ("split", lambda: widget(app_test.selectbox, "themes_edit_split__").set_value("T3"),
              lambda f: split(f, "T3", tweets)),
             ("delete", lambda: widget(app_test.selectbox, "themes_edit_delete__").set_value("T4"),
              lambda f: delete(f, "T4")),
             ("keyword", lambda: (widget(app_test.text_input, "themes_edit_keyword_name__").set_value("Wifi"),
                                  widget(app_test.text_input, "themes_edit_keywords__").set_value("wifi， internet")),
              lambda f: add_keyword_code(f, "Wifi", ["wifi", "internet"]))]
    for action, choose, change in steps:
        before = kept_frame(app_test)
        choose()
        widget(app_test.button, f"themes_edit_{action}_do__").click().run()
        assert not app_test.exception and not app_test.error, action
        assert to_json(kept_frame(app_test)) == to_json(change(before)), action
        assert sizes_on_page(app_test) == sizes_of(tweets, kept_frame(app_test)), action
    edited = kept_frame(app_test)
    assert len(edited.codes) == len(frame.codes) and "Wifi" in sizes_on_page(app_test)
    widget(app_test.multiselect, "themes_edit_merge__").set_value(["T1"])
    widget(app_test.button, "themes_edit_merge_do__").click().run()
    assert t("themes.merge_bad", "en") in [error.value for error in app_test.error]
    assert to_json(kept_frame(app_test)) == to_json(edited)  # a refused edit changes nothing

    again = new_app()
    open_page(again, "sentiment", project=app_test.query_params["project"])
    assert to_json(kept_frame(again)) == to_json(edited)
    assert sizes_on_page(again) == sizes_of(tweets, edited)


def test_the_touchpoint_codes_join_the_same_codeframe(app_test, expected):
    frame, _ = expected
    open_page(app_test, "sentiment")
    discover_on_page(app_test)
    widget(app_test.button, "themes_edit_touchpoints_do__").click().run()
    survey = prepared_path(sample_paths()["survey"])
    named = {survey.labels.get(column, column): stage for column, stage in stage_map(survey.columns("touchpoint")).items()}
    wanted = add_touchpoint_codes(frame, touchpoint_codes(seed_keywords(list(named)), named))
    assert to_json(kept_frame(app_test)) == to_json(wanted)
    added = [code for code in kept_frame(app_test).codes if code.kind == "touchpoint"]
    assert [(code.name, code.stage) for code in added] == list(named.items())


@pytest.fixture(scope="module")
def labelled(tweets):
    """The tweets' sentiment labels as the page reads them (auto engine, the English band)."""
    scored = score_texts(tweets.tolist()).set_axis(tweets.index)
    return pd.Series(labels_for(scored["sentiment_score"].to_numpy(dtype=float),
                                SentimentModel().thresholds_for("english")), index=tweets.index)


def test_journey_stages_show_their_top_negative_themes_and_themes_drive_beside_the_ratings(app_test, expected, tweets,
                                                                                         labelled):
    frame, coded = expected
    survey = prepared_path(sample_paths()["survey"])
    named = {survey.labels.get(column, column): stage for column, stage in stage_map(survey.columns("touchpoint")).items()}
    stages = tag_comments(tweets, seed_keywords(list(named)), named)["stage"]
    table = themes_by_stage(coded, frame, labelled, stages)
    open_page(app_test, "sentiment")
    discover_on_page(app_test)
    go(app_test, "journey")
    assert not app_test.exception
    shown = next(d.value for d in app_test.dataframe if t("themes.col.negative_n", "en") in d.value.columns)
    assert shown[t("themes.col.n", "en")].tolist() == table["n"].tolist()
    assert shown[t("themes.col.negative", "en")].tolist() == pytest.approx((100 * table["negative"]).round(1).tolist())
    cards = [caption.value for caption in app_test.caption]
    for stage, top in top_negative(table).items():
        line = ", ".join(f"{plain(name)} ({n:,}{'; dissolves' if stability_level(held) == 'dissolved' else ''})"
                         for name, n, held in zip(top["name"], top["negative_n"], top["stability"]))
        assert t("themes.card", "en", themes=line) in cards, stage
    assert "dissolves)" in " ".join(cards)  # the sample's largest negative theme at a stage falls apart on subsets
    nps = theme_drivers(coded, frame, linked_flags(tweets, NPS))
    beside = shown_drivers(app_test)
    assert beside[t("themes.col.theme", "en")].tolist() == nps["name"].tolist()
    assert beside[t("themes.col.p_adjusted", "en")].tolist() == nps["p_adjusted"].map(themes._p).tolist()
