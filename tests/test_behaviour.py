"""Behaviour analytics on real event logs, checked against references written here with plain loops."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency, t
from statsmodels.stats.proportion import proportion_confint

from analysis.behaviour import pages, traffic
from analysis.behaviour.events import read_events
from analysis.behaviour.report import analyse, report
from analysis.behaviour.session_table import is_session_table, session_table_summary
from analysis.behaviour.sessions import sessionise
from analysis.behaviour.stages import assign_stages
from analysis.errors import InputError
from analysis.io import load_export

ROOT = Path(__file__).resolve().parents[1]
ESHOP = "clickstream/eshop_clickstream_sample.csv"
WEB = "clickstream/web_events_sample.csv"
SHOPPERS = "online_shoppers_intention_sample.csv"
GAP = pd.Timedelta(minutes=30)


def split_sessions(rows: pd.DataFrame, visitor: str, time: str) -> list[pd.DataFrame]:
    """Sessions by hand: per visitor, rows in time order (file order on ties), cut after a gap over 30 minutes."""
    found = []
    for _, visits in rows.groupby(visitor, sort=False):
        visits = visits.sort_values(time, kind="mergesort")
        start = 0
        times = list(visits[time])
        for i in range(1, len(times) + 1):
            if i == len(times) or times[i] - times[i - 1] > GAP:
                found.append(visits.iloc[start:i])
                start = i
    return found


def reached_steps(names: list[str], steps: list[set[str]]) -> int:
    """How many steps a session's ordered event names reach as a subsequence."""
    k = 0
    for name in names:
        if k < len(steps) and name in steps[k]:
            k += 1
    return k


@pytest.fixture(scope="module")
def eshop(shared_data):
    """The e-shop as the library reads it; its sessions by hand (per cookie, the pages from its start_session row's
    time to its end_session row's time, in time order: the log marks its own visits); and its page rows."""
    raw = pd.read_csv(shared_data / ESHOP, sep=";")
    raw["t"] = pd.to_datetime(raw["Date"] + " " + raw["Time"])
    marked = raw["Webpage"].isin(["start_session", "end_session"])
    bounds = pd.DataFrame({"start": raw[raw["Webpage"] == "start_session"].groupby("COOKIE")["t"].min(),
                           "end": raw[raw["Webpage"] == "end_session"].groupby("COOKIE")["t"].max()})
    pages = raw[~marked].join(bounds, on="COOKIE")
    inside = pages[(pages["t"] >= pages["start"]) & (pages["t"] <= pages["end"])]
    expected = [visit.sort_values("t", kind="mergesort") for _, visit in inside.groupby("COOKIE", sort=False)]
    return analyse(shared_data / ESHOP), expected, pages


@pytest.fixture(scope="module")
def web_raw(shared_data):
    raw = pd.read_csv(shared_data / WEB)
    raw["t"] = pd.to_datetime(raw["timestamp"], utc=True)
    return raw


@pytest.fixture(scope="module")
def web_all(shared_data, web_raw):
    return analyse(shared_data / WEB, keep_bots=True), split_sessions(web_raw, "client_id", "t")


def test_eshop_sessions_bounces_exits_and_markers(eshop):
    found, expected, raw = eshop
    assert len(found.sessions) == len(expected) == raw["COOKIE"].nunique() == 124  # one marked visit per cookie
    assert found.events.excluded_counts() == {"marker": 248}
    assert int(found.sessions["bounce"].sum()) == sum(len(s) == 1 for s in expected)
    assert found.sessions["pages"].sum() == len(raw)
    exits = pd.Series([s["Webpage"].iloc[-1] for s in expected]).value_counts()
    table = found.pages().set_index("page")
    assert table["exits"].to_dict() == {page: exits.get(page, 0) for page in table.index}
    assert table["views"].to_dict() == raw["Webpage"].value_counts().to_dict()
    assert table.loc["product", "exit_rate"] == pytest.approx(100 * exits["product"] / (raw["Webpage"] == "product").sum())


