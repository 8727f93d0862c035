"""Render translated blocks onto the erased image.

The font size starts from the original text size; when the translation does not fit, the
block first grows into free background (no other block, no edges) and only then shrinks, never
below a minimum relative to the image width. Text is drawn at its final size (never scaled as a
bitmap) with per-character font fallback and raqm shaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

from klisting.images import fonts
from klisting.images.sidecar import Block
from klisting.images.wrap import wrap

LINE_SPACING = 1.22
SIZE_FROM_BOX = 1.35  # DBNet line boxes are about 1.35 x the font's pixel size
#: how far (max channel) free space may be from the block's background; loose enough for
#: gradients and JPEG noise, far below the text/background contrast the colour guard needs
BACKGROUND_DISTANCE = 48


def min_font_size(image_width: int) -> int:
    """Smallest readable size: 1.7% of the image width, at least 12 px (860 px page -> 15 px)."""
    return max(12, round(image_width * 0.017))


@dataclass
class Layout:
    """Where and how one block's translation is drawn."""

    size: int
    lines: list[str]
    box: list[int]


def _measure(chain: list[fonts.Face], size: int):
    def measure(text: str) -> float:
        return sum(
            fonts.pil_font(face, size).getlength(run) for run, face in fonts.runs(text, chain)
        )

    return measure


def _fits(
    text: str, lang: str, chain: list[fonts.Face], size: int, box: list[int]
) -> list[str] | None:
    measure = _measure(chain, size)
    width, height = box[2] - box[0], box[3] - box[1]
    lines = wrap(text, lang, width, measure)
    if len(lines) * size * LINE_SPACING > height:
        return None
    return lines if all(measure(line) <= width for line in lines) else None


def free_box(block: Block, others: list[list[int]], erased: np.ndarray) -> list[int]:
    """The block's box grown into free background around it (sideways and downwards)."""
    height, width = erased.shape[:2]
    x0, y0, x1, y1 = block.bbox
    margin = max(4, int(width * 0.03))
    gap = max(4, int(block.line_height * 0.3))
    grow_x0, grow_x1 = margin if x0 > margin else x0, width - margin if x1 < width - margin else x1
    # Keep the anchored edge: left-aligned text grows right, right-aligned text grows left.
    if block.align == "left":
        grow_x0 = x0
    elif block.align == "right":
        grow_x1 = x1
    grow_y1 = min(height - gap, y1 + int(2 * block.line_height * max(1, len(block.line_boxes))))
    for ox0, oy0, ox1, oy1 in others:
        if oy1 > y0 and oy0 < y1:  # beside us: limit the sideways growth
            if ox1 <= x0:
                grow_x0 = max(grow_x0, ox1 + gap)
            elif ox0 >= x1:
                grow_x1 = min(grow_x1, ox0 - gap)
    if block.align == "center":
        # the same amount on both sides, after the limits: a centred heading over a
        # left-aligned list stays centred where it was
        reach = max(0, min(x0 - grow_x0, grow_x1 - x1))
        grow_x0, grow_x1 = x0 - reach, x1 + reach
    for ox0, oy0, ox1, _oy1 in others:
        if oy0 >= y1 and ox1 > grow_x0 and ox0 < grow_x1:
            grow_y1 = min(grow_y1, oy0 - gap)
    for candidate in (
        [grow_x0, y0, grow_x1, max(y1, grow_y1)],
        [grow_x0, y0, grow_x1, y1],
        [x0, y0, x1, max(y1, grow_y1)],
    ):
        if _is_free(erased, candidate, block.bbox, block.background):
            return candidate
    panel = panel_box(block, erased)
    if panel and not any(_overlap(panel, other) for other in others):
        return _centred_on(panel, block.bbox) if block.align == "center" else panel
    return list(block.bbox)


def _centred_on(box: list[int], bbox: list[int]) -> list[int]:
    """``box`` narrowed to be symmetric about ``bbox``'s centre (never narrower than ``bbox``):
    a centred heading on a panel that reaches further to one side stays where it was."""
    centre = (bbox[0] + bbox[2]) / 2
    reach = max(min(centre - box[0], box[2] - centre), (bbox[2] - bbox[0]) / 2)
    return [int(centre - reach), box[1], int(centre + reach), box[3]]


