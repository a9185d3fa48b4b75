"""A process-wide cache of large read-only objects (parsed files, prepared tables), bounded by their size.

Streamlit's own caches bound the number of entries, not their size: a few 150 MB uploads and a
handful of mapping edits (each a new prepared table of the same size) kept gigabytes alive after
their sessions ended. This cache keeps the most recently used objects until their estimated
sizes add up to a budget (``JOURNEY_LENS_CACHE_MB``, 1,024 MB by default) and forgets the least
recently used beyond it; a forgotten object is rebuilt from the file's bytes, which the session
keeps, the next time it is needed. Keys always include the file's SHA-256, so two sessions share
an entry only when they work on the same bytes.
"""
from __future__ import annotations

import ctypes
import gc
import os
import sys
import threading
import weakref
from collections import OrderedDict
from dataclasses import fields, is_dataclass

import pandas as pd

DEFAULT_MB = 1024
SAMPLE = 1000  # values per text column looked at to estimate its size


def budget_bytes() -> int:
    """The cache's budget in bytes: ``JOURNEY_LENS_CACHE_MB`` megabytes (default 1,024)."""
    try:
        megabytes = float(os.environ.get("JOURNEY_LENS_CACHE_MB", DEFAULT_MB))
    except ValueError:
        megabytes = DEFAULT_MB
    return int(max(megabytes, 1) * 1024 * 1024)


_FRAME_SIZES: dict[int, tuple[weakref.ReferenceType, int]] = {}  # id -> (the frame, its size): frames are read-only


def frame_bytes(frame: pd.DataFrame) -> int:
    """Estimated memory of a DataFrame: exact for numbers, from a sample of values for text columns. Measured once
    per frame (cached frames are never changed), so re-measuring the cache on every addition stays cheap."""
    known = _FRAME_SIZES.get(id(frame))
    if known is not None and known[0]() is frame:
        return known[1]
    size = _measure_frame(frame)
    key = id(frame)
    _FRAME_SIZES[key] = (weakref.ref(frame, lambda _, key=key: _FRAME_SIZES.pop(key, None)), size)
    return size


def _measure_frame(frame: pd.DataFrame) -> int:
    total = int(frame.memory_usage(index=True, deep=False).sum())
    for column in frame.columns:
        values = frame[column]
        python_strings = isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "python"
        if values.dtype == object or python_strings:  # only pointers are counted above; Arrow strings are exact
            sample = values.dropna()
            sample = sample.sample(min(SAMPLE, len(sample)), random_state=0) if len(sample) else sample
            if len(sample):
                total += int(sum(sys.getsizeof(value) for value in sample) / len(sample) * values.notna().sum())
    return total


def object_bytes(value) -> int:
    """Estimated memory of a cached object: its DataFrames (directly, or held by a dataclass: its fields and
    what it computed and kept since, such as a cached property) and bytes."""
    if isinstance(value, pd.DataFrame):
        return frame_bytes(value)
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    if is_dataclass(value):
        held = {field.name: getattr(value, field.name) for field in fields(value)} | vars(value)
        return sum(object_bytes(part) for part in held.values())
    return sys.getsizeof(value)


class SizedCache:
    """Least-recently-used objects kept until their sizes reach a budget; thread-safe."""

    def __init__(self, budget: int):
        self.budget = budget
        self._items: OrderedDict[tuple, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple, threading.Lock] = {}

    def get(self, key: tuple, build):
        """The object cached under ``key``, or ``build()``'s result, cached (one build per key at a time)."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key][0]
            building = self._building.setdefault(key, threading.Lock())
        with building:  # a second session asking for the same object waits for the first build
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key][0]
            value = build()
            size = object_bytes(value)
            with self._lock:
                self._items[key] = (value, size)
                self._building.pop(key, None)
                self._evict()
        return value

    def peek(self, key: tuple):
        """The object cached under ``key``, or None; never builds."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found[0] if found is not None else None

    def _evict(self) -> None:
        """Forget the least recently used objects while over budget (the newest always stays), and give the
        memory they held back to the system."""
        for key, (value, _) in self._items.items():  # objects grow as they compute and keep things
            self._items[key] = (value, object_bytes(value))
        evicted = False
        while len(self._items) > 1 and self.used() > self.budget:
            self._items.popitem(last=False)
            evicted = True
        if evicted:
            release_memory()

    def used(self) -> int:
        """Estimated bytes held."""
        return sum(size for _, size in self._items.values())

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()


def release_memory() -> None:
    """Collect garbage and ask the C allocator to return free memory to the system (glibc only; else a no-op)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


_CACHE = SizedCache(budget_bytes())


def cached(key: tuple, build):
    """``build()``'s result, kept in the process-wide size-bounded cache under ``key``."""
    return _CACHE.get(key, build)


def cached_if_present(key: tuple):
    """The object kept under ``key`` by :func:`cached`, or None."""
    return _CACHE.peek(key)


def shared_cache() -> SizedCache:
    """The process-wide cache (for tests and the memory benchmark)."""
    return _CACHE
