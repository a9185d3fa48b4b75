"""Library pieces the Behaviour page needs: other funnel steps on the same sessions, the segment tests as one
Holm-adjusted family, the step choices, one session table among files, and the survey's weakest stage set
beside the stage where sessions leave."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.behaviour.funnel import segment_tests, step_choices
from analysis.behaviour.report import analyse
from analysis.behaviour.session_table import session_table_export
from analysis.behaviour.stages import compare_with_survey
from analysis.errors import InputError
from analysis.io import load_export

WEB = "clickstream/web_events_sample.csv"
ESHOP = "clickstream/eshop_clickstream_sample.csv"


@pytest.fixture(scope="module")
def web(shared_data):
    return analyse(shared_data / WEB)


def test_with_steps_equals_a_fresh_analysis(web, shared_data):
    again = web.with_steps(["/products/*", "/cart"], ["checkout_started"])
    fresh = analyse(shared_data / WEB, steps=["/products/*", "/cart"], conversion=["checkout_started"])
    pd.testing.assert_frame_equal(again.funnel(), fresh.funnel())
    assert again.summary()["conversion"] == fresh.summary()["conversion"]
    assert again.ordered is web.ordered  # nothing read or sessionised again
    with pytest.raises(InputError):
        web.with_steps(["no_such_step"])


def test_segment_tests_are_holm_adjusted_over_the_tested_steps(web):
    table = web.funnel_by("device")
    tests = segment_tests(table)
    raw = [entry["test"]["p_value"] for entry in table.attrs["tests"] if entry["test"] is not None]
    assert tests["p_value"].tolist() == raw
    order = np.argsort(raw)
    expected = np.maximum.accumulate([min(1.0, (len(raw) - rank) * raw[i]) for rank, i in enumerate(order)])
    assert tests["p_holm"].to_numpy()[order] == pytest.approx(expected)
    assert tests["differs"].tolist() == [p < 0.05 for p in tests["p_holm"]]
    first = tests.iloc[0]  # product pages: every device has hundreds of sessions
    part = table[table["step"] == 1].set_index("group")["rate"]
    assert (first["lowest"], first["highest"]) == (part.idxmin(), part.idxmax())


def test_step_choices_are_events_then_pages_most_frequent_first(web):
    choices = step_choices(web.ordered)
    assert choices[:2] == ["page_viewed", "product_added_to_cart"]
    assert "/products/*" in choices and len(choices) == len(set(choices))


def test_a_session_table_is_read_alone(shared_data):
    shoppers = load_export(shared_data / "online_shoppers_intention_sample.csv")
    log = load_export(shared_data / ESHOP)
    assert session_table_export([shoppers]) is shoppers
    assert session_table_export([log]) is None
    with pytest.raises(InputError) as err:
        session_table_export([log, shoppers])
    assert err.value.message.code == "error.behaviour.mixed_files"


def stage_rows(drops: dict[str, tuple[int, int]]) -> pd.DataFrame:
    from analysis.behaviour.metrics import rates
    from analysis.journey import STAGES

    table = pd.DataFrame({"stage": STAGES, "sessions": [drops.get(s, (0, 0))[0] for s in STAGES],
                          "exits": [drops.get(s, (0, 0))[1] for s in STAGES]})
    table[["drop_off", "drop_low", "drop_high"]] = rates(table["exits"], table["sessions"])
    table["small_sample"] = table["sessions"] < 30
    return table


def test_survey_weakest_stage_against_where_sessions_leave():
    jmap = pd.DataFrame({"stage": ["awareness", "purchase", "service"], "score": [0.7, 0.4, np.nan]})
    same = compare_with_survey(jmap, stage_rows({"awareness": (100, 10), "purchase": (50, 30), "service": (10, 9)}))
    assert same.agree and same.leave_stage == "purchase" and not same.separated  # service: too few sessions
    apart = compare_with_survey(jmap, stage_rows({"awareness": (400, 300), "purchase": (400, 40)}))
    assert (apart.leave_stage, apart.survey_stage, apart.agree, apart.separated) == ("awareness", "purchase", False, True)
    close = compare_with_survey(jmap, stage_rows({"awareness": (40, 22), "purchase": (40, 20)}))
    assert not close.agree and not close.separated
    assert compare_with_survey(jmap, stage_rows({"awareness": (20, 10)})) is None
