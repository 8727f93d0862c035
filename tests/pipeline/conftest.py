"""Catalogs generated for pipeline tests (Korean text, optional tiny images)."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

WORDS = [
    "수분",
    "진정",
    "토너",
    "세럼",
    "크림",
    "면",
    "티셔츠",
    "머그컵",
    "고춧가루",
    "김",
    "선물",
    "세트",
    "대용량",
    "순한",
    "촉촉한",
]


def ean13(body: str) -> str:
    """EAN-13 with its check digit for a 12-digit body."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def make_catalog(folder: Path, count: int, *, images: bool = False) -> Path:
    """A JSON catalog of ``count`` products; with ``images`` each gets one small generated main image."""
    folder.mkdir(parents=True, exist_ok=True)
    products = []
    for n in range(count):
        words = " ".join(WORDS[(n * k + 3) % len(WORDS)] for k in range(1, 5))
        item = {
            "상품코드": f"T-{n:05d}",
            "상품명": f"{words} {n % 7 + 1}00ml",
            "판매가": f"{12000 + 100 * (n % 50)}",
            "재고수량": 10 + n % 5,
            "카테고리": "생활/건강>주방용품",
            "브랜드": "하루담",
            "제조사": "(주)코스메랩",
            "원산지": "국산",
            "바코드": ean13(f"880{n:09d}"),
            "중량": f"{200 + n % 300}g",
            "크기": "10x10x20cm",
            "상품정보제공고시 품명": "주방용품",
            "옵션": "색상:블랙,화이트" if n % 4 == 0 else "",
            "상세설명": f"<p>{words} 상품입니다.</p><ul><li>용량: {n % 7 + 1}00ml</li><li>{WORDS[n % len(WORDS)]}</li></ul>",
        }
        if images:
            path = folder / "images" / f"{n}.jpg"
            path.parent.mkdir(exist_ok=True)
            Image.new("RGB", (640, 640), (240 - n % 40, 240, 250)).save(path, "JPEG", quality=85)
            item["대표이미지"] = f"images/{n}.jpg"
        products.append(item)
    path = folder / "catalog.json"
    path.write_text(json.dumps({"products": products}, ensure_ascii=False), encoding="utf-8")
    return path


def complete_listing():
    """Account settings, category ids and an image URL for every platform: a bundle without needs."""
    from tests.export.conftest import complete_settings

    settings = complete_settings()
    kitchen = dict(next(iter(settings.categories.values())))
    settings.categories["생활/건강>주방용품"] = kitchen
    return settings


#: short Korean lines tesseract reads at 30 px (each product's image gets two of them)
TEXT_LINES = [
    "천연 보습 크림",
    "당일 발송",
    "무료배송 선물 세트",
    "용량 500ml",
    "수분 진정 세럼",
    "국내산 현미",
    "저소음 주방 보관",
    "사계절 원단",
]


def make_text_catalog(folder: Path, count: int) -> Path:
    """:func:`make_catalog` with images whose Korean text the localizer reads and re-renders."""
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 30, index=1)
    catalog = make_catalog(folder, count, images=True)
    for n in range(count):
        image = Image.new("RGB", (480, 200), (246, 240, 228 - n % 20))
        draw = ImageDraw.Draw(image)
        for row in range(2):
            text = TEXT_LINES[(2 * n + row) % len(TEXT_LINES)]
            draw.text((30, 40 + 80 * row), text, font=font, fill=(40, 30, 30))
        image.save(folder / "images" / f"{n}.jpg", "JPEG", quality=90)
    return catalog
