"""Coupang's originalPrice is never below the item's salePrice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from klisting.export.writers.marketplaces import coupang_product
from klisting.markets.targets import parse_target
from klisting.model import Money
from tests.export.conftest import build_products, complete_settings


def test_a_variant_dearer_than_the_list_price_keeps_original_at_least_sale(tmp_path: Path) -> None:
    target = parse_target("coupang-tw:tw")
    shirt = next(p for p in build_products(target, tmp_path) if len(p.variants) > 1)
    shirt.list_price = Money(Decimal(500), "TWD")
    shirt.variants[0].price = Money(Decimal(800), "TWD")
    items = coupang_product(shirt, target.platform, complete_settings().context(target.id))["items"]
    assert all(item["originalPrice"] >= item["salePrice"] for item in items)
    assert items[0]["salePrice"] == 800 and items[0]["originalPrice"] == 800
