"""Where klisting finds its bundled data (package data) and keeps per-user state.

configs/ and schemas/ ship inside the package (``klisting/data/``) and are found through
``importlib.resources``, so a wheel installed anywhere (pip, pipx) finds them as a checkout does.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from klisting.errors import DependencyError


@cache
def _package_data(name: str) -> Path:
    root = resources.files("klisting") / "data" / name
    path = Path(str(root))
    if not path.is_dir():
        raise DependencyError(
            f"klisting's bundled {name}/ is missing at {path}",
            "Reinstall klisting (pip install --force-reinstall klisting); the package is incomplete.",
        )
    return path


def config_dir() -> Path:
    """The configs/ directory: ``$KLISTING_CONFIG_DIR`` or the one inside the package."""
    override = os.environ.get("KLISTING_CONFIG_DIR")
    return Path(override) if override else _package_data("configs")


def schema_dir() -> Path:
    """The JSON Schemas the export bundles are checked against (inside the package)."""
    return _package_data("schemas")


def data_home() -> Path:
    """Per-user state (installed models, fetched rates): ``$KLISTING_HOME`` or ~/.local/share/klisting."""
    override = os.environ.get("KLISTING_HOME")
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "klisting"
