"""What each feature keeps, for the file and the project it describes: one home for settings, and the one layer
that writes them to the project and reads them back.

A feature declares what it keeps with :func:`feature` (a name, and how a value is written as JSON and read
back); the values are items keyed by what they describe (a file's content digest, a set of files), kept in
the session's :class:`Book`. The book belongs to one project: opening another project starts a clean book.
:func:`restore` fills it from the project's settings (each item decoded the first time its feature asks
for it, so no feature needs importing first); :func:`persist` writes each item that changed since it was
read or written, as its own setting (``feature/item``), so two editors changing different items never
overwrite each other. Pages read these objects through their feature, never another page's widget keys.

Dependencies run one way: features -> this module -> :mod:`pages.ui.project` -> :mod:`analysis.store`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, MutableMapping

import streamlit as st

from pages.ui import project

_BOOK = "_journey_lens_book"
SETTING_KEY_LENGTH = 100  # the store's settings.key column
_MISSING = object()


def _same(value):
    return value


@dataclass
class Book:
    """The session's kept values for one project (None: the bundled sample, before any upload)."""

    project: int | None
    raw: dict[str, Any] = field(default_factory=dict)  # "feature/item" -> JSON read from the project
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # feature -> item -> value
    saved: dict[str, str] = field(default_factory=dict)  # "feature/item" -> JSON text the project holds


@dataclass(frozen=True)
class Feature:
    """What one feature keeps: ``dump`` turns a value into JSON data, ``load`` reads it back; ``persisted``
    features are kept in the project, the others for the session only."""

    name: str
    dump: Callable[[Any], Any] = _same
    load: Callable[[Any], Any] = _same
    persisted: bool = True

    def get(self, item: str, default=None, state: MutableMapping | None = None):
        """The value kept for ``item`` (``default`` when none)."""
        return self.get_from(book_of(state), item, default)

    def get_from(self, book: Book, item: str, default=None):
        """The value ``book`` keeps for ``item``: for work done outside the script run (a download built when it
        is clicked reads the book it was drawn with, as it is at that moment)."""
        values = book.values.setdefault(self.name, {})
        if item in values:
            return values[item]
        stored = book.raw.pop(f"{self.name}/{item}", _MISSING)
        if stored is _MISSING or stored is None:
            return default
        values[item] = self.load(stored)
        return values[item]

    def put(self, item: str, value, state: MutableMapping | None = None) -> None:
        """Keep ``value`` for ``item`` (a short key: ``feature/item`` names a setting of at most 100 characters)."""
        if len(self.name) + 1 + len(item) > SETTING_KEY_LENGTH:
            raise ValueError(f"setting key {self.name}/{item} is longer than {SETTING_KEY_LENGTH} characters")
        book_of(state).values.setdefault(self.name, {})[item] = value

    def drop(self, item: str, state: MutableMapping | None = None) -> None:
        """Forget what is kept for ``item`` (in the project too, at the next :func:`persist`)."""
        book = book_of(state)
        book.raw.pop(f"{self.name}/{item}", None)
        book.values.setdefault(self.name, {}).pop(item, None)

    def items(self, state: MutableMapping | None = None) -> dict[str, Any]:
        """Every item kept by this feature, with its value."""
        book = book_of(state)
        prefix = f"{self.name}/"
        for key in [key for key in book.raw if key.startswith(prefix)]:
            self.get(key[len(prefix):], state=state)
        return dict(book.values.get(self.name, {}))


FEATURES: dict[str, Feature] = {}


def feature(name: str, dump: Callable[[Any], Any] = _same, load: Callable[[Any], Any] = _same,
            persisted: bool = True) -> Feature:
    """Declare what a feature keeps (once, when its module is imported) and return its handle."""
    found = Feature(name, dump, load, persisted)
    FEATURES[name] = found
    return found


def prime(key: str, value) -> None:
    """Start the widget ``key`` on ``value`` (what is kept, or a link's choice) when Streamlit has no value for it:
    Streamlit forgets a widget's value when a page without it runs, the feature does not."""
    if key not in st.session_state:
        st.session_state[key] = value


def book_of(state: MutableMapping | None = None) -> Book:
    """The book of the session's current project; a clean one when the session has moved to another project
    (a session that had none adopts the project its upload created, so its work is kept there)."""
    state = st.session_state if state is None else state
    current = project.current_id(state)
    book = state.get(_BOOK)
    if book is None or (book.project is not None and book.project != current):
        book = Book(current)
        state[_BOOK] = book
    elif book.project is None and current is not None:
        book.project = current
    return book


def restore(opened, state: MutableMapping | None = None) -> None:
    """Start the session's book from the settings of the project ``opened`` (a store handle)."""
    state = st.session_state if state is None else state
    book = Book(opened.project_id)
    for key, value in opened.settings().items():
        for item_key, item_value in _items(key, value).items():
            book.raw[item_key] = item_value
            book.saved[item_key] = _json(item_value)
    state[_BOOK] = book


def _items(key: str, value) -> dict[str, Any]:
    """A stored setting as ``feature/item`` values: itself, or the items of a setting an earlier version wrote
    as one document per feature."""
    if "/" in key:
        return {key: value}
    legacy = LEGACY.get(key)
    if legacy is None or not isinstance(value, (dict, list)):
        return {}
    name, items = legacy
    return {f"{name}/{item}": kept for item, kept in items(value).items()}


def persist(state: MutableMapping | None = None) -> None:
    """Write every kept item that changed since it was read or last written to the session's project, each as
    its own setting (editors only; nothing before the session has a project)."""
    if not project.can_edit() or project.current() is None:
        return
    book = book_of(state)
    changed = {}
    for name, values in book.values.items():
        kept = FEATURES.get(name)
        if kept is None or not kept.persisted:
            continue
        for item, value in values.items():
            data = kept.dump(value)
            text = _json(data)
            if book.saved.get(f"{name}/{item}", "null") != text:
                changed[f"{name}/{item}"] = (data, text)
        for key in [key for key in book.saved if key.startswith(f"{name}/")]:
            item = key[len(name) + 1:]
            if item not in values and key not in book.raw and book.saved[key] != "null":
                changed[key] = (None, "null")
    if not changed:
        return
    with project.saving():
        opened = project.handle()
        for key, (data, text) in changed.items():
            opened.set_setting(key, data)
            book.saved[key] = text


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


# Settings written by earlier versions, one document per feature: setting key -> (feature, its items).

def _names(value: dict) -> dict:
    return {f"{key}:{persona}": name for key, names in value.items() for persona, name in names.items()}


def _frequent(value: dict) -> dict:
    return {key.removeprefix("customers_frequent_above_"): threshold for key, threshold in value.items()}


LEGACY: dict[str, tuple[str, Callable[[Any], dict]]] = {
    "sources": ("files", dict),
    "behaviour_files": ("files", lambda versions: {"events": versions}),
    "mappings": ("mappings", dict),
    "stage_maps": ("stages", dict),
    "touchpoint_keywords": ("keywords", dict),
    "personas": ("persona_settings", dict),
    "persona_names": ("persona_names", _names),
    "frequent_buyers": ("frequent_buyers", _frequent),
    "behaviour_settings": ("behaviour_settings", dict),
    "behaviour_rules": ("behaviour_rules", dict),
}