def test_eshop_funnel_reach_matches_a_loop(eshop):
    found, expected, _ = eshop
    assert [s.label for s in found.steps] == ["product", "addcart", "freeze", "pay_res"]
    steps = [{"product"}, {"addcart"}, {"freeze"}, {"pay_res"}]
    depth = [reached_steps(list(s["Webpage"]), steps) for s in expected]
    table = found.funnel()
    assert table["sessions"].tolist() == [sum(d >= k for d in depth) for k in range(1, 5)]
    assert table["share"].iloc[-1] == pytest.approx(100 * sum(d >= 4 for d in depth) / sum(d >= 1 for d in depth))
    assert table["drop_off"].iloc[1] == pytest.approx(100 - 100 * table["sessions"].iloc[1] / table["sessions"].iloc[0])
    assert np.isnan(table["drop_off"].iloc[0])
    assert int(found.sessions["converted"].sum()) == sum("pay_res" in set(s["Webpage"]) for s in expected)


def test_web_exact_counts_with_bots_kept(web_all, web_raw):
    found, expected = web_all
    assert found.events.excluded_counts() == {}
    assert len(found.sessions) == len(expected)
    assert found.sessions["visitor"].nunique() == web_raw["client_id"].nunique() == 3527
    bounces = sum(len(s) == 1 and s["event_name"].iloc[0] == "page_viewed" for s in expected)
    assert int(found.sessions["bounce"].sum()) == bounces
    path = web_raw["page_url"].str.replace(r"^https?://[^/]+", "", regex=True).str.replace(r"[?#].*$", "", regex=True)
    web_raw = web_raw.assign(path=path.str.rstrip("/").replace("", "/"))
    exits = pd.Series([s.loc[s["event_name"] == "page_viewed"].join(web_raw["path"])["path"].iloc[-1]
                       for s in expected if (s["event_name"] == "page_viewed").any()]).value_counts()
    table = found.pages().set_index("page")
    assert table.loc["/cart", "exits"] == exits["/cart"]
    assert table.loc["/", "exits"] == exits["/"]
    assert table.loc["/products/*", "exits"] == exits[exits.index.str.startswith("/products/")].sum()


def test_web_funnel_reach_with_product_pages(web_all, web_raw):
    found, expected = web_all
    labels = [s.label for s in found.steps]
    assert labels == ["/products/*", "product_added_to_cart", "checkout_started", "checkout_completed"]
    depth = []
    for session in expected:
        names = np.where((session["event_name"] == "page_viewed") & session["page_url"].str.contains("/products/"),
                         "product", session["event_name"])
        depth.append(reached_steps(list(names), [{"product"}, {"product_added_to_cart"}, {"checkout_started"},
                                                 {"checkout_completed"}]))
    assert found.funnel()["sessions"].tolist() == [sum(d >= k for d in depth) for k in range(1, 5)]


def test_web_bots_are_set_aside_by_default(shared_data, web_raw):
    found = analyse(shared_data / WEB)
    bots = web_raw["user_agent"].str.contains("bot|crawl|spider|headless|externalhit", case=False, na=False)
    assert found.events.excluded_counts() == {"bot": int(bots.sum())}
    assert 0.10 < bots.mean() < 0.15
    assert set(found.sessions["device"]) <= {"mobile", "tablet", "desktop"}
    assert len(found.ordered) == int((~bots).sum())


