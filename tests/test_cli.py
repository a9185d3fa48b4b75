"""The command line, run as users run it: ``python -m analysis summarize FILE --json``."""
from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.drivers import key_drivers
from analysis.prepare import prepare
from analysis.schema import detect_roles

ROOT = Path(__file__).resolve().parents[1]

GOOD = {  # format, rows read, rows used
    "airline_passenger_satisfaction_sample.csv": ("generic", 5000, 5000),
    "airline_tweets_sample.csv": ("generic", 2000, 1998),  # two repeated tweet ids
    # every response is a Qualtrics test response (legacy Status 2), so all are set aside
    "survey_exports/qualtrics_2016_insights_better_sample_survey.csv": ("qualtrics", 10, 0),
    "survey_exports/surveymonkey_vimff_cohort1_post_redacted.xlsx": ("surveymonkey", 12, 12),
    "online_retail_200_customers.csv": ("generic", 18139, 18139),
}
RETAIL = "online_retail_200_customers.csv"
BAD = {
    "empty.csv": b"",
    "whitespace.csv": b"  \r\n\t\n",
    "header_only.csv": b"id,score,comment\n",
    "random.csv": np.random.default_rng(0).bytes(4096),
    "image.csv": b"\x89PNG\r\n\x1a\n" + bytes(256),
    "broken_quote.csv": b'id,comment\nr1,fine\nr2,"never closed\nr3,more\n',
    "not_records.json": b'{"survey": "Q2", "count": 3}',
    "every_row_too_wide.csv": b"id,score\nr1,5,x\nr2,4,y\n",
}


