"""Put translated blocks back into the image: erase the Korean, draw the translation, save.

Keeps transparency: pixels away from the text keep their exact source values.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from klisting.images import fonts
from klisting.images.erase import RING, erase_line, pad_box
from klisting.images.render import (
    Layout,
    draw_layout,
    free_box,
    layout_block,
    panel_box,
    text_style,
)
from klisting.images.sidecar import Block
from klisting.infra.atomic import write_bytes_atomic
from klisting.model.codes import Code, declare, finding
from klisting.model.finding import Finding, Severity

#: px added around each line box before erasing: detector boxes hug the glyphs, so serifs,
#: accents and anti-aliased edges one or two px outside would be left as smudges
ERASE_PAD = 2


declare(
    Code(
        "image.missing-glyph",
        Severity.WARNING,
        "images",
        "no installed font can draw some characters of a block's translation",
        "Install the Noto fonts for the language (apt-get install fonts-noto-core fonts-noto-cjk).",
    ),
    Code(
        "image.text-does-not-fit",
        Severity.WARNING,
        "images",
        "a block's translation does not fit its place at a readable size: the block is left as it was",
        "Shorten the block's translation in the review sheet (or the sidecar) and re-render.",
    ),
)


def _finding(code: str, image: str, block: Block, message: str) -> Finding:
    return finding(code, f"block {block.id}: {message}", location=f"{image}#block-{block.id}")


def render_blocks(
    pixels: np.ndarray,
    blocks: list[Block],
    lang: str,
    rgba: np.ndarray | None = None,
    *,
    image: str = "",
) -> tuple[Image.Image, list[Finding]]:
    """Erase the lines of translated blocks and draw their translations; returns image and findings.

    A block whose translation cannot be set readably is sent to review and gets its original
    pixels back, so the buyer never sees a half-erased or squeezed block.

    Args:
        pixels: RGB pixels (transparent areas already flattened onto white).
        blocks: the image's blocks; those with status ``translated`` are erased and redrawn.
        lang: target language (fonts, line breaking).
        rgba: the unflattened source, when it has transparency: the result is then RGBA with
            every pixel outside the erased lines and the new text exactly as in the source.
        image: the image's name, for findings.
    """
    active = [b for b in blocks if b.status == "translated" and b.translation]
    padded = {
        id(b): [pad_box(pixels, tuple(box), ERASE_PAD) for box in b.line_boxes]  # type: ignore[arg-type]
        for b in active
    }
    erased = pixels.copy()
    for block in active:
        block.erase = ",".join(
            sorted({erase_line(erased, pixels, box) for box in padded[id(block)]})
        )
    findings: list[Finding] = []
    placed = []
    for block in active:
        chain = fonts.chain_for(lang, bold=block.bold)
        others = [b.bbox for b in blocks if b is not block]
        missing = fonts.missing_glyphs(block.translation or "", chain)
        if missing:
            findings.append(
                _finding("image.missing-glyph", image, block, f"no font has {''.join(missing)!r}")
            )
        free = free_box(block, others, erased)
        layout = layout_block(block, block.translation or "", lang, chain, free, pixels.shape[1])
        if layout is None:
            _restore(erased, pixels, padded[id(block)])
            block.status, block.proposed, block.translation = "review", block.translation, None
            block.reason, block.erase = "does not fit at a readable size", None
            findings.append(
                _finding(
                    "image.text-does-not-fit", image, block, f"left as is ({block.proposed!r})"
                )
            )
            continue
        placed.append((block, chain, layout))
    canvas = Image.fromarray(erased)
    boxes = [box for block, _, _ in placed for box in padded[id(block)]]
    layered = _erased_rgba(rgba, erased, boxes) if rgba is not None else None
    for block, chain, layout in placed:
        color, outline = text_style(block.color, block.background)
        # Text moved onto its badge sits in the badge's middle, whatever its old alignment.
        align = "center" if layout.box == panel_box(block, erased) else block.align
        draw_layout(canvas, layout, chain, align, color, block.bbox, outline)
        if layered is not None:
            _draw_on_rgba(layered, layout, chain, block, color, outline, align)
        block.font, block.font_size, block.render_box = (
            chain[0].family,
            float(layout.size),
            layout.box,
        )
    return (layered if layered is not None else canvas), findings


def _restore(
    erased: np.ndarray, pixels: np.ndarray, boxes: list[tuple[int, int, int, int]]
) -> None:
    """Put the source pixels back where ``boxes`` (grown by the erase ring) were erased."""
    height, width = pixels.shape[:2]
    for x0, y0, x1, y1 in boxes:
        x0, y0, x1, y1 = (
            max(0, x0 - RING),
            max(0, y0 - RING),
            min(width, x1 + RING),
            min(height, y1 + RING),
        )
        erased[y0:y1, x0:x1] = pixels[y0:y1, x0:x1]


def _erased_rgba(
    rgba: np.ndarray, erased: np.ndarray, boxes: list[tuple[int, int, int, int]]
) -> Image.Image:
    """The source RGBA with each erased box taken from ``erased`` and given the transparency of
    the ring around it (a label stays opaque; text that floated on a transparent background
    leaves no opaque patch behind). Everything else keeps its source RGBA values, so the
    soft edges of a cut-out product are not blended with the white used for OCR."""
    out = rgba.copy()
    height, width = out.shape[:2]
    for x0, y0, x1, y1 in boxes:
        ox0, oy0 = max(0, x0 - RING), max(0, y0 - RING)
        ox1, oy1 = min(width, x1 + RING), min(height, y1 + RING)
        keep = np.ones((oy1 - oy0, ox1 - ox0), bool)
        keep[y0 - oy0 : y1 - oy0, x0 - ox0 : x1 - ox0] = False
        ring = rgba[oy0:oy1, ox0:ox1, 3][keep]
        out[y0:y1, x0:x1, :3] = erased[y0:y1, x0:x1]
        out[y0:y1, x0:x1, 3] = int(np.median(ring)) if ring.size else 255
    return Image.fromarray(out, "RGBA")


def _draw_on_rgba(
    image: Image.Image,
    layout: Layout,
    chain: list[fonts.Face],
    block: Block,
    color: tuple[int, int, int],
    outline: tuple[int, int, int] | None = None,
    align: str | None = None,
) -> None:
    """Composite one block's text onto an RGBA image, anti-aliased edges included.

    The text is drawn on a small transparent layer filled with its own colour, so a partly
    covered pixel keeps the text colour with partial alpha instead of a blend with whatever
    the RGB under a transparent pixel happens to be.
    """
    margin = layout.size
    x0, y0 = max(0, layout.box[0] - margin), max(0, layout.box[1] - margin)
    x1 = min(image.width, layout.box[2] + margin)
    y1 = min(image.height, layout.box[3] + margin)
    layer = Image.new("RGBA", (x1 - x0, y1 - y0), (*color, 0))
    shifted = Layout(
        layout.size,
        layout.lines,
        [layout.box[0] - x0, layout.box[1] - y0, layout.box[2] - x0, layout.box[3] - y0],
    )
    center = [block.bbox[0] - x0, block.bbox[1] - y0, block.bbox[2] - x0, block.bbox[3] - y0]
    draw_layout(
        layer,
        shifted,
        chain,
        align or block.align,
        (*color, 255),
        center,
        (*outline, 255) if outline else None,
    )
    image.alpha_composite(layer, dest=(x0, y0))


def save_image(image: Image.Image, out_path: Path) -> None:
    write_bytes_atomic(out_path, encode_image(image, out_path.suffix))


def encode_image(image: Image.Image, suffix: str) -> bytes:
    """``image`` encoded in the format its file name's ``suffix`` says (PNG by default)."""
    import io

    fmt = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}.get(
        suffix.lower().lstrip("."), "PNG"
    )
    if fmt == "JPEG" and image.mode == "RGBA":
        # JPEG has no alpha: flatten onto white, as decoding does for OCR and export.
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    buffer = io.BytesIO()
    options: dict[str, int] = {"quality": 92} if fmt in ("JPEG", "WEBP") else {}
    if fmt == "JPEG":
        options["subsampling"] = 0  # full colour resolution: thin red text stays red
    image.save(buffer, fmt, **options)
    return buffer.getvalue()
