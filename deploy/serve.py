"""Serving a team: ``python -m deploy.serve --replicas N --port P`` (``make serve REPLICAS=N PORT=P``).

Starts N app processes (``python -m pages.ui.serve``) on ports P+1 … P+N of 127.0.0.1 and HAProxy on P in front
of them (``deploy/haproxy.cfg``): a cookie keeps each browser, and so its WebSocket, on one process; the proxy
checks ``/_stcore/health`` every second and moves the browsers of a process that stopped answering to another.

The store is ``JOURNEY_LENS_STORE``. Every process must see the same projects, so more than one process needs
PostgreSQL: a SQLite store is refused then. The store is opened (created or migrated) once here, before any
process starts. All processes share one cookie secret, so a browser that moves keeps working.

Everything is logged to standard output as JSON lines (:mod:`analysis.logs`): the proxy's one line per request,
the processes' warnings and errors, and this script's own events. A process that exits is started again unless
it failed within its first minute; SIGTERM or SIGINT stops the proxy and then every process, and nothing is left
running.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from string import Template

from analysis.errors import InputError
from analysis.logs import REPLICA_VARIABLE, log_line
from analysis.store.location import STORE_VARIABLE, store_url

ROOT = Path(__file__).resolve().parents[1]

PROXY_TEMPLATE = ROOT / "deploy" / "haproxy.cfg"
DEFAULT_PORT = 8501
STARTUP_TIMEOUT_S = 120
STOP_TIMEOUT_S = 10
CRASH_LOOP_S = 60
OUTPUT_LIMIT = 300
COOKIE_SECRET_VARIABLE = "STREAMLIT_SERVER_COOKIE_SECRET"
_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None)
_WRITE = threading.RLock()  # re-entrant: the signal handler logs too


def serve_command(replicas: int, port: int, python: str = "python") -> list[str]:
    """The one command that serves a team; ``make serve``, the Dockerfile, the compose file and the failover
    browser test all run it (``tests/test_deploy.py`` keeps them in step)."""
    return [python, "-m", "deploy.serve", "--replicas", str(replicas), "--port", str(port)]


def replica_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """One app process on ``port``, as ``make run`` and the browser tests start it."""
    return [sys.executable, "-m", "pages.ui.serve", "--server.port", str(port), "--server.address", address,
            "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


def emit(line: str) -> None:
    """Write one log line to standard output, whole, whichever thread writes."""
    with _WRITE:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def event(level: str, name: str, **fields) -> None:
    emit(log_line(level, name, "serve", **fields))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="app processes to start (default 2)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"the proxy's port (default {DEFAULT_PORT})")
    parser.add_argument("--address", default="0.0.0.0", help="the proxy's address (default 0.0.0.0: every one)")
    parser.add_argument("--first-replica-port", type=int, default=None,
                        help="the first app process's port (default: the proxy's port + 1)")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be 1 or more")
    return args


def prepared_store(replicas: int) -> str:
    """The store's kind (``sqlite`` or ``postgresql``) once it is open and migrated; exits with a message when it
    cannot serve ``replicas`` processes or cannot be opened."""
    url = store_url()
    kind = url.split(":", 1)[0].split("+", 1)[0]
    if kind == "sqlite" and replicas > 1:
        raise SystemExit(
            f"error: {replicas} app processes need one PostgreSQL store that all of them share, and "
            f"{STORE_VARIABLE} is {'a SQLite file' if os.environ.get(STORE_VARIABLE) else 'not set (a SQLite file)'}. "
            f"Set {STORE_VARIABLE}=postgresql://USER:PASSWORD@HOST/DATABASE, or serve with --replicas 1.")
    from analysis.store import open_store

    try:
        open_store(url)
    except InputError as err:
        raise SystemExit(f"error: {err.text()}") from None
    return kind


def port_is_free(port: int, address: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError:
            return False
    return True


def proxy_config(address: str, port: int, replicas: dict[str, int]) -> str:
    """``deploy/haproxy.cfg`` filled in: the proxy on ``address:port``, one server line per replica (name → port),
    each with its own cookie value."""
    servers = "\n".join(f"    server {name} 127.0.0.1:{replica_port} cookie {name}"
                        for name, replica_port in replicas.items())
    return Template(PROXY_TEMPLATE.read_text(encoding="utf-8")).substitute(address=address, port=port,
                                                                           servers=servers)


def _die_with_parent() -> None:
    """In a child, before it runs: be sent SIGTERM when this script dies, even by SIGKILL (Linux), so that no
    process is left without its supervisor. One C call on a library loaded before the fork: nothing here takes a
    lock another thread could hold."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _forward(stream, name: str) -> None:
    """Copy a child's output to ours: JSON lines as they are, any other line (a banner, a crash before logging
    was set up) as a JSON line holding its first characters."""
    for raw in stream:
        line = raw.decode("utf-8", "replace").rstrip()
        if not line:
            continue
        try:
            json.loads(line)
            emit(line)
        except ValueError:
            emit(log_line("info", "output", name, text=line[:OUTPUT_LIMIT]))
    stream.close()


