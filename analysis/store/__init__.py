"""Saved work: projects, their published datasets (every version kept), settings, trained classifiers,
saved views, insight-notebook pins and notes, and share links (edit / view) that reopen a project.

``open_store(location=None)`` gives a :class:`Store`; see :mod:`analysis.store.store` for projects and
tokens, :mod:`analysis.store.project` for what a project holds, :mod:`analysis.store.links` for the
link format and :mod:`analysis.store.migrations` for the schema.
"""
from importlib import import_module

_EXPORTS = {"LINK_PARAM": "links", "link_url": "links", "WRITE_METHODS": "project", "LinkRevoked": "project",
            "ProjectHandle": "project", "ReadOnly": "project", "Store": "store", "open_store": "store"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """The public names, imported on first use: ``analysis.store.links`` alone needs no SQLAlchemy."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analysis.store' has no attribute {name!r}")
    return getattr(import_module(f"analysis.store.{_EXPORTS[name]}"), name)
