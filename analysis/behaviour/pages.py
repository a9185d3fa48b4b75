"""Page names from URLs, grouped by pattern: ``https://shop.com/products/puffy-mattress?size=q`` -> ``/products/*``.

:func:`page_path` strips scheme, host, query and fragment; :func:`group_pages` then applies the
user's glob patterns (first match wins: the pattern becomes the page) and the default grouping,
which collapses what follows a known collection prefix (``/products/``, ``/collections/``,
``/blogs/``...), id-like segments, and the children of a folder that has many distinct ones.
Names that are not paths (``product``, ``home``: a log of page names) are kept as they are.
"""
from __future__ import annotations

import fnmatch
import re

import numpy as np
import pandas as pd

COLLECTIONS = {"products", "product", "p", "item", "items", "collections", "collection", "category", "categories",
               "c", "blogs", "blog", "articles", "article", "news", "posts", "post", "checkouts", "orders", "order",
               "tag", "tags", "search", "s", "shop", "store", "stores", "listing", "listings"}
MANY_CHILDREN = 20
_ID = re.compile(r"^(\d+|[0-9a-f]{8}-[0-9a-f-]{27,}|(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{16,})$")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//[^/?#]*", re.I)


def page_path(values: pd.Series) -> pd.Series:
    """The path of each URL: no scheme, host, query or fragment, no trailing slash (``/`` for the home page).

    Values that are not URLs or paths (page or screen names) are returned trimmed.
    """
    text = values.astype("string").str.strip()
    is_url = text.str.match(_URL.pattern, case=False).fillna(False) | text.str.startswith("/").fillna(False)
    path = text.str.replace(_URL, "", regex=True).str.replace(r"[?#].*$", "", regex=True)
    path = path.str.replace(r"/{2,}", "/", regex=True).str.rstrip("/")
    path = path.where(path.str.startswith("/"), "/" + path).where(path != "", "/")
    return path.where(is_url, text)


def glob_matches(pattern: str, values: pd.Series) -> pd.Series:
    """True where a value matches a glob pattern (``*`` any text, ``?`` one character), case ignored."""
    return Globs(values).matches(pattern)


class Globs:
    """One column's distinct (trimmed, lower-cased) values, found once, to test many glob patterns against
    (:func:`glob_matches` for each, without splitting the column again per pattern)."""

    def __init__(self, values: pd.Series):
        self._codes, uniques = _factorized(values)
        self._lower = [value.lower() for value in uniques]
        self._index = values.index

    def matches(self, pattern: str) -> pd.Series:
        """True where a value matches ``pattern``; False for blanks."""
        regex = re.compile(fnmatch.translate(pattern.lower()))
        hit = np.array([bool(regex.match(value)) for value in self._lower] + [False], dtype=bool)
        return pd.Series(hit[self._codes], index=self._index)


def per_distinct(values: pd.Series, function, blank) -> pd.Series:
    """``function`` applied once per distinct non-blank (trimmed) value, spread back over ``values``; ``blank`` elsewhere."""
    codes, uniques = _factorized(values)
    mapped = np.array([function(value) for value in uniques] + [blank], dtype=object)
    return pd.Series(mapped[codes], index=values.index)


def _factorized(values: pd.Series) -> tuple:
    """The distinct non-blank (trimmed) values and each value's code among them (blanks: one past the last)."""
    text = values.astype("string").str.strip()
    codes, uniques = pd.factorize(text.where(text != ""))
    return np.where(codes < 0, len(uniques), codes), uniques


def group_pages(paths: pd.Series, patterns: list[str] | None = None) -> pd.Series:
    """Group page paths into pages for counting.

    Parameters
    ----------
    paths : Series
        Paths from :func:`page_path` (or page names).
    patterns : list of str, optional
        Glob patterns tried first, in order; a path that matches one is named by the pattern
        (``/products/*-mattress`` gathers every mattress page).

    Returns
    -------
    Series
        The page of each path: the matching pattern; else, for a path, ``/prefix/*`` under a
        known collection prefix (:data:`COLLECTIONS`), the parent with ``/*`` for an id-like
        last segment or for a parent with more than :data:`MANY_CHILDREN` distinct children,
        and the path itself otherwise; a name that is not a path is kept.
    """
    text = paths.astype("string")
    grouped = pd.Series(pd.NA, index=paths.index, dtype="string")
    for pattern in patterns or []:
        hit = grouped.isna() & glob_matches(pattern, text)
        grouped[hit] = pattern
    is_path = text.str.startswith("/").fillna(False)
    segments = text.str.strip("/").str.split("/")
    first = segments.str[0].str.lower()
    depth = segments.str.len()
    last = segments.str[-1]
    parent = text.str.rsplit("/", n=1).str[0]
    under_collection = is_path & (depth >= 2) & first.isin(COLLECTIONS)
    id_like = is_path & (depth >= 2) & last.str.match(_ID.pattern).fillna(False)
    children = text[is_path & (depth >= 2)].groupby(parent[is_path & (depth >= 2)]).nunique()
    crowded = is_path & (depth >= 2) & parent.map(children).gt(MANY_CHILDREN).fillna(False)
    default = text.where(~(id_like | crowded), parent + "/*")
    default = default.where(~under_collection, "/" + first + "/*")
    return grouped.fillna(default)
