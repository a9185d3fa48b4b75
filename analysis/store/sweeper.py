"""Retention in the background: each app server process removes the projects untouched for
``JOURNEY_LENS_RETENTION_DAYS`` days (:mod:`analysis.store.lifecycle`) in a daemon thread of its own, once when it
starts and then every :data:`SWEEP_EVERY`, never while a page runs.

Several processes may sweep one PostgreSQL store at the same moment: each project goes in a transaction of its
own that locks its row first, and a project another process removed meanwhile is skipped. Each sweep is logged
as one line (how many projects went, the days, how long it took; never a name), and a sweep that fails (the
store unreachable) is logged and tried again at the next one.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from analysis.errors import InputError
from analysis.logs import log_event
from analysis.store.lifecycle import retention_days
from analysis.store.records import Removal
from analysis.store.store import Store, open_store

SWEEP_EVERY = timedelta(hours=6)
_LOG = logging.getLogger(__name__)


def sweep(store: Store, days: int) -> list[Removal]:
    """Remove the projects of ``store`` untouched for ``days`` days, each in its own transaction, and log one line
    saying how many went; returns what was removed."""
    started = time.monotonic()
    removed = store.purge(days)
    log_event(_LOG, logging.INFO, "retention: removed %(removed)d project(s) untouched for %(days)d days",
              removed=len(removed), days=days, ms=round((time.monotonic() - started) * 1000))
    return removed


class Sweeper(threading.Thread):
    """The daemon thread sweeping one store: at once, then every ``every`` until :attr:`stopped` is set."""

    def __init__(self, location: str | None, days: int, every: timedelta):
        super().__init__(name="journey-lens-retention", daemon=True)
        self.location, self.days, self.every = location, days, every
        self.stopped = threading.Event()
        self._store: Store | None = None

    def run(self) -> None:
        while True:
            self.sweep_once()
            if self.stopped.wait(self.every.total_seconds()):
                return

    def sweep_once(self) -> None:
        """One sweep; a failure is logged (its type and place, not its message) and left for the next one."""
        try:
            self._store = self._store or open_store(self.location)
            sweep(self._store, self.days)
        except Exception:  # noqa: BLE001 - the thread must outlive a store that is down; the next sweep tries again
            _LOG.exception("retention sweep failed")


_STARTED: dict[str | None, Sweeper] = {}  # store location -> this process's sweeper of it
_START_LOCK = threading.Lock()


def start_sweeping(location: str | None = None, every: timedelta = SWEEP_EVERY) -> Sweeper | None:
    """Start this process's background retention on the store at ``location`` (default ``JOURNEY_LENS_STORE``),
    once: a second call returns the sweeper already running. None when no retention is set, or when the setting
    is not a number of days (logged)."""
    try:
        days = retention_days()
    except InputError as err:
        _LOG.warning("retention not applied: %s", err)
        return None
    if days is None:
        return None
    with _START_LOCK:
        running = _STARTED.get(location)
        if running is None or not running.is_alive():
            running = _STARTED[location] = Sweeper(location, days, every)
            running.start()
    return running
