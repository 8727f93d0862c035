"""Each real template's header set reads with no field lost (headers from the cited profiles)."""

from __future__ import annotations

from klisting.catalog import open_catalog, read_catalog
from klisting.validate import validate_catalog

# Naver Smartstore 일괄등록: a subset of the 88 real columns, in their real order and spelling
# (configs/sources/smartstore.yaml cites the public generators they come from).
SMARTSTORE_HEADER = [
    "판매자 상품코드", "카테고리코드", "상품명", "상품상태", "판매가", "부가세", "재고수량", "옵션형태",
    "옵션명", "옵션값", "옵션가", "옵션 재고수량", "대표이미지", "추가이미지", "상세설명", "브랜드",
    "제조사", "원산지코드", "수입사", "복수원산지여부", "원산지 직접입력", "상품정보제공고시 품명",
    "상품정보제공고시 모델명", "상품정보제공고시 인증허가사항", "상품정보제공고시 제조자", "판매자바코드",
]  # fmt: skip


def _smartstore_row(**overrides: object) -> list[object]:
    row = {
        "판매자 상품코드": "SS-001", "카테고리코드": "50000803", "상품명": "린넨 셔츠 여성",
        "상품상태": "신상품", "판매가": "29,000원", "부가세": "과세상품", "재고수량": "50개",
        "옵션형태": "조합형", "옵션명": "색상\n사이즈", "옵션값": "블랙,화이트\nS,M",
        "옵션가": "0\n0\n1000\n1000", "옵션 재고수량": "5\n6\n7\n8",
        "대표이미지": "https://shop.example/a.jpg",
        "추가이미지": "https://shop.example/b.jpg\nhttps://shop.example/c.jpg",
        "상세설명": "<p>시원한 린넨</p>", "브랜드": "하루담", "제조사": "(주)하루", "원산지코드": "0200037",
        "수입사": "(주)수입", "복수원산지여부": "N", "원산지 직접입력": "", "상품정보제공고시 품명": "셔츠",
        "상품정보제공고시 모델명": "HR-01", "상품정보제공고시 인증허가사항": "해당없음",
        "상품정보제공고시 제조자": "(주)하루", "판매자바코드": "8801234567893",
    }  # fmt: skip
    row.update(overrides)
    return [row[h] for h in SMARTSTORE_HEADER]


def test_smartstore_bulk_sheet_maps_every_field(write_xlsx):
    path = write_xlsx([["상품 기본정보"], SMARTSTORE_HEADER, _smartstore_row()], sheet="일괄등록")
    catalog = read_catalog(path)
    assert catalog.profile == "smartstore" and catalog.header_row == 2
    product = catalog.products[0]
    assert product.sku == "SS-001"
    assert product.category == "50000803"
    assert product.title == "린넨 셔츠 여성"
    assert str(product.price.amount) == "29000" and product.stock == 50
    assert [(a.name, a.values) for a in product.options] == [
        ("색상", ["블랙", "화이트"]),
        ("사이즈", ["S", "M"]),
    ]
    # one-per-line surcharges and stock, aligned with the combinations
    assert [(str(v.price_delta.amount), v.stock) for v in product.variants] == [
        ("0", 5), ("0", 6), ("1000", 7), ("1000", 8),
    ]  # fmt: skip
    assert [(i.src, i.role) for i in product.images] == [
        ("https://shop.example/a.jpg", "main"),
        ("https://shop.example/b.jpg", "extra"),
        ("https://shop.example/c.jpg", "extra"),
    ]
    assert product.description == "<p>시원한 린넨</p>"
    assert product.brand == "하루담" and product.manufacturer == "(주)하루"
    assert product.origin == "중국"  # 원산지코드 0200037 decoded from the data table
    assert product.model == "HR-01"
    assert product.certifications == []  # 해당없음 is "none", not a certification
    assert product.barcode == "8801234567893"
    # shop settings are kept, never dropped
    assert product.attributes["상품상태"] == "신상품"
    assert product.attributes["수입사"] == "(주)수입"
    assert product.attributes["상품정보제공고시 제조자"] == "(주)하루"


def test_smartstore_origin_code_that_lost_its_zeros(write_xlsx):
    path = write_xlsx([SMARTSTORE_HEADER, _smartstore_row(원산지코드=200037)])
    assert read_catalog(path).products[0].origin == "중국"


def test_smartstore_unknown_origin_code_is_kept_and_reported(write_xlsx):
    path = write_xlsx([SMARTSTORE_HEADER, _smartstore_row(원산지코드="0299999")])
    catalog = read_catalog(path)
    product = catalog.products[0]
    assert product.origin == ""
    assert product.attributes["원산지코드"] == "0299999"
    codes = {f.code for f in catalog.read_findings}
    assert "catalog.code-undecoded" in codes


