"""The content-addressed stage cache and the parallel executor."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from klisting.infra.cache import StageCache, digest
from klisting.infra.executor import run_parallel


def test_digest_is_stable_and_order_insensitive_for_dicts() -> None:
    assert digest("s", {"a": 1, "b": [1, 2]}) == digest("s", {"b": [1, 2], "a": 1})
    assert digest("s", {"a": 1}) != digest("s", {"a": 2})
    assert digest("v1", "x") != digest("v2", "x")


def test_cache_round_trip_and_damaged_entry(tmp_path: Path) -> None:
    cache = StageCache(tmp_path)
    key = digest("k")
    assert cache.get("text", key) is None
    cache.put("text", key, {"title": "토너", "n": 1})
    assert cache.get("text", key) == {"title": "토너", "n": 1}
    path = next((tmp_path / "cache" / "text").rglob("*.json"))
    path.write_text("{half", encoding="utf-8")
    assert cache.get("text", key) is None
    assert cache.hits == 1 and cache.misses == 2
    stored = cache.put_bytes("img", key, ".jpg", b"data")
    assert stored == cache.artifact("img", key, ".jpg") and stored.read_bytes() == b"data"


def test_run_parallel_keeps_order_and_runs_concurrently() -> None:
    active, peak, lock = [0], [0], threading.Lock()

    def work(n: int) -> int:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.02)
        with lock:
            active[0] -= 1
        return n * n

    seen: list[int] = []
    assert run_parallel(work, range(8), jobs=3, on_done=lambda item, result: seen.append(item)) == [
        n * n for n in range(8)
    ]
    assert sorted(seen) == list(range(8)) and peak[0] > 1


def test_run_parallel_raises_the_first_error() -> None:
    def work(n: int) -> int:
        if n == 2:
            raise ValueError("bad item")
        return n

    with pytest.raises(ValueError, match="bad item"):
        run_parallel(work, range(5), jobs=2)
    with pytest.raises(ValueError):
        run_parallel(work, range(5), jobs=1)
