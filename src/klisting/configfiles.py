"""Load YAML config files once, validate them with pydantic, and name the file and key on error.

The one config access point: every loader reads through ``load_yaml`` (cached per file and its
modification time, so an edited file is read again in a long-lived process) and caches what it
builds with ``@per_config_dir`` (keyed on ``paths.config_dir()``, so a test or a user that points
``$KLISTING_CONFIG_DIR`` elsewhere never gets the previous directory's data).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import yaml

from klisting.errors import ConfigError
from klisting.paths import config_dir

if TYPE_CHECKING:  # pydantic is imported by the first load_model: commands that read no
    from pydantic import BaseModel  # model-backed config (validate) never pay for it

ModelT = TypeVar("ModelT", bound="BaseModel")
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
P = ParamSpec("P")
R = TypeVar("R")


@lru_cache(maxsize=256)
def _read_yaml(path: Path, _stamp: tuple[int, int]) -> object:
    try:
        with path.open(encoding="utf-8") as handle:
            # libyaml's loader when PyYAML has it: 8x faster, and config files are read at
            # every start (the source profiles alone took a third of a small validate's time)
            return yaml.load(handle, Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None


def load_yaml(path: Path) -> object:
    """Parsed YAML content of ``path`` (cached per path and modification time)."""
    resolved = Path(path).resolve()
    try:
        stat = resolved.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, 0)  # _read_yaml raises the clear "file not found"
    return _read_yaml(resolved, stamp)


def per_config_dir(function: Callable[P, R]) -> Callable[P, R]:
    """Cache ``function``'s result per config directory (and per its arguments)."""
    cached = lru_cache(maxsize=64)(lambda _directory, *args, **kwargs: function(*args, **kwargs))

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return cached(str(config_dir()), *args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper


def load_model(path: Path, model: type[ModelT]) -> ModelT:
    """Load ``path`` and validate it as ``model``; errors name the file and the key."""
    from pydantic import ValidationError

    data = load_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise ConfigError(f"{path}: key '{key}': {first['msg']}") from None


def load_dir(directory: Path, model: type[ModelT]) -> dict[str, ModelT]:
    """Every ``*.yaml`` in ``directory`` validated as ``model``, keyed by file stem."""
    return {path.stem: load_model(path, model) for path in sorted(Path(directory).glob("*.yaml"))}
