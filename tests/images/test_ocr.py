"""OCR finds the ground-truth lines; facts are read twice."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from klisting.images.detect import detect_lines
from klisting.images.ocr import recognise
from tests.images.conftest import LINES, kr_font, make_page, similarity


def test_ocr_finds_every_ground_truth_line_including_light_on_dark():
    image, truth = make_page()
    pixels = np.asarray(image)
    lines = recognise(pixels, detect_lines(pixels))
    for text, box in zip(LINES, truth, strict=True):
        best = max(lines, key=lambda line: similarity(text, line.text))
        assert similarity(text, best.text) >= 0.8, (text, [line.text for line in lines])
        # the found box covers the ground-truth ink
        assert best.bbox[0] <= box[0] + 3 and best.bbox[2] >= box[2] - 3
        assert best.bbox[1] <= box[1] + 3 and best.bbox[3] >= box[3] - 3
        assert 0 < best.confidence <= 100


def test_a_unit_the_korean_model_garbles_is_a_doubt_or_read_by_two_english_passes():
    """``150ml`` often comes back as ``15011`` from kor+eng: never rendered from one reading."""
    image = Image.new("RGB", (520, 90), (244, 240, 232))
    ImageDraw.Draw(image).text((20, 24), "용량 150ml 대용량", font=kr_font(34), fill=(30, 30, 30))
    pixels = np.asarray(image)
    [line] = recognise(pixels, detect_lines(pixels))
    assert "150ml" in line.text or line.doubts, line
    for doubt in line.doubts:
        assert doubt.token in line.text  # the first reading stays in the text, unresolved
