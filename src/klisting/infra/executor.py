"""Run a function over items with bounded parallelism, reporting each result as it lands.

Threads, not processes: the heavy work (tesseract subprocesses, onnxruntime, OpenCV, Pillow
encoding) releases the GIL, results need no pickling, and a distributed executor can replace
this one later behind the same call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def run_parallel(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    on_done: Callable[[T, R], None] | None = None,
) -> list[R]:
    """``[function(item) for item in items]`` with up to ``jobs`` at a time; order is kept.

    ``on_done(item, result)`` runs in the calling thread as each item finishes (progress,
    caching). The first exception cancels what has not started and is raised.
    """
    items = list(items)
    if jobs <= 1 or len(items) <= 1:
        results = []
        for item in items:
            result = function(item)
            if on_done:
                on_done(item, result)
            results.append(result)
        return results
    out: dict[int, R] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        pending: dict[Future[R], int] = {
            pool.submit(function, item): i for i, item in enumerate(items)
        }
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    index = pending.pop(future)
                    out[index] = future.result()
                    if on_done:
                        on_done(items[index], out[index])
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return [out[i] for i in range(len(items))]
