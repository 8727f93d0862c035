"""Outlined and shadowed text is read from its fill alone; plain text is prepared as before."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from klisting.images import ocr
from klisting.images.layers import Separation, separate
from tests.images.conftest import similarity

#: fonts of other families than the one klisting renders with (fonts-nanum, fonts-unfonts-core)
FONTS = [
    "/usr/share/fonts/truetype/nanum/NanumBarunGothicBold.ttf",
    "/usr/share/fonts/truetype/nanum/NanumSquareRoundB.ttf",
    "/usr/share/fonts/truetype/unfonts-core/UnDotumBold.ttf",
]
TEXT = "무료배송 대용량 보습 크림"


def _font(size: int) -> ImageFont.FreeTypeFont:
    found = next((path for path in FONTS if Path(path).exists()), None)
    if found is None:
        pytest.skip("no Nanum or Un Korean font installed (fonts-nanum, fonts-unfonts-core)")
    return ImageFont.truetype(found, size)


def _line(style: str, fill, other, background) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """One Korean line drawn with an outline or a drop shadow; its pixels and box."""
    font = _font(36)
    image = Image.new("RGB", (620, 110), background)
    draw = ImageDraw.Draw(image)
    if style == "outline":
        draw.text((24, 30), TEXT, font=font, fill=fill, stroke_width=3, stroke_fill=other)
        box = draw.textbbox((24, 30), TEXT, font=font, stroke_width=3)
    else:
        draw.text((28, 34), TEXT, font=font, fill=other)
        draw.text((24, 30), TEXT, font=font, fill=fill)
        x0, y0, x1, y1 = draw.textbbox((24, 30), TEXT, font=font)
        box = (x0, y0, x1 + 4, y1 + 4)
    return np.asarray(image), box


def _read(crop: Image.Image) -> str:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        [words] = ocr._run_batch(ocr.tesseract_cmd(), [crop], Path(tmp) / "line")
    return ocr._join_words(words)[0]


def _old_crop(pixels: np.ndarray, box, monkeypatch) -> Image.Image:
    """The preparation before layers: every ink read as text by its distance from the page."""
    with monkeypatch.context() as patch:
        patch.setattr(ocr, "separate", lambda crop, background: Separation())
        return ocr.prepare_crop(pixels, box)


@pytest.mark.parametrize(
    ("style", "fill", "other", "background", "kind"),
    [
        # white letters in a black outline on a light page: read by distance they are hollow
        ("outline", (255, 255, 255), (20, 20, 20), (235, 225, 210), "outline"),
        # white letters with a dark drop shadow on a blue panel: letters and shadow fuse
        ("shadow", (250, 250, 250), (40, 40, 40), (120, 160, 200), "shadow"),
    ],
)
def test_the_fill_alone_reads_right_where_all_ink_did_not(
    style, fill, other, background, kind, monkeypatch
):
    pixels, box = _line(style, fill, other, background)
    x0, y0, x1, y1 = box
    crop = pixels[y0 - 3 : y1 + 3, x0 - 3 : x1 + 3].astype(np.int16)
    found = separate(crop, ocr._crop_background(crop))
    assert found.kind == kind
    old = _read(_old_crop(pixels, box, monkeypatch))
    new = _read(ocr.prepare_crop(pixels, box))
    assert similarity(TEXT, old) < 0.8, old  # the case the layers are for
    assert similarity(TEXT, new) >= 0.9, new


def test_plain_text_keeps_its_preparation(monkeypatch):
    """Anti-aliasing is not a second layer: plain text is prepared exactly as before."""
    image = Image.new("RGB", (620, 110), (236, 228, 214))
    draw = ImageDraw.Draw(image)
    draw.text((24, 30), TEXT, font=_font(30), fill=(40, 30, 30))
    box = draw.textbbox((24, 30), TEXT, font=_font(30))
    pixels = np.asarray(image)
    x0, y0, x1, y1 = box
    crop = pixels[y0 - 3 : y1 + 3, x0 - 3 : x1 + 3].astype(np.int16)
    assert separate(crop, ocr._crop_background(crop)).fill is None
    assert len(ocr.prepare_variants(pixels, box)) == 1  # no second reading either
    before = np.asarray(_old_crop(pixels, box, monkeypatch))
    assert np.array_equal(np.asarray(ocr.prepare_crop(pixels, box)), before)


def test_outlined_line_is_recognised_whole():
    """Through ``recognise``: the outlined line comes back as its text."""
    pixels, box = _line("outline", (255, 255, 255), (20, 20, 20), (235, 225, 210))
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    [line] = ocr.recognise(pixels, [box])
    assert similarity(TEXT, line.text) >= 0.9, line.text


class _Batch:
    """Stands in for tesseract: a crop's reading is the text and confidence stored on it."""

    def __init__(self) -> None:
        self.read: list[Image.Image] = []

    def run(self, tag, crops, lang, **_):
        self.read += crops
        return [[ocr.Word(0, 0, 10, 10, crop.info["conf"], crop.info["text"])] for crop in crops]


def _crop(text: str, conf: float) -> Image.Image:
    crop = Image.new("L", (4, 4), 255)
    crop.info.update(text=text, conf=conf)
    return crop


def test_a_weak_line_keeps_the_layer_read_surest_and_never_a_shorter_one():
    batch = _Batch()
    weak, sure, partial = _crop("ME 가벼운", 60.0), _crop("세트 가벼운", 93.0), _crop("세", 97.0)
    strong, other = _crop("보습 크림", 95.0), _crop("보습 크림!", 99.0)
    variants = [[weak, partial, sure], [strong, other], [_crop("욕실", 50.0)]]
    crops = [first for first, *_ in variants]
    readings = [batch.run("k", [crop], "kor")[0] for crop in crops]
    batch.read.clear()
    ocr._read_layers(batch, variants, crops, readings)  # type: ignore[arg-type]
    assert batch.read == [partial, sure]  # a confident first reading is not read again
    assert crops[0] is sure and readings[0][0].text == "세트 가벼운"
    assert crops[1] is strong and crops[2].info["text"] == "욕실"
