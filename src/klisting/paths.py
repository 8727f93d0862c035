"""Where klisting finds its bundled data (configs/) and keeps per-user state."""

from __future__ import annotations

import os
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


def config_dir() -> Path:
    """The configs/ directory: ``$KLISTING_CONFIG_DIR`` or the one beside ``src/``."""
    override = os.environ.get("KLISTING_CONFIG_DIR")
    return Path(override) if override else _REPO_ROOT / "configs"


def data_home() -> Path:
    """Per-user state (installed models, fetched rates): ``$KLISTING_HOME`` or ~/.local/share/klisting."""
    override = os.environ.get("KLISTING_HOME")
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "klisting"