def panel_box(block: Block, erased: np.ndarray) -> list[int] | None:
    """The inside of the plain panel the text sits on (a badge, a label), when larger.

    Found by flooding the erased image from the block's centre within a small colour range;
    a solid shape no more than six times the block's size counts, never a whole page.
    """
    height, width = erased.shape[:2]
    x0, y0, x1, y1 = block.bbox
    # Flood only a window around the block: a panel larger than the window is no badge.
    wx0, wy0 = max(0, 2 * x0 - x1), max(0, 3 * y0 - 2 * y1)
    wx1, wy1 = min(width, 2 * x1 - x0), min(height, 3 * y1 - 2 * y0)
    window = erased[wy0:wy1, wx0:wx1].copy()  # floodFill writes even in mask-only mode
    mask = np.zeros((wy1 - wy0 + 2, wx1 - wx0 + 2), np.uint8)
    flags = 4 | cv2.FLOODFILL_FIXED_RANGE | cv2.FLOODFILL_MASK_ONLY | (255 << 8)
    seed = ((x0 + x1) // 2 - wx0, (y0 + y1) // 2 - wy0)
    cv2.floodFill(window, mask, seed, (0, 0, 0), (14, 14, 14), (14, 14, 14), flags)
    # Window coordinates from here on; closing fills the specks JPEG noise left out.
    region = cv2.morphologyEx(mask[1:-1, 1:-1], cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8)) > 0
    rows, cols = np.flatnonzero(region.any(axis=1)), np.flatnonzero(region.any(axis=0))
    if not len(rows):
        return None
    px0, py0, px1, py1 = int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1
    touches = (px0 == 0 and wx0 > 0) or (py0 == 0 and wy0 > 0)
    touches = touches or (px1 == wx1 - wx0 and wx1 < width) or (py1 == wy1 - wy0 and wy1 < height)
    area = (px1 - px0) * (py1 - py0)
    if touches or area > 6 * (x1 - x0) * (y1 - y0) or region[py0:py1, px0:px1].mean() < 0.75:
        return None
    inner = _inscribed(region, (px0, py0, px1, py1))
    if inner is None or (inner[2] - inner[0] <= x1 - x0 and inner[3] - inner[1] <= y1 - y0):
        return None
    return [inner[0] + wx0, inner[1] + wy0, inner[2] + wx0, inner[3] + wy0]


def _inscribed(region: np.ndarray, bounds: tuple[int, int, int, int]) -> list[int] | None:
    """The largest centred rectangle inside a panel (rectangular, rounded or round badge).

    Tried at a few aspect ratios, each shrunk until the panel covers it whole, with a small
    margin so text stays off the edge.
    """
    px0, py0, px1, py1 = bounds
    cx, cy = (px0 + px1) / 2, (py0 + py1) / 2
    best: list[int] | None = None
    for aspect in (4.0, 3.0, 2.0, 1.4, 1.0):
        half_h = (py1 - py0) / 2
        while half_h >= 6:
            half_w = min(half_h * aspect, (px1 - px0) / 2)
            box = [round(cx - half_w), round(cy - half_h), round(cx + half_w), round(cy + half_h)]
            if region[box[1] : box[3], box[0] : box[2]].mean() >= 0.99:
                margin_x, margin_y = round(0.06 * half_w) + 2, round(0.06 * half_h) + 1
                box = [box[0] + margin_x, box[1] + margin_y, box[2] - margin_x, box[3] - margin_y]
                area = (box[2] - box[0]) * (box[3] - box[1])
                if best is None or area > (best[2] - best[0]) * (best[3] - best[1]):
                    best = box
                break
            half_h *= 0.94
    return best


def _overlap(a: list[int], b: list[int]) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _is_free(
    erased: np.ndarray,
    box: list[int],
    original: list[int],
    background: list[int] | None = None,
) -> bool:
    """True when every part of ``box`` outside ``original`` is plain background.

    Each added strip is judged on its own: averaged over the whole box, the freshly erased
    (flat) original area dilutes the edges of a busy photo beside it below the threshold.
    A strip must also be the block's own ``background`` colour: white text may not spill
    off its banner onto the plain white page around it, where it would be invisible.
    """
    if box == list(original):
        return True
    x0, y0, x1, y1 = box
    ox0, oy0, ox1, oy1 = original
    strips = [
        [x0, y0, min(ox0, x1), y1],  # grown leftwards
        [max(ox1, x0), y0, x1, y1],  # grown rightwards
        [x0, max(oy1, y0), x1, y1],  # grown downwards
    ]
    checked = False
    for sx0, sy0, sx1, sy1 in strips:
        region = erased[sy0:sy1, sx0:sx1]
        if region.shape[0] < 1 or region.shape[1] < 1:
            continue
        checked = True
        gray = cv2.cvtColor(np.ascontiguousarray(region), cv2.COLOR_RGB2GRAY)
        if float((cv2.Canny(gray, 40, 120) > 0).mean()) >= 0.002:
            return False
        if background is not None:
            far = np.abs(region.reshape(-1, 3).astype(np.int16) - np.array(background)).max(axis=1)
            if float((far > BACKGROUND_DISTANCE).mean()) > 0.05:
                return False
    return checked


