"""Grouping lines into blocks: reading order, alignment, text size and weight from pixels."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from klisting.images.group import group_lines
from klisting.images.sidecar import OcrLine

BOLD = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 1)
REGULAR = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 1)


def _line(draw, xy, text, font_spec, size):
    font = ImageFont.truetype(font_spec[0], size, index=font_spec[1])
    draw.text(xy, text, font=font, fill=(30, 30, 30))
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=font)
    pad = size // 5
    return OcrLine(text=text, bbox=[x0 - pad, y0 - pad, x1 + pad, y1 + pad], confidence=90)


def test_heading_and_list_lines_become_separate_blocks_with_size_and_weight():
    image = Image.new("RGB", (700, 400), (245, 245, 240))
    draw = ImageDraw.Draw(image)
    lines = [
        _line(draw, (200, 30), "제품 특징", BOLD, 44),
        _line(draw, (60, 130), "히알루론산 5중 보습 성분이 들어 있습니다", REGULAR, 24),
        _line(draw, (60, 175), "용량 500ml", REGULAR, 24),
        _line(draw, (60, 220), "무향료 무색소", REGULAR, 24),
    ]
    blocks = group_lines(list(reversed(lines)), np.asarray(image))
    assert [b.source for b in blocks][0] == "제품 특징"
    heading, body = blocks[0], blocks[1:]
    assert heading.bold and not any(b.bold for b in body)
    assert abs(heading.text_size - 44) <= 5 and all(abs(b.text_size - 24) <= 3 for b in body)
    assert all(b.align == "left" for b in body)
    # a short line ends its paragraph: the list items are not merged into one block
    assert len(blocks) >= 3


def test_lines_in_another_colour_are_another_block_even_when_close():
    image = Image.new("RGB", (700, 200), (245, 245, 240))
    draw = ImageDraw.Draw(image)
    first = _line(draw, (60, 30), "히알루론산 5중 보습 성분이 들어 있습니다", REGULAR, 24)
    font = ImageFont.truetype(REGULAR[0], 24, index=REGULAR[1])
    draw.text((60, 68), "피부 깊이 수분을 채워주는 순한 토너입니다", font=font, fill=(200, 30, 40))
    x0, y0, x1, y1 = draw.textbbox((60, 68), "피부 깊이 수분을 채워주는 순한 토너입니다", font=font)
    second = OcrLine(
        text="피부 깊이 수분을 채워주는 순한 토너입니다",
        bbox=[x0 - 4, y0 - 4, x1 + 4, y1 + 4],
        confidence=90,
    )
    same = group_lines([first], np.asarray(image))
    assert len(same) == 1
    assert len(group_lines([first, second], np.asarray(image))) == 2


def test_a_line_with_a_doubtful_number_is_its_own_block():
    from klisting.images.sidecar import Doubt

    image = Image.new("RGB", (700, 200), (245, 245, 240))
    draw = ImageDraw.Draw(image)
    first = _line(draw, (60, 30), "히알루론산 5중 보습 성분이 들어 있습니다", REGULAR, 24)
    first.text = first.text.replace("있습니다", "있어")  # the sentence goes on below
    second = _line(draw, (60, 68), "피부 깊이 수분을 채워주는 용량 $2 토너", REGULAR, 24)
    assert len(group_lines([first, second], np.asarray(image))) == 1
    second.doubts = [Doubt(token="$2", edge="whole", readings=["ae"])]
    blocks = group_lines([first, second], np.asarray(image))
    assert [bool(b.doubts) for b in blocks] == [False, True]
