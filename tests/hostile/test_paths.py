"""Local image paths cannot leave the catalog's folder: '..', absolute paths and symlinks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from klisting.catalog import read_catalog
from tests.hostile.conftest import bundle_files, jpeg, klisting, product, write_json_catalog


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A catalog folder with one good image, and a 'secret' image outside it."""
    folder = tmp_path / "shop"
    jpeg(folder / "images" / "ok.jpg")
    secret = jpeg(tmp_path / "private" / "secret.jpg", color=(10, 20, 30))
    (folder / "images" / "link.jpg").symlink_to(secret)
    items = [
        product("GOOD", **{"대표이미지": "images/ok.jpg"}),
        product("DOTS", **{"대표이미지": "../private/secret.jpg"}),
        product("ABS", **{"대표이미지": str(secret)}),
        product("LINK", **{"대표이미지": "images/link.jpg"}),
    ]
    return write_json_catalog(folder, items), secret


def test_escaping_paths_are_refused_with_a_finding_naming_the_row(
    layout: tuple[Path, Path],
) -> None:
    catalog_path, secret = layout
    catalog = read_catalog(catalog_path)
    images = {p.sku: [i.src for i in p.images] for p in catalog.products}
    assert images["GOOD"] and not images["DOTS"] and not images["ABS"] and not images["LINK"]
    result = klisting("validate", catalog_path, "--format", "json")
    assert result.exit_code == 1
    findings = [
        f for f in json.loads(result.stdout)["findings"] if f["code"] == "images.outside-folder"
    ]
    assert sorted(f["sku"] for f in findings) == ["ABS", "DOTS", "LINK"]
    assert {f["row"] for f in findings} == {2, 3, 4}
    link = next(f for f in findings if f["sku"] == "LINK")
    assert "through a symlink" in link["message"] and str(secret) in link["message"]


def test_the_outside_file_never_reaches_a_bundle(layout: tuple[Path, Path], tmp_path: Path) -> None:
    catalog_path, secret = layout
    out = tmp_path / "out"
    result = klisting(
        "run", catalog_path, "-t", "shopify:us", "-o", out, "--work-dir", tmp_path / "w"
    )
    assert result.exit_code == 1, result.output  # three products refused, the good one exported
    manifest = json.loads((out / "shopify-us" / "manifest.json").read_text())
    assert manifest["exported_skus"] == ["GOOD"]
    secret_bytes = secret.read_bytes()
    assert all(data != secret_bytes for data in bundle_files(out).values())


def test_a_folder_allowed_by_the_project_file_or_environment_is_read(
    layout: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog_path, secret = layout
    monkeypatch.setenv("KLISTING_IMAGE_ROOTS", str(secret.parent))
    images = {p.sku: p.images for p in read_catalog(catalog_path).products}
    assert all(images[sku] for sku in ("DOTS", "ABS", "LINK"))
    monkeypatch.delenv("KLISTING_IMAGE_ROOTS")
    from klisting.infra import confine
    from klisting.project import load_project

    monkeypatch.setattr(confine, "_roots", set())
    project = tmp_path / "klisting.yaml"
    project.write_text("safety:\n  image_roots: [private]\n", encoding="utf-8")
    assert load_project(project).safety.image_roots == [(tmp_path / "private").resolve()]
    assert os.path.realpath(secret.parent) in {str(r) for r in confine._roots}
    assert all(p.images for p in read_catalog(catalog_path).products)
