"""Which rule makes the sessions (the log's session ids, its start and end markers, or the inactivity gap), and
the day an event counts on (the clock it was recorded by), checked against references computed here by hand."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.behaviour.columns import guess_event_columns
from analysis.behaviour.report import analyse, report

ESHOP = "clickstream/eshop_clickstream_sample.csv"
MARKERS = ["start_session", "end_session"]


def write(tmp_path, text: str, name: str = "log.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def pages_of(found) -> list[list[str]]:
    """Each session's pages in order, sessions in the library's order."""
    return [list(group["page"]) for _, group in found.ordered.groupby("session", sort=True)]


# The real e-shop log: one marked visit per cookie --------------------------------------------------------------

@pytest.fixture(scope="module")
def eshop_by_hand(shared_data):
    """The e-shop's own sessions by hand: per cookie, the pages from its start_session row's time to its
    end_session row's time (both included); bounce and pages per session over those sessions."""
    raw = pd.read_csv(shared_data / ESHOP, sep=";")
    raw["t"] = pd.to_datetime(raw["Date"] + " " + raw["Time"])
    bounds = pd.DataFrame({"start": raw[raw["Webpage"] == "start_session"].groupby("COOKIE")["t"].min(),
                           "end": raw[raw["Webpage"] == "end_session"].groupby("COOKIE")["t"].max()})
    marks = raw[raw["Webpage"].isin(MARKERS)].groupby(["COOKIE", "Webpage"]).size()
    assert (marks == 1).all()  # every cookie has exactly one start and one end
    pages = raw[~raw["Webpage"].isin(MARKERS)].join(bounds, on="COOKIE")
    inside = pages[(pages["t"] >= pages["start"]) & (pages["t"] <= pages["end"])]
    per_visit = inside.groupby("COOKIE").size()
    return {"raw": raw, "sessions": len(bounds), "outside": len(pages) - len(inside),
            "pages": per_visit, "bounce": 100 * (per_visit == 1).mean(), "pages_per_session": per_visit.mean(),
            "markers": int(raw["Webpage"].isin(MARKERS).sum()),
            "longest_pause": inside.sort_values("t").groupby("COOKIE")["t"].diff().max()}


def test_eshop_sessions_are_the_logs_own_marked_visits(shared_data, eshop_by_hand):
    found = analyse(shared_data / ESHOP)
    summary = found.summary()
    assert eshop_by_hand["sessions"] == 124
    assert summary["sessions"] == eshop_by_hand["sessions"]
    assert summary["bounce_rate"].value == pytest.approx(eshop_by_hand["bounce"]) == 0
    assert summary["pages_per_session"].value == pytest.approx(eshop_by_hand["pages_per_session"])
    assert round(summary["pages_per_session"].value, 2) == 17.45
    by_visitor = found.sessions.set_index("visitor")["pages"].sort_index()
    assert by_visitor.to_dict() == eshop_by_hand["pages"].sort_index().to_dict()
    assert eshop_by_hand["outside"] == 0
    assert found.events.excluded_counts() == {"marker": eshop_by_hand["markers"]}
    assert eshop_by_hand["longest_pause"] > pd.Timedelta(minutes=30)  # a pause the gap rule would have cut


def test_eshop_json_says_the_markers_made_the_sessions(shared_data, run_cli):
    done = run_cli("behaviour", shared_data / ESHOP, "--json")
    result = json.loads(done.stdout)
    assert result["sessions"] == 124 and result["bounce_rate"]["value"] == 0
    assert result["session_rule"] == "markers"
    assert result["session_by"] == {"sessions": {"markers": 124}, "columns": [], "start_markers": ["start_session"],
                                    "end_markers": ["end_session"], "gap_minutes": None}
    text = run_cli("behaviour", shared_data / ESHOP)
    assert "124 sessions follow the log's own start and end markers" in text.stdout


