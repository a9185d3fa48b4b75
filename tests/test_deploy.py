"""Serving a team (``deploy/``): the Dockerfile, the compose file, ``make serve`` and the failover browser test run
one command; the proxy's configuration is valid HAProxy with stickiness and a health check; a SQLite store is refused
for several processes; log lines are JSON and carry no user data."""
from __future__ import annotations

import ast
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.logs import JsonFormatter, json_handler, log_line
from deploy.serve import prepared_store, proxy_config, serve_command

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def dockerfile_cmd() -> list[str]:
    lines = [line for line in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines()
             if line.startswith("CMD ")]
    assert len(lines) == 1
    return json.loads(lines[0][len("CMD "):])


def compose_command() -> list[str]:
    """The app service's command (a flow sequence of quoted strings: JSON as much as YAML)."""
    lines = [line.strip() for line in (DEPLOY / "compose.yaml").read_text(encoding="utf-8").splitlines()
             if line.strip().startswith("command:")]
    assert len(lines) == 1
    return json.loads(lines[0][len("command:"):])


def make_serve_recipe() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^serve:.*\n\t(.+)$", text, re.MULTILINE)
    return recipe.group(1).split()


def browser_test_call() -> ast.Call:
    """The ``serve_command(...)`` call of the failover browser test."""
    tree = ast.parse((ROOT / "tests" / "e2e" / "test_serve_browser.py").read_text(encoding="utf-8"))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and getattr(node.func, "id", None) == "serve_command"]
    assert len(calls) == 1
    return calls[0]


def test_the_container_recipe_runs_the_command_the_browser_test_runs():
    call = browser_test_call()
    replicas = ast.literal_eval(call.args[0])
    assert [ast.unparse(arg) for arg in call.args[1:]] == ["port", "sys.executable"] and not call.keywords
    expected = serve_command(replicas, 8501)
    assert dockerfile_cmd() == expected
    assert compose_command() == expected
    assert make_serve_recipe() == serve_command("$(REPLICAS)", "$(PORT)", "$(BIN)/python")


def test_the_compose_file_publishes_the_proxy_port_over_postgresql():
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    port = compose_command()[compose_command().index("--port") + 1]
    assert f'"{port}:{port}"' in text
    assert re.search(r"JOURNEY_LENS_STORE: postgresql://", text)
    assert f"127.0.0.1:{port}/_stcore/health" in text


def test_haproxy_comes_from_debian_in_ci_and_in_the_container():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    docker = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"apt-get install -y haproxy", ci)
    assert re.search(r"apt-get install -y --no-install-recommends haproxy", docker)


def test_the_proxy_configuration_keeps_browsers_on_their_process_and_checks_health(tmp_path):
    config = proxy_config("127.0.0.1", 8600, {"r1": 8601, "r2": 8602, "r3": 8603})
    servers = re.findall(r"^\s+server (\S+) 127\.0\.0\.1:(\d+) cookie (\S+)$", config, re.MULTILINE)
    assert servers == [("r1", "8601", "r1"), ("r2", "8602", "r2"), ("r3", "8603", "r3")]
    assert "bind 127.0.0.1:8600" in config
    assert re.search(r"^\s+cookie JOURNEY_LENS_REPLICA insert", config, re.MULTILINE)
    assert "option httpchk GET /_stcore/health" in config and "option redispatch" in config
    assert "$" not in config.replace("$)", "")  # every placeholder filled in (regsub's anchor aside)
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not os.path.exists(haproxy):
        if os.environ.get("CI"):
            pytest.fail("haproxy is not installed (.ci/run installs Debian's haproxy)")
        pytest.skip("haproxy is not installed")
    path = tmp_path / "haproxy.cfg"
    path.write_text(config, encoding="utf-8")
    checked = subprocess.run([haproxy, "-c", "-f", str(path)], check=False, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_proxy_never_sends_a_request_on_a_connection_the_app_process_may_close_as_idle():
    """An app process (uvicorn) closes a connection idle for 5 s; a request the proxy sent on a kept connection at
    that moment failed (seen on upload PUTs under load). The proxy closes its side after each answer instead."""
    config = proxy_config("127.0.0.1", 8600, {"r1": 8601})
    options = [line.split("#")[0].strip() for line in config.splitlines()]
    assert "option http-server-close" in options
    assert not [line for line in options if line.startswith(("http-reuse", "option http-keep-alive",
                                                              "no option http-server-close"))]


def test_a_sqlite_store_is_refused_for_several_processes(monkeypatch, tmp_path):
    monkeypatch.setenv("JOURNEY_LENS_STORE", str(tmp_path / "store.sqlite3"))
    with pytest.raises(SystemExit) as refused:
        prepared_store(2)
    message = str(refused.value)
    assert "2 app processes" in message and "JOURNEY_LENS_STORE=postgresql://" in message
    assert "--replicas 1" in message
    assert not (tmp_path / "store.sqlite3").exists()
    assert prepared_store(1) == "sqlite"
    assert (tmp_path / "store.sqlite3").exists()


def test_an_unreachable_store_stops_the_start_with_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("JOURNEY_LENS_STORE", "postgresql://someone:hunter2@127.0.0.1:1/nothing")
    with pytest.raises(SystemExit) as refused:
        prepared_store(2)
    assert str(refused.value).startswith("error: ") and "hunter2" not in str(refused.value)


def test_the_command_refuses_sqlite_before_starting_anything(tmp_path):
    env = dict(os.environ, JOURNEY_LENS_STORE=str(tmp_path / "store.sqlite3"))
    done = subprocess.run(serve_command(3, 1, sys.executable), check=False, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert "3 app processes need one PostgreSQL store" in done.stderr and "Traceback" not in done.stderr


SECRET_ROW = "Passenger 4711,Business,very unhappy with the wifi"
TOKEN = "Zq3Xh8YbP0secretlinktoken"


def test_a_log_line_is_one_json_object_without_user_data_or_tokens():
    stream = io.StringIO()
    logger = logging.getLogger("journey_lens.test_deploy")
    logger.addHandler(json_handler(stream))
    logger.propagate = False
    try:
        logger.warning("the project could not be saved: %s", f"{SECRET_ROW} ?project={TOKEN}")
        try:
            raise ValueError(f"could not parse {SECRET_ROW!r} for project {TOKEN}")
        except ValueError:
            logger.exception("unexpected error in the UI")
    finally:
        logger.handlers.clear()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    warning, error = (json.loads(line) for line in lines)
    assert warning["event"] == "the project could not be saved: %s" and warning["level"] == "warning"
    assert error["error"] == "ValueError" and error["where"].startswith("test_deploy.py:")
    assert {"time", "source", "logger"} <= error.keys()
    assert SECRET_ROW not in stream.getvalue() and TOKEN not in stream.getvalue() and "4711" not in stream.getvalue()


def test_the_replica_name_and_the_serve_events_are_json_fields(monkeypatch):
    monkeypatch.setenv("JOURNEY_LENS_REPLICA", "r2")
    record = logging.LogRecord("streamlit", logging.INFO, __file__, 1, "Uvicorn server started on %s:%s",
                               ("127.0.0.1", 8502), None)
    line = json.loads(JsonFormatter().format(record))
    assert line["replica"] == "r2" and line["source"] == "app" and "127.0.0.1" not in json.dumps(line)
    assert json.loads(log_line("info", "ready", "serve", port=8501))["port"] == 8501