@dataclass
class Child:
    """A process this script started and watches."""

    name: str
    command: list[str]
    env: dict[str, str]
    port: int | None = None
    process: subprocess.Popen | None = None
    started: float = 0.0
    given_up: bool = False

    def start(self) -> None:
        # A session of its own: Ctrl-C in a terminal reaches this script only, which then stops the proxy first.
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, start_new_session=True,
                                        preexec_fn=_die_with_parent)  # noqa: PLW1509 (see there)
        self.started = time.monotonic()
        threading.Thread(target=_forward, args=(self.process.stdout, self.name), daemon=True).start()
        event("info", "started", process=self.name, pid=self.process.pid, port=self.port)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after STOP_TIMEOUT_S."""
        if not self.running():
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        event("info", "stopped", process=self.name, pid=self.process.pid, code=self.process.returncode)


def healthy(url: str) -> bool:
    """Whether the app (or the proxy) at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


def replica_ports(args: argparse.Namespace) -> dict[str, int]:
    """Each app process's name (``r1``, ``r2``, …) and port: from ``--first-replica-port``, else the proxy's + 1."""
    first = args.first_replica_port or args.port + 1
    return {f"r{i + 1}": first + i for i in range(args.replicas)}


class Service:
    """The app processes and the proxy: start, watch, stop."""

    def __init__(self, args: argparse.Namespace, folder: Path):
        self.replica_ports = replica_ports(args)
        env = dict(os.environ, JOURNEY_LENS_LOG_FORMAT="json", PYTHONUNBUFFERED="1")
        env.setdefault(COOKIE_SECRET_VARIABLE, secrets.token_urlsafe(32))
        self.replicas = [Child(name, replica_command(port), dict(env, **{REPLICA_VARIABLE: name}), port)
                         for name, port in self.replica_ports.items()]
        config = folder / "haproxy.cfg"
        config.write_text(proxy_config(args.address, args.port, self.replica_ports), encoding="utf-8")
        self.proxy = Child("proxy", [shutil.which("haproxy"), "-db", "-f", str(config)], dict(os.environ), args.port)
        self.stopping = threading.Event()

    def start(self) -> None:
        """Start every app process, wait until each answers its health check, then start the proxy."""
        for replica in self.replicas:
            replica.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        waiting = list(self.replicas)
        while waiting:
            for replica in list(waiting):
                if not replica.running():
                    raise RuntimeError(f"app process {replica.name} exited with status "
                                       f"{replica.process.returncode} while starting")
                if healthy(f"http://127.0.0.1:{replica.port}"):
                    waiting.remove(replica)
            if not waiting:
                break
            if time.monotonic() > deadline:
                raise RuntimeError("app processes did not answer their health check within "
                                   f"{STARTUP_TIMEOUT_S} s: " + ", ".join(replica.name for replica in waiting))
            if self.stopping.wait(0.5):
                return
        self.proxy.start()

    def watch(self) -> int:
        """Until asked to stop: start again an app process that exited (unless it failed within its first
        minute); 1 when the proxy or every app process is gone, else 0."""
        while not self.stopping.wait(0.5):
            if not self.proxy.running():
                event("error", "proxy exited", code=self.proxy.process.returncode)
                return 1
            for replica in self.replicas:
                if replica.given_up or replica.running():
                    continue
                lived = time.monotonic() - replica.started
                event("error", "process exited", process=replica.name, pid=replica.process.pid,
                      code=replica.process.returncode, lived_s=round(lived, 1))
                if lived < CRASH_LOOP_S:
                    replica.given_up = True
                    event("error", "process not restarted: it failed within its first minute", process=replica.name)
                else:
                    replica.start()
            if all(replica.given_up for replica in self.replicas):
                event("error", "no app process left")
                return 1
        return 0

    def stop(self) -> None:
        """The proxy first (no new requests), then every app process."""
        self.proxy.stop()
        for replica in self.replicas:
            replica.stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not shutil.which("haproxy"):
        raise SystemExit("error: haproxy is not installed; install Debian's package: apt-get install haproxy.")
    kind = prepared_store(args.replicas)
    busy = [port for port in [args.port] if not port_is_free(port, args.address)]
    busy += [port for port in replica_ports(args).values() if not port_is_free(port)]
    if busy:
        raise SystemExit(f"error: port {', '.join(map(str, busy))} is in use; choose another --port "
                         "(the app processes take the ports after it) or --first-replica-port.")
    with tempfile.TemporaryDirectory(prefix="journey-lens-serve-") as folder:
        service = Service(args, Path(folder))

        def on_signal(number, _frame):
            event("info", "stopping", signal=signal.Signals(number).name)
            service.stopping.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        code = 0
        try:
            service.start()
            if not service.stopping.is_set():
                event("info", "ready", port=args.port, replicas=args.replicas, store=kind)
                code = service.watch()
        except RuntimeError as err:
            event("error", "start failed", reason=str(err))
            code = 1
        finally:
            service.stop()
            event("info", "stopped all", code=code)
    return code


if __name__ == "__main__":
    sys.exit(main())
