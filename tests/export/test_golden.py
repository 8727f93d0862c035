"""Golden bundles: one per platform, written with a complete klisting.yaml listing part.

Each golden folder holds the listing files and ``needs.json``: the needs the same products
give without any account settings, category map or image URL (every required field named,
with the key that fills it). Regenerate after an intended change with
``KLISTING_UPDATE_GOLDEN=1 pytest tests/export`` and review the diff. XLSX files are
compared as their cell values (JSON).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from klisting.export.context import ListingContext
from klisting.export.writers import dumps, write_listing_files
from klisting.markets.targets import Target
from tests.export.conftest import build_products, complete_settings

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KLISTING_UPDATE_GOLDEN") == "1"


def comparable(path: Path) -> tuple[str, str]:
    """(golden file name suffix, text to compare) for one written file."""
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        rows = [[cell for cell in row] for row in book.active.iter_rows(values_only=True)]
        return ".json", json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    return "", path.read_text(encoding="utf-8")


def _check(folder: Path, rel: str, text: str) -> None:
    golden = folder / rel
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        return
    assert golden.is_file(), f"no golden file {golden}; run with KLISTING_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8"), f"{rel} differs from its golden file"


def test_writer_matches_golden(target: Target, tmp_path: Path) -> None:
    products = build_products(target, tmp_path / "src")
    out = tmp_path / "bundle"
    ctx = complete_settings().context(target.id)
    written = write_listing_files(products, target.platform, out, ctx)
    assert written, "a writer must produce at least one file"
    assert ctx.needs == [], "a complete klisting.yaml leaves nothing unfilled"
    folder = GOLDEN / f"{target.platform.name}-{target.market}"
    seen = {"needs.json"}
    for path in sorted(written):
        suffix, text = comparable(path)
        rel = path.relative_to(out).as_posix() + suffix
        seen.add(rel)
        _check(folder, rel, text)
    bare = ListingContext(target.id)
    write_listing_files(
        build_products(target, tmp_path / "src2"), target.platform, tmp_path / "bare", bare
    )
    _check(folder, "needs.json", dumps({"needs": bare.needs, "steps": bare.steps}))
    if not UPDATE:
        stored = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        assert stored == seen, "the writer's file set changed"


def test_writer_output_is_stable(target: Target, tmp_path: Path) -> None:
    """Writing twice gives identical bytes (no timestamps, stable ordering)."""
    products = build_products(target, tmp_path / "src")
    settings = complete_settings()
    first = write_listing_files(
        products, target.platform, tmp_path / "a", settings.context(target.id)
    )
    second = write_listing_files(
        products, target.platform, tmp_path / "b", settings.context(target.id)
    )
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
