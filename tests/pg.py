"""A real PostgreSQL server for the store tests: ``JOURNEY_LENS_TEST_PG`` (a URL) when set, else a
throw-away cluster (initdb into a temporary folder, pg_ctl on a free port, Unix socket in that folder).

Without PostgreSQL's binaries the tests that need it are skipped, except on CI (``CI`` set), where that
fails the run; ``.ci/run`` installs Debian's ``postgresql`` when they are missing.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text

URL_VARIABLE = "JOURNEY_LENS_TEST_PG"
DATABASE = "journey_lens_test"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)),
                                            None)
    return Path(found).resolve().parent if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the ``postgres`` user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str]) -> None:
    done = subprocess.run(_as_server_user(command), capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stdout}{done.stderr}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of an empty PostgreSQL database for this test session."""
    if os.environ.get(URL_VARIABLE):
        yield os.environ[URL_VARIABLE]
        return
    folder = binaries()
    if folder is None:
        reason = "PostgreSQL binaries (initdb, pg_ctl) not found; install Debian's postgresql or set " + URL_VARIABLE
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="jl-pg-"))
    if os.geteuid() == 0:
        server = pwd.getpwnam("postgres")
        os.chown(root, server.pw_uid, server.pw_gid)
    data, port = root / "data", free_port()
    _run([str(folder / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
    _run([str(folder / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60", "start",
          "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"])
    try:
        admin = create_engine(f"postgresql+psycopg://postgres@/postgres?host={root}&port={port}",
                              isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {DATABASE}"))
        admin.dispose()
        yield f"postgresql+psycopg://postgres@/{DATABASE}?host={root}&port={port}"
    finally:
        _run([str(folder / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)
