"""Where the store lives: ``JOURNEY_LENS_STORE`` (a file path or a SQLAlchemy URL) or a SQLite file
in the data folder (``JOURNEY_LENS_DATA``, else ``$XDG_DATA_HOME/journey-lens``, else
``~/.local/share/journey-lens``), always outside the repository."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url

STORE_VARIABLE = "JOURNEY_LENS_STORE"
DATA_VARIABLE = "JOURNEY_LENS_DATA"
STORE_FILE = "store.sqlite3"
_BARE_POSTGRES = {"postgres", "postgresql"}


def data_folder() -> Path:
    """The folder for the default store file (not created here)."""
    if os.environ.get(DATA_VARIABLE):
        return Path(os.environ[DATA_VARIABLE]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base).expanduser() / "journey-lens"


def store_url(location: str | os.PathLike | None = None) -> str:
    """The SQLAlchemy URL of ``location``, of ``JOURNEY_LENS_STORE`` when not given, else of the default file.

    A path becomes a SQLite URL (its folder is created); ``postgresql://`` and ``postgres://`` without a
    driver get psycopg 3 (``postgresql+psycopg://``), the driver this project installs.
    """
    location = location or os.environ.get(STORE_VARIABLE) or data_folder() / STORE_FILE
    if "://" not in str(location):
        path = Path(location).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    url = make_url(str(location))
    if url.drivername in _BARE_POSTGRES:
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def shown(url: str) -> str:
    """``url`` for messages and logs: its password hidden."""
    return make_url(url).render_as_string(hide_password=True)
