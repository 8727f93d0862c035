"""Fit an image to a platform's image spec (``configs/platforms/*.yaml`` ``images:``).

Export calls :func:`fit_image` per image. Tall detail pages are split into parts where the
platform caps the height (cuts snap to quiet rows so no text line is cut), then each part is
padded to a square if required, scaled into the min/max pixel range, and encoded in an allowed
format under the byte limit by a JPEG quality search (then by downscaling).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from klisting.errors import OutputError
from klisting.images.fetch import decode
from klisting.markets.platforms import ImageSpec

PIL_FORMATS = {
    "jpeg": "JPEG",
    "jpg": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
    "gif": "GIF",
    "tiff": "TIFF",
}
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "gif": "gif", "tiff": "tif"}


@dataclass
class FittedImage:
    """One encoded image ready to upload."""

    data: bytes
    format: str
    width: int
    height: int
    quality: int | None = None
    part: int = 1
    parts: int = 1

    @property
    def extension(self) -> str:
        """File extension without the dot."""
        return EXTENSIONS.get(self.format, self.format)


def _open(image: str | Path | Image.Image) -> Image.Image:
    if isinstance(image, Image.Image):
        return image.convert("RGB") if image.mode != "RGB" else image
    return decode(Path(image).read_bytes(), str(image))


def split_tall(image: Image.Image, max_height: int) -> list[Image.Image]:
    """Cut ``image`` into parts at most ``max_height`` tall, each cut on the quietest row nearby."""
    if image.height <= max_height:
        return [image]
    gray = np.asarray(image.convert("L"), dtype=np.int16)
    energy = np.abs(np.diff(gray, axis=1)).sum(axis=1) + gray.std(axis=1) * 4
    parts, top = [], 0
    while image.height - top > max_height:
        lo = top + int(max_height * 0.8)
        hi = top + max_height
        cut = lo + int(np.argmin(energy[lo:hi]))
        parts.append(image.crop((0, top, image.width, cut)))
        top = cut
    parts.append(image.crop((0, top, image.width, image.height)))
    return parts


def _pad_square(image: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    side = max(image.size)
    if image.width == image.height:
        return image
    canvas = Image.new("RGB", (side, side), background)
    canvas.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
    return canvas


def _scale(image: Image.Image, spec: ImageSpec) -> Image.Image:
    factor = 1.0
    if spec.max_px and max(image.size) > spec.max_px:
        factor = spec.max_px / max(image.size)
    elif spec.min_px and min(image.size) < spec.min_px:
        factor = spec.min_px / min(image.size)
        if spec.max_px:
            factor = min(factor, spec.max_px / max(image.size))
    if abs(factor - 1.0) < 1e-6:
        return image
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _encode(image: Image.Image, fmt: str, quality: int | None) -> bytes:
    buffer = io.BytesIO()
    options = (
        # 4:4:4: at the usual 4:2:0 thin coloured text (a red warning line) turns grey
        {"quality": quality, "optimize": True, "progressive": True, "subsampling": 0}
        if fmt == "jpeg"
        else {"optimize": True}
    )
    if fmt == "webp":
        options = {"quality": quality or 90}
    try:
        image.save(buffer, PIL_FORMATS[fmt], **options)
    except OSError:
        # Pillow sizes the optimizing encoder's buffer at one byte per pixel, which a noisy
        # photo at full colour resolution can exceed ("Suspension not allowed here")
        buffer = io.BytesIO()
        options = {k: v for k, v in options.items() if k not in ("optimize", "progressive")}
        image.save(buffer, PIL_FORMATS[fmt], **options)
    return buffer.getvalue()


def _under_limit(
    image: Image.Image, fmt: str, max_bytes: int | None
) -> tuple[bytes, int | None, Image.Image]:
    quality = 90 if fmt in ("jpeg", "webp") else None
    data = _encode(image, fmt, quality)
    if not max_bytes or len(data) <= max_bytes:
        return data, quality, image
    if fmt in ("jpeg", "webp"):
        lo, hi, best = 40, 89, None
        while lo <= hi:  # binary search for the highest quality under the limit
            mid = (lo + hi) // 2
            attempt = _encode(image, fmt, mid)
            if len(attempt) <= max_bytes:
                best, lo = (attempt, mid), mid + 1
            else:
                hi = mid - 1
        if best:
            return best[0], best[1], image
    for _ in range(12):
        image = image.resize(
            (max(1, int(image.width * 0.85)), max(1, int(image.height * 0.85))),
            Image.Resampling.LANCZOS,
        )
        data = _encode(image, fmt, 75 if fmt in ("jpeg", "webp") else None)
        if len(data) <= max_bytes:
            return data, 75 if fmt in ("jpeg", "webp") else None, image
    raise OutputError(
        f"cannot fit image under {max_bytes:,} bytes",
        hint="Check the platform's max_bytes setting.",
    )


def fit_image(
    image: str | Path | Image.Image,
    spec: ImageSpec,
    *,
    fmt: str | None = None,
    background: tuple[int, int, int] = (255, 255, 255),
) -> list[FittedImage]:
    """Fit one image to ``spec``; returns one FittedImage per part (more when split).

    Args:
        image: path or PIL image.
        spec: the platform's ImageSpec (min/max px, square, max_bytes, formats, max_height_px).
        fmt: wanted format; the first allowed of jpeg/png/webp when None or not allowed.
        background: padding colour for square images.
    """
    allowed = [f.lower().replace("jpg", "jpeg") for f in spec.formats] or ["jpeg"]
    chosen = fmt.lower().replace("jpg", "jpeg") if fmt else None
    if chosen not in allowed:
        chosen = next((f for f in ("jpeg", "png", "webp") if f in allowed), allowed[0])
    source = _open(image)
    parts = split_tall(source, spec.max_height_px) if spec.max_height_px else [source]
    fitted = []
    for number, part in enumerate(parts, start=1):
        if spec.square:
            part = _pad_square(part, background)
        part = _scale(part, spec)
        data, quality, final = _under_limit(part, chosen, spec.max_bytes)
        fitted.append(
            FittedImage(data, chosen, final.width, final.height, quality, number, len(parts))
        )
    return fitted


def fit_images(
    images: list[str | Path | Image.Image], spec: ImageSpec, **options: object
) -> tuple[list[FittedImage], int]:
    """Fit several images, keeping at most ``spec.max_count`` outputs; returns (fitted, dropped)."""
    fitted: list[FittedImage] = []
    for image in images:
        fitted.extend(fit_image(image, spec, **options))  # type: ignore[arg-type]
    if spec.max_count is not None and len(fitted) > spec.max_count:
        return fitted[: spec.max_count], len(fitted) - spec.max_count
    return fitted, 0
