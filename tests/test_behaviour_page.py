"""The Behaviour page run headless (Streamlit AppTest) on the real clickstream logs and the Online Shoppers
session table: tiles equal to the library's figures (and to pandas by hand), funnel steps and the stage map that
change what is shown, the sessions per stage on the Journey page, Chinese, and files it cannot read."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.behaviour.report import analyse
from analysis.behaviour.session_table import session_table_summary
from analysis.errors import InputError
from analysis.io import load_export
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import chart_data, chart_titles, go, new_app, use_file

ESHOP = "clickstream/eshop_clickstream_sample.csv"
WEB = "clickstream/web_events_sample.csv"
SHOPPERS = "online_shoppers_intention_sample.csv"
NO_VISITOR = b"timestamp,page_url\n2025-03-01 10:00:00,/\n2025-03-01 10:01:00,/cart\n"


def upload(app_test, shared_data, *names: str, lang: str = "en"):
    """Open the Behaviour page in ``lang`` and upload ``names`` (files under shared/data) together."""
    app_test.query_params["lang"] = lang
    app_test.run()
    go(app_test, "behaviour")
    uploader = app_test.file_uploader(key="upload_events_0")
    for name in names:
        uploader.upload(name.rpartition("/")[2], (shared_data / name).read_bytes(), "text/csv")
    app_test.run()
    assert not app_test.exception, app_test.exception[0].message
    return app_test


def tiles(app_test) -> dict[str, str]:
    return {metric.label: metric.value for metric in app_test.metric}


def test_without_a_log_beside_the_analysts_survey_the_page_says_what_it_reads(app_test):
    use_file(app_test, "survey", "own.csv", b"id,Seat comfort\n1,4\n2,5\n3,3\n")
    app_test.run()
    go(app_test, "behaviour")
    assert not app_test.exception
    assert app_test.title[0].value == "Behaviour"
    assert [info.value for info in app_test.info] == [t("behaviour.empty", "en")]


def test_tiles_are_the_library_figures_on_both_logs_read_together(app_test, shared_data):
    upload(app_test, shared_data, ESHOP, WEB)
    found = analyse([shared_data / ESHOP, shared_data / WEB])
    summary = found.summary()
    shown = tiles(app_test)
    assert shown["Visitors"] == f"{summary['visitors']:,}"
    assert shown["Sessions"] == f"{summary['sessions']:,}"
    assert shown["Bounce rate"] == f"{summary['bounce_rate'].value:.1f}%"
    assert shown["Pages / session"] == f"{summary['pages_per_session'].value:.2f}"
    assert shown["Conversion"] == f"{summary['conversion'].value:.1f}%"
    bounce = next(metric for metric in app_test.metric if metric.label == "Bounce rate")
    half = (summary["bounce_rate"].high - summary["bounce_rate"].low) / 2
    assert bounce.proto.delta == f"± {half:.1f}"
    excluded = found.events.excluded_counts()
    assert any(f"{t('reason.bot', 'en')} {excluded['bot']:,}" in caption.value for caption in app_test.caption)


def captions(app_test) -> list[str]:
    return [caption.value for caption in app_test.caption]


def test_visitors_and_pages_per_session_match_pandas_by_hand(app_test, shared_data):
    upload(app_test, shared_data, ESHOP)
    raw = pd.read_csv(shared_data / ESHOP, sep=";")
    pages = raw[~raw["Webpage"].isin(["start_session", "end_session"])]
    assert tiles(app_test)["Visitors"] == f"{raw['COOKIE'].nunique():,}"
    # Sessions by hand: the log marks its own visits, a start_session row opening each (every page lies inside its
    # cookie's visit: tests/test_behaviour_sessions.py checks that).
    sessions = int((raw["Webpage"] == "start_session").sum())
    assert tiles(app_test)["Sessions"] == f"{sessions:,}"
    assert tiles(app_test)["Pages / session"] == f"{len(pages) / sessions:.2f}"
    said = f"{sessions:,} sessions follow the log's own start and end markers ('start_session', 'end_session')."
    assert plain(said) in captions(app_test)


def test_the_session_id_column_is_guessed_and_can_be_turned_off(app_test):
    log = pd.DataFrame({"client_id": ["a", "a", "a", "b"], "visit_id": ["s1", "s1", "s2", "s1"],
                        "timestamp": ["2025-01-01 09:00", "2025-01-01 09:10", "2025-01-01 09:15", "2025-01-01 09:00"],
                        "page": ["/", "/cart", "/", "/"]})
    app_test.run()
    go(app_test, "behaviour")
    app_test.file_uploader(key="upload_events_0").upload("visits.csv", log.to_csv(index=False).encode(), "text/csv")
    app_test.run()
    assert not app_test.exception
    by_id = log.groupby(["client_id", "visit_id"]).ngroups  # one session per visitor and visit id
    times = pd.to_datetime(log["timestamp"])
    by_gap = log["client_id"].nunique() + int((times.groupby(log["client_id"]).diff() > pd.Timedelta(minutes=30)).sum())
    assert by_id != by_gap
    column = next(widget for widget in app_test.selectbox if widget.key.startswith("behaviour_session_"))
    assert column.value == "visit_id"
    assert tiles(app_test)["Sessions"] == f"{by_id:,}"
    assert plain(f"{by_id} sessions follow the log's session id column 'visit_id'.") in captions(app_test)
    column.set_value("").run()
    assert not app_test.exception
    assert tiles(app_test)["Sessions"] == f"{by_gap:,}"
    assert any(line.startswith(plain(f"{by_gap} sessions are made by a 30-minute inactivity gap"))
               for line in captions(app_test))


def test_other_funnel_steps_change_the_funnel(app_test, shared_data):
    upload(app_test, shared_data, ESHOP)
    guessed = analyse(shared_data / ESHOP).funnel()
    funnel = chart_data(app_test, "funnel")
    assert funnel["sessions"].tolist() == guessed["sessions"].tolist()
    steps = next(widget for widget in app_test.multiselect if widget.key.startswith("behaviour_steps_"))
    steps.set_value(["program", "product", "addcart"]).run()
    assert not app_test.exception
    expected = analyse(shared_data / ESHOP, steps=["program", "product", "addcart"]).funnel()
    funnel = chart_data(app_test, "funnel")
    assert funnel["name"].tolist() == ["1. program", "2. product", "3. addcart"]
    assert funnel["sessions"].tolist() == expected["sessions"].tolist()
    worst = expected.loc[expected["drop_off"].idxmax()]
    assert f"{worst['drop_off']:.0f}% of sessions leave" in chart_titles(app_test)[0]


def test_drop_off_by_device_states_the_holm_verdict(app_test, shared_data):
    upload(app_test, shared_data, WEB)
    tests = analyse(shared_data / WEB).funnel_by("device").attrs["tests"]
    tested = [entry for entry in tests if entry["test"] is not None]
    verdict = next(m.value for m in app_test.markdown if m.value.startswith(f"{len(tested)} step(s) tested by Device"))
    assert "Holm-adjusted" in verdict and "**/products/\\*** differs" in verdict


def test_a_stage_map_edit_changes_the_stage_table(app_test, shared_data):
    upload(app_test, shared_data, ESHOP)
    before = chart_data(app_test, "stages")
    assert set(before["stage_word"]) > {"Loyalty"}
    editor = next(widget for widget in app_test.data_editor if widget.key.startswith("behaviour_stage_map_"))
    rows = len(editor.value)
    app_test.session_state[editor.key] = {"edited_rows": {}, "deleted_rows": list(range(rows)),
                                     "added_rows": [{"pattern": "*", "stage": "Loyalty"}]}
    app_test.run()
    assert not app_test.exception
    after = chart_data(app_test, "stages")
    sessions = analyse(shared_data / ESHOP).summary()["sessions"]
    assert set(after["stage_word"]) == {"Loyalty"}
    assert after["sessions"].tolist() == [sessions, sessions]  # reach and leaving, both over every session


def test_the_journey_page_shows_sessions_per_stage(app_test, shared_data):
    upload(app_test, shared_data, ESHOP)
    go(app_test, "journey")
    assert not app_test.exception
    stages = analyse(shared_data / ESHOP).stages().set_index("stage")
    purchase = stages.loc["purchase"]
    line = t("behaviour.journey.card", "en", n=f"{purchase['sessions']:,}", reach=f"{purchase['reach']:.0f}",
             leave=f"{purchase['drop_off']:.0f}% ({purchase['drop_low']:.0f}–{purchase['drop_high']:.0f}%)")
    assert line in [caption.value for caption in app_test.caption]
    table = next(frame.value for frame in app_test.dataframe if "Sessions reaching" in frame.value.columns)
    assert {"Reach", "Leaving here", "Leaving 95% interval"} <= set(table.columns)
    assert any(m.value.startswith("The survey scores ") or m.value.startswith("The survey's weakest stage")
               for m in app_test.markdown)


def test_the_online_shoppers_session_table_gets_its_own_view(app_test, shared_data):
    upload(app_test, shared_data, SHOPPERS)
    summary = session_table_summary(load_export(shared_data / SHOPPERS).frame)
    shown = tiles(app_test)
    assert shown["Sessions"] == "1,000"
    assert shown["Mean bounce rate"] == f"{summary['bounce_rate'].value:.1f}%"
    assert shown["Mean exit rate"] == f"{summary['exit_rate'].value:.1f}%"
    assert shown["Conversion"] == f"{summary['conversion'].value:.1f}%"
    raw = pd.read_csv(shared_data / SHOPPERS)
    assert shown["Conversion"] == f"{100 * raw['Revenue'].astype(str).str.lower().eq('true').mean():.1f}%"
    assert [header.value for header in app_test.main.subheader] == ["By VisitorType", "By Month"]
    assert not any(widget.key and widget.key.startswith("behaviour_steps_") for widget in app_test.multiselect)


def test_chinese_mode_has_every_word(app_test, shared_data):
    upload(app_test, shared_data, WEB, lang="zh")
    assert app_test.title[0].value == "行为"
    assert tiles(app_test)  # the tiles are drawn, under Chinese labels
    assert "访客数" in tiles(app_test)
    words = [*(m.value for m in app_test.markdown), *(c.value for c in app_test.caption), *(s.value for s in app_test.subheader),
             *chart_titles(app_test)]
    assert not [line for line in words if "behaviour." in line]
    assert any("Holm 校正" in line for line in words)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_without_a_visitor_id_gets_one_sentence(app_test, lang):
    app_test.query_params["lang"] = lang
    app_test.run()
    go(app_test, "behaviour")
    app_test.file_uploader(key="upload_events_0").upload("no_visitor.csv", NO_VISITOR, "text/csv").run()
    assert not app_test.exception
    with pytest.raises(InputError) as err:
        analyse(("no_visitor.csv", NO_VISITOR))
    assert [error.value for error in app_test.error] == [plain(err.value.text(lang))]


def test_the_analyst_reports_show_the_library_figures(app_test, shared_data):
    upload(app_test, shared_data, WEB)
    found = analyse(shared_data / WEB)
    headers = [header.value for header in app_test.main.subheader]
    assert {"Retention", "Frustration signals"} <= set(headers)
    titles = chart_titles(app_test)
    weekly = found.retention("week")
    later = weekly[weekly["period"] == 1]
    share = 100 * later["visitors"].sum() / later["cohort_size"].sum()
    assert any(title.startswith(f"{share:.0f}% of visitors came back the week after") for title in titles)
    cells = chart_data(app_test, "retention")
    assert cells["share"].tolist() == pytest.approx(weekly["share"].tolist())
    assert cells["low"].tolist() == pytest.approx(weekly["low"].tolist())  # the interval on hover
    within = found.window_funnel(30 * 60)
    assert any(title.startswith(f"Finishing within 30 min of the first step: {within['share'].iloc[-1]:.0f}%")
               for title in titles)
    trend = found.trended_funnel()
    assert any(title.startswith(f"Finishing the funnel over {len(trend)} weeks") for title in titles)
    before = found.paths_before(found.steps[-1].label)
    table = next(frame.value for frame in app_test.dataframe if "Path" in frame.value.columns
                 and frame.value["Path"].tolist() == before["path"].replace("(entry)", "(the goal came first)").tolist())
    assert table["Sessions"].tolist() == before["sessions"].tolist()
    stages = found.frustration()[1]
    shown = chart_data(app_test, "frustration")
    assert shown.loc[shown["signal"] == "Page loop", "share"].tolist() == pytest.approx(
        stages.loc[stages["sessions"] > 0, "loop_share"].tolist())
    app_test.number_input(key="behaviour_window_amount").set_value(5).run()
    assert not app_test.exception
    within = found.window_funnel(5 * 60)
    assert any(title.startswith(f"Finishing within 5 min of the first step: {within['share'].iloc[-1]:.0f}%")
               for title in chart_titles(app_test))


def test_a_ga4_export_uploaded_as_json_lines_is_read(app_test):
    """The hand-made GA4 export (tests/fixtures/ga4): 3 visitors, 4 sessions, one bounce in four."""
    fixture = Path(__file__).parent / "fixtures" / "ga4" / "events.jsonl"
    app_test.run()
    go(app_test, "behaviour")
    app_test.file_uploader(key="upload_events_0").upload("events.jsonl", fixture.read_bytes(), "application/json")
    app_test.run()
    assert not app_test.exception
    shown = tiles(app_test)
    assert (shown["Visitors"], shown["Sessions"], shown["Bounce rate"]) == ("3", "4", "25.0%")


def test_a_log_of_years_draws_the_latest_cohorts_and_keeps_them_all_in_the_download(app_test, shared_data):
    """The e-shop log spans more than a year of weeks: the heatmap draws the latest cohorts and their first periods
    (a chart of hundreds of rows would not draw), and says the download has them all."""
    from pages.ui.behaviour_reports import MAX_COHORTS, MAX_PERIODS

    upload(app_test, shared_data, ESHOP)
    weekly = analyse(shared_data / ESHOP).retention("week")
    latest = sorted(weekly["cohort"].dt.strftime("%Y-%m-%d").unique())[-MAX_COHORTS:]
    drawn = chart_data(app_test, "retention")
    assert weekly["cohort"].nunique() > MAX_COHORTS and weekly["period"].max() > MAX_PERIODS
    assert sorted(drawn["cohort_word"].unique()) == latest and drawn["period"].max() == MAX_PERIODS
    cut = [caption.value for caption in app_test.caption if caption.value.startswith("The heatmap shows the latest")]
    assert len(cut) == 1 and f"latest {MAX_COHORTS} of " in cut[0]


def test_a_header_only_log_among_several_holds_nothing_and_alone_is_told(app_test, shared_data):
    log = shared_data / ESHOP
    header = log.read_text(encoding="utf-8").splitlines()[0] + "\n"
    app_test.run()
    go(app_test, "behaviour")
    uploader = app_test.file_uploader(key="upload_events_0")
    uploader.upload(log.name, log.read_bytes(), "text/csv")
    uploader.upload("2025-03-02.csv", header.encode(), "text/csv")
    app_test.run()
    assert not app_test.exception and not app_test.error
    summary = analyse(log).summary()
    shown = {metric.label: metric.value for metric in app_test.metric}
    assert shown["Sessions"] == f"{summary['sessions']:,}" and shown["Visitors"] == f"{summary['visitors']:,}"
    alone = new_app()
    alone.run()
    go(alone, "behaviour")
    alone.file_uploader(key="upload_events_0").upload("2025-03-02.csv", header.encode(), "text/csv")
    alone.run()
    assert not alone.exception
    told = plain(InputError("error.behaviour.header_only", files="'2025-03-02.csv'").text("en"))
    assert [error.value for error in alone.error] == [told]
