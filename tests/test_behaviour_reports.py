"""Retention cohorts, the conversion window, the trended funnel, paths backward from a goal and frustration signals,
each checked against figures counted by hand on a small log (below), with Wilson intervals and tests from
statsmodels and scipy; the DuckDB engine gives the same tables as pandas."""
from __future__ import annotations

import pandas as pd
import pytest
from scipy.stats import fisher_exact
from statsmodels.stats.proportion import proportion_confint

from analysis.behaviour.engine import analyse_log
from analysis.behaviour.report import analyse
from analysis.behaviour.trends import window_seconds
from analysis.errors import InputError

# Sessions (30-minute gap): e 02-28 (three /home views 10 min apart) and 03-01; a 03-04 (buys), 03-12, 03-20;
# b 03-05 (cart exactly 30 min after the product: same session), 03-19 (ends on /error); c 03-10, a Sunday (loops
# on /search, back and forth /search -> /results -> /search, ends on /no-results); d 03-11 (buys), 03-18.
LOG = """visitor,timestamp,event,page
e,2024-02-28 10:00:00,page_view,/home
e,2024-02-28 10:10:00,page_view,/home
e,2024-02-28 10:20:00,page_view,/home
e,2024-03-01 09:00:00,page_view,/home
a,2024-03-04 09:58:00,page_view,/
a,2024-03-04 10:00:00,page_view,/product
a,2024-03-04 10:00:05,view_item,/product
a,2024-03-04 10:04:00,add_to_cart,/product
a,2024-03-04 10:05:00,page_view,/cart
a,2024-03-04 10:20:00,purchase,/cart
a,2024-03-12 08:00:00,page_view,/
a,2024-03-20 08:00:00,page_view,/
b,2024-03-05 09:00:00,page_view,/product
b,2024-03-05 09:00:01,view_item,/product
b,2024-03-05 09:30:01,add_to_cart,/product
b,2024-03-19 07:00:00,page_view,/
b,2024-03-19 07:01:00,page_view,/error
c,2024-03-10 12:00:00,page_view,/search
c,2024-03-10 12:00:10,page_view,/results
c,2024-03-10 12:00:20,page_view,/search
c,2024-03-10 12:00:40,page_view,/search
c,2024-03-10 12:01:00,page_view,/no-results
d,2024-03-11 15:00:00,page_view,/product
d,2024-03-11 15:00:00,view_item,/product
d,2024-03-11 15:02:00,add_to_cart,/product
d,2024-03-11 15:03:00,purchase,/product
d,2024-03-18 15:00:00,page_view,/
"""
STEPS = ["view_item", "add_to_cart", "purchase"]


@pytest.fixture(scope="module")
def small_log(tmp_path_factory):
    path = tmp_path_factory.mktemp("reports") / "small.csv"
    path.write_text(LOG)
    return analyse(path, steps=STEPS), analyse_log([path], steps=STEPS)


def wilson(hits: int, n: int) -> tuple[float, float]:
    low, high = proportion_confint(hits, n, method="wilson")
    return 100 * low, 100 * high


