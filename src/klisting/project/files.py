"""Read and write ``klisting.yaml``: errors name the file and key; writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from klisting.errors import ConfigError, InputError
from klisting.infra.atomic import write_text_atomic
from klisting.project.model import ProjectConfig

#: The project file's default name.
PROJECT_FILE = "klisting.yaml"

_HEADER = (
    "# klisting project file: seller profile, targets, price rules and paths.\n"
    "# Paths are relative to this file. Never put API keys here: use environment variables.\n"
)


def find_project(start: Path | None = None) -> Path | None:
    """The nearest ``klisting.yaml`` in ``start`` (default: cwd) or a parent directory, or None."""
    here = Path(start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def load_project(path: Path | str) -> ProjectConfig:
    """Load and validate a project file.

    Args:
        path: the project file, or a directory holding ``klisting.yaml``.

    Returns:
        The config with ``path`` set and every path field resolved against the file's directory.

    Raises:
        ConfigError: the file is missing, not YAML, or a key is invalid (the message names
            the file and the dotted key, e.g. ``seller.brn``).
    """
    path = Path(path)
    if path.is_dir():
        path = path / PROJECT_FILE
    data = _read(path)
    try:
        config = ProjectConfig.model_validate(data, context={"base_dir": path.resolve().parent})
    except ValidationError as exc:
        raise ConfigError(
            _describe(path, exc),
            hint=f"Fix the key in {path} (or run `klisting init`) and run again.",
        ) from None
    config.path = path.resolve()
    config.safety.apply()
    return config


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: project file not found", hint="Create one with `klisting init`."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read project file ({exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: the project file must be a mapping of keys (seller:, targets: ...)"
        )
    return data


def _describe(path: Path, exc: ValidationError) -> str:
    first = exc.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{path}: key '{key}': {message}" if key else f"{path}: {message}"


def project_to_dict(config: ProjectConfig, base_dir: Path | None = None) -> dict[str, Any]:
    """The config as plain data, paths made relative to ``base_dir`` where possible."""
    data = config.model_dump(mode="json", exclude_none=True, exclude={"path"})
    if not any(data.get("safety", {}).values()):
        data.pop("safety", None)  # the defaults: no allowances, nothing to write
    if base_dir is not None:
        for key in ("glossary", "catalog", "output_dir", "work_dir"):
            value = getattr(config, key)
            if value is not None:
                data[key] = _relative(Path(value), base_dir)
    return data


def save_project(config: ProjectConfig, path: Path | str) -> Path:
    """Validate ``config`` again and write it to ``path`` atomically.

    Args:
        config: the project config.
        path: the file to write, or a directory (``klisting.yaml`` is written inside it).

    Returns:
        The path written.

    Raises:
        ConfigError: the config does not validate (nothing is written).
        OutputError: the file cannot be written.
    """
    path = Path(path)
    if path.is_dir():
        path = path / PROJECT_FILE
    data = project_to_dict(config, path.resolve().parent)
    try:
        ProjectConfig.model_validate(data, context={"base_dir": path.resolve().parent})
    except ValidationError as exc:
        raise ConfigError(_describe(path, exc)) from None
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    write_text_atomic(path, _HEADER + text)
    return path


def _relative(value: Path, base_dir: Path) -> str:
    if not value.is_absolute():
        return value.as_posix()
    try:
        return Path(os.path.relpath(value, base_dir)).as_posix()
    except ValueError:  # another drive on Windows
        return value.as_posix()
