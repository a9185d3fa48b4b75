"""Global filters narrow every table without touching the export."""
from datetime import date

import pytest

from analysis.filters import Filters, apply_filters, filter_options

CSV = """id,submitted,channel,plan,Checkout,Support
1,2024-01-01 10:00,web,basic,5,4
2,2024-01-15 10:00,app,pro,4,
3,2024-02-01 10:00,web,pro,2,3
4,2024-02-20 10:00,store,basic,1,2
5,2024-03-05 10:00,app,basic,3,5
"""


@pytest.fixture
def prepared(tmp_path, prepared_file):
    path = tmp_path / "survey.csv"
    path.write_text(CSV, encoding="utf-8")
    return prepared_file(path)


def test_options_list_dates_channels_segments_and_touchpoints(prepared):
    options = filter_options(prepared)
    assert options["dates"] == (date(2024, 1, 1), date(2024, 3, 5))
    assert options["channels"] == ["app", "store", "web"]
    assert options["segments"]["plan"] == ["basic", "pro"]
    assert options["touchpoints"] == ["Checkout", "Support"]


def test_every_filter_narrows_rows(prepared):
    by_date = apply_filters(prepared, Filters(date_from=date(2024, 1, 10), date_to=date(2024, 2, 28)))
    assert by_date.responses["id"].tolist() == [2, 3, 4]
    by_channel = apply_filters(prepared, Filters(channels=["web"]))
    assert by_channel.scores["Checkout"].tolist() == [5, 2]
    by_segment = apply_filters(prepared, Filters(segments={"plan": ["pro"]}))
    assert by_segment.responses["id"].tolist() == [2, 3]
    combined = apply_filters(prepared, Filters(channels=["web", "app"], segments={"plan": ["basic"]}))
    assert combined.responses["id"].tolist() == [1, 5]


def test_touchpoint_filter_drops_columns_not_rows(prepared):
    narrowed = apply_filters(prepared, Filters(touchpoints=["Support"]))
    assert narrowed.columns("touchpoint") == ["Support"]
    assert list(narrowed.scores.columns) == ["Support"] and len(narrowed.scores) == 5
    assert prepared.columns("touchpoint") == ["Checkout", "Support"]  # the original is untouched


def test_no_filter_returns_the_same_object(prepared):
    assert apply_filters(prepared, Filters()) is prepared
    assert not Filters().active and Filters(channels=["web"]).active
