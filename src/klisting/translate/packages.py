"""Argos Translate packages: find, validate, install and remove ``.argosmodel`` files.

A package is a directory with ``metadata.json``, ``model/`` (CTranslate2) and
``sentencepiece.model`` (or ``src.spm.model`` + ``tgt.spm.model``). klisting installs into its
own model dir (``data_home()/models``) and also reads an existing argostranslate install
(``$ARGOS_PACKAGES_DIR`` or ``~/.local/share/argos-translate/packages``), so models installed
with ``argospm`` work without copying.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from klisting.errors import InputError, OutputError
from klisting.paths import data_home

#: Refuse archives that would unpack to more than this (zip bombs); real models are ~120 MB.
MAX_UNPACKED_BYTES = 4 * 1024**3
_ARGOS_CODES = {
    "zh-hant": "zt",
    "zh-tw": "zt",
    "zh-hk": "zt",
    "zh-hans": "zh",
    "zh-cn": "zh",
    "pt-br": "pb",
}


def argos_code(tag: str) -> str:
    """Argos language code for a BCP 47 tag: zh-Hant -> zt, zh-Hans -> zh, pt-BR -> pb, en-US -> en."""
    lower = tag.strip().replace("_", "-").lower()
    return _ARGOS_CODES.get(lower, lower.split("-")[0])


@dataclass(slots=True, frozen=True)
class ArgosPackage:
    """An installed package."""

    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"

    def tokenizer_files(self) -> tuple[Path, Path]:
        """(source, target) SentencePiece model files."""
        shared = self.path / "sentencepiece.model"
        if shared.is_file():
            return shared, shared
        return self.path / "src.spm.model", self.path / "tgt.spm.model"

    def to_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "from": self.from_code,
            "to": self.to_code,
            "version": self.version,
            "path": str(self.path),
        }


def models_dir() -> Path:
    """klisting's own model dir."""
    return data_home() / "models"


def package_dirs(extra: list[Path] | tuple[Path, ...] = ()) -> list[Path]:
    """Directories searched for packages: extra ones, klisting's, then argostranslate's."""
    dirs = [*map(Path, extra), models_dir()]
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        dirs.append(Path(env))
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        dirs.append(
            (Path(xdg) if xdg else Path.home() / ".local" / "share")
            / "argos-translate"
            / "packages"
        )
    return list(dict.fromkeys(dirs))


def read_package(path: Path) -> ArgosPackage | None:
    """The package in ``path``, or None when it is not a usable translate package."""
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(meta, dict)
        or meta.get("type", "translate") != "translate"
        or not (path / "model").is_dir()
    ):
        return None
    package = ArgosPackage(
        path=path,
        from_code=str(meta.get("from_code", "")),
        to_code=str(meta.get("to_code", "")),
        version=str(meta.get("package_version", "0")),
        target_prefix=str(meta.get("target_prefix", "") or ""),
    )
    if (
        not package.from_code
        or not package.to_code
        or not all(f.is_file() for f in package.tokenizer_files())
    ):
        return None
    return package


def installed_packages(dirs: list[Path] | tuple[Path, ...] = ()) -> list[ArgosPackage]:
    """Every usable package in the search dirs (first dir wins for a pair)."""
    found: list[ArgosPackage] = []
    for directory in package_dirs(dirs):
        if directory.is_dir():
            for child in sorted(directory.iterdir()):
                package = (
                    read_package(child)
                    if child.is_dir() and not child.name.startswith(".")
                    else None
                )
                if package:
                    found.append(package)
    return found


