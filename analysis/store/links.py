"""Share links: a project's edit link and read-only view link, each carrying an unguessable token.

A token is ``secrets.token_urlsafe(32)``: 256 random bits in 43 URL-safe characters. The store keeps
only its SHA-256 (hex), so a copy of the database opens nothing; a token is shown once, when it is
issued. A link is ``{base}/?project=TOKEN``; the app reads :data:`LINK_PARAM` from its query string.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from urllib.parse import urlencode

ROLES = ("edit", "view")
LINK_PARAM = "project"
DEFAULT_BASE_URL = "http://localhost:8501"
TOKEN_BYTES = 32
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token() -> str:
    """A fresh token of 256 random bits."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the store keeps of a token: its SHA-256 in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def well_formed(token) -> bool:
    """Whether ``token`` has the shape of an issued token (anything else cannot open a project)."""
    return isinstance(token, str) and _TOKEN_SHAPE.fullmatch(token) is not None


def link_url(token: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """The link that opens a project with ``token``: ``{base_url}/?project=TOKEN``."""
    return f"{base_url.rstrip('/')}/?{urlencode({LINK_PARAM: token})}"
