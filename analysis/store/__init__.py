"""Saved work: projects, their published datasets (every version kept), settings, trained classifiers,
saved views, insight-notebook pins and notes, and share links (edit / view) that reopen a project.

``open_store(location=None)`` gives a :class:`Store`; see :mod:`analysis.store.store` for projects and
tokens, :mod:`analysis.store.project` for what a project holds, :mod:`analysis.store.links` for the
link format and :mod:`analysis.store.migrations` for the schema.
"""
from analysis.store.links import LINK_PARAM, link_url
from analysis.store.project import WRITE_METHODS, LinkRevoked, ProjectHandle, ReadOnly
from analysis.store.store import Store, open_store

__all__ = ["LINK_PARAM", "WRITE_METHODS", "LinkRevoked", "ProjectHandle", "ReadOnly", "Store", "link_url",
           "open_store"]
