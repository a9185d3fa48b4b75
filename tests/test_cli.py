"""The command line, run as users run it: ``python -m analysis summarize FILE --json``."""
from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from analysis.cli import main

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