def test_eshop_rows_in_another_order_give_the_same_sessions(shared_data, eshop_by_hand, tmp_path):
    """A marker carries its page's time: in a file sorted otherwise (markers after the pages of the same second),
    the visits are the same."""
    raw = eshop_by_hand["raw"].drop(columns="t").sample(frac=1, random_state=0)
    raw["Webpage"] = raw["Webpage"].replace({"start_session": "Session Start", "end_session": "Session End"})
    path = tmp_path / "shuffled.csv"
    raw.to_csv(path, sep=";", index=False)
    found = analyse(path)
    assert len(found.sessions) == 124
    assert found.sessions.set_index("visitor")["pages"].sort_index().to_dict() == \
        eshop_by_hand["pages"].sort_index().to_dict()
    assert report(found)["session_by"]["start_markers"] == ["Session Start"]


# Small logs made by hand --------------------------------------------------------------------------------------

def test_markers_hold_a_long_pause_inside_one_session(tmp_path):
    log = write(tmp_path, "cookie,timestamp,page\n"
                          "c,2025-01-01 09:00:00,start_session\nc,2025-01-01 09:00:00,home\n"
                          "c,2025-01-01 12:00:00,product\n"  # three hours later, same visit
                          "c,2025-01-01 12:01:00,cart\nc,2025-01-01 12:01:00,end_session\n")
    found = analyse(log)
    assert pages_of(found) == [["home", "product", "cart"]]
    assert found.sessions["duration_s"].tolist() == [3 * 3600 + 60]
    assert report(found)["session_rule"] == "markers"
    assert len(analyse(log, markers=()).sessions) == 2  # without markers the gap rule splits it


def test_events_outside_marked_visits_are_set_aside_with_a_reason(tmp_path):
    log = write(tmp_path, "cookie,timestamp,page\n"
                          "c,2025-01-01 08:59:00,home\n"  # before the first start
                          "c,2025-01-01 09:00:00,start_session\nc,2025-01-01 09:00:00,home\n"
                          "c,2025-01-01 09:05:00,end_session\n"
                          "c,2025-01-01 09:06:00,product\n"  # after an end, before the next start
                          "c,2025-01-01 10:00:00,start_session\nc,2025-01-01 10:00:00,cart\n"
                          "c,2025-01-01 10:02:00,end_session\n")
    found = analyse(log)
    assert pages_of(found) == [["home"], ["cart"]]
    assert found.events.excluded_counts() == {"marker": 4, "outside_session": 2}
    outside = found.events.excluded.query("reason == 'outside_session'")["row"].tolist()
    assert outside == [2, 6]  # spreadsheet rows of the two events


def test_a_missing_end_closes_at_the_next_start_or_the_last_event(tmp_path):
    log = write(tmp_path, "cookie,timestamp,page\n"
                          "c,2025-01-01 09:00:00,start_session\nc,2025-01-01 09:00:00,home\n"
                          "c,2025-01-01 10:30:00,product\n"  # no end_session: runs to the next start
                          "c,2025-01-01 11:00:00,start_session\nc,2025-01-01 11:00:00,cart\n"
                          "c,2025-01-01 13:00:00,pay\n")  # no end at all: runs to the last event
    found = analyse(log)
    assert pages_of(found) == [["home", "product"], ["cart", "pay"]]
    assert found.events.excluded_counts() == {"marker": 2}


