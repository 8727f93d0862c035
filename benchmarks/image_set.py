"""A generated set of product images with ground truth, unlike anything the tests or samples use.

Fonts: Nanum (Gothic, Myeongjo serif, Square Round, Square), Un (Dotum, Batang serif, Dinaru)
and Noto Serif CJK KR, never the Noto Sans CJK KR that klisting renders with. Backgrounds:
smooth photographic colour fields with grain, gradients, dark bands. Text: plain, stroked and
shadowed, large serif headlines, lines right on a band's edge, and round product shapes right
next to text. Every line carries its text, box and style; every product shape its ellipse box.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from klisting.translate.quantities import find_quantities

NANUM, UN = "/usr/share/fonts/truetype/nanum/", "/usr/share/fonts/truetype/unfonts-core/"
FONTS = {
    "NanumGothic": NANUM + "NanumGothic.ttf",
    "NanumGothicBold": NANUM + "NanumGothicBold.ttf",
    "NanumMyeongjoBold": NANUM + "NanumMyeongjoBold.ttf",
    "NanumSquareRoundB": NANUM + "NanumSquareRoundB.ttf",
    "NanumSquareB": NANUM + "NanumSquareB.ttf",
    "UnDotum": UN + "UnDotum.ttf",
    "UnBatangBold": UN + "UnBatangBold.ttf",
    "UnDinaruBold": UN + "UnDinaruBold.ttf",
    "NotoSerifKR": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
}
SERIF = ("NanumMyeongjoBold", "UnBatangBold", "NotoSerifKR")

#: the vocabulary and what the benchmark's stand-in translator makes of it
WORDS = {
    "천연": "natural",
    "유기농": "organic",
    "보습": "moisturizing",
    "세럼": "serum",
    "크림": "cream",
    "수분": "hydrating",
    "진정": "soothing",
    "현미": "brown rice",
    "신선한": "fresh",
    "당일": "same-day",
    "발송": "shipping",
    "선물": "gift",
    "세트": "set",
    "가벼운": "light",
    "튼튼한": "sturdy",
    "원단": "fabric",
    "사계절": "all-season",
    "주방": "kitchen",
    "욕실": "bathroom",
    "보관": "storage",
    "냉장": "refrigerated",
    "저소음": "low-noise",
    "용량": "capacity",
    "중량": "weight",
    "무료배송": "free shipping",
    "국내산": "made in Korea",
    "인증": "certified",
    "완료": "done",
    "대용량": "large size",
    "배터리": "battery",
}
COUNTERS = {"시간": "hours", "개": "pcs", "매": "sheets"}
FACTS = ["500ml", "1.2kg", "35dB", "250g", "2L", "150ml", "3kg", "30cm", "2000mAh", "600g"]
COUNTED = ["12시간", "2개", "30매", "24시간", "3개"]


@dataclass
class Line:
    """One ground-truth text line."""

    text: str
    bbox: list[int]
    style: str  # plain, stroked, shadowed
    kind: str  # body, headline, band-edge, beside-product


@dataclass
class Item:
    """One generated image and its truth."""

    name: str
    image: Image.Image
    lines: list[Line] = field(default_factory=list)
    products: list[tuple[int, int, int, int]] = field(default_factory=list)


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS[name], size, index=0)


def sentence(rng: random.Random) -> str:
    words = rng.sample(list(WORDS), rng.randint(2, 4))
    roll = rng.random()
    if roll < 0.45:
        words.insert(rng.randint(0, len(words)), rng.choice(FACTS))
    elif roll < 0.65:
        words.insert(rng.randint(0, len(words)), rng.choice(COUNTED))
    elif roll < 0.75:
        words.insert(0, "KC인증")
    return " ".join(words)


def photo(width: int, height: int, rng: random.Random, dark: bool = False) -> np.ndarray:
    """A smooth photographic colour field with grain (light, or dark for light text)."""
    low = np.random.default_rng(rng.randint(0, 10_000)).uniform(0, 1, (6, 8, 3))
    field_ = np.asarray(
        Image.fromarray((low * 255).astype(np.uint8)).resize(
            (width, height), Image.Resampling.BICUBIC
        ),
        np.float32,
    )
    base = (20, 70) if dark else (175, 240)
    pixels = base[0] + field_ / 255.0 * (base[1] - base[0])
    grain = np.random.default_rng(rng.randint(0, 10_000)).normal(0, 3.5, (height, width, 1))
    return np.clip(pixels + grain, 0, 255)


def _draw(
    draw: ImageDraw.ImageDraw,
    xy: tuple[int, int],
    text: str,
    font: ImageFont.FreeTypeFont,
    fill: tuple[int, int, int],
    style: str,
) -> list[int]:
    if style == "shadowed":
        shade = tuple(max(0, c - 150) if sum(fill) > 380 else min(255, c + 90) for c in fill)
        draw.text((xy[0] + 3, xy[1] + 3), text, font=font, fill=shade)
    stroke = 3 if style == "stroked" else 0
    outline = (30, 30, 30) if sum(fill) > 380 else (255, 255, 255)
    draw.text(xy, text, font=font, fill=fill, stroke_width=stroke, stroke_fill=outline)
    box = list(draw.textbbox(xy, text, font=font, stroke_width=stroke))
    if style == "shadowed":
        box[2], box[3] = box[2] + 3, box[3] + 3
    return box


def detail_page(seed: int, width: int = 860, height: int = 2600) -> Item:
    """Bands of photographic backgrounds with headlines, body lines and lines on band edges."""
    rng = random.Random(seed)
    pixels = np.zeros((height, width, 3), np.float32)
    bands, y = [], 0
    while y < height:
        h = min(rng.randint(560, 800), height - y)
        dark = len(bands) % 3 == 2
        pixels[y : y + h] = photo(width, h, rng, dark)
        bands.append((y, h, dark))
        y += h
    image = Image.fromarray(pixels.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    item = Item(f"page{seed}", image)
    for top, h, dark in bands:
        fill = (250, 248, 240) if dark else rng.choice([(25, 25, 25), (120, 30, 30), (20, 50, 110)])
        # A line right on the band's top edge: detectors trained on documents miss these.
        _add(
            item,
            draw,
            (40, top + 6),
            sentence(rng),
            _font("NanumGothicBold", 26),
            fill,
            "plain",
            "band-edge",
        )
        size = rng.choice([54, 62, 70])
        head = rng.choice(SERIF)
        text = " ".join(rng.sample(list(WORDS), 2))
        x = (width - int(_font(head, size).getlength(text))) // 2
        _add(
            item,
            draw,
            (x, top + 70),
            text,
            _font(head, size),
            fill,
            rng.choice(["stroked", "plain"]),
            "headline",
        )
        cursor = top + 70 + int(size * 1.8)
        while cursor + 80 < top + h:
            name = rng.choice([f for f in FONTS if f not in SERIF] + ["NotoSerifKR"])
            size = rng.choice([22, 26, 30, 34])
            style = rng.choice(["plain", "plain", "stroked", "shadowed"])
            line = _add(
                item, draw, (50, cursor), sentence(rng), _font(name, size), fill, style, "body"
            )
            step = int(size * rng.uniform(2.0, 2.6))
            if rng.random() < 0.35:  # a round product shot right after the text
                bottom = _product(item, draw, line.bbox, rng)
                line.kind = "beside-product"
                step = max(step, bottom - cursor + 16)
            cursor += step
    return item


def main_image(seed: int, size: int = 800) -> Item:
    """A square main image: a product in the middle, a badge and a line of text beside it."""
    rng = random.Random(seed)
    image = Image.fromarray(photo(size, size, rng).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    item = Item(f"main{seed}", image)
    badge = rng.choice(["무료배송", "국내산", "당일 발송"])
    font = _font(rng.choice(["NanumSquareRoundB", "UnDinaruBold", "NanumGothicBold"]), 40)
    colour = tuple(rng.randint(150, 220) for _ in range(3))
    width = int(font.getlength(badge))
    draw.rounded_rectangle((40, 40, 40 + width + 40, 120), radius=36, fill=(200, 40, 50))
    # Light text on a coloured badge: it must come back light.
    _add(item, draw, (60, 56), badge, font, (255, 255, 255), "plain", "badge")
    line = _add(
        item,
        draw,
        (50, 660),
        sentence(rng),
        _font(rng.choice(list(FONTS)), 36),
        (25, 25, 25),
        rng.choice(["plain", "shadowed", "stroked"]),
        "beside-product",
    )
    _product(item, draw, line.bbox, rng, radius=110)
    item.products.append((250, 200, 550, 560))
    draw.ellipse((250, 200, 550, 560), fill=colour)
    return item


def _add(item, draw, xy, text, font, fill, style, kind) -> Line:
    line = Line(text, _draw(draw, xy, text, font, fill, style), style, kind)
    item.lines.append(line)
    return line


def _product(item: Item, draw, bbox: list[int], rng: random.Random, radius: int = 0) -> int:
    """A round product shape a few px right of the text, vertically overlapping its line;
    returns its bottom edge."""
    height = bbox[3] - bbox[1]
    radius = radius or int(height * rng.uniform(1.2, 2.0))
    x0 = bbox[2] + rng.randint(6, 14)
    y0 = (bbox[1] + bbox[3]) // 2 - radius
    box = (x0, y0, x0 + 2 * radius, y0 + 2 * radius)
    if box[2] >= draw.im.size[0] - 4:
        return bbox[3]
    colour = tuple(rng.randint(60, 200) for _ in range(3))
    draw.ellipse(box, fill=colour)
    item.products.append(box)
    return box[3]


def generate(directory: Path) -> list[tuple[Item, Path]]:
    """The benchmark set, written as PNG files under ``directory``."""
    items = [detail_page(11), detail_page(12)] + [main_image(20 + k) for k in range(4)]
    out = []
    for item in items:
        path = directory / f"{item.name}.png"
        item.image.save(path)
        out.append((item, path))
    return out


_COUNTED = re.compile(r"(\d+)(" + "|".join(COUNTERS) + r")")


def translate(texts: list[str], market: str = "us") -> list[str]:
    """A stand-in for the translation service: quantities converted by the units layer,
    vocabulary words translated, anything else left as it is (Korean the OCR misread stays)."""
    out = []
    for text in texts:
        for span in sorted(find_quantities(text, market), key=lambda s: -s.start):
            text = text[: span.start] + span.replacement + text[span.end :]
        text = _COUNTED.sub(lambda m: f"{m.group(1)} {COUNTERS[m.group(2)]}", text)
        text = text.replace("KC인증", "KC certified")
        out.append(" ".join(WORDS.get(word, word) for word in text.split()))
    return out
