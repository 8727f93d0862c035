"""Generate the sample product images the sample catalogs reference, with ground truth.

Writes sample_catalogs/images/<SKU>-main.jpg (badges such as 무료배송, 1+1, 국내산) and
<SKU>-detail.jpg (860 px wide detail pages, two of them tall, many lines with units on flat,
gradient, lightly textured and dark backgrounds) plus ground_truth.json (every text line and its
box). Deterministic: the same files every run.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "sample_catalogs" / "images"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
KR_INDEX = 1  # Noto Sans CJK KR inside the collection
WIDTH = 860

PRODUCTS = {
    "KB-CS-001": (
        "수분 진정 히알루론산 토너",
        ["무료배송", "대용량"],
        [
            "히알루론산 5중 보습 성분",
            "피부 깊이 수분을 채워줍니다",
            "용량 500ml 대용량",
            "모든 피부 타입에 사용 가능",
            "화장솜에 적당량을 덜어 사용하세요",
            "피부결을 따라 부드럽게 닦아냅니다",
            "무향료 무색소 저자극 테스트 완료",
            "개봉 후 12개월 이내 사용",
        ],
    ),
    "KB-CS-002": (
        "비타민C 브라이트닝 세럼",
        ["1+1", "무료배송"],
        [
            "순수 비타민C 15% 함유",
            "칙칙한 피부톤을 환하게",
            "1+1 구성 30ml 2개",
            "아침 저녁 2방울씩 사용",
            "직사광선을 피해 보관하세요",
        ],
    ),
    "KB-CS-003": (
        "데일리 무기자차 선크림",
        ["무료배송"],
        [
            "SPF50+ PA++++ 자외선 차단",
            "백탁 없이 산뜻한 마무리",
            "용량 50ml",
            "외출 30분 전에 바르세요",
            "2시간마다 덧발라 주세요",
        ],
    ),
    "KB-FD-001": (
        "국내산 햇 고춧가루",
        ["국내산", "무료배송"],
        [
            "경북 영양에서 재배한 햇고추",
            "깨끗하게 세척해 빻았습니다",
            "중량 1kg 보통맛",
            "김장용으로 딱 좋은 굵기",
            "원산지 국내산 100%",
            "서늘하고 건조한 곳에 보관",
            "개봉 후 냉동 보관을 권장합니다",
            "주문 후 바로 빻아 보내드립니다",
        ],
    ),
    "KB-FD-002": (
        "제주 감귤 산지직송",
        ["산지직송", "국내산"],
        [
            "당도 12브릭스 이상만 선별",
            "수확 후 바로 발송합니다",
            "중량 10kg 로얄과",
            "받으신 후 서늘한 곳에 보관",
            "상한 과일은 교환해 드립니다",
        ],
    ),
    "KB-FD-003": (
        "유기농 현미 누룽지",
        ["1+1", "국내산"],
        [
            "유기농 현미로 만든 누룽지",
            "한 봉지 300g 총 5봉",
            "물 500ml에 넣고 5분 끓이세요",
            "간편한 아침 식사로 좋아요",
            "첨가물 없이 현미 100%",
        ],
    ),
    "KB-FS-001": (
        "오버핏 니트 가디건",
        ["무료배송", "신상품"],
        [
            "울 30% 혼방 니트",
            "가볍고 따뜻한 오버핏",
            "총장 68cm 가슴단면 58cm",
            "사이즈 55 66 77",
            "손세탁 또는 드라이클리닝",
        ],
    ),
    "KB-FS-002": (
        "쿠셔닝 러닝화",
        ["무료배송", "초경량"],
        [
            "한 짝 무게 280g 초경량",
            "쿠션 미드솔로 피로 감소",
            "사이즈 250mm부터 280mm까지",
            "통기성 좋은 메쉬 소재",
            "정사이즈를 추천합니다",
        ],
    ),
    "KB-FS-003": (
        "캔버스 에코백",
        ["1+1", "무료배송"],
        [
            "도톰한 12수 캔버스 원단",
            "A4 서류와 노트북 수납 가능",
            "크기 40x35x12cm",
            "안쪽 포켓 1개",
            "세탁 후 자연 건조하세요",
        ],
    ),
    "KB-LV-001": (
        "극세사 차렵이불",
        ["무료배송", "사계절"],
        [
            "부드러운 극세사 원단",
            "항균 솜으로 사계절 사용",
            "크기 200 x 230 cm 퀸",
            "중량 2.5kg",
            "세탁망에 넣어 울코스 세탁",
        ],
    ),
    "KB-LV-002": (
        "진공 텀블러",
        ["1+1", "무료배송"],
        [
            "이중 진공 구조",
            "12시간 보온 24시간 보냉",
            "용량 600ml 무게 380g",
            "크기 8x8x22cm",
            "식기세척기 사용 불가",
        ],
    ),
    "KB-LV-003": (
        "규조토 발매트",
        ["국내산", "무료배송"],
        [
            "물기를 빠르게 흡수",
            "크기 60x40cm",
            "두께 9mm 중량 1.2kg",
            "가끔 햇볕에 말려 주세요",
            "사포로 문지르면 흡수력 회복",
        ],
    ),
}
TALL = {"KB-CS-001": 4400, "KB-FD-001": 5400}
BACKGROUNDS = ["flat", "gradient", "texture", "dark"]


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK KR at ``size`` px."""
    return ImageFont.truetype(CJK.format("Bold" if bold else "Regular"), size, index=KR_INDEX)


