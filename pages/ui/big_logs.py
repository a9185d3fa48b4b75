"""Big uploaded event logs, measured by the DuckDB engine like a log connected on the server.

An upload is otherwise parsed whole in memory by pandas (several times its size in the Python process). Uploaded
event logs that together hold :data:`ENGINE_MB` megabytes or more, each a file the engine reads in place
(:func:`analysis.behaviour.engine.can_read`: UTF-8 CSV, TSV or TXT, each also gzip-compressed, or Parquet), are
written once to a temporary folder and measured there by DuckDB; the pages never build their pandas frame. They
are kept in the project as the files themselves (:func:`pages.ui.files.kept_as_file`), so a session opened from the
project's link (a view link too) gets them back from the store and measures them the same way. Sessions showing the
same bytes (a shared link opened by many people) share one copy, removed when the last of them ends.
"""
from __future__ import annotations

import shutil
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from analysis.behaviour.engine import BIG_LOG_MB, can_read, is_session_table_file
from analysis.behaviour.engine.located import LocatedLog
from analysis.behaviour.engine.read import SUFFIXES
from analysis.errors import InputError
from pages.ui.connected import Connected

ENGINE_MB = BIG_LOG_MB  # uploaded event logs of this many MB or more (together) go through DuckDB, not pandas
_WRITTEN = "_big_log_files"  # session state: the session's uploads on disk, by digest and name
# The copies the sessions hold, by digest and name, held weakly: a copy is removed when no session holds it. Found
# by the digest of bytes the session has itself (uploaded, or read from its project), so no session finds another's.
_COPIES: weakref.WeakValueDictionary = weakref.WeakValueDictionary()


class OnDisk:
    """An upload's bytes written once to a temporary folder of its own, removed when the object is forgotten (its
    session ends) or the process exits; ``in_place`` tells whether the engine reads it (checked once)."""

    def __init__(self, name: str, data: bytes):
        folder = Path(tempfile.mkdtemp(prefix="journey-lens-log-"))
        weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
        self.path = folder / Path(name).name
        self.path.write_bytes(data)
        try:
            self.in_place = can_read(self.path) and not is_session_table_file(self.path)
        except InputError:  # DuckDB cannot read even its start: pandas reads it and says what is wrong
            self.in_place = False


@dataclass(frozen=True)
class BigUpload(Connected):
    """Uploaded logs read in place by DuckDB, as a connected log is (``name`` their names, ``digest`` their digests
    together, so their kept settings are the ones the pandas path keeps); ``written`` holds their files, ``names`` the
    files' names as uploaded."""

    written: tuple[OnDisk, ...] = ()
    names: tuple[str, ...] = ()

    def checked(self) -> LocatedLog:
        """The session's own copies: written by this session, not under the server's allowed folders."""
        return self.located


def _size(src) -> int | None:
    """The bytes of an upload, or of a log the project keeps as a file; None for a file kept parsed."""
    if isinstance(src.data, bytes):
        return len(src.data)
    return src.data.size if getattr(src.data, "as_file", False) else None


def big(srcs: tuple) -> bool:
    """Whether uploaded logs go through DuckDB: each held as bytes (uploaded, or kept in the project as a file) and
    named as a file the engine reads, together :data:`ENGINE_MB` megabytes or more."""
    sizes = [_size(src) for src in srcs]
    return bool(srcs) and None not in sizes and all(src.name.lower().endswith(SUFFIXES) for src in srcs) \
        and sum(sizes) >= ENGINE_MB * 1024 ** 2


def engine_sources(srcs: tuple) -> tuple:
    """``srcs``, or for big uploads (:func:`big`) one :class:`BigUpload` of their files written once for this
    session; uploads the engine cannot read after all (another encoding, a session table) stay with pandas."""
    written = st.session_state.setdefault(_WRITTEN, {})
    keys = [(src.digest, src.name) for src in srcs]
    for key in set(written) - set(keys):  # files of earlier uploads: removed with their objects
        del written[key]
    if not big(srcs):
        return srcs
    for key, src in zip(keys, srcs):
        if key not in written:
            written[key] = _copy(key, src)
    files = tuple(written[key] for key in keys)
    if not all(file.in_place for file in files):
        return srcs
    located = LocatedLog(", ".join(src.name for src in srcs), tuple(file.path for file in files),
                         sum(_size(src) for src in srcs))
    return (BigUpload(located.path, "".join(src.digest for src in srcs), located, files,
                      tuple(src.name for src in srcs)),)


def _copy(key: tuple[str, str], src) -> OnDisk:
    """The copy on disk of ``src`` (``key``: its digest and name), shared with the sessions holding the same bytes;
    written (its bytes read from the store for a kept file) when none holds it yet."""
    found = _COPIES.get(key)
    if found is None:  # two sessions at once may each write one: both correct, each removed with its holders
        found = _COPIES[key] = OnDisk(src.name, src.data if isinstance(src.data, bytes) else src.data.read())
    return found
