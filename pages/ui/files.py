"""The files a session works on: the survey, the feedback export and the behaviour logs, uploaded (one upload
path for every kind) or the bundled sample, and kept in the project as dataset versions.

A file is a :class:`Source`: its name, its bytes (or where the project keeps them) and their SHA-256, the key
of every cache and of every setting made for it. The files in use are kept by the ``files`` feature
(:mod:`pages.ui.kept`): a new session opened from the project's link gets them back from the store.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass

import streamlit as st

from analysis.errors import InputError
from analysis.io import load_export
from analysis.sample import sample_paths
from analysis.store.frames import export_details
from analysis.store.project import AS_FILE
from analysis.waves import stacked_export
from pages.ui import access, big_logs, kept, project
from pages.ui.cache import cached

KINDS = ("survey", "feedback")
EVENTS = "events"
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "json", "jsonl", "ndjson"]


@dataclass(frozen=True)
class StoredFile:
    """A dataset version of the session's project, read back from the store when it is needed."""

    token: str
    version: int
    size: int = 0
    as_file: bool = False  # kept as the file's own bytes (a big event log, never parsed whole)

    def export(self):
        """The loaded export, as it was when the file was uploaded."""
        return self._opened().export(self.version)

    def read(self) -> bytes:
        """The stored bytes (the file itself for a file kept :attr:`as_file`)."""
        return self._opened().file_bytes(self.version)

    def _opened(self):
        opened = project.store().open_by_token(self.token)
        if opened is None:
            raise InputError("error.store.link_revoked")
        return opened


@dataclass(frozen=True)
class Waves:
    """A survey and further waves of the same questionnaire, read as one file (:func:`analysis.waves.stacked_export`):
    the ``base`` file, its wave's ``label``, and per further wave its label, file and matching table
    (``(wave column, base column or None)`` pairs)."""

    base: Source
    label: str
    waves: tuple[tuple[str, Source, tuple[tuple[str, str | None], ...]], ...]

    def export(self):
        """The stacked export (raises ``InputError`` when a file cannot be read or a match no longer fits)."""
        exports = [load(self.base), *(load(src) for _, src, _ in self.waves)]
        matches = [dict(pairs) for _, _, pairs in self.waves]
        return stacked_export(exports, matches, [self.label, *(label for label, _, _ in self.waves)])[0]


@dataclass(frozen=True)
class Source:
    """One file the analyst works on: its name, bytes (or where the project keeps it), their SHA-256 (the cache
    key) and its dataset version in the session's project."""

    name: str
    data: bytes | StoredFile | Waves
    digest: str
    sample: bool = False
    version: int | None = None


def from_bytes(name: str, data: bytes, sample: bool = False) -> Source:
    """The Source of an upload (or a sample file)."""
    return Source(name, data, hashlib.sha256(data).hexdigest(), sample)


def _stored(version: int) -> Source | None:
    """Dataset ``version`` of the session's project (None when the project no longer has it)."""
    opened = project.handle()
    found = {item.version: item for item in opened.datasets()} if opened is not None else {}
    if version not in found:
        return None
    dataset = found[version]
    stored = StoredFile(project.current()["token"], version, dataset.size, bool(dataset.details.get(AS_FILE)))
    return Source(dataset.file_name, stored, dataset.sha256, version=version)


SAMPLE = "sample"  # kept for a kind when the analyst went back to the bundled sample


def _dump(value):
    if isinstance(value, tuple):
        return [src.version for src in value if src.version is not None]
    return value if value == SAMPLE else value.version


def _load(value):
    if isinstance(value, list):
        return tuple(src for src in (_stored(version) for version in value) if src is not None)
    return _stored(value) if isinstance(value, int) else SAMPLE if value == SAMPLE else None


FILES = kept.feature("files", _dump, _load)


def _dump_waves(value: dict) -> dict:
    waves = [{"label": label, "version": src.version, "match": [list(pair) for pair in pairs]}
             for label, src, pairs in value["waves"] if src.version is not None]
    return {"label": value["label"], "waves": waves}


def _load_waves(value: dict) -> dict:
    found = [(wave["label"], _stored(wave["version"]), tuple(tuple(pair) for pair in wave["match"]))
             for wave in value.get("waves", [])]
    return {"label": value["label"], "waves": tuple(wave for wave in found if wave[1] is not None)}


WAVES = kept.feature("waves", _dump_waves, _load_waves)
"""Per survey (its digest): ``{"label": its wave's label, "waves": ((label, Source, match pairs), ...)}``."""


def with_waves(base: Source) -> Source:
    """``base``, or ``base`` stacked with the waves kept for it, as one :class:`Source` (its digest covers every
    file, label and match, so a change makes a new cache key)."""
    kept_waves = WAVES.get(base.digest)
    if not kept_waves or not kept_waves["waves"]:
        return base
    combined = Waves(base, kept_waves["label"], tuple(kept_waves["waves"]))
    parts = [(label, src.digest, pairs) for label, src, pairs in combined.waves]
    key = json.dumps([base.digest, combined.label, parts])
    return Source(base.name, combined, hashlib.sha256(key.encode("utf-8")).hexdigest(), version=base.version)


