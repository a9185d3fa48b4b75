"""The Behaviour page in a real browser: event logs uploaded several at a time, funnel steps picked in the
settings, reach and drop-off drawn, pages mapped to stages in the grid and the drop-off shown on the Journey page;
a session table gets its own view; a log swapped for another is the one measured, here and on the Journey page."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from analysis.behaviour.report import analyse, session_rule_messages
from analysis.behaviour.stages import DEFAULT_RULES
from analysis.metrics import wilson
from pages.ui.words import t
from test_browser import choose_in_cell, grid_row

pytestmark = pytest.mark.e2e

ESHOP = "clickstream/eshop_clickstream_sample.csv"
WEB = "clickstream/web_events_sample.csv"
SHOPPERS = "online_shoppers_intention_sample.csv"
SAMPLE = "data/sample/airline_web_events.csv"
PATTERN, STAGE = 1, 2  # the stage map's grid columns (0 is the row marker of an editor that adds rows)


def upload(app, *paths) -> None:
    """Open the Behaviour page (on the bundled sample's log) and upload ``paths`` together in its uploader."""
    app.open("behaviour")
    sample = app.page.get_by_text("In use: airline_web_events.csv (bundled sample)")
    sample.wait_for()
    app.page.locator('.st-key-upload_events_0 input[type="file"]').set_input_files([str(path) for path in paths])
    expect(sample).to_have_count(0)
    app.page.locator('[data-testid="stMetric"]').first.wait_for()
    app.wait()


def chart(app, title: str | re.Pattern):
    """The chart whose title reads ``title``."""
    return app.page.locator('[data-testid="stVegaLiteChart"]').filter(has_text=title)


def biggest_drop(found) -> str:
    """The start of the funnel chart's title for the library's funnel: the steps between which most sessions leave."""
    table = found.funnel()
    worst = table.loc[table["drop_off"].idxmax()]
    before = table.loc[table["step"] == worst["step"] - 1, "label"].iloc[0]
    return f"The biggest drop is from {before} to {worst['label']}: {worst['drop_off']:.0f}% of sessions leave"


def test_funnel_steps_picked_in_the_settings_redraw_the_funnel(app, shared_data):
    upload(app, shared_data / ESHOP)
    page = app.page
    found = analyse(shared_data / ESHOP)
    for line in session_rule_messages(found.session_by()):  # the log's own visits, said in a line of its own
        page.get_by_text(line.text("en"), exact=True).wait_for()
    funnel = chart(app, biggest_drop(found))
    funnel.wait_for()
    expect(funnel).to_contain_text("4. pay_res")
    page.get_by_text("How the log is read").click()
    steps = page.locator('[class*="st-key-behaviour_steps_"]')
    expect(steps).to_be_visible()
    app.steady()
    steps.locator("input").click()
    expect(page.get_by_role("listbox")).to_be_visible()
    page.mouse.move(0, 0)  # no option under the pointer: the keyboard alone highlights one
    page.keyboard.type("pay_req")  # the list narrows to that one choice
    expect(page.get_by_role("option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option", name="pay_req", exact=True)).to_have_attribute("data-focused", "true")
    page.keyboard.press("Enter")
    expect(steps.locator("[data-tag]", has_text="pay_req")).to_have_count(1)
    page.keyboard.press("Escape")
    app.wait()
    steps = [step.label for step in found.steps] + ["pay_req"]
    funnel = chart(app, biggest_drop(analyse(shared_data / ESHOP, steps=steps)))
    funnel.wait_for()
    app.wait()
    expect(funnel).to_contain_text("5. pay_req")
    expect(page.locator('[data-testid="stMetric"]').first).to_contain_text(f"{found.summary()['visitors']:,}")
    app.screenshot("behaviour_eshop")
    app.assert_no_exception()


def card_line(table, stage: str) -> str:
    """The Journey card's behaviour line for ``stage`` of a stage table."""
    row = table.set_index("stage").loc[stage]
    return (f"Sessions reaching: {row['sessions']:,} ({row['reach']:.0f}%) · leaving here: "
            f"{row['drop_off']:.0f}% ({row['drop_low']:.0f}–{row['drop_high']:.0f}%)"
            + (" · small sample" if row["small_sample"] else ""))


def test_pages_mapped_to_stages_show_their_drop_off_on_the_journey(app, shared_data):
    app.page.set_viewport_size({"width": 1440, "height": 2000})  # the cell's dropdown opens on screen
    upload(app, shared_data / ESHOP)
    page = app.page
    stages = analyse(shared_data / ESHOP).stages()
    worst = stages[~stages["small_sample"]].sort_values(["drop_off", "sessions"], ascending=False).iloc[0]
    chart(app, f"Sessions leave the journey most at {t(f'stage.{worst.stage}', 'en')}").wait_for()
    page.get_by_text("Pages → stages").click()
    editor = page.locator('[class*="st-key-behaviour_stage_map_"] [data-testid="stDataFrame"]')
    editor.scroll_into_view_if_needed()
    row = grid_row(editor, PATTERN, "*login*")
    expect(editor.locator(f"#glide-cell-{STAGE}-{row}")).to_have_text("Experience")
    choose_in_cell(app, editor, STAGE, row, "Awareness")
    expect(editor.locator(f"#glide-cell-{STAGE}-{row}")).to_have_text("Awareness")
    app.wait()
    rules = [("*login*", "awareness") if pattern == "*login*" else (pattern, stage) for pattern, stage in DEFAULT_RULES]
    moved = analyse(shared_data / ESHOP).stages(rules)
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Journey").click()
    page.locator('[data-testid="stMain"] h1', has_text="Journey").wait_for()
    app.wait()
    for stage in ("awareness", "experience"):
        page.get_by_text(card_line(moved, stage), exact=True).wait_for()
    page.get_by_text(re.compile(r"^The survey scores \w+ lowest|^The survey's weakest stage")).wait_for()
    app.screenshot("behaviour_journey")
    app.assert_no_exception()


def test_a_web_log_shows_exit_pages_segments_and_flows(app, shared_data):
    upload(app, shared_data / WEB)
    chart(app, "Most sessions end on /products/*").wait_for()
    chart(app, re.compile(r"Going on differs by Device at \d of \d tested steps")).wait_for()
    app.page.get_by_text(re.compile(r"^\d step\(s\) tested by Device; p-values are Holm-adjusted")).wait_for()
    chart(app, "From page 1, the commonest move is").wait_for()
    stages = analyse(shared_data / WEB).frustration()[1]
    worst = stages.loc[stages["loop_share"].idxmax()]
    chart(app, f"Page loop is commonest at {t(f'stage.{worst.stage}', 'en')}: {worst.loop_share:.1f}% of its "
               f"sessions").wait_for()
    app.screenshot("behaviour_web")
    app.assert_no_exception()


def sessions_tile(app, count: int):
    """The Sessions tile once it reads ``count``."""
    return app.page.locator('[data-testid="stMetric"]').filter(has_text="Sessions").filter(has_text=f"{count:,}")


def test_a_log_swapped_for_another_is_the_one_measured_on_both_pages(app, shared_data):
    first, second = (analyse(shared_data / name).summary()["sessions"] for name in (ESHOP, WEB))
    upload(app, shared_data / ESHOP)
    sessions_tile(app, first).wait_for()
    page = app.page
    page.locator('.st-key-upload_events_0 [data-testid="stFileChipDeleteBtn"]').first.click()
    page.locator('.st-key-upload_events_0 input[type="file"]').set_input_files(str(shared_data / WEB))
    sessions_tile(app, second).wait_for()
    app.wait()
    page.get_by_text("Files: web_events_sample.csv", exact=True).wait_for()
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Journey").click()
    page.locator('[data-testid="stMain"] h1', has_text="Journey").wait_for()
    page.get_by_text("Sessions from the log on the Behaviour page (web_events_sample.csv)").wait_for()
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Behaviour").click()
    sessions_tile(app, second).wait_for()
    expect(sessions_tile(app, first)).to_have_count(0)
    app.assert_no_exception()


def test_a_session_table_gets_its_own_view(app, shared_data):
    upload(app, shared_data / SHOPPERS)
    app.page.get_by_text("is a session table: 1,000 sessions").wait_for()
    chart(app, re.compile(r"converts most")).first.wait_for()
    app.screenshot("behaviour_shoppers")
    app.assert_no_exception()


def return_title(found, lang: str) -> str:
    """The retention heatmap's title: the share of visitors back the week after their first, with its interval."""
    later = found.retention("week").query("period == 1")
    back, size = int(later["visitors"].sum()), int(later["cohort_size"].sum())
    low, high = wilson(back, size)
    return t("behaviour.chart.retention_week", lang, share=f"{100 * back / size:.0f}",
             interval=f"{100 * low:.0f}–{100 * high:.0f}", n=f"{size:,}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_retention_window_trend_and_paths_before_on_the_sample(app, lang):
    """The bundled sample's analyst reports, titled with the library's figures in either language."""
    app.open("behaviour" + ("?lang=zh" if lang == "zh" else ""))
    found = analyse(SAMPLE)
    heatmap = chart(app, return_title(found, lang))
    heatmap.wait_for()
    within = found.window_funnel(30 * 60)
    chart(app, t("behaviour.chart.window", lang, limit=t("behaviour.window.minutes_n", lang, n="30"),
                 share=f"{within['share'].iloc[-1]:.0f}", interval=f"{within['share_low'].iloc[-1]:.0f}–"
                 f"{within['share_high'].iloc[-1]:.0f}", all=f"{found.funnel()['share'].iloc[-1]:.0f}")).wait_for()
    trend = found.trended_funnel()
    chart(app, t("behaviour.chart.trend_differs" if trend["differs"].any() else "behaviour.chart.trend_same", lang,
                 weeks=len(trend), n=int(trend["differs"].sum()))).wait_for()
    app.page.get_by_text(t("behaviour.before.help", lang, goal=found.steps[-1].label), exact=True).wait_for()
    app.page.get_by_text(t("behaviour.frustration.none", lang), exact=True).wait_for()
    heatmap.scroll_into_view_if_needed()
    cell = heatmap.locator("canvas, svg").first.bounding_box()
    app.page.mouse.move(cell["x"] + cell["width"] * 0.18, cell["y"] + cell["height"] * 0.12)  # week 1 of the first cohort
    tip = app.page.locator("#vg-tooltip-element")
    expect(tip).to_contain_text(t("journey.low", lang))  # the Wilson interval on hover
    app.screenshot(f"behaviour_reports_{lang}")
    app.assert_no_exception()
