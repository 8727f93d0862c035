"""Broken state on disk: bad model packages, damaged caches, report file modes."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from klisting.infra.cache import QUARANTINED, StageCache, intact_image
from tests.hostile.conftest import jpeg, klisting, product, write_json_catalog

_META = {"package_version": "1.0", "from_code": "ko", "to_code": "en", "type": "translate"}


def _package(path: Path, model: bytes) -> Path:
    """An .argosmodel whose files are all where Argos puts them; ``model`` is model.bin."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("translate-ko_en-1_0/metadata.json", json.dumps(_META))
        archive.writestr("translate-ko_en-1_0/sentencepiece.model", b"\x00" * 64)
        archive.writestr("translate-ko_en-1_0/model/model.bin", model)
        archive.writestr("translate-ko_en-1_0/model/config.json", "{}")
    return path


@pytest.fixture
def models_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KLISTING_HOME", str(tmp_path / "home"))
    return tmp_path / "home" / "models"


def _installed(models_home: Path) -> list[str]:
    if not models_home.exists():
        return []
    return [p.name for p in models_home.iterdir() if not p.name.startswith(".")]


def test_a_one_byte_model_is_refused_at_install(tmp_path: Path, models_home: Path) -> None:
    result = klisting("models", "install", _package(tmp_path / "tiny.argosmodel", b"x"))
    assert result.exit_code == 3, result.output
    assert "does not load" in result.output
    assert _installed(models_home) == []


def test_a_zip_whose_entries_lie_is_refused(tmp_path: Path, models_home: Path) -> None:
    path = _package(tmp_path / "liar.argosmodel", b"x" * 10_000)
    data = bytearray(path.read_bytes())
    name = b"translate-ko_en-1_0/model/model.bin"
    start = data.find(name) + len(name)  # first local header's data follows its name
    data[start + 5] ^= 0xFF
    path.write_bytes(bytes(data))
    result = klisting("models", "install", path)
    assert result.exit_code == 3, result.output
    assert "damaged" in result.output
    assert _installed(models_home) == []


def _run(catalog: Path, tmp_path: Path, *extra: str):
    return klisting(
        "run",
        catalog,
        "-t",
        "shopify:us",
        "-o",
        tmp_path / "out",
        "--work-dir",
        tmp_path / "w",
        *extra,
    )


def test_a_truncated_translation_memory_is_quarantined(tmp_path: Path) -> None:
    catalog = write_json_catalog(tmp_path / "cat", [product("TM-1", **{"상품명": "순면 티셔츠"})])
    assert _run(catalog, tmp_path, "--no-images").exit_code == 0
    memory = tmp_path / "w" / "translation_memory.sqlite"
    memory.write_bytes(memory.read_bytes()[:1000])
    result = _run(catalog, tmp_path, "--no-images")
    assert result.exit_code == 0, result.output  # not 6 "output not writable"
    assert "damaged translation memory" in result.output
    assert memory.with_name(memory.name + ".corrupt-1").exists()
    assert sqlite3.connect(memory).execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_damaged_stage_cache_entries_are_rebuilt(tmp_path: Path) -> None:
    cache = StageCache(tmp_path)
    cache.put("text-v1", "ab" * 32, {"title": "x"})
    path = cache._path("text-v1", "ab" * 32, ".json")
    path.write_text('{"title": "x', encoding="utf-8")
    assert cache.get("text-v1", "ab" * 32) is None
    assert (path, path.with_name(path.name + ".corrupt-1")) in QUARANTINED
    image = jpeg(tmp_path / "cached.jpg")
    assert intact_image(image)
    image.write_bytes(image.read_bytes()[:200])
    image.with_name("cached.jpg.json").write_text("{}")
    assert not intact_image(image) and not image.exists()
    assert not image.with_name("cached.jpg.json").exists()


def test_damaged_cached_images_do_not_block_a_rerun(tmp_path: Path) -> None:
    jpeg(tmp_path / "cat" / "images" / "1.jpg")
    catalog = write_json_catalog(
        tmp_path / "cat", [product("IMG-1", **{"대표이미지": "images/1.jpg"})]
    )
    first = _run(catalog, tmp_path)
    assert first.exit_code in (0, 1), first.output  # 1: no image upload URL set ("needs")
    damaged = 0
    for path in (tmp_path / "w" / "cache").rglob("*"):
        if path.suffix.lower() in (".jpg", ".jpeg", ".png"):
            path.write_bytes(path.read_bytes()[:100])
            damaged += 1
    assert damaged
    second = _run(catalog, tmp_path)
    assert second.exit_code == first.exit_code, second.output  # not 3 "re-save the image"
    assert "damaged cached image" in second.output
    manifest = json.loads((tmp_path / "out" / "shopify-us" / "manifest.json").read_text())
    assert manifest["exported_skus"] == ["IMG-1"]


@pytest.mark.parametrize("fmt", ["sarif", "junit"])
def test_reports_are_written_readable_by_others(tmp_path: Path, fmt: str) -> None:
    catalog = write_json_catalog(tmp_path / "cat", [product("R-1", **{"판매가": "0"})])
    report = tmp_path / f"report.{fmt}"
    old = os.umask(0o022)
    try:
        klisting("validate", catalog, "--format", fmt, "-o", report)
    finally:
        os.umask(old)
    assert stat.S_IMODE(report.stat().st_mode) == 0o644


def test_a_damaged_download_cache_is_fetched_again(serve, tmp_path: Path) -> None:
    from klisting.images.fetch import fetch

    body = jpeg(tmp_path / "src.jpg").read_bytes()

    def image(handler) -> None:  # answers 304 to a matching ETag, as CDNs do
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("content-type", "image/jpeg")
        handler.send_header("etag", '"v1"')
        handler.send_header("content-length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    url = serve({"/p.jpg": image}) + "/p.jpg?token=s3cret"
    cache = tmp_path / "downloads"
    assert fetch(url, cache).data == body
    (cached,) = cache.glob("*.bin")
    assert "s3cret" not in next(cache.glob("*.json")).read_text()
    cached.write_bytes(body[:50])  # the 304 path would have served this
    assert fetch(url, cache).data == body
    assert cached.with_name(cached.name + ".corrupt-1").exists()
