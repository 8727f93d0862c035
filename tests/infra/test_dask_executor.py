"""The Dask back-end behaves as the thread executor: order kept, progress, errors, retries.

A local cluster on 127.0.0.1 with two workers; threads (processes=False) except where a
worker process must die.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from klisting.errors import RemoteError, UsageError
from klisting.infra.dask_executor import DaskExecutor
from klisting.infra.executor import ThreadExecutor, make_executor

distributed = pytest.importorskip("distributed")


def square(n: int) -> int:
    return n * n


def fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def die_once(item: tuple[int, str]) -> int:
    """Kill the worker process the first time any item runs; later runs succeed."""
    n, marker = item
    if n == 2 and not os.path.exists(marker):
        Path(marker).write_text("died", encoding="utf-8")
        os._exit(1)
    return n * 10


@pytest.fixture(scope="module")
def threaded():
    with DaskExecutor.start(workers=2, processes=False) as executor:
        yield executor


def test_results_in_order_with_progress(threaded):
    seen = []
    items = list(range(20))
    out = threaded.map(square, items, on_done=lambda item, result: seen.append((item, result)))
    assert out == [n * n for n in items]
    assert sorted(seen) == [(n, n * n) for n in items]
    assert threaded.workers == 2
    assert out == ThreadExecutor(2).map(square, items)


def test_content_keys_name_the_tasks(threaded):
    keys = [f"square-{n}" for n in range(5)]
    assert threaded.map(square, range(5), keys=keys) == [0, 1, 4, 9, 16]
    assert threaded.map(square, range(5), keys=keys) == [0, 1, 4, 9, 16]  # same names again


def test_an_error_is_raised(threaded):
    with pytest.raises(ValueError, match="three"):
        threaded.map(fail_on_three, range(6))


def test_an_existing_scheduler_by_address_and_environment(threaded, monkeypatch):
    address = threaded.client.scheduler.address
    with make_executor("dask", scheduler=address) as joined:
        assert joined.cluster is None
        assert joined.map(square, [4]) == [16]
    monkeypatch.setenv("KLISTING_DASK_SCHEDULER", address)
    with make_executor("dask") as joined:
        assert joined.cluster is None and joined.workers == 2


def test_a_scheduler_that_does_not_answer_is_a_remote_error():
    with pytest.raises(RemoteError, match="no Dask scheduler"):
        DaskExecutor.start("tcp://127.0.0.1:9")


def test_executor_choice_is_checked():
    assert make_executor("thread", jobs=3).workers == 3
    with pytest.raises(UsageError):
        make_executor("spark")
    with pytest.raises(UsageError, match="--executor dask"):
        make_executor("thread", scheduler="tcp://127.0.0.1:8786")


def test_a_killed_worker_is_retried(tmp_path):
    marker = str(tmp_path / "died")
    with DaskExecutor.start(workers=2, processes=True) as executor:
        out = executor.map(die_once, [(n, marker) for n in range(6)])
    assert out == [n * 10 for n in range(6)]
    assert Path(marker).exists()  # a worker really died
