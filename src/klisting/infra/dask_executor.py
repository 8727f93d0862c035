"""The Dask back-end of the executor interface (see ``klisting.infra.executor``).

``DaskExecutor.start()`` starts a local cluster sized to the machine (one single-threaded
worker process per core: tesseract, onnxruntime and OpenCV each use a core, and processes keep
one image's memory from another's); ``start("tcp://host:8786")`` joins an existing scheduler
(dask-kubernetes, dask-jobqueue, a cloud service). Tasks are retried when they raise a
transient error, and the scheduler reruns the tasks of a worker that dies, so a killed worker
costs time, never results.

Functions and items must pickle (cloudpickle: module-level functions and plain data; no
SQLite connections, locks or open files). ``keys`` name tasks by content hash, so the same
work submitted by two clients of one cluster (``klisting batch``) is computed once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from klisting.errors import DependencyError, RemoteError

T = TypeVar("T")
R = TypeVar("R")

#: how often Dask retries a task that raised (a worker that died is handled by the scheduler)
RETRIES = 2
CONNECT_TIMEOUT = "10s"


class DaskExecutor:
    """Runs items as Dask tasks; results come back in submission order."""

    kind = "dask"
    distributed = True

    def __init__(self, client: Any, cluster: Any | None = None) -> None:
        self.client = client
        self.cluster = cluster

    @classmethod
    def start(
        cls,
        scheduler: str | None = None,
        *,
        workers: int | None = None,
        threads_per_worker: int = 1,
        processes: bool = True,
    ) -> DaskExecutor:
        """Join ``scheduler``, or start a local cluster on 127.0.0.1.

        Raises:
            DependencyError: dask.distributed is not installed.
            RemoteError: the scheduler does not answer.
        """
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - a regular dependency; guards a broken install
            raise DependencyError(
                "the dask executor needs dask[distributed]",
                hint="Run `make install`, or pip install 'dask[distributed]'.",
            ) from None
        if scheduler:
            try:
                return cls(Client(scheduler, timeout=CONNECT_TIMEOUT))
            except (OSError, TimeoutError) as exc:
                raise RemoteError(
                    f"no Dask scheduler answers at {scheduler} ({exc})",
                    hint="Check the address (tcp://host:8786) and that the scheduler is running, "
                    "or drop --scheduler to start a local cluster.",
                ) from None
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=threads_per_worker,
            processes=processes,
            host="127.0.0.1",
            protocol="tcp",  # also for threads (processes=False): joinable by address
            dashboard_address=":0",  # a free port: never collide with another cluster on 8787
        )
        return cls(Client(cluster), cluster)

    @property
    def workers(self) -> int:
        """Threads across the cluster's workers: how many items run at once."""
        info = self.client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def map(
        self,
        function: Callable[[T], R],
        items: Iterable[T],
        *,
        on_done: Callable[[T, R], None] | None = None,
        keys: Sequence[str] | None = None,
    ) -> list[R]:
        from distributed import as_completed

        items = list(items)
        if not items:
            return []
        names = list(keys) if keys is not None else None
        futures = self.client.map(
            function, items, key=names, pure=names is not None, retries=RETRIES
        )
        index = {future.key: i for i, future in enumerate(futures)}
        out: dict[int, R] = {}
        try:
            for future in as_completed(futures):
                i = index[future.key]
                out[i] = future.result()
                if on_done:
                    on_done(items[i], out[i])
        except BaseException:
            self.client.cancel([f for f in futures if not f.done()])
            raise
        return [out[i] for i in range(len(items))]

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