def same(expected: pd.DataFrame, found: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(expected.reset_index(drop=True), found.reset_index(drop=True), check_dtype=False,
                                  rtol=1e-9)


def test_weekly_retention_by_first_visit(small_log):
    table = small_log[0].retention("week")
    cells = {(str(row.cohort.date()), row.period): (row.cohort_size, row.visitors) for row in table.itertuples()}
    assert cells == {("2024-02-26", 0): (1, 1), ("2024-02-26", 1): (1, 0), ("2024-02-26", 2): (1, 0),
                     ("2024-02-26", 3): (1, 0),
                     ("2024-03-04", 0): (3, 3), ("2024-03-04", 1): (3, 1), ("2024-03-04", 2): (3, 2),
                     ("2024-03-11", 0): (1, 1), ("2024-03-11", 1): (1, 1)}  # c's Sunday is in a's and b's week
    for row in table.itertuples():
        assert row.share == pytest.approx(100 * row.visitors / row.cohort_size)
        assert (row.low, row.high) == pytest.approx(wilson(row.visitors, row.cohort_size))
    assert table["small_sample"].all()
    same(table, small_log[1].retention("week"))


def test_monthly_retention_and_engines_agree(small_log):
    table = small_log[0].retention("month")
    assert [(str(c.date()), p, n, v) for c, p, n, v in table[["cohort", "period", "cohort_size", "visitors"]]
            .itertuples(index=False)] == [("2024-02-01", 0, 1, 1), ("2024-02-01", 1, 1, 1), ("2024-03-01", 0, 4, 4)]
    same(table, small_log[1].retention("month"))
    with pytest.raises(ValueError):
        small_log[0].retention("day")


def test_conversion_window_counts_steps_within_minutes_of_the_first(small_log):
    found, engine = small_log
    assert found.funnel()["sessions"].tolist() == [3, 3, 2]  # no window: b's cart 30 min on still counts
    table = found.window_funnel(window_seconds(10, "minutes"))
    # a: cart 235 s, purchase 1195 s after view_item; b: cart 1800 s; d: cart 120 s, purchase 180 s
    assert table["sessions"].tolist() == [3, 2, 1]
    assert table["median_s_from_previous"].tolist()[1:] == [pytest.approx((235 + 120) / 2), pytest.approx(60)]
    assert table["from_previous"].tolist() == pytest.approx([30, 100 * 2 / 3, 50])
    assert (table["previous_low"].iloc[2], table["previous_high"].iloc[2]) == pytest.approx(wilson(1, 2))
    same(table, engine.window_funnel(600))
    assert found.window_funnel(window_seconds(1, "days"))["sessions"].tolist() == [3, 3, 2]
    same(found.window_funnel(window_seconds(30, "minutes")), engine.window_funnel(1800))
    with pytest.raises(InputError):
        window_seconds(0, "minutes")


def test_trended_funnel_by_week_with_the_change_tested(small_log):
    table = small_log[0].trended_funnel()
    assert [str(week.date()) for week in table["week"]] == ["2024-03-04", "2024-03-11"]
    assert table["entered"].tolist() == [2, 1] and table["completed"].tolist() == [1, 1]
    assert table["rate"].tolist() == [50, 100] and table["change"].iloc[1] == 50
    assert (table["low"].iloc[0], table["high"].iloc[0]) == pytest.approx(wilson(1, 2))
    assert table["test"].iloc[1] == "fisher_exact"
    assert table["p_value"].iloc[1] == pytest.approx(fisher_exact([[1, 1], [1, 0]])[1])
    assert not table["differs"].any() and pd.isna(table["p_value"].iloc[0])
    same(table, small_log[1].trended_funnel())


def test_paths_backward_from_a_goal(small_log):
    found, engine = small_log
    table = found.paths_before("purchase")
    assert table.values.tolist() == [["/ → /product → /cart", 1, 50.0], ["/product", 1, 50.0]]
    assert found.paths_before("purchase", length=2)["path"].tolist() == ["… → /product → /cart", "/product"]
    assert found.paths_before("/cart").values.tolist() == [["/ → /product", 1, 100.0]]
    assert found.paths_before("/").values.tolist() == [["(entry)", 5, 100.0]]
    for goal, length in (("purchase", 3), ("purchase", 2), ("/cart", 3), ("/", 3), ("add_to_cart", 1)):
        same(found.paths_before(goal, length), engine.paths_before(goal, length))
    with pytest.raises(InputError):
        found.paths_before("no_such_step")


def test_frustration_signals_per_page_and_stage(small_log):
    pages, stages = small_log[0].frustration()
    assert pages[["page", "sessions", "loop", "back_forth", "dead_end"]].values.tolist() == [
        ["/search", 1, 1, 1, 0], ["/error", 1, 0, 0, 1], ["/no-results", 1, 0, 0, 1]]  # e's /home views: 20 min
    shown = stages.set_index("stage")
    assert shown.loc["consideration", ["sessions", "loop", "back_forth", "dead_end"]].tolist() == [4, 1, 1, 1]
    assert shown.loc["consideration", "loop_share"] == 25
    assert (shown.loc["consideration", "loop_low"], shown.loc["consideration", "loop_high"]) == \
        pytest.approx(wilson(1, 4))
    assert shown.loc["awareness", ["sessions", "loop", "back_forth", "dead_end"]].tolist() == [7, 0, 0, 0]
    # any signal: c's three signals at consideration make one frustrated session of 4; the top signal breaks the
    # tie in the order loop, back and forth, dead end; a stage without signals names none
    assert shown.loc["consideration", ["frustrated", "frustrated_share", "top_signal"]].tolist() == [1, 25, "loop"]
    assert (shown.loc["consideration", "frustrated_low"], shown.loc["consideration", "frustrated_high"]) == \
        pytest.approx(wilson(1, 4))
    assert shown.loc["awareness", ["frustrated", "frustrated_share", "top_signal"]].tolist() == [0, 0, ""]
    assert pages[["page", "frustrated", "top_signal"]].values.tolist() == [
        ["/search", 1, "loop"], ["/error", 1, "dead_end"], ["/no-results", 1, "dead_end"]]
    tight = small_log[0].frustration(loop_s=30, back_s=10)[0]
    assert tight[["page", "loop", "back_forth"]].values.tolist()[0] == ["/error", 0, 0]  # /search: 40 s and 20 s
    edge = small_log[0].frustration(loop_s=40, back_s=20)[0]  # exactly the span: still a loop and a back and forth
    assert edge[["page", "loop", "back_forth"]].values.tolist()[0] == ["/search", 1, 1]
    for options in ({}, {"loop_s": 30, "back_s": 10}, {"loop_s": 40, "back_s": 20}):
        for expected, found in zip(small_log[0].frustration(**options), small_log[1].frustration(**options)):
            same(expected, found)
