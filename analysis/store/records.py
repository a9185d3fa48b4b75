"""What the store returns: frozen records built afresh from the database on every read, so no two
sessions (or two calls) ever share a mutable object."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone


@dataclass(frozen=True)
class Project:
    """A project: its id, name, when it was created and last changed, and when a share link last opened it
    (UTC; None when none has since the store recorded opens, to the hour)."""

    id: int
    name: str
    created: datetime
    updated: datetime
    opened: datetime | None = None

    @property
    def touched(self) -> datetime:
        """When the project was last changed or opened, whichever is later (what retention counts from)."""
        return max(self.updated, self.opened) if self.opened is not None else self.updated


@dataclass(frozen=True)
class DatasetVersion:
    """One published version of a file (without its data; see ``ProjectHandle.frame``).

    ``size`` and ``sha256`` are those of the original file's bytes when the publisher gave them, else of
    the stored Parquet bytes; ``kind`` is survey, feedback, transactions, events... or None for data
    stored before kinds were recorded; ``details`` what is needed to rebuild the loaded export.
    """

    project_id: int
    version: int
    file_name: str
    size: int
    sha256: str
    rows: int
    columns: int
    kind: str | None
    details: dict
    created: datetime


@dataclass(frozen=True)
class Added:
    """The outcome of publishing a file: the version that holds it, and whether that version already
    existed (the same bytes were published before, so nothing was added)."""

    dataset: DatasetVersion
    deduplicated: bool


@dataclass(frozen=True)
class Setting:
    """One version of a project setting (a JSON document under a key)."""

    key: str
    version: int
    value: object
    created: datetime


@dataclass(frozen=True)
class Classifier:
    """A trained classifier: its bytes (as the trainer serialised them) and metadata."""

    id: int
    name: str
    model: bytes
    meta: dict
    created: datetime


@dataclass(frozen=True)
class View:
    """A saved view: a page and its query parameters."""

    id: int
    name: str
    page: str
    params: dict
    created: datetime
    updated: datetime


@dataclass(frozen=True)
class Note:
    """A free-text note on the project."""

    id: int
    text: str
    created: datetime
    updated: datetime


@dataclass(frozen=True)
class Removal:
    """A project deleted (or that would be, in a dry run): the project as it was, and how many rows of each table
    held it (``datasets`` are its file versions)."""

    project: Project
    rows: dict[str, int]


@dataclass(frozen=True)
class Removed:
    """What an old link of a deleted project still tells: why (``deleted`` by an editor, ``expired`` by the
    retention setting) and when."""

    reason: str
    removed: datetime


@dataclass(frozen=True)
class LinkStatus:
    """The active link of a role: when it was issued (its token is not kept)."""

    role: str
    created: datetime


@dataclass(frozen=True)
class Issued:
    """Tokens just issued; they are never shown again (the store keeps only their hashes)."""

    edit: str | None = None
    view: str | None = None


def now() -> str:
    """The current time in UTC as the store writes it (ISO 8601, which sorts as text)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def when(stamp: str | None) -> datetime | None:
    """A stored time as an aware datetime (UTC)."""
    return None if stamp is None else datetime.fromisoformat(stamp)


def project_record(row) -> Project:
    """A :class:`Project` from a row of the projects table."""
    return Project(row.id, row.name, when(row.created), when(row.updated), when(row.opened))