def test_time_on_page_is_unknown_for_the_last_event_and_ties_keep_file_order(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("visitor_id,timestamp,page\n"
                   "v1,2025-01-01T10:00:00Z,/a\n"
                   "v1,2025-01-01T10:01:00Z,/c\n"
                   "v1,2025-01-01T10:00:00Z,/b\n"  # same time as /a: after /a, as in the file
                   "v1,2025-01-01T10:03:30Z,/d\n")
    ordered = analyse(log).ordered
    assert ordered["page"].tolist() == ["/a", "/b", "/c", "/d"]
    assert ordered["seconds_on"].iloc[:3].tolist() == [0.0, 60.0, 150.0]
    assert np.isnan(ordered["seconds_on"].iloc[-1])
    table = analyse(log).pages().set_index("page")
    assert np.isnan(table.loc["/d", "time_on_page_s"]) and table.loc["/d", "time_n"] == 0


@pytest.mark.parametrize("gap, sessions", [("10:30:00", 1), ("10:30:01", 2)])
def test_a_gap_of_exactly_30_minutes_stays_in_the_session(tmp_path, gap, sessions):
    log = tmp_path / "log.csv"
    log.write_text(f"user_id,timestamp,event_name\nu,2025-01-01 10:00:00,page_view\nu,2025-01-01 {gap},page_view\n")
    assert len(analyse(log).sessions) == sessions
    assert len(analyse(log, gap_minutes=31).sessions) == 1


def test_header_drift_across_daily_files(tmp_path):
    day1 = tmp_path / "events_0226.csv"
    day2 = tmp_path / "events_0304.csv"
    day1.write_text("client_id,page_url,referrer,timestamp,event_name\n"
                    "a,https://s.com/,https://www.google.com/,2025-02-26T10:00:00Z,page_viewed\n"
                    "b,https://s.com/cart,,2025-02-26T11:00:00Z,page_viewed\n")
    day2.write_text("clientId,page_url,timestamp,event_name\n"
                    "a,https://s.com/products/x,2025-03-04T09:00:00Z,page_viewed\n"
                    ",https://s.com/,2025-03-04T09:05:00Z,page_viewed\n")
    found = analyse([day1, day2])
    assert found.events.frame["source"].tolist() == ["events_0226.csv", "events_0226.csv", "events_0304.csv"]
    assert found.events.frame["row"].tolist() == [2, 3, 2]
    assert found.events.excluded_counts() == {"missing_visitor": 1}
    sessions = found.sessions.set_index(["visitor", "start"]).sort_index()
    assert sessions["visitor_type"].tolist() == ["new", "returning", "new"]
    assert sessions["channel"].tolist() == ["organic_search", "unknown", "direct"]


def test_offsets_become_utc_and_duplicates_are_set_aside(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("visitor,time,page\n"
                   "v,2025-01-01T18:00:00+08:00,/a\n"
                   "v,2025-01-01T10:20:00Z,/b\n"
                   "v,2025-01-01T10:20:00Z,/b\n")
    found = analyse(log)
    assert found.ordered["time"].tolist() == [pd.Timestamp("2025-01-01 10:00"), pd.Timestamp("2025-01-01 10:20")]
    assert found.events.excluded_counts() == {"duplicate_event": 1}
    assert len(found.sessions) == 1


def test_markers_can_be_declared(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("cookie;Date;Time;Webpage\nc;1998-02-11;10:00:00;begin\nc;1998-02-11;10:00:00;home\n"
                   "c;1998-02-11;10:01:00;finish\n")
    found = analyse(log, markers=["begin", "finish"])
    assert found.events.excluded_counts() == {"marker": 2}
    assert found.sessions["pages"].tolist() == [1] and bool(found.sessions["bounce"].iloc[0])


def test_wilson_intervals_match_statsmodels(eshop):
    found, _, _ = eshop
    bounce = report(found)["bounce_rate"]
    low, high = proportion_confint(int(found.sessions["bounce"].sum()), len(found.sessions), method="wilson")
    assert (bounce["low"], bounce["high"]) == (pytest.approx(100 * low, abs=1e-3), pytest.approx(100 * high, abs=1e-3))
    table = found.funnel()
    low, high = proportion_confint(table["sessions"].iloc[1], table["sessions"].iloc[0], method="wilson")
    assert table["previous_low"].iloc[1] == pytest.approx(100 * low)
    assert table["previous_high"].iloc[1] == pytest.approx(100 * high)
    pages_table = found.pages()
    row = pages_table.iloc[0]
    low, high = proportion_confint(row["exits"], row["views"], method="wilson")
    assert (row["exit_low"], row["exit_high"]) == (pytest.approx(100 * low), pytest.approx(100 * high))


def test_drop_off_by_segment_test_matches_scipy(web_all):
    found, _ = web_all
    table = found.funnel_by("visitor_type")
    step = table[table["step"] == 1]
    observed = np.column_stack([step["reached"], step["previous"] - step["reached"]])
    statistic, p_value, dof, _ = chi2_contingency(observed, correction=False)
    test = table.attrs["tests"][0]["test"]
    assert test["test"] == "chi_square"
    assert test["statistic"] == pytest.approx(statistic) and test["p_value"] == pytest.approx(p_value)
    sessions = found.sessions
    assert step.set_index("group")["previous"].to_dict() == sessions["visitor_type"].value_counts().to_dict()
    assert step.set_index("group")["reached"].to_dict() == \
        sessions[sessions["funnel_steps"] >= 1]["visitor_type"].value_counts().to_dict()


def test_online_shoppers_by_visitor_type_and_month(shared_data):
    frame = load_export(shared_data / SHOPPERS).frame
    reference = pd.read_csv(shared_data / SHOPPERS)
    assert is_session_table(frame)
    summary = session_table_summary(frame)
    assert summary["bounce_rate"].value == pytest.approx(100 * reference["BounceRates"].mean())
    assert summary["conversion"].value == pytest.approx(100 * reference["Revenue"].mean())
    for column in ("VisitorType", "Month"):
        table = summary["by"][column].set_index("group")
        groups = reference.groupby(column)
        assert table["sessions"].to_dict() == groups.size().to_dict()
        assert table["bounce_rate"].to_dict() == pytest.approx((100 * groups["BounceRates"].mean()).to_dict())
        assert table["exit_rate"].to_dict() == pytest.approx((100 * groups["ExitRates"].mean()).to_dict())
        assert table["conversion_rate"].to_dict() == pytest.approx((100 * groups["Revenue"].mean()).to_dict())
        n, sd = groups.size(), groups["ExitRates"].std()
        half = 100 * t.ppf(0.975, n - 1) * sd / np.sqrt(n)
        assert (table["exit_high"] - table["exit_rate"]).to_dict() == pytest.approx(half.to_dict())
    assert list(summary["by"]["Month"]["group"])[:3] == ["Feb", "Mar", "May"]


def test_page_grouping_and_channels():
    urls = pd.Series(["https://puffy.com/products/puffy-mattress?size=q", "https://puffy.com/", "/cart/",
                      "https://a.com/account/orders/12345678", "home"])
    paths = pages.page_path(urls)
    assert paths.tolist() == ["/products/puffy-mattress", "/", "/cart", "/account/orders/12345678", "home"]
    assert pages.group_pages(paths).tolist() == ["/products/*", "/", "/cart", "/account/orders/*", "home"]
    assert pages.group_pages(paths, ["/products/*-mattress"]).iloc[0] == "/products/*-mattress"
    landing = pd.Series(["https://s.com/?gclid=1&gad_source=1", "https://s.com/?irclickid=x", "https://s.com/",
                         "https://s.com/", "https://s.com/?utm_medium=email", "https://s.com/", "https://s.com/"])
    referrer = pd.Series(["", "", "https://www.google.com/", "https://l.facebook.com/", "", "", "https://blog.x.org/a"])
    assert traffic.channel(landing, referrer).tolist() == ["paid_search", "affiliate", "organic_search", "social",
                                                           "email", "direct", "referral"]
    agents = pd.Series(["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148",
                        "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
                        "Mozilla/5.0 (compatible; Googlebot/2.1)", None])
    assert traffic.device_class(agents).tolist() == ["mobile", "tablet", "desktop", "bot", "unknown"]


def test_stages_and_paths_add_up(web_all):
    found, _ = web_all
    stages = found.stages()
    assert stages["stage"].tolist() == ["awareness", "consideration", "purchase", "experience", "service", "loyalty"]
    staged_sessions = found.ordered.assign(stage=assign_stages(found.ordered)).dropna(subset=["stage"])["session"].nunique()
    assert stages["exits"].sum() == staged_sessions
    assert (stages["exits"] <= stages["sessions"]).all()
    flows = found.flows(steps=2)
    first = flows[flows["step"] == 1]
    assert first["sessions"].sum() == (found.sessions["pages"] >= 1).sum()
    assert first.loc[first["to_page"] == "(exit)", "sessions"].sum() == (found.sessions["pages"] == 1).sum()
    paths = found.paths(length=5)
    assert paths["sessions"].iloc[0] >= paths["sessions"].iloc[-1]
    assert paths["path"].str.count(" → ").max() <= 5


def test_unknown_step_and_unusable_files_raise_input_errors(tmp_path, shared_data):
    with pytest.raises(InputError, match="nosuchstep"):
        analyse(shared_data / ESHOP, steps=["product", "nosuchstep"])
    no_visitor = tmp_path / "no_visitor.csv"
    no_visitor.write_text("timestamp,page\n2025-01-01,/a\n")
    with pytest.raises(InputError, match="no_visitor.csv: no visitor id"):
        read_events(no_visitor)
    bad_time = tmp_path / "bad_time.csv"
    bad_time.write_text("client_id,timestamp,page\na,yesterday,/a\nb,soon,/b\n")
    with pytest.raises(InputError, match="bad_time.csv: column 'timestamp'"):
        read_events(bad_time)
    with pytest.raises(InputError):
        sessionise(read_events(shared_data / ESHOP).frame, 0)


def test_cli_json_shape(shared_data, run_cli):
    done = run_cli("behaviour", shared_data / WEB, "--json", "--steps", "product,cart,checkout,purchase")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"visitors", "sessions", "bounce_rate", "pages_per_session", "funnel", "exit_pages", "excluded"} <= set(result)
    assert set(result["bounce_rate"]) >= {"value", "low", "high", "n"}
    assert set(result["funnel"][0]) >= {"step", "sessions", "share", "drop_off"}
    assert set(result["exit_pages"][0]) >= {"page", "exits", "exit_rate"}
    assert result["excluded"]["bot"] > 500
    assert [row["label"] for row in result["funnel"]][1:] == ["product_added_to_cart", "checkout_started",
                                                             "checkout_completed"]
    kept = json.loads(run_cli("behaviour", shared_data / ESHOP, "--json", "--keep-bots", "--markers", "", "--session-gap",
                              "120").stdout)
    assert kept["excluded"] == {} and kept["sessions"] == 124


def test_cli_session_table_and_text(shared_data, run_cli):
    done = run_cli("behaviour", shared_data / SHOPPERS, "--json")
    result = json.loads(done.stdout)
    assert result["kind"] == "session_table" and result["sessions"] == 1000
    assert [row["group"] for row in result["by"]["VisitorType"]][0] == "Returning_Visitor"
    text = run_cli("behaviour", shared_data / ESHOP, "--lang", "zh")
    assert text.returncode == 0 and "漏斗" in text.stdout


@pytest.mark.parametrize("content, args, words", [
    ("timestamp,page\n2025-01-01,/a\n", [], "no visitor id"),
    ("client_id,timestamp,page\na,yesterday,/a\n", [], "'timestamp'"),
    ("client_id,timestamp,page\na,2025-01-01T10:00:00Z,/a\n", ["--steps", "/a,nowhere"], "'nowhere'"),
    ("client_id,timestamp,page\na,2025-01-01T10:00:00Z,/a\n", ["--session-gap", "-5"], "positive"),
])
def test_cli_bad_input_exits_2_with_one_line(tmp_path, content, args, words, run_cli):
    path = tmp_path / "log.csv"
    path.write_text(content)
    done = run_cli("behaviour", path, *args)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
    assert words in done.stderr and "Traceback" not in done.stderr