def test_smartstore_option_list_mismatch_is_reported(write_xlsx):
    path = write_xlsx([SMARTSTORE_HEADER, _smartstore_row(옵션가="0\n1000")])
    report = validate_catalog(read_catalog(path))
    mismatch = [f for f in report.findings if f.code == "options.lists-mismatch"]
    assert mismatch and "2 option prices for 4 option combinations" in mismatch[0].message


# Coupang Wing sellertool_upload.xlsm Ver.4.6 "data" sheet (configs/sources/wing.yaml): header on
# row 2, a row of 필수/선택 marks and a row of 입력예시 below it, data from row 5.
WING_HEADER = [
    "카테고리", "등록상품명", "브랜드 ID", "제조사", "검색어", "옵션유형1", "옵션값1", "옵션유형2", "옵션값2",
    "판매가격", "할인율기준가", "재고수량", "출고리드타임", "업체상품코드", "대표(옵션)이미지", "추가이미지",
    "상세 설명",
]  # fmt: skip
WING_MARKS = ["필수", "필수", "선택", "선택", "선택", "필수", "필수", "선택", "선택", "필수", "선택",
              "필수", "필수", "선택", "필수", "선택", "필수"]  # fmt: skip
WING_EXAMPLE = ["입력예시) 패션의류>여성", "예시 상품", "", "", "", "색상", "블랙", "", "", "10000",
                "", "100", "2", "", "", "", ""]  # fmt: skip


def _wing_row(title: str, color: str, size: str, code: str) -> list[object]:
    return [
        "여성의류>셔츠", title, "12345", "(주)하루", "린넨,셔츠", "색상", color, "사이즈", size,
        "25000", "30000", "10", "2", code, f"https://cdn.example/{code}.jpg",
        "https://cdn.example/extra.jpg",
        "https://cdn.example/detail1.jpg,https://cdn.example/detail2.jpg",
    ]  # fmt: skip


def test_wing_sellertool_sheet_groups_items_and_skips_guide_rows(write_xlsx):
    path = write_xlsx(
        [
            ["쿠팡 상품 등록"],
            WING_HEADER,
            WING_MARKS,
            WING_EXAMPLE,
            _wing_row("린넨 셔츠 여성", "블랙", "S", "LS-BK-S"),
            _wing_row("린넨 셔츠 여성", "화이트", "M", "LS-WH-M"),
            _wing_row("면 바지", "네이비", "L", "CP-NV-L"),
        ]
    )
    catalog = read_catalog(path)
    assert catalog.profile == "wing" and catalog.header_row == 2
    assert [p.title for p in catalog.products] == ["린넨 셔츠 여성", "면 바지"]
    shirt = catalog.products[0]
    assert shirt.row == 5  # the guide rows 3 and 4 are not products
    assert [(v.sku, v.options) for v in shirt.variants] == [
        ("LS-BK-S", {"색상": "블랙", "사이즈": "S"}),
        ("LS-WH-M", {"색상": "화이트", "사이즈": "M"}),
    ]
    assert [(a.name, a.values) for a in shirt.options] == [
        ("색상", ["블랙", "화이트"]),
        ("사이즈", ["S", "M"]),
    ]
    assert shirt.stock == 20
    assert (
        shirt.images[0].src == "https://cdn.example/LS-BK-S.jpg" and shirt.images[0].role == "main"
    )
    # 상세 설명 holds detail image URLs: detail images, not a description made of URLs
    assert [i.src for i in shirt.images if i.role == "detail"] == [
        "https://cdn.example/detail1.jpg",
        "https://cdn.example/detail2.jpg",
    ]
    assert shirt.description == ""
    assert str(shirt.price.amount) == "25000" and str(shirt.list_price.amount) == "30000"
    assert shirt.manufacturer == "(주)하루" and shirt.category == "여성의류>셔츠"
    assert shirt.brand == "" and shirt.attributes["브랜드 ID"] == "12345"  # an id, never a name
    guide = [f for f in catalog.read_findings if f.code == "catalog.guide-row"]
    assert sorted(f.row for f in guide) == [3, 4]


# Wing 가격관리 download (configs/sources/wing.yaml): a notice row, then the header; CP949.
WING_PRICE_HEADER = [
    "노출상품ID",
    "옵션ID",
    "상품명",
    "옵션명",
    "내판매가",
    "할인율기준가",
    "판매자 상품코드",
]


