"""Generate the bundled sample catalogs in sample_catalogs/ (deterministic; rerun after edits).

Four files from one list of realistic Korean products (cosmetics, food, fashion, living goods):
- smartstore_products.xlsx: Naver Smartstore bulk-upload layout (group label row 1, header row 2)
- wing_products.csv: Coupang Wing export, CP949, one row per option item
- catalog.json: a generic JSON catalog with Korean keys
- broken_catalog.csv: deliberate mistakes that `klisting validate` must catch
Images are referenced as images/<SKU>-main.jpg and images/<SKU>-detail.jpg
(scripts/make_sample_images.py draws them).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parents[1] / "sample_catalogs"


def gtin13(body12: str) -> str:
    """EAN-13 with its GS1 check digit (880 = Korea)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


PRODUCTS = [
    dict(
        sku="KB-CS-001",
        title="[무료배송] 수분 진정 히알루론산 토너 500ml 대용량",
        category="화장품/미용>스킨케어>스킨/토너",
        price=18900,
        list_price=25000,
        stock=320,
        brand="하루담",
        manufacturer="(주)코스메랩",
        origin="국산",
        weight="620g",
        volume="500ml",
        dimensions="7x7x21cm",
        barcode=gtin13("880123456701"),
        model="HD-TN500",
        options="",
        description="<h2>촉촉한 수분 진정 토너</h2><p>히알루론산 5중 보습 성분이 피부 깊이 수분을 채워줍니다.</p><ul><li>용량: 500ml</li><li>피부타입: 모든 피부</li></ul><p>사용법: 화장솜에 적당량을 덜어 피부결을 따라 닦아냅니다.</p>",
    ),
    dict(
        sku="KB-CS-002",
        title="비타민C 브라이트닝 세럼 30ml 2개 세트 1+1",
        category="화장품/미용>스킨케어>에센스/세럼",
        price=32000,
        list_price=44000,
        stock=150,
        brand="하루담",
        manufacturer="(주)코스메랩",
        origin="국산",
        weight="180g",
        volume="30ml",
        dimensions="4x4x12cm",
        barcode=gtin13("880123456702"),
        model="HD-VC30",
        options="",
        description="<p>순수 비타민C 15% 함유로 칙칙한 피부톤을 환하게 밝혀줍니다.</p><p>1+1 구성으로 30ml 2개를 드립니다.</p>",
    ),
    dict(
        sku="KB-CS-003",
        title="데일리 선크림 SPF50+ PA++++ 50ml 무기자차",
        category="화장품/미용>선케어>선크림",
        price=15800,
        list_price=19800,
        stock=500,
        brand="하루담",
        manufacturer="(주)코스메랩",
        origin="국산",
        weight="85g",
        volume="50ml",
        dimensions="4x3x14cm",
        barcode=gtin13("880123456703"),
        model="HD-SUN50",
        options="",
        description="<p>백탁 없이 산뜻하게 발리는 무기자차 선크림입니다.</p><p>SPF50+ PA++++ 자외선 차단.</p>",
    ),
    dict(
        sku="KB-FD-001",
        title="국내산 햇 고춧가루 1kg 보통맛 김장용",
        category="식품>양념/소스>고춧가루",
        price=29900,
        list_price=35000,
        stock=80,
        brand="산들농원",
        manufacturer="산들농원 영농조합",
        origin="국내산 (경북 영양)",
        weight="1.05kg",
        volume="",
        dimensions="25x35x5cm",
        barcode=gtin13("880234567801"),
        model="",
        options="맛:보통맛,매운맛",
        description="<p>경북 영양에서 재배한 햇고추를 깨끗하게 세척해 빻았습니다.</p><p>중량: 1kg / 원산지: 국내산</p>",
    ),
    dict(
        sku="KB-FD-002",
        title="제주 감귤 10kg 로얄과 산지직송",
        category="식품>과일>감귤/한라봉",
        price=38000,
        list_price=45000,
        stock=40,
        brand="제주햇살",
        manufacturer="제주햇살농장",
        origin="국내산 (제주)",
        weight="10.5kg",
        volume="",
        dimensions="40x30x20cm",
        barcode=gtin13("880234567802"),
        model="",
        options="크기:로얄과,중과",
        description="<p>당도 12브릭스 이상만 골라 보내드립니다.</p><p>산지에서 수확 후 바로 발송합니다.</p>",
    ),
    dict(
        sku="KB-FD-003",
        title="유기농 현미 누룽지 300g x 5봉",
        category="식품>간편식>누룽지",
        price=16500,
        list_price=19000,
        stock=210,
        brand="산들농원",
        manufacturer="산들농원 영농조합",
        origin="국산",
        weight="1.6kg",
        volume="",
        dimensions="30x20x15cm",
        barcode=gtin13("880234567803"),
        model="",
        options="",
        description="<p>유기농 현미로 만든 고소한 누룽지. 300g 5봉 구성.</p>",
    ),
    dict(
        sku="KB-FS-001",
        title="여성 오버핏 니트 가디건 울 30% 봄 가을",
        category="패션의류>여성의류>가디건",
        price=39900,
        list_price=59000,
        stock=120,
        brand="모어데이",
        manufacturer="모어데이",
        origin="중국",
        weight="450g",
        volume="",
        dimensions="",
        barcode=gtin13("880345678901"),
        model="MD-CD-24",
        options="색상:블랙,아이보리,베이지/사이즈:55,66,77",
        description="<p>울 30% 혼방으로 가볍고 따뜻한 오버핏 가디건.</p><p>총장 68cm, 가슴단면 58cm (66 기준)</p>",
    ),
    dict(
        sku="KB-FS-002",
        title="남성 쿠셔닝 러닝화 경량 운동화",
        category="패션잡화>남성신발>운동화",
        price=59000,
        list_price=89000,
        stock=60,
        brand="런픽",
        manufacturer="(주)런픽",
        origin="베트남",
        weight="620g",
        volume="",
        dimensions="33x21x12cm",
        barcode=gtin13("880345678902"),
        model="RP-RUN-01",
        options="색상:블랙,그레이/사이즈:250,260,270,280",
        description="<p>한 짝 무게 280g의 초경량 러닝화.</p><p>쿠션 미드솔로 발의 피로를 줄여줍니다.</p>",
    ),
    dict(
        sku="KB-FS-003",
        title="데일리 캔버스 에코백 대용량 숄더백",
        category="패션잡화>가방>에코백",
        price=12900,
        list_price=15900,
        stock=300,
        brand="모어데이",
        manufacturer="모어데이",
        origin="국산",
        weight="300g",
        volume="",
        dimensions="40x38x12cm",
        barcode=gtin13("880345678903"),
        model="MD-BAG-02",
        options="색상:내추럴,블랙",
        description="<p>도톰한 12수 캔버스 원단. A4 서류와 노트북 수납 가능.</p>",
    ),
    dict(
        sku="KB-LV-001",
        title="호텔식 극세사 차렵이불 퀸 사이즈 사계절",
        category="생활/건강>침구>이불",
        price=49900,
        list_price=79000,
        stock=70,
        brand="포근",
        manufacturer="포근리빙",
        origin="국산",
        weight="2.3kg",
        volume="",
        dimensions="200x230cm",
        barcode=gtin13("880456789001"),
        model="PG-Q-01",
        options="색상:그레이,아이보리/사이즈:퀸,킹",
        description="<p>부드러운 극세사 원단과 항균 솜으로 사계절 사용 가능합니다.</p><p>크기: 200 x 230 cm (퀸)</p>",
    ),
    dict(
        sku="KB-LV-002",
        title="스테인리스 진공 텀블러 600ml 보온보냉",
        category="생활/건강>주방용품>텀블러",
        price=21900,
        list_price=29000,
        stock=250,
        brand="포근",
        manufacturer="포근리빙",
        origin="중국",
        weight="380g",
        volume="600ml",
        dimensions="8x8x24cm",
        barcode=gtin13("880456789002"),
        model="PG-TB600",
        options="색상:화이트,네이비,핑크",
        description="<p>이중 진공 구조로 12시간 보온, 24시간 보냉.</p><p>용량 600ml / 무게 380g</p>",
    ),
    dict(
        sku="KB-LV-003",
        title="규조토 발매트 60x40cm 속건 욕실 매트",
        category="생활/건강>욕실용품>발매트",
        price=17900,
        list_price=22900,
        stock=180,
        brand="포근",
        manufacturer="포근리빙",
        origin="국산",
        weight="1.2kg",
        volume="",
        dimensions="60x40x0.9cm",
        barcode=gtin13("880456789003"),
        model="PG-MAT-64",
        options="",
        description="<p>물기를 빠르게 흡수하는 규조토 발매트입니다.</p><p>크기 가로 60cm 세로 40cm</p>",
    ),
]


