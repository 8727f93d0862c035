"""Export stage: write a target's bundle unless an identical one is already in place."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from klisting import __version__
from klisting.export.bundle import BundleResult, bundle_name, write_bundle
from klisting.export.model import FittedPart, LocalizedProduct
from klisting.infra.cache import digest, file_digest
from klisting.markets.targets import Target
from klisting.model import Finding, Report
from klisting.pipeline.model import RunOptions
from klisting.translate.types import LocalizedText

#: bumped when assembling changes what a bundle holds, so an older bundle is not reused
EXPORT = "export-v4"


def input_key(
    target: Target,
    texts: dict[int, LocalizedText],
    fits: list[list[FittedPart]],
    price_tag: str,
    findings: list[Finding],
    options: RunOptions,
    images: object = (),
) -> str:
    """Hash of everything a target's bundle is made from, computed before assembling it.

    ``images`` is what the localizer said of each image (its blocks' statuses and notes): a
    block a person accepted leaves the pixels as they were, yet the product's verdict changes.

    Work-dir paths are left out (fitted files count by their content-addressed names), so a
    resumed run and a clean run in another work dir agree.
    """
    source = Path(options.catalog)
    return digest(
        EXPORT,
        __version__,
        target.id,
        target.platform.model_dump(),
        str(source),
        file_digest(source) if source.is_file() else "",
        {index: text.to_json() for index, text in texts.items()},
        [[part.path.name for part in parts] for parts in fits],
        price_tag,
        options.profile,
        options.trade,
        options.listing.to_json(),
        options.images,
        [f.to_json() for f in findings],
        images,
    )


def export_target(
    target: Target,
    build: Callable[[], list[LocalizedProduct]],
    key: str,
    findings: list[Finding],
    options: RunOptions,
) -> BundleResult:
    """Reuse the bundle when its manifest has ``key``; else assemble (``build``) and write it.

    ``findings`` are the target's catalog- and run-level findings (``target_findings``).
    """
    existing = _reuse(Path(options.out_dir) / bundle_name(target), key)
    if existing is not None:
        return existing
    settings = {
        "target": target.id,
        "engine": options.engine_id,
        "images": options.images,
        "input_hash": key,
    }
    return write_bundle(
        target,
        build(),
        Path(options.out_dir),
        source=Path(options.catalog),
        settings=settings,
        findings=findings,
        listing=options.listing,
    )


def target_findings(target: Target, report: Report | None, run: list[Finding]) -> list[Finding]:
    """Catalog-level validation findings for this target plus run-level findings.

    Findings without a SKU include rows left out of every bundle for lack of one
    (``sku.missing``): the bundle's report must say that a row is missing, not drop it silently.
    """
    catalog = [f for f in (report.findings if report else []) if f.target in (None, target.id)]
    return [f for f in catalog if f.sku is None] + [f for f in run if f.target in (None, target.id)]


def _reuse(path: Path, key: str) -> BundleResult | None:
    """A BundleResult read from an existing bundle whose manifest has the same input hash."""
    try:
        raw = (path / "manifest.json").read_bytes()
        manifest = json.loads(raw)
    except (OSError, ValueError):
        return None
    if manifest.get("settings", {}).get("input_hash") != key or not _intact(path, raw, manifest):
        return None
    findings = [Finding.from_json(f) for f in manifest["findings"]]
    return BundleResult(
        target=manifest.get("target", ""),
        path=path,
        zip_path=path.with_suffix(".zip"),
        exported=manifest.get("exported_skus", []),
        refused=manifest.get("refused", {}),
        findings=findings,
        files=manifest.get("files", []),
        needs=manifest.get("needs", []),
        steps=manifest.get("steps", []),
    )


def _intact(path: Path, raw_manifest: bytes, manifest: dict[str, Any]) -> bool:
    """True when the folder still holds every file its manifest lists and the zip matches it.

    The manifest's input hash alone says what the bundle was made from, not that it is still
    there: a file deleted or edited by hand, or a run killed after the folder was swapped in
    but before the zip was rewritten (the zip then holds the previous bundle), must not be
    reported as a finished bundle.
    """
    files = manifest.get("files")
    if not isinstance(files, list):
        return False
    for entry in files:
        try:
            if file_digest(path / entry["path"]) != entry["sha256"]:
                return False
        except (OSError, KeyError, TypeError):
            return False
    try:
        with zipfile.ZipFile(path.with_suffix(".zip")) as archive:
            names = set(archive.namelist())
            zipped_manifest = archive.read(f"{path.name}/manifest.json")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    expected = {f"{path.name}/{entry['path']}" for entry in files} | {f"{path.name}/manifest.json"}
    return names == expected and zipped_manifest == raw_manifest
