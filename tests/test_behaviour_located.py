"""Logs connected by path on the server (analysis.behaviour.engine.located): only inside the folders the server
allows (no way out through ``..`` or a symlink), missing paths and too many files or bytes refused with their
reason, and a folder of daily files read in place giving the figures of the whole file read by pandas."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from analysis.behaviour.engine import analyse_log
from analysis.behaviour.engine.located import Limits, analyse_located, limits, locate
from analysis.behaviour.report import analyse, report
from analysis.errors import InputError
from tests.test_behaviour_engine import same_values

ROOT = Path(__file__).resolve().parents[1]
AIRLINE_EVENTS = ROOT / "data" / "sample" / "airline_web_events.csv"


def daily_files(folder: Path, source: Path = AIRLINE_EVENTS) -> list[Path]:
    """``source`` split into one CSV per day of its ``timestamp`` (rows in file order), as daily exports come."""
    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    days = frame["timestamp"].str[:10]
    written = []
    for day in sorted(days.unique()):
        path = folder / f"events_{day}.csv"
        frame[days == day].to_csv(path, index=False)
        written.append(path)
    return written


def code(call) -> str:
    with pytest.raises(InputError) as err:
        call()
    return err.value.message.code


def test_limits_come_from_the_environment_and_are_off_when_unset(tmp_path):
    assert limits({}).roots == ()
    assert code(lambda: locate(str(tmp_path), limits({}))) == "error.log_path.off"
    found = limits({"JOURNEY_LENS_LOG_ROOTS": f"{tmp_path}{os.pathsep}{tmp_path / 'b'}",
                    "JOURNEY_LENS_LOG_MAX_FILES": "7", "JOURNEY_LENS_LOG_MAX_GB": "0.5"})
    assert found.roots == (tmp_path.resolve(), (tmp_path / "b").resolve())
    assert found.max_files == 7 and found.max_bytes == 512 * 1024 ** 2
    assert limits({"JOURNEY_LENS_LOG_MAX_FILES": "many"}).max_files == Limits().max_files


def test_a_path_outside_the_allowed_folder_is_refused(tmp_path):
    root, elsewhere = tmp_path / "logs", tmp_path / "private"
    daily_files(root)
    daily_files(elsewhere)
    allowed = Limits((root.resolve(),))
    assert code(lambda: locate(str(elsewhere), allowed)) == "error.log_path.outside"
    assert code(lambda: locate(str(root / ".." / "private"), allowed)) == "error.log_path.outside"
    assert code(lambda: locate("../private", allowed)) == "error.log_path.outside"
    assert code(lambda: locate("/etc/passwd", allowed)) == "error.log_path.outside"


def test_a_symlink_leading_outside_is_refused(tmp_path):
    root, elsewhere = tmp_path / "logs", tmp_path / "private"
    root.mkdir()
    secret = daily_files(elsewhere)[0]
    (root / "link.csv").symlink_to(secret)
    (root / "linked_folder").symlink_to(elsewhere, target_is_directory=True)
    allowed = Limits((root.resolve(),))
    assert code(lambda: locate(str(root / "link.csv"), allowed)) == "error.log_path.symlink"
    assert code(lambda: locate("linked_folder", allowed)) == "error.log_path.symlink"
    assert code(lambda: locate(str(root), allowed)) == "error.log_path.symlink"  # a file of the folder leads out
    (root / "link.csv").unlink()
    inside = daily_files(root / "days")[0]
    (root / "latest.csv").symlink_to(inside)  # a link that stays inside is fine
    assert locate("latest.csv", allowed).files == (inside.resolve(),)


def test_missing_empty_too_many_and_too_big_are_refused_with_the_numbers(tmp_path):
    root = tmp_path / "logs"
    written = daily_files(root / "days")
    (root / "notes").mkdir()
    (root / "notes" / "readme.md").write_text("not a log")
    allowed = Limits((root.resolve(),))
    assert code(lambda: locate("nope", allowed)) == "error.log_path.missing"
    assert code(lambda: locate("  ", allowed)) == "error.log_path.missing"
    assert code(lambda: locate("notes", allowed)) == "error.log_path.empty"
    with pytest.raises(InputError) as err:
        locate("days", Limits(allowed.roots, max_files=len(written) - 1))
    assert err.value.message.code == "error.log_path.too_many"
    assert err.value.message.params["n"] == f"{len(written):,}" and err.value.message.params["limit"] == f"{len(written) - 1:,}"
    size = sum(path.stat().st_size for path in written)
    assert code(lambda: locate("days", Limits(allowed.roots, max_bytes=size - 1))) == "error.log_path.too_big"
    found = locate("days", Limits(allowed.roots, max_files=len(written), max_bytes=size))
    assert found.files == tuple(path.resolve() for path in written) and found.size == size
    (root / "days" / "empty.csv").write_bytes(b"")
    assert code(lambda: locate("days", allowed)) == "error.log_path.unreadable"


def test_a_version_changes_when_a_daily_file_is_added(tmp_path):
    written = daily_files(tmp_path / "days")
    allowed = Limits((tmp_path.resolve(),))
    before = locate("days", allowed).version()
    extra = tmp_path / "days" / "events_2099-01-01.csv"
    extra.write_bytes(written[0].read_bytes())
    assert locate("days", allowed).version() != before
    assert len(locate("days", allowed).version()) == len(written) + 1


def test_a_folder_of_daily_files_gives_the_figures_of_the_whole_file_in_pandas(tmp_path):
    written = daily_files(tmp_path / "days")
    assert len(written) > 3
    found = locate("days", Limits((tmp_path.resolve(),)))
    engine = analyse_log(list(found.files))
    oracle = analyse([AIRLINE_EVENTS])
    assert engine.files() == [path.name for path in written]
    assert engine.event_count() == oracle.event_count()
    assert engine.excluded_counts() == oracle.excluded_counts()
    assert sorted(engine.step_choices()) == sorted(oracle.step_choices())
    expected, got = report(oracle), report(engine)
    expected.pop("files"), got.pop("files")
    same_values(expected, got)


def test_a_connected_log_duckdb_cannot_read_says_what_to_do_in_the_app(tmp_path):
    written = daily_files(tmp_path / "days")
    lines = written[1].read_text(encoding="utf-8").splitlines()
    lines[3] += ',"unterminated'
    written[1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        analyse_located(locate("days", Limits((tmp_path.resolve(),))))
    assert err.value.message.code == "error.behaviour.engine_failed_connected"
    english, chinese = err.value.text("en"), err.value.text("zh")
    assert english.startswith(f"The connected log 'days' ({len(written):,} files) could not be read: ")
    assert written[1].name in english and "disconnect the log and upload its files" in english
    assert "已连接的日志" in chinese and "--engine" not in english + chinese
