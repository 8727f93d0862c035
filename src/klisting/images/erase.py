"""Erase text lines: only the text's own pixels change, filled from the background around them.

The mask is built from the text (its colour distance from the local background, connected
strokes no thicker than a third of the line), so a round product shot or a badge that the line
box overlaps keeps every pixel. Cheapest fill first (lessons from BallonsTranslator and
PanelCleaner): a flat fill when the pixels around the strokes are uniform, OpenCV inpainting
otherwise. Pixels outside the line box grown by ``RING`` are never written.
"""

from __future__ import annotations

import cv2
import numpy as np

from klisting.images.detect import Box

RING = 4
FLAT_STD = 6.0
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
    """(text colour, background colour) of a line, read from the text's own pixels.

    The colour is the median of the strokes' core (pixels at least 0.6 of the strongest
    distance from the background): anti-aliased edges are left out. For coloured text the most
    saturated third of the core is taken, since JPEG's halved colour resolution washes thin red
    strokes toward grey ((178, 34, 34) reads as (122, 57, 64) on 18 px text otherwise).
    """
    background = np.median(ring_pixels(image, box), axis=0)
    x0, y0, x1, y1 = box
    inside = image[y0:y1, x0:x1].reshape(-1, 3).astype(np.float32)
    if not len(inside):
        return [0, 0, 0], [int(v) for v in background]
    distance = np.abs(inside - background).max(axis=1)
    strongest = float(np.percentile(distance, 99.5))
    if strongest <= 0:
        return [int(v) for v in 255 - background], [int(v) for v in background]
    core = distance >= 0.6 * strongest
    ink, reach = inside[core], distance[core]
    chroma = ink.max(axis=1) - ink.min(axis=1)
    if np.median(chroma) >= 20:
        ink = ink[chroma >= np.percentile(chroma, 70)]
    else:
        ink = ink[reach >= np.percentile(reach, 50)]
    return [int(v) for v in np.median(ink, axis=0)], [int(v) for v in background]


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


def text_mask(image: np.ndarray, box: Box) -> tuple[np.ndarray, Box, np.ndarray]:
    """The text's own pixels around ``box``: a mask over the box grown by ``RING`` px.

    Ink is what differs from the local background (the ring's median); of the ink, only
    connected parts that look like strokes are text: a part that runs out of the grown box
    (a product photo, a panel edge) or whose strokes are thicker than a third of the line
    height (a round product shape, a badge) is left untouched. The mask then takes in one
    pixel around the strokes, where anti-aliasing blends text into the background.

    Returns:
        The boolean mask, the grown box it covers, and the pixels that must never change
        (the parts left alone and their edge), all in the grown box's coordinates.
    """
    height, width = image.shape[:2]
    x0, y0, x1, y1 = box
    grown = (max(0, x0 - RING), max(0, y0 - RING), min(width, x1 + RING), min(height, y1 + RING))
    gx0, gy0, gx1, gy1 = grown
    crop = image[gy0:gy1, gx0:gx1].astype(np.int16)
    background = np.median(ring_pixels(image, box), axis=0)
    distance = np.abs(crop - background[None, None]).max(axis=2)
    ink = (distance > max(TEXT_DISTANCE, 0.3 * float(np.percentile(distance, 99)))).astype(np.uint8)
    inside = np.zeros_like(ink)
    inside[y0 - gy0 : y1 - gy0, x0 - gx0 : x1 - gx0] = 1
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    thickness = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
    line_height = max(1, y1 - y0)
    keep = np.zeros(count, bool)
    for label in range(1, count):
        left, top, w, h, _area = stats[label]
        touches = left == 0 or top == 0 or left + w >= ink.shape[1] or top + h >= ink.shape[0]
        edge_is_image = touches and (gx0 > 0 or gy0 > 0 or gx1 < width or gy1 < height)
        stroke = 2 * float(thickness[labels == label].max())
        keep[label] = not edge_is_image and stroke <= line_height / 3 and h <= 1.5 * line_height
    text = keep[labels] & (inside > 0)
    # An outline or a soft shadow differs from the background less than the letters do:
    # grow the strokes into pixels still unlike the background, never into a part left alone.
    other = (ink > 0) & ~keep[labels]
    unlike = (distance > TEXT_DISTANCE) & ~cv2.dilate(
        other.astype(np.uint8), np.ones((3, 3), np.uint8)
    ).astype(bool)
    kernel = np.ones((3, 3), np.uint8)
    for _ in range(max(2, line_height // 10)):
        grown_text = (cv2.dilate(text.astype(np.uint8), kernel) > 0) & unlike & (inside > 0)
        if not (grown_text & ~text).any():
            break
        text |= grown_text
    halo = cv2.dilate(text.astype(np.uint8), kernel) > 0
    # The halo (anti-aliasing) never reaches into a part that was left alone.
    protected = cv2.dilate(other.astype(np.uint8), kernel) > 0
    return (halo & ~other & (inside > 0)), grown, protected | (inside == 0)


def erase_line(out: np.ndarray, source: np.ndarray, box: Box) -> str:
    """Erase the text pixels of one line of ``source`` into ``out``; returns the method used.

    Only the text's own pixels change: a flat fill with the surrounding background colour
    when that background is uniform, OpenCV inpainting from the neighbours otherwise.
    """
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:
        return "none"
    mask, (gx0, gy0, gx1, gy1), protected = text_mask(source, box)
    if not mask.any():
        return "none"
    crop = out[gy0:gy1, gx0:gx1]
    ring = ring_pixels(source, box).astype(np.float32)
    if float(ring.std(axis=0).max()) <= FLAT_STD:
        # A flat background: two more px around the strokes take JPEG's ringing with them
        # (it would stay as a ghost of the old text), never a protected pixel.
        wider = (cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0) & ~protected
        crop[wider] = np.median(ring, axis=0).astype(np.uint8)
        return "flat"
    # A box that reaches a panel's edge has a ring of two colours: judge the strokes' surround.
    around = cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    near = source[gy0:gy1, gx0:gx1][around & ~mask].astype(np.float32)
    if len(near) and float(near.std(axis=0).max()) <= FLAT_STD:
        crop[mask] = np.median(near, axis=0).astype(np.uint8)
        return "flat"
    painted = cv2.inpaint(
        np.ascontiguousarray(source[gy0:gy1, gx0:gx1]),
        mask.astype(np.uint8) * 255,
        3,
        cv2.INPAINT_NS,
    )
    crop[mask] = painted[mask]
    return "inpaint"


def erase_lines(image: np.ndarray, boxes: list[Box]) -> tuple[np.ndarray, list[str]]:
    """A copy of ``image`` with every box's text erased, and the method used per box."""
    out = image.copy()
    return out, [erase_line(out, image, tuple(box)) for box in boxes]  # type: ignore[arg-type]
