"""Atomic file and directory writes: write to a temporary name beside the target, then rename.

A reader (or a rerun after a crash) sees either the old complete file or the new complete
file, never half of one.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from klisting.errors import OutputError


def _parent(path: Path) -> Path:
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{parent}: cannot create directory ({exc.strerror})") from None
    return parent


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (fsync, then rename over the target).

    A target that is a pipe or a device (``/dev/null``, ``/dev/stdout``, a FIFO) is written in
    place: renaming over it would replace the device itself, and as root break ``/dev/null``.
    A symlink to a regular file is followed, so the link stays and its file is replaced.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        _write_in_place(path, data)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    parent = _parent(path)
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
        os.fchmod(handle, _file_mode(path))  # mkstemp makes 0600; a report is an ordinary file
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _cleanup(locals().get("tmp"))
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None


def _write_in_place(path: Path, data: bytes) -> None:
    if path.is_dir():
        raise OutputError(f"{path}: is a directory", hint="Give a file name for the output.")
    try:
        with path.open("wb") as out:
            out.write(data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))


@contextmanager
def atomic_directory(path: Path | str) -> Iterator[Path]:
    """Build a directory under a temporary name and rename it into place on success.

    On an exception the temporary directory is removed and the old ``path`` (if any) stays.
    """
    path = Path(path)
    parent = _parent(path)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent))
    os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; the bundle is an ordinary directory
    try:
        yield tmp
        old = None
        if path.exists():
            old = path.with_name(f".{path.name}.old-{os.getpid()}")
            os.replace(path, old)
        os.replace(tmp, path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _file_mode(path: Path) -> int:
    """The mode the written file gets: the replaced file's, else what open() would give (0666 & ~umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _cleanup(tmp: str | None) -> None:
    if tmp and os.path.exists(tmp):
        os.unlink(tmp)
