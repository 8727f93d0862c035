"""Rendering: text stays inside its area, above the minimum size, with no tofu in any script."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from klisting.images import fonts
from klisting.images.render import (
    draw_layout,
    free_box,
    layout_block,
    min_font_size,
    text_style,
    unit_variants,
)
from klisting.images.sidecar import Block
from klisting.images.wrap import wrap

SAMPLES = {
    "en": "Capacity 16.9 fl oz, free shipping",
    "zh-Hant": "容量 500ml，免運費，韓國製造",
    "ja": "容量500ml、送料無料、韓国産",
    "th": "ความจุ 500ml จัดส่งฟรี ผลิตในเกาหลี",
    "vi": "Dung tích 500ml, miễn phí vận chuyển",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_no_tofu_for_each_target_script(lang):
    chain = fonts.chain_for(lang)
    text = SAMPLES[lang]
    assert fonts.missing_glyphs(text, chain) == []
    for run, face in fonts.runs(text, chain):
        assert all(ord(c) in fonts.coverage(face) for c in run if not c.isspace()), (run, face)


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_rendered_text_stays_inside_its_area_and_above_the_minimum_size(lang):
    width = 860
    canvas = Image.new("RGB", (width, 400), (250, 250, 250))
    block = Block(
        id=0,
        source="원문",
        translation=SAMPLES[lang],
        bbox=[300, 100, 560, 140],
        line_boxes=[[300, 100, 560, 140]],
        line_height=40,
    )
    others = [[0, 300, 860, 340]]
    chain = fonts.chain_for(lang)
    free = free_box(block, others, np.asarray(canvas))
    assert free[3] <= 300 and free[0] >= 0 and free[2] <= width
    layout = layout_block(block, SAMPLES[lang], lang, chain, free, width)
    assert layout.size >= min_font_size(width)
    inked = draw_layout(canvas, layout, chain, "left", (0, 0, 0), block.bbox)
    box = layout.box
    assert box[0] - 1 <= inked[0] and inked[2] <= box[2] + 1
    assert box[1] - 1 <= inked[1] and inked[3] <= box[3] + 1
    dark = np.asarray(canvas.convert("L")) < 128
    assert dark.any() and not dark[: box[1] - 1].any() and not dark[box[3] + 1 :].any()


def test_thai_wraps_without_spaces_and_cjk_keeps_punctuation_off_line_start():
    measure = lambda text: 10.0 * len(text)  # noqa: E731
    thai = wrap("ผลิตในเกาหลีจัดส่งฟรี", "th", 60, measure)
    assert len(thai) > 1 and "".join(thai) == "ผลิตในเกาหลีจัดส่งฟรี"
    assert all(
        line[0] not in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e48\u0e49" for line in thai
    )
    chinese = wrap("容量五百毫升，免運費", "zh-Hant", 50, measure)
    assert all(not line.startswith("，") for line in chinese)


def test_light_text_stays_light_and_gets_an_outline_for_contrast():
    assert text_style([250, 250, 250], [255, 200, 190]) == ((250, 250, 250), (0, 0, 0))
    assert text_style([20, 20, 20], [30, 30, 40]) == ((20, 20, 20), (255, 255, 255))
    assert text_style([170, 40, 40], [250, 250, 250]) == ((170, 40, 40), None)


def _one_line(source: str, bbox: list[int], **style) -> Block:
    return Block(
        id=0, source=source, bbox=bbox, line_boxes=[bbox], line_height=bbox[3] - bbox[1], **style
    )


def test_the_original_unit_is_dropped_before_the_size_is():
    assert unit_variants("5.07 fl oz (150 ml)") == ["5.07 fl oz (150 ml)", "5.07 fl oz"]
    assert unit_variants("Gift set (for parents)") == ["Gift set (for parents)"]
    block = _one_line("용량 150ml", [10, 10, 150, 44])
    chain = fonts.chain_for("en")
    layout = layout_block(block, "5.07 fl oz (150 ml)", "en", chain, list(block.bbox), 860)
    assert layout is not None and layout.lines == ["5.07 fl oz"] and layout.size >= 20


def test_a_translation_that_cannot_fit_readably_gets_no_layout():
    block = _one_line("세일", [10, 10, 80, 40])
    chain = fonts.chain_for("en")
    text = "A very long translation that never fits in a small badge"
    assert layout_block(block, text, "en", chain, list(block.bbox), 860) is None


def test_text_on_a_badge_may_use_the_whole_badge_but_not_leave_it():
    canvas = Image.new("RGB", (400, 200), (235, 235, 235))
    from PIL import ImageDraw

    ImageDraw.Draw(canvas).rounded_rectangle((40, 40, 260, 120), radius=36, fill=(200, 40, 50))
    block = _one_line(
        "당일 발송", [70, 58, 200, 102], background=[200, 40, 50], color=[255, 255, 255]
    )
    free = free_box(block, [], np.asarray(canvas))
    assert 40 < free[0] < 70 and 200 < free[2] < 260 and free[1] >= 40 and free[3] <= 120


def test_cjk_wrap_leaves_no_character_alone_and_no_small_kana_at_a_line_start():
    from klisting.images.wrap import wrap

    def measure(text: str) -> float:
        return 10.0 * len(text)

    lines = wrap("オールシーズン", "ja", 30, measure)  # a badge three characters wide
    assert "".join(lines) == "オールシーズン" and all(len(line) >= 2 for line in lines)
    assert not any(
        line[0] in "ッャュョー" for line in wrap("キャッシュレス決済", "ja", 20, measure)
    )