def validate_archive(archive: zipfile.ZipFile, origin: str) -> str:
    """Check an .argosmodel zip before extracting; returns its single top-level folder name.

    Raises:
        InputError: path escapes, links, missing metadata/model, or an oversized archive.
    """
    tops: set[str] = set()
    total = 0
    for info in archive.infolist():
        name = PurePosixPath(info.filename)
        if (
            info.filename.startswith(("/", "\\"))
            or ".." in name.parts
            or ":" in name.parts[0]
            or "\\" in info.filename
        ):
            raise InputError(
                f"{origin}: unsafe path {info.filename!r} in archive",
                "Only install model packages from a trusted source.",
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise InputError(
                f"{origin}: archive contains a symbolic link ({info.filename})",
                "Only install model packages from a trusted source.",
            )
        tops.add(name.parts[0])
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{origin}: archive unpacks to {total} bytes, more than the {MAX_UNPACKED_BYTES} allowed"
        )
    if len(tops) != 1:
        raise InputError(
            f"{origin}: expected one top-level folder in the .argosmodel, found {len(tops)}"
        )
    top = tops.pop()
    names = set(archive.namelist())
    if f"{top}/metadata.json" not in names or not any(n.startswith(f"{top}/model/") for n in names):
        raise InputError(
            f"{origin}: not an Argos translate package (metadata.json or model/ missing)"
        )
    return top


def install_package_file(path: Path | str, target_dir: Path | None = None) -> ArgosPackage:
    """Install a local ``.argosmodel`` file atomically (validated, unpacked beside, renamed).

    Raises:
        InputError: not a readable, valid package.
        OutputError: the model dir is not writable.
    """
    path = Path(path)
    target_dir = target_dir or models_dir()
    if not path.is_file():
        raise InputError(
            f"{path}: {'is a directory, not a package file' if path.is_dir() else 'file not found'}",
            "Pass the path of a downloaded .argosmodel, or a language pair such as ko-en.",
        )
    if not zipfile.is_zipfile(path):
        raise InputError(
            f"{path}: not an .argosmodel (zip) file",
            "Pass a file downloaded from the Argos package index, or a language pair such as ko-en.",
        )
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=target_dir))
    except OSError as exc:
        raise OutputError(f"{target_dir}: cannot write the model dir ({exc.strerror})") from None
    try:
        top = _extract(path, staging)
        package = read_package(staging / top)
        if package is None:
            raise InputError(f"{path}: package metadata or tokenizer is missing or unreadable")
        from klisting.translate.modelcheck import check_package_loads

        check_package_loads(package.path / "model", package.tokenizer_files(), str(path))
        final = target_dir / top
        _swap_into_place(staging / top, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    installed = read_package(final)
    assert installed is not None
    return installed


def _extract(path: Path, staging: Path) -> str:
    """Validate and unpack the archive; a zip whose entries lie (bad CRC, short data) is an
    InputError, not a traceback."""
    try:
        with zipfile.ZipFile(path) as archive:
            top = validate_archive(archive, str(path))
            archive.extractall(staging)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise InputError(
            f"{path}: the archive is damaged ({exc})", "Download the package again."
        ) from None
    return top


def _swap_into_place(new: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old")
    try:
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
            final.rename(old)
        new.rename(final)
    except OSError as exc:
        raise OutputError(f"{final}: cannot install package ({exc.strerror})") from None
    shutil.rmtree(old, ignore_errors=True)


def parse_pair(text: str) -> tuple[str, str]:
    """'ko-en', 'ko:en', 'ko_en', 'translate-ko_en' or 'ko:zh-Hant' -> Argos codes (from, to)."""
    value = text.strip().removeprefix("translate-")
    for sep in (":", "_", "-"):
        if sep in value:
            source, _, target = value.partition(sep)
            if source and target:
                return argos_code(source), argos_code(
                    target.split("-1")[0] if sep == "_" else target
                )
    raise InputError(f"{text!r} is not a language pair", "Write it as SOURCE-TARGET, e.g. ko-en.")


def remove_packages(spec: str, target_dir: Path | None = None) -> list[Path]:
    """Remove packages from klisting's model dir by directory name or language pair."""
    target_dir = target_dir or models_dir()
    removed: list[Path] = []
    for package in installed_packages():
        if package.path.parent != target_dir:
            continue
        if package.name == spec or _matches_pair(package, spec):
            shutil.rmtree(package.path)
            removed.append(package.path)
    return removed


def _matches_pair(package: ArgosPackage, spec: str) -> bool:
    try:
        return parse_pair(spec) == (package.from_code, package.to_code)
    except InputError:
        return False
