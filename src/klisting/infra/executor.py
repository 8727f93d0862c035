"""Executors: run a function over items with bounded parallelism, each result as it lands.

One interface, two back-ends:

- ``ThreadExecutor`` (the default): threads in this process. The heavy work (tesseract
  subprocesses, onnxruntime, OpenCV, Pillow encoding) releases the GIL, results need no
  pickling, and closures may share the cache, the translation service and locks.
- ``DaskExecutor`` (``klisting.infra.dask_executor``): a Dask cluster, local (sized to the
  machine) or an existing one by address. Functions and items must pickle, so what crosses
  to it is self-contained: plain data and module-level functions, results by content hash.

``make_executor`` picks one from the run's options; ``run_parallel`` keeps the old call.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: the environment variable naming an existing Dask scheduler (tcp://host:8786)
SCHEDULER_ENV = "KLISTING_DASK_SCHEDULER"
KINDS = ("thread", "dask")


class Executor(Protocol):
    """What the pipeline needs from an executor."""

    #: "thread" or "dask": recorded nowhere that changes output, shown in progress and summaries
    kind: str
    #: how many items run at once
    workers: int
    #: True when functions and items cross a process boundary (they must pickle)
    distributed: bool

    def map(
        self,
        function: Callable[[T], R],
        items: Iterable[T],
        *,
        on_done: Callable[[T, R], None] | None = None,
        keys: Sequence[str] | None = None,
    ) -> list[R]:
        """``[function(item) for item in items]``, order kept; the first exception is raised.

        ``on_done(item, result)`` runs in the calling thread as each item finishes.
        ``keys``: a stable name per item (a content hash), so a distributed scheduler can
        recognise the same work submitted twice.
        """
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


class ThreadExecutor:
    """Up to ``jobs`` items at a time on threads of this process."""

    kind = "thread"
    distributed = False

    def __init__(self, jobs: int = 1) -> None:
        self.workers = max(1, jobs)

    def map(
        self,
        function: Callable[[T], R],
        items: Iterable[T],
        *,
        on_done: Callable[[T, R], None] | None = None,
        keys: Sequence[str] | None = None,
    ) -> list[R]:
        items = list(items)
        if self.workers <= 1 or len(items) <= 1:
            return [_finish(item, function(item), on_done) for item in items]
        out: dict[int, R] = {}
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            pending: dict[Future[R], int] = {
                pool.submit(function, item): i for i, item in enumerate(items)
            }
            try:
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        index = pending.pop(future)
                        out[index] = _finish(items[index], future.result(), on_done)
            except BaseException:
                for future in pending:
                    future.cancel()
                raise
        return [out[i] for i in range(len(items))]

    def close(self) -> None:
        """Nothing to release: each map owns its pool."""

    def __enter__(self) -> ThreadExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _finish(item: T, result: R, on_done: Callable[[T, R], None] | None) -> R:
    if on_done:
        on_done(item, result)
    return result


def run_parallel(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    on_done: Callable[[T, R], None] | None = None,
    executor: Executor | None = None,
) -> list[R]:
    """``[function(item) for item in items]`` with up to ``jobs`` at a time; order is kept.

    ``on_done(item, result)`` runs in the calling thread as each item finishes (progress,
    caching). The first exception cancels what has not started and is raised. ``executor``
    runs the items instead of a fresh thread pool.
    """
    return (executor or ThreadExecutor(jobs)).map(function, items, on_done=on_done)


def make_executor(
    kind: str = "thread",
    *,
    jobs: int = 2,
    scheduler: str | None = None,
    **dask_options: Any,
) -> Executor:
    """The executor a run asked for.

    Args:
        kind: "thread" (default) or "dask".
        jobs: threads for the thread executor.
        scheduler: an existing Dask scheduler's address; default ``$KLISTING_DASK_SCHEDULER``,
            and without either a local cluster sized to this machine is started.
        dask_options: passed to ``DaskExecutor.start`` (workers, threads_per_worker, processes).

    Raises:
        UsageError: an unknown kind, or a scheduler address for the thread executor.
    """
    from klisting.errors import UsageError

    if kind not in KINDS:
        raise UsageError(f"unknown executor '{kind}'", hint=f"Use one of: {', '.join(KINDS)}.")
    if kind == "thread":
        if scheduler:
            raise UsageError(
                "--scheduler needs --executor dask",
                hint="Add --executor dask to run on the Dask scheduler at that address.",
            )
        return ThreadExecutor(jobs)
    from klisting.infra.dask_executor import DaskExecutor

    return DaskExecutor.start(scheduler or os.environ.get(SCHEDULER_ENV) or None, **dask_options)


__all__ = [
    "KINDS",
    "SCHEDULER_ENV",
    "Executor",
    "ThreadExecutor",
    "make_executor",
    "run_parallel",
]
