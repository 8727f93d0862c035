"""Fixtures for image tests: small generated images with known text (Noto Sans CJK KR)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

KR = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 1)

#: lines tesseract reads reliably at these sizes; the tests check the pipeline, not tesseract
LINES = [
    "이중 진공 구조로 12시간 보온",
    "당도 12브릭스 이상만 골라 보내드립니다",
    "크기: 200 x 230 cm (퀸)",
    "용량 500ml",
]
DICTIONARY = {
    "이중 진공 구조로 12시간 보온": "Double vacuum keeps warm 12 hours",
    "당도 12브릭스 이상만 골라 보내드립니다": "We ship only fruit above 12 Brix",
    "크기: 200 x 230 cm (퀸)": "Size: 200 x 230 cm (Queen)",
    "용량 500ml": "Capacity 500ml",
}


def kr_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(KR[0], size, index=KR[1])


def make_page(
    lines=LINES, width=600, size=26, dark_from: int | None = 2
) -> tuple[Image.Image, list[list[int]]]:
    """A page with one line per section: light background, then light-on-dark from ``dark_from``."""
    step = size * 3
    image = Image.new("RGB", (width, step * len(lines) + 40), (246, 240, 228))
    draw = ImageDraw.Draw(image)
    boxes = []
    for number, text in enumerate(lines):
        top = 20 + number * step
        dark = dark_from is not None and number >= dark_from
        if dark:
            draw.rectangle((0, top - 10, width, top + step - 10), fill=(28, 36, 64))
        xy = (30, top + size // 2)
        draw.text(xy, text, font=kr_font(size), fill=(250, 250, 250) if dark else (40, 30, 30))
        boxes.append(list(draw.textbbox(xy, text, font=kr_font(size))))
    return image, boxes


def similarity(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, a.replace(" ", ""), b.replace(" ", "")).ratio()


def dictionary_translate(texts: list[str]) -> list[str]:
    """Deterministic stand-in for the translation service: best dictionary match."""
    return [
        max(DICTIONARY.items(), key=lambda item: similarity(item[0], text))[1] for text in texts
    ]


@pytest.fixture
def page(tmp_path):
    image, boxes = make_page()
    path = tmp_path / "page.png"
    image.save(path)
    return path, boxes


@pytest.fixture
def rgb():
    def make(image: Image.Image) -> np.ndarray:
        return np.asarray(image.convert("RGB"))

    return make
