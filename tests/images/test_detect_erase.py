"""Detection on tiles (a line across a seam is found once) and erasing leaves other pixels alone."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from klisting.images.detect import DetectSettings, detect_lines, tile_spans
from klisting.images.erase import erase_line, erase_lines
from tests.images.conftest import kr_font


def test_tiles_cover_the_page_with_at_least_15_percent_overlap():
    settings = DetectSettings()
    spans = tile_spans(20000, 860, settings)
    assert spans[0][0] == 0 and spans[-1][1] == 20000
    for (top_a, bottom_a), (top_b, _) in zip(spans, spans[1:], strict=False):
        assert top_b < bottom_a
        assert bottom_a - top_b >= 0.15 * (bottom_a - top_a)
    assert tile_spans(1000, 860, settings) == [(0, 1000)]


def test_line_across_a_tile_seam_is_found_exactly_once():
    settings = DetectSettings(tile_ratio=1.0)  # 400 px tiles so a small image has seams
    width = 400
    spans = tile_spans(1600, width, settings)
    seam = spans[0][1]  # bottom edge of the first tile, inside the second tile
    image = Image.new("RGB", (width, 1600), (240, 236, 230))
    draw = ImageDraw.Draw(image)
    text, font = "이음새 위의 한 줄", kr_font(26)
    ink_top, ink_bottom = font.getbbox(text)[1], font.getbbox(text)[3]
    y = seam - (ink_top + ink_bottom) // 2  # ink centred on the seam
    draw.text((30, y), text, font=font, fill=(20, 20, 20))
    ink = draw.textbbox((30, y), text, font=font)
    assert ink[1] < seam - 5 and ink[3] > seam + 5
    boxes = detect_lines(np.asarray(image), settings)
    assert len(boxes) == 1, boxes
    x0, y0, x1, y1 = boxes[0]
    assert x0 <= ink[0] and y0 <= ink[1] and x1 >= ink[2] and y1 >= ink[3]


def _backgrounds(height: int, width: int) -> dict[str, np.ndarray]:
    ramp = np.linspace(0, 1, height)[:, None, None]
    rng = np.random.default_rng(1)
    return {
        "flat": np.full((height, width, 3), (230, 220, 200), np.uint8),
        "gradient": (np.array([250, 230, 210]) * (1 - ramp) + np.array([170, 200, 240]) * ramp)
        .repeat(width, axis=1)
        .astype(np.uint8),
        "texture": np.clip(
            200 + rng.normal(0, 9, (height, width, 1)).repeat(3, axis=2), 0, 255
        ).astype(np.uint8),
    }


@pytest.mark.parametrize("kind", ["flat", "gradient", "texture"])
def test_erase_changes_nothing_outside_the_box_and_removes_the_text(kind):
    clean = _backgrounds(120, 400)[kind]
    image = Image.fromarray(clean.copy())
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), "무료배송 500ml", font=kr_font(30), fill=(20, 20, 20))
    box = (36, 36, 290, 90)
    pixels = np.asarray(image)
    out, methods = erase_lines(pixels, [box])
    outside = np.ones(pixels.shape[:2], bool)
    outside[box[1] : box[3], box[0] : box[2]] = False
    assert np.array_equal(out[outside], pixels[outside])
    error = np.abs(
        out[box[1] : box[3], box[0] : box[2]].astype(int)
        - clean[box[1] : box[3], box[0] : box[2]].astype(int)
    )
    assert error.max(axis=2).mean() < (3 if kind != "texture" else 14), methods
    assert methods[0] == ("flat" if kind == "flat" else "inpaint")


def test_erase_leaves_a_round_product_shape_inside_the_line_box_untouched():
    """The mask is the text's strokes: a product photo the box overlaps keeps every pixel."""
    image = Image.new("RGB", (420, 160), (236, 232, 226))
    draw = ImageDraw.Draw(image)
    draw.ellipse((250, 20, 400, 150), fill=(170, 90, 60))  # the product, overlapping the box
    draw.text((30, 62), "국내산 원료", font=kr_font(30), fill=(30, 30, 30))
    before = np.asarray(image).copy()
    product = np.zeros(before.shape[:2], bool)
    shape = Image.new("L", image.size, 0)
    ImageDraw.Draw(shape).ellipse((250, 20, 400, 150), fill=255)
    product[np.asarray(shape) > 0] = True
    out, _ = erase_lines(before, [(26, 56, 300, 104)])
    assert np.array_equal(out[product], before[product])
    text_area = out[60:100, 30:200].astype(int)
    assert np.abs(text_area - np.array([236, 232, 226])).max() < 12  # the text is gone


def test_erase_line_ignores_empty_boxes():
    pixels = np.zeros((10, 10, 3), np.uint8)
    assert erase_line(pixels.copy(), pixels, (5, 5, 5, 9)) == "none"


def test_erase_takes_a_light_outline_with_the_dark_letters():
    """Stroked headlines: the white outline differs from a light background by little."""
    image = Image.new("RGB", (420, 120), (205, 200, 195))
    draw = ImageDraw.Draw(image)
    draw.text(
        (30, 30),
        "보습 진정",
        font=kr_font(50),
        fill=(20, 20, 20),
        stroke_width=3,
        stroke_fill=(255, 255, 255),
    )
    x0, y0, x1, y1 = draw.textbbox((30, 30), "보습 진정", font=kr_font(50), stroke_width=3)
    out, _ = erase_lines(np.asarray(image), [(x0 - 2, y0 - 2, x1 + 2, y1 + 2)])
    region = out[y0:y1, x0:x1].astype(int)
    assert np.abs(region - np.array([205, 200, 195])).max() < 25