def test_wing_price_export_cp949(write_csv):
    path = write_csv(
        [
            ["※ 판매가 변경은 가격관리 메뉴에서 하실 수 있습니다."],
            WING_PRICE_HEADER,
            ["7001", "90011", "린넨 셔츠", "블랙, S", "25000", "30000", "LS-BK-S"],
            ["7001", "90012", "린넨 셔츠", "화이트, M", "26000", "30000", "LS-WH-M"],
            ["7002", "90021", "면 바지", "단일상품", "19000", "", ""],
        ],
        encoding="cp949",
    )
    catalog = read_catalog(path)
    assert catalog.profile == "wing" and catalog.encoding == "cp949" and catalog.header_row == 2
    shirt, pants = catalog.products
    assert shirt.sku == "7001" and len(shirt.variants) == 2
    assert (
        shirt.variants[1].sku == "LS-WH-M" and str(shirt.variants[1].price_delta.amount) == "1000"
    )
    # 단일상품 means "no option": no fake option axis, and the option id stands in for the code
    assert pants.options == [] and pants.sku == "90021"


# Cafe24 product CSV export (configs/sources/cafe24.yaml cites the real 86-column export).
CAFE24_HEADER = [
    "상품코드", "자체 상품코드", "진열상태", "판매상태", "상품분류 번호", "상품명", "영문 상품명",
    "상품명(관리용)", "소비자가", "판매가", "옵션사용", "품목 구성방식", "옵션입력", "이미지등록(상세)",
    "제조사", "공급사", "브랜드", "트렌드", "원산지", "상품부피(cm)", "상품 전체중량(kg)", "HS코드",
]  # fmt: skip


def test_cafe24_export_falls_back_to_product_code_and_keeps_codes(write_csv):
    path = write_csv(
        [
            CAFE24_HEADER,
            [
                "P00000JT",
                "",
                "Y",
                "Y",
                "24",
                "누룽지 과자",
                "Nurungji snack",
                "누룽지(관리)",
                "0.00",
                "6300.00",
                "T",
                "C",
                "색상{블랙|화이트}//사이즈{S|M}",
                "https://shop.example/big/1.jpg",
                "M000000U",
                "S0000000",
                "B0000000",
                "T0000000",
                "1798",
                "30x20x5",
                "0.15",
                "1905901000",
            ],
        ]  # fmt: skip
    )
    catalog = read_catalog(path)
    assert catalog.profile == "cafe24"
    product = catalog.products[0]
    assert product.sku == "P00000JT"  # 자체 상품코드 is empty: 상품코드 stands in
    assert product.title == "누룽지 과자" and product.title_en == "Nurungji snack"
    assert str(product.price.amount) == "6300.00"
    assert product.list_price is None  # 소비자가 0.00 means "none"
    assert product.variant_count == 4
    assert product.weight == "0.15kg" and product.dimensions == "30x20x5cm"
    assert product.hs_code == "1905901000" and product.category == "24"
    # Cafe24's internal codes never become names
    assert product.brand == product.manufacturer == product.origin == ""
    assert product.attributes["브랜드"] == "B0000000"
    assert product.attributes["제조사"] == "M000000U"
    assert product.attributes["원산지"] == "1798"
    report = validate_catalog(catalog)
    assert not [f for f in report.findings if f.code in ("sku.missing", "price.above-list-price")]


def test_cafe24_relative_images_take_the_shop_image_base(write_csv):
    path = write_csv([CAFE24_HEADER[:6] + ["이미지등록(상세)"],
                      ["P1", "", "Y", "Y", "24", "컵", "20250730/cup.jpg"]])  # fmt: skip
    product = read_catalog(path, image_base="https://shop.example/web/product/big").products[0]
    assert product.images[0].src == "https://shop.example/web/product/big/20250730/cup.jpg"


# 11번가 bulk registration (configs/sources/elevenst.yaml: 11st's own ProductBulkExcelDef).
ELEVENST_HEADER = [
    "버전", "판매방식", "카테고리", "상품명", "상품홍보문구", "원산지", "판매자상품코드", "부가세면세상품",
    "미성년자구매가능", "대표이미지", "추가이미지1", "추가이미지2", "추가이미지3", "상세설명", "판매기간",
    "판매가", "재고수량", "상품무게", "제조사", "모델명", "브랜드", "옵션명", "옵션값", "옵션재고수량",
    "옵션가격", "영문상품명", "인증정보",
]  # fmt: skip


