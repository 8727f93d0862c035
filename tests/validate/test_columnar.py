"""The columnar engine reports exactly what the per-product path reports, on varied catalogs."""

from __future__ import annotations

import json
import random
import re

import pytest

from klisting.catalog import read_catalog
from klisting.markets.targets import parse_target
from klisting.validate import validate_catalog
from klisting.validate.columnar import validate_path
from klisting.validate.frames import open_frames
from klisting.validate.parallel import validate_file
from tests.conftest import SAMPLES

TARGETS = ["amazon:us", "shopee:tw", "qoo10:jp", "lazada:sg"]


def _as_data(report) -> list[dict]:
    return [{**f.to_json(), "file": f.file} for f in report.findings]


def assert_same(path, targets=TARGETS, **read_options) -> list[dict]:
    """Both engines on ``path``: identical findings, in the same order, and product counts."""
    parsed = [parse_target(t) for t in targets]
    serial = validate_catalog(read_catalog(path, **read_options), parsed)
    columnar = validate_path(path, parsed, **read_options)
    assert _as_data(columnar) == _as_data(serial)
    assert columnar.products == serial.products
    assert columnar.summary() == serial.summary()
    return _as_data(serial)


@pytest.mark.parametrize(
    "name", ["broken_catalog.csv", "catalog.json", "smartstore_products.xlsx", "wing_products.csv"]
)
@pytest.mark.parametrize("targets", [[], TARGETS])
def test_sample_catalogs(name, targets):
    found = assert_same(SAMPLES / name, targets)
    if name == "broken_catalog.csv":
        assert len(found) > 10


def test_parallel_entry_point_equals_serial(write_csv):
    rows = [["상품코드", "상품명", "판매가", "재고수량", "무게", "바코드"]]
    for i in range(300):
        sku = f"S{i % 250}"  # duplicates
        price = "0" if i % 37 == 0 else f"{1000 + i}원"
        rows.append(
            [
                sku,
                f"상품 {i}!" if i % 11 == 0 else f"상품 {i}",
                price,
                str(-i if i % 53 == 0 else i),
                "약간" if i % 41 == 0 else "1kg",
                "8801234567890" if i % 29 == 0 else "",
            ]
        )
    rows.insert(5, ["S-RAGGED", "행이 깁니다", "1000", "1", "1kg", "", "EXTRA"])
    path = write_csv(rows)
    targets = [parse_target("amazon:us")]
    serial = validate_catalog(read_catalog(path), targets)
    fast = validate_file(path, targets, jobs=2)
    assert _as_data(fast) == _as_data(serial)
    assert {f.code for f in fast.findings} >= {
        "sku.duplicate",
        "price.not-positive",
        "title.banned-chars",
        "stock.negative",
        "quantity.unparseable",
        "barcode.bad-check-digit",
        "catalog.ragged-row",
    }
    assert fast.products == serial.products == 301