def background(
    kind: str, width: int, height: int, rng: random.Random
) -> tuple[np.ndarray, tuple[int, int, int]]:
    """A band of background pixels and a readable text colour for it."""
    base = np.array([rng.randint(215, 250) for _ in range(3)], np.float32)
    if kind == "dark":
        base = np.array([rng.randint(20, 60) for _ in range(3)], np.float32)
        return np.broadcast_to(base, (height, width, 3)).copy(), (250, 245, 235)
    band = np.broadcast_to(base, (height, width, 3)).copy()
    if kind == "gradient":
        other = np.array([rng.randint(170, 235) for _ in range(3)], np.float32)
        ramp = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
        band = band * (1 - ramp) + other * ramp
    elif kind == "texture":
        noise = np.random.default_rng(rng.randint(0, 10**6)).normal(
            0, 4, (height // 4 + 1, width // 4 + 1, 1)
        )
        band = band + np.kron(noise, np.ones((4, 4, 1)))[:height, :width]
    colour = rng.choice([(30, 30, 30), (60, 40, 30), (170, 40, 40), (30, 60, 120)])
    return np.clip(band, 0, 255), colour


def draw_line(
    draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, size: int, colour, bold: bool
) -> list[int]:
    """Draw one line and return its ink box."""
    f = font(size, bold)
    draw.text(xy, text, font=f, fill=colour)
    return list(draw.textbbox(xy, text, font=f))


def detail_page(sku: str, rng: random.Random) -> tuple[Image.Image, list[dict]]:
    """A detail page: sections of a heading and body lines on varied backgrounds."""
    name, _badges, lines = PRODUCTS[sku]
    height = TALL.get(sku, rng.choice([1500, 1800, 2100]))
    pixels = np.zeros((height, WIDTH, 3), np.float32)
    truth, sections = [], []
    y, n = 0, 0
    while y < height:
        section_h = min(rng.randint(650, 1000), height - y)
        if height - y - section_h < 300:
            section_h = height - y
        kind = BACKGROUNDS[n % len(BACKGROUNDS)] if n else "flat"
        band, colour = background(kind, WIDTH, section_h, rng)
        pixels[y : y + section_h] = band
        sections.append((y, section_h, colour))
        y += section_h
        n += 1
    image = Image.fromarray(pixels.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for number, (top, section_h, colour) in enumerate(sections):
        heading = (
            name
            if number == 0
            else rng.choice(["제품 특징", "사용 방법", "상품 정보", "주의 사항", "배송 안내"])
        )
        cursor = top + 60
        size = rng.choice([40, 44, 48])
        box = draw_line(
            draw,
            ((WIDTH - font(size, True).getbbox(heading)[2]) // 2, cursor),
            heading,
            size,
            colour,
            True,
        )
        truth.append({"text": heading, "bbox": box})
        cursor += size * 2
        body = rng.choice([22, 24, 26, 28])
        for k in range(rng.randint(4, 7)):
            if cursor + body * 2 > top + section_h - 40:
                break
            text = lines[(number * 3 + k) % len(lines)]
            x = 60 if number % 2 else (WIDTH - font(body).getbbox(text)[2]) // 2
            truth.append(
                {"text": text, "bbox": draw_line(draw, (x, cursor), text, body, colour, False)}
            )
            cursor += int(body * 1.9)
    return image, truth


def main_image(sku: str, rng: random.Random) -> tuple[Image.Image, list[dict]]:
    """An 800 x 800 main image: a product shape, the product name and badges."""
    name, badges, _ = PRODUCTS[sku]
    band, _ = background("gradient", 800, 800, rng)
    image = Image.fromarray(band.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    tone = tuple(rng.randint(90, 200) for _ in range(3))
    draw.rounded_rectangle(
        (290, 200, 510, 640), radius=40, fill=tone, outline=(90, 90, 90), width=3
    )
    draw.rectangle((340, 150, 460, 200), fill=(80, 80, 80))
    truth = []
    box = draw_line(
        draw, ((800 - font(44, True).getbbox(name)[2]) // 2, 680), name, 44, (40, 40, 40), True
    )
    truth.append({"text": name, "bbox": box})
    for k, badge in enumerate(badges):
        cx, cy = (120, 120) if k == 0 else (680, 120)
        draw.ellipse(
            (cx - 85, cy - 85, cx + 85, cy + 85), fill=(215, 40, 50) if k == 0 else (30, 90, 170)
        )
        width = font(34, True).getbbox(badge)[2]
        truth.append(
            {
                "text": badge,
                "bbox": draw_line(
                    draw, (cx - width // 2, cy - 26), badge, 34, (255, 255, 255), True
                ),
            }
        )
    return image, truth


def main() -> None:
    """Write every sample image and ground_truth.json."""
    OUT.mkdir(parents=True, exist_ok=True)
    truth: dict[str, list[dict]] = {}
    for number, sku in enumerate(PRODUCTS):
        for kind, make in (("main", main_image), ("detail", detail_page)):
            image, lines = make(sku, random.Random(f"{sku}-{kind}-{number}"))
            name = f"{sku}-{kind}.jpg"
            image.save(OUT / name, "JPEG", quality=85, optimize=True)
            truth[name] = lines
    (OUT / "ground_truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    total = sum(p.stat().st_size for p in OUT.glob("*.jpg"))
    print(f"wrote {len(truth)} images ({total / 1e6:.1f} MB) and ground_truth.json to {OUT}")


if __name__ == "__main__":
    main()
