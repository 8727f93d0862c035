"""The parallel validator finds exactly what the serial one finds."""

from __future__ import annotations

from klisting.catalog import read_catalog
from klisting.markets.targets import parse_target
from klisting.validate import parallel, validate_catalog
from klisting.validate.parallel import validate_file


def test_parallel_equals_serial(write_csv, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    rows = [["상품코드", "상품명", "판매가", "재고수량", "무게", "바코드"]]
    for i in range(300):
        sku = f"S{i % 250}"  # duplicates across chunks
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
    key = lambda f: (f.row or 0, f.code, f.field or "", f.message)  # noqa: E731
    assert sorted(map(key, fast.findings)) == sorted(map(key, serial.findings))
    assert {f.code for f in fast.findings} >= {
        "sku.duplicate",
        "price.not-positive",
        "title.banned-chars",
        "stock.negative",
        "quantity.unparseable",
        "barcode.bad-check-digit",
    }
    assert fast.products == serial.products == 301
    assert "catalog.ragged-row" in {f.code for f in fast.findings}
