"""OCR finds the ground-truth lines; unit tokens are repaired."""

from __future__ import annotations

import numpy as np
import pytest

from klisting.images.detect import detect_lines
from klisting.images.ocr import recognise, repair_units
from tests.images.conftest import LINES, make_page, similarity


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


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("용량 500mI", "용량 500ml"),
        ("1.2k9 중량", "1.2kg 중량"),
        ("30 x 20x10crn", "30x20x10cm"),
        ("2l 생수", "2L 생수"),
        ("Milk 1l", "Milk 1L"),
    ],
)
def test_repair_units_fixes_garbled_units_after_numbers(raw, fixed):
    assert repair_units(raw) == fixed


def test_repair_units_leaves_words_alone():
    assert repair_units("Il mIlk Kg") == "Il mIlk Kg"


@pytest.mark.parametrize(
    ("mixed", "latin", "merged"),
    [
        ("용량 50071", "SF 500ml", "용량 500ml"),
        ("중량 1.2ke 보통맛", "1.2kg", "중량 1.2kg 보통맛"),
        ("용량 500ml", "500ml", "용량 500ml"),
        ("사이즈 25010부터", "25Omm 250mm", "사이즈 250mm부터"),
    ],
)
def test_merge_units_takes_units_from_the_english_reading(mixed, latin, merged):
    from klisting.images.ocr import merge_units

    assert merge_units(mixed, latin) == merged


@pytest.mark.parametrize(
    ("text", "suspicious"),
    [
        ("용량 50071", True),
        ("한 봉지 3008 총 5봉", True),
        ("사이즈 25010부터", True),
        ("용량 500ml", False),
        ("12시간 보온", False),
        ("크기 30x20x10cm", False),
        ("1+1 구성", False),
        ("SPF50+", False),
    ],
)
def test_suspicious_numbers_flags_only_garbled_tokens(text, suspicious):
    from klisting.images.ocr import suspicious_numbers

    assert suspicious_numbers(text) is suspicious
