"""Local image paths stay inside the catalog's folder (and the folders the seller allows).

An image cell is data from a supplier sheet or an export, not a command: ``../../.ssh/id_rsa``,
``/etc/passwd`` or a symlink pointing out of the folder must not be read and copied into an
upload bundle. A path is resolved first (``..`` and every symlink followed), then it must lie
under one of the roots:

- the folder that holds the catalog file;
- the project file's ``safety: {image_roots: [...]}`` (applied by :func:`allow_roots`);
- ``KLISTING_IMAGE_ROOTS`` in the environment (``os.pathsep``-separated).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

ENV_IMAGE_ROOTS = "KLISTING_IMAGE_ROOTS"

_roots: set[Path] = set()


def allow_roots(folders: Iterable[str | Path]) -> None:
    """Allow local images under these folders for the rest of the process."""
    _roots.update(Path(os.path.realpath(folder)) for folder in folders if str(folder).strip())


def image_roots(catalog_dir: str | Path) -> list[Path]:
    """Every folder a local image of a catalog in ``catalog_dir`` may come from."""
    env = [part for part in os.environ.get(ENV_IMAGE_ROOTS, "").split(os.pathsep) if part.strip()]
    return [Path(os.path.realpath(catalog_dir)), *_roots, *(Path(os.path.realpath(e)) for e in env)]


def outside_roots(path: str | Path, roots: list[Path]) -> str | None:
    """Why ``path`` is refused (it resolves outside every root), or None when it is inside."""
    if "\x00" in str(path):  # no file system takes it: refused, not a crash in realpath
        return f"image {str(path)!r} holds a NUL character, which no file name can"
    real = Path(os.path.realpath(path))
    if any(real == root or real.is_relative_to(root) for root in roots):
        return None
    via = " through a symlink" if Path(os.path.abspath(path)) != real else ""
    return f"image '{path}' resolves{via} to {real}, outside the catalog's folder {roots[0]}"
