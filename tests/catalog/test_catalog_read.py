"""Reading catalogs: formats, encodings, header rows, profiles and values."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from klisting.catalog import read_catalog
from klisting.errors import InputError
from tests.conftest import SAMPLES

HEADER = ["상품코드", "상품명", "판매가", "재고수량", "옵션", "무게"]
ROW = ["A-1", "수분 토너 500ml", "12,900원", "100개", "색상:블랙,화이트/사이즈:S,M,L", "1.2kg"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr", "utf-16"])
def test_encodings_are_detected(write_csv, encoding):
    path = write_csv([HEADER, ROW], encoding=encoding)
    catalog = read_catalog(path)
    product = catalog.products[0]
    assert product.title == "수분 토너 500ml"
    assert product.price.amount == Decimal(12900)
    assert catalog.encoding.replace("-sig", "").replace("euc-kr", "cp949") in (
        "utf-8",
        "cp949",
        "utf-16",
    )


@pytest.mark.parametrize(
    "delimiter,expected", [(",", "csv"), ("\t", "tsv"), (";", "csv"), ("|", "csv")]
)
def test_delimiter_is_sniffed(write_csv, delimiter, expected):
    path = write_csv([HEADER, ROW], delimiter=delimiter)
    catalog = read_catalog(path)
    assert catalog.format == expected
    assert catalog.products[0].sku == "A-1"


def test_notice_rows_above_header_are_skipped(write_csv):
    path = write_csv([["※ 필수 입력 항목입니다", "", ""], ["상품 기본정보"], HEADER, ROW])
    catalog = read_catalog(path)
    assert catalog.header_row == 3
    assert catalog.products[0].row == 4


def test_values_the_korean_way(write_csv):
    catalog = read_catalog(write_csv([HEADER, ROW]))
    product = catalog.products[0]
    assert product.stock == 100
    assert [(a.name, a.values) for a in product.options] == [
        ("색상", ["블랙", "화이트"]),
        ("사이즈", ["S", "M", "L"]),
    ]
    assert product.variant_count == 6 and len(product.variant_list()) == 6
    assert product.weight == "1.2kg"


def test_json_lines_and_json_object_with_products(tmp_path):
    lines = tmp_path / "c.jsonl"
    lines.write_text(
        "\n".join(
            json.dumps(dict(zip(HEADER, ROW, strict=True)), ensure_ascii=False) for _ in range(2)
        ),
        encoding="utf-8",
    )
    assert read_catalog(lines).format == "jsonl"
    doc = tmp_path / "c.data"  # the extension says nothing; the content decides
    doc.write_text(
        json.dumps({"products": [dict(zip(HEADER, ROW, strict=True))]}, ensure_ascii=False),
        encoding="utf-8",
    )
    catalog = read_catalog(doc)
    assert catalog.format == "json" and catalog.products[0].sku == "A-1"


def test_samples_pick_their_profiles():
    assert read_catalog(SAMPLES / "smartstore_products.xlsx").profile == "smartstore"
    assert read_catalog(SAMPLES / "wing_products.csv").profile == "wing"
    assert read_catalog(SAMPLES / "catalog.json").profile == "generic"


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as error:
        read_catalog(tmp_path / "nope.csv")
    assert "no such file" in error.value.message


def test_one_row_per_variant_with_english_headers(write_csv):
    # Shopify-style export: rows share a handle; the first row carries the product.
    path = write_csv([
        ["Handle", "Title", "Option1 Name", "Option1 Value", "Variant SKU", "Variant Price", "Variant Inventory Qty", "Variant Grams"],
        ["toner", "수분 토너", "Size", "500ml", "TN-500", "18900", "30", "620"],
        ["toner", "", "", "250ml", "TN-250", "11900", "12", "320"],
    ])  # fmt: skip
    catalog = read_catalog(path)
    assert catalog.unmapped == []
    [product] = catalog.products
    assert product.sku == "toner" and product.stock == 42 and product.weight == "620g"
    assert [(a.name, a.values) for a in product.options] == [("Size", ["500ml", "250ml"])]
    assert [(v.sku, v.options, str(v.price_delta.amount)) for v in product.variants] == [
        ("TN-500", {"Size": "500ml"}, "0"),
        ("TN-250", {"Size": "250ml"}, "-7000"),
    ]


def test_header_units_in_brackets_and_words():
    from klisting.catalog.values import header_unit, with_header_unit

    assert [header_unit(h) for h in ["무게(kg)", "Weight [g]", "Variant Grams", "용량 (ml)", "무게", "Program"]] == [
        "kg", "g", "g", "ml", None, None,
    ]  # fmt: skip
    assert with_header_unit("1.5", "kg") == "1.5kg" and with_header_unit("1.5kg", "g") == "1.5kg"


def test_cafe24_export_options_units_and_encoding(write_csv):
    header = [
        "상품코드",
        "자체 상품코드",
        "진열상태",
        "상품명",
        "영문 상품명",
        "판매가",
        "옵션입력",
        "상품부피(cm)",
        "상품 전체중량(kg)",
        "HS코드",
    ]
    row = [
        "P0000ABC",
        "HD-001",
        "Y",
        "보습 크림",
        "Moisture Cream",
        "19800.00",
        "색상{블랙|화이트}//용량{50ml|100ml}",
        "10x10x8",
        "0.25",
        "3304.99",
    ]
    catalog = read_catalog(write_csv([header, row], encoding="cp949"))
    product = catalog.products[0]
    assert catalog.profile == "cafe24" and catalog.encoding == "cp949"
    assert (product.sku, product.title_en, product.hs_code) == (
        "HD-001",
        "Moisture Cream",
        "3304.99",
    )
    assert [(a.name, a.values) for a in product.options] == [
        ("색상", ["블랙", "화이트"]),
        ("용량", ["50ml", "100ml"]),
    ]
    assert (product.dimensions, product.weight) == ("10x10x8cm", "0.25kg")


@pytest.mark.parametrize(
    "text,stock", [("품절", 0), ("일시품절", 0), ("Sold out", 0), ("1,200개", 1200), ("15 EA", 15)]
)
def test_stock_as_sellers_write_it(text, stock):
    from klisting.catalog.values import parse_int

    assert parse_int(text) == stock


def test_a_column_per_option_axis_and_required_marks(write_csv):
    path = write_csv([
        ["※ *표시는 필수 항목입니다"],
        ["*상품코드", "*상품명", "*판매가", "색상", "사이즈"],
        ["A-1", "린넨 셔츠", "39,000원", "화이트, 블랙", "S,M,L"],
    ])  # fmt: skip
    catalog = read_catalog(path)
    assert catalog.header_row == 2
    product = catalog.products[0]
    assert (product.sku, product.title, str(product.price.amount)) == ("A-1", "린넨 셔츠", "39000")
    assert [(a.name, a.values) for a in product.options] == [
        ("색상", ["화이트", "블랙"]),
        ("사이즈", ["S", "M", "L"]),
    ]
    assert product.variant_count == 6


def test_option_values_with_a_price_in_brackets_stay_whole():
    from klisting.catalog.values import parse_combined_options, split_values

    assert split_values("블랙(+2,000원), 화이트|네이비 [1,000원 추가]") == [
        "블랙(+2,000원)",
        "화이트",
        "네이비 [1,000원 추가]",
    ]
    assert parse_combined_options("색상:블랙(+2,000원),화이트") == [
        ("색상", ["블랙(+2,000원)", "화이트"])
    ]


def test_a_guide_sheet_before_the_product_sheet_is_skipped(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    guide = book.active
    guide.title = "작성 가이드"
    guide.append(["이 시트는 작성 방법 안내입니다"])
    guide.append(["1. 상품코드는 중복되면 안 됩니다", "2. 가격은 숫자로"])
    products = book.create_sheet("상품목록")
    products.append(HEADER)
    products.append(ROW)
    path = tmp_path / "two_sheets.xlsx"
    book.save(path)
    catalog = read_catalog(path)
    assert catalog.sheet == "상품목록" and catalog.products[0].sku == "A-1"
    assert read_catalog(path, sheet="작성 가이드").sheet == "작성 가이드"
