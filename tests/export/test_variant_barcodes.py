"""One GTIN identifies one sellable item: a product's barcode is never copied onto several variants."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from klisting.export.gates import check_product
from klisting.export.rows import variant_barcode
from klisting.export.writers import write_listing_files
from klisting.markets.targets import parse_target
from tests.export.conftest import build_products


def _shirt(target_id: str, tmp_path: Path):
    target = parse_target(target_id)
    shirt = next(p for p in build_products(target, tmp_path) if len(p.variants) > 1)
    shirt.barcode = "8801234567022"
    for variant in shirt.variants:
        variant.barcode = ""
    return target, shirt


def test_variants_without_their_own_barcode_get_none(tmp_path: Path) -> None:
    target, shirt = _shirt("shopify:us", tmp_path)
    assert all(variant_barcode(shirt, v) == "" for v in shirt.variants)
    shirt.variants[0].barcode = "8801234567039"
    assert variant_barcode(shirt, shirt.variants[0]) == "8801234567039"
    written = write_listing_files([shirt], target.platform, tmp_path / "out")
    table = next(p for p in written if p.name == "products.csv").read_text(encoding="utf-8")
    barcodes = [row["Barcode"] for row in csv.DictReader(io.StringIO(table)) if row["SKU"]]
    assert barcodes.count("8801234567022") == 0 and barcodes[0] == "8801234567039"


def test_a_single_variant_product_keeps_the_product_barcode(tmp_path: Path) -> None:
    target = parse_target("amazon:us")
    toner = next(p for p in build_products(target, tmp_path) if len(p.variants) <= 1)
    toner.barcode = "8801234567893"
    written = write_listing_files([toner], target.platform, tmp_path / "out")
    listing = next(p for p in written if p.suffix == ".json")
    data = json.loads(listing.read_text(encoding="utf-8"))
    assert "8801234567893" in json.dumps(data)


def test_amazon_warns_about_variants_without_a_barcode(tmp_path: Path) -> None:
    target, shirt = _shirt("amazon:us", tmp_path)
    codes = {f.code for f in check_product(shirt, target.platform, target.id)}
    assert "export.variant-barcode-missing" in codes
    written = write_listing_files([shirt], target.platform, tmp_path / "out")
    children = [json.loads(p.read_text(encoding="utf-8")) for p in written if p.suffix == ".json"]
    assert children and "8801234567022" not in json.dumps(children)