def images(product: dict) -> tuple[str, str]:
    return f"images/{product['sku']}-main.jpg", f"images/{product['sku']}-detail.jpg"


def option_columns(options: str) -> tuple[str, str]:
    """Smartstore layout: 옵션명 one axis per line, 옵션값 one comma-separated line per axis."""
    if not options:
        return "", ""
    axes = [axis.split(":", 1) for axis in options.split("/")]
    return "\n".join(name for name, _ in axes), "\n".join(values for _, values in axes)


SMARTSTORE_HEADER = [
    "판매자 상품코드", "카테고리코드", "상품명", "상품상태", "판매가", "부가세", "재고수량", "옵션형태", "옵션명", "옵션값",
    "옵션가", "옵션 재고수량", "대표이미지", "추가이미지", "상세설명", "브랜드", "제조사", "원산지 직접입력", "상품정보제공고시 모델명",
    "판매자바코드", "무게", "용량", "크기", "배송비유형", "기본배송비",
]  # fmt: skip


def write_smartstore() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "일괄등록"
    sheet.append(["상품 기본정보"] + [""] * (len(SMARTSTORE_HEADER) - 1))
    sheet.append(SMARTSTORE_HEADER)
    for p in PRODUCTS[:8]:
        names, values = option_columns(p["options"])
        main, detail = images(p)
        sheet.append(
            [
                p["sku"],
                p["category"],
                p["title"],
                "신상품",
                p["price"],
                "과세상품",
                p["stock"],
                "조합형" if names else "",
                names,
                values,
                "",
                "",
                main,
                detail,
                p["description"],
                p["brand"],
                p["manufacturer"],
                p["origin"],
                p["model"],
                p["barcode"],
                p["weight"],
                p["volume"],
                p["dimensions"],
                "조건부 무료",
                3000,
            ]
        )
    book.save(OUT / "smartstore_products.xlsx")


