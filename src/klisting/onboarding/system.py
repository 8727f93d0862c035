"""Probes of the machine: tesseract, fonts, the text detection model, translation models.

Each probe is a small function returning plain data so ``doctor`` and ``readiness`` share them
and tests can monkeypatch one probe to simulate a missing piece.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from klisting.paths import data_home

_TIMEOUT = 20


@dataclass(frozen=True)
class TesseractInfo:
    """Installed tesseract: version text (None when not found) and its languages."""

    version: str | None
    languages: tuple[str, ...]


@dataclass(frozen=True)
class TranslationModel:
    """An installed translation model package for one language pair."""

    source: str
    target: str
    name: str
    path: str


def _run(args: list[str]) -> str | None:
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout + done.stderr if done.returncode == 0 else None


@lru_cache(maxsize=1)
def tesseract() -> TesseractInfo:
    """Version and language list of the ``tesseract`` on PATH (``$TESSERACT_CMD`` overrides)."""
    command = os.environ.get("TESSERACT_CMD") or shutil.which("tesseract")
    if not command:
        return TesseractInfo(None, ())
    version_text = _run([command, "--version"]) or ""
    match = re.search(r"tesseract\s+v?(\S+)", version_text)
    listing = _run([command, "--list-langs"]) or ""
    # The first line is 'List of available languages in "...":'.
    languages = tuple(line.strip() for line in listing.splitlines()[1:] if line.strip())
    return TesseractInfo(match.group(1) if match else None, languages)


@lru_cache(maxsize=64)
def fonts_for(fc_lang: str) -> tuple[str, ...]:
    """Font families fontconfig says cover ``fc_lang`` (``fc-list :lang=xx family``)."""
    if not shutil.which("fc-list"):
        return ()
    output = _run(["fc-list", f":lang={fc_lang}", "family"]) or ""
    families = {line.split(",")[0].strip() for line in output.splitlines() if line.strip()}
    return tuple(sorted(families))


def fontconfig_available() -> bool:
    """True when ``fc-list`` is on PATH."""
    return shutil.which("fc-list") is not None


def detection_model() -> Path | None:
    """The text detection ``*det*.onnx`` inside the installed rapidocr-onnxruntime package."""
    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        found = sorted(Path(location).glob("**/*det*.onnx"))
        if found:
            return found[0]
    return None


def translation_models() -> list[TranslationModel]:
    """Installed translation models: ``klisting.translate.packages`` when present, else a scan.

    Both read Argos package ``metadata.json`` files under klisting's model store
    (``$KLISTING_HOME/models``) and an existing argostranslate install; the registry also
    checks that the model files are there.
    """
    registry = _from_registry()
    if registry is not None:
        return registry
    roots = [
        data_home() / "models",
        Path.home() / ".local" / "share" / "argos-translate" / "packages",
    ]
    models: list[TranslationModel] = []
    for root in roots:
        for meta in sorted(root.glob("*/metadata.json")) if root.is_dir() else []:
            model = _read_argos_metadata(meta)
            if model is not None:
                models.append(model)
    return models


def _read_argos_metadata(meta: Path) -> TranslationModel | None:
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not data.get("from_code") or not data.get("to_code"):
        return None
    name = str(data.get("package_name") or meta.parent.name)
    return TranslationModel(str(data["from_code"]), str(data["to_code"]), name, str(meta.parent))


def _from_registry() -> list[TranslationModel] | None:
    """Installed packages from the translation module's registry (None when it is absent)."""
    try:
        from klisting.translate.packages import installed_packages
    except ImportError:
        return None
    return [
        TranslationModel(package.from_code, package.to_code, package.name, str(package.path))
        for package in installed_packages()
    ]


def translation_route(
    models: list[TranslationModel], source: str, target: str
) -> list[TranslationModel] | None:
    """Models that translate ``source`` -> ``target`` directly or through English, or None."""
    pairs = {(model.source, model.target): model for model in models}
    if (source, target) in pairs:
        return [pairs[(source, target)]]
    if (source, "en") in pairs and ("en", target) in pairs:
        return [pairs[(source, "en")], pairs[("en", target)]]
    return None


def writable(directory: Path) -> str | None:
    """None when klisting could create files in ``directory``, else the reason.

    Nothing is left behind: a directory that does not exist yet is judged by its nearest
    existing parent, because a check that creates directories would plant a tree wherever a
    mistyped ``--work-dir`` points.
    """
    probe = directory
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        return f"{probe} is a file, not a directory"
    try:
        with tempfile.NamedTemporaryFile(dir=probe, prefix=".klisting-doctor-"):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
