"""Erase text lines: estimate the background from a ring around each line, then fill.

Cheapest method first (lessons from BallonsTranslator and PanelCleaner): a flat fill when the
ring is uniform, a bilinear fill when it is a smooth gradient, OpenCV inpainting inside the text
mask otherwise. Pixels outside the line box are never written.
"""

from __future__ import annotations

import cv2
import numpy as np

from klisting.images.detect import Box

RING = 4
FLAT_STD = 6.0
GRADIENT_RESIDUAL = 5.0
TEXT_DISTANCE = 22


def ring_pixels(image: np.ndarray, box: Box, ring: int = RING) -> np.ndarray:
    """Pixels in a band ``ring`` px wide just outside ``box`` (N x 3)."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = box
    ox0, oy0, ox1, oy1 = (
        max(0, x0 - ring),
        max(0, y0 - ring),
        min(width, x1 + ring),
        min(height, y1 + ring),
    )
    outer = image[oy0:oy1, ox0:ox1].reshape(-1, 3)
    keep = np.ones((oy1 - oy0, ox1 - ox0), bool)
    keep[y0 - oy0 : y1 - oy0, x0 - ox0 : x1 - ox0] = False
    pixels = outer[keep.reshape(-1)]
    return pixels if len(pixels) else outer


def estimate_colors(image: np.ndarray, box: Box) -> tuple[list[int], list[int]]:
    """(text colour, background colour) of a line, read from the pixels."""
    background = np.median(ring_pixels(image, box), axis=0)
    x0, y0, x1, y1 = box
    inside = image[y0:y1, x0:x1].reshape(-1, 3).astype(np.float32)
    if not len(inside):
        return [0, 0, 0], [int(v) for v in background]
    distance = np.abs(inside - background).max(axis=1)
    far = inside[distance >= np.percentile(distance, 92)]
    text = np.median(far, axis=0) if len(far) else 255 - background
    return [int(v) for v in text], [int(v) for v in background]


def _ink_mask(
    image: np.ndarray, box: Box, color: list[int], background: list[int]
) -> np.ndarray | None:
    x0, y0, x1, y1 = box
    crop = image[y0:y1, x0:x1].astype(np.float32)
    back = np.array(background, np.float32)
    contrast = float(np.abs(np.array(color, np.float32) - back).max())
    if crop.size == 0 or contrast < 30:
        return None
    return (np.abs(crop - back).max(axis=2) > 0.5 * contrast).astype(np.uint8)


def ink_height(
    image: np.ndarray, box: Box, color: list[int], background: list[int]
) -> float | None:
    """Height of the inked rows of a line, in px; None when unclear."""
    mask = _ink_mask(image, box, color, background)
    if mask is None:
        return None
    rows = np.flatnonzero(mask.sum(axis=1) >= max(1, 0.01 * mask.shape[1]))
    return float(rows[-1] - rows[0] + 1) if len(rows) >= 4 else None


def looks_bold(image: np.ndarray, box: Box, color: list[int], background: list[int]) -> bool:
    """True when the strokes are thick for the text height (stroke = 2 x area / perimeter)."""
    mask = _ink_mask(image, box, color, background)
    if mask is None:
        return False
    counts = mask.sum(axis=1)
    # Height from the rows carrying real ink: the sparse rows of a Latin descender (the tail
    # of "5kg") would stretch the height by a fifth and make bold text read as regular.
    rows = np.flatnonzero(counts >= max(1, 0.15 * counts.max()))
    if len(rows) < 4:
        return False
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    perimeter = sum(cv2.arcLength(contour, True) for contour in contours)
    stroke = 2.0 * float(mask.sum()) / max(perimeter, 1.0)
    # Noto Sans CJK KR, Hangul and Latin, 20-48 px: regular <= 0.085, bold >= 0.114
    return stroke / (rows[-1] - rows[0] + 1) > 0.105


def _bilinear_background(image: np.ndarray, box: Box) -> tuple[np.ndarray, float]:
    """Background inside ``box`` interpolated from the rows and columns just outside it."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = box
    top = image[max(0, y0 - 2) : max(1, y0), x0:x1].astype(np.float32)
    bottom = image[min(height - 1, y1) : min(height, y1 + 2), x0:x1].astype(np.float32)
    if not len(top) or not len(bottom):
        return np.zeros((y1 - y0, x1 - x0, 3), np.float32), 1e9
    top_row, bottom_row = top.mean(axis=0), bottom.mean(axis=0)
    residual = float(max(top.std(axis=0).max(), bottom.std(axis=0).max()))
    weights = np.linspace(0.0, 1.0, y1 - y0, dtype=np.float32)[:, None, None]
    fill = top_row[None] * (1 - weights) + bottom_row[None] * weights
    # A smooth background also agrees at the box's left and right edges.
    if x0 > 0 and x1 < width:
        left = image[y0:y1, x0 - 1].astype(np.float32)
        right = image[y0:y1, x1].astype(np.float32)
        residual = max(
            residual,
            float(np.abs(left - fill[:, 0]).mean()),
            float(np.abs(right - fill[:, -1]).mean()),
        )
    return fill, residual


