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
    assert catalog.encoding.replace("-sig", "").replace("euc-kr", "cp949") in ("utf-8", "cp949", "utf-16")


@pytest.mark.parametrize("delimiter,expected", [(",", "csv"), ("\t", "tsv"), (";", "csv"), ("|", "csv")])
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
    assert [(a.name, a.values) for a in product.options] == [("색상", ["블랙", "화이트"]), ("사이즈", ["S", "M", "L"])]
    assert product.variant_count == 6 and len(product.variant_list()) == 6
    assert product.weight == "1.2kg"


def test_json_lines_and_json_object_with_products(tmp_path):
    lines = tmp_path / "c.jsonl"
    lines.write_text("\n".join(json.dumps(dict(zip(HEADER, ROW, strict=True)), ensure_ascii=False) for _ in range(2)), encoding="utf-8")
    assert read_catalog(lines).format == "jsonl"
    doc = tmp_path / "c.data"  # the extension says nothing; the content decides
    doc.write_text(json.dumps({"products": [dict(zip(HEADER, ROW, strict=True))]}, ensure_ascii=False), encoding="utf-8")
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