_ORIGINAL_UNIT = re.compile(r"\s*\((?=[^()]*\d)[^()]*\)")


def unit_variants(text: str) -> list[str]:
    """``text`` as drawn when it fits, then with the original units dropped.

    The market's unit comes first ("5.07 fl oz (150 ml)"); the original in brackets is kept
    only where there is room, so one unit style holds inside an image.
    """
    short = " ".join(_ORIGINAL_UNIT.sub("", text).split())
    return [text] if short == text or not short else [text, short]


def size_floor(start: int, image_width: int) -> int:
    """The smallest size a block may shrink to: readable, and at least 60% of the original."""
    return max(min(min_font_size(image_width), start), round(0.6 * start))


def layout_block(
    block: Block, text: str, lang: str, chain: list[fonts.Face], free: list[int], image_width: int
) -> Layout | None:
    """Choose size, line breaks and box for ``text``; None when it cannot fit readably.

    The search goes down in size from the original, at each size trying the block's own box
    and then the free space around it, the full text and then the text without the original
    units. Nothing is ever cut: a block that does not fit at the floor size goes to review.
    """
    estimate = block.text_size or block.line_height / SIZE_FROM_BOX
    # Never start above what the box can hold on one line.
    start = max(min_font_size(image_width), round(min(estimate, block.line_height / LINE_SPACING)))
    if block.font_size:
        start = round(block.font_size)
    floor = size_floor(start, image_width)
    # First as many lines as the original (the layout the seller chose) down to 80% of its
    # size, then any number of lines down to the floor.
    for low, most in ((max(floor, round(0.8 * start)), len(block.line_boxes)), (floor, None)):
        for size in range(start, low - 1, -1):
            for variant in unit_variants(text):
                for box in (list(block.bbox), free):
                    lines = _fits(variant, lang, chain, size, box)
                    if lines and (most is None or len(lines) <= most):
                        return Layout(size, lines, box)
    return None


def text_style(
    color: list[int], background: list[int]
) -> tuple[tuple[int, int, int], tuple[int, int, int] | None]:
    """The text's own colour, and an outline colour when it needs one to be read.

    Light text on a coloured badge stays light: contrast comes from an outline (black or
    white, whichever stands out more against the text), never from a new text colour.
    """
    fill = tuple(color)
    if _contrast(color, background) >= 3.0:
        return fill, None  # type: ignore[return-value]
    outline = max(((0, 0, 0), (255, 255, 255)), key=lambda c: _contrast(c, color))
    return fill, outline  # type: ignore[return-value]


def _luminance(rgb: list[int] | tuple[int, ...]) -> float:
    channels = [(c / 255) / 12.92 if c <= 10 else (((c / 255) + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def _contrast(a: list[int] | tuple[int, ...], b: list[int] | tuple[int, ...]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def draw_layout(
    canvas: Image.Image,
    layout: Layout,
    chain: list[fonts.Face],
    align: str,
    color: tuple[int, ...],
    center_in: list[int],
    outline: tuple[int, ...] | None = None,
) -> list[int]:
    """Draw the lines; returns the box actually inked (x0, y0, x1, y1).

    ``color`` (and ``outline``, drawn as a stroke around the glyphs) is RGB, or RGBA when
    ``canvas`` is an RGBA layer.
    """
    draw = ImageDraw.Draw(canvas)
    size = layout.size
    measure = _measure(chain, size)
    step = size * LINE_SPACING
    total = step * len(layout.lines)
    box = layout.box
    # Centre vertically on the original block when there is room, else start at the top.
    top = (center_in[1] + center_in[3]) / 2 - total / 2
    top = min(max(top, box[1]), box[3] - total)
    top = max(top, box[1])
    ascent = size * 0.88 + (step - size) / 2
    inked = [box[2], box[3], box[0], box[1]]
    for number, line in enumerate(layout.lines):
        width = measure(line)
        if align == "center":
            x = box[0] + (box[2] - box[0] - width) / 2
        elif align == "right":
            x = box[2] - width
        else:
            x = box[0]
        baseline = top + number * step + ascent
        for run, face in fonts.runs(line, chain):
            font = fonts.pil_font(face, size)
            stroke = max(1, round(size / 14)) if outline else 0
            draw.text(
                (x, baseline),
                run,
                font=font,
                fill=color,
                anchor="ls",
                stroke_width=stroke,
                stroke_fill=outline,
            )
            bounds = draw.textbbox((x, baseline), run, font=font, anchor="ls", stroke_width=stroke)
            inked = [
                min(inked[0], bounds[0]),
                min(inked[1], bounds[1]),
                max(inked[2], bounds[2]),
                max(inked[3], bounds[3]),
            ]
            x += font.getlength(run)
    return [int(v) for v in inked]
