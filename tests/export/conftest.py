"""A small localized catalog built directly (no translation, no OCR) for writer and bundle tests."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from klisting.export.context import ListingSettings
from klisting.export.gates import image_file_name
from klisting.export.model import ExportImage, LocalizedProduct, LocalizedVariant
from klisting.markets.targets import Target, parse_target
from klisting.model import Money

TARGETS = [
    "shopify:us",
    "amazon:us",
    "shopee:tw",
    "lazada:sg",
    "coupang-tw:tw",
    "alibaba:global",
    "daraz:pk",
    "miravia:es",
    "qoo10:jp",
]

#: Title, description and option text per listing language (what a translation would give).
TEXT = {
    "en": (
        "Hydrating Toner 500ml",
        "<p>Soothing toner.</p><ul><li>Volume: 500ml</li><li>All skin types</li></ul>",
        "Cotton Crew T-Shirt",
        "<p>Soft cotton tee.</p>",
        ("Color", ["Black", "White"]),
        ("Size", ["M", "L"]),
    ),
    "zh-Hant": (
        "保濕化妝水 500ml",
        "<p>舒緩化妝水。</p><ul><li>容量: 500ml</li></ul>",
        "純棉圓領T恤",
        "<p>柔軟棉質。</p>",
        ("顏色", ["黑色", "白色"]),
        ("尺寸", ["M", "L"]),
    ),
    "ja": (
        "保湿化粧水 500ml",
        "<p>なめらかな化粧水です。</p><ul><li>容量: 500ml</li></ul>",
        "綿クルーネックTシャツ",
        "<p>柔らかい綿。</p>",
        ("カラー", ["ブラック", "ホワイト"]),
        ("サイズ", ["M", "L"]),
    ),
    "es": (
        "Tónico hidratante 500ml",
        "<p>Tónico calmante.</p><ul><li>Volumen: 500ml</li></ul>",
        "Camiseta de algodón",
        "<p>Algodón suave.</p>",
        ("Color", ["Negro", "Blanco"]),
        ("Talla", ["M", "L"]),
    ),
}


def language_key(tag: str) -> str:
    return "zh-Hant" if tag.startswith("zh") else tag.split("-")[0]


def make_image(path: Path, size: tuple[int, int], color: tuple[int, int, int]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "JPEG", quality=85)
    return path


def build_products(target: Target, image_dir: Path) -> list[LocalizedProduct]:
    """Two products for ``target``: a simple one and one with two option axes (4 variants)."""
    spec = target.platform
    title1, desc1, title2, desc2, axis1, axis2 = TEXT.get(language_key(spec.language), TEXT["en"])
    side = max(1000, spec.images.min_px or 0)
    images = []
    for index, (size, color) in enumerate(
        (((side, side), (250, 250, 250)), ((side, side), (200, 220, 240))), start=1
    ):
        path = make_image(image_dir / f"src-{index}.jpg", size, color)
        images.append(
            ExportImage(
                path=path,
                name=image_file_name(spec, "KB-CS-001", index, "jpg"),
                source=f"images/{index}.jpg",
                role="main" if index == 1 else "extra",
                width=size[0],
                height=size[1],
                bytes=path.stat().st_size,
            )
        )
    tee_path = make_image(image_dir / "tee.jpg", (side, side), (30, 30, 30))
    tee_image = ExportImage(
        path=tee_path,
        name=image_file_name(spec, "KB-FS-001", 1, "jpg"),
        source="images/tee.jpg",
        width=side,
        height=side,
        bytes=tee_path.stat().st_size,
    )
    currency, decimals = spec.currency, spec.price_decimals
    price = Money(Decimal("14.99") if decimals else Decimal("420"), currency)
    price2 = Money(Decimal("19.50") if decimals else Decimal("560"), currency)
    toner = LocalizedProduct(
        sku="KB-CS-001",
        title=title1,
        description=desc1,
        source_title="수분 토너 500ml",
        source_description="<p>진정 토너</p>",
        language=spec.language,
        bullets=["Volume 500ml", "All skin types"][: spec.bullets],
        brand="Harudam",
        manufacturer="Cosmelab Co., Ltd.",
        origin="KR",
        model="HD-TN500",
        barcode="8801234567015",
        category="화장품/미용>스킨케어>스킨/토너",
        attributes={"상품정보제공고시 품명": "스킨/토너", "상품정보제공고시 제조자": "Cosmelab"},
        price=price,
        list_price=Money(price.amount * 2, currency),
        stock=320,
        weight_g=Decimal(620),
        dimensions_cm=(Decimal(7), Decimal(7), Decimal(21)),
        images=images,
        profile={
            "eu_responsible_person": "EU Rep GmbH",
            "eu_responsible_name": "EU Rep GmbH",
            "eu_responsible_address": "Hauptstr. 1, Berlin, DE",
            "eu_responsible_email": "rep@example.eu",
        },
        row=2,
    )
    variants = [
        LocalizedVariant(
            sku=f"KB-FS-001-{c[0]}{s}",
            options={axis1[0]: c, axis2[0]: s},
            price=price2,
            stock=10,
            barcode="",
        )
        for c in axis1[1]
        for s in axis2[1]
    ]
    tee = LocalizedProduct(
        sku="KB-FS-001",
        title=title2,
        description=desc2,
        source_title="면 티셔츠",
        language=spec.language,
        bullets=["100% cotton"][: spec.bullets],
        brand="Harudam",
        manufacturer="Cosmelab Co., Ltd.",
        origin="KR",
        barcode="8801234567022",
        category="패션의류>티셔츠",
        attributes={"상품정보제공고시 품명": "티셔츠", "상품정보제공고시 제조자": "Cosmelab"},
        price=price2,
        stock=40,
        weight_g=Decimal(250),
        dimensions_cm=(Decimal(30), Decimal(25), Decimal(3)),
        options=[axis1, axis2],
        variants=variants,
        images=[tee_image],
        profile=dict(toner.profile),
        row=3,
    )
    return [toner, tee]


@pytest.fixture(params=TARGETS)
def target(request: pytest.FixtureRequest) -> Target:
    return parse_target(request.param)


#: the catalog categories build_products uses
TONER_CATEGORY = "화장품/미용>스킨케어>스킨/토너"
TEE_CATEGORY = "패션의류>티셔츠"


def complete_settings() -> ListingSettings:
    """A klisting.yaml listing part that fills every account field and maps both categories."""
    return ListingSettings(
        image_base_url="https://cdn.example.com/harudam",
        categories={
            TONER_CATEGORY: {
                "amazon": "SKIN_CARE_AGENT",
                "amazon.item_type_keyword": "facial-toners",
                "shopee": "100630",
                "lazada": "10002019",
                "daraz": "10002019",
                "coupang-tw": "56137",
                "alibaba": "100009251",
                "qoo10": "320001492",
                "miravia": "201336100",
                "shopify": "hb-3-2",
            },
            TEE_CATEGORY: {
                "amazon": "SHIRT",
                "amazon.item_type_keyword": "fashion-t-shirts",
                "shopee": "100017",
                "lazada": "10000512",
                "daraz": "10000512",
                "coupang-tw": "69389",
                "alibaba": "100003070",
                "qoo10": "300000017",
                "miravia": "201335001",
                "shopify": "aa-1-13-8",
            },
        },  # fmt: skip
        accounts={
            "amazon": {"condition_type": "new_new", "gtin_exemption": True},
            "shopee": {"logistic_ids": [30001, 30005], "brand_ids": {"Harudam": 1146321}},
            "lazada": {"brand_ids": {"Harudam": 30768}},
            "daraz": {"brand_ids": {"Harudam": 41122}},
            "qoo10": {"shipping_no": "663841", "brand_nos": {"Harudam": "31552"}},
            "alibaba": {
                "moq": 10,
                "unit": "Piece/Pieces",
                "supply_quantity": 10000,
                "supply_period": "month",
                "payment_methods": ["T/T"],
                "tiers": [
                    {"min_quantity": 10, "discount_percent": 0},
                    {"min_quantity": 100, "discount_percent": 5},
                ],
            },
            "coupang-tw": {
                "vendor_id": "A00012345",
                "vendor_user_id": "harudam",
                "sale_started_at": "2026-01-01T00:00:00",
                "outbound_shipping_place_code": "74010",
                "return_center_code": "1000274592",
                "return_charge_name": "Harudam returns",
                "company_contact_number": "02-1234-5678",
                "return_zip_code": "06236",
                "return_address": "Teheran-ro 123, Gangnam-gu, Seoul",
                "return_address_detail": "5F",
                "return_charge": 5000,
                "delivery_charge_on_return": 5000,
                "delivery_company_code": "CJGLS",
                "delivery_charge_type": "FREE",
                "delivery_charge": 0,
                "free_ship_over_amount": 0,
                "outbound_shipping_time_day": 2,
                "after_service_information": "Harudam customer care",
                "after_service_contact_number": "02-1234-5678",
                "notice_category": "화장품",
            },
        },  # fmt: skip
    )