@st.cache_data(show_spinner=False)
def _sample(kind: str) -> Source:
    path = sample_paths()[kind]
    return from_bytes(path.name, path.read_bytes(), sample=True)


def source(kind: str) -> Source:
    """The file of this kind in use: the one chosen in the project (by default its latest of this kind, as a
    project published from the command line has it), else the bundled sample."""
    chosen = FILES.get(kind)
    if chosen is None:
        chosen = _latest(kind)
    found = _sample(kind) if chosen is None or chosen == SAMPLE else chosen
    return with_waves(found) if kind == "survey" else found


def _latest(kind: str) -> Source | None:
    """The project's latest dataset of ``kind``, kept as the one in use (the sample when it has none; None
    without a project)."""
    opened = project.handle()
    if opened is None:
        return None
    found = opened.datasets(kind)
    latest = _stored(found[-1].version) if found else SAMPLE
    FILES.put(kind, latest)
    return latest


def logs() -> tuple[Source, ...]:
    """The behaviour logs in use, in upload order (empty when none): the analyst's (by default the project's latest
    published from the command line), else the bundled sample's
    while the survey is the sample too, or when the analyst went back to it (another dataset's visits must not
    be read as theirs)."""
    chosen = FILES.get(EVENTS)
    if chosen is None:
        chosen = _published_log()
    if chosen == SAMPLE or (chosen is None and source("survey").sample):
        return (_sample(EVENTS),)
    return chosen or ()


def _published_log() -> tuple[Source, ...] | None:
    """The project's latest event log, kept as the one in use, when none was chosen yet (a project published from
    the command line); None without one."""
    opened = project.handle()
    found = opened.datasets(EVENTS) if opened is not None else []
    if not found:
        return None
    latest = tuple(src for src in (_stored(found[-1].version),) if src is not None)
    FILES.put(EVENTS, latest)
    return latest


def load(src: Source):
    """The parsed export of ``src`` (raises ``InputError`` for unreadable files); kept in the size-bounded cache
    by the file's digest, so two users share it only when they uploaded the same bytes."""
    data = src.data
    return cached(("load", src.digest, src.name), lambda: load_export(data, name=src.name)
                  if isinstance(data, bytes) else data.export())


def kept_in_project(found: Source, kind: str) -> Source:
    """``found`` with its dataset version once it is kept in the project (editors; an unreadable file is not
    kept, the Data page says what is wrong with it; when the store cannot be written the file is analysed in
    this session only, and the sidebar says so)."""
    try:
        export = load(found)
    except InputError:
        return found
    return _kept(found, lambda opened: opened.add_dataset(export.frame, found.name, kind, source=found.data,
                                                          details=export_details(export)))


def kept_as_file(found: Source, kind: str) -> Source:
    """``found`` kept in the project as the file's own bytes, unparsed (a big event log: the engine reads a copy of
    it in place), with its dataset version, as :func:`kept_in_project` keeps a parsed one."""
    return _kept(found, lambda opened: opened.add_file(found.data, found.name, kind))


def _kept(found: Source, add) -> Source:
    """``found`` with the version ``add(project handle)`` stored it as (editors only; the file alone when the store
    cannot be written)."""
    if not project.can_edit():
        return found
    with project.saving(), project.transaction():
        added = add(project.ensure(found.name))
        return dataclasses.replace(found, version=added.dataset.version)
    return found


def remember(kind: str, widget_key: str) -> None:
    """Uploader callback: keep the new file(s) in the session and the project, or forget them when removed. Big
    event logs (:func:`pages.ui.big_logs.big`) are kept as the files themselves (parsing them whole with pandas is
    what the engine avoids)."""
    chosen = st.session_state.get(widget_key)
    if kind == EVENTS:
        found = tuple(from_bytes(file.name, file.getvalue()) for file in chosen or [])
        keep = kept_as_file if big_logs.big(found) else kept_in_project
        FILES.put(EVENTS, tuple(keep(src, kind) for src in found))
    elif chosen is None:
        FILES.put(kind, SAMPLE)
    else:
        FILES.put(kind, kept_in_project(from_bytes(chosen.name, chosen.getvalue()), kind))


def uploader(kind: str, label: str, help: str | None = None) -> None:
    """The uploader of one kind of file (several at once for behaviour logs); drawn only where data may be
    changed."""
    if not access.editable():
        return
    key = uploader_key(kind)
    st.file_uploader(label, type=UPLOAD_TYPES, key=key, on_change=remember, args=(kind, key), help=help,
                     accept_multiple_files=kind == EVENTS)


def use_sample(kind: str) -> None:
    """Button callback: go back to the bundled sample for this kind (kept in the project) and start a fresh,
    empty uploader."""
    FILES.put(kind, SAMPLE)
    generations = st.session_state.setdefault("upload_generation", {})
    generations[kind] = generations.get(kind, 0) + 1


def uploader_key(kind: str) -> str:
    """Widget key of the uploader; it changes when the analyst goes back to the sample."""
    return f"upload_{kind}_{st.session_state.get('upload_generation', {}).get(kind, 0)}"