def test_elevenst_bulk_sheet_takes_every_numbered_image(write_xlsx):
    path = write_xlsx(
        [
            ELEVENST_HEADER,
            [
                "1",
                "고정가판매",
                "1001",
                "유기농 녹차 100g",
                "햇차",
                "국산",
                "GT-100",
                "과세",
                "Y",
                "https://img.example/1.jpg",
                "https://img.example/2.jpg",
                "",
                "https://img.example/4.jpg",
                "<div>녹차</div>",
                "365",
                "15000",
                "30",
                "0.2kg",
                "하루농원",
                "GT",
                "하루담",
                "용량",
                "100g|200g",
                "10|20",
                "0|9000",
                "Organic green tea",
                "해당없음",
            ],
        ]  # fmt: skip
    )
    catalog = read_catalog(path)
    assert catalog.profile == "elevenst"
    product = catalog.products[0]
    assert product.sku == "GT-100" and product.title == "유기농 녹차 100g"
    assert [i.src for i in product.images] == [
        "https://img.example/1.jpg",
        "https://img.example/2.jpg",
        "https://img.example/4.jpg",
    ]
    assert product.origin == "국산" and product.weight == "0.2kg"
    assert [(a.name, a.values) for a in product.options] == [("용량", ["100g", "200g"])]
    assert [(str(v.price_delta.amount), v.stock) for v in product.variants] == [
        ("0", 10), ("9000", 20),
    ]  # fmt: skip
    assert product.certifications == [] and product.title_en == "Organic green tea"
    assert product.attributes["상품홍보문구"] == "햇차"


# ESM PLUS (G마켓/옥션) bulk sheet (configs/sources/esm.yaml).
ESM_HEADER = [
    "판매자관리코드", "옥션ID", "G마켓ID", "상품명", "ESM 카테고리코드", "옥션 카테고리코드",
    "G마켓 카테고리코드", "판매가", "옵션 타입", "옵션명", "기본이미지", "추가이미지", "상품상세설명",
    "배송정보 템플릿 코드", "고시정보 템플릿 코드",
]  # fmt: skip


def test_esm_bulk_sheet(write_xlsx):
    path = write_xlsx(
        [
            ESM_HEADER,
            [
                "ESM-1",
                "seller_a",
                "seller_g",
                "캠핑 의자",
                "300001",
                "A1",
                "G1",
                "45000",
                "미사용",
                "",
                "https://img.example/c.jpg",
                "https://img.example/d.jpg,https://img.example/e.jpg",
                "<p>접이식</p>",
                "D100",
                "N200",
            ],
        ]  # fmt: skip
    )
    catalog = read_catalog(path)
    assert catalog.profile == "esm"
    product = catalog.products[0]
    assert product.sku == "ESM-1" and product.category == "300001"
    assert [i.role for i in product.images] == ["main", "extra", "extra"]
    assert product.description == "<p>접이식</p>"
    assert product.attributes["배송정보 템플릿 코드"] == "D100"


def test_a_smartstore_style_sheet_nobody_here_wrote(write_csv):
    """The sheet of the issue: decorated headers, no template signature."""
    path = write_csv(
        [
            [
                "상품명*",
                "판매가(원)",
                "재고",
                "옵션명",
                "옵션값",
                "대표이미지URL",
                "상세설명 HTML",
                "[선택] 브랜드",
            ],
            [
                "머그컵",
                "12000",
                "5",
                "색상",
                "블랙,화이트",
                "https://i.example/m.jpg",
                "<p>도자기</p>",
                "하루담",
            ],
        ]
    )
    catalog = read_catalog(path)
    product = catalog.products[0]
    assert catalog.mapping == {
        "상품명*": "title",
        "판매가(원)": "price",
        "재고": "stock",
        "옵션명": "option_names",
        "옵션값": "option_values",
        "대표이미지URL": "image_main",
        "상세설명 HTML": "description",
        "[선택] 브랜드": "brand",
    }
    assert product.description == "<p>도자기</p>"
    assert [(a.name, a.values) for a in product.options] == [("색상", ["블랙", "화이트"])]
    assert product.brand == "하루담"


def test_inspect_decisions_name_evidence_and_runner_up(write_csv):
    path = write_csv([["관리코드", "상품코드", "상품명", "판매가"], ["", "P1", "컵", "1000"]])
    decisions = {d.header: d for d in open_catalog(path).match.decisions}
    assert decisions["상품코드"].field == "sku"
    empty = decisions["관리코드"]
    assert empty.field is None and "column empty" in (
        empty.runner_up.evidence if empty.runner_up else ""
    )
    assert "vocabulary" in decisions["상품명"].evidence