def summarize(path: Path) -> subprocess.CompletedProcess:
    """One CLI run in a fresh interpreter from the repo root."""
    return subprocess.run([sys.executable, "-m", "analysis", "summarize", str(path), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def run_all(paths: dict[str, Path]) -> dict[str, subprocess.CompletedProcess]:
    """Run the CLI on every path at once; each run spends about a second starting Python."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip(paths, pool.map(summarize, paths.values())))


@pytest.fixture(scope="module")
def good_runs(shared_data):
    return run_all({name: shared_data / name for name in GOOD})


@pytest.fixture(scope="module")
def bad_runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    paths = {name: folder / name for name in BAD}
    paths["a_folder"] = folder
    paths["missing.csv"] = folder / "missing.csv"
    return run_all(paths)


@pytest.mark.parametrize("name", GOOD)
def test_good_file_prints_the_summary_as_json(good_runs, name):
    run = good_runs[name]
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    result = json.loads(run.stdout)
    assert {"file", "format", "rows", "rows_used", "columns", "validation"} <= result.keys()
    assert result["file"] == Path(name).name
    assert (result["format"], result["rows"], result["rows_used"]) == GOOD[name]
    set_aside = sum(issue["count"] for issue in result["validation"]
                    if issue["problem"] in ("test_response", "duplicate_id"))
    assert result["rows"] - result["rows_used"] == set_aside  # every row not used is accounted for
    assert isinstance(result["columns"], dict) and result["columns"]
    assert isinstance(result["validation"], list)


def test_transaction_summary_has_net_revenue_floors_and_set_aside_counts(good_runs):
    value = json.loads(good_runs[RETAIL].stdout)["customer_value"]
    assert value["revenue"] == pytest.approx(value["gross_revenue"] - value["returns"] + value["returns_beyond_sales"])
    assert value["lines_set_aside"]["duplicate_line"] == 205 and value["customers_set_aside"] == {"returns_only": 2}
    assert value["lifespan_floor_applied"] is True
    assert value["notes"][0] == {"code": "clv.lifespan_floor", "params": {"days": 373, "tenure": 136}}


def test_transaction_summary_text_words_the_floors_and_reasons_in_the_chosen_language(shared_data, capsys):
    assert main(["summarize", str(shared_data / RETAIL), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "CLV 假设客户至少留存一年：本导出中的购买跨度为 373 天" in out
    assert "与前面某一行完全相同的重复行 × 205" in out and "只有退货，导出中没有购买 × 2" in out
    assert "净收入 404,914.47 = 销售总额 423,223.67 − 退货 19,474.50 + 超出销售额的退货 1,165.30" in out


@pytest.mark.parametrize("name", [*BAD, "a_folder", "missing.csv"])
def test_bad_input_prints_one_error_line_and_exits_2(bad_runs, name):
    run = bad_runs[name]
    assert run.returncode == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("error: ")
    assert (name if name != "a_folder" else "bad") in lines[0]  # the folder is tmp/.../bad0


# -- publish, links, report ----------------------------------------------------------------------------

SURVEY = ROOT / "tests" / "fixtures" / "dirty_airline_survey.csv"


def run_json(capsys, *argv) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_publish_prints_the_project_version_and_links_then_adds_versions(tmp_path, capsys):
    from analysis.store import open_store

    store = str(tmp_path / "store.sqlite3")
    first = run_json(capsys, "publish", str(SURVEY), "--project", "Airline", "--store", store,
                     "--base-url", "https://lens.example.org/")
    assert set(first) == {"project", "project_id", "created", "dataset_version", "deduplicated", "kind",
                          "links_issued", "edit_url", "view_url", "looks_like"}
    assert (first["project"], first["dataset_version"], first["created"], first["kind"]) == ("Airline", 1, True,
                                                                                              "survey")
    assert first["view_url"].startswith("https://lens.example.org/?project=")
    view_token = first["view_url"].split("=", 1)[1]
    assert open_store(store).open_by_token(view_token).role == "view"

    same = run_json(capsys, "publish", str(SURVEY), "--project", "Airline", "--store", store)
    assert (same["dataset_version"], same["deduplicated"], same["links_issued"], same["view_url"]) == (1, True, False,
                                                                                                       None)
    changed = tmp_path / "dirty_airline_survey.csv"
    changed.write_bytes(SURVEY.read_bytes() + b"\n")
    again = run_json(capsys, "publish", str(changed), "--project", "Airline", "--store", store)
    assert (again["project_id"], again["dataset_version"], again["deduplicated"]) == (first["project_id"], 2, False)
    assert open_store(store).open_by_token(view_token) is not None  # earlier links stay valid

    renewed = run_json(capsys, "publish", str(changed), "--project", "Airline", "--store", store, "--new-links")
    assert renewed["links_issued"] and open_store(store).open_by_token(view_token) is None


@pytest.mark.parametrize("name, kind", [("clickstream/web_events_sample.csv", "events"),
                                        ("online_shoppers_intention_sample.csv", "events"),
                                        ("airline_passenger_satisfaction_sample.csv", "survey"),
                                        ("airline_tweets_sample.csv", "feedback"), (RETAIL, "transactions")])
def test_publish_keeps_a_web_log_or_session_table_as_the_projects_event_log(tmp_path, capsys, shared_data, name, kind):
    store = str(tmp_path / "store.sqlite3")
    assert run_json(capsys, "publish", str(shared_data / name), "--store", store)["kind"] == kind


def test_publish_keeps_a_big_web_log_as_the_file_itself(tmp_path, capsys, shared_data, monkeypatch):
    from analysis.behaviour.engine import read
    from analysis.store import open_store, publish

    monkeypatch.setattr(read, "BIG_LOG_MB", 0.01)  # files of 10 KB or more are big
    parsed, load = [], publish.load_export
    monkeypatch.setattr(publish, "load_export", lambda path: parsed.append(Path(path).name) or load(path))
    log, store = shared_data / "clickstream" / "web_events_sample.csv", str(tmp_path / "store.sqlite3")
    published = run_json(capsys, "publish", str(log), "--store", store)
    assert (published["kind"], published["dataset_version"]) == ("events", 1)
    handle = open_store(store).find_project("web_events_sample")
    kept = handle.dataset(kind="events")
    assert kept.details == {"as_file": True} and handle.file_bytes(kept.version) == log.read_bytes() and not parsed
    sessions = (shared_data / "online_shoppers_intention_sample.csv")  # a session table is parsed, however big
    assert run_json(capsys, "publish", str(sessions), "--store", store, "--project", "s")["kind"] == "events"
    assert open_store(store).find_project("s").dataset().details != {"as_file": True} and parsed == [sessions.name]


def test_links_revokes_and_regenerates(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("JOURNEY_LENS_STORE", str(tmp_path / "env.sqlite3"))
    run_json(capsys, "publish", str(SURVEY))
    revoked = run_json(capsys, "links", "dirty_airline_survey", "--revoke", "view")
    assert revoked["revoked"] == ["view"] and revoked["active"]["view"] is None and revoked["active"]["edit"]
    both = run_json(capsys, "links", "dirty_airline_survey", "--regenerate", "both")
    assert both["edit_url"] and both["view_url"] and all(both["active"].values())
    assert main(["--lang", "zh", "links", "dirty_airline_survey"]) == 0
    assert "只读链接：有效" in capsys.readouterr().out


def test_report_writes_one_html_file(tmp_path, capsys):
    out = tmp_path / "report.html"
    result = run_json(capsys, "report", str(SURVEY), "--out", str(out), "--title", "Q2 <study>", "--lang", "zh")
    assert result == {"out": str(out), "sections": 2, "files": ["dirty_airline_survey.csv"]}
    html = out.read_text(encoding="utf-8")
    assert "Q2 &lt;study&gt;" in html and "<svg" in html and "核心指标" in html


@pytest.mark.parametrize("argv, words", [
    (["publish", "{survey}", "--store", "postgresql://u:secret@127.0.0.1:9/none"], "cannot be opened"),
    (["links", "nobody", "--store", "{tmp}/s.sqlite3"], "There is no project 'nobody'"),
    (["publish", "{tmp}/missing.csv", "--store", "{tmp}/s.sqlite3"], "file not found"),
    (["report", "{tmp}/missing.csv", "--out", "{tmp}/r.html"], "file not found"),
])
def test_store_errors_are_one_line_and_exit_2(tmp_path, argv, words, run_cli):
    run = run_cli(*(part.format(survey=SURVEY, tmp=tmp_path) for part in argv))
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: ") and words in run.stderr
    assert "Traceback" not in run.stderr and "secret" not in run.stderr


# -- weight, summarize --weight-col -----------------------------------------------------------------------------

AIRLINE_TARGETS = ["--target", "Gender=Female:0.5,Male:0.5", "--target", "Class=Business:40%,Eco:45%,Eco Plus:15%"]


def test_weight_writes_every_row_with_a_weight_and_prints_what_it_cost(shared_data, tmp_path, run_cli):
    from analysis.io import load_export
    from analysis.weighting import Target, rake

    source, out = shared_data / "airline_passenger_satisfaction_sample.csv", tmp_path / "weighted.csv"
    run = run_cli("weight", source, *AIRLINE_TARGETS, "--out", out, "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert {"effective_n", "design_effect", "efficiency", "min_weight", "max_weight", "iterations", "converged",
            "margins"} <= set(result)
    export = load_export(source)
    expected = rake(export.frame, [Target("Gender", {"Female": 0.5, "Male": 0.5}),
                                   Target("Class", {"Business": 0.4, "Eco": 0.45, "Eco Plus": 0.15})])
    written = load_export(out).frame
    assert list(written.columns) == [*export.frame.columns, "weight"]
    assert written.drop(columns="weight").astype(str).equals(export.frame.astype(str))
    np.testing.assert_allclose(written["weight"].to_numpy(), expected.values.to_numpy(), rtol=1e-12)
    assert result["effective_n"] == pytest.approx(expected.effective_n, abs=0.01)
    assert result["design_effect"] == pytest.approx(expected.design_effect, abs=1e-6)
    assert result["converged"] is True and result["targets_met"] is True
    assert result["margins"]["Class"]["Eco Plus"] == {"n": 325, "before": 0.065, "after": 0.15, "target": 0.15}

    weighted = run_cli("summarize", out, "--weight-col", "weight", "--json")
    assert weighted.returncode == 0, weighted.stderr
    summary = json.loads(weighted.stdout)
    plain = json.loads(run_cli("summarize", source, "--json").stdout)
    assert set(summary["metrics"]["satisfied"]) == set(plain["metrics"]["satisfied"]) | {"effective_n"}
    w = expected.values.to_numpy()
    hits = (export.frame["satisfaction"] == "satisfied").to_numpy()
    assert summary["metrics"]["satisfied"]["value"] == pytest.approx(100 * (w * hits).sum() / w.sum(), abs=1e-4)
    assert summary["metrics"]["satisfied"]["effective_n"] == pytest.approx(expected.effective_n, abs=1e-3)
    assert summary["columns"]["weight"] == "ignore"
    assert all("effective_n" in row for row in summary["touchpoints"])
    assert summary["weights"]["excluded"] == {}
    prepared = prepare(export, detect_roles(export))
    wls = key_drivers(prepared, weights=expected.values)  # weighted least squares, as the weighted summary has them
    assert [row["touchpoint"] for row in summary["drivers"]] == wls["touchpoint"].tolist()
    assert summary["drivers"][0]["importance"] == pytest.approx(wls["importance"].iloc[0], abs=1e-4)
    assert wls.attrs["r2"] != pytest.approx(key_drivers(prepared).attrs["r2"], abs=1e-6)


def test_weight_text_and_trim_in_chinese(shared_data, tmp_path, capsys):
    out = tmp_path / "w.csv"
    argv = ["--lang", "zh", "weight", str(shared_data / "airline_passenger_satisfaction_sample.csv"),
            *AIRLINE_TARGETS, "--trim", "0.9,1.8", "--out", str(out)]
    assert main(argv) == 0
    text_out = capsys.readouterr().out
    assert "有效样本量" in text_out and "“Class” = “Eco Plus”：6.5% →" in text_out and "已截尾至 0.9–1.8" in text_out


def test_summarize_leaves_out_rows_without_a_usable_weight(tmp_path, capsys):
    path = tmp_path / "survey.csv"
    pd.DataFrame({"id": range(1, 9), "How likely are you to recommend us? (0-10)": [10, 9, 3, 7, 10, 0, 8, 9],
                  "w": [1, 2, "", "x", -1, 1, 1, 0.5]}).to_csv(path, index=False)
    result = run_json(capsys, "summarize", str(path), "--weight-col", "w")
    assert result["weights"]["excluded"] == {"weight_missing": 1, "weight_not_number": 1, "weight_not_positive": 1}
    nps = result["metrics"]["nps"]
    w, scores = np.array([1, 2, 1, 1, 0.5]), np.array([10, 9, 0, 8, 9])
    assert nps["n"] == 5
    assert nps["value"] == pytest.approx(100 * (w[scores >= 9].sum() - w[scores <= 6].sum()) / w.sum(), abs=1e-4)
    assert nps["effective_n"] == pytest.approx(w.sum() ** 2 / (w ** 2).sum(), abs=1e-4)
    assert main(["summarize", str(path), "--weight-col", "w"]) == 0
    assert "Weighted by 'w': 5 rows" in capsys.readouterr().out


@pytest.mark.parametrize("argv, words", [
    (["weight", "{airline}", "--target", "Gender=Female:0.6,Male:0.5", "--out", "{tmp}/w.csv"], "sum to 1.1, not 1"),
    (["weight", "{airline}", "--target", "Class=Business:0.5,Eco:0.5", "--out", "{tmp}/w.csv"], "'Eco Plus'"),
    (["weight", "{airline}", "--target", "gender=f:1", "--out", "{tmp}/w.csv"], "'gender' is not a column"),
    (["weight", "{airline}", "--target", "Gender=Female:0.5,Male:0.5,Other:0", "--out", "{tmp}/w.csv"], "above 0"),
    (["weight", "{airline}", "--target", "Gender", "--out", "{tmp}/w.csv"], "cannot be read"),
    (["weight", "{airline}", "--target", "Gender=Female:0.5,Male:0.5", "--trim", "2,3", "--out", "{tmp}/w.csv"],
     "Trimming needs"),
    (["summarize", "{airline}", "--weight-col", "Gender"], "no usable weight"),
])
def test_weight_errors_are_one_line_and_exit_2(shared_data, tmp_path, argv, words, run_cli):
    airline = shared_data / "airline_passenger_satisfaction_sample.csv"
    run = run_cli(*(part.format(airline=airline, tmp=tmp_path) for part in argv))
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: ") and words in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "w.csv").exists()


def test_compare_weighted_by_a_column_of_the_file(tmp_path, run_cli):
    """``compare --weight-col``: each group's NPS is the weighted one (by hand), tested at Kish's effective n; the
    weight column is not compared as a rating; ``--groups all`` is weighted too; the text says so."""
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"id": range(60), "How likely are you to recommend us? (0-10)": rng.integers(0, 11, 60),
                          "Region": np.repeat(["North", "South", "East"], 20), "w": rng.uniform(0.5, 2.5, 60).round(3)})
    path = tmp_path / "regions.csv"
    frame.to_csv(path, index=False)
    run = run_cli("compare", path, "--by", "Region", "--groups", "North,South", "--weight-col", "w", "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["weighted_by"] == "w" and [row["metric"] for row in result["comparisons"]] == ["nps"]
    nps = result["comparisons"][0]
    for group, side in (("North", "a"), ("South", "b")):
        rows = frame[frame["Region"] == group]
        w, score = rows["w"].to_numpy(), rows["How likely are you to recommend us? (0-10)"].to_numpy()
        assert nps[f"value_{side}"] == pytest.approx(100 * (w[score >= 9].sum() - w[score <= 6].sum()) / w.sum())
        assert nps[f"effective_n_{side}"] == pytest.approx(w.sum() ** 2 / (w ** 2).sum())
    unweighted = json.loads(run_cli("compare", path, "--by", "Region", "--groups", "North,South", "--json").stdout)
    assert unweighted["weighted_by"] is None and unweighted["comparisons"][0]["value_a"] != nps["value_a"]
    every = run_cli("compare", path, "--by", "Region", "--groups", "all", "--weight-col", "w")
    assert every.returncode == 0 and "Weighted by 'w'" in every.stdout.splitlines()[1], every.stdout
    refused = run_cli("compare", path, "--by", "Region", "--weight-col", "Region")
    assert refused.returncode == 2 and "no usable weight" in refused.stderr and "Traceback" not in refused.stderr


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_behaviour_leaves_out_a_header_only_daily_file_on_either_engine(tmp_path, capsys, shared_data, engine):
    log = shared_data / "clickstream" / "web_events_sample.csv"
    empty = tmp_path / "2025-01-03.csv"
    empty.write_text(log.read_text().splitlines()[0] + "\n")
    alone = run_json(capsys, "behaviour", str(log), "--engine", engine)
    both = run_json(capsys, "behaviour", str(log), str(empty), "--engine", engine)
    assert both == alone and both["files"] == [log.name]  # left out, on both engines alike
    other = tmp_path / "x.csv"
    other.write_text(empty.read_text())
    assert main(["behaviour", str(empty), str(other), "--engine", engine]) == 2
    told = capsys.readouterr().err
    assert "'2025-01-03.csv'" in told and "'x.csv'" in told and "Traceback" not in told
