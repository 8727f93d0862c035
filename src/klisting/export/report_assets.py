"""The pictures report.html shows: a 'before' thumbnail per image and a crop per text block.

They come from the source images, which every target's bundle shows again, so the JPEG bytes
are made once per run and only written per bundle: memoised by the source file (path, size and
modification time, so an edited file is read again). A tall detail page is decoded once for
all of its block crops; decoding it once per block was 35 of the demo's 48 s of export.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

#: how far a block crop reaches past the block's box, so its neighbourhood is recognisable
CROP_MARGIN = 8
THUMBNAIL_WIDTH = 420


def write_thumbnail(source: Path, dest: Path, width: int = THUMBNAIL_WIDTH) -> bool:
    """Write a small JPEG of ``source`` to ``dest``; False when ``source`` cannot be read."""
    stamp = _stamp(source)
    data = _thumbnail_bytes(str(source), stamp, width) if stamp else None
    return _write(dest, data)


def write_block_crops(original: Path, boxes: dict[str, Path]) -> set[str]:
    """Write a JPEG of each block's place in ``original`` (``bbox`` "x0,y0,x1,y1" -> dest).

    Returns the boxes written; none when the original cannot be read.
    """
    stamp = _stamp(original)
    if not stamp or not boxes:
        return set()
    crops = _crop_bytes(str(original), stamp, tuple(sorted(boxes)))
    return {bbox for bbox, dest in boxes.items() if _write(dest, crops.get(bbox))}


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _write(dest: Path, data: bytes | None) -> bool:
    if data is None:
        return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)  # inside the bundle's temporary folder: renamed into place whole
    return True


@lru_cache(maxsize=1024)
def _thumbnail_bytes(path: str, _stamp: tuple[int, int], width: int) -> bytes | None:
    from PIL import Image

    try:
        with Image.open(path) as image:
            image = image.convert("RGB")
            # tall detail pages keep their shape: the width is what makes the page scannable
            image.thumbnail((width, width * 80))
            return _jpeg(image, quality=70, optimize=True)
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=256)
def _crop_bytes(path: str, _stamp: tuple[int, int], boxes: tuple[str, ...]) -> dict[str, bytes]:
    from PIL import Image

    crops: dict[str, bytes] = {}
    try:
        with Image.open(path) as image:
            page = image.convert("RGB")
    except (OSError, ValueError):
        return crops
    for bbox in boxes:
        try:
            x0, y0, x1, y1 = (int(v) for v in bbox.split(","))
        except ValueError:  # a sidecar a person edited: that one crop is left out
            continue
        m = CROP_MARGIN
        crop = page.crop((max(0, x0 - m), max(0, y0 - m), x1 + m, y1 + m))
        crops[bbox] = _jpeg(crop, quality=80)
    return crops


def _jpeg(image: object, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)  # type: ignore[attr-defined]
    return buffer.getvalue()
