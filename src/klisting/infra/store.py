"""A content-addressed blob store that workers on other machines can share: a path or a URL.

The image tasks of a run (OCR results, localized images, their sidecars and render records)
are read and written through a ``Store`` instead of the driver's work dir, so a task can run
on any Dask worker that can reach the store:

- a local directory (the default: the run's work dir, so the keys are the very paths the
  cache has always used and nothing is copied);
- any fsspec URL (``s3://bucket/prefix`` with the ``[s3]`` extra, ``gcs://``, ``file:///shared``,
  ``memory://`` in one process), chosen with ``--store URL``, ``store:`` in klisting.yaml or
  ``$KLISTING_STORE``.

Keys are relative POSIX paths whose names are content hashes, so two writers of one key write
the same bytes and a half-written blob is never visible (temp name, then rename). A ``Store``
pickles as its URL alone: the fsspec file system is opened again in each process.
"""

from __future__ import annotations

import os
import threading
import uuid
from pathlib import Path
from typing import Any

from klisting.errors import DependencyError, UsageError
from klisting.infra.atomic import write_bytes_atomic

#: the environment variable naming the run's store (a path or an fsspec URL)
STORE_ENV = "KLISTING_STORE"


class Store:
    """Blobs by key under ``url``: a directory, or an fsspec URL (``proto://...``)."""

    def __init__(self, url: str | Path) -> None:
        self.url = str(url)
        self._fs: Any = None
        self._root = self.url

    @property
    def local(self) -> bool:
        """True when the store is a plain directory of this machine (no fsspec)."""
        return "://" not in self.url

    def path(self, key: str) -> Path | None:
        """Where ``key`` lives on this machine's disk, or None for an fsspec store."""
        return Path(self.url) / key if self.local else None

    def get(self, key: str) -> bytes | None:
        """The blob stored under ``key``, or None when there is none."""
        try:
            if self.local:
                return (Path(self.url) / key).read_bytes()
            return self._filesystem().cat_file(self._full(key))
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def exists(self, key: str) -> bool:
        if self.local:
            return (Path(self.url) / key).is_file()
        return bool(self._filesystem().isfile(self._full(key)))

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` so that readers see all of it or nothing."""
        if self.local:
            write_bytes_atomic(Path(self.url) / key, data)
            return
        fs, full = self._filesystem(), self._full(key)
        parent = full.rsplit("/", 1)[0]
        fs.makedirs(parent, exist_ok=True)
        # a temp name in the same folder, then a rename (an object store's put is atomic anyway)
        tmp = f"{parent}/.{uuid.uuid4().hex}.{os.getpid()}.{threading.get_ident()}.tmp"
        fs.pipe_file(tmp, data)
        fs.mv(tmp, full)

    def _full(self, key: str) -> str:
        self._filesystem()
        return f"{self._root.rstrip('/')}/{key}"

    def _filesystem(self) -> Any:
        if self._fs is None:
            try:
                from fsspec.core import url_to_fs
            except ImportError:  # pragma: no cover - a regular dependency; guards a broken install
                raise DependencyError(
                    f"the store {self.url} needs fsspec", hint="pip install fsspec"
                ) from None
            try:
                self._fs, self._root = url_to_fs(self.url)
            except (ImportError, ValueError) as error:
                raise DependencyError(
                    f"the store {self.url} cannot be opened ({error})",
                    hint="Install the file system's package (s3: pip install 'klisting[s3]').",
                ) from None
        return self._fs

    def __getstate__(self) -> dict[str, Any]:
        return {"url": self.url}  # an open file system (sockets, sessions) does not travel

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["url"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"Store({self.url!r})"


def open_store(url: str | Path | None, default: Path) -> Store:
    """The store ``url`` names, else ``$KLISTING_STORE``, else the directory ``default``.

    Raises:
        UsageError: a ``file://`` URL that is not absolute (it would mean another folder on
            each worker).
    """
    chosen = str(url or os.environ.get(STORE_ENV) or default)
    if chosen.startswith("file://") and not chosen.startswith("file:///"):
        raise UsageError(
            f"store {chosen}: a file:// URL needs an absolute path",
            hint="Write file:///shared/klisting (three slashes), or give the path itself.",
        )
    return Store(chosen)


__all__ = ["STORE_ENV", "Store", "open_store"]