# Cells that exercise every check's edge: each column draws from its list.
EDGES = {
    "상품코드": ["A-1", "", " B 2 ", "C\x07", "D-4", "D-4", "E\u3000", "\u3000F\u00a0"],
    "상품명": [
        "수분 크림 50ml",
        "",
        "   ",
        "무료배송 세일 크림",
        "크림 😀",
        "크림\x01",
        "가" * 260,
        "짧",
        "크림 ★ 특가",
        "Free Shipping 크림",
        "FREE SHIPPING",
        "크림\u200d",
    ],
    "판매가": [
        "12,900원",
        "12900",
        "",
        "가격문의",
        "0",
        "-100",
        "1.2만원",
        "₩ 9,900",
        "6300.00",
        "원",
        "١٢٣",
        "KRW 5000",
        "99999999999999999999",
    ],
    "정가": ["", "15000", "100", "무료", "12,900"],
    "재고수량": ["10", "", "품절", "100개", "-3", "10.5", "many", "١٠", "0"],
    "카테고리": ["생활>주방", "", " "],
    "브랜드": ["하루담", ""],
    "바코드": [
        "",
        "8801234567893",
        "8801234567890",
        "880-1234-567893",
        "12345678",
        "96385074",
        "abc",
        "123",
        "٨٨٠١٢٣٤٥٦٧٨٩٣",
        "0012345678905",
        "00123456789050",
    ],
    "무게": ["500g", "", "1kg", "약간", "-1kg", "0g", "500ml", "1.2", "10x10x5cm"],
    "용량": ["", "500ml", "1L", "500g", "반병"],
    "크기": ["", "30x20x10cm", "30x20", "0x1x1cm", "큼"],
    "옵션": [
        "",
        "색상:블랙,화이트",
        "색상:블랙,블랙",
        "색상:",
        "블랙,화이트",
        "색상:" + ",".join(f"C{i}" for i in range(40)),
        "a:1/b:2/c:3/d:4",
        "색상{블랙|화이트}//사이즈{S|M}",
        "이름이아주아주아주아주아주아주아주긴옵션명입니다:A,B",
    ],
    "대표이미지": [
        "https://shop.example.com/a.jpg",
        "",
        "HTTPS://SHOP.EXAMPLE.COM/B.JPG",
        "https://a.example/1.jpg|https://a.example/2.jpg",
        "|".join(f"https://a.example/{i}.jpg" for i in range(12)),
        "ftp://x/y.jpg",
        "http:///nohost.jpg",
        "missing.jpg",
        "data:image/png;base64,AAAA",
        "https://a.example/x y.jpg",
        "httpſ://a.example/1.jpg",
        "https://a.example/1.jpg, https://a.example/2.jpg",
    ],
    "상세설명": [
        "<p>좋은 상품</p>",
        "",
        "그냥 텍스트",
        "<script>alert(1)</script>",
        "<a href=x onclick = 'y'>",
        "javascript:void(0)",
        "<ſcript>",
        "가" * 3000,
        "<IFRAME src=x>",
    ],
}


