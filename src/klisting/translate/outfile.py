"""Write an output file atomically, or in place when it is a pipe or a device.

An atomic write renames a temporary file over the target; over ``/dev/stdout``, ``/dev/null``
or a named pipe that would replace the device itself (and, run as root, break the machine's
``/dev/null``). Those targets are written in place instead.
"""

from __future__ import annotations

from pathlib import Path

from klisting.errors import OutputError
from klisting.pipeline.atomic import write_bytes_atomic


def write_output(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path``: atomically for a regular file, in place for a special one.

    Raises:
        OutputError: the target cannot be written (a directory, no permission, disk full).
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        try:
            with path.open("wb") as out:
                out.write(data)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
        return
    write_bytes_atomic(path, data)