WING_HEADER = ["노출상품ID", "판매자 상품코드", "등록상품명", "옵션명", "판매가격", "할인율기준가", "재고수량", "대표이미지",
               "브랜드", "제조사", "모델명", "바코드", "카테고리", "원산지", "무게", "상세설명"]  # fmt: skip


def write_wing() -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(WING_HEADER)
    for index, p in enumerate(PRODUCTS[4:], start=1):
        parent = f"1{index:09d}"
        axes = [axis.split(":", 1) for axis in p["options"].split("/")] if p["options"] else []
        combos = [[]]
        for name, values in axes:
            combos = [c + [f"{name}:{v}"] for c in combos for v in values.split(",")]
        for n, combo in enumerate(combos, start=1):
            sku = p["sku"] if len(combos) == 1 else f"{p['sku']}-{n:02d}"
            writer.writerow(
                [
                    parent,
                    sku,
                    p["title"],
                    " / ".join(combo),
                    p["price"],
                    p["list_price"],
                    max(p["stock"] // len(combos), 1),
                    images(p)[0],
                    p["brand"],
                    p["manufacturer"],
                    p["model"],
                    p["barcode"] if n == 1 else "",
                    p["category"],
                    p["origin"],
                    p["weight"],
                    p["description"],
                ]
            )
    (OUT / "wing_products.csv").write_bytes(buffer.getvalue().encode("cp949"))


def write_json() -> None:
    items = []
    for p in PRODUCTS:
        main, detail = images(p)
        items.append(
            {
                "상품코드": p["sku"],
                "상품명": p["title"],
                "판매가": f"{p['price']:,}원",
                "정가": p["list_price"],
                "재고수량": p["stock"],
                "카테고리": p["category"],
                "브랜드": p["brand"],
                "제조사": p["manufacturer"],
                "원산지": p["origin"],
                "모델명": p["model"],
                "바코드": p["barcode"],
                "중량": p["weight"],
                "용량": p["volume"],
                "크기": p["dimensions"],
                "옵션": p["options"],
                "대표이미지": main,
                "상세이미지": [detail],
                "상세설명": p["description"],
            }
        )
    (OUT / "catalog.json").write_text(
        json.dumps({"products": items}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


BROKEN_ROWS = [
    # sku, title, price, stock, image, barcode, weight, options, description, category
    ["BR-001", "정상 상품 샘플 머그컵 350ml", "12,900원", "10", "images/KB-LV-002-main.jpg", gtin13("880999000001"), "350g", "색상:화이트,블랙", "<p>도자기 머그컵</p>", "생활/건강>주방용품>컵"],
    ["BR-002", "가격 문의 상품", "가격문의", "5", "https://shop.example.com/img/2.jpg", "", "1kg", "", "<p>설명</p>", "생활/건강"],
    ["BR-001", "SKU가 중복된 상품", "9900", "3", "https://shop.example.com/img/3.jpg", "", "200g", "", "<p>설명</p>", "생활/건강"],
    ["BR-004", "", "15000", "7", "https://shop.example.com/img/4.jpg", "", "300g", "", "<p>설명</p>", "생활/건강"],
    ["BR-005", "재고가 음수인 상품", "8000", "-3", "https://shop.example.com/img/5.jpg", "", "100g", "", "<p>설명</p>", "생활/건강"],
    ["BR-006", "바코드 체크디지트 오류 상품", "22000", "12", "https://shop.example.com/img/6.jpg", "8801234567890", "250g", "", "<p>설명</p>", "생활/건강"],
    ["BR-007", "이미지 주소가 잘못된 상품", "5000", "9", "ftp://files.example.com/7.jpg", "", "80g", "", "<p>설명</p>", "생활/건강"],
    ["BR-008", "로컬 이미지 파일이 없는 상품", "7000", "4", "images/does-not-exist.jpg", "", "1.5kg", "", "<p>설명</p>", "생활/건강"],
    ["BR-009", "무게 표기 오류 상품", "13000", "2", "https://shop.example.com/img/9.jpg", "", "약간 무거움", "", "<p>설명</p>", "생활/건강"],
    ["BR-010", "스크립트가 든 상세설명 상품", "0", "1", "https://shop.example.com/img/10.jpg", "", "500g", "", '<p onclick="steal()">설명</p><script>alert(1)</script>', "생활/건강"],
    ["BR-011", "옵션 형식 오류 상품", "19000", "3.5", "https://shop.example.com/img/11.jpg", "", "700g", "블랙,화이트", "<p>설명</p>", ""],
    ["BR-012", "🔥초특가🔥 이모지와 금지문자! 들어간 제목 $", "25000", "6", "https://shop.example.com/img/12.jpg", "880123", "2kg", "", "<p>설명</p>", "생활/건강"],
]  # fmt: skip


def write_broken() -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "상품코드",
            "상품명",
            "판매가",
            "재고수량",
            "대표이미지",
            "바코드",
            "무게",
            "옵션",
            "상세설명",
            "카테고리",
        ]
    )
    writer.writerows(BROKEN_ROWS)
    (OUT / "broken_catalog.csv").write_text(buffer.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    write_smartstore()
    write_wing()
    write_json()
    write_broken()
    print(f"sample catalogs written to {OUT}")
