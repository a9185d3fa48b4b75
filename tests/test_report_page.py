"""The Report page run headless (Streamlit AppTest): pins made on other pages form the report, in order, with
the analyst's notes as plain text."""
from __future__ import annotations

from analysis.store import open_store
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import open_page, upload

AIRLINE = "airline_passenger_satisfaction_sample.csv"


def test_pins_form_the_report_in_order(app_test, shared_data):
    from analysis.pins import Pin

    upload(app_test, shared_data / AIRLINE)
    token = app_test.query_params["project"]
    open_page(app_test, "journey")
    popover_note = next(area for area in app_test.text_area if area.key.startswith("pin_note_"))
    chart_name = popover_note.key.removeprefix("pin_note_")
    popover_note.input("Boarding is where we lose them <script>alert(1)</script>").run()
    app_test.button(key=f"pin_{chart_name}").click().run()
    assert not app_test.exception
    opened = open_store().open_by_token(token)
    pins = opened.pins()
    assert len(pins) == 1 and pins[0].kind == "chart" and pins[0].note.startswith("Boarding is where")
    assert pins[0].page == "journey"  # named by the server, never by what the browser reports
    opened.add_pin(Pin("table", "Second", {"columns": ["a"], "records": [{"a": 1}]}, "then this"))
    open_page(app_test, "report")
    assert [header.value for header in app_test.subheader][:2] == [plain(pins[0].title), "Second"]
    app_test.button(key=f"report_down_{pins[0].id}").click().run()
    assert [pin.title for pin in opened.pins()] == ["Second", pins[0].title]
    assert "<script>" not in "".join(block.value for block in app_test.markdown)



def titles(app_test) -> list[str]:
    """The pins' titles on the page (the subheaders of the main area)."""
    return [header.value for header in app_test.main.subheader]


def test_a_long_report_is_shown_a_page_at_a_time(app_test, shared_data):
    """25 pins: ten at a time, the page number picks which, moving one keeps its place in the whole order."""
    from analysis.pins import Pin

    upload(app_test, shared_data / AIRLINE)
    opened = open_store().open_by_token(app_test.query_params["project"])
    for number in range(25):
        opened.add_pin(Pin("table", f"Table {number}", {"columns": ["a"], "records": [{"a": number}]}))
    open_page(app_test, "report")
    assert titles(app_test) == [f"Table {number}" for number in range(10)]
    app_test.number_input(key="report_page").set_value(3).run()
    assert titles(app_test) == [f"Table {number}" for number in range(20, 25)]
    assert t("report.showing", "en", first=21, last=25, total=25) in [caption.value for caption in app_test.caption]
    pins = opened.pins()
    app_test.button(key=f"report_up_{pins[20].id}").click().run()
    assert [pin.title for pin in opened.pins()][19:21] == ["Table 20", "Table 19"]


def test_pin_times_are_in_the_viewers_time_zone():
    from datetime import datetime, timezone

    from pages.ui.text import viewer_time

    stored = datetime(2026, 2, 28, 23, 30, tzinfo=timezone.utc)
    assert viewer_time(stored, "Asia/Shanghai") == "2026-03-01 07:30 UTC+08:00"
    assert viewer_time(stored, "America/Sao_Paulo") == "2026-02-28 20:30 UTC-03:00"
    assert viewer_time(stored.replace(tzinfo=None), "Asia/Kolkata") == "2026-03-01 05:00 UTC+05:30"
    assert viewer_time(stored, "") == viewer_time(stored, "Not/AZone") == "2026-02-28 23:30 UTC"