def test_duplicate_and_nested_starts(tmp_path):
    duplicate = write(tmp_path, "cookie,timestamp,page\n"
                                "c,2025-01-01 09:00:00,start_session\nc,2025-01-01 09:00:01,start_session\n"
                                "c,2025-01-01 09:00:01,home\nc,2025-01-01 09:50:00,product\n"
                                "c,2025-01-01 09:50:00,end_session\nc,2025-01-01 09:50:00,end_session\n")
    found = analyse(duplicate)
    assert pages_of(found) == [["home", "product"]]  # two starts with nothing between: one visit
    assert found.events.excluded_counts() == {"marker": 3, "duplicate_event": 1}
    nested = write(tmp_path, "cookie,timestamp,page\n"
                             "c,2025-01-01 09:00:00,start_session\nc,2025-01-01 09:00:00,home\n"
                             "c,2025-01-01 09:10:00,start_session\nc,2025-01-01 09:10:00,product\n"
                             "c,2025-01-01 09:20:00,end_session\nc,2025-01-01 09:25:00,cart\n"
                             "c,2025-01-01 09:30:00,end_session\n", "nested.csv")
    found = analyse(nested)
    assert pages_of(found) == [["home"], ["product"]]  # a start always opens a new session
    assert found.events.excluded_counts() == {"marker": 4, "outside_session": 1}


def test_a_session_id_column_makes_the_sessions(tmp_path):
    log = write(tmp_path, "client_id,session_id,timestamp,page\n"
                          "a,s1,2025-01-01 09:00:00,/\n"
                          "a,s1,2025-01-01 11:00:00,/products/x\n"  # two hours later, same session id
                          "a,s2,2025-01-01 11:05:00,/cart\n"  # five minutes later, another session id
                          "a,,2025-01-01 11:06:00,/\n"
                          "b,s1,2025-01-01 09:00:00,/\n")  # another visitor's s1 is another session
    found = analyse(log)
    assert pages_of(found) == [["/", "/products/*"], ["/cart"], ["/"]]
    assert found.events.excluded_counts() == {"missing_session": 1}
    result = report(found)
    assert result["session_rule"] == "session_id"
    assert result["session_by"]["columns"] == ["session_id"] and result["session_by"]["gap_minutes"] is None


@pytest.mark.parametrize("headers, column", [
    ("client_id,session_id,timestamp,page", "session_id"),
    ("Client ID,Visit ID,Timestamp,Page", "Visit ID"),
    ("访客ID,会话ID,时间,页面", "会话ID"),
    ("用户id,会话,时间,页面", "会话"),
    ("sessionId,timestamp,page", "sessionId"),  # the session id alone: it names the visitor too
])
def test_session_id_columns_are_found_by_their_headers(headers, column):
    frame = pd.DataFrame([["a"] * headers.count(",") + ["/"]], columns=headers.split(","))
    frame.iloc[0, -2] = "2025-01-01 09:00:00"
    assert guess_event_columns(frame).session == column


def test_a_session_id_takes_precedence_over_markers(tmp_path):
    log = write(tmp_path, "cookie,session_id,timestamp,page\n"
                          "c,x,2025-01-01 09:00:00,start_session\nc,x,2025-01-01 09:00:00,home\n"
                          "c,x,2025-01-01 09:05:00,end_session\n"
                          "c,x,2025-01-01 09:06:00,product\n"  # after the end marker, same session id
                          "c,y,2025-01-01 09:07:00,cart\n")
    found = analyse(log)
    assert pages_of(found) == [["home", "product"], ["cart"]]
    assert found.events.excluded_counts() == {"marker": 2}
    assert report(found)["session_rule"] == "session_id"


def test_without_ids_or_markers_the_gap_rule_is_unchanged(tmp_path):
    log = write(tmp_path, "user_id,timestamp,event_name\n"
                          "u,2025-01-01 10:00:00,page_view\nu,2025-01-01 10:30:00,page_view\n"
                          "u,2025-01-01 11:00:01,page_view\n")
    found = analyse(log)
    assert pages_of(found) == [["page_view", "page_view"], ["page_view"]]
    result = report(found)
    assert result["session_rule"] == "inactivity_gap"
    assert result["session_by"] == {"sessions": {"inactivity_gap": 2}, "columns": [], "start_markers": [],
                                    "end_markers": [], "gap_minutes": 30.0}


