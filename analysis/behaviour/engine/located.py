"""Event logs connected by path on the server: a file, or a folder of daily files, under a folder the server allows.

The server's operator allows folders with ``JOURNEY_LENS_LOG_ROOTS`` (paths separated by ``os.pathsep``; unset:
no log can be connected) and bounds what one log may hold with ``JOURNEY_LENS_LOG_MAX_FILES`` (files in a
folder, 1,000 by default) and ``JOURNEY_LENS_LOG_MAX_GB`` (their total size, 100 GB by default). A chosen path is
resolved (symlinks followed) and must stay inside an allowed folder, and so must every file of a folder; the
files are then read in place by the DuckDB engine (:func:`analysis.behaviour.engine.analyse_log`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from analysis.behaviour.engine.measure import LogBehaviour, analyse_log
from analysis.behaviour.engine.read import SUFFIXES, can_read
from analysis.errors import InputError, quoted

ROOTS_ENV = "JOURNEY_LENS_LOG_ROOTS"
MAX_FILES_ENV = "JOURNEY_LENS_LOG_MAX_FILES"
MAX_GB_ENV = "JOURNEY_LENS_LOG_MAX_GB"
MAX_FILES = 1000
MAX_GB = 100.0


@dataclass(frozen=True)
class Limits:
    """Where logs may be connected from (``roots``, resolved) and how much one log may hold."""

    roots: tuple[Path, ...] = ()
    max_files: int = MAX_FILES
    max_bytes: int = int(MAX_GB * 1024 ** 3)


def limits(env=None) -> Limits:
    """The server's limits from its environment (``os.environ`` by default); no roots when unset."""
    env = os.environ if env is None else env
    roots = tuple(Path(part).expanduser().resolve() for part in env.get(ROOTS_ENV, "").split(os.pathsep)
                  if part.strip())
    return Limits(roots, _number(env, MAX_FILES_ENV, MAX_FILES, int),
                  int(_number(env, MAX_GB_ENV, MAX_GB, float) * 1024 ** 3))


def _number(env, name: str, default, kind):
    try:
        value = kind(env.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class LocatedLog:
    """A connected log: the path as chosen, its files (resolved, in name order) and their total size."""

    path: str
    files: tuple[Path, ...]
    size: int

    def version(self) -> tuple:
        """Each file's path, size and modification time: changes when a file is added, removed or rewritten."""
        return tuple((str(file), file.stat().st_size, file.stat().st_mtime_ns) for file in self.files)


def locate(chosen: str, allowed: Limits) -> LocatedLog:
    """The log at ``chosen`` (absolute, or relative to the first allowed folder), checked against ``allowed``.

    Raises
    ------
    InputError
        When connecting is off, the path is outside the allowed folders (also through a symlink), missing, holds no
        readable log file, or more files or bytes than allowed.
    """
    if not allowed.roots:
        raise InputError("error.log_path.off", setting=ROOTS_ENV)
    given = Path(str(chosen).strip()).expanduser()
    if not str(chosen).strip():
        raise InputError("error.log_path.missing", path=quoted(str(chosen)))
    if not given.is_absolute():
        given = allowed.roots[0] / given
    roots = ", ".join(str(root) for root in allowed.roots)
    lexical = Path(os.path.normpath(given))
    if not _inside(lexical, allowed.roots):
        raise InputError("error.log_path.outside", path=quoted(str(chosen)), roots=roots)
    resolved = given.resolve()
    if not _inside(resolved, allowed.roots):
        raise InputError("error.log_path.symlink", path=quoted(str(chosen)), roots=roots)
    if not resolved.exists():
        raise InputError("error.log_path.missing", path=quoted(str(chosen)))
    files = _files(resolved, allowed, roots) if resolved.is_dir() else [resolved]
    if len(files) > allowed.max_files:
        raise InputError("error.log_path.too_many", path=quoted(str(chosen)), n=f"{len(files):,}",
                         limit=f"{allowed.max_files:,}", setting=MAX_FILES_ENV)
    size = sum(file.stat().st_size for file in files)
    if size > allowed.max_bytes:
        raise InputError("error.log_path.too_big", path=quoted(str(chosen)), gb=f"{size / 1024 ** 3:,.1f}",
                         limit=f"{allowed.max_bytes / 1024 ** 3:,.1f}", setting=MAX_GB_ENV)
    unreadable = [file.name for file in files if not can_read(file)]
    if unreadable:
        raise InputError("error.log_path.unreadable", files=[quoted(name) for name in unreadable[:5]],
                         suffixes=", ".join(SUFFIXES))
    return LocatedLog(str(chosen).strip(), tuple(files), size)


def analyse_located(log: LocatedLog, *args, **options) -> LogBehaviour:
    """The connected log read in place by DuckDB (:func:`analysis.behaviour.engine.analyse_log` of its files, with
    ``args`` and ``options``). When DuckDB cannot read it, InputError ``error.behaviour.engine_failed_connected``
    says what to do in the app (the engine's own sentence is the command line's: run with ``--engine pandas``)."""
    try:
        return analyse_log(list(log.files), *args, **options)
    except InputError as err:
        if err.message.code != "error.behaviour.engine_failed":
            raise
        raise InputError("error.behaviour.engine_failed_connected", path=quoted(log.path), n=f"{len(log.files):,}",
                         reason=err.message.params["reason"]) from None


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def _files(folder: Path, allowed: Limits, roots: str) -> list[Path]:
    """The log files of a folder (not its subfolders; hidden files left out), each resolved inside a root."""
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or not entry.name.lower().endswith(SUFFIXES):
            continue
        resolved = entry.resolve()
        if not _inside(resolved, allowed.roots):
            raise InputError("error.log_path.symlink", path=quoted(str(entry)), roots=roots)
        if resolved.is_file():
            found.append(resolved)
    if not found:
        raise InputError("error.log_path.empty", path=quoted(str(folder)), suffixes=", ".join(SUFFIXES))
    return found