def _edge_rows(count: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    header = list(EDGES)
    rows = [header]
    for n in range(count):
        rows.append([rng.choice(EDGES[h]) if rng.random() < 0.5 else EDGES[h][0] for h in header])
        if n % 17 == 0:
            rows[-1][0] = f"U-{n}"
    return rows


def _fast_path_holds(path) -> bool:
    frames = open_frames(path)
    return frames.fast and sum(b.frame.height for b in frames.batches()) > 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_edge_cells_csv(write_csv, seed):
    path = write_csv(_edge_rows(400, seed))
    assert _fast_path_holds(path)  # polars parsed it: the comparison covers the fast path
    found = assert_same(path)
    codes = {f["code"] for f in found}
    assert len(codes) > 30  # the edges reach most checks


def test_edge_cells_in_a_workbook_and_json(tmp_path):
    from openpyxl import Workbook

    rows = _edge_rows(200, 5)
    book = Workbook()
    sheet = book.active
    for row in rows:  # workbooks cannot hold control characters
        sheet.append([re.sub(r"[\x00-\x1f]", "", cell) for cell in row])
    sheet.append(["N-1", "숫자 셀", 12900, 15000.0, 10, "생활", "하루담", 8801234567893])
    sheet.append(["N-2", "숫자 셀", 12.5, None, 10.5, "생활", "", 123])
    xlsx = tmp_path / "edges.xlsx"
    book.save(xlsx)
    assert_same(xlsx)
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    records += [
        {"상품코드": "J-1", "상품명": "JSON", "판매가": 1000, "대표이미지": ["a.jpg", "b.jpg"]}
    ]
    records += [
        {"상품코드": "J-2", "상품명": "JSON", "판매가": True, "옵션": {"색상": ["블랙"]}},
        7,
    ]
    path = tmp_path / "edges.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    assert_same(path)


@pytest.mark.parametrize(
    "variant",
    [
        "cp949",
        "bom",
        "crlf",
        "tsv",
        "notice-above-header",
        "quoted-newline",
        "blank-lines",
        "crlf-blank-lines",
        "lone-cr",
        "lone-cr-late",
        "x1c-whitespace",
        "trailing-delimiter",
    ],
)
def test_reader_behaviour_is_kept(write_csv, tmp_path, variant):
    rows = _edge_rows(120, 9)
    if variant == "quoted-newline":
        rows[7][1] = "두 줄\n제목"
    if variant == "notice-above-header":
        rows = [["※ 작성 안내: 상품코드는 필수"], ["", ""], *rows]
    if variant == "x1c-whitespace":  # whitespace to Python's strip(), not to Rust's trim()
        rows[3][0], rows[4] = "\x1cS-1C\x1d", ["\x1c"] * len(rows[4])
    if variant == "trailing-delimiter":
        rows = [row + [""] for row in rows]
        rows[0].pop()
    if variant == "cp949":  # keep only what CP949 can hold
        rows = [[c.encode("cp949", "replace").decode("cp949") for c in r] for r in rows]
    path = write_csv(
        rows,
        encoding="cp949" if variant == "cp949" else "utf-8",
        delimiter="\t" if variant == "tsv" else ",",
    )
    data = path.read_bytes()
    if variant == "bom":
        data = b"\xef\xbb\xbf" + data
    if variant == "crlf":
        data = data.replace(b"\n", b"\r\n")
    if variant in ("blank-lines", "crlf-blank-lines"):
        lines = data.split(b"\n")
        lines[10:10] = [b"", b" ,,", b""]
        data = b"\n".join(lines) + b"\n\n"
    if variant == "crlf-blank-lines":
        data = data.replace(b"\n", b"\r\n")
    if variant == "lone-cr":
        data = data.replace(b"\n", b"\r", 2)
    if variant == "lone-cr-late":  # after the header scan: found in a block, not in the head
        lines = data.split(b"\n")
        lines[60] = lines[60] + b"\r" + lines[61]
        del lines[61]
        data = b"\n".join(lines)
    path.write_bytes(data)
    assert_same(path)
    if variant in ("bom", "crlf", "tsv", "notice-above-header", "blank-lines", "crlf-blank-lines"):
        assert _fast_path_holds(path)


def test_plain_csv_streams_in_batches(write_csv):
    """A plain UTF-8 CSV is read by polars batch by batch, with the reader's row numbers."""
    path = write_csv(_edge_rows(250, 6))
    frames = open_frames(path, block_bytes=4096)
    assert frames.fast
    batches = list(frames.batches())
    assert len(batches) >= 3
    assert batches[0].frame["row"][0] == 2
    serial = [p.row for p in read_catalog(path).products]
    assert [r for b in batches for r in b.frame["row"]] == serial


def test_only_failing_rows_become_products(write_csv, monkeypatch):
    from klisting.catalog.build import ProductBuilder

    rows = [["상품코드", "상품명", "판매가", "재고수량", "카테고리", "대표이미지", "상세설명"]]
    rows += [
        [f"S-{i}", f"상품 {i}", "12,900원", "5", "생활", f"https://a.example/{i}.jpg", "설명"]
        for i in range(500)
    ]
    rows[100][2] = "가격문의"
    path = write_csv(rows)
    built = []
    original = ProductBuilder.build
    monkeypatch.setattr(
        ProductBuilder, "build", lambda self, n, c: built.append(n) or original(self, n, c)
    )
    report = validate_path(path, [parse_target("shopify:us")])
    # the product-level findings; catalog-level ones (absent option and weight columns) aside
    assert [f.code for f in report.findings if f.sku] == ["price.not-a-number"]
    assert 101 in built and len([n for n in built if n]) == 1  # row 0: per-distinct-input stubs


def test_a_check_without_columnar_form_still_runs_on_every_row(write_csv, monkeypatch):
    from klisting.validate import registry
    from klisting.validate.registry import Code, product_check

    before = list(registry.PRODUCT_CHECKS)

    @product_check(Code("test.even-row", registry.Severity.INFO, "sku", "even row", "none"))
    def check_even(product, ctx):
        if product.row % 2 == 0 and ctx.target is None:
            yield ctx.finding("test.even-row", product, f"row {product.row} is even")

    try:
        path = write_csv(
            [["상품코드", "상품명", "판매가"], *[[f"S{i}", "상품", "1000"] for i in range(9)]]
        )
        found = assert_same(path, [])
        assert [f["row"] for f in found if f["code"] == "test.even-row"] == [2, 4, 6, 8, 10]
    finally:
        registry.PRODUCT_CHECKS[:] = before
        registry.CODES.pop("test.even-row", None)


def test_python_whitespace_set_is_complete():
    from klisting.validate.exprs import PY_WHITESPACE

    every = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
    assert every == PY_WHITESPACE