def test_visitors_without_markers_in_a_marked_log_are_split_by_the_gap(tmp_path):
    log = write(tmp_path, "cookie,timestamp,page\n"
                          "c,2025-01-01 09:00:00,start_session\nc,2025-01-01 09:00:00,home\n"
                          "c,2025-01-01 11:00:00,cart\nc,2025-01-01 11:00:00,end_session\n"
                          "d,2025-01-01 09:00:00,home\nd,2025-01-01 11:00:00,cart\n")
    found = analyse(log)
    assert pages_of(found) == [["home", "cart"], ["home"], ["cart"]]
    result = report(found)
    assert result["session_rule"] == "mixed"
    assert result["session_by"]["sessions"] == {"markers": 1, "inactivity_gap": 2}
    assert result["session_by"]["gap_minutes"] == 30.0


# Days on the clock the event was recorded by ------------------------------------------------------------------

def test_days_follow_the_recorded_clock_not_utc(tmp_path):
    stamps = ["2024-03-01T07:30:00+08:00",  # Beijing, 1 March (23:30 on 29 February in UTC)
              "2024-02-29T23:30:00-05:00",  # New York, 29 February (04:30 on 1 March in UTC)
              "2024-03-01T23:30:00-05:00",  # New York, 1 March (2 March in UTC)
              "2024-03-01T00:10:00Z", "2024-03-01 12:00:00", "2024-03-01 13:00:00 +0800"]
    log = write(tmp_path, "client_id,timestamp,page\n" + "".join(f"v{i},{s},/\n" for i, s in enumerate(stamps)))
    by_hand = pd.Series([stamp[:10] for stamp in stamps]).value_counts().sort_index()  # the day as written
    table = analyse(log).by_segment("date").set_index("group")["sessions"]
    assert table.to_dict() == by_hand.to_dict() == {"2024-02-29": 1, "2024-03-01": 5}
    sessions = analyse(log).sessions.set_index("visitor")
    assert sessions.loc["v0", "start"] == pd.Timestamp("2024-03-01 07:30")


def test_gaps_and_order_are_real_elapsed_time_across_offsets(tmp_path):
    log = write(tmp_path, "client_id,timestamp,page\n"
                          "v,2025-01-01T10:00:00+08:00,/a\n"
                          "v,2025-01-01T02:20:00Z,/b\n"  # 10:20 in Beijing: 20 minutes after /a
                          "w,2024-11-03T01:50:00-04:00,/a\n"
                          "w,2024-11-03T01:10:00-05:00,/b\n")  # clocks went back: 20 minutes after /a
    found = analyse(log)
    assert pages_of(found) == [["/a", "/b"], ["/a", "/b"]]
    assert found.ordered["seconds_on"].tolist()[::2] == [1200.0, 1200.0]
    assert found.sessions["duration_s"].tolist() == [1200.0, 1200.0]
    assert found.sessions["start"].tolist() == [pd.Timestamp("2025-01-01 10:00"), pd.Timestamp("2024-11-03 01:50")]
    assert found.sessions["end"].tolist() == [pd.Timestamp("2025-01-01 02:20"), pd.Timestamp("2024-11-03 01:10")]
    assert np.isnan(found.ordered["seconds_on"].iloc[1])


def test_the_command_can_turn_the_session_id_column_off(tmp_path, run_cli):
    log = write(tmp_path, "client_id,session_id,timestamp,page\n"
                          "a,s1,2025-01-01 09:00:00,/\na,s2,2025-01-01 09:10:00,/cart\n"  # two ids, ten minutes apart
                          "b,s3,2025-01-01 09:00:00,/\n")
    frame = pd.read_csv(log)
    by_id = json.loads(run_cli("behaviour", log, "--json").stdout)
    assert by_id["sessions"] == frame.groupby(["client_id", "session_id"]).ngroups == 3
    assert by_id["session_by"]["columns"] == ["session_id"]
    by_gap = json.loads(run_cli("behaviour", log, "--json", "--session-column", "").stdout)
    assert by_gap["sessions"] == frame["client_id"].nunique() == 2  # no pause over 30 minutes
    assert by_gap["session_rule"] == "inactivity_gap"
