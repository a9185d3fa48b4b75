"""The size-bounded cache of parsed files and prepared tables (pages/ui/cache.py)."""
import threading
import time

import numpy as np
import pandas as pd
import pytest

from pages.ui.cache import SizedCache, budget_bytes, frame_bytes, object_bytes


def frame(rows: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"score": rng.integers(1, 6, size=rows).astype(float),
                         "comment": [f"comment number {i} " * 3 for i in rng.integers(0, 10**6, size=rows)]})


@pytest.mark.parametrize("text", ["str", "object"])
def test_frame_size_is_estimated_close_to_pandas_deep_count(text):
    table = frame(50_000).astype({"comment": text})
    exact = table.memory_usage(index=True, deep=True).sum()
    assert frame_bytes(table) == pytest.approx(exact, rel=0.05)


def test_least_recently_used_objects_are_forgotten_beyond_the_budget():
    one = frame(20_000)
    size = frame_bytes(one)
    cache = SizedCache(budget=int(2.5 * size))
    builds = []

    def build(name):
        def make():
            builds.append(name)
            return frame(20_000, seed=len(builds))
        return make

    for name in ("a", "b", "c"):
        cache.get((name,), build(name))
    assert cache.used() <= cache.budget and builds == ["a", "b", "c"]
    cache.get(("b",), build("b"))          # b is used again, so a (the oldest) was the one forgotten
    cache.get(("a",), build("a"))          # rebuilt
    assert builds == ["a", "b", "c", "a"]
    cache.get(("b",), build("b"))
    assert builds == ["a", "b", "c", "a"]  # b stayed


def test_an_object_larger_than_the_budget_is_still_returned_and_kept_alone():
    cache = SizedCache(budget=10)
    value = cache.get(("big",), lambda: frame(1_000))
    assert len(value) == 1_000 and cache.used() > cache.budget
    small = cache.get(("other",), lambda: frame(10))
    assert cache.used() == object_bytes(small)  # the big one, no longer the newest, was forgotten


def test_two_sessions_asking_at_once_build_once():
    cache = SizedCache(budget=10**9)
    builds = []

    def slow():
        builds.append(1)
        time.sleep(0.2)  # long enough for the second thread to arrive while the first builds
        return frame(100)

    threads = [threading.Thread(target=cache.get, args=(("same",), slow)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds == [1]


def test_budget_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("JOURNEY_LENS_CACHE_MB", "64")
    assert budget_bytes() == 64 * 1024 * 1024
    monkeypatch.setenv("JOURNEY_LENS_CACHE_MB", "lots")
    assert budget_bytes() == 1024 * 1024 * 1024
