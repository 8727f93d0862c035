"""Blocks follow the layout (a line, or a paragraph whose lines wrap) and keep the text's colour.

Generated pages in several Korean font families (Nanum Gothic and Myeongjo, Un Dotum, Noto Sans
CJK), with centred list lines of different lengths and coloured text saved as ordinary JPEGs.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from klisting.images.compose import render_blocks, save_image
from klisting.images.erase import estimate_colors
from klisting.images.group import group_lines
from klisting.images.sidecar import OcrLine

FONTS = [
    ("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 0),
    ("/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf", 0),
    ("/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 1),
]
LIST = [  # a centred list: some lines end a sentence, some are noun phrases
    "당도 12브릭스 이상만 선별",
    "수확 후 바로 발송합니다",
    "중량 10kg 로얄과",
    "받으신 후 서늘한 곳에 보관",
    "흠집 난 과일은 교환",
]


def _font(spec: tuple[str, int], size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(spec[0], size, index=spec[1])


def _jpeg(image: Image.Image) -> np.ndarray:
    """The page as a seller's JPEG (quality 85, 4:2:0 colour) decoded again."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return np.asarray(Image.open(buffer).convert("RGB"))


def _draw(draw, xy, text, font, fill, anchor="la") -> OcrLine:
    draw.text(xy, text, font=font, fill=fill, anchor=anchor)
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=font, anchor=anchor)
    pad = max(3, font.size // 5)
    return OcrLine(text=text, bbox=[x0 - pad, y0 - pad, x1 + pad, y1 + pad], confidence=90)


@pytest.mark.parametrize("spec", FONTS, ids=lambda s: s[0].rsplit("/", 1)[1])
@pytest.mark.parametrize("spacing", [1.45, 1.7])
def test_centred_list_lines_stay_apart(spec, spacing):
    size = 24
    image = Image.new("RGB", (860, 400), (250, 248, 238))
    draw = ImageDraw.Draw(image)
    lines = [
        _draw(draw, (430, 40 + round(n * size * spacing)), text, _font(spec, size), (40, 40, 60), "mt")
        for n, text in enumerate(LIST)
    ]  # fmt: skip
    blocks = group_lines(lines, _jpeg(image))
    assert [b.source for b in blocks] == LIST
    assert all(b.align == "center" for b in blocks)
    # one style, one size: "10kg" (the g's tail) does not make its line read larger
    assert len({b.text_size for b in blocks}) == 1


@pytest.mark.parametrize("spec", FONTS, ids=lambda s: s[0].rsplit("/", 1)[1])
def test_a_wrapped_paragraph_is_one_block(spec):
    size, width = 22, 560
    font = _font(spec, size)
    # running text: its words end on particles and endings, where Korean wraps
    paragraph = (
        "히알루론산과 판테놀을 담은 토너가 세안 후에 당겨지는 피부에 수분을 빠르게 "
        "채우고 오랫동안 촉촉하게 지켜 주어 건조한 계절에도 편안한 피부결을 만들어 줍니다"
    )
    words = paragraph.split(" ")
    rows, row = [], ""
    for (
        word
    ) in words:  # wrap as a layout program would: a line is full when the next word does not fit
        if row and font.getlength(f"{row} {word}") > width:
            rows.append(row)
            row = word
        else:
            row = f"{row} {word}".strip()
    rows.append(row)
    image = Image.new("RGB", (700, 60 + len(rows) * 34), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    lines = [
        _draw(draw, (60, 30 + n * 34), text, font, (30, 30, 30)) for n, text in enumerate(rows)
    ]
    [block] = group_lines(lines, _jpeg(image))
    assert block.source == " ".join(rows) and len(block.line_boxes) == len(rows)


@pytest.mark.parametrize("spec", FONTS, ids=lambda s: s[0].rsplit("/", 1)[1])
@pytest.mark.parametrize(
    ("colour", "background"),
    [((178, 34, 34), (232, 222, 226)), ((30, 60, 160), (250, 248, 240)), ((250, 250, 250), (40, 44, 40))],
)  # fmt: skip
def test_text_colour_comes_from_its_own_pixels(spec, colour, background):
    image = Image.new("RGB", (600, 90), background)
    draw = ImageDraw.Draw(image)
    line = _draw(draw, (20, 25), "무향료 무색소 저자극 테스트 완료", _font(spec, 26), colour)
    found, _ = estimate_colors(_jpeg(image), tuple(line.bbox))
    assert max(abs(a - b) for a, b in zip(found, colour, strict=True)) <= 45, found
    assert int(np.argmax(found)) == int(np.argmax(colour)) or min(colour) > 200  # same hue


def _redness(pixels: np.ndarray, background: tuple[int, int, int]) -> float:
    """How red the ink of ``pixels`` reads: red minus the larger other channel (its median)."""
    flat = pixels.reshape(-1, 3).astype(int)
    ink = flat[np.abs(flat - np.array(background)).max(axis=1) > 90]
    assert len(ink) > 50
    r, g, b = np.median(ink, axis=0)
    return float(r - max(g, b))


@pytest.mark.parametrize("spec", FONTS, ids=lambda s: s[0].rsplit("/", 1)[1])
def test_red_text_is_rendered_red(tmp_path, spec):
    red, background = (178, 34, 34), (232, 222, 226)
    image = Image.new("RGB", (700, 120), background)
    draw = ImageDraw.Draw(image)
    line = _draw(draw, (350, 40), "무향료 무색소 저자극 테스트 완료", _font(spec, 24), red, "mt")
    pixels = _jpeg(image)
    [block] = group_lines([line], pixels)
    block.translation = "Fragrance-free, colourant-free, low-irritation tested"
    canvas, findings = render_blocks(pixels, [block], "en")
    assert findings == []
    save_image(canvas, tmp_path / "out.jpg")
    out = np.asarray(Image.open(tmp_path / "out.jpg").convert("RGB"))
    x0, y0, x1, y1 = block.render_box or block.bbox
    # as red as the source text looks (JPEG already washed its thin strokes a little), not
    # the grey-pink a blurred colour estimate and a 4:2:0 output give (about 40 here)
    source = _redness(pixels, background)
    assert _redness(out[y0:y1, x0:x1], background) >= max(60.0, source - 10)


def test_a_centred_heading_over_a_left_aligned_list_stays_centred():
    from klisting.images.render import free_box
    from klisting.images.sidecar import Block

    erased = np.full((400, 860, 3), 240, np.uint8)
    heading = Block(
        id=0, source="배송 안내", bbox=[339, 40, 525, 98], line_boxes=[[339, 40, 525, 98]],
        line_height=58, align="center", background=[240, 240, 240],
    )  # fmt: skip
    below = [[57, 124, 314, 162], [57, 175, 420, 213]]  # list lines starting left of it
    x0, y0, x1, y1 = free_box(heading, below, erased)
    assert abs((x0 + x1) / 2 - (339 + 525) / 2) <= 1  # symmetric about the heading
    assert x1 - x0 > 525 - 339  # and wider than before: the lines below are not beside it
    assert y1 <= 124  # never over the list
