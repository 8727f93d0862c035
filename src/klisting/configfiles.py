"""Load YAML config files once, validate them with pydantic, and name the file and key on error."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from klisting.errors import ConfigError

ModelT = TypeVar("ModelT", bound=BaseModel)


@lru_cache(maxsize=256)
def _read_yaml(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None


def load_yaml(path: Path) -> object:
    """Parsed YAML content of ``path`` (cached per path)."""
    return _read_yaml(Path(path).resolve())


def load_model(path: Path, model: type[ModelT]) -> ModelT:
    """Load ``path`` and validate it as ``model``; errors name the file and the key."""
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