def ring_sides(image: np.ndarray, box: Box, ring: int = RING) -> list[np.ndarray]:
    """The ring around ``box`` as its four sides (top, bottom, left, right), each N x 3."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = box
    return [
        image[max(0, y0 - ring) : y0, x0:x1].reshape(-1, 3),
        image[y1 : min(height, y1 + ring), x0:x1].reshape(-1, 3),
        image[y0:y1, max(0, x0 - ring) : x0].reshape(-1, 3),
        image[y0:y1, x1 : min(width, x1 + ring)].reshape(-1, 3),
    ]


def _panel_ring(source: np.ndarray, box: Box) -> np.ndarray | None:
    """The ring without the sides that lie in another flat region, when the rest is flat.

    A line on a banner whose box ends at the banner's edge has a ring that is red on three
    sides and white on the fourth: the text sits on red, so red is the colour to fill with.
    """
    sides = [side.astype(np.float32) for side in ring_sides(source, box) if len(side)]
    if len(sides) < 2:
        return None
    majority = np.median(np.concatenate(sides), axis=0)
    kept = [side for side in sides if np.abs(np.median(side, axis=0) - majority).max() <= 30]
    if len(kept) == len(sides) or not kept:
        return None
    ring = np.concatenate(kept)
    return ring if float(ring.std(axis=0).max()) <= FLAT_STD else None


def pad_box(image: np.ndarray, box: Box, pad: int) -> Box:
    """``box`` grown by up to ``pad`` px on each side, to take in glyph edges it clipped.

    Growth stops at a row (column) that is one flat colour unlike the ring's majority: that
    is the next panel (the page under a banner), not part of the text.
    """
    height, width = image.shape[:2]
    majority = np.median(ring_pixels(image, box), axis=0)
    x0, y0, x1, y1 = box

    def flat_unlike(line: np.ndarray) -> bool:
        pixels = line.reshape(-1, 3).astype(np.float32)
        return (
            len(pixels) > 0
            and float(pixels.std(axis=0).max()) <= FLAT_STD
            and float(np.abs(np.median(pixels, axis=0) - majority).max()) > 30
        )

    def other_panel(line: np.ndarray, beyond: np.ndarray) -> bool:
        # A panel goes on past the pad; a thin rule or an underline hugging the text does not.
        return flat_unlike(line) and flat_unlike(beyond)

    far = pad + 1
    while y0 > max(0, box[1] - pad) and not other_panel(
        image[y0 - 1, x0:x1], image[max(0, y0 - 1 - far), x0:x1]
    ):
        y0 -= 1
    while y1 < min(height, box[3] + pad) and not other_panel(
        image[y1, x0:x1], image[min(height - 1, y1 + far), x0:x1]
    ):
        y1 += 1
    while x0 > max(0, box[0] - pad) and not other_panel(
        image[y0:y1, x0 - 1], image[y0:y1, max(0, x0 - 1 - far)]
    ):
        x0 -= 1
    while x1 < min(width, box[2] + pad) and not other_panel(
        image[y0:y1, x1], image[y0:y1, min(width - 1, x1 + far)]
    ):
        x1 += 1
    return (x0, y0, x1, y1)


def erase_line(out: np.ndarray, source: np.ndarray, box: Box) -> str:
    """Erase one line box of ``source`` into ``out`` (same shape); returns the method used."""
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:
        return "none"
    ring = ring_pixels(source, box).astype(np.float32)
    if float(ring.std(axis=0).max()) <= FLAT_STD:
        out[y0:y1, x0:x1] = np.median(ring, axis=0).astype(np.uint8)
        return "flat"
    panel = _panel_ring(source, box)
    if panel is not None:
        out[y0:y1, x0:x1] = np.median(panel, axis=0).astype(np.uint8)
        return "flat"
    fill, residual = _bilinear_background(source, box)
    if residual <= GRADIENT_RESIDUAL:
        out[y0:y1, x0:x1] = np.clip(fill + 0.5, 0, 255).astype(np.uint8)
        return "gradient"
    _inpaint(out, source, box, fill)
    return "inpaint"


def _inpaint(out: np.ndarray, source: np.ndarray, box: Box, fill: np.ndarray) -> None:
    height, width = source.shape[:2]
    x0, y0, x1, y1 = box
    pad = 6
    cx0, cy0, cx1, cy1 = (
        max(0, x0 - pad),
        max(0, y0 - pad),
        min(width, x1 + pad),
        min(height, y1 + pad),
    )
    crop = out[cy0:cy1, cx0:cx1].copy()
    inside = source[y0:y1, x0:x1].astype(np.float32)
    local = np.median(ring_pixels(source, box), axis=0)
    text = np.abs(inside - local).max(axis=2) > TEXT_DISTANCE
    if fill.shape == inside.shape:
        text |= np.abs(inside - fill).max(axis=2) > TEXT_DISTANCE
    mask = np.zeros(crop.shape[:2], np.uint8)
    mask[y0 - cy0 : y1 - cy0, x0 - cx0 : x1 - cx0] = text.astype(np.uint8) * 255
    mask = cv2.dilate(mask, np.ones((5, 5), np.uint8))
    # Only pixels inside the line box may change, whatever the dilation reached.
    limit = np.zeros_like(mask)
    limit[y0 - cy0 : y1 - cy0, x0 - cx0 : x1 - cx0] = 255
    mask &= limit
    painted = cv2.inpaint(crop, mask, 3, cv2.INPAINT_NS)
    region = mask > 0
    crop[region] = painted[region]
    out[cy0:cy1, cx0:cx1] = crop


def erase_lines(image: np.ndarray, boxes: list[Box]) -> tuple[np.ndarray, list[str]]:
    """A copy of ``image`` with every box erased, and the method used per box."""
    out = image.copy()
    return out, [erase_line(out, image, tuple(box)) for box in boxes]  # type: ignore[arg-type]
