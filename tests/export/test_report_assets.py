"""report.html's pictures: right pixels, one decode per source page whatever the block count."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from klisting.export import report_assets
from klisting.export.report_assets import CROP_MARGIN, write_block_crops, write_thumbnail


def _page(path: Path) -> Path:
    pixels = np.zeros((600, 200, 3), np.uint8)
    pixels[100:140, 20:180] = (255, 0, 0)  # a red band: the first block
    pixels[400:440, 20:180] = (0, 0, 255)  # a blue band: the second
    Image.fromarray(pixels).save(path, "PNG")
    return path


def test_each_crop_shows_its_block(tmp_path: Path) -> None:
    page = _page(tmp_path / "page.png")
    boxes = {"20,100,180,140": tmp_path / "a.jpg", "20,400,180,440": tmp_path / "b.jpg"}
    assert write_block_crops(page, boxes) == set(boxes)
    red = np.asarray(Image.open(tmp_path / "a.jpg")).astype(int)
    blue = np.asarray(Image.open(tmp_path / "b.jpg")).astype(int)
    assert red.shape[:2] == (40 + 2 * CROP_MARGIN, 160 + 2 * CROP_MARGIN)
    centre = (slice(CROP_MARGIN + 5, -CROP_MARGIN - 5),) * 2
    assert red[centre][..., 0].mean() > 200 and red[centre][..., 2].mean() < 50
    assert blue[centre][..., 2].mean() > 200 and blue[centre][..., 0].mean() < 50


def test_a_page_is_decoded_once_for_all_bundles_and_blocks(tmp_path: Path, monkeypatch) -> None:
    page = _page(tmp_path / "page.png")
    opened: list[str] = []
    real_open = Image.open
    monkeypatch.setattr(
        Image, "open", lambda p, *a, **k: (opened.append(str(p)), real_open(p, *a, **k))[1]
    )
    boxes = [f"0,{y},200,{y + 30}" for y in range(0, 600, 40)]
    for bundle in ("shopee-tw", "amazon-us", "qoo10-jp"):  # every target shows the same page
        folder = tmp_path / bundle
        assert write_block_crops(page, {b: folder / f"{i}.jpg" for i, b in enumerate(boxes)})
        assert write_thumbnail(page, folder / "before.jpg")
    assert opened.count(str(page)) == 2  # one decode for the crops, one for the thumbnail
    assert len(list((tmp_path / "qoo10-jp").glob("*.jpg"))) == len(boxes) + 1


def test_an_edited_source_is_read_again(tmp_path: Path) -> None:
    page = _page(tmp_path / "page.png")
    assert write_thumbnail(page, tmp_path / "one.jpg")
    Image.new("RGB", (50, 50), "green").save(page, "PNG")
    assert write_thumbnail(page, tmp_path / "two.jpg")
    assert (
        Image.open(io.BytesIO((tmp_path / "two.jpg").read_bytes())).size
        != Image.open(tmp_path / "one.jpg").size
    )


def test_unreadable_sources_write_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not an image")
    assert not write_thumbnail(broken, tmp_path / "t.jpg")
    assert write_block_crops(broken, {"0,0,10,10": tmp_path / "c.jpg"}) == set()
    assert not write_thumbnail(tmp_path / "missing.png", tmp_path / "t.jpg")
    assert [p.name for p in tmp_path.glob("*.jpg")] == ["broken.jpg"]
    assert report_assets._crop_bytes.cache_info().maxsize  # bounded memo, never unbounded
